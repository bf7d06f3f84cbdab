package org.magflow.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OriginTest {
  private static final int CN = 0;
  private static final int AU = 1;
  private static final int US = 2;
  private static final int R = 3;
  private static final double TOL = 1e-12;

  private static double[] minedIn(int region) {
    double[] o = Origin.empty(R);
    Origin.stamp(o, Stage.MINING, region, R);
    return o;
  }

  @Test
  void empty_hasOneZeroSlotPerStageAndRegion() {
    assertArrayEquals(new double[Stage.values().length * R], Origin.empty(R));
    assertEquals(4, Origin.STAGES); // mined, separated, made, recycled
  }

  @Test
  void slot_laysOutStageByStage() {
    assertEquals(0, Origin.slot(Stage.MINING, CN, R));
    assertEquals(2, Origin.slot(Stage.MINING, US, R));
    assertEquals(3, Origin.slot(Stage.SEPARATION, CN, R));
    assertEquals(7, Origin.slot(Stage.MANUFACTURING, AU, R));
  }

  @Test
  void stamp_setsTheWholeStageToOneRegion_andLeavesOtherStages() {
    double[] o = minedIn(CN);
    Origin.stamp(o, Stage.SEPARATION, AU, R);
    Origin.stamp(o, Stage.SEPARATION, US, R); // restamping replaces, not adds
    assertEquals(1, Origin.share(o, Stage.MINING, CN, R));
    assertEquals(0, Origin.share(o, Stage.MINING, AU, R));
    assertEquals(0, Origin.share(o, Stage.SEPARATION, AU, R));
    assertEquals(1, Origin.share(o, Stage.SEPARATION, US, R));
    assertEquals(0, Origin.share(o, Stage.MANUFACTURING, US, R));
  }

  @Test
  void mixInto_isMassWeighted() {
    // 10 t all-China mined + 30 t all-Australia mined → 10/40 = 25% China, 30/40 = 75% Australia
    double[] held = minedIn(CN);
    Origin.mixInto(held, 10, minedIn(AU), 30);
    assertEquals(0.25, Origin.share(held, Stage.MINING, CN, R), TOL);
    assertEquals(0.75, Origin.share(held, Stage.MINING, AU, R), TOL);
    assertEquals(0.0, Origin.share(held, Stage.MINING, US, R), TOL);
    // no stage beyond mining has happened
    assertEquals(0.0, Origin.share(held, Stage.SEPARATION, CN, R));
  }

  @Test
  void mixInto_threeSuccessiveLots_equalsOneWeightedAverage() {
    // 10 t CN, then 30 t AU, then 60 t US: 10%, 30%, 60%
    double[] held = minedIn(CN);
    Origin.mixInto(held, 10, minedIn(AU), 30);
    Origin.mixInto(held, 40, minedIn(US), 60);
    assertEquals(0.1, Origin.share(held, Stage.MINING, CN, R), TOL);
    assertEquals(0.3, Origin.share(held, Stage.MINING, AU, R), TOL);
    assertEquals(0.6, Origin.share(held, Stage.MINING, US, R), TOL);
  }

  @Test
  void mixInto_separatedWithUnseparated_givesPartialStageShare() {
    // 20 t separated in China + 60 t concentrate never separated: separation shares sum to 0.25
    double[] separated = minedIn(AU);
    Origin.stamp(separated, Stage.SEPARATION, CN, R);
    double[] held = separated.clone();
    Origin.mixInto(held, 20, minedIn(AU), 60);
    assertEquals(1.0, Origin.share(held, Stage.MINING, AU, R), TOL);
    assertEquals(0.25, Origin.share(held, Stage.SEPARATION, CN, R), TOL);
  }

  @Test
  void mixInto_intoEmptyHolding_takesTheAddedOrigin() {
    double[] held = minedIn(CN); // stale origin of a stock that is now 0 t
    Origin.mixInto(held, 0, minedIn(US), 5);
    assertArrayEquals(minedIn(US), held, TOL);
  }

  @Test
  void mixInto_nothingAtAll_leavesHeldUnchanged() {
    double[] held = minedIn(CN);
    Origin.mixInto(held, 0, minedIn(US), 0);
    assertArrayEquals(minedIn(CN), held);
  }

  @Test
  void mixInto_addingZeroTonnes_leavesHeldUnchanged() {
    double[] held = minedIn(CN);
    Origin.mixInto(held, 7, minedIn(US), 0);
    assertArrayEquals(minedIn(CN), held, TOL);
  }
}
