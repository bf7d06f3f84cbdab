package org.magflow.output.chart;

import static org.magflow.output.chart.ChartText.number;
import static org.magflow.output.chart.ChartText.rounded;

import java.awt.Color;
import java.awt.geom.Line2D;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * Fan charts of a sweep's paths across runs: price by zone, one chart per commodity, and shortage by region.
 * Each fan shows the median, the middle 50% and 90% of runs.
 */
final class FanCharts {
  /** A region's shortage fan is drawn when its 95th percentile reaches this share of a month's demand, in %. */
  static final double SHORT = 0.01;
  private static final Map<String, String> REGION_NAMES = Map.ofEntries(Map.entry("CN", "China"),
      Map.entry("US", "US"), Map.entry("JP", "Japan"), Map.entry("EU", "Europe"), Map.entry("KR", "Korea"),
      Map.entry("VN", "Vietnam"), Map.entry("MY", "Malaysia"), Map.entry("AU", "Australia"),
      Map.entry("MM", "Myanmar"), Map.entry("ROW", "Rest of world"));
  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM yyyy", Locale.ENGLISH);

  private FanCharts() {}

  /** The price fans, one chart per commodity: the shipped ones downstream first, then any others. */
  static List<Chart> prices(SweepView view) {
    var charts = new ArrayList<Chart>();
    for (String c : priceCommodities(view.fanCommodities(), view.options())) {
      Chart chart = price(view, c);
      if (chart != null) charts.add(chart);
    }
    return charts;
  }

  /** The shortage fans, one chart per region that ran short in 1 run in 20, worst first. */
  static List<Chart> shortages(SweepView view) {
    var charts = new ArrayList<Chart>();
    for (String r : shortRegions(view.data(), view.fanRegions(), view.options(), view.from(), view.to())) {
      charts.add(shortage(view, r));
    }
    return charts;
  }

  /** One month of a band: median and the 25–75 and 5–95 percentiles. */
  private record Band(List<SweepData.FanRow> rows) {
    double maxOf(java.util.function.ToDoubleFunction<SweepData.FanRow> f) {
      return rows.stream().mapToDouble(f).filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
    }

    double minOf(java.util.function.ToDoubleFunction<SweepData.FanRow> f) {
      return rows.stream().mapToDouble(f).filter(v -> !Double.isNaN(v)).min().orElse(Double.NaN);
    }

    SweepData.FanRow peakMedian() {
      return rows.stream().filter(r -> !Double.isNaN(r.p50()))
          .max(Comparator.comparingDouble(SweepData.FanRow::p50)).orElse(null);
    }

    double spread() {
      return rows.stream().mapToDouble(r -> r.p95() - r.p5()).filter(v -> !Double.isNaN(v)).max().orElse(0);
    }
  }

  private static Map<String, Band> series(SweepData d, String metric, String commodity, LocalDate from,
                                          LocalDate to) {
    var map = new LinkedHashMap<String, List<SweepData.FanRow>>();
    for (SweepData.FanRow r : d.fan()) {
      if (!r.metric().equals(metric) || (commodity != null && !r.commodity().equals(commodity))) continue;
      if (r.date().isBefore(from) || r.date().isAfter(to)) continue;
      map.computeIfAbsent(r.region(), k -> new ArrayList<>()).add(r);
    }
    var bands = new LinkedHashMap<String, Band>();
    map.forEach((k, v) -> bands.put(k, new Band(v)));
    return bands;
  }

  /** The order of the shipped commodities' price fans: the finished product first, then up the chain. */
  private static final List<String> COMMODITY_ORDER = List.of("ndfeb_magnet", "dytb_oxide", "ndpr_oxide", "reo");

  /** The commodities to draw: the shipped ones downstream first, then any others in file order. */
  private static List<String> priceCommodities(Set<String> all, SweepChartOptions o) {
    return all.stream().filter(c -> o.commodities().isEmpty() || o.commodities().contains(c))
        .sorted(Comparator.comparingInt(c -> COMMODITY_ORDER.contains(c) ? COMMODITY_ORDER.indexOf(c)
            : COMMODITY_ORDER.size()))
        .toList();
  }

  /** Regions whose shortage reached {@link #SHORT}% of a month's demand in 1 run in 20, worst first. */
  private static List<String> shortRegions(SweepData d, Set<String> all, SweepChartOptions o, LocalDate from,
                                           LocalDate to) {
    Map<String, Band> bands = series(d, SweepData.SHORTAGE_PERCENT, null, from, to);
    return all.stream().filter(r -> o.regions().isEmpty() || o.regions().contains(r))
        .filter(r -> bands.containsKey(r) && bands.get(r).maxOf(SweepData.FanRow::p95) >= SHORT)
        .sorted(Comparator.comparingDouble((String r) -> -bands.get(r).maxOf(SweepData.FanRow::p95)))
        .toList();
  }

