package org.magflow.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TradeRulesTest {
  // regions CN, US, EU, JP, AU; commodities magnet, oxide, reo
  private static final int CN = 0;
  private static final int US = 1;
  private static final int EU = 2;
  private static final int JP = 3;
  private static final int AU = 4;
  private static final int MAGNET = 0;
  private static final int OXIDE = 1;
  private static final int REO = 2;
  private static final double TOL = 1e-12;

  private static boolean[] mask(int size, int... set) {
    boolean[] m = new boolean[size];
    for (int i : set) m[i] = true;
    return m;
  }

  private static Policy throttle(String name, int exporter, int[] to, int[] commodities, double cut) {
    return new Policy(name, "destination-throttle", 0, Double.POSITIVE_INFINITY,
        List.of(new Rule.LaneCut(exporter, mask(5, to), mask(3, commodities), cut)));
  }

  private static int[] of(int... i) {
    return i;
  }

  @Test
  void of_noPolicies_allowsEverything() {
    TradeRules rules = TradeRules.of(List.of());
    assertEquals(1.0, rules.allowedShare(CN, US, MAGNET));
    assertEquals(List.of(), rules.activePolicies());
    assertEquals(1.0, TradeRules.NONE.allowedShare(CN, US, MAGNET));
    assertEquals(0.0, TradeRules.NONE.tariffRate(CN, US, MAGNET));
    assertEquals(List.of(), TradeRules.NONE.activePolicies());
  }

  @Test
  void of_throttleCut0point3_leaves0point7OnItsLanesOnly() {
    TradeRules rules = TradeRules.of(List.of(throttle("sept", CN, of(US, EU), of(MAGNET, OXIDE), 0.3)));
    assertEquals(0.7, rules.allowedShare(CN, US, MAGNET), TOL);
    assertEquals(0.7, rules.allowedShare(CN, EU, MAGNET), TOL);
    assertEquals(0.7, rules.allowedShare(CN, US, OXIDE), TOL);
    // other exporter, destination or commodity untouched
    assertEquals(1.0, rules.allowedShare(US, CN, MAGNET));
    assertEquals(1.0, rules.allowedShare(AU, US, MAGNET));
    assertEquals(1.0, rules.allowedShare(CN, JP, MAGNET));
    assertEquals(1.0, rules.allowedShare(CN, US, REO));
    assertEquals(1.0, rules.allowedShare(CN, CN, MAGNET));
  }

  @Test
  void of_twoCutsOnOneLane_compound() {
    TradeRules rules = TradeRules.of(List.of(
        throttle("a", CN, of(US), of(MAGNET), 0.3),
        throttle("b", CN, of(US, JP), of(MAGNET), 0.5)));
    // 0.7 × 0.5 = 0.35 where both apply; 0.5 where only b does
    assertEquals(0.35, rules.allowedShare(CN, US, MAGNET), TOL);
    assertEquals(0.5, rules.allowedShare(CN, JP, MAGNET), TOL);
  }

  @Test
  void of_twoThirtyPercentCuts_leave49Percent() {
    TradeRules rules = TradeRules.of(List.of(
        throttle("a", CN, of(US), of(MAGNET), 0.3),
        throttle("b", CN, of(US), of(MAGNET), 0.3)));
    assertEquals(0.49, rules.allowedShare(CN, US, MAGNET), TOL);
  }

  @Test
  void of_fullCut_allowsNothing() {
    TradeRules rules = TradeRules.of(List.of(throttle("ban", CN, of(US), of(MAGNET), 1.0)));
    assertEquals(0.0, rules.allowedShare(CN, US, MAGNET));
    TradeRules none = TradeRules.of(List.of(throttle("noop", CN, of(US), of(MAGNET), 0.0)));
    assertEquals(1.0, none.allowedShare(CN, US, MAGNET));
  }

  @Test
  void of_activePolicies_keepsTheGivenOrder() {
    var z = throttle("zeta", CN, of(US), of(MAGNET), 0.1);
    var a = throttle("alpha", CN, of(JP), of(MAGNET), 0.1);
    var m = throttle("mu", AU, of(US), of(OXIDE), 0.1);
    assertEquals(List.of("zeta", "alpha", "mu"), TradeRules.of(List.of(z, a, m)).activePolicies());
    assertEquals(List.of("mu", "zeta", "alpha"), TradeRules.of(List.of(m, z, a)).activePolicies());
  }

  @Test
  void of_doesNotDependOnPolicyOrderForShares() {
    var a = throttle("a", CN, of(US), of(MAGNET), 0.3);
    var b = throttle("b", CN, of(US), of(MAGNET), 0.5);
    assertEquals(TradeRules.of(List.of(a, b)).allowedShare(CN, US, MAGNET),
        TradeRules.of(List.of(b, a)).allowedShare(CN, US, MAGNET), TOL);
  }

  @Test
  void activePolicies_isUnmodifiable() {
    var rules = TradeRules.of(List.of(throttle("a", CN, of(US), of(MAGNET), 0.3)));
    assertThrows(UnsupportedOperationException.class, () -> rules.activePolicies().add("x"));
  }

  @Test
  void laneCut_cutOutsideZeroToOne_isRejected() {
    assertThrows(IllegalArgumentException.class, () -> throttle("x", CN, of(US), of(MAGNET), -0.01));
    assertThrows(IllegalArgumentException.class, () -> throttle("x", CN, of(US), of(MAGNET), 1.01));
    assertThrows(IllegalArgumentException.class, () -> throttle("x", CN, of(US), of(MAGNET), Double.NaN));
    assertThrows(IllegalArgumentException.class,
        () -> throttle("x", CN, of(US), of(MAGNET), Double.POSITIVE_INFINITY));
  }

  @Test
  void tariffs_onOneLane_multiply_andSkipDomesticTrade() {
    var first = new Rule.Tariff(US, mask(5, CN), mask(3, MAGNET), 0.25);
    var anyExporter = new Rule.Tariff(US, mask(5, CN, EU, JP, AU, US), mask(3, MAGNET), 0.1);
    TradeRules rules = TradeRules.of(List.of(new Policy("t", "tariff", 0, 1, List.of(first, anyExporter))));
    assertEquals(1.25 * 1.1 - 1, rules.tariffRate(CN, US, MAGNET), TOL);
    assertEquals(0.1, rules.tariffRate(JP, US, MAGNET), TOL);
    assertEquals(0.0, rules.tariffRate(US, US, MAGNET)); // a tariff is on imports only
    assertEquals(0.0, rules.tariffRate(CN, US, OXIDE));
  }

  @Test
  void fastTrack_isTheFirstThatMatchesBuyerAndSeller() {
    var onlyFromUs = new Rule.FastTrack(mask(4, 2), mask(4, 1), Delay.NONE, 0.5);
    var anySeller = new Rule.FastTrack(mask(4, 2, 3), mask(4, 0, 1, 2, 3), Delay.NONE, 0.9);
    TradeRules rules = TradeRules.of(List.of(new Policy("f", "fast-track", 0, 1, List.of(onlyFromUs, anySeller))));
    assertSame(onlyFromUs, rules.fastTrack(2, 1));
    assertSame(anySeller, rules.fastTrack(2, 0));
    assertSame(anySeller, rules.fastTrack(3, 1));
    assertNull(rules.fastTrack(0, 1));
  }

  @Test
  void suspension_namesItsPolicies_andAddsNoRestriction() {
    var suspension = new Policy("s", "suspension", 0, 1, List.of(new Rule.Suspension(new int[] {2, 0})));
    assertEquals(List.of(2, 0), java.util.Arrays.stream(suspension.suspends()).boxed().toList());
    TradeRules rules = TradeRules.of(List.of(suspension));
    assertEquals(1.0, rules.allowedShare(CN, US, MAGNET));
    assertTrue(!rules.restrictsParties());
  }

  @Test
  void readsOrigin_onlyForRulesThatLookAtContent() {
    var direct = new Rule.Licence(0, "licences/a", CN, mask(5, US), mask(3, MAGNET), Double.NaN, Delay.NONE,
        new double[0], false);
    var extraterritorial = new Rule.Licence(1, "licences/b", CN, mask(5, US), mask(3, MAGNET), 0.001, Delay.NONE,
        new double[0], false);
    assertTrue(!new Policy("a", "licence-regime", 0, 1, List.of(direct)).readsOrigin());
    assertTrue(new Policy("b", "extraterritorial-rule", 0, 1, List.of(extraterritorial)).readsOrigin());
    assertTrue(!new Policy("c", "entity-ban", 0, 1,
        List.of(new Rule.BuyerBan(CN, mask(2, 1), mask(3, MAGNET), false))).readsOrigin());
    assertTrue(new Policy("d", "entity-ban", 0, 1,
        List.of(new Rule.BuyerBan(CN, mask(2, 1), mask(3, MAGNET), true))).readsOrigin());
  }
}
