package org.magflow.output.chart;

import static org.magflow.output.chart.ChartText.capitalise;
import static org.magflow.output.chart.ChartText.lower;
import static org.magflow.output.chart.DatedSeries.series;
import static org.magflow.output.chart.DatedSeries.unit;

import java.awt.Color;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.magflow.event.Metrics;
import org.magflow.event.Observation;

/**
 * Any time-series metric of a run (inventory, capacity, ...), by region or by agent: one chart per commodity,
 * and per stage for stage metrics, so no line adds up different things.
 */
final class MetricCharts {
  private static final Set<String> FLOWS = Set.of(Metrics.PRODUCTION, Metrics.INPUT_USE, Metrics.THROUGHPUT,
      Metrics.DEMAND, Metrics.CONSUMPTION, Metrics.SHORTAGE, Metrics.DELIVERED, Metrics.SHIPPED);
  private static final Set<String> STAGE_METRICS = Set.of(Metrics.THROUGHPUT, Metrics.CAPACITY,
      Metrics.UTILISATION);
  private static final Map<String, String> METRIC_NAMES = Map.ofEntries(
      Map.entry(Metrics.PRODUCTION, "Production"), Map.entry(Metrics.INPUT_USE, "Input use"),
      Map.entry(Metrics.THROUGHPUT, "Throughput"), Map.entry(Metrics.CAPACITY, "Installed capacity"),
      Map.entry(Metrics.UTILISATION, "Capacity utilisation"), Map.entry(Metrics.DEMAND, "Demand"),
      Map.entry(Metrics.CONSUMPTION, "Consumption"), Map.entry(Metrics.SHORTAGE, "Shortage"),
      Map.entry(Metrics.BACKLOG, "Backlog"), Map.entry(Metrics.SUBSTITUTION, "Substitution"),
      Map.entry(Metrics.DELIVERED, "Deliveries"), Map.entry(Metrics.INVENTORY, "Inventory"),
      Map.entry(Metrics.COVER_DAYS, "Inventory cover"), Map.entry(Metrics.SHIPPED, "Shipments"),
      Map.entry(Metrics.PRICE, "Price"));

  private MetricCharts() {}

  /** The time-series metrics that {@code --metric} can draw directly. */
  static List<String> drawable(ResultData data) {
    return data.metrics().stream().filter(METRIC_NAMES::containsKey).toList();
  }

