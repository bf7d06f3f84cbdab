package org.magflow.output.chart;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.magflow.event.Metrics;

/**
 * Draws the briefing charts of a result folder: price paths, shortages, China's exports, inventory cover and
 * production shares, each with the policy windows marked; or a chart of any time-series metric. Each kind is
 * drawn by its own class ({@link PriceCharts}, {@link ShortageCharts}, ...) in the {@link HouseStyle}.
 *
 * <p>Every figure comes from the folder's files ({@link ResultData}); nothing here sees a model.
 */
public final class Charts {
  private final HouseStyle style = new HouseStyle();

  /**
   * The charts {@code options} ask for, in a fixed order.
   *
   * @throws ResultInputException if an option names something the run does not have (a metric, agent, region
   *     or commodity), or dates outside the run; the message lists what would be accepted
   */
  public List<Chart> build(ResultData data, ChartOptions options) throws ResultInputException {
    String metric = options.metric();
    if (metric != null && ChartKind.byId(metric).isEmpty() && !MetricCharts.drawable(data).contains(metric)) {
      throw new ResultInputException("--metric", "unknown metric '" + metric + "'; choose a chart ("
          + Arrays.stream(ChartKind.values()).map(ChartKind::id).collect(Collectors.joining(", "))
          + ") or a time-series metric of this run (" + String.join(", ", MetricCharts.drawable(data)) + ")");
    }
    RunView view = RunView.of(data, options, style);
    var charts = new ArrayList<Chart>();
    List<ChartKind> kinds;
    if (metric == null) {
      kinds = List.of(ChartKind.values());
    } else if (ChartKind.byId(metric).isPresent()) {
      kinds = List.of(ChartKind.byId(metric).get());
    } else {
      charts.addAll(MetricCharts.of(view, metric));
      return charts;
    }
    for (ChartKind kind : kinds) {
      switch (kind) {
        case PRICE -> {
          for (String c : view.commodities(data.rows(Metrics.PRICE))) add(charts, PriceCharts.byZone(view, c));
        }
        case SHORTAGE_BY_REGION -> {
          for (String c : view.commodities(data.rows(Metrics.DEMAND))) {
            add(charts, ShortageCharts.of(view, c, true));
          }
        }
        case SHORTAGE_BY_SECTOR -> {
          for (String c : view.commodities(data.rows(Metrics.DEMAND))) {
            add(charts, ShortageCharts.of(view, c, false));
          }
        }
        case EXPORTS -> {
          for (String c : view.commodities(ExportCharts.rows(data))) add(charts, ExportCharts.byDestination(view, c));
        }
        case COVER -> {
          // By default the end users' stocks (the commodities with demand, magnets in the shipped scenarios).
          List<String> cs = view.commodities().isEmpty()
              ? view.commodities(data.rows(Metrics.DEMAND))
              : view.commodities(data.rows(Metrics.COVER_DAYS));
          for (String c : cs) add(charts, CoverCharts.of(view, c));
        }
        case PRODUCTION_SHARES -> add(charts, ProductionShareCharts.of(view));
        case BUILD_OUT -> add(charts, BuildOutCharts.of(view));
      }
    }
    if (charts.isEmpty() && metric != null && metric.startsWith("shortage-by-")) {
      throw new ResultInputException("--metric", "nothing to draw: " + String.join(" ", view.commodities(
          data.rows(Metrics.DEMAND)).stream().map(c -> ShortageCharts.nobodyShort(data, c)).toList()));
    }
    if (charts.isEmpty() && metric != null) {
      throw new ResultInputException("--metric", "the run has no data for the chart '" + metric
          + "' with the options given");
    }
    return charts;
  }

  /** The sentence that stands for a commodity's shortage charts when nobody ran short of it. */
  public static String nobodyShort(ResultData data, String commodity) {
    return ShortageCharts.nobodyShort(data, commodity);
  }

  private static void add(List<Chart> charts, Chart chart) {
    if (chart != null) charts.add(chart);
  }
}
