package org.magflow.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.magflow.output.chart.ChartWriter;
import org.magflow.output.chart.ResultData;
import org.magflow.output.chart.ResultInputException;
import org.magflow.output.chart.SweepData;
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
    var problem = ChartWriter.renderingProblem();
    if (problem.isPresent()) {
      spec.commandLine().getErr().println("magflow: cannot draw charts: " + problem.get() + ". "
          + ChartWriter.FONT_ADVICE);
      return MagflowCli.INTERNAL_ERROR;
    }
    if (resultDirs.stream().anyMatch(d -> SweepData.isSweepFolder(d) || SweepData.isUnfinishedSweep(d))) {
      return sweep();
    }
    var runs = new ArrayList<ResultData>();
    var problems = new ArrayList<Problem>();
    for (Path dir : resultDirs) {
      try {
        runs.add(ResultData.load(dir));
      } catch (ResultInputException e) {
        problems.add(new Problem(e.source(), "", 0, 0, e.getMessage()));
      }
    }
    if (!problems.isEmpty()) throw new InputException(problems); // every bad folder at once
    Path file = out != null ? out
        : runs.size() == 1 ? resultDirs.get(0).resolve(BriefingReport.FILE_NAME) : Path.of(BriefingReport.FILE_NAME);
    try {
      new BriefingReport().write(runs, file);
    } catch (ResultInputException e) {
      throw new InputException(List.of(new Problem(e.source(), "", 0, 0, e.getMessage())));
    }
    var stdout = spec.commandLine().getOut();
    stdout.println("Wrote " + file);
    stdout.flush();
    return MagflowCli.OK;
  }

  /** The briefing on one sweep folder. */
  private Integer sweep() throws Exception {
    if (resultDirs.size() > 1) {
      throw new InputException(List.of(new Problem(resultDirs.stream()
          .filter(d -> SweepData.isSweepFolder(d) || SweepData.isUnfinishedSweep(d)).findFirst().orElseThrow()
          .toString(), "", 0, 0, "a sweep folder is reported on its own: give it alone (its briefing covers "
          + "every run of the sweep), or give result folders of single runs to compare them")));
    }
    Path dir = resultDirs.get(0);
    Path file = out != null ? out : dir.resolve(BriefingReport.FILE_NAME);
    try {
      new SweepReport().write(SweepData.load(dir), file);
    } catch (ResultInputException e) {
      throw new InputException(List.of(new Problem(e.source(), "", 0, 0, e.getMessage())));
    }
    var stdout = spec.commandLine().getOut();
    stdout.println("Wrote " + file);
    stdout.flush();
    return MagflowCli.OK;
  }
}
