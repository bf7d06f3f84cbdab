package org.magflow.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.magflow.output.Answer;
import org.magflow.output.TerminalSummary;
import org.magflow.output.chart.ResultData;
import org.magflow.output.chart.ResultInputException;
import org.magflow.output.report.Findings;
import org.magflow.run.RunJob;
import org.magflow.sweep.ScenarioOverrides;
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
            + "unless -o is given. An earlier result is replaced only once the new one is complete, and only a"
            + " result of the same scenario file with the same --set changes (else give --force).",
        "--set PATH=VALUE changes one value of the scenario for this run (a what-if), with a sweep's path"
            + " syntax; the changes are recorded in run.json and shown in the briefing."},
    footer = {"%nExamples:",
        "  magflow run scenarios/september-2025-us-squeeze.yaml",
        "  magflow run scenarios/september-2025-us-squeeze.yaml --name squeeze-80 \\",
        "      --set 'policies[name=sep-2025-us-squeeze].cut=0.8' \\",
        "      --set 'policies[name=sep-2025-us-squeeze].start=2026-03-01'"})
final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "SCENARIO", description = "The scenario file, for example scenarios/baseline.yaml.")
  Path scenario;

  @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Result folder (default: results/<name>).")
  Path out;

  @Option(names = "--results", paramLabel = "DIR", defaultValue = "results",
      description = "Folder that holds result folders by scenario name (default: ${DEFAULT-VALUE}).")
  Path resultsRoot;

  @Option(names = "--seed", paramLabel = "N", description = "Master seed (default: the scenario's seed).")
  Long seed;

  @Option(names = "--set", paramLabel = "PATH=VALUE",
      description = "Change one value of the scenario for this run (repeatable); see the examples.")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--name", paramLabel = "NAME",
      description = "The run's name, and so its result folder results/NAME (default: the scenario's name).")
  String name;

  @Option(names = "--force",
      description = "Replace a result folder written from another scenario file or with other --set changes.")
  boolean force;

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
    List<String> changes = new ArrayList<>(overrides);
    if (name != null) changes.add("name=" + name);
    RunJob.Result result = new RunJob(ScenarioOverrides::apply).run(new RunJob.Request(scenario, out, resultsRoot, seed, command, changes,
        force));
    var stdout = spec.commandLine().getOut();
    result.warnings().forEach(w -> spec.commandLine().getErr().println("warning: " + w));
    result.replaced().ifPresent(r -> spec.commandLine().getErr().println("note: --force: " + result.outDir() + " "
        + r.substring(0, r.indexOf(';')) + "; they are replaced."));
    stdout.print(TerminalSummary.render(result.summary(), answer(result.outDir())));
    stdout.printf("%nWrote %s (timeseries.csv, summary.json, scenario.resolved.json, run.json, charts/)"
        + " in %.2f s%n", result.outDir(), result.wallSeconds());
    stdout.flush();
    return MagflowCli.OK;
  }

  /** The briefing's answer, read back from the folder just written, so the terminal and the briefing agree. */
  private static Answer answer(Path outDir) {
    try {
      return Findings.of(ResultData.load(outDir.toAbsolutePath().normalize())); // as written: x/../ need no x
    } catch (ResultInputException e) {
      throw new IllegalStateException("a result folder magflow has just written reads back: " + e.getMessage(), e);
    }
  }
}
