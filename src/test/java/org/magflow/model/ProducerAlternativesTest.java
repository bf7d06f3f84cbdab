package org.magflow.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A plant whose recipe has alternatives runs a mix of them within its one capacity, each by its own orders, and
 * a line short of one input (Dy/Tb) makes the alternative that does without it (heavy-free magnets).
 */
class ProducerAlternativesTest {
  private static final int NDPR = 0;
  private static final int DYTB = 1;
  private static final int DY_GRADE = 2;
  private static final int HEAVY_FREE = 3;
  private static final double CAPACITY_PER_DAY = 1;
  private static final Recipe WITH_DYTB = new Recipe("dy-grade", Stage.MANUFACTURING,
      new double[] {0.28, 0.03, 0, 0}, new double[] {0, 0, 1, 0});
  private static final Recipe HEAVY_FREE_GRADE = new Recipe("heavy-free", Stage.MANUFACTURING,
      new double[] {0.31, 0, 0, 0}, new double[] {0, 0, 0, 1});

  /** Tonnes a day of each grade made over the last eight of 52 weeks, by commodity. */
  private static double[] madePerDay(Recipe recipe, double dyGradeSales, double heavyFreeSales,
                                     double dyTbPerDay) {
    double[] atReference = new double[recipe.alternatives().size() + 1];
    java.util.Arrays.fill(atReference, 1);
    return madePerDay(recipe, dyGradeSales, heavyFreeSales, dyTbPerDay, atReference);
  }

  /** As above, with each recipe's outputs fetching {@code priceMultiple} times their reference. */
  private static double[] madePerDay(Recipe recipe, double dyGradeSales, double heavyFreeSales, double dyTbPerDay,
                                     double[] priceMultiple) {
    Region r = new Region(0, "R", "R", 0, "z");
    Facility plant = new Facility("line", recipe, r, CapacitySchedule.constant(CAPACITY_PER_DAY * 365));
    Producer maker = new Producer(0, "maker", "Maker", r, List.of(), List.of(plant),
        new Producer.SupplyResponse(1, 0, 90, 28), 4, 1);
    maker.openStock(NDPR, 1_000, 30, Origin.empty(1));
    maker.openStock(DYTB, 0, 30, Origin.empty(1));
    maker.openStock(DY_GRADE, 0, 14, Origin.empty(1));
    maker.openStock(HEAVY_FREE, 0, 14, Origin.empty(1));
    maker.requestedPerDay[DY_GRADE] = dyGradeSales;
    maker.requestedPerDay[HEAVY_FREE] = heavyFreeSales;
    double[] made = new double[4];
    Producer.ProductionLog log = new Producer.ProductionLog() {
      public void used(Producer p, int c, double tonnes, double now, double days) {}

      public void produced(Producer p, int c, double tonnes, double now, double days) {
        if (now >= 44 * 7) made[c] += tonnes / (8 * 7);
      }

      public void ran(Producer p, Facility f, Recipe recipe, double activityTonnes, double now, double days) {}

      public void capacity(Producer p, Facility f, double availableActivityTonnes, double now, double days) {}
    };
    for (int week = 0; week < 52; week++) {
      // a week's Dy/Tb arrives; the oxide stock stays full; buyers take what was made, less two weeks' cover
      maker.inventory.add(DYTB, dyTbPerDay * 7, Origin.empty(1));
      maker.inventory.add(NDPR, Math.max(0, 1_000 - maker.inventory.tonnes(NDPR)), Origin.empty(1));
      maker.produce(week * 7.0, 7, 7, new double[][] {priceMultiple}, log);
      for (int c : new int[] {DY_GRADE, HEAVY_FREE}) {
        double keep = 14 * maker.requestedPerDay[c];
        double sold = Math.max(0, maker.inventory.tonnes(c) - keep);
        if (sold > 0) maker.inventory.remove(c, sold);
      }
    }
    return made;
  }

  @Test
  void aLineWithoutDyTb_makesTheHeavyFreeGrade_forItsBuyers() {
    double[] made = madePerDay(WITH_DYTB.withAlternatives(List.of(HEAVY_FREE_GRADE)), 0.3, 0.3, 0);
    assertEquals(0.3, made[HEAVY_FREE], 0.03, "heavy-free t/day, ordered 0.3");
    assertEquals(0, made[DY_GRADE], 1e-9, "no Dy/Tb, no Dy/Tb grade");
    // the same line without the alternative makes nothing at all
    double[] single = madePerDay(WITH_DYTB, 0.3, 0.3, 0);
    assertEquals(0, single[HEAVY_FREE] + single[DY_GRADE], 1e-9);
  }

  @Test
  void bothGradesOrdered_shareTheOneCapacity() {
    // 0.7 t a day of each ordered from a line of 1 t a day, with Dy/Tb for all of it
    double[] made = madePerDay(WITH_DYTB.withAlternatives(List.of(HEAVY_FREE_GRADE)), 0.7, 0.7, 0.7 * 0.03);
    double total = made[DY_GRADE] + made[HEAVY_FREE];
    assertTrue(total <= CAPACITY_PER_DAY + 1e-9, "made " + total + " t/day on a line of 1");
    assertTrue(total > 0.95 * CAPACITY_PER_DAY, "made " + total + " t/day: the line runs full");
    assertEquals(made[DY_GRADE], made[HEAVY_FREE], 0.05, "equal orders, equal shares");
  }

  @Test
  void capacityIdleForWantOfDyTb_goesToTheHeavyFreeGrade() {
    // Dy/Tb for 0.1 t a day of the Dy/Tb grade: its share of the line would idle; heavy-free buyers get it
    double[] made = madePerDay(WITH_DYTB.withAlternatives(List.of(HEAVY_FREE_GRADE)), 0.7, 0.7, 0.1 * 0.03);
    assertEquals(0.1, made[DY_GRADE], 0.01, "Dy/Tb grade t/day, limited by 0.1 t/day's Dy/Tb");
    assertTrue(made[HEAVY_FREE] > 0.65, "heavy-free " + made[HEAVY_FREE]
        + " t/day of 0.7 ordered; half the line would give 0.5");
  }

  @Test
  void aPricePushOnOneGrade_takesOnlyTheCapacityTheOtherGradesOrdersLeave() {
    // Dy/Tb-grade magnets fetch 2x (a push: run at all it can), heavy-free ones their reference; 0.4 t a day of
    // each ordered from a line of 1 t a day. Shared in proportion to what each wanted (1.0 and 0.4), heavy-free
    // buyers got 0.32 t a day of their 0.4.
    double[] made = madePerDay(WITH_DYTB.withAlternatives(List.of(HEAVY_FREE_GRADE)), 0.4, 0.4, 1.0 * 0.03,
        new double[] {2, 1});
    assertEquals(0.4, made[HEAVY_FREE], 0.03, "heavy-free t/day, ordered 0.4");
    assertEquals(0.6, made[DY_GRADE], 0.05, "Dy/Tb grade t/day: its 0.4 and the push into the rest of the line");
  }

  @Test
  void anAlternative_isAPlainRecipeOfTheSameStage() {
    Recipe mine = new Recipe("mine", Stage.MINING, new double[4], new double[] {1, 0, 0, 0});
    assertThrows(IllegalArgumentException.class, () -> WITH_DYTB.withAlternatives(List.of(mine)));
    Recipe nested = HEAVY_FREE_GRADE.withAlternatives(List.of(WITH_DYTB));
    assertThrows(IllegalArgumentException.class, () -> WITH_DYTB.withAlternatives(List.of(nested)));
  }
}
