package org.magflow.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code magflow run} and {@code validate} as a user meets them: outputs, exit codes, errors, safety. */
class CliTest {
  private static final String TINY = "src/test/resources/scenarios/tiny.yaml";

  /** What one command printed and returned. */
  record Outcome(int exitCode, String out, String err) {}

  static Outcome magflow(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = MagflowCli.commandLine();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    int code = cmd.execute(args);
    return new Outcome(code, out.toString(), err.toString());
  }

  private static Path badScenario(Path dir, String yaml) throws IOException {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  @Test
  void run_writesTheFourResultFiles_andASummary(@TempDir Path tmp) {
    Path out = tmp.resolve("tiny");
    Outcome o = magflow("run", TINY, "-o", out.toString());
    assertEquals(0, o.exitCode(), o.err());
    for (String f : List.of("timeseries.csv", "summary.json", "scenario.resolved.json", "run.json")) {
      assertTrue(Files.isRegularFile(out.resolve(f)), f);
    }
    assertTrue(o.out().contains("Conservation  OK"), o.out());
    assertTrue(o.out().contains("Wrote " + out), o.out());
  }

  @Test
  void run_withoutOut_writesToResultsFolderNamedAfterTheScenario(@TempDir Path tmp) {
    Outcome o = magflow("run", TINY, "--results", tmp.toString());
    assertEquals(0, o.exitCode(), o.err());
    assertTrue(Files.isRegularFile(tmp.resolve("tiny/summary.json")));
  }

  @Test
  void run_sameSeedTwice_givesByteIdenticalOutputs(@TempDir Path tmp) throws IOException {
    assertEquals(0, magflow("run", TINY, "--seed", "7", "-o", tmp.resolve("a").toString()).exitCode());
    assertEquals(0, magflow("run", TINY, "--seed", "7", "-o", tmp.resolve("b").toString()).exitCode());
    for (String f : List.of("timeseries.csv", "summary.json", "scenario.resolved.json")) {
      assertArrayEquals(Files.readAllBytes(tmp.resolve("a").resolve(f)), Files.readAllBytes(tmp.resolve("b").resolve(f)), f);
    }
  }

  @Test
  void run_anotherSeed_givesOtherResults_whenTheScenarioHasNoise(@TempDir Path tmp) throws IOException {
    assertEquals(0, magflow("run", "scenarios/baseline.yaml", "--seed", "1", "-o", tmp.resolve("a").toString()).exitCode());
    assertEquals(0, magflow("run", "scenarios/baseline.yaml", "--seed", "2", "-o", tmp.resolve("b").toString()).exitCode());
    assertFalse(Files.readString(tmp.resolve("a/timeseries.csv")).equals(Files.readString(tmp.resolve("b/timeseries.csv"))));
  }

  @Test
  void run_badInput_exitsWith2_namesFileLineColumnAndField_andWritesNothing(@TempDir Path tmp) throws IOException {
    Path tiny = Path.of(TINY);
    String text = Files.readString(tiny).replaceFirst("(?m)^end: .*$", "end: 2024-01-01");
    Path bad = badScenario(tmp, text);
    int line = 1 + (int) text.lines().takeWhile(l -> !l.startsWith("end:")).count();
    Path out = tmp.resolve("out");
    Outcome o = magflow("run", bad.toString(), "-o", out.toString());
    assertEquals(2, o.exitCode());
    assertEquals("error: " + bad + ":" + line + ":1: end: expected a date after start (2025-01-01), found 2024-01-01",
        o.err().lines().findFirst().orElseThrow());
    assertFalse(o.err().contains("Exception"), "no stack trace: " + o.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void run_badInput_leavesAnEarlierResultUntouched(@TempDir Path tmp) throws IOException {
    Path out = tmp.resolve("out");
    assertEquals(0, magflow("run", TINY, "-o", out.toString()).exitCode());
    byte[] before = Files.readAllBytes(out.resolve("timeseries.csv"));
    Path bad = badScenario(tmp, "name: bad\nstart: 2025-01-01\n");
    assertEquals(2, magflow("run", bad.toString(), "-o", out.toString()).exitCode());
    assertArrayEquals(before, Files.readAllBytes(out.resolve("timeseries.csv")));
    try (Stream<Path> siblings = Files.list(tmp)) {
      assertEquals(List.of("bad.yaml", "out"), siblings.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void run_missingFile_exitsWith2_andSaysSo(@TempDir Path tmp) {
    Outcome o = magflow("run", tmp.resolve("nope.yaml").toString());
    assertEquals(2, o.exitCode());
    assertTrue(o.err().startsWith("error: " + tmp.resolve("nope.yaml") + ": "), o.err());
  }

  @Test
  void run_unknownOption_isAUsageErrorWithExit2() {
    Outcome o = magflow("run", TINY, "--sed", "1");
    assertEquals(2, o.exitCode());
    assertTrue(o.err().startsWith("error: Unknown options: '--sed', '1'"), o.err());
  }

  @Test
  void validate_goodFiles_exit0_andSayOk() {
    Outcome o = magflow("validate", TINY, "scenarios/baseline.yaml");
    assertEquals(0, o.exitCode(), o.err());
    assertEquals("ok: " + TINY + "\nok: scenarios/baseline.yaml\n", o.out().replace("\r\n", "\n"));
  }

  @Test
  void validate_reportsEveryProblemOfEveryFile_andExits2(@TempDir Path tmp) throws IOException {
    Path bad = badScenario(tmp, Files.readString(Path.of(TINY))
        .replace("priority: ", "priorty: ").replaceFirst("(?m)^end: .*$", "end: 2024-01-01"));
    Outcome o = magflow("validate", bad.toString(), TINY);
    assertEquals(2, o.exitCode());
    long errors = o.err().lines().filter(l -> l.startsWith("error: " + bad + ":")).count();
    assertTrue(errors >= 3, "every problem reported at once:\n" + o.err());
    assertTrue(o.out().contains("ok: " + TINY));
  }

  @Test
  void help_and_version_exit0() {
    assertEquals(0, magflow("--help").exitCode());
    Outcome v = magflow("--version");
    assertEquals(0, v.exitCode());
    assertTrue(v.out().startsWith("magflow "), v.out());
  }
}
