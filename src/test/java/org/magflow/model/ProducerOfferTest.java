package org.magflow.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.magflow.units.Units;

/**
 * What a producer offers at a clearing: what it makes, above the position its plants order up to; an input it
 * does not make, only above its glut level (maxCoverDays of its plants' use), since a dip in its plans is no
 * reason to sell what may take months to buy back.
 */
class ProducerOfferTest {
  private static final int INPUT = 0;
  private static final int OUTPUT = 1;
  /** 365 t a year of the recipe, at 0.5 t of input each. */
  private static final double USE_PER_DAY = Units.perDay(365) * 0.5;
  private static final double GLUT_DAYS = 90;
  private static final double REVIEW_DAYS = 7;

  @Test
  void anInputItDoesNotMake_isKeptUpToTheGlutLevel_andOnlyTheRestOffered() {
    // the position it orders up to: ~0.5 t a day x (30 days of cover + 7 of review) = 18.5 t; the glut level 45 t
    assertEquals(0, maker(40, 0).offer(INPUT, REVIEW_DAYS), 1e-9, "80 days of use: kept");
    assertEquals(60 - GLUT_DAYS * USE_PER_DAY, maker(60, 0).offer(INPUT, REVIEW_DAYS), 1e-9,
        "120 days of use: what is above 90 days offered");
  }

  @Test
  void whatItMakes_isOfferedAboveItsOwnNeeds_asBefore() {
    assertEquals(12, maker(0, 12).offer(OUTPUT, REVIEW_DAYS), 1e-9);
  }

  private static Producer maker(double inputTonnes, double outputTonnes) {
    Region r = new Region(0, "R", "R", 0, "z");
    Recipe make = new Recipe("make", Stage.MANUFACTURING, new double[] {0.5, 0}, new double[] {0, 1});
    Facility plant = new Facility("plant", make, r, CapacitySchedule.constant(365));
    Producer maker = new Producer(0, "maker", "Maker", r, List.of(), List.of(plant),
        new Producer.SupplyResponse(1, 0, GLUT_DAYS, 28), 2, 1);
    maker.openStock(INPUT, inputTonnes, 30, Origin.empty(1));
    maker.openStock(OUTPUT, outputTonnes, 14, Origin.empty(1));
    maker.planNormalUtilisation();
    return maker;
  }
}
