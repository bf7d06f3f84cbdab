package org.magflow.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.magflow.output.chart.ChartWriter;
import org.magflow.output.chart.ResultData;
import org.magflow.output.chart.ResultInputException;
import org.magflow.output.report.BriefingReport;
import org.magflow.run.InputException;
import org.magflow.scenario.Problem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code magflow report RESULT_DIR...}: writes a self-contained HTML briefing on one or more runs. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = {"Write a self-contained HTML briefing from result folders: the question, the scenario and its "
        + "policy timeline, key figures, charts, assumptions and sources. With several folders it starts with a "
        + "side-by-side comparison. Open it in a browser; print it to PDF from there.",
        "Default output: RESULT_DIR/report.html for one folder, report.html in the working folder for several."})
final class ReportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "RESULT_DIR", arity = "1..*", description = "Result folders written by magflow run.")
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
}
