package org.magflow.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.magflow.output.OutputTarget;
import org.magflow.output.ResultFolder;
import org.magflow.output.chart.ChartWriter;
import org.magflow.output.RunInfo;
import org.magflow.output.RunJson;
import org.magflow.output.RunSummary;
import org.magflow.output.SummaryJson;
import org.magflow.output.ProjectsCsv;
import org.magflow.output.TimeSeriesCsv;
import org.magflow.scenario.LoadResult;
import org.magflow.scenario.Problem;
import org.magflow.scenario.ScenarioLoader;
import org.magflow.scenario.ScenarioSpec;
import org.magflow.scenario.ScenarioWriter;

/**
 * {@code magflow run}: loads a scenario file, runs it and writes its result folder.
 *
 * <p>The steps are kept apart: parse and validate, apply defaults, build and run, check conservation, write.
 * Everything is written into a temporary folder that replaces the previous result only once complete, so
 * a failed or interrupted run never leaves a half-written folder and never destroys an earlier result.
 */
public final class RunJob {
  /** The scenario as run, with every default filled in. */
  public static final String RESOLVED_SCENARIO = "scenario.resolved.json";

  /**
   * How a request's {@code --set} changes are applied to the loaded scenario. The run package does not know
   * their path syntax (the sweep's); the CLI gives it.
   */
  @FunctionalInterface
  public interface Overrides {
    ScenarioSpec apply(ScenarioSpec scenario, List<String> changes) throws InputException;
  }

  /** For callers that never pass changes: any change is a programming error. */
  private static final Overrides NONE = (scenario, changes) -> {
    if (!changes.isEmpty()) throw new IllegalStateException("this RunJob was made without a way to apply --set");
    return scenario;
  };

  private final Overrides overrides;

  /** A job for requests without changes. */
  public RunJob() {
    this(NONE);
  }

  public RunJob(Overrides overrides) {
    this.overrides = overrides;
  }

  /**
   * What to run.
   *
   * @param outDir the result folder, or null for {@code resultsRoot/<scenario name>}
   * @param seed the master seed, or null for the scenario's own
   * @param command the command line, recorded in run.json
   */
  public record Request(Path scenarioFile, Path outDir, Path resultsRoot, Long seed, String command,
                        List<String> overrides, boolean force) {
    /**
     * @param overrides {@code PATH=VALUE} changes to the scenario ({@code --set}), recorded in run.json
     * @param force whether the run may replace a folder written from another scenario file or other changes
     */
    public Request {
      overrides = List.copyOf(overrides);
    }

    /** A run of the scenario file as written, which replaces only a folder of the same file's runs. */
    public Request(Path scenarioFile, Path outDir, Path resultsRoot, Long seed, String command) {
      this(scenarioFile, outDir, resultsRoot, seed, command, List.of(), false);
    }
  }

  /**
   * What a run produced and where it went.
   *
   * @param replaced what {@code --force} let the run replace (an earlier run's folder of another scenario file
   *     or other changes), or empty
   * @param warnings the scenario file's warnings (see {@link LoadResult#warnings}), naming the file as given
   */
  public record Result(Path outDir, RunSummary summary, double wallSeconds, Optional<String> replaced,
                       List<Problem> warnings) {
    public Result {
      warnings = List.copyOf(warnings);
    }
  }

