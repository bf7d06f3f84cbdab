package org.magflow.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Warnings about a valid scenario: policies, capacity events and outages wholly outside the horizon (tiny.yaml:
 * 2025-01-01 to 2027-01-01, a year of warm-up by default), each placed with its line, column and path.
 */
class HorizonWarningsTest {
  private static String tiny;

  @BeforeAll
  static void read() throws IOException {
    tiny = Files.readString(Path.of("src/test/resources/scenarios/tiny.yaml"));
  }

  /** tiny.yaml with the throttle's window (lines 100 and 101) replaced. */
  private static String throttle(String start, String end) {
    return tiny.replace("    start: 2025-09-01\n    end: 2026-09-01\n", "    start: " + start + "\n    end: " + end + "\n");
  }

  private static List<String> warnings(String text) {
    LoadResult loaded = new ScenarioLoader().parse("t.yaml", text, false);
    assertTrue(loaded.ok(), loaded.problems().toString());
    return loaded.warnings().stream().map(Problem::toString).toList();
  }

  @Test
  void shippedTestScenario_hasNoWarnings() {
    assertEquals(List.of(), warnings(tiny));
  }

  @Test
  void policyStartingAfterTheEnd_neverApplies() {
    assertEquals(List.of("t.yaml:100:5: policies[0].start: policy 'reo-throttle' starts on 2027-01-02, after the"
        + " scenario ends (2027-01-01): it never applies in this run"), warnings(throttle("2027-01-02", "2027-06-01")));
  }

  @Test
  void policyEndingOnTheStart_neverApplies_notEvenInTheWarmUp() {
    assertEquals(List.of("t.yaml:101:5: policies[0].end: policy 'reo-throttle' ends on 2025-01-01, by the time the"
        + " scenario starts (2025-01-01): it never applies in this run (a policy that ends by the start is not run"
        + " in the warm-up either)"), warnings(throttle("2024-06-01", "2025-01-01")));
  }

  @Test
  void policiesTouchingTheHorizon_areNotWarned() {
    assertEquals(List.of(), warnings(throttle("2027-01-01", "2027-06-01"))); // in force on the last day
    assertEquals(List.of(), warnings(throttle("2024-06-01", "2025-01-02"))); // in force on the first day
  }

  @Test
  void capacityEventAfterTheEnd_isWarnedAsThePolicyItIs() {
    String text = tiny + """
          - name: late-outage
            type: capacity-event
            start: 2028-01-01
            facility: bayan-obo
            kind: outage
            availableFraction: 0.5
        """;
    assertEquals(List.of("t.yaml:109:5: policies[1].start: policy 'late-outage' starts on 2028-01-01, after the"
        + " scenario ends (2027-01-01): it never applies in this run"), warnings(text));
  }

  @Test
  void projectFirstProducingAfterTheEnd_isWarned_notRefused() {
    // A copy of a 2035 scenario cut short (or run with --set end=...) keeps its late projects: it runs.
    String text = tiny + """
        projects:
          - {id: late-mine, owner: cn-miner, site: CN, recipe: mine, tonnesPerYear: 500, status: financed, firstOutput: 2027-01-02}
          - {id: last-day-mine, owner: cn-miner, site: CN, recipe: mine, tonnesPerYear: 500, status: financed, firstOutput: 2027-01-01}
        """;
    assertEquals(List.of("t.yaml:108:100: projects[0].firstOutput: project 'late-mine' first produces on 2027-01-02,"
        + " after the scenario ends (2027-01-01): it never produces in this run"), warnings(text));
  }

  @Test
  void outagesOutsideTheHorizon_areWarnedAtTheirDates() {
    String text = tiny.replace("{from: 2025-06-01, to: 2025-07-01, availableFraction: 0.5, reason: flooding}",
        "{from: 2027-06-01, to: 2027-07-01, availableFraction: 0.5, reason: flooding}\n"
        + "          - {from: 2020-06-01, to: 2020-07-01, availableFraction: 0.5, reason: old}");
    assertEquals(List.of(
        "t.yaml:58:14: producers[0].facilities[0].outages[0].from: the outage of bayan-obo starts on 2027-06-01,"
            + " after the scenario ends (2027-01-01): it never applies in this run",
        "t.yaml:59:32: producers[0].facilities[0].outages[1].to: the outage of bayan-obo ends on 2020-07-01, by"
            + " the time the scenario starts (2025-01-01): it never applies in this run, not even in the warm-up"
            + " from 2024-01-02"), warnings(text));
  }

  @Test
  void outageInTheWarmUp_isSaidToShapeOnlyTheWarmUp() {
    String text = tiny.replace("{from: 2025-06-01, to: 2025-07-01,", "{from: 2024-06-01, to: 2024-07-01,");
    assertEquals(List.of("t.yaml:58:32: producers[0].facilities[0].outages[0].to: the outage of bayan-obo ends on"
        + " 2024-07-01, by the time the scenario starts (2025-01-01): it applies only in the unreported warm-up"
        + " from 2024-01-02"), warnings(text));
  }

  @Test
  void aPolicyFromABaseFile_isWarnedInTheBaseFile(@TempDir Path tmp) throws IOException {
    Files.writeString(tmp.resolve("base.yaml"), throttle("2028-01-01", "2028-06-01"));
    Files.writeString(tmp.resolve("child.yaml"), "extends: base.yaml\nname: child\n");
    LoadResult loaded = new ScenarioLoader().load(tmp.resolve("child.yaml"));
    assertTrue(loaded.ok(), loaded.problems().toString());
    assertEquals(List.of(tmp.resolve("base.yaml") + ":100:5: policies[0].start: policy 'reo-throttle' starts on"
        + " 2028-01-01, after the scenario ends (2027-01-01): it never applies in this run"),
        loaded.warnings().stream().map(Problem::toString).toList());
  }

  @Test
  void aFileWithProblems_carriesNoWarnings() {
    LoadResult loaded = new ScenarioLoader().parse("t.yaml", throttle("2028-01-01", "2028-06-01")
        .replace("seed: 42", "seed: -x"), false);
    assertFalse(loaded.ok());
    assertEquals(List.of(), loaded.warnings());
  }
}
