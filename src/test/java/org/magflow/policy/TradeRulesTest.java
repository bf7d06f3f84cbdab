package org.magflow.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.magflow.policy.Policies.DestinationThrottle;

class TradeRulesTest {
  private static final LocalDate D = LocalDate.of(2025, 4, 4);
  private static final double TOL = 1e-12;

  private static DestinationThrottle throttle(String name, String exporter, Set<String> to, Set<String> commodities,
                                              double cut) {
    return new DestinationThrottle(name, D, null, exporter, to, commodities, cut);
  }

  @Test
  void of_noPolicies_allowsEverything() {
    TradeRules rules = TradeRules.of(List.of());
    assertEquals(1.0, rules.allowedShare("CN", "US", "magnet"));
    assertEquals(List.of(), rules.activePolicies());
    assertEquals(1.0, TradeRules.NONE.allowedShare("CN", "US", "magnet"));
    assertEquals(List.of(), TradeRules.NONE.activePolicies());
  }

  @Test
  void of_throttleCut0point3_leaves0point7OnItsLanesOnly() {
    TradeRules rules = TradeRules.of(List.of(throttle("sept", "CN", Set.of("US", "EU"), Set.of("magnet", "oxide"), 0.3)));
    assertEquals(0.7, rules.allowedShare("CN", "US", "magnet"), TOL);
    assertEquals(0.7, rules.allowedShare("CN", "EU", "magnet"), TOL);
    assertEquals(0.7, rules.allowedShare("CN", "US", "oxide"), TOL);
    // other exporter, destination or commodity untouched
    assertEquals(1.0, rules.allowedShare("US", "CN", "magnet"));
    assertEquals(1.0, rules.allowedShare("AU", "US", "magnet"));
    assertEquals(1.0, rules.allowedShare("CN", "JP", "magnet"));
    assertEquals(1.0, rules.allowedShare("CN", "US", "reo"));
    assertEquals(1.0, rules.allowedShare("CN", "CN", "magnet"));
  }

  @Test
  void of_twoCutsOnOneLane_compound() {
    TradeRules rules = TradeRules.of(List.of(
        throttle("a", "CN", Set.of("US"), Set.of("magnet"), 0.3),
        throttle("b", "CN", Set.of("US", "JP"), Set.of("magnet"), 0.5)));
    // 0.7 × 0.5 = 0.35 where both apply; 0.5 where only b does
    assertEquals(0.35, rules.allowedShare("CN", "US", "magnet"), TOL);
    assertEquals(0.5, rules.allowedShare("CN", "JP", "magnet"), TOL);
  }

  @Test
  void of_twoThirtyPercentCuts_leave49Percent() {
    TradeRules rules = TradeRules.of(List.of(
        throttle("a", "CN", Set.of("US"), Set.of("magnet"), 0.3),
        throttle("b", "CN", Set.of("US"), Set.of("magnet"), 0.3)));
    assertEquals(0.49, rules.allowedShare("CN", "US", "magnet"), TOL);
  }

  @Test
  void of_fullCut_allowsNothing() {
    TradeRules rules = TradeRules.of(List.of(throttle("ban", "CN", Set.of("US"), Set.of("magnet"), 1.0)));
    assertEquals(0.0, rules.allowedShare("CN", "US", "magnet"));
    TradeRules none = TradeRules.of(List.of(throttle("noop", "CN", Set.of("US"), Set.of("magnet"), 0.0)));
    assertEquals(1.0, none.allowedShare("CN", "US", "magnet"));
  }

  @Test
  void of_activePolicies_keepsTheGivenOrder() {
    var z = throttle("zeta", "CN", Set.of("US"), Set.of("magnet"), 0.1);
    var a = throttle("alpha", "CN", Set.of("JP"), Set.of("magnet"), 0.1);
    var m = throttle("mu", "AU", Set.of("US"), Set.of("oxide"), 0.1);
    assertEquals(List.of("zeta", "alpha", "mu"), TradeRules.of(List.of(z, a, m)).activePolicies());
    assertEquals(List.of("mu", "zeta", "alpha"), TradeRules.of(List.of(m, z, a)).activePolicies());
  }

  @Test
  void of_doesNotDependOnPolicyOrderForShares() {
    var a = throttle("a", "CN", Set.of("US"), Set.of("magnet"), 0.3);
    var b = throttle("b", "CN", Set.of("US"), Set.of("magnet"), 0.5);
    assertEquals(TradeRules.of(List.of(a, b)).allowedShare("CN", "US", "magnet"),
        TradeRules.of(List.of(b, a)).allowedShare("CN", "US", "magnet"), TOL);
  }

  @Test
  void activePolicies_isUnmodifiable() {
    var rules = TradeRules.of(List.of(throttle("a", "CN", Set.of("US"), Set.of("magnet"), 0.3)));
    assertThrows(UnsupportedOperationException.class, () -> rules.activePolicies().add("x"));
  }

  @Test
  void destinationThrottle_cutOutsideZeroToOne_isRejected() {
    assertThrows(IllegalArgumentException.class, () -> throttle("x", "CN", Set.of("US"), Set.of("m"), -0.01));
    assertThrows(IllegalArgumentException.class, () -> throttle("x", "CN", Set.of("US"), Set.of("m"), 1.01));
    assertThrows(IllegalArgumentException.class, () -> throttle("x", "CN", Set.of("US"), Set.of("m"), Double.NaN));
    assertThrows(IllegalArgumentException.class,
        () -> throttle("x", "CN", Set.of("US"), Set.of("m"), Double.POSITIVE_INFINITY));
  }

  @Test
  void destinationThrottle_boundaryCuts_areAccepted() {
    assertEquals(0.0, throttle("x", "CN", Set.of("US"), Set.of("m"), 0.0).cut());
    assertEquals(1.0, throttle("x", "CN", Set.of("US"), Set.of("m"), 1.0).cut());
  }

  @Test
  void destinationThrottle_nullNameOrStart_isRejected() {
    assertThrows(NullPointerException.class,
        () -> new DestinationThrottle(null, D, null, "CN", Set.of("US"), Set.of("m"), 0.3));
    assertThrows(NullPointerException.class,
        () -> new DestinationThrottle("x", null, null, "CN", Set.of("US"), Set.of("m"), 0.3));
  }

  @Test
  void destinationThrottle_copiesItsSets_andNamesItsType() {
    var to = new java.util.HashSet<>(Set.of("US"));
    var t = throttle("x", "CN", to, Set.of("m"), 0.3);
    to.add("JP");
    assertEquals(Set.of("US"), t.destinations());
    assertEquals("destination-throttle", t.type());
    assertTrue(t.end() == null);
  }
}
