package org.magflow.output.chart;

import static org.magflow.output.chart.ChartText.capitalise;
import static org.magflow.output.chart.ChartText.lower;
import static org.magflow.output.chart.DatedSeries.sum;
import static org.magflow.output.chart.DatedSeries.totals;
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
import org.magflow.event.Metrics;
import org.magflow.event.Observation;

/** Unmet demand by region or by demand sector, stacked: in tonnes and as a share of all demand. */
final class ShortageCharts {
  private ShortageCharts() {}

  /** Shortage of {@code commodity} by region or by sector; null if the run has no demand for it. */
  static Chart of(RunView view, String commodity, boolean byRegion) {
    ResultData d = view.data();
    HouseStyle style = view.style();
    Predicate<Observation> keep = o -> o.commodity().equals(commodity) && view.inRange(o)
        && view.regionShown(o.region()) && view.agentShown(o);
    Function<Observation, String> key = byRegion ? Observation::region : Observation::sector;
    Map<String, TreeMap<LocalDate, Double>> tonnes = sum(d.rows(Metrics.SHORTAGE), keep, key);
    TreeMap<LocalDate, Double> demand = sum(d.rows(Metrics.DEMAND), keep, o -> "all")
        .getOrDefault("all", new TreeMap<>());
    if (demand.isEmpty()) return null;
    List<LocalDate> dates = new ArrayList<>(demand.keySet());
    // Only keys that ran short are drawn, largest first, so the legend lists who was hit.
    Map<String, Double> totals = new LinkedHashMap<>();
    tonnes.forEach((k, v) -> totals.put(k, v.values().stream().mapToDouble(Double::doubleValue).sum()));
    List<String> keys = totals.entrySet().stream().filter(e -> e.getValue() > 1e-9)
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).map(Map.Entry::getKey).toList();
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
    var pValues = new LinkedHashMap<String, Map<LocalDate, Double>>();
    for (String k : keys) {
      var tk = new TreeMap<LocalDate, Double>();
      var pk = new TreeMap<LocalDate, Double>();
      for (LocalDate date : dates) {
        double v = tonnes.get(k).getOrDefault(date, 0.0);
        double dem = demand.getOrDefault(date, 0.0);
        tk.put(date, v);
        pk.put(date, dem > 0 ? 100 * v / dem : 0.0);
      }
      tValues.put(k, tk);
      pValues.put(k, pk);
    }
    StackedAreas.Stack t = StackedAreas.stack(keys, tValues, dates, colours);
    StackedAreas.Stack pct = StackedAreas.stack(keys, pValues, dates, colours);
    LegendItemCollection legend = StackedAreas.legend(keys, colours, label);
    String unit = unit(d.rows(Metrics.SHORTAGE), Metrics.TONNES);
    DateAxis time = view.timeAxis();
    NumberAxis tAxis = style.valueAxis("Shortage, " + unit + " per " + d.period(), true);
    NumberAxis pAxis = style.valueAxis("% of demand", true);
    XYPlot top = new XYPlot(t.dataset(), null, tAxis, t.renderer());
    XYPlot bottom = new XYPlot(pct.dataset(), null, pAxis, pct.renderer());
    style.style(top);
    style.style(bottom);
    String what = byRegion ? "region" : "sector";
    String regionsNote = view.regions().isEmpty() ? "" : " in the regions shown";
    if (keys.isEmpty()) {
      tAxis.setRange(0, 10);
      pAxis.setRange(0, 10);
      top.addAnnotation(style.note("No shortage: every " + (byRegion ? "region's" : "sector's")
          + " demand was met in full"));
    }
    CombinedDomainXYPlot plot = new CombinedDomainXYPlot(time);
    plot.setGap(28);
    plot.add(top, 1);
    plot.add(bottom, 1);
    String policyKey = view.markPolicies(List.of(top, bottom), !keys.isEmpty());
    String name = d.commodity(commodity).name();
    String title = HouseStyle.shortName(d.commodity(commodity)) + ": shortage by " + what;
    String note = "stacked; bottom: as % of all demand" + regionsNote;
    String caption = "Demand for " + lower(name) + " that went unmet in each " + d.period() + ", by " + what
        + ", stacked: in " + unit + " (top) and as a share of all demand" + regionsNote
        + " (bottom, so the stack's height is the share of demand unmet). Only "
        + (byRegion ? "regions" : "sectors") + " that ran short are shown.";
    return view.chart("shortage-by-" + what + "-" + commodity, title, note, caption, plot, legend, policyKey);
  }
}
