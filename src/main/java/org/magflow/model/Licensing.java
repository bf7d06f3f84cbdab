package org.magflow.model;

import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.apache.commons.math3.distribution.TriangularDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.magflow.policy.Delay;
import org.magflow.policy.Rule;
import org.magflow.policy.TradeRules;
import org.magflow.random.RandomStreams;

/**
 * Export licensing: which shipments need a licence, how long review takes and whether it is granted.
 *
 * <p>A shipment under a licence rule leaves the seller's stock when sold and waits, counted as in transit,
 * until its review ends; it then departs if approved, or goes back to the seller (or is written off) if
 * denied. Each rule draws from its own random stream (review time and decision, when the shipment is sold),
 * so shipments under one rule never shift the draws of another. A fast track for the buyer (and seller)
 * replaces the rule's review time and approval chance.
 */
final class Licensing {
  private final SupplyChain world;
  private final RandomStreams streams;
  /** Each licence rule's random stream, by the index of its policy; made when the rule first reviews. */
  private RandomGenerator[] byPolicy = new RandomGenerator[0];
  /** [exporting region][destination region][commodity]: tonnes awaiting review. */
  final double[][][] pending;

  Licensing(SupplyChain world, RandomStreams streams) {
    this.world = world;
    this.streams = streams;
    int regions = world.regions.size();
    this.pending = new double[regions][regions][world.commodities.size()];
  }

  /** The outcome of a review: when it ends and whether it grants the licence. */
  record Review(Rule.Licence rule, double days, boolean approved) {}

  /** The review a shipment must pass, or null if it needs no licence. */
  Review review(TradeRules rules, Agent seller, Agent buyer, int c, double[] origin) {
    if (seller.region == buyer.region || rules.licences().isEmpty()) return null;
    Rule.Licence rule = ruleFor(rules, seller, buyer, c, origin);
    if (rule == null) return null;
    Rule.FastTrack fast = rules.fastTrack(buyer.index, seller.index);
    Delay delay = fast != null ? fast.review() : rule.review();
    double approval = fast != null ? fast.approvalProbability() : rule.approvalByAgent()[buyer.index];
    RandomGenerator random = stream(rule);
    double days = sample(delay, random);
    boolean approved = random.nextDouble() < approval;
    return new Review(rule, days, approved);
  }

  private RandomGenerator stream(Rule.Licence rule) {
    if (rule.policy() >= byPolicy.length) byPolicy = java.util.Arrays.copyOf(byPolicy, rule.policy() + 1);
    if (byPolicy[rule.policy()] == null) byPolicy[rule.policy()] = streams.stream(rule.streamName());
    return byPolicy[rule.policy()];
  }

  private Rule.Licence ruleFor(TradeRules rules, Agent seller, Agent buyer, int c, double[] origin) {
    for (Rule.Licence rule : rules.licences()) {
      if (!rule.covers(c, buyer.region.index())) continue;
      boolean fromExporter = seller.region.index() == rule.exporter();
      if (!rule.extraterritorial()) {
        if (fromExporter) return rule;
      } else if (!fromExporter
          && TradeParties.content(origin, rule.exporter(), world.regions.size()) >= rule.originThreshold()) {
        return rule;
      }
    }
    return null;
  }

  /** A duration in days drawn by inverse transform from one uniform number, so each draw uses exactly one. */
  static double sample(Delay d, RandomGenerator random) {
    double u = random.nextDouble();
    return switch (d.distribution()) {
      case "fixed" -> d.a();
      case "uniform" -> d.a() + u * (d.b() - d.a());
      case "triangular" -> d.a() == d.c() ? d.a() : new TriangularDistribution(d.a(), d.b(), d.c())
          .inverseCumulativeProbability(u);
      default -> {
        if (d.b() <= 0) yield d.a();
        double sigma2 = StrictMath.log1p(d.b() * d.b() / (d.a() * d.a()));
        yield new LogNormalDistribution(StrictMath.log(d.a()) - sigma2 / 2, Math.sqrt(sigma2))
            .inverseCumulativeProbability(u);
      }
    };
  }
}
