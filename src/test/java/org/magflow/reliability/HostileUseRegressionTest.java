package org.magflow.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magflow.reliability.Cli.Outcome;

/**
 * The cases of issue 13 that are not a command crossed with an output target (those are in
 * {@link OutputTargetCorpusTest}): each failed as the issue tells, and each is held here.
 */
class HostileUseRegressionTest {
  private static final Path TINY = Path.of("src/test/resources/scenarios/tiny.yaml").toAbsolutePath();

  @TempDir Path tmp;

  private Path run(String name) {
    Path out = tmp.resolve(name);
    Outcome o = Cli.magflow("run", TINY.toString(), "-o", out.toString());
    assertEquals(0, o.exitCode(), o.err());
    return out;
  }

  @Test
  void report_theSameFolderTwice_howeverWritten_isBadInput_notAnInternalError() throws IOException {
    Path x = run("x");
    for (String again : List.of(x.toString(), tmp.resolve("x/../x").toString(), x + "/")) {
      Path file = tmp.resolve("twice.html");
      Outcome o = Cli.magflow("report", x.toString(), again, "-o", file.toString());
      assertEquals(2, o.exitCode(), o.err());
      assertEquals("error: " + Path.of(again) + ": is the same folder as " + x + ", given before; give each result"
          + " folder once", o.err().strip());
      assertFalse(Files.exists(file));
    }
  }

  @Test
  void report_twoFoldersOfTheSameName_comparesThem_labelledByPath() throws IOException {
    Path a = run("a/x");
    Path b = run("b/x");
    Path file = tmp.resolve("both.html");
    Outcome o = Cli.magflow("report", a.toString(), b.toString(), "-o", file.toString());
    assertEquals(0, o.exitCode(), o.err());
    String html = Files.readString(file);
    assertTrue(html.contains("tiny (" + a + ", seed 42)") && html.contains("tiny (" + b + ", seed 42)"),
        "each run is told apart by its path");
  }

  @Test
  void chart_aDateThatDoesNotExist_isRefusedInWords() {
    Outcome o = Cli.magflow("chart", tmp.toString(), "--from", "2025-02-30");
    assertEquals(2, o.exitCode());
    assertEquals("error: Invalid value for option '--from': expected a date that exists, written YYYY-MM-DD (e.g."
        + " 2025-06-30), found '2025-02-30'", o.errLines().get(0));
    assertFalse(Cli.hasStackTrace(o.err()), o.err());
  }

  @Test
  void validate_jsonNaN_isRefusedInWords() throws IOException {
    Path file = Files.writeString(tmp.resolve("nan.json"), Files.readString(Path.of(
        "src/test/resources/scenarios/tiny.json")).replace("\"cut\": 0.3", "\"cut\": NaN"));
    Outcome o = Cli.magflow("validate", file.toString());
    assertEquals(2, o.exitCode());
    assertTrue(o.err().matches("error: .*nan\\.json:\\d+:\\d+: invalid JSON: 'NaN' is not a number JSON allows;"
        + " give a finite number\\s*"), o.err());
  }

  @Test
  void demandOf1e308_isRefusedByValidate_withTheBound_andTheBoundItselfRuns() throws IOException {
    String tiny = Files.readString(TINY);
    Path huge = Files.writeString(tmp.resolve("huge.yaml"), tiny.replace("baseTonnesPerYear: 100",
        "baseTonnesPerYear: 1e308"));
    Outcome v = Cli.magflow("validate", huge.toString());
    assertEquals(2, v.exitCode());
    assertEquals("error: " + huge + ":77:5: demand[0].baseTonnesPerYear: expected a number from 0 to 1e9, found"
        + " 1.0E308", v.err().strip());
    Path bound = Files.writeString(tmp.resolve("bound.yaml"), tiny.replace("baseTonnesPerYear: 100",
        "baseTonnesPerYear: 1e9"));
    assertEquals(0, Cli.magflow("validate", bound.toString()).exitCode());
    Outcome r = Cli.magflow("run", bound.toString(), "-o", tmp.resolve("bound").toString());
    assertEquals(0, r.exitCode(), "a value that validates runs: " + r.err());
    assertTrue(r.out().contains("Conservation  OK"), r.out());
  }

