package org.magflow.output.chart;

import java.util.Arrays;
import java.util.Optional;

/** The briefing charts drawn for every run; {@code magflow chart --metric ID} draws one kind. */
public enum ChartKind {
  PRICE("price", "price paths by price zone (China domestic, outside China), one chart per commodity; dashed: "
      + "the same run without its policies"),
  SHORTAGE_BY_REGION("shortage-by-region", "unmet demand by region, stacked: tonnes and % of demand"),
  SHORTAGE_BY_SECTOR("shortage-by-sector", "unmet demand by demand sector, stacked: tonnes and % of demand"),
  EXPORTS("exports", "China's exports by destination, one chart per commodity; dashed: without the policies, "
      + "where that differs"),
  COVER("cover", "days of use the buyers' stocks cover, by region (demand-weighted)"),
  PRODUCTION_SHARES("production-shares", "each region's share of mining, separation and magnet making over time"),
  BUILD_OUT("build-out", "installed capacity outside China by stage and region (runs with projects only)");

  private final String id;
  private final String description;

  ChartKind(String id, String description) {
    this.id = id;
    this.description = description;
  }

  /** The name used on the command line and in file names. */
  public String id() {
    return id;
  }

  /** What the chart shows, in a line. */
  public String description() {
    return description;
  }

  /** The kind with this id, if any. */
  public static Optional<ChartKind> byId(String id) {
    return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
  }
}
