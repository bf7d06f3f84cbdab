package org.magflow.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.magflow.calibrate.Calibration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code magflow calibrate FILE}: fits a scenario's uncertain parameters to observed series. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
    description = {"Fit a base scenario's parameters (the sweep's path syntax, with ranges as bounds) to observed"
        + " series with CMA-ES or BOBYQA, on common random numbers.",
        "Writes fit.csv (fitted values with 95%% profile intervals), evaluations.csv (the loss by evaluation),"
            + " profile.csv, fit-series.csv, fitted-scenario.yaml (an overlay: extends the base scenario and sets"
            + " the fitted values; runs as is), fitted-scenario.json (the same scenario resolved, standing alone)"
            + " and charts/ to results/calibrations/<name>/ unless -o is given. Evaluations are kept in"
            + " <DIR>.partial/ as they finish; --resume continues an interrupted calibration. The runs execute on"
            + " local threads or on Apache Spark (--backend spark), with the same results."})
final class CalibrateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The calibration file, e.g. scenarios/calibrations/april-2025.yaml.")
  Path file;

  @Mixin SearchOptions search;

  @Override
  public Integer call() throws Exception {
    Calibration.Result r = search.run(spec, "calibrate", file, (threads, executor) -> new Calibration().run(file,
        new Calibration.Options(search.out, threads, search.resume, search.command(spec), !search.noCharts, 0, executor)));
    if (r == null) return MagflowCli.BAD_INPUT;
    var stdout = spec.commandLine().getOut();
    stdout.printf("parameter  start  hand-set  fitted  95%% interval%n");
    for (int k = 0; k < r.names().size(); k++) {
      stdout.printf("%s  %s  %s  %s  %s to %s%n", r.names().get(k), num(r.start()[k]), num(r.handSet()[k]),
          num(r.fitted()[k]), num(r.lower()[k]), num(r.upper()[k]));
    }
    stdout.printf("loss (mean squared log error): start %s, hand-set %s, fitted %s%n", num(r.startLoss()),
        num(r.handSetLoss()), num(r.fittedLoss()));
    stdout.printf("Wrote %s: %d evaluations (%d run now)%n", r.outDir(), r.evaluations(), r.ranNow());
    stdout.printf("Run the fit: magflow run %s%n", r.outDir().resolve(Calibration.FITTED_SCENARIO + ".yaml"));
    stdout.flush();
    return MagflowCli.OK;
  }

  static String num(double v) {
    return Double.isNaN(v) ? "—" : String.format(java.util.Locale.ROOT, "%.4g", v);
  }
}
