package org.magflow.output;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * How a run came about: program version, scenario, seed, when it started, how long it took and the command.
 *
 * @param magflowVersion the version of magflow that ran it
 * @param scenarioFile the scenario file as the user gave it (empty if it had none)
 * @param scenarioPath the same file as an absolute, normalised path, so that a briefing written from another
 *     working directory still finds it and the files it extends; empty when not known (a run.json written before
 *     it was recorded), and then left out of run.json
 * @param scenarioSha256 the SHA-256 of the scenario file's bytes, in lower-case hex
 * @param resolvedScenarioSha256 the SHA-256 of {@code scenario.resolved.json}, the scenario exactly as run (base
 *     files merged, defaults filled): unlike the file's own hash it changes when a base it extends changes. Empty
 *     when not known, and then left out of run.json
 * @param seed the master seed
 * @param replication the replication index, from 0
 * @param startedAt when the run started, as an ISO-8601 instant ({@code 2026-01-05T09:30:00Z})
 * @param wallSeconds the wall-clock time the run took
 * @param javaVersion the {@code java.version} of the JVM that ran it
 * @param command the command line that started it
 * @param overrides the {@code --set PATH=VALUE} changes the run made to the scenario file, in the order given;
 *     empty for a run of the file as written, and then left out of run.json
 */
public record RunInfo(String magflowVersion, String scenarioName, String scenarioFile,
                      @JsonInclude(JsonInclude.Include.NON_EMPTY) String scenarioPath, String scenarioSha256,
                      @JsonInclude(JsonInclude.Include.NON_EMPTY) String resolvedScenarioSha256,
                      long seed, int replication, String startedAt, double wallSeconds, String javaVersion,
                      String command, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> overrides) {
  /** A run of the scenario file as written, its absolute path not recorded. */
  public RunInfo(String magflowVersion, String scenarioName, String scenarioFile, String scenarioSha256,
                 String resolvedScenarioSha256, long seed, int replication, String startedAt, double wallSeconds,
                 String javaVersion, String command) {
    this(magflowVersion, scenarioName, scenarioFile, "", scenarioSha256, resolvedScenarioSha256, seed, replication,
        startedAt, wallSeconds, javaVersion, command, List.of());
  }

  /** A run whose resolved scenario's hash is not known. */
  public RunInfo(String magflowVersion, String scenarioName, String scenarioFile, String scenarioSha256, long seed,
                 int replication, String startedAt, double wallSeconds, String javaVersion, String command) {
    this(magflowVersion, scenarioName, scenarioFile, scenarioSha256, "", seed, replication, startedAt, wallSeconds,
        javaVersion, command);
  }

  public RunInfo {
    Objects.requireNonNull(magflowVersion, "magflowVersion");
    Objects.requireNonNull(scenarioName, "scenarioName");
    Objects.requireNonNull(scenarioFile, "scenarioFile");
    if (scenarioPath == null) scenarioPath = ""; // a run.json written before it was recorded
    Objects.requireNonNull(scenarioSha256, "scenarioSha256");
    if (resolvedScenarioSha256 == null) resolvedScenarioSha256 = ""; // a run.json written before it was recorded
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(javaVersion, "javaVersion");
    Objects.requireNonNull(command, "command");
    overrides = overrides == null ? List.of() : List.copyOf(overrides); // a run.json written before they were
  }
}
