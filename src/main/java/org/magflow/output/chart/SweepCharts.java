package org.magflow.output.chart;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Draws the charts of a sweep folder ({@link SweepData}) in the house style: fan charts of price and shortage
 * paths across runs ({@link FanCharts}), a heatmap of a KPI over a two-parameter grid ({@link HeatmapCharts}), a
 * tornado chart for a one-at-a-time design ({@link TornadoCharts}), and first-order and total Sobol indices with
 * their bootstrap intervals ({@link SobolCharts}).
 *
 * <p>Every figure comes from the folder's files; nothing here sees a sweep or a model. Each chart's title says
 * what a reader takes from it; the subtitle names the sweep, its design, its runs and master seed; the source
 * line names the magflow version and the sweep file.
 */
public final class SweepCharts {
  /** The sweep charts; {@code magflow chart SWEEP_DIR --metric ID} draws one kind. */
  public enum Kind {
    FAN_PRICE("fan-price", "price paths across runs, one chart per commodity with a panel per price zone: median, "
        + "middle 50% and 90% of runs"),
    FAN_SHORTAGE("fan-shortage", "shortage paths across runs (% of each month's demand), one chart per region "
        + "that ran short in any run"),
    HEATMAP("heatmap", "a KPI's mean over a grid of exactly two parameters"),
    TORNADO("tornado", "a KPI at each parameter's low and high end, around the base (one-at-a-time design)"),
    SOBOL("sobol", "first-order and total Sobol indices with 95% bootstrap intervals (sobol design)");

    private final String id;
    private final String description;

    Kind(String id, String description) {
      this.id = id;
      this.description = description;
    }

    public String id() {
      return id;
    }

    public String description() {
      return description;
    }

    public static Optional<Kind> byId(String id) {
      return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
    }
  }

  private final HouseStyle style = new HouseStyle();

  /**
   * The charts {@code options} ask for, in a fixed order: price fans, shortage fans, heatmaps, tornados, Sobol
   * indices. Kinds the sweep's design does not allow are left out without error unless asked for by name.
   *
   * @throws ResultInputException if an option names something the sweep does not have, or asks for a chart its
   *     design does not allow; the message says what would be accepted
   */
  public List<Chart> build(SweepData d, SweepChartOptions o) throws ResultInputException {
    Kind only = null;
    if (o.chart() != null) {
      only = Kind.byId(o.chart()).orElseThrow(() -> new ResultInputException("--metric", "unknown sweep chart '"
          + o.chart() + "'; a sweep folder's charts are " + Arrays.stream(Kind.values()).map(Kind::id)
          .collect(Collectors.joining(", "))));
    }
    List<SweepData.Kpi> kpis = kpis(d, o.kpis());
    SweepView view = SweepView.of(d, o, style);
    var charts = new ArrayList<Chart>();
    if (only == null || only == Kind.FAN_PRICE) {
      charts.addAll(FanCharts.prices(view));
    }
    if (only == null || only == Kind.FAN_SHORTAGE) {
      charts.addAll(FanCharts.shortages(view));
    }
    if (only == null || only == Kind.HEATMAP) {
      if (heatmapApplies(d)) {
        for (SweepData.Kpi k : kpis) add(charts, HeatmapCharts.of(view, k));
      } else if (only != null) {
        throw new ResultInputException("--metric", "a heatmap needs a grid over exactly two parameters; this sweep "
            + "is " + ChartText.article(d.designName()) + " design over " + d.parameters().size() + " parameter"
            + (d.parameters().size() == 1 ? "" : "s"));
      }
    }
    if (only == null || only == Kind.TORNADO) {
      if (!d.tornado().isEmpty()) {
        for (SweepData.Kpi k : kpis) add(charts, TornadoCharts.of(view, k));
      } else if (only != null) {
        throw new ResultInputException("--metric", "a tornado chart needs a one-at-a-time design (tornado.csv); "
            + "this sweep is " + ChartText.article(d.designName()) + " design");
      }
    }
    if (only == null || only == Kind.SOBOL) {
      if (!d.sobol().isEmpty()) {
        for (SweepData.Kpi k : kpis) add(charts, SobolCharts.of(view, k));
      } else if (only != null) {
        throw new ResultInputException("--metric", "Sobol indices need a sobol design (sobol.csv); this sweep is "
            + ChartText.article(d.designName()) + " design");
      }
    }
    if (charts.isEmpty() && only != null) {
      throw new ResultInputException("--metric", "the sweep has no data for the chart '" + only.id()
          + "' with the options given" + (only == Kind.FAN_SHORTAGE ? " (no region ran short in any run)" : ""));
    }
    return charts;
  }

  /** Whether a heatmap can be drawn: a grid over exactly two parameters. */
  public static boolean heatmapApplies(SweepData d) {
    return d.design().equals("grid") && d.parameters().size() == 2;
  }

  private static void add(List<Chart> charts, Chart chart) {
    if (chart != null) charts.add(chart);
  }

  private static List<SweepData.Kpi> kpis(SweepData d, List<String> names) throws ResultInputException {
    if (d.kpis().isEmpty()) return List.of();
    if (names.isEmpty()) return List.of(d.kpis().get(0));
    if (names.contains("all")) return d.kpis();
    var chosen = new ArrayList<SweepData.Kpi>();
    for (String n : names) {
      chosen.add(d.kpi(n).orElseThrow(() -> new ResultInputException("--kpi", "unknown KPI '" + n + "'; this sweep's "
          + "KPIs are " + d.kpis().stream().map(SweepData.Kpi::name).collect(Collectors.joining(", "))
          + " (or all)")));
    }
    return chosen;
  }
}
