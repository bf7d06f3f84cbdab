package org.magflow.run;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.magflow.event.Metrics;

/**
 * US defence buyers under China's defence bans, in the shipped scenarios (seed 42). Once China's worldwide ban on
 * defence end users returns (10 November 2026, october-2025-suspended.yaml), no magnet with Chinese content may
 * reach them; MP Materials, which buys nothing with Chinese content from its DoD agreement (world-2035.yaml),
 * makes the magnets they may still take.
 */
class UsDefenceSupplyTest {
  private static final LocalDate LISTING = LocalDate.of(2026, 6, 22);
  private static final LocalDate END = LocalDate.of(2035, 12, 31);
  private static RunSeries suspended;
  private static RunSeries listed;

  @BeforeAll
  static void run() throws InputException {
    suspended = run("scenarios/october-2025-suspended.yaml");
    listed = run("scenarios/entity-ban-us-defence.yaml");
  }

  private static RunSeries run(String file) throws InputException {
    return new RunSeries(new ScenarioRun().simulate(RunJob.load(Path.of(file)), file, 42, 0,
        m -> m.equals(Metrics.SHORTAGE) || m.equals(Metrics.DEMAND)));
  }

  private static double shortShare(RunSeries run, LocalDate from, LocalDate to) {
    return ReadmeFigures.shortShare(run, "us-defence", from, to);
  }

  @Test
  void usDefence_isServedByChinaFreeMagnets_underChinasWorldwideDefenceBan() {
    // While MP bought Chinese oxide whenever it was cheaper, its magnets carried Chinese content and US defence
    // went 83% short in 2027 and 61% in 2028 (72% and 12% once stocks were used first in, first out).
    for (int year = 2027; year <= 2035; year++) {
      double share = shortShare(suspended, LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
      assertTrue(share < 0.05, "US defence " + Math.round(1000 * share) / 10.0 + "% short in " + year);
    }
  }

  @Test
  void theListing_neverLeavesUsDefenceLessShort_thanTheSameWorldWithoutIt() {
    // The entity ban adds to the world of october-2025-suspended.yaml; it was the harsher policy doing less harm
    // (US defence 14% short without it from June 2026, none with it) while the listing alone kept MP's feed free of
    // Chinese content. A tenth of a percentage point of slack for the runs' different paths.
    double without = shortShare(suspended, LISTING, END);
    double with = shortShare(listed, LISTING, END);
    assertTrue(with >= without - 0.001, "US defence short " + with + " with the listing, " + without + " without");
  }
}
