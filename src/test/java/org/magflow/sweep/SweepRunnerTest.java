package org.magflow.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magflow.run.InputException;

/** A sweep's results depend on the sweep alone: not on threads, not on interruptions. */
class SweepRunnerTest {
  /** The files that must be byte-identical between two runs of one sweep (sweep.json records timings). */
  private static final List<String> DETERMINISTIC = List.of("runs.csv", "summary.csv", "fan.csv");

  private static SweepRunner.Result sweep(Path file, Path out, int threads) throws Exception {
    // Charts have their own tests (SweepChartsInSweepTest); these are about the data, and run faster without.
    return new SweepRunner().run(file, SweepRunner.Options.defaults().withOutDir(out).withThreads(threads)
        .withCharts(false));
  }

  private static void assertSameFiles(Path a, Path b, List<String> names) throws IOException {
    for (String f : names) {
      assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
    }
  }

  @Test
  void sameSweep_at1And4Threads_givesByteIdenticalResults(@TempDir Path tmp) throws Exception {
    Path file = Sweeps.grid(tmp);
    SweepRunner.Result one = sweep(file, tmp.resolve("one"), 1);
    SweepRunner.Result four = sweep(file, tmp.resolve("four"), 4);
    assertTrue(one.complete() && four.complete());
    assertEquals(12, one.runs());
    assertSameFiles(tmp.resolve("one"), tmp.resolve("four"), DETERMINISTIC);
    List<String> rows = Files.readAllLines(tmp.resolve("one/runs.csv"));
    assertEquals(13, rows.size());
    assertTrue(rows.get(0).startsWith("run,point,replication,seed,cut,months,shortageByRegion[CN]"), rows.get(0));
    for (int run = 0; run < 12; run++) {
      assertTrue(rows.get(run + 1).startsWith(run + "," + run / 2 + "," + run % 2 + ",11,"), rows.get(run + 1));
    }
    assertFalse(Files.exists(SweepRunner.partialDir(tmp.resolve("one"))), "the journal is gone once done");
  }

  @Test
  void sobolSweep_at1And3Threads_givesByteIdenticalIndices(@TempDir Path tmp) throws Exception {
    Path file = Sweeps.write(tmp, "sobol.yaml", """
        design: sobol
        samples: 4
        parameters:
          - name: cut
            path: policies[name=reo-throttle].cut
            distribution: {type: uniform, min: 0.5, max: 1}
          - name: noise
            path: demandResponse.noise
            distribution: {type: triangular, min: 0, mode: 0.05, max: 0.1}
        kpis:
          - shortageByRegion[US].shortagePercentOfDemand
          - {name: us_price, path: "prices[XC/magnet].peakMultiple"}
        """);
    sweep(file, tmp.resolve("a"), 1);
    sweep(file, tmp.resolve("b"), 3);
    assertSameFiles(tmp.resolve("a"), tmp.resolve("b"), List.of("runs.csv", "summary.csv", "fan.csv", "sobol.csv"));
    List<String> sobol = Files.readAllLines(tmp.resolve("a/sobol.csv"));
    assertEquals("kpi,parameter,S1,S1_low,S1_high,ST,ST_low,ST_high,samples", sobol.get(0));
    assertEquals(5, sobol.size());
    assertTrue(sobol.get(3).startsWith("us_price,cut,"), sobol.get(3));
  }

  @Test
  void oneAtATime_writesATornado_largestSwingFirst(@TempDir Path tmp) throws Exception {
    Path file = Sweeps.write(tmp, "oat.yaml", """
        design: one-at-a-time
        parameters:
          - name: capacity_x
            path: producers[id=us-magnets].facilities[id=fort-worth].capacity[0].tonnesPerYear
            apply: multiply
            values: [0.2, 1.5]
          - name: noise
            path: demandResponse.noise
            values: [0, 0.1]
        kpis:
          - {name: us_short, path: "shortageByRegion[US].shortagePercentOfDemand"}
        """);
    sweep(file, tmp.resolve("oat"), 2);
    List<String> runs = Files.readAllLines(tmp.resolve("oat/runs.csv"));
    assertEquals("run,point,replication,seed,capacity_x,noise,us_short", runs.get(0));
    assertTrue(runs.get(1).startsWith("0,0,0,42,1,0.05,"), runs.get(1)); // the base: the scenario's own values
    assertTrue(runs.get(2).startsWith("1,1,0,42,0.2,0.05,"), runs.get(2));
    List<String> tornado = Files.readAllLines(tmp.resolve("oat/tornado.csv"));
    assertEquals("kpi,parameter,low,high,at_low,at_base,at_high,swing", tornado.get(0));
    assertEquals(3, tornado.size());
    assertTrue(tornado.get(1).startsWith("us_short,capacity_x,0.2,1.5,"), "capacity swings US shortage most: "
        + tornado);
    List<String> summary = Files.readAllLines(tmp.resolve("oat/summary.csv"));
    assertTrue(summary.get(2).startsWith("1,low:capacity_x,0.2,0.05,us_short,1,"), summary.get(2));
  }

  @Test
  void killedSweep_resumed_givesTheSameResultsAsAnUninterruptedOne(@TempDir Path tmp) throws Exception {
    Path file = Sweeps.grid(tmp);
    sweep(file, tmp.resolve("straight"), 2);

    Path out = tmp.resolve("resumed");
    var options = SweepRunner.Options.defaults().withOutDir(out).withThreads(2).withCharts(false);
    SweepRunner.Result killed = new SweepRunner().run(file, options.withStopAfter(5));
    assertFalse(killed.complete());
    assertEquals(5, killed.ranNow());
    assertFalse(Files.exists(out), "nothing is published until every run is done");
    Path partial = SweepRunner.partialDir(out);
    assertEquals(5, Journal.finishedRuns(partial));

    // a row cut short by the kill must not count
    Files.writeString(partial.resolve(Journal.ROWS), "7,3,1,11,0.6", StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);

    InputException notResumed = assertThrows(InputException.class, () -> new SweepRunner().run(file, options));
    assertTrue(notResumed.problems().get(0).message().contains("run again with --resume"),
        notResumed.problems().toString());

    SweepRunner.Result resumed = new SweepRunner().run(file, options.withResume(true));
    assertTrue(resumed.complete());
    assertEquals(5, resumed.resumedRuns());
    assertEquals(7, resumed.ranNow(), "only the missing runs run again");
    assertSameFiles(tmp.resolve("straight"), out, DETERMINISTIC);
    assertFalse(Files.exists(partial));
  }

  @Test
  void resume_ofAChangedSweep_isRefused(@TempDir Path tmp) throws Exception {
    Path file = Sweeps.grid(tmp);
    Path out = tmp.resolve("out");
    var options = SweepRunner.Options.defaults().withOutDir(out).withThreads(1).withCharts(false);
    new SweepRunner().run(file, options.withStopAfter(2));
    Files.writeString(file, Files.readString(file).replace("seed: 11", "seed: 12"));
    InputException e = assertThrows(InputException.class, () -> new SweepRunner().run(file, options.withResume(true)));
    assertTrue(e.problems().get(0).message().contains("was started from another sweep file"), e.problems().toString());
  }

  @Test
  void resume_withNothingToResume_runsTheWholeSweep(@TempDir Path tmp) throws Exception {
    SweepRunner.Result r = new SweepRunner().run(Sweeps.grid(tmp),
        SweepRunner.Options.defaults().withOutDir(tmp.resolve("out")).withResume(true).withCharts(false));
    assertTrue(r.complete());
    assertEquals(0, r.resumedRuns());
    assertEquals(12, r.ranNow());
  }
}
