package org.magflow.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A buyer learns how long its shipments take by their tonnes, not by their number (issue 12): when each arrival
 * weighed 0.2, a few tonnes from a supplier five weeks away moved China's magnet makers' expected lead time by
 * days, their NdPr target position by about 1,400 t every other month, and China's NdPr price in a sawtooth.
 */
class LeadTimeLearningTest {
  private static final double[] NO_ORIGIN = Origin.empty(1);

  /** A sector using 3,650 t a year (10 t a day), expecting its shipments in 7 days. */
  private static DemandSector buyer() {
    SupplyChain chain = new TinyWorld().regions("A")
        .producer("mine", "A", CapacitySchedule.constant(5000), 100, 14)
        .sector("s", "A", 3650, 100, false, 100, 30).build();
    DemandSector sector = (DemandSector) chain.agents.get(1);
    sector.expectLeadDays(0, 7);
    return sector;
  }

  @Test
  void aSmallLotFromAFarSupplier_barelyMovesTheExpectedLeadTime() {
    DemandSector sector = buyer();
    sector.receive(0, 1, NO_ORIGIN, 35); // a tenth of a day's use, 28 days late
    // by its tonnes: 1 - exp(-1 / (10 t/d x 28 d)) = 0.36% of the 28 days, 0.1 day; counted as one arrival, 5.6 days
    assertEquals(7.1, sector.leadDays[0], 0.01);
    assertEquals(10, sector.expectedUsePerDay(0), 0.01);
  }

  @Test
  void aWeeksSupply_movesItAboutAFifthOfTheWay() {
    DemandSector sector = buyer();
    sector.receive(0, 70, NO_ORIGIN, 35);
    double expected = 7 + 28 * (1 - Math.exp(-70 / (sector.expectedUsePerDay(0) * 28)));
    assertEquals(expected, sector.leadDays[0], 1e-9);
    assertTrue(sector.leadDays[0] > 13 && sector.leadDays[0] < 14, "a week's supply moves it 6.2 days");
  }

  @Test
  void manyLotsTakeItAllTheWay_whateverTheirSize() {
    DemandSector sector = buyer();
    for (int i = 0; i < 400; i++) sector.receive(0, 10, NO_ORIGIN, 35);
    assertEquals(35, sector.leadDays[0], 0.01);
  }
}
