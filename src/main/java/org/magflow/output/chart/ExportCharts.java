package org.magflow.output.chart;

import static org.magflow.output.chart.ChartText.lower;
import static org.magflow.output.chart.DatedSeries.filled;
import static org.magflow.output.chart.DatedSeries.sum;
import static org.magflow.output.chart.DatedSeries.totals;
import static org.magflow.output.chart.DatedSeries.unit;

import java.awt.Color;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeriesCollection;
import org.magflow.event.Metrics;
import org.magflow.event.Observation;

/** China's exports of a commodity by destination, beside the same run without its policies where that differs. */
final class ExportCharts {
  /** The exporter whose exports by destination are charted: China, the subject of the questions. */
  static final String EXPORTER = "CN";
  /** Counterfactual export lines are drawn only where the policies moved a destination's total by this share. */
  static final double VISIBLE_CHANGE = 0.05;

  private ExportCharts() {}

  /** The rows of the exporter's shipments abroad: what this chart draws, and which commodities it is drawn for. */
  static List<Observation> rows(ResultData data) {
    return data.rows(Metrics.SHIPPED).stream()
        .filter(o -> o.region().equals(EXPORTER) && !o.partner().equals(EXPORTER)).toList();
  }

  /** The exporter's shipments of {@code commodity} to each destination shown; null if there are none. */
  static Chart byDestination(RunView view, String commodity) {
    ResultData d = view.data();
    HouseStyle style = view.style();
    Predicate<Observation> keep = o -> o.region().equals(EXPORTER) && !o.partner().equals(EXPORTER)
        && o.commodity().equals(commodity) && view.inRange(o) && view.regionShown(o.partner());
    Map<String, TreeMap<LocalDate, Double>> run = sum(d.rows(Metrics.SHIPPED), keep, Observation::partner);
    if (run.isEmpty()) return null;
    Map<String, TreeMap<LocalDate, Double>> cf = sum(d.counterfactualRows(Metrics.SHIPPED), keep, Observation::partner);
    Map<String, Double> totals = totals(run);
    List<String> keys = totals.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).map(Map.Entry::getKey).toList();
    Map<String, Color> colours = HouseStyle.regionColours(d);
    List<LocalDate> dates = view.dates();
    var dataset = new XYSeriesCollection();
    XYLineAndShapeRenderer r = HouseStyle.lines();
    int i = 0;
    for (String k : keys) {
      dataset.addSeries(filled(d.region(k).name(), run.get(k), dates));
      r.setSeriesPaint(i, colours.getOrDefault(k, HouseStyle.GREY));
      r.setSeriesStroke(i++, HouseStyle.LINE);
    }
    boolean anyCf = false;
    Map<String, Double> cfTotals = totals(cf);
    for (String k : keys) {
      double base = cfTotals.getOrDefault(k, 0.0);
      if (base <= 0 || Math.abs(totals.get(k) - base) < VISIBLE_CHANGE * base) continue;
      anyCf = true;
      dataset.addSeries(filled(d.region(k).name() + ", without policies", cf.get(k), dates));
      r.setSeriesPaint(i, colours.getOrDefault(k, HouseStyle.GREY));
      r.setSeriesStroke(i++, HouseStyle.DASHED);
    }
    String unit = unit(d.rows(Metrics.SHIPPED), Metrics.TONNES);
    XYPlot plot = style.plot(dataset, r, view.timeAxis(),
        style.valueAxis("Exports, " + unit + " per " + d.period(), true));
    String key = view.markPolicies(List.of(plot), false);
    String name = d.commodity(commodity).name();
    String title = d.region(EXPORTER).name() + "'s exports of " + lower(HouseStyle.shortName(d.commodity(commodity)))
        + " by destination";
    String note = anyCf ? "dashed: without the policies, where they move the total by 5% or more"
        : "shipments leaving " + d.region(EXPORTER).name() + " per " + d.period();
    String caption = "Tonnes of " + lower(name) + " shipped from " + d.region(EXPORTER).name()
        + " to each destination in each " + d.period() + " (the shipped metric, region " + EXPORTER
        + ", partner other than " + EXPORTER + "). "
        + (d.hasCounterfactual() ? "Dashed lines show the same run without its policies, for destinations whose "
            + "total the policies moved by 5% or more." : "");
    return view.chart("exports-" + EXPORTER.toLowerCase(Locale.ROOT) + "-" + commodity, title, note,
        caption.strip(), plot, null, key);
  }
}
