package org.magflow.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.magflow.policy.Delay;
import org.magflow.policy.Policy;
import org.magflow.policy.Rule;
import org.magflow.policy.TradeRules;
import org.magflow.random.RandomStreams;

/**
 * Licence reviews, shipment by shipment: the approval chance by end use, a fast track's own chance and review
 * time, and each review-time distribution, checked as statistics over many reviews with fixed seeds. Shares are
 * held to a 99.9% Wilson interval and means to 4 standard errors, so a correct model fails about once in a
 * thousand seeds, while approving everything, refusing everything or inverting the odds fails every time.
 */
class LicensingTest {
  private static final int REVIEWS = 4000;
  private static final double Z = 3.29; // two-sided 99.9%

  /** A in region A sells to a civil and a defence buyer in B (covered) and to a buyer in C (not covered). */
  private final SupplyChain world = new TinyWorld().regions("A", "B", "C")
      .producer("seller", "A", CapacitySchedule.constant(100), 10, 14)
      .sector("civil", "B", 100, 50, false, 10, 30)
      .sector("defence", "B", 100, 90, true, 10, 30)
      .sector("elsewhere", "C", 100, 50, false, 10, 30)
      .build();
  private final Agent seller = world.agents.get(0);
  private final Agent civil = world.agents.get(1);
  private final Agent defence = world.agents.get(2);
  private final Agent elsewhere = world.agents.get(3);

  private static Rule.Licence licence(Delay review) {
    // approval by agent index: the seller (unused), civil 0.9, defence 0, elsewhere (not covered) 1
    return new Rule.Licence(0, "licence/test", 0, new boolean[] {false, true, false}, new boolean[] {true},
        Double.NaN, review, new double[] {1, 0.9, 0.0, 1}, false);
  }

  private static TradeRules rules(Rule... rules) {
    return TradeRules.of(List.of(new Policy("lic", "licence-regime", 0, Double.POSITIVE_INFINITY, List.of(rules))));
  }

  private Licensing.Review[] reviews(TradeRules rules, Agent buyer, long seed) {
    Licensing licensing = new Licensing(world, new RandomStreams(seed, 0));
    Licensing.Review[] out = new Licensing.Review[REVIEWS];
    for (int i = 0; i < REVIEWS; i++) out[i] = licensing.review(rules, seller, buyer, 0, new double[0]);
    return out;
  }

  private static void assertShareIn(double p, Licensing.Review[] reviews, String what) {
    int approved = 0;
    for (Licensing.Review r : reviews) if (r.approved()) approved++;
    double n = reviews.length;
    double share = approved / n;
    // Wilson score interval around the observed share
    double centre = (share + Z * Z / (2 * n)) / (1 + Z * Z / n);
    double half = Z / (1 + Z * Z / n) * Math.sqrt(share * (1 - share) / n + Z * Z / (4 * n * n));
    assertTrue(p >= centre - half && p <= centre + half, what + ": " + approved + " of " + reviews.length
        + " approved (" + share + "), 99.9% interval " + (centre - half) + "–" + (centre + half) + " misses " + p);
  }

  @Test
  void approval_civilNinetyPercent_defenceNever_withinABinomialInterval() {
    for (long seed : new long[] {1, 42}) {
      assertShareIn(0.9, reviews(rules(licence(Delay.NONE)), civil, seed), "civil, seed " + seed);
      for (Licensing.Review r : reviews(rules(licence(Delay.NONE)), defence, seed)) {
        assertTrue(!r.approved(), "a defence licence was granted");
      }
    }
  }

  @Test
  void review_onlyWhereTheRuleReaches_notDomesticTrade_notUncoveredDestinations() {
    Licensing licensing = new Licensing(world, new RandomStreams(1, 0));
    TradeRules rules = rules(licence(Delay.NONE));
    assertNotNull(licensing.review(rules, seller, civil, 0, new double[0]));
    assertNull(licensing.review(rules, seller, elsewhere, 0, new double[0]), "C is not a destination of the rule");
    assertNull(licensing.review(TradeRules.NONE, seller, civil, 0, new double[0]), "no rule, no review");
  }

  @Test
  void fastTrack_replacesTheRulesOddsAndReviewTime_forItsBuyersOnly() {
    Rule.FastTrack fast = new Rule.FastTrack(new boolean[] {false, true, false, false}, new boolean[] {true, false, false, false},
        new Delay("fixed", 2, 0, 0), 0.5);
    TradeRules rules = rules(licence(new Delay("fixed", 60, 0, 0)), fast);
    Licensing.Review[] fastTracked = reviews(rules, civil, 7);
    assertShareIn(0.5, fastTracked, "fast-tracked civil buyer");
    for (Licensing.Review r : fastTracked) assertEquals(2, r.days());
    // control: the defence buyer is not on the fast track: the rule's 60 days and odds (0) apply
    for (Licensing.Review r : reviews(rules, defence, 7)) {
      assertEquals(60, r.days());
      assertTrue(!r.approved());
    }
  }

  /** The mean and sample standard deviation of the review times. */
  private static double[] moments(Licensing.Review[] reviews) {
    double sum = 0;
    double squares = 0;
    for (Licensing.Review r : reviews) {
      sum += r.days();
      squares += r.days() * r.days();
    }
    double mean = sum / reviews.length;
    return new double[] {mean, Math.sqrt((squares - reviews.length * mean * mean) / (reviews.length - 1))};
  }

  private void assertDistribution(Delay delay, double mean, double sd, double min, double max) {
    Licensing.Review[] reviews = reviews(rules(licence(delay)), civil, 11);
    double[] m = moments(reviews);
    assertEquals(mean, m[0], 4 * sd / Math.sqrt(REVIEWS), delay + " mean");
    assertEquals(sd, m[1], 0.1 * sd, delay + " standard deviation");
    for (Licensing.Review r : reviews) assertTrue(r.days() >= min && r.days() <= max, delay + ": " + r.days());
  }

  @Test
  void reviewTimes_followTheirDistributions() {
    for (Licensing.Review r : reviews(rules(licence(new Delay("fixed", 45, 0, 0))), civil, 3)) assertEquals(45, r.days());
    // uniform 20–40: mean 30, sd 20/√12 = 5.774
    assertDistribution(new Delay("uniform", 20, 40, 0), 30, 5.774, 20, 40);
    // triangular 28/55/70: mean (28+55+70)/3 = 51, variance (28²+55²+70²−28·55−28·70−55·70)/18 = 75.5
    assertDistribution(new Delay("triangular", 28, 55, 70), 51, Math.sqrt(75.5), 28, 70);
    // lognormal with mean 45 and sd 15 (the file's parameters are the mean and sd of the days, not of the log)
    assertDistribution(new Delay("lognormal", 45, 15, 0), 45, 15, 0, Double.POSITIVE_INFINITY);
  }
}
