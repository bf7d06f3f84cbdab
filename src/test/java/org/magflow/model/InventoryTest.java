package org.magflow.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class InventoryTest {
  private static final int MAGNET = 0;
  private static final int OXIDE = 1;
  private static final int CN = 0;
  private static final int AU = 1;
  private static final int R = 2;
  private static final double TOL = 1e-12;

  private static double[] minedIn(int region) {
    double[] o = Origin.empty(R);
    Origin.stamp(o, Stage.MINING, region, R);
    return o;
  }

  @Test
  void newInventory_isEmpty() {
    Inventory inv = new Inventory(2, R);
    assertEquals(0, inv.tonnes(MAGNET));
    assertEquals(0, inv.tonnes(OXIDE));
    assertArrayEquals(Origin.empty(R), inv.origin(MAGNET));
  }

  @Test
  void add_accumulatesTonnes_andMixesOriginByMass() {
    Inventory inv = new Inventory(2, R);
    inv.add(MAGNET, 10, minedIn(CN));
    inv.add(MAGNET, 30, minedIn(AU));
    assertEquals(40, inv.tonnes(MAGNET), TOL);
    assertEquals(0.25, Origin.share(inv.origin(MAGNET), Stage.MINING, CN, R), TOL);
    assertEquals(0.75, Origin.share(inv.origin(MAGNET), Stage.MINING, AU, R), TOL);
    assertEquals(0, inv.tonnes(OXIDE)); // other commodities untouched
  }

  @Test
  void take_usesTheOldestLotsFirst_andCarriesTheirOrigin() {
    Inventory inv = new Inventory(2, R);
    inv.add(MAGNET, 10, minedIn(CN));
    inv.add(MAGNET, 30, minedIn(AU));
    double[] taken = inv.take(MAGNET, 15); // the 10 Chinese tonnes, then 5 Australian
    assertEquals(25, inv.tonnes(MAGNET), TOL);
    assertEquals(10.0 / 15, Origin.share(taken, Stage.MINING, CN, R), TOL);
    assertEquals(5.0 / 15, Origin.share(taken, Stage.MINING, AU, R), TOL);
    // what stays is the Australian lot alone: no Chinese content at all, not a quarter of it
    assertEquals(0.0, Origin.share(inv.origin(MAGNET), Stage.MINING, CN, R));
    assertEquals(1.0, Origin.share(inv.origin(MAGNET), Stage.MINING, AU, R), TOL);
    assertNotSame(inv.origin(MAGNET), taken); // not the live mix
  }

  @Test
  void take_keepsTheOriginOfItsMoment_whenTheStockLaterChanges() {
    Inventory inv = new Inventory(1, R);
    inv.add(MAGNET, 10, minedIn(CN));
    double[] first = inv.take(MAGNET, 2);
    inv.add(MAGNET, 6, minedIn(AU)); // stock: 8 Chinese tonnes, then 6 Australian
    double[] second = inv.take(MAGNET, 10); // 8 Chinese, 2 Australian
    assertEquals(1.0, Origin.share(first, Stage.MINING, CN, R), TOL); // unchanged by the later add and take
    assertEquals(0.8, Origin.share(second, Stage.MINING, CN, R), TOL);
    assertEquals(0.2, Origin.share(second, Stage.MINING, AU, R), TOL);
  }

  @Test
  void aLotTakenInOnce_leavesWithinOneTurnover_notADozen() {
    // A stock of 100 t refilled by 10 t a turn: one Chinese lot among Australian ones. In a mixed pool its trace
    // shrank by a tenth a turn and took about 110 turns to fall below a millionth; used first in, first out it
    // leaves with the tenth turn's use.
    Inventory inv = new Inventory(1, R);
    inv.add(MAGNET, 90, minedIn(AU));
    inv.add(MAGNET, 10, minedIn(CN));
    for (int turn = 1; turn <= 11; turn++) {
      inv.remove(MAGNET, 10);
      inv.add(MAGNET, 10, minedIn(AU));
    }
    assertEquals(100, inv.tonnes(MAGNET), 1e-9);
    assertEquals(0.0, Origin.share(inv.origin(MAGNET), Stage.MINING, CN, R));
  }

  @Test
  void arrivalsOfOneOrigin_makeOneLot_andLotsAreBounded() {
    Inventory inv = new Inventory(1, R);
    for (int i = 0; i < 5; i++) inv.add(MAGNET, 1, minedIn(AU));
    assertEquals(1, inv.lots(MAGNET));
    for (int i = 0; i < 3 * Inventory.MAX_LOTS; i++) inv.add(MAGNET, 1, minedIn(i % 2 == 0 ? CN : AU));
    assertEquals(Inventory.MAX_LOTS, inv.lots(MAGNET));
    assertEquals(5 + 3 * Inventory.MAX_LOTS, inv.tonnes(MAGNET), 1e-9);
    // the mass balance of origins holds through the merges: half of the alternating tonnes are Chinese
    double chinese = 3 * Inventory.MAX_LOTS / 2.0;
    assertEquals(chinese / inv.tonnes(MAGNET), Origin.share(inv.origin(MAGNET), Stage.MINING, CN, R), 1e-12);
  }

  @Test
  void theCallersArray_mayChangeAfterAnAdd() {
    Inventory inv = new Inventory(1, R);
    double[] scratch = minedIn(CN);
    inv.add(MAGNET, 4, scratch);
    Origin.stamp(scratch, Stage.MINING, AU, R); // a producer reuses its array for the next batch
    assertEquals(1.0, Origin.share(inv.take(MAGNET, 4), Stage.MINING, CN, R), TOL);
  }

  @Test
  void take_wholeStock_leavesZero() {
    Inventory inv = new Inventory(1, R);
    inv.add(MAGNET, 12.5, minedIn(CN));
    inv.take(MAGNET, 12.5);
    assertEquals(0, inv.tonnes(MAGNET));
  }

  @Test
  void remove_moreThanHeld_throws_andLeavesStock() {
    Inventory inv = new Inventory(1, R);
    inv.add(MAGNET, 10, minedIn(CN));
    assertThrows(IllegalStateException.class, () -> inv.remove(MAGNET, 10.001));
    assertThrows(IllegalStateException.class, () -> inv.take(MAGNET, 11));
    assertThrows(IllegalStateException.class, () -> inv.remove(MAGNET, 10 + 1e-8)); // above the 1e-9 t slack
    assertEquals(10, inv.tonnes(MAGNET));
  }

  @Test
  void remove_negativeOrNaN_throws() {
    Inventory inv = new Inventory(1, R);
    inv.add(MAGNET, 10, minedIn(CN));
    assertThrows(IllegalStateException.class, () -> inv.remove(MAGNET, -1));
    assertThrows(IllegalStateException.class, () -> inv.remove(MAGNET, Double.NaN));
  }

  @Test
  void add_negativeOrNaN_throws() {
    Inventory inv = new Inventory(1, R);
    assertThrows(IllegalArgumentException.class, () -> inv.add(MAGNET, -0.1, minedIn(CN)));
    assertThrows(IllegalArgumentException.class, () -> inv.add(MAGNET, Double.NaN, minedIn(CN)));
  }

  @Test
  void remove_tinyRoundingAboveStock_isClampedToZero() {
    // 0.1 + 0.2 = 0.30000000000000004; removing 0.1, 0.2 and then a rounding overshoot must not go negative
    Inventory inv = new Inventory(1, R);
    inv.add(MAGNET, 0.1, minedIn(CN));
    inv.add(MAGNET, 0.2, minedIn(CN));
    inv.remove(MAGNET, 0.3 + 5e-10); // within the 1e-9 t slack
    assertEquals(0.0, inv.tonnes(MAGNET));
  }

  @Test
  void add_afterEmptying_takesOnlyTheNewOrigin() {
    Inventory inv = new Inventory(1, R);
    inv.add(MAGNET, 10, minedIn(CN));
    inv.remove(MAGNET, 10);
    inv.add(MAGNET, 4, minedIn(AU));
    assertEquals(1.0, Origin.share(inv.origin(MAGNET), Stage.MINING, AU, R), TOL);
    assertEquals(0.0, Origin.share(inv.origin(MAGNET), Stage.MINING, CN, R), TOL);
  }
}