  private static Chart price(SweepView view, String commodity) {
    SweepData d = view.data();
    HouseStyle style = view.style();
    SweepChartOptions o = view.options();
    LocalDate from = view.from();
    LocalDate to = view.to();
    Map<String, Band> bands = series(d, SweepData.PRICE, commodity, from, to);
    bands.keySet().removeIf(z -> !o.regions().isEmpty() && !o.regions().contains(z));
    if (bands.isEmpty()) return null;
    List<String> zones = new ArrayList<>(bands.keySet());
    Map<String, Color> colours = HouseStyle.zoneColours(zones);
    String unit = bands.values().iterator().next().rows().get(0).unit();
    DateAxis time = style.timeAxis("End of month", from, to);
    CombinedDomainXYPlot plot = new CombinedDomainXYPlot(time);
    plot.setGap(30);
    for (String z : zones) {
      String label = (zones.size() > 1 ? HouseStyle.zoneName(z) + ", " : "Price, ") + unit;
      Band band = bands.get(z);
      NumberAxis axis = style.valueAxis(label, false);
      // As on a run's price chart, the scale spans at least ±10% of where the price starts: a 1% wobble across
      // runs stays a wobble, while a doubling fills the panel.
      double start = band.rows().get(0).p50();
      double lo = Math.min(band.minOf(SweepData.FanRow::p5), 0.9 * start);
      double hi = Math.max(band.maxOf(SweepData.FanRow::p95), 1.1 * start);
      double pad = 0.06 * (hi - lo);
      axis.setRange(Math.max(0, lo - pad), hi + pad);
      HouseStyle.niceTicks(axis, zones.size() > 1 ? 4 : 7);
      plot.add(fanPlot(style, band, colours.get(z), axis), 1);
    }
    // The headline: the zone whose price can rise furthest above where it starts.
    String zone = zones.stream().max(Comparator.comparingDouble(z -> {
      Band b = bands.get(z);
      double start = b.rows().get(0).p50();
      return start > 0 ? b.maxOf(SweepData.FanRow::p95) / start : 0;
    })).orElseThrow();
    Band b = bands.get(zone);
    String name = HouseStyle.shortName(commodity);
    String where = zonePhrase(zone);
    String title;
    double relativeSpread = zones.stream().mapToDouble(z -> {
      Band x = bands.get(z);
      double level = Math.abs(x.maxOf(SweepData.FanRow::p50));
      return level > 0 ? x.spread() / level : 0;
    }).max().orElse(0);
    SweepData.FanRow peak = b.peakMedian();
    if (relativeSpread < 0.005) {
      title = name + ": the price path is the same in every run";
    } else {
      title = name + " " + where + ": 1 run in 20 passes " + rounded(b.maxOf(SweepData.FanRow::p95)) + " " + unit;
    }
    String caption = "End-of-month price of " + name + (zones.size() > 1 ? " in each price zone" : " " + where)
        + " (" + unit + ") across the sweep's " + d.runs() + " runs: the line is the median, the dark band holds the "
        + "middle 50% of runs (25th to 75th percentile) and the light band 90% of them (5th to 95th)"
        + (peak == null ? "." : "; " + where + " the median peaks at " + number(peak.p50()) + " " + unit + " in "
        + MONTH.format(peak.date()) + ".") + spreadNote(d);
    return view.chart("fan-price-" + commodity, title, caption, plot, fanLegend(zones.size() == 1
        ? colours.get(zones.get(0)) : HouseStyle.DARK_GREY), null);
  }

