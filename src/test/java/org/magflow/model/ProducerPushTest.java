package org.magflow.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A plant runs at all it can when its output fetches {@value Producer#PUSH_PRICE_MULTIPLE}x its reference or more,
 * but only while what it makes sells: the push fades as its unsold stock climbs from its aim to the glut level.
 */
class ProducerPushTest {
  private static final double SALES_PER_DAY = 0.1;
  private static final double CAPACITY_PER_YEAR = 365; // 1 t a day
  private static final double COVER_DAYS = 14;
  private static final double GLUT_DAYS = 90;

  @Test
  void pushShare_isWholeUpToTheAim_noneAtTheGlut_andAStraightLineBetween() {
    assertEquals(1, Producer.pushShare(0, 10, 50));
    assertEquals(1, Producer.pushShare(10, 10, 50));
    assertEquals(0.75, Producer.pushShare(20, 10, 50), 1e-12);
    assertEquals(0.25, Producer.pushShare(40, 10, 50), 1e-12);
    assertEquals(0, Producer.pushShare(50, 10, 50));
    assertEquals(0, Producer.pushShare(80, 10, 50));
    assertEquals(1, Producer.pushShare(80, 10, Double.POSITIVE_INFINITY), "no glut level: the push is whole");
  }

  @Test
  void highPrice_runsAtCapacity_whileWhatIsMadeSells() {
    // stock held at the cover aim (14 days of sales): the price pushes the plant to all it can
    double planned = plannedAfterHalfAYear(COVER_DAYS * SALES_PER_DAY, 2.0);
    assertEquals(1.0, planned, 0.01, "planned t/day");
  }

  @Test
  void highPrice_doesNotRunAtCapacity_whenUnsoldStockPilesUp() {
    // 80 days of sales unsold, close to the 90-day glut: the high price is in a market this maker is not selling
    // into (Japan's makers under the de-minimis rule), so it makes about what it sells. Without the fade it ran at
    // 1 t a day, ten times its sales, until the glut stopped it, and switched off and on as the price crossed 1.25x.
    double planned = plannedAfterHalfAYear(80 * SALES_PER_DAY, 2.0);
    assertTrue(planned < 0.25, "planned " + planned + " t/day against 0.1 sold and 1.0 it could run");
    assertTrue(planned > 0, "planned " + planned + " t/day: it still makes something");
  }

  @Test
  void priceBelowThePushMultiple_runsForSalesOnly() {
    double planned = plannedAfterHalfAYear(COVER_DAYS * SALES_PER_DAY, 1.2);
    assertTrue(planned < 0.2, "planned " + planned + " t/day at 1.2x");
  }

  /**
   * The plan of a one-plant maker after 26 weekly runs, with sales of 0.1 t a day and its finished stock held at
   * {@code stockTonnes} (each week's output taken away and the level restored).
   */
  private static double plannedAfterHalfAYear(double stockTonnes, double priceMultiple) {
    Region r = new Region(0, "R", "R", 0, "z");
    Recipe make = new Recipe("make", Stage.MINING, new double[] {0}, new double[] {1});
    Facility plant = new Facility("plant", make, r, CapacitySchedule.constant(CAPACITY_PER_YEAR));
    Producer maker = new Producer(0, "maker", "Maker", r, List.of(), List.of(plant),
        new Producer.SupplyResponse(1, 0, GLUT_DAYS, 28), 1, 1);
    maker.openStock(0, stockTonnes, COVER_DAYS, Origin.empty(1));
    maker.requestedPerDay[0] = SALES_PER_DAY;
    Producer.ProductionLog quiet = new Producer.ProductionLog() {
      public void used(Producer p, int c, double tonnes, double now, double days) {}

      public void produced(Producer p, int c, double tonnes, double now, double days) {}

      public void ran(Producer p, Facility f, Recipe recipe, double activityTonnes, double now, double days) {}

      public void capacity(Producer p, Facility f, double availableActivityTonnes, double now, double days) {}
    };
    for (int week = 0; week < 26; week++) {
      maker.produce(week * 7.0, 7, 7, new double[][] {{priceMultiple}}, quiet);
      double made = maker.inventory.tonnes(0) - stockTonnes;
      if (made > 0) maker.inventory.remove(0, made);
    }
    return plant.plannedPerDay[0];
  }
}
