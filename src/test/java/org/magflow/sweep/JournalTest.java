package org.magflow.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group commit in the sweep journal: rows reach journal.csv in batches, never before their fan series, and what a
 * crash leaves of an unflushed batch is dropped on resume. A crash is imitated by copying the journal's files
 * while the journal is still open: what they hold then is what a killed process leaves behind.
 */
class JournalTest {
  private static final String HEADER = "run,point,replication,seed,kpi";
  private static final int RUNS = 3000;
  private static final int FAN_CELLS = 3;

  /** A clock the test moves by hand. */
  private static final class Clock {
    long nanos;
  }

  private static Journal open(Path dir, Clock clock) throws Exception {
    return Journal.open(dir, "test sweep", RUNS, FAN_CELLS, HEADER, () -> clock.nanos);
  }

  private static void record(Journal journal, int run) throws Exception {
    journal.record(new RunResult(new RunTask(run, run, 0, 7), new double[] {run}, new double[] {run, run + 0.5, -run}),
        run + "," + run + ",0,7," + run);
  }

  /** The journal's files as a process killed now would leave them, in a folder of their own. */
  private static Path crashCopy(Path dir, Path into) throws Exception {
    Files.createDirectories(into);
    for (String f : List.of(Journal.PLAN, Journal.ROWS, Journal.FAN)) Files.copy(dir.resolve(f), into.resolve(f));
    return into;
  }

  private static List<String> rowsOnDisk(Path dir) throws Exception {
    return Files.readAllLines(dir.resolve(Journal.ROWS), StandardCharsets.UTF_8);
  }

  @Test
  void rows_areHeldUntilABatchFills_thenCommittedTogether(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("j");
    Clock clock = new Clock();
    try (Journal journal = open(dir, clock)) {
      for (int run = 0; run < Journal.BATCH_ROWS - 1; run++) record(journal, run);
      assertEquals(Journal.BATCH_ROWS - 1, journal.done(), "every recorded run counts as finished");
      assertEquals(List.of(HEADER), rowsOnDisk(dir), "no row is written before its batch is committed");
      Journal crashed = open(crashCopy(dir, tmp.resolve("crash1")), clock);
      assertEquals(0, crashed.done(), "a crash loses the held rows: resume runs them again");
      crashed.close();

      record(journal, Journal.BATCH_ROWS - 1);
      assertEquals(Journal.BATCH_ROWS + 1, rowsOnDisk(dir).size(), "a full batch is committed at once");
      try (Journal crashed2 = open(crashCopy(dir, tmp.resolve("crash2")), clock)) {
        assertEquals(Journal.BATCH_ROWS, crashed2.done());
        double[] fan = new double[FAN_CELLS];
        crashed2.fan(Journal.BATCH_ROWS - 1, 0, FAN_CELLS, fan);
        assertArrayEquals(new double[] {999, 999.5, -999}, fan, "a committed row's series is on disk");
      }
    }
  }

  @Test
  void aSecondAfterTheLastCommit_theNextFinishedRunCommitsTheBatch(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("j");
    Clock clock = new Clock();
    try (Journal journal = open(dir, clock)) {
      record(journal, 5);
      clock.nanos += Journal.BATCH_NANOS - 1;
      record(journal, 2);
      assertEquals(1, rowsOnDisk(dir).size(), "under a second: still held");
      clock.nanos += 1;
      record(journal, 9);
      assertEquals(List.of(HEADER, "5,5,0,7,5", "2,2,0,7,2", "9,9,0,7,9"), rowsOnDisk(dir));
      record(journal, 1);
      assertEquals(4, rowsOnDisk(dir).size(), "the clock starts again at each commit");
    }
    assertEquals(5, rowsOnDisk(dir).size(), "closing commits what is held");
    try (Journal reopened = open(dir, new Clock())) {
      assertEquals(4, reopened.done());
      assertEquals("1,1,0,7,1", reopened.row(1));
      assertTrue(reopened.isDone(9) && !reopened.isDone(3));
    }
  }

  @Test
  void readingRows_seesHeldRuns(@TempDir Path tmp) throws Exception {
    try (Journal journal = open(tmp.resolve("j"), new Clock())) {
      record(journal, 4);
      assertEquals("4,4,0,7,4", journal.row(4));
      double[] fan = new double[2];
      record(journal, 6);
      journal.fan(6, 1, 2, fan);
      assertArrayEquals(new double[] {6.5, -6}, fan);
    }
  }

  @Test
  void aTailOfNulBytes_leftByASystemCrash_isDropped(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("j");
    try (Journal journal = open(dir, new Clock())) {
      record(journal, 0);
      record(journal, 1);
    }
    // a system crash after the batch was written but before it was flushed: the size grew, the bytes did not
    // reach the disk; a later page of the batch may have
    Files.write(dir.resolve(Journal.ROWS), new byte[] {'2', ',', 0, 0, 0, '\n', '3', ',', '3', ',', '0', ',', '7',
        ',', '3', '\n'}, StandardOpenOption.APPEND);
    try (Journal reopened = open(dir, new Clock())) {
      assertEquals(2, reopened.done());
      assertFalse(reopened.isDone(3), "nothing from the NUL bytes on is trusted");
      record(reopened, 3);
    }
    assertEquals(List.of(HEADER, "0,0,0,7,0", "1,1,0,7,1", "3,3,0,7,3"), rowsOnDisk(dir));
  }
}