  @Test
  void summaryJson_doesNotDependOnHowTheScenarioPathIsWritten() throws IOException {
    Path relative = Path.of("").toAbsolutePath().relativize(TINY);
    List<String> spellings = List.of(relative.toString(), "./" + relative,
        TINY.toString(), TINY.getParent().resolve("../scenarios/tiny.yaml").toString());
    byte[] first = null;
    for (int i = 0; i < spellings.size(); i++) {
      Path out = tmp.resolve("spelling-" + i);
      assertEquals(0, Cli.magflow("run", spellings.get(i), "-o", out.toString()).exitCode());
      byte[] summary = Files.readAllBytes(out.resolve("summary.json"));
      if (first == null) first = summary;
      assertEquals(new String(first), new String(summary), spellings.get(i));
    }
    assertTrue(new String(first).contains("\"scenarioFile\": \"tiny.yaml\""));
  }

  /** Two cut levels and two dates, one pair of which is invalid together: the third run fails, not the plan. */
  private Path sweepWithAnInvalidCombination() throws IOException {
    return Files.writeString(tmp.resolve("combo.yaml"), "base: " + TINY + """

        design: grid
        seed: 11
        parameters:
          - {name: from, path: "policies[name=reo-throttle].start", values: [2025-03-01, 2025-09-01]}
          - {name: until, path: "policies[name=reo-throttle].end", values: [2025-12-01, 2025-06-01]}
        """);
  }

  @Test
  void sweep_aPointInvalidPartWay_failsTheSameEachTime_andOffersNoResume() throws IOException {
    Path file = sweepWithAnInvalidCombination();
    Path out = tmp.resolve("combo-out");
    for (int go = 0; go < 2; go++) {
      Outcome o = Cli.magflow("sweep", file.toString(), "-o", out.toString(), "--threads", "1", "--no-charts");
      assertEquals(2, o.exitCode(), o.err());
      assertTrue(o.err().contains("at point 3 (from=2025-09-01, until=2025-06-01) the scenario is invalid"), o.err());
      assertFalse(o.err().contains("--resume"), "resuming would repeat the failure: " + o.err());
      assertEquals(List.of("combo.yaml"), Cli.tree(tmp), "no result, no journal left");
    }
  }

  @Test
  void sweep_aPartialFolderOfOtherFiles_isInTheWay_andLeftAlone() throws IOException {
    Path partial = Files.createDirectories(tmp.resolve("out.partial"));
    Files.writeString(partial.resolve("mine.txt"), "mine");
    Path file = sweepWithAnInvalidCombination();
    Outcome o = Cli.magflow("sweep", file.toString(), "-o", tmp.resolve("out").toString());
    assertEquals(2, o.exitCode(), o.err());
    assertEquals("error: " + partial + ": is in the way: a sweep keeps its finished runs in the folder out.partial"
        + " next to its result folder, and this one holds other files; move it or choose another output folder",
        o.err().strip());
    assertEquals(List.of("combo.yaml", "out.partial", "out.partial/mine.txt"), Cli.tree(tmp));
  }

  @Test
  void sweep_onAFolderAnotherSweepIsWriting_isToldToWait_notToDeleteIt() throws Exception {
    Path file = Files.writeString(tmp.resolve("long.yaml"), "base: " + TINY + """

        design: monte-carlo
        samples: 2000
        parameters:
          - {name: cut, path: "policies[name=reo-throttle].cut", distribution: {type: uniform, min: 0, max: 1}}
        """);
    Path out = tmp.resolve("long-out");
    Path journal = tmp.resolve("long-out.partial/journal.csv");
    Process first = ChildJvm.start(ChildJvm.currentJava(), tmp.resolve("logs"), "first", List.of(), "sweep",
        file.toString(), "-o", out.toString(), "--threads", "1", "--no-charts");
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (!Files.exists(journal) && first.isAlive() && System.nanoTime() < deadline) {
        first.waitFor(10, TimeUnit.MILLISECONDS); // until its journal appears, or it ends
      }
      assertTrue(first.isAlive(), "the first sweep is under way: " + ChildJvm.log(tmp.resolve("logs"), "first"));
      for (boolean resume : new boolean[] {false, true}) {
        Outcome second = resume
            ? Cli.magflow("sweep", file.toString(), "-o", out.toString(), "--resume")
            : Cli.magflow("sweep", file.toString(), "-o", out.toString());
        assertEquals(2, second.exitCode(), second.err());
        assertEquals("error: " + out + ".partial: another magflow sweep is writing here now; wait for it to finish, or"
            + " stop it and run again with --resume", second.err().strip());
      }
      assertTrue(first.isAlive(), "the first sweep goes on");
    } finally {
      first.destroyForcibly().waitFor();
    }
  }
}
