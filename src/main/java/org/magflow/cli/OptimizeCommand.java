package org.magflow.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.magflow.calibrate.Optimization;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code magflow optimize FILE}: the least a policy must do to keep KPIs within bounds. */
@Command(name = "optimize", mixinStandardHelpOptions = true,
    description = {"Minimise a KPI or a cost of the parameters subject to constraints on KPIs that must hold in a"
        + " chosen share of replications; whole-number and continuous parameters; CMA-ES or BOBYQA.",
        "Writes optimum.csv, optimum-kpis.csv, evaluations.csv, optimum-scenario.yaml (an overlay: extends the"
            + " base scenario and sets the optimum's values; runs as is), optimum-scenario.json (the same scenario"
            + " resolved) and charts/ to results/optimisations/<name>/ unless -o is given; --resume continues an"
            + " interrupted search. The runs execute on local threads or on Apache Spark (--backend spark), with the"
            + " same results."})
final class OptimizeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The optimisation file, e.g. scenarios/optimisations/embargo-reserve.yaml.")
  Path file;

  @Mixin SearchOptions search;

  @Override
  public Integer call() throws Exception {
    Optimization.Result r = search.run(spec, "optimize", file, (threads, executor) -> new Optimization().run(file,
        new Optimization.Options(search.out, threads, search.resume, search.command(spec), !search.noCharts, 0, executor)));
    if (r == null) return MagflowCli.BAD_INPUT;
    var stdout = spec.commandLine().getOut();
    stdout.printf("%s optimum (%s):%n", r.feasible() ? "Feasible" : "No feasible point found; least infeasible",
        "objective " + CalibrateCommand.num(r.objective()));
    for (int k = 0; k < r.names().size(); k++) {
      stdout.printf("  %s = %s%n", r.names().get(k), CalibrateCommand.num(r.optimum()[k]));
    }
    r.kpiMeans().forEach((k, v) -> stdout.printf("  %s: mean %s%s%n", k, CalibrateCommand.num(v),
        r.kpiShares().containsKey(k) ? ", constraint holds in " + Math.round(100 * r.kpiShares().get(k))
            + "% of replications" : ""));
    stdout.printf("Wrote %s: %d evaluations (%d run now)%n", r.outDir(), r.evaluations(), r.ranNow());
    stdout.printf("Run the optimum: magflow run %s%n", r.outDir().resolve(Optimization.OPTIMUM_SCENARIO + ".yaml"));
    stdout.flush();
    return MagflowCli.OK;
  }
}
