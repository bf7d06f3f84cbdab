package org.magflow.model;

import java.util.Collection;
import java.util.Set;
import org.magflow.policy.Policies;
import org.magflow.policy.TradeRules;

/**
 * Who may sell a commodity to whom under the rules in force: entity and end-use bans, procurement bans,
 * origin requirements, and stockpiles that release only to their own region.
 *
 * <p>Origin rules look at the seller's stock as it stands at the clearing: material mixed from several
 * sources carries all of them, so a Japanese maker that has any Chinese-separated oxide in its magnets cannot
 * sell them to a buyer who must have none. Content below {@link #TRACE} (a millionth) is taken as none, to
 * absorb rounding in the mixing.
 */
final class TradeParties {
  static final double TRACE = 1e-6;

  private TradeParties() {}

  /** [seller][buyer agent] for commodity {@code c}: true where the sale is forbidden; null when nothing is. */
  static boolean[][] blocked(SupplyChain world, TradeRules rules, int c) {
    if (!rules.restrictsParties() && world.stockpiles.isEmpty()) return null;
    String commodity = world.commodities.get(c).id();
    int regions = world.regions.size();
    boolean[][] blocked = new boolean[world.sellers.size()][world.agents.size()];
    for (Agent seller : world.sellers) {
      double[] origin = seller.inventory.origin(c);
      for (Agent buyer : world.agents) {
        if (!buyer.buys(c) || buyer == seller) continue;
        blocked[seller.index][buyer.index] = (seller instanceof StockpileHolder && buyer.region != seller.region)
            || bannedBuyer(rules, seller, buyer, commodity, origin, world, regions)
            || barredSeller(rules, seller, buyer, commodity)
            || unacceptableOrigin(rules, buyer, commodity, origin, world, regions);
      }
    }
    return blocked;
  }

  private static boolean bannedBuyer(TradeRules rules, Agent seller, Agent buyer, String commodity, double[] origin,
                                     SupplyChain world, int regions) {
    for (Policies.BuyerBan ban : rules.buyerBans()) {
      if (!covers(ban.commodities(), commodity)) continue;
      if (!ban.entities().contains(buyer.id) && !intersects(ban.endUses(), buyer.endUses())) continue;
      if (seller.region.id().equals(ban.exporter())) return true;
      Region exporter = world.region(ban.exporter());
      if (ban.worldwide() && exporter != null && content(origin, exporter.index(), regions) > TRACE) return true;
    }
    return false;
  }

  private static boolean barredSeller(TradeRules rules, Agent seller, Agent buyer, String commodity) {
    for (Policies.ProcurementBan ban : rules.procurementBans()) {
      if (covers(ban.commodities(), commodity) && ban.buyerRegions().contains(buyer.region.id())
          && ban.sellers().contains(seller.id)) {
        return true;
      }
    }
    return false;
  }

  private static boolean unacceptableOrigin(TradeRules rules, Agent buyer, String commodity, double[] origin,
                                            SupplyChain world, int regions) {
    for (Policies.OriginRequirement req : rules.originRequirements()) {
      if (!covers(req.commodities(), commodity) || !req.buyerRegions().contains(buyer.region.id())
          || !intersects(req.endUses(), buyer.endUses())) {
        continue;
      }
      for (String excluded : req.excludedOrigins()) {
        Region r = world.region(excluded);
        if (r != null && content(origin, r.index(), regions) > TRACE) return true;
      }
    }
    return false;
  }

  /** The largest share of any stage that happened in {@code region}: a lower bound on content touched there. */
  static double content(double[] origin, int region, int regions) {
    double max = 0;
    for (Stage stage : Stage.values()) max = Math.max(max, Origin.share(origin, stage, region, regions));
    return max;
  }

  private static boolean covers(Set<String> commodities, String commodity) {
    return commodities.isEmpty() || commodities.contains(commodity);
  }

  private static boolean intersects(Set<String> wanted, Collection<String> have) {
    for (String h : have) if (wanted.contains(h)) return true;
    return false;
  }
}
