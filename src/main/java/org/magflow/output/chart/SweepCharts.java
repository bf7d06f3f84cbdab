package org.magflow.output.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.CategoryItemRendererState;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * Draws the charts of a sweep folder ({@link SweepData}) in the house style: fan charts of price and shortage
 * paths across runs, a heatmap of a KPI over a two-parameter grid, a tornado chart for a one-at-a-time design,
 * and first-order and total Sobol indices with their bootstrap intervals.
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

  /** A region's shortage fan is drawn when its 95th percentile reaches this share of a month's demand, in %. */
  static final double SHORT = 0.01;
  /** Heatmap cells are labelled with their value while they are at least this many pixels high. */
  private static final double MIN_LABELLED_CELL = 24;

  private static final Map<String, String> REGION_NAMES = Map.ofEntries(Map.entry("CN", "China"),
      Map.entry("US", "US"), Map.entry("JP", "Japan"), Map.entry("EU", "Europe"), Map.entry("KR", "Korea"),
      Map.entry("VN", "Vietnam"), Map.entry("MY", "Malaysia"), Map.entry("AU", "Australia"),
      Map.entry("MM", "Myanmar"), Map.entry("ROW", "Rest of world"));
  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM yyyy", Locale.ENGLISH);

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
    Set<String> priceZones = new LinkedHashSet<>();
    Set<String> commodities = new LinkedHashSet<>();
    Set<String> shortRegions = new LinkedHashSet<>();
    for (SweepData.FanRow r : d.fan()) {
      if (r.metric().equals(SweepData.PRICE)) {
        priceZones.add(r.region());
        commodities.add(r.commodity());
      } else if (r.metric().equals(SweepData.SHORTAGE_PERCENT)) {
        shortRegions.add(r.region());
      }
    }
    for (String r : o.regions()) {
      if (!priceZones.contains(r) && !shortRegions.contains(r)) {
        throw new ResultInputException("--regions", "unknown region '" + r + "'; this sweep's fan series cover "
            + "regions " + String.join(", ", shortRegions) + " and price zones " + String.join(", ", priceZones));
      }
    }
    for (String c : o.commodities()) {
      if (!commodities.contains(c)) {
        throw new ResultInputException("--commodities", "unknown commodity '" + c + "'; this sweep's price fans "
            + "cover " + String.join(", ", commodities));
      }
    }
    LocalDate first = d.fan().stream().map(SweepData.FanRow::date).min(Comparator.naturalOrder()).orElse(null);
    LocalDate last = d.fan().stream().map(SweepData.FanRow::date).max(Comparator.naturalOrder()).orElse(null);
    LocalDate from = o.from() != null ? o.from() : first == null ? null : first.withDayOfMonth(1);
    LocalDate to = o.to() != null ? o.to() : last;
    if (first != null) {
      String span = first.withDayOfMonth(1) + " to " + last;
      if (from.isBefore(first.withDayOfMonth(1)) || from.isAfter(last)) {
        throw new ResultInputException("--from", from + " is outside the sweep's months, " + span);
      }
      if (to.isBefore(first.withDayOfMonth(1)) || to.isAfter(last)) {
        throw new ResultInputException("--to", to + " is outside the sweep's months, " + span);
      }
      if (!from.isBefore(to)) throw new ResultInputException("--from", "--from " + from + " must be before --to " + to);
    }

    var charts = new ArrayList<Chart>();
    if (only == null || only == Kind.FAN_PRICE) {
      for (String c : priceCommodities(commodities, o)) {
        add(charts, fanPrice(d, c, o, from, to));
      }
    }
    if (only == null || only == Kind.FAN_SHORTAGE) {
      for (String r : shortRegions(d, shortRegions, o, from, to)) add(charts, fanShortage(d, r, from, to));
    }
    if (only == null || only == Kind.HEATMAP) {
      if (heatmapApplies(d)) {
        for (SweepData.Kpi k : kpis) add(charts, heatmap(d, k));
      } else if (only != null) {
        throw new ResultInputException("--metric", "a heatmap needs a grid over exactly two parameters; this sweep "
            + "is " + article(d.designName()) + " design over " + d.parameters().size() + " parameter"
            + (d.parameters().size() == 1 ? "" : "s"));
      }
    }
    if (only == null || only == Kind.TORNADO) {
      if (!d.tornado().isEmpty()) {
        for (SweepData.Kpi k : kpis) add(charts, tornado(d, k));
      } else if (only != null) {
        throw new ResultInputException("--metric", "a tornado chart needs a one-at-a-time design (tornado.csv); "
            + "this sweep is " + article(d.designName()) + " design");
      }
    }
    if (only == null || only == Kind.SOBOL) {
      if (!d.sobol().isEmpty()) {
        for (SweepData.Kpi k : kpis) add(charts, sobol(d, k));
      } else if (only != null) {
        throw new ResultInputException("--metric", "Sobol indices need a sobol design (sobol.csv); this sweep is "
            + article(d.designName()) + " design");
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

  private static String article(String design) {
    return (design.matches("^[aeiouAEIOU].*") ? "an " : "a ") + design;
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

  // ---------------------------------------------------------------------------------------------- fan charts

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

  private Chart fanPrice(SweepData d, String commodity, SweepChartOptions o, LocalDate from, LocalDate to) {
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
      niceTicks(axis, zones.size() > 1 ? 4 : 7);
      plot.add(fanPlot(band, colours.get(z), axis), 1);
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
    return chart(d, "fan-price-" + commodity, title, caption, plot, fanLegend(zones.size() == 1
        ? colours.get(zones.get(0)) : HouseStyle.DARK_GREY), null);
  }

  private Chart fanShortage(SweepData d, String region, LocalDate from, LocalDate to) {
    Band b = series(d, SweepData.SHORTAGE_PERCENT, null, from, to).get(region);
    Color colour = HouseStyle.regionColours(d.fan().stream().filter(r -> r.metric().equals(SweepData.SHORTAGE_PERCENT))
        .map(SweepData.FanRow::region).distinct().toList()).get(region);
    NumberAxis axis = style.valueAxis("Shortage, % of the month's demand", true);
    axis.setRange(0, Math.max(SHORT, b.maxOf(SweepData.FanRow::p95)) * 1.08);
    niceTicks(axis, 7);
    XYPlot plot = fanPlot(b, colour, axis);
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
    return chart(d, "fan-shortage-" + region, title, caption, plot, fanLegend(colour), null);
  }

  /** For designs that are not random draws, the spread across runs is over settings, not a probability. */
  private static String spreadNote(SweepData d) {
    return switch (d.design()) {
      case "monte-carlo", "latin-hypercube" -> "";
      default -> " For " + article(d.designName()) + " design the spread is over the design's settings (each run "
          + "counts once), not a probability.";
    };
  }

  /** A fan: 5–95 band, 25–75 band over it, the median line on top. */
  private XYPlot fanPlot(Band b, Color colour, NumberAxis axis) {
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
    legend.add(square("middle 50% of runs (25th–75th percentile)", HouseStyle.tint(colour, 0.5)));
    legend.add(square("90% of runs (5th–95th)", HouseStyle.tint(colour, 0.78)));
    return legend;
  }

  private static LegendItem square(String label, Paint paint) {
    LegendItem item = new LegendItem(label, paint);
    item.setShape(new Rectangle2D.Double(-11, -11, 22, 22));
    return item;
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

  // ---------------------------------------------------------------------------------------------- heatmap

  private Chart heatmap(SweepData d, SweepData.Kpi kpi) {
    SweepData.Parameter py = d.parameters().get(0);
    SweepData.Parameter px = d.parameters().get(1);
    List<SweepData.SummaryRow> rows = d.summary().stream()
        .filter(r -> r.kpi().equals(kpi.name()) && !r.point().equals("all")).toList();
    if (rows.isEmpty()) return null;
    List<String> ys = rows.stream().map(r -> r.values().get(0)).distinct().toList();
    List<String> xs = rows.stream().map(r -> r.values().get(1)).distinct().toList();
    double[][] z = new double[ys.size()][xs.size()];
    for (double[] row : z) Arrays.fill(row, Double.NaN);
    for (SweepData.SummaryRow r : rows) z[ys.indexOf(r.values().get(0))][xs.indexOf(r.values().get(1))] = r.mean();
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    int cells = 0;
    int zeros = 0;
    int worstY = -1;
    int worstX = -1;
    for (int y = 0; y < ys.size(); y++) {
      for (int x = 0; x < xs.size(); x++) {
        double v = z[y][x];
        if (Double.isNaN(v)) continue;
        cells++;
        if (v == 0) zeros++;
        lo = Math.min(lo, v);
        if (v > hi) {
          hi = v;
          worstY = y;
          worstX = x;
        }
      }
    }
    boolean empty = cells == 0;
    double scaleLo = empty ? 0 : Math.min(0, lo) == 0 && lo >= 0 ? 0 : lo;
    double scaleHi = empty || hi <= scaleLo ? scaleLo + 1 : hi;

    var dataset = new DefaultXYZDataset();
    int n = ys.size() * xs.size();
    double[][] series = new double[3][n];
    for (int y = 0, k = 0; y < ys.size(); y++) {
      for (int x = 0; x < xs.size(); x++, k++) {
        series[0][k] = x;
        series[1][k] = y;
        series[2][k] = z[y][x];
      }
    }
    dataset.addSeries(kpi.name(), series);
    Scale scale = new Scale(scaleLo, scaleHi);
    XYBlockRenderer r = new XYBlockRenderer();
    r.setBlockWidth(0.965);
    r.setBlockHeight(0.93);
    r.setPaintScale(scale);
    SymbolAxis xAxis = symbolAxis(axisName(px), xs.stream().map(SweepCharts::value).toList());
    SymbolAxis yAxis = symbolAxis(axisName(py), ys.stream().map(SweepCharts::value).toList());
    XYPlot plot = new XYPlot(dataset, xAxis, yAxis, r);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setOutlineVisible(false);
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinesVisible(false);
    plot.setAxisOffset(new RectangleInsets(4, 4, 4, 4));
    plot.setInsets(new RectangleInsets(6, 4, 4, 12));

    // Cell values, in a size the cells allow (an estimate of the plot area at 1600 × 900).
    double cellHeight = 560.0 / ys.size();
    double cellWidth = 1180.0 / xs.size();
    int decimals = decimals(Math.max(Math.abs(lo), Math.abs(hi)));
    float size = (float) Math.min(22, Math.min(cellHeight * 0.45, cellWidth / (decimals + 4) * 1.5));
    if (!empty && cellHeight >= MIN_LABELLED_CELL && size >= 12) {
      Font font = new Font(style.family, Font.PLAIN, Math.round(size));
      for (int y = 0; y < ys.size(); y++) {
        for (int x = 0; x < xs.size(); x++) {
          double v = z[y][x];
          XYTextAnnotation a = new XYTextAnnotation(Double.isNaN(v) ? "\u2013" : fixed(v, decimals), x, y);
          a.setFont(font);
          // Zeros in grey, so the cells where something happens stand out.
          a.setPaint(Double.isNaN(v) || v == 0 ? HouseStyle.MUTED : HouseStyle.textOn(scale.colour(v)));
          a.setTextAnchor(TextAnchor.CENTER);
          plot.addAnnotation(a);
        }
      }
    }
    if (empty) plot.addAnnotation(style.note("No run reported this KPI"));

    String what = kpi.what();
    String u = shortUnit(kpi);
    // Which parameter moves the KPI: the spread of the row means against that of the column means.
    double[] rowMeans = new double[ys.size()];
    double[] colMeans = new double[xs.size()];
    for (int y = 0; y < ys.size(); y++) rowMeans[y] = mean(z[y]);
    for (int x = 0; x < xs.size(); x++) {
      double[] col = new double[ys.size()];
      for (int y = 0; y < ys.size(); y++) col[y] = z[y][x];
      colMeans[x] = mean(col);
    }
    double rowSpread = spread(rowMeans);
    double colSpread = spread(colMeans);
    String title;
    String effect = "";
    if (empty) {
      title = what + ": no value at any setting";
    } else if (hi == lo) {
      title = what + " is " + rounded(hi) + u + " at every setting";
    } else if (rowSpread >= 3 * colSpread && ys.size() > 1) {
      title = what + ": " + rounded(rowMeans[0]) + u + " at " + py.name() + " " + value(ys.get(0)) + ", "
          + rounded(rowMeans[ys.size() - 1]) + u + " at " + value(ys.get(ys.size() - 1));
      effect = " Across " + px.name() + " the mean moves by " + number(colSpread) + " at most; across " + py.name()
          + " by " + number(rowSpread) + ".";
    } else if (colSpread >= 3 * rowSpread && xs.size() > 1) {
      title = what + ": " + rounded(colMeans[0]) + u + " at " + px.name() + " " + value(xs.get(0)) + ", "
          + rounded(colMeans[xs.size() - 1]) + u + " at " + value(xs.get(xs.size() - 1));
      effect = " Across " + py.name() + " the mean moves by " + number(rowSpread) + " at most; across " + px.name()
          + " by " + number(colSpread) + ".";
    } else if (atMax(z, hi) > 1) {
      title = what + " reaches " + rounded(hi) + u + " in " + atMax(z, hi) + " of " + cells + " settings";
    } else {
      title = what + " is highest at " + py.name() + " " + value(ys.get(worstY)) + ", " + px.name() + " "
          + value(xs.get(worstX)) + ": " + rounded(hi) + u;
    }
    String caption = "Mean of " + kpi.name() + " (" + kpi.axisLabel() + (d.replications() > 1
        ? ", over " + d.replications() + " replications" : "") + ") for each combination of " + py.name() + " (rows: "
        + py.path() + (py.anchor().isEmpty() ? "" : ", " + py.anchor()) + ") and " + px.name() + " (columns: "
        + px.path() + (px.anchor().isEmpty() ? "" : ", " + px.anchor()) + "). Darker is higher"
        + (empty ? "." : "; " + (zeros > 0 ? "zero in " + zeros + " of " + cells + " settings; " : "") + "lowest "
        + number(lo) + ", highest " + number(hi) + "." + effect);
    JFreeChart chart = style.frame(plot, title, d.subtitle(), d.source(), false, null, "");
    fitTitle(chart);
    chart.addSubtitle(colourScale(scale, kpi, scaleLo, scaleHi));
    return new Chart(safe("heatmap-" + kpi.name()), title, caption, chart);
  }

  /** The heatmap's colour scale: the sequential palette between {@code lo} and {@code hi}; NaN is light grey. */
  private static final class Scale implements PaintScale {
    static final Color MISSING = new Color(0xEEEEEE);
    private final double lo;
    private final double hi;

    Scale(double lo, double hi) {
      this.lo = lo;
      this.hi = hi;
    }

    @Override
    public double getLowerBound() {
      return lo;
    }

    @Override
    public double getUpperBound() {
      return hi;
    }

    @Override
    public Paint getPaint(double value) {
      return colour(value);
    }

    Color colour(double value) {
      if (Double.isNaN(value)) return MISSING;
      return HouseStyle.sequential((value - lo) / (hi - lo));
    }
  }

  private PaintScaleLegend colourScale(Scale scale, SweepData.Kpi kpi, double lo, double hi) {
    NumberAxis axis = new NumberAxis(kpi.axisLabel());
    axis.setRange(lo, hi);
    niceTicks(axis, 6);
    axis.setLabelFont(style.axisLabel);
    axis.setLabelPaint(HouseStyle.MUTED);
    axis.setTickLabelFont(style.tick);
    axis.setTickLabelPaint(HouseStyle.INK);
    axis.setAxisLineVisible(false);
    axis.setTickMarkPaint(HouseStyle.DARK_GREY);
    PaintScaleLegend legend = new PaintScaleLegend(scale, axis);
    legend.setPosition(RectangleEdge.RIGHT);
    legend.setStripWidth(28);
    legend.setSubdivisionCount(180);
    legend.setAxisOffset(6);
    legend.setStripOutlineVisible(false);
    legend.setBackgroundPaint(Color.WHITE);
    legend.setMargin(new RectangleInsets(6, 28, 6, 0));
    legend.setAxisLocation(AxisLocation.BOTTOM_OR_RIGHT);
    return legend;
  }

  private SymbolAxis symbolAxis(String label, List<String> values) {
    SymbolAxis axis = new SymbolAxis(label, values.toArray(String[]::new));
    axis.setGridBandsVisible(false);
    axis.setLabelFont(style.axisLabel);
    axis.setLabelPaint(HouseStyle.MUTED);
    axis.setTickLabelFont(style.tick);
    axis.setTickLabelPaint(HouseStyle.INK);
    axis.setAxisLineVisible(false);
    axis.setTickMarksVisible(false);
    axis.setLowerMargin(0);
    axis.setUpperMargin(0);
    axis.setRange(-0.5, values.size() - 0.5);
    return axis;
  }

  /** A parameter's axis label: its name, and what a date offset counts ("months after the start"). */
  private static String axisName(SweepData.Parameter p) {
    String name = p.name().toLowerCase(Locale.ROOT);
    if (p.anchor().startsWith("months after")) return name.contains("month") ? p.name() : p.name() + " (months)";
    if (p.anchor().startsWith("days after")) return name.contains("day") ? p.name() : p.name() + " (days)";
    return p.name() + (p.multiply() ? " (× base value)" : "");
  }

  // ---------------------------------------------------------------------------------------------- tornado

  private Chart tornado(SweepData d, SweepData.Kpi kpi) {
    List<SweepData.TornadoRow> rows = d.tornado().stream().filter(r -> r.kpi().equals(kpi.name())).toList();
    if (rows.isEmpty()) return null;
    double base = rows.get(0).atBase();
    var low = new XYIntervalSeries("low");
    var high = new XYIntervalSeries("high");
    double lo = base;
    double hi = base;
    for (int i = 0; i < rows.size(); i++) {
      SweepData.TornadoRow r = rows.get(i);
      if (!Double.isNaN(r.atLow())) {
        low.add(i, i - 0.38, i - 0.02, r.atLow(), Math.min(base, r.atLow()), Math.max(base, r.atLow()));
        lo = Math.min(lo, r.atLow());
        hi = Math.max(hi, r.atLow());
      }
      if (!Double.isNaN(r.atHigh())) {
        high.add(i, i + 0.02, i + 0.38, r.atHigh(), Math.min(base, r.atHigh()), Math.max(base, r.atHigh()));
        lo = Math.min(lo, r.atHigh());
        hi = Math.max(hi, r.atHigh());
      }
    }
    var dataset = new XYIntervalSeriesCollection();
    dataset.addSeries(low);
    dataset.addSeries(high);
    XYBarRenderer renderer = new XYBarRenderer();
    renderer.setUseYInterval(true);
    renderer.setShadowVisible(false);
    renderer.setBarPainter(new StandardXYBarPainter());
    renderer.setDrawBarOutline(false);
    renderer.setSeriesPaint(0, HouseStyle.BLUE);
    renderer.setSeriesPaint(1, HouseStyle.VERMILLION);
    SymbolAxis params = symbolAxis("", rows.stream().map(SweepData.TornadoRow::parameter).toList());
    params.setInverted(true); // the largest swing on top
    params.setTickLabelFont(style.axisLabel);
    NumberAxis value = style.valueAxis(kpi.axisLabel(), false);
    double span = hi - lo;
    if (span <= 0) span = Math.max(1, Math.abs(base));
    // Room for the labels at the bars' ends; a KPI that cannot go below zero shows no negative ticks there.
    value.setRange(lo - (lo < base ? 0.24 : 0.1) * span, hi + (hi > base ? 0.24 : 0.1) * span);
    niceTicks(value, 8);
    if (lo >= 0) value.setNumberFormatOverride(nonNegative(value.getNumberFormatOverride()));
    XYPlot plot = new XYPlot(dataset, params, value, renderer);
    plot.setOrientation(PlotOrientation.HORIZONTAL);
    style.style(plot);
    plot.setRangeZeroBaselineVisible(false);
    plot.setRangeGridlinesVisible(true);

    plot.addRangeMarker(new ValueMarker(base, HouseStyle.INK, new BasicStroke(2.5f)), Layer.FOREGROUND);
    Font labelFont = new Font(style.family, Font.PLAIN, rows.size() > 8 ? 16 : 20);
    for (int i = 0; i < rows.size(); i++) {
      SweepData.TornadoRow r = rows.get(i);
      annotateEnd(plot, i - 0.2, r.atLow(), base, value(r.low()), labelFont);
      annotateEnd(plot, i + 0.2, r.atHigh(), base, value(r.high()), labelFont);
    }

    SweepData.TornadoRow top = rows.get(0);
    String title;
    if (rows.stream().allMatch(r -> Double.isNaN(r.swing()) || r.swing() == 0)) {
      title = "No parameter moves " + Charts.lower(kpi.what()) + " across its range";
    } else {
      title = top.parameter() + " moves " + Charts.lower(kpi.what()) + " most: " + rounded(top.atLow()) + " to "
          + rounded(top.atHigh()) + unitSuffix(kpi);
    }
    var legend = new LegendItemCollection();
    legend.add(square("parameter at its low end", HouseStyle.BLUE));
    legend.add(square("at its high end", HouseStyle.VERMILLION));
    legend.add(new LegendItem("base scenario: " + number(base), null, null, null, new Line2D.Double(0, -11, 0, 11),
        new BasicStroke(2.5f), HouseStyle.INK));
    String caption = kpi.name() + " (" + kpi.axisLabel() + ") when each parameter alone is set to its low end (blue) "
        + "and its high end (vermillion), the others at the base scenario's values (black line: "
        + number(base) + "); labels give the parameter's value and the KPI there. Largest swing on top"
        + (d.replications() > 1 ? "; each bar is the mean over " + d.replications() + " replications." : ".")
        + " Low and high ends are a list's first and last value, a range's ends, or a distribution's 5th and 95th "
        + "percentile.";
    return chart(d, "tornado-" + kpi.name(), title, caption, plot, legend, null);
  }

  private void annotateEnd(XYPlot plot, double x, double v, double base, String parameterValue, Font font) {
    if (Double.isNaN(v)) return;
    boolean right = v >= base;
    String text = parameterValue + " \u2192 " + number(v);
    XYTextAnnotation a = new XYTextAnnotation(right ? "  " + text : text + "  ", x, v);
    a.setFont(font);
    a.setPaint(HouseStyle.INK);
    a.setTextAnchor(right ? TextAnchor.CENTER_LEFT : TextAnchor.CENTER_RIGHT);
    plot.addAnnotation(a);
  }

  // ---------------------------------------------------------------------------------------------- Sobol

  private Chart sobol(SweepData d, SweepData.Kpi kpi) {
    List<SweepData.SobolRow> rows = d.sobol().stream().filter(r -> r.kpi().equals(kpi.name()))
        .sorted(Comparator.comparingDouble((SweepData.SobolRow r) -> Double.isNaN(r.st()) ? 1 : -r.st())).toList();
    if (rows.isEmpty()) return null;
    boolean any = rows.stream().anyMatch(r -> !Double.isNaN(r.st()) || !Double.isNaN(r.s1()));
    var dataset = new DefaultCategoryDataset();
    double[][] low = new double[2][rows.size()];
    double[][] high = new double[2][rows.size()];
    double min = 0;
    double max = 1;
    for (int i = 0; i < rows.size(); i++) {
      SweepData.SobolRow r = rows.get(i);
      dataset.addValue(Double.isNaN(r.s1()) ? null : r.s1(), "first-order index (S1): the parameter alone",
          r.parameter());
      dataset.addValue(Double.isNaN(r.st()) ? null : r.st(), "total index (ST): with its interactions",
          r.parameter());
      low[0][i] = r.s1Low();
      high[0][i] = r.s1High();
      low[1][i] = r.stLow();
      high[1][i] = r.stHigh();
      for (double v : new double[] {r.s1(), r.s1Low(), r.st(), r.stLow()}) if (!Double.isNaN(v)) min = Math.min(min, v);
      for (double v : new double[] {r.s1High(), r.stHigh()}) if (!Double.isNaN(v)) max = Math.max(max, v);
    }
    ErrorBars renderer = new ErrorBars(low, high);
    renderer.setSeriesPaint(0, HouseStyle.BLUE);
    renderer.setSeriesPaint(1, HouseStyle.ORANGE);
    renderer.setBarPainter(new StandardBarPainter());
    renderer.setShadowVisible(false);
    renderer.setDrawBarOutline(false);
    renderer.setItemMargin(0.06);
    renderer.setMaximumBarWidth(0.12);
    renderer.setDefaultSeriesVisibleInLegend(true);
    CategoryAxis params = new CategoryAxis(rows.size() > 6 ? "" : "Parameter");
    params.setLabelFont(style.axisLabel);
    params.setLabelPaint(HouseStyle.MUTED);
    params.setTickLabelFont(style.axisLabel);
    params.setTickLabelPaint(HouseStyle.INK);
    params.setAxisLineVisible(false);
    params.setTickMarksVisible(false);
    params.setCategoryMargin(0.3);
    params.setLowerMargin(0.04);
    params.setUpperMargin(0.04);
    params.setMaximumCategoryLabelLines(2);
    params.setMaximumCategoryLabelWidthRatio(1.4f);
    NumberAxis value = style.valueAxis("Sobol index: share of the KPI's variance", true);
    // Indices lie in [0, 1]; estimates far outside (a KPI that barely varies, too few samples) would squash the
    // chart, so the scale stops at -0.5 and 1.5 and whiskers beyond are cut at its edge, without their caps.
    boolean clipped = min < -0.5 || max > 1.5;
    value.setRange(Math.max(-0.5, min - 0.02), Math.min(1.5, max + 0.05));
    niceTicks(value, 7);
    value.setNumberFormatOverride(new DecimalFormat("0.0#", DecimalFormatSymbols.getInstance(HouseStyle.LOCALE)));
    CategoryPlot plot = new CategoryPlot(dataset, params, value, renderer);
    plot.setOrientation(rows.size() > 6 ? PlotOrientation.HORIZONTAL : PlotOrientation.VERTICAL);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setOutlineVisible(false);
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinePaint(HouseStyle.GRID);
    plot.setRangeGridlineStroke(new BasicStroke(1.2f));
    plot.setRangeZeroBaselineVisible(true);
    plot.setRangeZeroBaselinePaint(HouseStyle.DARK_GREY);
    plot.setRangeZeroBaselineStroke(new BasicStroke(1.5f));
    plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
    plot.setInsets(new RectangleInsets(6, 4, 4, 12));

    String what = Charts.lower(kpi.what());
    String title;
    List<SweepData.SobolRow> ranked = rows.stream().filter(r -> !Double.isNaN(r.st())).toList();
    boolean wild = ranked.stream().anyMatch(r -> r.st() > 1.5 || r.st() < -0.5 || r.s1() > 1.5 || r.s1() < -0.5);
    if (!any || ranked.isEmpty()) {
      title = kpi.what() + " does not vary across the runs";
      plot.addAnnotation(new org.jfree.chart.annotations.CategoryTextAnnotation("no variance to apportion",
          rows.get(0).parameter(), 0.5));
    } else if (wild) {
      title = "Too few samples to say what drives " + what;
    } else if (ranked.get(0).st() >= 0.5 && (ranked.get(0).stLow() >= 0.5 || ranked.get(0).s1Low() >= 0.5
        || Double.isNaN(ranked.get(0).stLow()))) {
      title = ranked.get(0).parameter() + " drives most of the spread in " + what;
    } else if (ranked.get(0).st() >= 0.5) {
      title = ranked.get(0).parameter() + " appears to drive " + what + "; the intervals are wide";
    } else if (ranked.size() > 1 && ranked.get(0).st() + ranked.get(1).st() >= 0.5) {
      title = ranked.get(0).parameter() + " and " + ranked.get(1).parameter() + " drive the spread in " + what;
    } else {
      title = "No single parameter drives the spread in " + what;
    }
    int samples = rows.get(0).samples();
    var legend = new LegendItemCollection();
    legend.add(square("first-order index (S1): the parameter alone", HouseStyle.BLUE));
    legend.add(square("total index (ST): with its interactions", HouseStyle.ORANGE));
    legend.add(new LegendItem("95% bootstrap interval", null, null, null, new Line2D.Double(0, -11, 0, 11),
        new BasicStroke(2.5f), HouseStyle.INK));
    String caption = "Share of the variance of " + kpi.name() + " (" + kpi.axisLabel() + ") due to each parameter: "
        + "first-order (S1, the parameter alone) and total (ST, including its interactions with the others), by "
        + "Jansen's estimators on Saltelli's design (" + samples + " base samples, " + d.runs() + " runs), with 95% "
        + "bootstrap intervals (whiskers). ST well above S1 means the parameter matters through interactions; an "
        + "interval that reaches 0 means the effect is not distinguishable from none at this sample size."
        + (clipped ? " Some estimates or intervals fall far outside 0 to 1, a sign of too few samples for this KPI "
            + "(or of a KPI that barely varies); the scale is cut at −0.5 and 1.5." : "");
    return chart(d, "sobol-" + kpi.name(), title, caption, plot, legend, null);
  }

  /** Bars with a whisker from each item's low to high value: grouped bars with error bars. */
  private static final class ErrorBars extends BarRenderer {
    private static final long serialVersionUID = 1L;
    private final double[][] low;
    private final double[][] high;

    ErrorBars(double[][] low, double[][] high) {
      this.low = low;
      this.high = high;
    }

    @Override
    public void drawItem(Graphics2D g2, CategoryItemRendererState state, Rectangle2D dataArea, CategoryPlot plot,
                         CategoryAxis domainAxis, ValueAxis rangeAxis, CategoryDataset dataset, int row, int column,
                         int pass) {
      super.drawItem(g2, state, dataArea, plot, domainAxis, rangeAxis, dataset, row, column, pass);
      int visibleRow = state.getVisibleSeriesIndex(row);
      if (visibleRow < 0 || row >= low.length || column >= low[row].length) return;
      double lo = low[row][column];
      double hi = high[row][column];
      if (Double.isNaN(lo) || Double.isNaN(hi)) return;
      PlotOrientation orientation = plot.getOrientation();
      double w0 = calculateBarW0(plot, orientation, dataArea, domainAxis, state, visibleRow, column);
      double centre = w0 + state.getBarWidth() / 2;
      double cap = Math.min(14, state.getBarWidth() * 0.5) / 2;
      RectangleEdge edge = plot.getRangeAxisEdge();
      double a = rangeAxis.valueToJava2D(lo, dataArea, edge);
      double b = rangeAxis.valueToJava2D(hi, dataArea, edge);
      g2.setPaint(HouseStyle.INK);
      g2.setStroke(new BasicStroke(2.5f));
      if (orientation == PlotOrientation.VERTICAL) {
        g2.draw(new Line2D.Double(centre, a, centre, b));
        g2.draw(new Line2D.Double(centre - cap, a, centre + cap, a));
        g2.draw(new Line2D.Double(centre - cap, b, centre + cap, b));
      } else {
        g2.draw(new Line2D.Double(a, centre, b, centre));
        g2.draw(new Line2D.Double(a, centre - cap, a, centre + cap));
        g2.draw(new Line2D.Double(b, centre - cap, b, centre + cap));
      }
    }

    @Override
    public boolean equals(Object o) {
      return super.equals(o) && o instanceof ErrorBars e && Arrays.deepEquals(low, e.low)
          && Arrays.deepEquals(high, e.high);
    }

    @Override
    public int hashCode() {
      return super.hashCode();
    }
  }

  // ---------------------------------------------------------------------------------------------- helpers

  private Chart chart(SweepData d, String stem, String title, String caption, org.jfree.chart.plot.Plot plot,
                      LegendItemCollection legend, String key) {
    JFreeChart chart = style.frame(plot, title, d.subtitle(), d.source(), legend != null, legend, key);
    fitTitle(chart);
    return new Chart(safe(stem), title, caption, chart);
  }

  /**
   * A title that would wrap at the house size (a long KPI or parameter name) is set a little smaller, down to
   * 30 px, so it stays on one line.
   */
  private void fitTitle(JFreeChart chart) {
    org.jfree.chart.title.TextTitle t = chart.getTitle();
    Font font = t.getFont();
    java.awt.font.FontRenderContext frc = new java.awt.font.FontRenderContext(null, true, true);
    double width = font.getStringBounds(t.getText(), frc).getWidth();
    double room = HouseStyle.WIDTH - 36 - 44 - 8; // the frame's padding, and a little air
    if (width > room) t.setFont(font.deriveFont((float) Math.max(30, Math.floor(font.getSize2D() * room / width))));
  }

  /** How many cells hold the largest value (a cap or plateau that many settings reach). */
  private static int atMax(double[][] z, double hi) {
    int n = 0;
    for (double[] row : z) for (double v : row) if (!Double.isNaN(v) && v >= hi - 1e-9 * Math.abs(hi)) n++;
    return n;
  }

  /** The mean of the numbers that are not NaN; NaN if none. */
  private static double mean(double[] values) {
    double sum = 0;
    int n = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        sum += v;
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  private static double spread(double[] values) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    return hi >= lo ? hi - lo : 0;
  }

  /** A unit short enough for a title: "%" for any percentage, "×" for multiples, else " unit". */
  private static String shortUnit(SweepData.Kpi kpi) {
    String unit = kpi.unit();
    if (unit.isEmpty()) return "";
    if (unit.startsWith("%")) return "%";
    if (unit.startsWith("×")) return "×";
    return " " + unit;
  }

  private static String unitSuffix(SweepData.Kpi kpi) {
    String unit = kpi.unit();
    if (unit.isEmpty()) return "";
    if (unit.startsWith("%")) return unit.equals("%") ? "%" : "% " + unit.substring(1).strip();
    if (unit.startsWith("×")) return "×";
    return " " + unit;
  }

  private static String safe(String stem) {
    return stem.replaceAll("[^A-Za-z0-9_.-]", "_");
  }

  /**
   * Ticks at a round step (1, 2, 2.5 or 5 × a power of ten) giving about {@code target} intervals over the axis's
   * range: fewer, more readable ticks than the finest step that fits.
   */
  static void niceTicks(NumberAxis axis, int target) {
    double span = axis.getUpperBound() - axis.getLowerBound();
    if (!(span > 0) || Double.isInfinite(span)) return;
    double raw = span / target;
    double power = Math.pow(10, Math.floor(Math.log10(raw)));
    double step = power;
    for (double m : new double[] {1, 2, 2.5, 5, 10}) {
      step = m * power;
      if (step >= 0.7 * raw) break;
    }
    int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) + 1e-9) + (step / power == 2.5 ? 1 : 0));
    DecimalFormat format = new DecimalFormat(decimals == 0 ? "#,##0" : "#,##0." + "#".repeat(decimals),
        DecimalFormatSymbols.getInstance(HouseStyle.LOCALE));
    axis.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(step, format));
    axis.setNumberFormatOverride(format);
  }

  /** A format that leaves negative ticks blank, for a KPI that cannot be negative on an axis padded below 0. */
  private static java.text.NumberFormat nonNegative(java.text.NumberFormat inner) {
    java.text.NumberFormat base = inner != null ? inner : HouseStyle.numberFormat();
    return new java.text.NumberFormat() {
      private static final long serialVersionUID = 1L;

      @Override
      public StringBuffer format(double number, StringBuffer to, java.text.FieldPosition pos) {
        return number < -1e-12 ? to : to.append(base.format(number));
      }

      @Override
      public StringBuffer format(long number, StringBuffer to, java.text.FieldPosition pos) {
        return number < 0 ? to : to.append(base.format(number));
      }

      @Override
      public Number parse(String source, java.text.ParsePosition pos) {
        return base.parse(source, pos);
      }
    };
  }

  /** A parameter value as a label: a number to about three figures ("0.599"), anything else as written. */
  static String value(String text) {
    try {
      double v = Double.parseDouble(text);
      return Double.isFinite(v) ? number(v) : text;
    } catch (NumberFormatException e) {
      return text;
    }
  }

  /** A number for titles: two significant figures or whole numbers ("4.6", "34", "148", "0.30"). */
  static String rounded(double v) {
    if (Double.isNaN(v)) return "\u2014";
    double a = Math.abs(v);
    String pattern = a >= 10 ? "#,##0" : a >= 1 ? "0.0" : a >= 0.1 ? "0.00" : a == 0 ? "0" : "0.0##";
    return new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(HouseStyle.LOCALE)).format(v)
        .replace("-", "\u2212");
  }

  /** A number for titles and labels: about three significant figures, thousands grouped, a true minus. */
  static String number(double v) {
    if (Double.isNaN(v)) return "\u2014";
    double a = Math.abs(v);
    String pattern = a >= 100 ? "#,##0" : a >= 10 ? "0.#" : a >= 1 ? "0.##" : a >= 0.01 ? "0.###" : a == 0 ? "0"
        : "0.0##E0";
    String s = new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(HouseStyle.LOCALE)).format(v);
    return s.replace("-", "\u2212");
  }

  /** Decimals that show every cell of a heatmap whose largest magnitude is {@code max} to about 3 figures. */
  private static int decimals(double max) {
    return max >= 100 ? 0 : max >= 10 ? 1 : max >= 0.1 ? 2 : 3;
  }

  private static String fixed(double v, int decimals) {
    if (v == 0) return "0";
    DecimalFormat f = new DecimalFormat(decimals == 0 ? "#,##0" : "#,##0." + "0".repeat(decimals),
        DecimalFormatSymbols.getInstance(HouseStyle.LOCALE));
    return f.format(v).replace("-", "\u2212");
  }
}
