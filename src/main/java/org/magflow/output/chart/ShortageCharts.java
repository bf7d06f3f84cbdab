package org.magflow.output.chart;

import static org.magflow.output.chart.ChartText.lower;
import static org.magflow.output.chart.DatedSeries.sum;
import static org.magflow.output.chart.DatedSeries.unit;

import java.awt.Color;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.magflow.event.Metrics;
import org.magflow.event.Observation;

/** Unmet demand by region or by demand sector: stacked tonnes, and each one's share of its own demand. */
final class ShortageCharts {
  private ShortageCharts() {}

  /**
   * Shortage of {@code commodity} by region or by sector: stacked tonnes on top, and below each one's shortage
   * as a share of its own demand (a region 15.8% short of what it wanted shows 15.8%, however small its share of
   * the world's demand). Null if the run has no demand for it, or if nobody ran short of it: an empty chart says
   * nothing a sentence does not ({@link #nobodyShort}).
   */
  static Chart of(RunView view, String commodity, boolean byRegion) {
    ResultData d = view.data();
    HouseStyle style = view.style();
    Predicate<Observation> keep = o -> o.commodity().equals(commodity) && view.inRange(o)
        && view.regionShown(o.region()) && view.agentShown(o);
    Function<Observation, String> key = byRegion ? Observation::region : Observation::sector;
    Map<String, TreeMap<LocalDate, Double>> tonnes = sum(d.rows(Metrics.SHORTAGE), keep, key);
    Map<String, TreeMap<LocalDate, Double>> demandOf = sum(d.rows(Metrics.DEMAND), keep, key);
    TreeMap<LocalDate, Double> demand = sum(d.rows(Metrics.DEMAND), keep, o -> "all")
        .getOrDefault("all", new TreeMap<>());
    if (demand.isEmpty()) return null;
    List<LocalDate> dates = new ArrayList<>(demand.keySet());
    // Only keys that ran short are drawn, largest first, so the legend lists who was hit.
    Map<String, Double> totals = new LinkedHashMap<>();
    tonnes.forEach((k, v) -> totals.put(k, v.values().stream().mapToDouble(Double::doubleValue).sum()));
    List<String> keys = totals.entrySet().stream().filter(e -> e.getValue() > 1e-9)
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).map(Map.Entry::getKey).toList();
    if (keys.isEmpty()) return null;
    Map<String, Color> colours;
    Function<String, String> label;
    if (byRegion) {
      Map<String, Color> all = HouseStyle.regionColours(d);
      colours = new LinkedHashMap<>();
      for (String k : keys) colours.put(k, all.getOrDefault(k, HouseStyle.GREY));
      label = k -> d.region(k).name();
    } else {
      List<String> sectors = d.rows(Metrics.DEMAND).stream().map(Observation::sector).distinct().toList();
      colours = HouseStyle.sectorColours(sectors);
      label = ChartText::capitalise;
    }
    var tValues = new LinkedHashMap<String, Map<LocalDate, Double>>();
    var shares = new XYSeriesCollection();
    XYLineAndShapeRenderer lines = HouseStyle.lines();
    for (String k : keys) {
      var tk = new TreeMap<LocalDate, Double>();
      var share = new XYSeries(label.apply(k), true, false);
      for (LocalDate date : dates) {
        double v = tonnes.get(k).getOrDefault(date, 0.0);
        double own = demandOf.getOrDefault(k, new TreeMap<>()).getOrDefault(date, 0.0);
        tk.put(date, v);
        share.add(HouseStyle.millis(date), own > 0 ? 100 * v / own : 0.0);
      }
      tValues.put(k, tk);
      lines.setSeriesPaint(shares.getSeriesCount(), colours.get(k));
      lines.setSeriesStroke(shares.getSeriesCount(), HouseStyle.LINE);
      shares.addSeries(share);
    }
    StackedAreas.Stack t = StackedAreas.stack(keys, tValues, dates, colours);
    LegendItemCollection legend = StackedAreas.legend(keys, colours, label);
    String unit = unit(d.rows(Metrics.SHORTAGE), Metrics.TONNES);
    String what = byRegion ? "region" : "sector";
    DateAxis time = view.timeAxis();
    // short labels: each panel is half the chart high, and longer ones ran into each other (the subtitle says more)
    NumberAxis tAxis = style.valueAxis(unit + " per " + d.period(), true);
    NumberAxis pAxis = style.valueAxis("% of own demand", true);
    XYPlot top = new XYPlot(t.dataset(), null, tAxis, t.renderer());
    XYPlot bottom = new XYPlot(shares, null, pAxis, lines);
    style.style(top);
    style.style(bottom);
    String regionsNote = view.regions().isEmpty() ? "" : " in the regions shown";
    CombinedDomainXYPlot plot = new CombinedDomainXYPlot(time);
    plot.setGap(28);
    plot.add(top, 1);
    plot.add(bottom, 1);
    String policyKey = view.markPolicies(List.of(top, bottom), true);
    String name = d.commodity(commodity).name();
    String title = HouseStyle.shortName(d.commodity(commodity)) + ": shortage by " + what;
    String note = "top: t, stacked; bottom: % of each " + what + "'s own demand" + regionsNote;
    String caption = "Demand for " + lower(name) + " that went unmet in each " + d.period() + ", by " + what
        + ": in " + unit + ", stacked (top), and as a share of each " + what + "'s own demand in that " + d.period()
        + " (bottom, one line each" + regionsNote + "). Only " + (byRegion ? "regions" : "sectors")
        + " that ran short are shown.";
    return view.chart("shortage-by-" + what + "-" + commodity, title, note, caption, plot, legend, policyKey);
  }

  /** The sentence that stands for the shortage charts of {@code commodity} when nobody ran short of it. */
  static String nobodyShort(ResultData d, String commodity) {
    return "No shortage of " + HouseStyle.shortName(d.commodity(commodity)) + ": every region's demand was met in full"
        + " in every " + d.period() + ", so there are no shortage charts.";
  }
}
