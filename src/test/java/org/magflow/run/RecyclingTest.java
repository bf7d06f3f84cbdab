package org.magflow.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.function.Predicate;
import org.magflow.event.Metrics;
import org.magflow.event.Observation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recycling on the calibrated baseline: a Japanese recycler, owned by Japan's magnet makers who use its NdPr
 * oxide, fed by the magnets Japanese sectors used a product's lifetime ago. Its feed is checked against a figure computed here by hand from the demand curves, and each
 * limit on it (scrap collected, plant capacity) is shown to bind where it should and not elsewhere.
 */
class RecyclingTest {
  private static final Path BASELINE = Path.of("scenarios/baseline.yaml").toAbsolutePath();
  private static final LocalDate H2_FROM = LocalDate.of(2025, 7, 1);
  private static final LocalDate H2_TO = LocalDate.of(2025, 12, 31);
  private static final Predicate<Observation> RECYCLER =
      o -> o.agent().equals("jp-magnets") && o.commodity().equals("ndpr_oxide");
  private static final Predicate<Observation> RECYCLER_CAPACITY =
      o -> o.agent().equals("jp-magnets") && o.sector().equals("recycling");

  @TempDir Path tmp;

  /** The baseline with a recycling recipe and a Japanese recycler of {@code tonnes} a year open from the start. */
  private RunSeries run(double tonnes, double collection) throws Exception {
    String recipes = Files.readString(BASELINE).replaceAll("(?s).*?\n(recipes:.*?)\nproducers:.*", "$1");
    return new RunSeries(TestRuns.balanced(tmp.resolve("recycling.yaml"), "extends: " + BASELINE + "\nname: recycling-test\nend: 2026-06-30\n" + recipes + """
          # long loop: NdPr oxide back from the scrap's Nd+Pr, about 28 per cent [assumption]; Japan's own magnet plants use it
          - {id: recycle-oxides, stage: recycling, outputs: {ndpr_oxide: 0.28}}
        recycling:
          collectionShare: %s
          lifetimeYears: {ev: 10, wind: 10, electronics: 10, industrial: 10, defence: 10}
        projects:
          - {id: jp-recycling-plant, owner: jp-magnets, site: JP, recipe: recycle-oxides, tonnesPerYear: %s,
             status: building, firstOutput: 2025-01-02, rampMonths: 0}
        """.formatted(collection, tonnes)));
  }

  /**
   * Japanese magnets coming back in the second half of 2025, tonnes, worked out from the demand curves in
   * baseline.yaml: each sector's use of {@code B (1+g)^y} a year at year y returns evenly between 5 and 15 years
   * later, so the flow at year t is {@code B/10 * integral over a from 5 to 15 of (1+g)^(t-a)}.
   */
  private static double returningInH2Of2025() {
    double[][] sectors = {{6000, 0.05}, {5000, 0.05}, {5000, 0.05}}; // ev, electronics, industrial
    double total = 0;
    for (double[] s : sectors) {
      double q = 1 + s[1];
      double t = 0.75; // the middle of the second half of 2025, in years since the start
      double integral = (Math.pow(q, t - 5) - Math.pow(q, t - 15)) / Math.log(q);
      total += s[0] / 10 * integral * 0.5; // half a year
    }
    return total;
  }

  @Test
  void aRecyclerBigEnough_isLimitedByTheScrapCollected_asWorkedOutByHand() throws Exception {
    double collected = 0.5 * returningInH2Of2025(); // ~1,450 t
    RunSeries big = run(40000, 0.5);
    double made = big.sum(Metrics.PRODUCTION, RECYCLER, H2_FROM, H2_TO);
    // it runs at most all of its feed (x 0.28 yield) and, its owner's plants using the oxide, most of it
    assertTrue(made <= 0.28 * collected * 1.01, "made " + made + " of at most " + 0.28 * collected);
    assertTrue(made >= 0.28 * collected * 0.6, "made " + made + " of " + 0.28 * collected);
    // twice the plant makes no more: the scrap binds, not the plant
    double bigger = run(80000, 0.5).sum(Metrics.PRODUCTION, RECYCLER, H2_FROM, H2_TO);
    assertEquals(made, bigger, 0.02 * made);
    // half the collection, about half the output
    double halfCollected = run(40000, 0.25).sum(Metrics.PRODUCTION, RECYCLER, H2_FROM, H2_TO);
    assertEquals(0.5, halfCollected / made, 0.05);
    // its capacity is reported whole, not cut to its feed
    assertEquals(40000, big.at(Metrics.CAPACITY, RECYCLER_CAPACITY, H2_TO), 1);
  }

  @Test
  void aSmallRecycler_isLimitedByItsCapacity_andNothingIsRecycledWithoutCollection() throws Exception {
    double made = run(500, 0.5).sum(Metrics.PRODUCTION, RECYCLER, H2_FROM, H2_TO);
    assertTrue(made <= 0.28 * 250 * 1.01 && made > 0.28 * 250 * 0.6, "made " + made + " by a 500 t/yr plant in half a year");
    assertEquals(0, run(40000, 0).sum(Metrics.PRODUCTION, RECYCLER, H2_FROM, H2_TO), 1e-9);
  }
}
