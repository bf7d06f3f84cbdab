package org.magflow.output.chart;

import static org.magflow.output.chart.ChartText.capitalise;
import static org.magflow.output.chart.DatedSeries.ordered;
import static org.magflow.output.chart.DatedSeries.sum;

import java.awt.Color;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.magflow.event.Metrics;
import org.magflow.event.Observation;

/** Each region's share of each production stage's throughput over time, one stacked panel per stage. */
final class ProductionShareCharts {
  private ProductionShareCharts() {}

  /** One panel per stage of each region's share of its throughput; null if the run reports no throughput. */
  static Chart of(RunView view) {
    ResultData d = view.data();
    HouseStyle style = view.style();
    List<Observation> rows = d.rows(Metrics.THROUGHPUT).stream().filter(view::inRange).filter(view::agentShown)
        .toList();
    if (rows.isEmpty()) return null;
    List<String> stages = rows.stream().map(Observation::sector).distinct().toList();
    List<LocalDate> dates = rows.stream().map(Observation::date).distinct().sorted().toList();
    Map<String, Color> colours = HouseStyle.regionColours(d);
    List<String> regionOrder = d.regions().stream().map(ResultData.Region::id).toList();
    DateAxis time = view.timeAxis();
    CombinedDomainXYPlot plot = new CombinedDomainXYPlot(time);
    plot.setGap(22);
    var subplots = new ArrayList<XYPlot>();
    Set<String> allRegions = new LinkedHashSet<>();
    for (String stage : stages) {
      Map<String, TreeMap<LocalDate, Double>> byRegion = sum(rows, o -> o.sector().equals(stage), Observation::region);
      TreeMap<LocalDate, Double> total = sum(rows, o -> o.sector().equals(stage), o -> "all").get("all");
      List<String> keys = ordered(regionOrder, byRegion.keySet()).stream().filter(view::regionShown).toList();
      allRegions.addAll(keys);
      var shares = new LinkedHashMap<String, Map<LocalDate, Double>>();
      for (String k : keys) {
        var share = new TreeMap<LocalDate, Double>();
        for (LocalDate date : dates) {
          double t = total.getOrDefault(date, 0.0);
          share.put(date, t > 0 ? 100 * byRegion.get(k).getOrDefault(date, 0.0) / t : 0.0);
        }
        shares.put(k, share);
      }
      StackedAreas.Stack stack = StackedAreas.stack(keys, shares, dates, colours);
      NumberAxis axis = style.valueAxis("%", true);
      axis.setRange(0, 100);
      axis.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(50, HouseStyle.numberFormat()));
      XYPlot sub = new XYPlot(stack.dataset(), null, axis, stack.renderer());
      style.style(sub);
      sub.addAnnotation(style.panelLabel(capitalise(stage)));
      plot.add(sub, 1);
      subplots.add(sub);
    }
    LegendItemCollection legend =
        StackedAreas.legend(ordered(regionOrder, allRegions), colours, k -> d.region(k).name());
    String key = view.markPolicies(subplots, true);
    String title = "Production shares by region and stage";
    String caption = "Each region's share of each production stage's throughput (" + String.join(", ", stages)
        + ") in each " + d.period() + ", in %: who mines, separates and makes magnets, and how that shifts "
        + "when policies bite or new capacity ramps up.";
    return view.chart("production-shares", title, "share of each stage's throughput per " + d.period()
        + ", %", caption, plot, legend, key);
  }
}