  /**
   * Charts of {@code metric}: summed over a region's agents for tonnages, averaged otherwise.
   *
   * @throws ResultInputException if the run has no rows of it for the agents, regions and dates shown
   */
  static List<Chart> of(RunView view, String metric) throws ResultInputException {
    ResultData d = view.data();
    HouseStyle style = view.style();
    List<Observation> rows = d.rows(metric).stream().filter(view::inRange).filter(view::agentShown)
        .filter(o -> view.regionShown(o.region()) || view.zoneShown(o.region())).toList();
    if (rows.isEmpty()) {
      throw new ResultInputException("--metric", "the run has no '" + metric + "' rows for the agents, regions "
          + "and dates given");
    }
    boolean byAgent = !view.agents().isEmpty();
    boolean perStage = STAGE_METRICS.contains(metric);
    String unit = unit(rows, "");
    boolean additive = unit.equals(Metrics.TONNES) || unit.equals(Metrics.TONNES_PER_YEAR);
    boolean share = unit.equals(Metrics.SHARE);
    // One chart per commodity (and per stage for stage metrics), so no line adds up different things.
    Map<String, List<Observation>> groups = new LinkedHashMap<>();
    for (String c : view.commodities(rows.stream().filter(o -> !o.commodity().isEmpty()).toList())) {
      groups.put(c, new ArrayList<>());
    }
    for (Observation o : rows) {
      if (!o.commodity().isEmpty() && !groups.containsKey(o.commodity())) continue;
      String g = o.commodity() + (perStage ? "|" + o.sector() : "");
      groups.computeIfAbsent(g, x -> new ArrayList<>()).add(o);
    }
    groups.values().removeIf(List::isEmpty);
    var charts = new ArrayList<Chart>();
    for (var group : groups.entrySet()) {
      String[] parts = group.getKey().split("\\|", -1);
      String commodity = parts[0];
      String stage = perStage && parts.length > 1 ? parts[1] : "";
      Function<Observation, String> key = byAgent ? Observation::agent
          : o -> o.partner().isEmpty() ? o.region() : o.region() + "→" + o.partner();
      Map<String, TreeMap<LocalDate, double[]>> acc = new LinkedHashMap<>();
      for (Observation o : group.getValue()) {
        double[] a = acc.computeIfAbsent(key.apply(o), x -> new TreeMap<>())
            .computeIfAbsent(o.date(), x -> new double[2]);
        a[0] += o.value();
        a[1] += 1;
      }
      List<String> keys = new ArrayList<>(acc.keySet());
      if (!byAgent) {
        List<String> regionOrder = d.regions().stream().map(ResultData.Region::id).toList();
        keys.sort(Comparator.comparingInt((String k) -> {
          int at = regionOrder.indexOf(k.split("→")[0]);
          return at < 0 ? Integer.MAX_VALUE : at;
        }).thenComparing(Comparator.naturalOrder()));
      }
      Map<String, Color> colours = byAgent || keys.stream().anyMatch(k -> k.contains("→"))
          ? HouseStyle.colours(keys, Map.of()) : HouseStyle.regionColours(d);
      if (metric.equals(Metrics.PRICE)) colours = HouseStyle.zoneColours(d);
      var dataset = new XYSeriesCollection();
      XYLineAndShapeRenderer r = HouseStyle.lines();
      int i = 0;
      for (String k : keys) {
        String label = byAgent ? k : metric.equals(Metrics.PRICE) ? HouseStyle.zoneName(k) : regionLabel(d, k);
        XYSeries series = new XYSeries(label, true, false);
        acc.get(k).forEach((date, a) -> series.add(HouseStyle.millis(date),
            (additive ? a[0] : a[0] / a[1]) * (share ? 100 : 1)));
        dataset.addSeries(series);
        r.setSeriesPaint(i, colours.getOrDefault(k, HouseStyle.CYCLE.get(i % HouseStyle.CYCLE.size())));
        r.setSeriesStroke(i++, HouseStyle.LINE);
      }
      String metricName = METRIC_NAMES.getOrDefault(metric, metric);
      String axisUnit = share ? "%" : unit + (FLOWS.contains(metric) ? " per " + d.period() : "");
      XYPlot plot = style.plot(dataset, r, view.timeAxis(), style.valueAxis(metricName + ", " + axisUnit, true));
      String policyKey = view.markPolicies(List.of(plot), false);
      String what = stage.isEmpty() ? metricName : capitalise(stage) + " " + lower(metricName);
      String title = (commodity.isEmpty() ? what : HouseStyle.shortName(d.commodity(commodity)) + ": "
          + lower(what)) + " by " + (byAgent ? "agent" : metric.equals(Metrics.PRICE) ? "zone" : "region");
      String how = additive ? "summed" : "averaged";
      String caption = metricName + " (the " + metric + " metric, " + axisUnit + ")"
          + (byAgent ? " for each agent chosen" : ", " + how + " over each region's agents") + ".";
      String stem = metric + (commodity.isEmpty() ? "" : "-" + commodity) + (stage.isEmpty() ? "" : "-" + stage)
          + (byAgent ? "-by-agent" : "");
      charts.add(view.chart(stem, title, "the " + metric + " metric, " + how + (byAgent ? "" : " by region"),
          caption, plot, null, policyKey));
    }
    return charts;
  }

  private static String regionLabel(ResultData d, String key) {
    if (!key.contains("→")) return d.region(key).name();
    String[] p = key.split("→");
    return p[0].equals(p[1]) ? d.region(p[0]).name() + " domestic"
        : d.region(p[0]).name() + " → " + d.region(p[1]).name();
  }
}
