package org.magflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magflow.output.RunJson;
import org.magflow.output.report.BriefingReport;

/** Safe what-ifs: {@code run --set}, recorded and shown; no silent replacement of another run; help that helps. */
class WhatIfTest {
  private static final String TINY = "src/test/resources/scenarios/tiny.yaml";
  private static final String CUT = "policies[name=reo-throttle].cut=0.8";

  private static CliTest.Outcome magflow(String... args) {
    return CliTest.magflow(args);
  }

  @Test
  void set_changesTheScenario_recordsItInRunJson_andTheBriefingShowsIt(@TempDir Path tmp) throws Exception {
    CliTest.Outcome o = magflow("run", TINY, "--results", tmp.toString(), "--set", CUT, "--name", "tiny-80");
    assertEquals(0, o.exitCode(), o.err());
    Path dir = tmp.resolve("tiny-80");
    assertEquals(List.of(CUT, "name=tiny-80"), RunJson.read(dir.resolve("run.json")).overrides());
    String resolved = Files.readString(dir.resolve("scenario.resolved.json"));
    assertTrue(resolved.contains("\"cut\": 0.8"), "the value that ran");
    assertTrue(resolved.contains("\"name\": \"tiny-80\""));
    assertEquals(0, magflow("report", dir.toString()).exitCode());
    String html = Files.readString(dir.resolve(BriefingReport.FILE_NAME));
    assertTrue(html.contains("Changed from the scenario file for this run:</b> <code>" + CUT),
        "the briefing says what was changed");
    assertTrue(html.contains("cut 0.8"), "what ran, from the resolved scenario");
  }

  @Test
  void set_aPathThatSelectsNothing_isBadInput_namingWhatExists(@TempDir Path tmp) {
    CliTest.Outcome o = magflow("run", TINY, "-o", tmp.resolve("x").toString(), "--set", "policies[name=nope].cut=0.8");
    assertEquals(2, o.exitCode());
    assertTrue(o.err().startsWith("error: --set: 'policies[name=nope].cut=0.8': "), o.err());
    assertTrue(o.err().contains("reo-throttle"), "names the policies there: " + o.err());
    assertFalse(Files.exists(tmp.resolve("x")), "nothing written");
  }

  @Test
  void set_aValueTheScenarioRefuses_isBadInput(@TempDir Path tmp) {
    CliTest.Outcome o = magflow("run", TINY, "-o", tmp.resolve("x").toString(), "--set", "policies[name=reo-throttle].cut=2");
    assertEquals(2, o.exitCode());
    assertTrue(o.err().contains("policies[0].cut"), o.err());
  }

  @Test
  void aRunNeverReplacesAnotherScenariosOrOtherChangesResult_unlessForced(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("tiny");
    assertEquals(0, magflow("run", TINY, "-o", out.toString()).exitCode());
    byte[] before = Files.readAllBytes(out.resolve("run.json"));

    CliTest.Outcome changed = magflow("run", TINY, "-o", out.toString(), "--set", CUT);
    assertEquals(2, changed.exitCode());
    assertTrue(changed.err().contains("holds the results of a run with no --set changes"), changed.err());
    assertTrue(changed.err().contains("--force"), changed.err());

    Path copy = tmp.resolve("copy.yaml");
    Files.copy(Path.of(TINY), copy);
    CliTest.Outcome other = magflow("run", copy.toString(), "-o", out.toString());
    assertEquals(2, other.exitCode());
    assertTrue(other.err().contains("from another scenario file, " + TINY), other.err());
    assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(out.resolve("run.json"))), "left as it was");

    assertEquals(0, magflow("run", TINY, "-o", out.toString()).exitCode(), "the same run replaces its own");
    CliTest.Outcome forced = magflow("run", TINY, "-o", out.toString(), "--set", CUT, "--force");
    assertEquals(0, forced.exitCode(), forced.err());
    assertTrue(forced.err().startsWith("note: --force: "), "says what it replaced: " + forced.err());
  }

  @Test
  void help_hasAnExampleForEveryCommand_andAReadableChartUsage() {
    for (String command : List.of("run", "validate", "sweep", "chart", "report")) {
      CliTest.Outcome o = magflow(command, "--help");
      assertEquals(0, o.exitCode());
      assertTrue(o.out().contains("Example"), command + " --help gives an example:\n" + o.out());
      assertTrue(o.out().contains("  magflow " + command + " "), command);
    }
    String chart = magflow("chart", "--help").out();
    assertFalse(chart.contains("[,a,b...]"), chart);
    assertTrue(chart.contains("[--agents a,b]"), chart);
    assertFalse(chart.contains("(e.\n"), "no word split by wrapping");
  }

  @Test
  void aMistypedOption_isAnErrorWithItsPrefix() {
    CliTest.Outcome o = magflow("run", TINY, "--sed", "1");
    assertEquals(2, o.exitCode());
    assertTrue(o.err().startsWith("error: Unknown options: '--sed', '1'"), o.err());
    assertTrue(o.err().contains("magflow run --help"), o.err());
  }
}
