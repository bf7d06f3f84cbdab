package org.magflow.model;

import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.apache.commons.math3.distribution.TriangularDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.magflow.policy.Delay;
import org.magflow.policy.Policies;
import org.magflow.policy.TradeRules;
import org.magflow.policy.TradeRules.LicenceRule;
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
  private final java.util.Map<String, RandomGenerator> byRule = new java.util.TreeMap<>();
  /** [exporting region][destination region][commodity]: tonnes awaiting review. */
  final double[][][] pending;

  Licensing(SupplyChain world, RandomStreams streams) {
    this.world = world;
    this.streams = streams;
    int regions = world.regions.size();
    this.pending = new double[regions][regions][world.commodities.size()];
  }

  /** The outcome of a review: when it ends and whether it grants the licence. */
  record Review(LicenceRule rule, double days, boolean approved) {}

  /** The review a shipment must pass, or null if it needs no licence. */
  Review review(TradeRules rules, Agent seller, Agent buyer, int c, double[] origin) {
    if (seller.region == buyer.region || rules.licences().isEmpty()) return null;
    LicenceRule rule = ruleFor(rules, seller, buyer, c, origin);
    if (rule == null) return null;
    Policies.FastTrack fast = rules.fastTrack(buyer.id, seller.id);
    Delay delay = fast != null ? fast.review() : rule.review();
    double approval = fast != null ? fast.approvalProbability() : rule.approvalFor(buyer.endUses());
    RandomGenerator random = byRule.computeIfAbsent(rule.name(), name -> streams.stream("licences/" + name));
    double days = sample(delay, random);
    boolean approved = random.nextDouble() < approval;
    return new Review(rule, days, approved);
  }

  private LicenceRule ruleFor(TradeRules rules, Agent seller, Agent buyer, int c, double[] origin) {
    String commodity = world.commodities.get(c).id();
    for (LicenceRule rule : rules.licences()) {
      if (!rule.covers(commodity, buyer.region.id())) continue;
      boolean fromExporter = seller.region.id().equals(rule.exporter());
      if (!rule.extraterritorial()) {
        if (fromExporter) return rule;
      } else if (!fromExporter) {
        Region exporter = world.region(rule.exporter());
        if (exporter != null
            && TradeParties.content(origin, exporter.index(), world.regions.size()) >= rule.originThreshold()) {
          return rule;
        }
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