  private static Chart shortage(SweepView view, String region) {
    SweepData d = view.data();
    HouseStyle style = view.style();
    LocalDate from = view.from();
    LocalDate to = view.to();
    Band b = series(d, SweepData.SHORTAGE_PERCENT, null, from, to).get(region);
    Color colour = HouseStyle.regionColours(d.fan().stream().filter(r -> r.metric().equals(SweepData.SHORTAGE_PERCENT))
        .map(SweepData.FanRow::region).distinct().toList()).get(region);
    NumberAxis axis = style.valueAxis("Shortage, % of the month's demand", true);
    axis.setRange(0, Math.max(SHORT, b.maxOf(SweepData.FanRow::p95)) * 1.08);
    HouseStyle.niceTicks(axis, 7);
    XYPlot plot = fanPlot(style, b, colour, axis);
    plot.setDomainAxis(style.timeAxis("End of month", from, to));
    String name = regionName(region);
    SweepData.FanRow peak = b.peakMedian();
    double p95 = b.maxOf(SweepData.FanRow::p95);
    SweepData.FanRow worst = b.rows().stream().filter(r -> !Double.isNaN(r.p95()))
        .max(Comparator.comparingDouble(SweepData.FanRow::p95)).orElseThrow();
    String title;
    if (peak != null && peak.p50() >= SHORT) {
      title = name + " shortage: median peaks at " + rounded(peak.p50()) + "%, 1 run in 20 passes " + rounded(p95)
          + "%";
    } else {
      title = name + " shortage: nil at the median, 1 run in 20 passes " + rounded(p95) + "%";
    }
    String caption = "Unmet demand in " + name + " as a share of each month's demand, across the sweep's " + d.runs()
        + " runs: the line is the median, the dark band the middle 50% of runs, the light band 90% of them. "
        + (peak != null && peak.p50() >= SHORT ? "The median peaks at " + number(peak.p50()) + "% in "
            + MONTH.format(peak.date()) + "; " : "")
        + "in " + MONTH.format(worst.date()) + " 1 run in 20 loses more than " + number(p95) + "% of the month's "
        + "demand." + spreadNote(d);
    return view.chart("fan-shortage-" + region, title, caption, plot, fanLegend(colour), null);
  }

  /** For designs that are not random draws, the spread across runs is over settings, not a probability. */
  private static String spreadNote(SweepData d) {
    return switch (d.design()) {
      case "monte-carlo", "latin-hypercube" -> "";
      default -> " For " + ChartText.article(d.designName()) + " design the spread is over the design's settings"
          + " (each run counts once), not a probability.";
    };
  }

  /** A fan: 5–95 band, 25–75 band over it, the median line on top. */
  private static XYPlot fanPlot(HouseStyle style, Band b, Color colour, NumberAxis axis) {
    var outer = new YIntervalSeriesCollection();
    var inner = new YIntervalSeriesCollection();
    var median = new XYSeriesCollection();
    YIntervalSeries o = new YIntervalSeries("90% of runs (5th–95th percentile)");
    YIntervalSeries i = new YIntervalSeries("middle 50% of runs (25th–75th)");
    XYSeries m = new XYSeries("median", true, false);
    for (SweepData.FanRow r : b.rows()) {
      double x = HouseStyle.millis(r.date());
      if (Double.isNaN(r.p50())) continue;
      o.add(x, r.p50(), r.p5(), r.p95());
      i.add(x, r.p50(), r.p25(), r.p75());
      m.add(x, r.p50());
    }
    outer.addSeries(o);
    inner.addSeries(i);
    median.addSeries(m);
    XYPlot plot = new XYPlot(outer, null, axis, band(HouseStyle.tint(colour, 0.78)));
    plot.setDataset(1, inner);
    plot.setRenderer(1, band(HouseStyle.tint(colour, 0.5)));
    plot.setDataset(2, median);
    XYLineAndShapeRenderer line = HouseStyle.lines();
    line.setSeriesPaint(0, colour);
    line.setSeriesStroke(0, HouseStyle.LINE);
    plot.setRenderer(2, line);
    plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
    style.style(plot);
    return plot;
  }

  private static DeviationRenderer band(Color fill) {
    DeviationRenderer r = new DeviationRenderer(true, false);
    r.setSeriesLinesVisible(0, false);
    r.setSeriesFillPaint(0, fill);
    r.setSeriesPaint(0, fill);
    r.setAlpha(1f);
    return r;
  }

  private static LegendItemCollection fanLegend(Color colour) {
    var legend = new LegendItemCollection();
    legend.add(new LegendItem("median", null, null, null, new Line2D.Double(-22, 0, 22, 0), HouseStyle.LINE, colour));
    legend.add(HouseStyle.legendSquare("middle 50% of runs (25th–75th percentile)", HouseStyle.tint(colour, 0.5)));
    legend.add(HouseStyle.legendSquare("90% of runs (5th–95th)", HouseStyle.tint(colour, 0.78)));
    return legend;
  }

  private static String zonePhrase(String zone) {
    return switch (zone) {
      case "china" -> "in China";
      case "ex-china" -> "outside China";
      default -> "in " + zone;
    };
  }

  static String regionName(String id) {
    return REGION_NAMES.getOrDefault(id, id);
  }
}
