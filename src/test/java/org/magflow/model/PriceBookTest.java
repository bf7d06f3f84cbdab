package org.magflow.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PriceBookTest {
  @Test
  void update_steepExponent_noCoverButSellersGlutted_givesAPriceWithinTheBounds() {
    // cover 0 (floored at a millionth) and a seller surplus 2,000 times the buyers' target: at an exponent of 100,
    // the most the scenario checker allows, the cover's power overflows and the surplus's underflows, and the
    // price was NaN from then on (AtTheBoundsTest found it). The indicated price is 50 * (1e-6 * 2001)^-100, so
    // far above the cap that a week's step reaches it.
    PriceBook prices = new PriceBook(new PriceBook.Rule(100, 1, 28, 0.25, 10), List.of("z"), new double[][] {{50}});
    prices.update(0, 0, 0, 0, 2000, 0, 7);
    assertEquals(500, prices.price(0, 0));
  }

  @Test
  void update_ordinaryInputs_moveTowardTheIndicatedPrice() {
    // half the cover at exponent 1 indicates twice the reference
    PriceBook prices = new PriceBook(new PriceBook.Rule(1, 1, 28, 0.25, 10), List.of("z"), new double[][] {{50}});
    prices.update(0, 0, 0.5, 0, 0, 0, 7);
    assertEquals(50 + (100 - 50) * (1 - Math.exp(-7 / 28.0)), prices.price(0, 0), 1e-9);
  }
}
