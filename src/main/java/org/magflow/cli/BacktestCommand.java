package org.magflow.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.magflow.backtest.Backtest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code magflow backtest [EPISODE...]}: runs episodes and compares them with what was observed. */
@Command(name = "backtest", mixinStandardHelpOptions = true,
    description = {"Run each episode (a scenario, observed series and how they map to the run's outputs) and"
        + " compare simulated with observed month by month: log errors, mean absolute log error, direction of each"
        + " month's move, timing of trough and recovery.",
        "With no EPISODE, runs the shipped episodes in scenarios/episodes/. Writes backtest.csv, measures.csv,"
            + " backtest.md and charts/ to results/backtest/ unless -o is given, and prints backtest.md."})
final class BacktestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "EPISODE", arity = "0..*", description = "Episode files (default: scenarios/episodes/*.yaml).")
  List<Path> episodes;

  @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = "results/backtest",
      description = "Result folder (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--no-charts", negatable = false, description = "Write the data only, without charts/.")
  boolean noCharts;

  @Override
  public Integer call() throws Exception {
    List<Path> files = episodes == null || episodes.isEmpty() ? Backtest.shipped() : episodes;
    String command = "magflow " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    var results = new Backtest().run(files, out, command, !noCharts);
    var stdout = spec.commandLine().getOut();
    stdout.print(java.nio.file.Files.readString(out.resolve("backtest.md")));
    stdout.printf("Wrote %s (backtest.csv, measures.csv, backtest.md%s): %d episode(s)%n", out,
        noCharts ? "" : ", charts/", results.size());
    stdout.flush();
    return MagflowCli.OK;
  }
}
