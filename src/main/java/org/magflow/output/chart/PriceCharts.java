package org.magflow.output.chart;

import static org.magflow.output.chart.ChartText.lower;
import static org.magflow.output.chart.DatedSeries.ordered;
import static org.magflow.output.chart.DatedSeries.series;
import static org.magflow.output.chart.DatedSeries.sum;
import static org.magflow.output.chart.DatedSeries.unit;

import java.awt.Color;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeriesCollection;
import org.magflow.event.Metrics;
import org.magflow.event.Observation;
import org.magflow.output.RunSummary;

/** A run's price paths by price zone, one chart per commodity, read against the reference price. */
final class PriceCharts {
  private PriceCharts() {}

  /** The price of {@code commodity} in each zone shown, dashed without the policies; null if it has none. */
  static Chart byZone(RunView view, String commodity) {
    ResultData d = view.data();
    HouseStyle style = view.style();
    Predicate<Observation> keep = o -> o.commodity().equals(commodity) && view.inRange(o) && view.zoneShown(o.region());
    Map<String, TreeMap<LocalDate, Double>> run = sum(d.rows(Metrics.PRICE), keep, Observation::region);
    if (run.isEmpty()) return null;
    Map<String, TreeMap<LocalDate, Double>> cf = sum(d.counterfactualRows(Metrics.PRICE), keep, Observation::region);
    List<String> zones = ordered(d.zones(), run.keySet());
    Map<String, Color> colours = HouseStyle.zoneColours(d);
    var dataset = new XYSeriesCollection();
    XYLineAndShapeRenderer r = HouseStyle.lines();
    int i = 0;
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (String z : zones) {
      dataset.addSeries(series(HouseStyle.zoneName(z), run.get(z)));
      r.setSeriesPaint(i, colours.get(z));
      r.setSeriesStroke(i++, HouseStyle.LINE);
      for (double v : run.get(z).values()) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    for (String z : zones) {
      if (!cf.containsKey(z)) continue;
      dataset.addSeries(series(HouseStyle.zoneName(z) + ", without policies", cf.get(z)));
      r.setSeriesPaint(i, colours.get(z));
      r.setSeriesStroke(i++, HouseStyle.DASHED);
      for (double v : cf.get(z).values()) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    String unit = unit(d.rows(Metrics.PRICE), Metrics.USD_PER_KG);
    Set<Double> refs = new TreeSet<>();
    for (String z : zones) d.referencePrice(z, commodity).ifPresent(refs::add);
    NumberAxis axis = style.valueAxis("Price, " + unit, false);
    // Prices are read against their reference, so the scale always spans at least ±10% of it: a 1% wobble
    // stays a wobble, while a doubling fills the chart.
    double ref = refs.isEmpty() ? (lo + hi) / 2 : refs.iterator().next();
    double low = Math.max(0, Math.min(lo, 0.9 * ref));
    double high = Math.max(hi, 1.1 * ref);
    double pad = 0.06 * (high - low);
    // A price held at the rule's cap is the guard, not a market's price: the cap the paths shown reach is drawn,
    // with room above it for its label. A price held at its cap peaks there, so its peak is the cap.
    double top = hi;
    List<Double> caps = d.summary().prices().stream()
        .filter(p -> p.commodity().equals(commodity) && zones.contains(p.zone()) && p.heldAtCap()
            && p.peakUsdPerKg() <= top * (1 + 1e-9))
        .map(RunSummary.Price::peakUsdPerKg).distinct().toList();
    axis.setRange(Math.max(0, low - pad), high + (caps.isEmpty() ? pad : 2.5 * pad));
    XYPlot plot = style.plot(dataset, r, view.timeAxis(), axis);
    String key = view.markPolicies(List.of(plot), false);
    if (refs.size() == 1 && ref > 0) {
      // A second scale in multiples of the reference price: "peak 2.4×" reads off the chart directly.
      NumberAxis multiple = style.valueAxis("× reference (" + HouseStyle.numberFormat().format(ref) + " " + unit
          + ")", false);
      boolean wide = (axis.getUpperBound() - axis.getLowerBound()) / ref > 2;
      multiple.setNumberFormatOverride(new java.text.DecimalFormat(wide ? "0.0'×'" : "0.00'×'",
          java.text.DecimalFormatSymbols.getInstance(HouseStyle.LOCALE)));
      multiple.setRange(axis.getLowerBound() / ref, axis.getUpperBound() / ref);
      plot.setRangeAxis(1, multiple);
      plot.setRangeAxisLocation(1, org.jfree.chart.axis.AxisLocation.BOTTOM_OR_RIGHT);
    }
    if (cf.isEmpty()) {
      // No counterfactual (no policies): the reference price is the baseline to read the path against.
      for (double reference : refs) addReference(plot, style, reference, unit, run.values());
    }
    for (double cap : caps) addCap(plot, style, cap);
    ResultData.Commodity c = d.commodity(commodity);
    String title = HouseStyle.shortName(c) + ": price by zone";
    String note = cf.isEmpty() ? "dashed grey: reference price" : "dashed: the same run without its policies";
    String caption = "End-of-" + d.period() + " price of " + lower(c.name()) + " in each price zone ("
        + unit + "; right-hand scale: multiple of the reference price). " + (cf.isEmpty()
            ? "The dashed grey line is the scenario's reference price."
            : "Dashed lines are the same scenario, seed and random draws with every policy removed: the gap is "
                + "the policies' effect.")
        + (caps.isEmpty() ? "" : " The dotted line is the price rule's cap (market.priceRule.maxMultiple): where a "
            + "price runs along it, the price shown is the cap and buyers are rationed rather than priced out.");
    return view.chart("price-" + commodity, title, note, caption, plot, null, key);
  }

  /**
   * The reference price as a dashed line behind the paths, labelled at its right end. Prices often run along
   * or just above the reference there, so the label goes on the side of the line the last quarter of the
   * paths crowds less, on a white box in front of them: it stays readable wherever the paths run.
   */
  private static void addReference(XYPlot plot, HouseStyle style, double reference, String unit,
                                   Iterable<TreeMap<LocalDate, Double>> paths) {
    plot.addRangeMarker(new ValueMarker(reference, HouseStyle.DARK_GREY, HouseStyle.DASHED), Layer.BACKGROUND);
    boolean below = crowdedAbove(plot, reference, paths);
    ValueMarker label = new ValueMarker(reference, new Color(0, 0, 0, 0), HouseStyle.DASHED);
    label.setLabel("reference " + HouseStyle.numberFormat().format(reference) + " " + unit);
    label.setLabelFont(style.marker);
    label.setLabelPaint(HouseStyle.MUTED);
    label.setLabelBackgroundColor(new Color(255, 255, 255, 225));
    label.setLabelAnchor(below ? RectangleAnchor.BOTTOM_RIGHT : RectangleAnchor.TOP_RIGHT);
    label.setLabelTextAnchor(below ? TextAnchor.TOP_RIGHT : TextAnchor.BOTTOM_RIGHT);
    label.setLabelOffset(new RectangleInsets(6, 6, 6, 10));
    plot.addRangeMarker(label, Layer.FOREGROUND);
  }

  /**
   * The price rule's cap as a dotted line, labelled above it at the right end: the paths run along or below it,
   * and the policies' numbers sit at the top near the start.
   */
  private static void addCap(XYPlot plot, HouseStyle style, double cap) {
    ValueMarker line = new ValueMarker(cap, HouseStyle.DARK_GREY, HouseStyle.DOTTED);
    line.setLabel("price rule's cap: buyers rationed");
    line.setLabelFont(style.marker);
    line.setLabelPaint(HouseStyle.MUTED);
    line.setLabelBackgroundColor(new Color(255, 255, 255, 225));
    line.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
    line.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
    line.setLabelOffset(new RectangleInsets(4, 6, 4, 10));
    plot.addRangeMarker(line, Layer.FOREGROUND);
  }

  /**
   * Whether more of the paths' last quarter lies in the label's band just above the reference than in the
   * same band just below it (the band is 8% of the axis, about a label's height).
   */
  static boolean crowdedAbove(XYPlot plot, double reference, Iterable<TreeMap<LocalDate, Double>> paths) {
    double band = 0.08 * plot.getRangeAxis().getRange().getLength();
    int above = 0;
    int below = 0;
    for (TreeMap<LocalDate, Double> path : paths) {
      if (path.isEmpty()) continue;
      LocalDate first = path.firstKey();
      LocalDate last = path.lastKey();
      LocalDate from = last.minusDays(ChronoUnit.DAYS.between(first, last) / 4);
      for (double v : path.tailMap(from, true).values()) {
        if (v > reference && v <= reference + band) above++;
        if (v < reference && v >= reference - band) below++;
      }
    }
    return above > below;
  }
}
