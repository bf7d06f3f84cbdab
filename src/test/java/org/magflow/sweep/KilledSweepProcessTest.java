package org.magflow.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real sweep process killed with SIGKILL mid-sweep (no shutdown hook, no chance to flush anything), then
 * resumed: the resumed sweep runs exactly the runs its journal does not hold, and its files are byte-identical to
 * an uninterrupted sweep's. This is the group commit's promise seen from outside: whatever a kill leaves in the
 * journal is whole and usable.
 */
class KilledSweepProcessTest {
  private static final int RUNS = 800;
  private static final long BOUND_SECONDS = 120;

  private static Path sweepFile(Path dir) throws Exception {
    return Sweeps.write(dir, "killed.yaml", """
        design: monte-carlo
        samples: %d
        seed: 5
        parameters:
          - name: cut
            path: policies[name=reo-throttle].cut
            distribution: {type: uniform, min: 0.2, max: 1}
          - name: noise
            path: demandResponse.noise
            distribution: {type: uniform, min: 0, max: 0.1}
        """.formatted(RUNS));
  }

  /** Starts {@code magflow sweep} in a JVM of its own, on this test's class path, its output going to {@code log}. */
  private static Process start(Path file, Path out, Path log) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "org.magflow.cli.MagflowCli",
        "sweep", file.toString(), "-o", out.toString(), "--threads", "2", "--no-charts")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  @Test
  void sweepKilledBySigkill_resumes_runningOnlyWhatTheJournalLacks(@TempDir Path tmp) throws Exception {
    Path file = sweepFile(tmp);
    Path out = tmp.resolve("killed");
    Path partial = SweepRunner.partialDir(out);
    Path log = tmp.resolve("sweep.log");
    Process sweep = start(file, out, log);
    int committed;
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
      // Kill once a batch is committed (the first commits about a second into the runs), well before the end.
      while (Journal.finishedRuns(partial) == 0) {
        if (!sweep.isAlive()) fail("the sweep ended before it could be killed: " + Files.readString(log));
        if (System.nanoTime() > deadline) fail("no run was committed within " + BOUND_SECONDS + " s");
        Thread.sleep(20);
      }
      sweep.destroyForcibly(); // SIGKILL on Linux and macOS
      assertTrue(sweep.waitFor(30, TimeUnit.SECONDS), "the killed sweep exits");
      assertEquals(137, sweep.exitValue(), "killed by SIGKILL (128 + 9)");
    } finally {
      sweep.destroyForcibly();
    }
    assertFalse(Files.exists(out), "a killed sweep publishes nothing");
    committed = Journal.finishedRuns(partial);
    assertTrue(committed > 0 && committed < RUNS, "killed mid-sweep: " + committed + " runs in the journal");

    var options = SweepRunner.Options.defaults().withThreads(2).withCharts(false);
    SweepRunner.Result resumed = new SweepRunner().run(file, options.withOutDir(out).withResume(true));
    assertTrue(resumed.complete());
    assertEquals(committed, resumed.resumedRuns(), "every run the journal holds is taken from it");
    assertEquals(RUNS - committed, resumed.ranNow(), "only the runs the journal lacks run again");

    Path straight = tmp.resolve("straight");
    new SweepRunner().run(file, options.withOutDir(straight).withThreads(1));
    for (String f : List.of("runs.csv", "summary.csv", "fan.csv")) {
      assertArrayEquals(Files.readAllBytes(straight.resolve(f)), Files.readAllBytes(out.resolve(f)), f);
    }
    assertEquals(RUNS + 1, Files.readAllLines(out.resolve("runs.csv"), StandardCharsets.UTF_8).size());
  }

  @Test
  void sweepStoppedBySigterm_keepsEveryRunItReportedDone(@TempDir Path tmp) throws Exception {
    Path file = sweepFile(tmp);
    Path out = tmp.resolve("stopped");
    Path log = tmp.resolve("sweep.log");
    Process sweep = start(file, out, log);
    String firstLine = RUNS / 10 + "/" + RUNS + " runs"; // in a log, progress is printed every tenth of the runs
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
      while (!Files.readString(log).contains(firstLine)) {
        if (!sweep.isAlive()) fail("the sweep ended before it could be stopped: " + Files.readString(log));
        if (System.nanoTime() > deadline) fail("no progress within " + BOUND_SECONDS + " s");
        Thread.sleep(10);
      }
      sweep.destroy(); // SIGTERM: shutdown hooks run, as on Ctrl-C
      assertTrue(sweep.waitFor(30, TimeUnit.SECONDS), "the stopped sweep exits");
    } finally {
      sweep.destroyForcibly();
    }
    int kept = Journal.finishedRuns(SweepRunner.partialDir(out));
    // Without the journal's shutdown hook only the rows of the last commit (about once a second) would be on disk;
    // only a commit falling between the 80th run and the signal would hide that.
    assertTrue(kept >= RUNS / 10, "the " + RUNS / 10 + " runs reported done are kept, not only the last batch: "
        + kept + "\n" + Files.readString(log));
    assertTrue(Files.readString(log).contains("Every finished run is kept"), Files.readString(log));
  }
}
