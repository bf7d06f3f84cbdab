package org.magflow.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A buyer's supplier shares: what each covers, and what a new offtake with the same supplier does to them. */
class SupplierSharesTest {
  private static final int NDPR = 0;
  private static final int DYTB = 1;

  @Test
  void anOfftakeForACommodityAShareDidNotName_widensThatShareToCoverIt() {
    Region r = new Region(0, "R", "R", 0, "z");
    Recipe make = new Recipe("make", Stage.MANUFACTURING, new double[] {0.3, 0.02, 0}, new double[] {0, 0, 1});
    Producer maker = new Producer(0, "maker", "Maker", r, List.of(), List.of(new Facility("plant", make, r,
        CapacitySchedule.constant(365))), new Producer.SupplyResponse(1, 0, 90, 28), 3, 1);
    // an NdPr contract with producer 1, which also makes Dy/Tb
    maker.buyFirstFrom(new int[] {1}, new double[] {0.4}, new boolean[][] {{true, false, false}});
    assertTrue(maker.supplierCovers(0, NDPR));
    assertFalse(maker.supplierCovers(0, DYTB));
    // producer 1's new heavy circuit signs a Dy/Tb offtake with it: the contract now covers its Dy/Tb too
    maker.addSupplier(1, 0.2, DYTB);
    assertEquals(1, maker.suppliers.length);
    assertEquals(0.4 * 0.8 + 0.2, maker.supplierShares[0], 1e-12);
    assertTrue(maker.supplierCovers(0, DYTB), "the Dy/Tb offtake placed nothing: the share still named NdPr alone");
    assertTrue(maker.supplierCovers(0, NDPR));
    // a new supplier's offtake covers whatever it makes, as offtakes always have
    maker.addSupplier(2, 0.1, NDPR);
    assertTrue(maker.supplierCovers(1, DYTB));
  }
}
