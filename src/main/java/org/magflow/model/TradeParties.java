package org.magflow.model;

import org.magflow.policy.Rule;
import org.magflow.policy.TradeRules;

/**
 * Who may sell a commodity to whom under the rules in force: entity and end-use bans, procurement bans,
 * origin requirements, producers' own sourcing rules, and stockpiles that release only to their own region.
 *
 * <p>Origin rules look at the seller's whole stock as it stands at the clearing: a Japanese maker that holds
 * any lot of magnets with Chinese-separated oxide in them cannot sell to a buyer who must have none, until that
 * lot has left (stocks are used first in, first out, see {@link Inventory}). Content below {@link #TRACE} (a
 * millionth) is taken as none, to absorb rounding in the mixing.
 */
final class TradeParties {
  static final double TRACE = 1e-6;

  private TradeParties() {}

  /** [seller][buyer agent] for commodity {@code c}: true where the sale is forbidden; null when nothing is. */
  static boolean[][] blocked(SupplyChain world, TradeRules rules, int c, double now) {
    if (!rules.restrictsParties() && world.stockpiles.isEmpty() && !world.ownSourcingRules) return null;
    int regions = world.regions.size();
    boolean[][] blocked = new boolean[world.sellers.size()][world.agents.size()];
    for (Agent seller : world.sellers) {
      double[] origin = seller.inventory.origin(c);
      for (Agent buyer : world.agents) {
        if (!buyer.buys(c) || buyer == seller) continue;
        blocked[seller.index][buyer.index] = (seller instanceof StockpileHolder && buyer.region != seller.region)
            || bannedBuyer(rules, seller, buyer, c, origin, regions)
            || barredSeller(rules, seller, buyer, c)
            || unacceptableOrigin(rules, buyer, c, origin, regions)
            || (buyer instanceof Producer p && p.refuses(origin, now, regions));
      }
    }
    return blocked;
  }

  private static boolean bannedBuyer(TradeRules rules, Agent seller, Agent buyer, int c, double[] origin,
                                     int regions) {
    for (Rule.BuyerBan ban : rules.buyerBans()) {
      if (!ban.commodities()[c] || !ban.buyers()[buyer.index]) continue;
      if (seller.region.index() == ban.exporter()) return true;
      if (ban.worldwide() && content(origin, ban.exporter(), regions) > TRACE) return true;
    }
    return false;
  }

  private static boolean barredSeller(TradeRules rules, Agent seller, Agent buyer, int c) {
    for (Rule.ProcurementBan ban : rules.procurementBans()) {
      if (ban.commodities()[c] && ban.buyerRegions()[buyer.region.index()] && ban.sellers()[seller.index]) {
        return true;
      }
    }
    return false;
  }

  private static boolean unacceptableOrigin(TradeRules rules, Agent buyer, int c, double[] origin, int regions) {
    for (Rule.OriginRequirement req : rules.originRequirements()) {
      if (req.commodities()[c] && req.buyers()[buyer.index] && hasContentFrom(origin, req.excludedOrigins(), regions)) {
        return true;
      }
    }
    return false;
  }

  /** Whether material of this origin has content (more than a trace) from any of the excluded regions. */
  static boolean hasContentFrom(double[] origin, int[] excluded, int regions) {
    for (int r : excluded) if (content(origin, r, regions) > TRACE) return true;
    return false;
  }

  /** The largest share of any stage that happened in {@code region}: a lower bound on content touched there. */
  static double content(double[] origin, int region, int regions) {
    double max = 0;
    for (Stage stage : Stage.values()) max = Math.max(max, Origin.share(origin, stage, region, regions));
    return max;
  }
}
