package org.magflow.output.chart;

import java.time.LocalDate;
import java.util.List;

/**
 * Which charts to draw from a sweep folder. Empty lists and null values mean the default: every chart that
 * the sweep's design allows, for its first KPI, over every month.
 *
 * @param chart a {@link SweepCharts.Kind} id, or null for every kind the design allows
 * @param kpis KPI names for the heatmap, tornado and Sobol charts ({@code all} for every KPI); empty for the
 *     first KPI
 * @param regions regions (shortage fans) or price zones (price fans) to keep
 * @param commodities commodities whose price fans to draw
 * @param from the first month shown in fan charts, or null for the first
 * @param to the last month shown in fan charts, or null for the last
 */
public record SweepChartOptions(String chart, List<String> kpis, List<String> regions, List<String> commodities,
                                LocalDate from, LocalDate to) {
  public SweepChartOptions {
    kpis = kpis == null ? List.of() : List.copyOf(kpis);
    regions = regions == null ? List.of() : List.copyOf(regions);
    commodities = commodities == null ? List.of() : List.copyOf(commodities);
  }

  /** Every chart the design allows, for the first KPI: what {@code magflow sweep} draws. */
  public static SweepChartOptions all() {
    return new SweepChartOptions(null, List.of(), List.of(), List.of(), null, null);
  }
}
