package org.magflow.output.chart;

import static org.magflow.output.chart.ChartText.lower;
import static org.magflow.output.chart.DatedSeries.ordered;
import static org.magflow.output.chart.DatedSeries.series;
import static org.magflow.output.chart.DatedSeries.sum;

import java.awt.Color;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.magflow.event.Metrics;
import org.magflow.event.Observation;

/** The days of use that buyers' stocks cover, by region (weighted by use) or by buyer. */
final class CoverCharts {
  private CoverCharts() {}

  /** The stock cover of {@code commodity} by region, or by buyer when agents are chosen; null if none. */
  static Chart of(RunView view, String commodity) {
    ResultData d = view.data();
    HouseStyle style = view.style();
    Predicate<Observation> keep = o -> o.commodity().equals(commodity) && view.inRange(o)
        && view.regionShown(o.region()) && view.agentShown(o);
    List<Observation> rows = d.rows(Metrics.COVER_DAYS).stream().filter(keep).toList();
    if (rows.isEmpty()) return null;
    // Each buyer's cover weighs by its use in the period (demand for sectors, input use for plants), so a
    // region's figure is close to its total stock over its total daily use.
    Map<String, Double> weight = new LinkedHashMap<>();
    for (String m : List.of(Metrics.DEMAND, Metrics.INPUT_USE)) {
      for (Observation o : d.rows(m)) {
        if (o.commodity().equals(commodity)) weight.merge(o.agent() + "|" + o.date(), o.value(), Double::sum);
      }
    }
    boolean byAgent = !view.agents().isEmpty();
    Map<String, TreeMap<LocalDate, double[]>> acc = new LinkedHashMap<>();
    for (Observation o : rows) {
      String k = byAgent ? o.agent() : o.region();
      double w = weight.getOrDefault(o.agent() + "|" + o.date(), 0.0);
      double[] a = acc.computeIfAbsent(k, x -> new TreeMap<>()).computeIfAbsent(o.date(), x -> new double[4]);
      a[0] += o.value() * w;
      a[1] += w;
      a[2] += o.value();
      a[3] += 1;
    }
    List<String> keys = byAgent ? new ArrayList<>(acc.keySet())
        : ordered(d.regions().stream().map(ResultData.Region::id).toList(), acc.keySet());
    Map<String, Color> colours = byAgent ? HouseStyle.colours(keys, Map.of()) : HouseStyle.regionColours(d);
    var dataset = new XYSeriesCollection();
    XYLineAndShapeRenderer r = HouseStyle.lines();
    int i = 0;
    for (String k : keys) {
      XYSeries series = new XYSeries(byAgent ? k : d.region(k).name(), true, false);
      acc.get(k).forEach((date, a) -> series.add(HouseStyle.millis(date), a[1] > 0 ? a[0] / a[1] : a[2] / a[3]));
      dataset.addSeries(series);
      r.setSeriesPaint(i, colours.get(k));
      r.setSeriesStroke(i++, HouseStyle.LINE);
    }
    XYPlot plot = style.plot(dataset, r, view.timeAxis(), style.valueAxis("Inventory cover, days of use", true));
    String key = view.markPolicies(List.of(plot), false);
    String name = d.commodity(commodity).name();
    String by = byAgent ? "buyer" : "region";
    String title = HouseStyle.shortName(d.commodity(commodity)) + ": buyers' stock cover by " + by;
    String caption = "Days of expected use that buyers' stocks of " + lower(name) + " cover at the end of each "
        + d.period() + (byAgent ? ", per buyer." : ", by region: each buyer weighted by its use in the " + d.period()
            + ", so a region's line is close to its total stock over its total daily use.")
        + " A falling line is a stock draw; at zero a buyer lives hand to mouth.";
    return view.chart("cover-" + commodity, title, "days of expected use held in stock, end of each " + d.period(),
        caption, plot, null, key);
  }
}
