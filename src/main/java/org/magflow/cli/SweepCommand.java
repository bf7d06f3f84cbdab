package org.magflow.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.magflow.sweep.Progress;
import org.magflow.sweep.RunExecutor;
import org.magflow.sweep.SweepRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code magflow sweep SWEEP_FILE}: runs a batch sweep or Monte Carlo study and writes its result folder. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
    footer = {"%nExample:", "  magflow sweep scenarios/sweeps/cut-size-duration.yaml --threads 2"},
    description = {"Run a sweep file: many runs of a base scenario with parameters varied by a grid, Monte Carlo,"
        + " Latin hypercube, Sobol or one-at-a-time design, with replications on common random numbers.",
        "Writes runs.csv, summary.csv, fan.csv, sweep.json (and sobol.csv or tornado.csv) and charts/ to"
            + " results/sweeps/<sweep name>/ unless -o is given. Finished runs are kept in <DIR>.partial/ as they"
            + " finish; after a crash or Ctrl-C, --resume runs only the missing ones."})
final class SweepCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "SWEEP_FILE", description = "The sweep file, for example scenarios/sweeps/cut-size-duration.yaml.")
  Path sweepFile;

  @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Result folder (default: results/sweeps/<name>).")
  Path out;

  @Option(names = "--results", paramLabel = "DIR", defaultValue = "results",
      description = "Folder whose sweeps/ subfolder holds sweep results by name (default: ${DEFAULT-VALUE}).")
  Path resultsRoot;

  @Option(names = "--threads", paramLabel = "N",
      description = "Runs at a time (default: one per core). The results do not depend on it.")
  Integer threads;

  @Option(names = "--resume", description = "Finish an interrupted sweep, running only the runs not yet done.")
  boolean resume;

  @Option(names = "--no-charts", negatable = false,
      description = "Write the data only, without charts/ (magflow chart DIR draws them later).")
  boolean noCharts;

  @Mixin BackendOptions backend;

  @Override
  public Integer call() throws Exception {
    int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    if (n < 1 || n > 4096) {
      spec.commandLine().getErr().println("error: --threads: expected a number from 1 to 4096, found " + n);
      return MagflowCli.BAD_INPUT;
    }
    PrintWriter err = spec.commandLine().getErr();
    if (!backend.check(err, "sweep", sweepFile)) return MagflowCli.BAD_INPUT;
    String command = "magflow " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    Progress progress = new Progress.Printer(err, System.console() != null, System::nanoTime);
    RunExecutor executor = backend.executor(n, "magflow sweep " + sweepFile.getFileName());
    SweepRunner.Options options = new SweepRunner.Options(out, resultsRoot, n, resume, command, progress, executor,
        0, !noCharts);
    AtomicBoolean over = new AtomicBoolean();
    Thread onCtrlC = new Thread(() -> {
      if (over.get()) return;
      err.println();
      err.println("Interrupted. Every finished run is kept; run the same command with --resume to finish.");
      err.flush();
    });
    Runtime.getRuntime().addShutdownHook(onCtrlC);
    SweepRunner.Result result;
    try {
      result = new SweepRunner().run(sweepFile, options);
    } finally {
      BackendOptions.close(executor); // stops Spark
      over.set(true);
      try {
        Runtime.getRuntime().removeShutdownHook(onCtrlC);
      } catch (IllegalStateException e) {
        // the JVM is already shutting down; the hook has nothing to say
      }
    }
    result.baseWarnings().forEach(w -> err.println("warning: " + w));
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.printf("Wrote %s (%s): %d runs%s in %.1f s%n", result.outDir(), String.join(", ", result.files()),
        result.runs(), result.resumedRuns() > 0 ? " (" + result.resumedRuns() + " from before)" : "",
        result.wallSeconds());
    stdout.flush();
    if (!result.chartsDrawn()) {
      err.println("warning: charts not drawn: " + result.chartProblem());
      err.println("The sweep's data are complete in " + result.outDir() + "; draw the charts with: magflow chart "
          + result.outDir());
      err.flush();
    }
    return MagflowCli.OK;
  }
}
