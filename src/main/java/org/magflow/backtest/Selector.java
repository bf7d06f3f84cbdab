package org.magflow.backtest;

import java.util.Set;
import org.magflow.event.Metrics;
import org.magflow.event.Observation;

/**
 * Picks rows of a time series by their keys: a metric, a region (a price zone for prices), a partner, a
 * commodity and a sector. An empty key picks any value; a partner of {@code *} picks every partner but the region
 * itself (a region's exports to the world); a commodity ending in {@code *} picks every commodity whose id starts
 * with the rest ({@code ndfeb_magnet*}: both magnet grades, to compare with customs totals). A month's value is the sum of the rows picked for a flow, and the
 * last row reported for a level (a price, a stock).
 */
public record Selector(String metric, String region, String partner, String commodity, String sector)
    implements java.io.Serializable {
  /** The partner key that stands for every other region, and the end of a commodity key standing for a family. */
  public static final String ELSEWHERE = "*";
  private static final Set<String> LEVELS = Set.of(Metrics.PRICE, Metrics.INVENTORY, Metrics.BACKLOG,
      Metrics.COVER_DAYS, Metrics.LICENCES_PENDING, Metrics.CAPACITY, Metrics.UTILISATION);

  public Selector {
    metric = metric == null ? "" : metric;
    region = region == null ? "" : region;
    partner = partner == null ? "" : partner;
    commodity = commodity == null ? "" : commodity;
    sector = sector == null ? "" : sector;
  }

  /** Whether a month's value is the last reported (a level) rather than the sum of the month's rows (a flow). */
  public boolean level() {
    return LEVELS.contains(metric);
  }

  /** Whether a simulated row is picked. */
  public boolean matches(Observation o) {
    return o.metric().equals(metric)
        && (region.isEmpty() || o.region().equals(region))
        && (partner.isEmpty() || (partner.equals(ELSEWHERE)
            ? !o.partner().isEmpty() && !o.partner().equals(o.region()) : o.partner().equals(partner)))
        && commodityMatches(o.commodity())
        && (sector.isEmpty() || o.sector().equals(sector));
  }

  /** Whether its commodity key picks any of the commodities {@code ids} (an empty key picks every one). */
  public boolean picksAnyOf(java.util.Collection<String> ids) {
    if (commodity.isEmpty()) return true;
    for (String id : ids) if (commodityMatches(id)) return true;
    return false;
  }

  private boolean commodityMatches(String id) {
    if (commodity.endsWith(ELSEWHERE)) return id.startsWith(commodity.substring(0, commodity.length() - 1));
    return commodity.isEmpty() || id.equals(commodity);
  }

  /** The keys as a reader would name them: {@code shipped CN->US ndfeb_magnet}. */
  public String text() {
    StringBuilder s = new StringBuilder(metric);
    if (!region.isEmpty()) s.append(' ').append(region);
    if (!partner.isEmpty()) s.append("->").append(partner.equals(ELSEWHERE) ? "world" : partner);
    if (!commodity.isEmpty()) s.append(' ').append(commodity);
    if (!sector.isEmpty()) s.append(' ').append(sector);
    return s.toString();
  }
}
