package org.magflow.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.magflow.output.TerminalSummary;
import org.magflow.run.RunJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code magflow run SCENARIO}: runs one scenario and writes its result folder. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Run a scenario file (YAML or JSON) and write its results.",
        "Writes timeseries.csv, summary.json, scenario.resolved.json, run.json and charts/ (PNG and SVG) to "
            + "results/<scenario name>/ "
            + "unless -o is given. An earlier result is replaced only once the new one is complete."})
final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "SCENARIO", description = "The scenario file, e.g. scenarios/baseline.yaml.")
  Path scenario;

  @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Result folder (default: results/<name>).")
  Path out;

  @Option(names = "--results", paramLabel = "DIR", defaultValue = "results",
      description = "Folder that holds result folders by scenario name (default: ${DEFAULT-VALUE}).")
  Path resultsRoot;

  @Option(names = "--seed", paramLabel = "N", description = "Master seed (default: the scenario's seed).")
  Long seed;

  /** The argument as a POSIX shell reads it back: quoted when it holds anything but plain path characters. */
  static String shellQuoted(String arg) {
    if (!arg.isEmpty() && arg.matches("[A-Za-z0-9_./:=@%+,-]+")) return arg;
    return "'" + arg.replace("'", "'\\''") + "'";
  }

  @Override
  public Integer call() throws Exception {
    // originalArgs holds the whole command line after "magflow", this subcommand's name included
    String command = "magflow " + spec.commandLine().getParseResult().originalArgs().stream()
        .map(RunCommand::shellQuoted).collect(Collectors.joining(" "));
    RunJob.Result result = new RunJob().run(new RunJob.Request(scenario, out, resultsRoot, seed, command));
    var stdout = spec.commandLine().getOut();
    stdout.print(TerminalSummary.render(result.summary()));
    stdout.printf("%nWrote %s (timeseries.csv, summary.json, scenario.resolved.json, run.json, charts/)"
        + " in %.2f s%n", result.outDir(), result.wallSeconds());
    stdout.flush();
    return MagflowCli.OK;
  }
}
