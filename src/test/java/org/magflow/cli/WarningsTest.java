package org.magflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Warnings about a valid scenario (entries wholly outside the horizon) as a user meets them: printed by
 * {@code validate}, {@code run} and {@code sweep} with file, line, column and path, exit 0, and listed in
 * summary.json.
 */
class WarningsTest {
  private static final Path TINY = Path.of("src/test/resources/scenarios/tiny.yaml");

  /** tiny.yaml (2025-01-01 to 2027-01-01) with its throttle moved after the horizon, as a copied scenario might. */
  private static Path lateThrottle(Path dir) throws IOException {
    String text = Files.readString(TINY).replace("    start: 2025-09-01\n    end: 2026-09-01\n",
        "    start: 2027-03-01\n    end: 2027-09-01\n");
    Path file = dir.resolve("late.yaml");
    Files.writeString(file, text);
    return file;
  }

  private static String lateWarning(Path file) {
    return "warning: " + file + ":100:5: policies[0].start: policy 'reo-throttle' starts on 2027-03-01, after the"
        + " scenario ends (2027-01-01): it never applies in this run";
  }

  @Test
  void validate_printsTheWarningWithLineAndColumn_andExits0(@TempDir Path tmp) throws IOException {
    Path file = lateThrottle(tmp);
    CliTest.Outcome o = CliTest.magflow("validate", file.toString());
    assertEquals(0, o.exitCode(), o.err());
    assertEquals(lateWarning(file), o.err().strip());
    assertEquals("ok: " + file, o.out().strip());
  }

  @Test
  void run_printsTheWarning_andSummaryJsonListsIt_byFileNameAlone(@TempDir Path tmp) throws IOException {
    Path file = lateThrottle(tmp);
    Path out = tmp.resolve("out");
    CliTest.Outcome o = CliTest.magflow("run", file.toString(), "-o", out.toString());
    assertEquals(0, o.exitCode(), o.err());
    assertTrue(o.err().contains(lateWarning(file) + System.lineSeparator()), o.err());
    String summary = Files.readString(out.resolve("summary.json"));
    assertTrue(summary.contains("""
          "warnings": [
            "late.yaml:100:5: policies[0].start: policy 'reo-throttle' starts on 2027-03-01, after the scenario \
        ends (2027-01-01): it never applies in this run"
          ]
        """.stripIndent()), summary);
  }

  @Test
  void run_withoutWarnings_summaryJsonHasAnEmptyList(@TempDir Path tmp) throws IOException {
    Path out = tmp.resolve("out");
    CliTest.Outcome o = CliTest.magflow("run", TINY.toString(), "-o", out.toString());
    assertEquals(0, o.exitCode(), o.err());
    assertFalse(o.err().contains("warning"), o.err());
    assertTrue(Files.readString(out.resolve("summary.json")).contains("\"warnings\": []"));
  }

  @Test
  void sweep_printsTheBaseScenariosWarningsOnce(@TempDir Path tmp) throws IOException {
    Path base = lateThrottle(tmp);
    Path sweep = tmp.resolve("late-sweep.yaml");
    Files.writeString(sweep, """
        base: late.yaml
        design: monte-carlo
        samples: 3
        parameters:
          - name: elasticity
            path: demand[*].priceElasticity
            distribution: {type: uniform, min: 0, max: 0.4}
        """);
    CliTest.Outcome o = CliTest.magflow("sweep", sweep.toString(), "--results", tmp.toString(), "--no-charts");
    assertEquals(0, o.exitCode(), o.err());
    List<String> warnings = o.err().lines().filter(l -> l.startsWith("warning: ")).toList();
    assertEquals(List.of(lateWarning(base)), warnings, o.err());
  }
}
