package org.magflow.output.chart;

import java.time.LocalDate;
import java.util.List;

/**
 * Which charts to draw from a result folder, and what to put in them. Empty lists and null values mean
 * "everything": the charts written with every run.
 *
 * @param metric a {@link ChartKind} id, or a time-series metric of the run (drawn by region, or by agent
 *     when agents are given); null for every {@link ChartKind}
 * @param agents producer or demand-sector ids to keep (charts by region then show only their rows)
 * @param regions region ids or price-zone ids to keep
 * @param commodities commodity ids to draw
 * @param from the first day shown, or null for the scenario's start
 * @param to the last day shown, or null for the scenario's end
 */
public record ChartOptions(String metric, List<String> agents, List<String> regions, List<String> commodities,
                           LocalDate from, LocalDate to) {
  public ChartOptions {
    agents = agents == null ? List.of() : List.copyOf(agents);
    regions = regions == null ? List.of() : List.copyOf(regions);
    commodities = commodities == null ? List.of() : List.copyOf(commodities);
  }

  /** Every briefing chart, over the whole run. */
  public static ChartOptions all() {
    return new ChartOptions(null, List.of(), List.of(), List.of(), null, null);
  }
}
