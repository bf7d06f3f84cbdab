package org.magflow.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.magflow.output.OutputTarget;
import org.magflow.output.chart.ResultData;
import org.magflow.output.chart.ResultInputException;
import org.magflow.output.chart.SweepData;
import org.magflow.backtest.Backtest;
import org.magflow.output.report.BriefingReport;
import org.magflow.output.report.SweepReport;
import org.magflow.run.InputException;
import org.magflow.scenario.Problem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code magflow report RESULT_DIR...}: writes a self-contained HTML briefing on one or more runs, or a sweep. */
@Command(name = "report", mixinStandardHelpOptions = true,
    footer = {"%nExamples:", "  magflow report results/september-2025-us-squeeze", "  magflow report results/baseline results/september-2025-us-squeeze -o briefing.html"},
    description = {"Write a self-contained HTML briefing from result folders: the question, the scenario and its "
        + "policy timeline, key figures, charts, assumptions and sources. With several folders it starts with a "
        + "side-by-side comparison. Open it in a browser; print it to PDF from there.",
        "Given a sweep folder (one with sweep.json), a briefing on the sweep: the question and design, what it "
            + "found, the statistics per point, its charts and provenance.",
        "Default output: RESULT_DIR/report.html for one folder, report.html in the working folder for several."})
final class ReportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "RESULT_DIR", arity = "1..*",
      description = "Result folders written by magflow run, or one sweep folder written by magflow sweep.")
  List<Path> resultDirs;

  @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "The HTML file to write.")
  Path out;

  @Override
  public Integer call() throws Exception {
    var cannotDraw = ResultInputs.cannotDraw(spec.commandLine().getErr());
    if (cannotDraw.isPresent()) return cannotDraw.get();
    refuseRepeats();
    Optional<Path> sweep = resultDirs.stream().filter(ResultInputs::isSweep).findFirst();
    if (sweep.isPresent() && resultDirs.size() > 1) {
      throw InputException.at(sweep.get().toString(), "a sweep folder is reported on its own: give it alone (its"
          + " briefing covers every run of the sweep), or give result folders of single runs to compare them");
    }
    Path file = out != null ? out
        : resultDirs.size() == 1 ? resultDirs.get(0).resolve(BriefingReport.FILE_NAME) : Path.of(BriefingReport.FILE_NAME);
    try {
      if (sweep.isPresent()) {
        SweepData data = SweepData.load(sweep.get());
        ResultInputs.checkTarget(file, OutputTarget.replaceReport(file));
        new SweepReport().write(data, file); // atomically: an earlier briefing survives a failure
      } else {
        List<ResultData> runs = loadRuns();
        ResultInputs.checkTarget(file, OutputTarget.replaceReport(file));
        new BriefingReport(Backtest::against).write(runs, file);
      }
    } catch (ResultInputException e) {
      throw ResultInputs.badInput(e);
    }
    var stdout = spec.commandLine().getOut();
    stdout.println("Wrote " + file);
    stdout.flush();
    return MagflowCli.OK;
  }

  /** Refuses a folder given twice, however its path is written: a briefing compares different runs. */
  private void refuseRepeats() throws InputException {
    var seen = new HashMap<Path, Path>();
    for (Path dir : resultDirs) {
      Path same = seen.putIfAbsent(identity(dir), dir);
      if (same != null) {
        throw InputException.at(dir.toString(), "is the same folder as " + same + ", given before; give each"
            + " result folder once");
      }
    }
  }

  private static Path identity(Path dir) {
    try {
      return dir.toRealPath();
    } catch (IOException e) {
      return dir.toAbsolutePath().normalize(); // missing: loading it says so
    }
  }

  /** Every run's result folder, or every problem with them at once. */
  private List<ResultData> loadRuns() throws InputException {
    var runs = new ArrayList<ResultData>();
    var problems = new ArrayList<Problem>();
    for (Path dir : resultDirs) {
      try {
        runs.add(ResultData.load(dir));
      } catch (ResultInputException e) {
        problems.addAll(ResultInputs.badInput(e).problems());
      }
    }
    if (!problems.isEmpty()) throw new InputException(problems);
    return runs;
  }
}