  /** Runs the request; bad input throws {@link InputException} before anything is written. */
  public Result run(Request request) throws InputException, IOException {
    Instant started = Instant.now();
    long t0 = System.nanoTime();
    LoadResult loaded = loadChecked(request.scenarioFile());
    ScenarioSpec scenario = overrides.apply(loaded.scenario(), request.overrides());
    Path outDir = request.outDir() != null
        ? request.outDir()
        : ResultFolder.resolveInside(request.resultsRoot(), scenario.name());
    checkOutDir(outDir); // before the run: a refused folder should not cost the user a long run
    Optional<String> other = OutputTarget.replaceOtherRun(outDir, request.scenarioFile(), request.overrides());
    if (other.isPresent() && !request.force()) throw InputException.at(OutputTarget.shown(outDir), other.get());
    long seed = request.seed() != null ? request.seed() : scenario.seed();
    String file = request.scenarioFile().toString();
    // summary.json names the file alone, so it is the same however the path was written (run.json has the path)
    String fileName = request.scenarioFile().getFileName().toString();
    ScenarioRun.Outcome outcome = new ScenarioRun().execute(scenario, fileName, seed, 0);
    RunSummary summary = outcome.summary().withWarnings(loaded.warnings().stream()
        .map(w -> new Problem(fileNameOf(w.file()), w.path(), w.line(), w.column(), w.message()).toString())
        .toList());
    if (!summary.conserved()) {
      throw new IllegalStateException("material is not conserved; this is a bug in magflow: "
          + summary.conservation().stream().filter(c -> !c.balanced()).map(Object::toString)
              .collect(Collectors.joining("; ")));
    }
    String sha256 = sha256(request.scenarioFile());
    ResultFolder.replace(outDir, dir -> {
      new TimeSeriesCsv().write(outcome.run(), dir.resolve(TimeSeriesCsv.FILE_NAME));
      if (outcome.counterfactual() != null) {
        new TimeSeriesCsv().writeCounterfactual(outcome.counterfactual(),
            dir.resolve(TimeSeriesCsv.COUNTERFACTUAL_FILE_NAME));
      }
      new SummaryJson().write(summary, dir.resolve(SummaryJson.FILE_NAME));
      ProjectsCsv.write(outcome.run().events(), dir.resolve(ProjectsCsv.FILE_NAME));
      new ScenarioWriter().write(scenario, dir.resolve(RESOLVED_SCENARIO));
      double wallSeconds = (System.nanoTime() - t0) / 1e9;
      String resolvedSha256 = sha256(dir.resolve(RESOLVED_SCENARIO));
      new RunJson().write(new RunInfo(MagflowVersion.current(), scenario.name(), file,
          request.scenarioFile().toAbsolutePath().normalize().toString(), sha256, resolvedSha256,
          seed, 0, started.truncatedTo(ChronoUnit.MILLIS).toString(), wallSeconds, System.getProperty("java.version"),
          request.command(), request.overrides()), dir.resolve(RunJson.FILE_NAME));
      new ChartWriter().writeRunCharts(dir); // drawn from the files above, so charts match the data exactly
    });
    return new Result(outDir, summary, (System.nanoTime() - t0) / 1e9, other, loaded.warnings());
  }

  /**
   * Refuses a result folder that a run must not replace. {@code -o} may name any folder the user can write, but
   * a run replaces the whole folder, so it must be new, empty or an earlier result (it holds run.json): never a
   * folder of other files, such as a home folder, {@code results/} itself or {@code ../../etc}.
   */
  static void checkOutDir(Path outDir) throws InputException {
    Optional<String> problem = OutputTarget.replaceFolder(outDir, OutputTarget.Kind.RUN_FOLDER);
    if (problem.isPresent()) throw InputException.at(OutputTarget.shown(outDir), problem.get());
  }

  /** Parses, validates and fills defaults (the loader does); throws with every problem found. */
  public static ScenarioSpec load(Path file) throws InputException {
    return loadChecked(file).scenario();
  }

  /** As {@link #load}, keeping the warnings about the scenario that the loader found. */
  public static LoadResult loadChecked(Path file) throws InputException {
    LoadResult loaded = new ScenarioLoader().load(file);
    if (!loaded.ok()) throw new InputException(loaded.problems());
    return loaded;
  }

  /** A file as summary.json names it: by its name alone, however its path was written. */
  private static String fileNameOf(String file) {
    Path name = Path.of(file).getFileName();
    return name == null ? file : name.toString();
  }

  private static String sha256(Path file) throws IOException {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
