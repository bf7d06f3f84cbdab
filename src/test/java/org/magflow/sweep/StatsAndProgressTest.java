package org.magflow.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Sweep statistics follow their textbook definitions; progress reads as promised. */
class StatsAndProgressTest {

  @Test
  void summary_givesMeanSdStudentTIntervalAndType7Percentiles_skippingMissingValues() {
    Stats.Summary s = Stats.summarise(new double[] {3, Double.NaN, 1, 2, 5, 4}, 6);
    assertEquals(5, s.n());
    assertEquals(3.0, s.mean(), 1e-12);
    assertEquals(Math.sqrt(2.5), s.sd(), 1e-12);
    double half = 2.7764451051977987 * Math.sqrt(2.5) / Math.sqrt(5); // t(0.975, 4)
    assertEquals(3 - half, s.ciLow(), 1e-9);
    assertEquals(3 + half, s.ciHigh(), 1e-9);
    assertEquals(1.2, s.p5(), 1e-12);   // 1 + 0.05 × 4 × (2 − 1)
    assertEquals(3.0, s.p50(), 1e-12);
    assertEquals(4.8, s.p95(), 1e-12);
  }

  @Test
  void summary_ofOneValue_hasNoSpread_andOfNone_hasNothing() {
    Stats.Summary one = Stats.summarise(new double[] {7}, 1);
    assertEquals(7, one.mean());
    assertTrue(Double.isNaN(one.sd()) && Double.isNaN(one.ciLow()));
    assertEquals(0, Stats.summarise(new double[] {Double.NaN}, 1).n());
  }

  @Test
  void terminalProgress_redrawsOneLineWithBarRateAndTimeLeft() {
    StringWriter out = new StringWriter();
    long[] now = {0};
    Progress.Printer p = new Progress.Printer(new PrintWriter(out), true, () -> now[0]);
    p.started(100, 20, "2 threads");
    now[0] = 10_000_000_000L; // 10 s later, 20 more runs done: 2 runs/s, 60 left, 30 s to go
    p.advanced(40, 100);
    p.ended(40, 100, false);
    String text = out.toString();
    assertTrue(text.startsWith("Resuming: 20 of 100 runs already done; running the other 80 on 2 threads\n"), text);
    assertTrue(text.contains("\r[############..................] 40/100 runs  40%  2.00 runs/s  ETA 30s"), text);
    assertTrue(text.endsWith("Stopped with 40 of 100 runs done; they are kept: run again with --resume to finish\n"),
        text);
  }

  @Test
  void plainProgress_printsALineEveryTenthOfTheRuns() {
    StringWriter out = new StringWriter();
    long[] now = {0};
    Progress.Printer p = new Progress.Printer(new PrintWriter(out), false, () -> now[0]);
    p.started(50, 0, "1 thread");
    for (int done = 1; done <= 50; done++) {
      now[0] += 100_000_000L;
      p.advanced(done, 50);
    }
    p.ended(50, 50, true);
    String[] lines = out.toString().split("\n");
    assertEquals(11, lines.length, out.toString()); // the start line and one per 5 runs
    assertEquals("50/50 runs 100%  10.00 runs/s  ETA 0s", lines[10]);
  }
}
