package org.magflow.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.magflow.calibrate.Calibration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code magflow calibrate FILE}: fits a scenario's uncertain parameters to observed series. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
    description = {"Fit a base scenario's parameters (the sweep's path syntax, with ranges as bounds) to observed"
        + " series with CMA-ES or BOBYQA, on common random numbers.",
        "Writes fit.csv (fitted values with 95% profile intervals), evaluations.csv (the loss by evaluation),"
            + " profile.csv, fit-series.csv, fitted-scenario.json (runs as is) and charts/ to"
            + " results/calibrations/<name>/ unless -o is given. Evaluations are kept in <DIR>.partial/ as they"
            + " finish; --resume continues an interrupted calibration."})
final class CalibrateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The calibration file, e.g. scenarios/calibrations/april-2025.yaml.")
  Path file;

  @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Result folder (default: results/calibrations/<name>).")
  Path out;

  @Option(names = "--threads", paramLabel = "N", description = "Runs at a time (default: one per core). The results"
      + " do not depend on it.")
  Integer threads;

  @Option(names = "--resume", description = "Finish an interrupted calibration.")
  boolean resume;

  @Option(names = "--no-charts", negatable = false, description = "Write the data only, without charts/.")
  boolean noCharts;

  @Override
  public Integer call() throws Exception {
    int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    if (n < 1 || n > 4096) {
      spec.commandLine().getErr().println("error: --threads: expected a number from 1 to 4096, found " + n);
      return MagflowCli.BAD_INPUT;
    }
    String command = "magflow " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    var r = new Calibration().run(file, new Calibration.Options(out, n, resume, command, !noCharts, 0));
    var stdout = spec.commandLine().getOut();
    stdout.printf("parameter  start  hand-set  fitted  95%% interval%n");
    for (int k = 0; k < r.names().size(); k++) {
      stdout.printf("%s  %s  %s  %s  %s to %s%n", r.names().get(k), num(r.start()[k]), num(r.handSet()[k]),
          num(r.fitted()[k]), num(r.lower()[k]), num(r.upper()[k]));
    }
    stdout.printf("loss (mean squared log error): start %s, hand-set %s, fitted %s%n", num(r.startLoss()),
        num(r.handSetLoss()), num(r.fittedLoss()));
    stdout.printf("Wrote %s: %d evaluations (%d run now)%n", r.outDir(), r.evaluations(), r.ranNow());
    stdout.flush();
    return MagflowCli.OK;
  }

  static String num(double v) {
    return Double.isNaN(v) ? "—" : String.format(java.util.Locale.ROOT, "%.4g", v);
  }
}
