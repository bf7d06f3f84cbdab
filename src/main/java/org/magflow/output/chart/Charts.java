package org.magflow.output.chart;

import java.awt.Color;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYAreaRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.magflow.event.Metrics;
import org.magflow.event.Observation;

/**
 * Draws the briefing charts of a result folder: price paths, shortages, China's exports, inventory cover and
 * production shares, each with the policy windows marked; or a chart of any time-series metric.
 *
 * <p>Every figure comes from the folder's files ({@link ResultData}); nothing here sees a model.
 */
public final class Charts {
  /** The exporter whose exports by destination are charted: China, the subject of the questions. */
  static final String EXPORTER = "CN";
  /** Counterfactual export lines are drawn only where the policies moved a destination's total by this share. */
  static final double VISIBLE_CHANGE = 0.05;

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

  private final HouseStyle style = new HouseStyle();

  /** What to draw, checked against the run. */
  private record Selection(ResultData data, Set<String> agents, Set<String> regions, Set<String> zones,
                           List<String> commodities, LocalDate from, LocalDate to) {
    boolean inRange(Observation o) {
      return !o.date().isBefore(from) && !o.date().isAfter(to);
    }

    boolean agentShown(Observation o) {
      return agents.isEmpty() || agents.contains(o.agent());
    }

    boolean regionShown(String region) {
      return regions.isEmpty() || regions.contains(region);
    }

    boolean zoneShown(String zone) {
      return zones.isEmpty() || zones.contains(zone);
    }

    List<LocalDate> dates() {
      return data.dates().stream().filter(d -> !d.isBefore(from) && !d.isAfter(to)).toList();
    }
  }

  /**
   * The charts {@code options} ask for, in a fixed order.
   *
   * @throws ResultInputException if an option names something the run does not have (a metric, agent, region
   *     or commodity), or dates outside the run; the message lists what would be accepted
   */
  public List<Chart> build(ResultData data, ChartOptions options) throws ResultInputException {
    Selection s = select(data, options);
    var charts = new ArrayList<Chart>();
    List<ChartKind> kinds;
    String metric = options.metric();
    if (metric == null) {
      kinds = List.of(ChartKind.values());
    } else if (ChartKind.byId(metric).isPresent()) {
      kinds = List.of(ChartKind.byId(metric).get());
    } else {
      for (Chart c : generic(s, metric)) charts.add(c);
      return charts;
    }
    for (ChartKind kind : kinds) {
      switch (kind) {
        case PRICE -> {
          for (String c : commodities(s, data.rows(Metrics.PRICE))) add(charts, price(s, c));
        }
        case SHORTAGE_BY_REGION -> {
          for (String c : commodities(s, data.rows(Metrics.DEMAND))) add(charts, shortage(s, c, true));
        }
        case SHORTAGE_BY_SECTOR -> {
          for (String c : commodities(s, data.rows(Metrics.DEMAND))) add(charts, shortage(s, c, false));
        }
        case EXPORTS -> {
          for (String c : commodities(s, exportRows(data))) add(charts, exports(s, c));
        }
        case COVER -> {
          // By default the end users' stocks (the commodities with demand, magnets in the shipped scenarios).
          List<String> cs = s.commodities().isEmpty()
              ? commodities(s, data.rows(Metrics.DEMAND))
              : commodities(s, data.rows(Metrics.COVER_DAYS));
          for (String c : cs) add(charts, cover(s, c));
        }
        case PRODUCTION_SHARES -> add(charts, productionShares(s));
      }
    }
    if (charts.isEmpty() && metric != null) {
      throw new ResultInputException("--metric", "the run has no data for the chart '" + metric
          + "' with the options given");
    }
    return charts;
  }

  private static void add(List<Chart> charts, Chart chart) {
    if (chart != null) charts.add(chart);
  }

  private static List<Observation> exportRows(ResultData data) {
    return data.rows(Metrics.SHIPPED).stream()
        .filter(o -> o.region().equals(EXPORTER) && !o.partner().equals(EXPORTER)).toList();
  }

  /** The commodities to draw among those in {@code rows}, in the scenario's order. */
  private static List<String> commodities(Selection s, List<Observation> rows) {
    Set<String> present = rows.stream().map(Observation::commodity).collect(Collectors.toSet());
    var order = new ArrayList<String>();
    for (ResultData.Commodity c : s.data().commodities()) order.add(c.id());
    for (String c : new TreeSet<>(present)) if (!order.contains(c)) order.add(c);
    return order.stream().filter(present::contains)
        .filter(c -> s.commodities().isEmpty() || s.commodities().contains(c)).toList();
  }

  private Selection select(ResultData data, ChartOptions o) throws ResultInputException {
    if (o.metric() != null && ChartKind.byId(o.metric()).isEmpty() && !genericMetrics(data).contains(o.metric())) {
      throw new ResultInputException("--metric", "unknown metric '" + o.metric() + "'; choose a chart ("
          + java.util.Arrays.stream(ChartKind.values()).map(ChartKind::id).collect(Collectors.joining(", "))
          + ") or a time-series metric of this run (" + String.join(", ", genericMetrics(data)) + ")");
    }
    Set<String> knownAgents = new TreeSet<>();
    Set<String> knownCommodities = new LinkedHashSet<>();
    for (ResultData.Commodity c : data.commodities()) knownCommodities.add(c.id());
    for (String m : data.metrics()) {
      for (Observation r : data.rows(m)) {
        if (!r.agent().isEmpty()) knownAgents.add(r.agent());
        if (!r.commodity().isEmpty()) knownCommodities.add(r.commodity());
      }
    }
    for (String a : o.agents()) {
      if (!knownAgents.contains(a)) {
        throw new ResultInputException("--agents", "unknown agent '" + a + "'; this run's agents are "
            + String.join(", ", knownAgents));
      }
    }
    Set<String> regions = new LinkedHashSet<>();
    Set<String> zones = new LinkedHashSet<>();
    List<String> knownRegions = data.regions().stream().map(ResultData.Region::id).toList();
    for (String r : o.regions()) {
      if (knownRegions.contains(r)) {
        regions.add(r);
        zones.add(data.region(r).zone());
      } else if (data.zones().contains(r)) {
        zones.add(r);
        data.regions().stream().filter(x -> x.zone().equals(r)).forEach(x -> regions.add(x.id()));
      } else {
        throw new ResultInputException("--regions", "unknown region '" + r + "'; this run's regions are "
            + String.join(", ", knownRegions) + " and its price zones " + String.join(", ", data.zones()));
      }
    }
    for (String c : o.commodities()) {
      if (!knownCommodities.contains(c)) {
        throw new ResultInputException("--commodities", "unknown commodity '" + c + "'; this run's commodities "
            + "are " + String.join(", ", knownCommodities));
      }
    }
    LocalDate from = o.from() == null ? data.start() : o.from();
    LocalDate to = o.to() == null ? data.end() : o.to();
    String span = data.start() + " to " + data.end();
    if (from.isBefore(data.start()) || from.isAfter(data.end())) {
      throw new ResultInputException("--from", from + " is outside the run, which covers " + span);
    }
    if (to.isBefore(data.start()) || to.isAfter(data.end())) {
      throw new ResultInputException("--to", to + " is outside the run, which covers " + span);
    }
    if (!from.isBefore(to)) {
      throw new ResultInputException("--from", "--from " + from + " must be before --to " + to);
    }
    Selection s = new Selection(data, Set.copyOf(o.agents()), regions, zones, o.commodities(), from, to);
    if (s.dates().isEmpty()) {
      throw new ResultInputException("--from", "no reporting period ends between " + from + " and " + to
          + "; the run reports at the end of each " + data.period());
    }
    return s;
  }

  /** The time-series metrics that {@code --metric} can draw directly. */
  static List<String> genericMetrics(ResultData data) {
    return data.metrics().stream().filter(METRIC_NAMES::containsKey).toList();
  }

  // ---------------------------------------------------------------------------------------------- prices

  private Chart price(Selection s, String commodity) {
    ResultData d = s.data();
    Predicate<Observation> keep = o -> o.commodity().equals(commodity) && s.inRange(o) && s.zoneShown(o.region());
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
    axis.setRange(Math.max(0, low - pad), high + pad);
    XYPlot plot = style.plot(dataset, r, timeAxis(s), axis);
    String key = style.markPolicies(List.of(plot), HouseStyle.marks(d.policies()), s.from(), s.to(), false);
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
      for (double reference : refs) {
        ValueMarker m = new ValueMarker(reference, HouseStyle.DARK_GREY, HouseStyle.DASHED);
        m.setLabel("reference " + HouseStyle.numberFormat().format(reference) + " " + unit);
        m.setLabelFont(style.marker);
        m.setLabelPaint(HouseStyle.MUTED);
        m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        m.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
        m.setLabelOffset(new RectangleInsets(6, 6, 6, 10));
        plot.addRangeMarker(m, Layer.BACKGROUND);
      }
    }
    ResultData.Commodity c = d.commodity(commodity);
    String title = HouseStyle.shortName(c) + ": price by zone";
    String note = cf.isEmpty() ? "dashed grey: reference price" : "dashed: the same run without its policies";
    String caption = "End-of-" + d.period() + " price of " + lower(c.name()) + " in each price zone ("
        + unit + "; right-hand scale: multiple of the reference price). " + (cf.isEmpty()
            ? "The dashed grey line is the scenario's reference price."
            : "Dashed lines are the same scenario, seed and random draws with every policy removed: the gap is "
                + "the policies' effect.");
    return chart(s, "price-" + commodity, title, note, caption, plot, null, key);
  }

  // ---------------------------------------------------------------------------------------------- shortage

  private Chart shortage(Selection s, String commodity, boolean byRegion) {
    ResultData d = s.data();
    Predicate<Observation> keep = o -> o.commodity().equals(commodity) && s.inRange(o) && s.regionShown(o.region())
        && s.agentShown(o);
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
      label = Charts::capitalise;
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
    Stack t = stack(keys, tValues, dates, colours);
    Stack pct = stack(keys, pValues, dates, colours);
    LegendItemCollection legend = legend(keys, colours, label);
    String unit = unit(d.rows(Metrics.SHORTAGE), Metrics.TONNES);
    DateAxis time = timeAxis(s);
    NumberAxis tAxis = style.valueAxis("Shortage, " + unit + " per " + d.period(), true);
    NumberAxis pAxis = style.valueAxis("% of demand", true);
    XYPlot top = new XYPlot(t.dataset(), null, tAxis, t.renderer());
    XYPlot bottom = new XYPlot(pct.dataset(), null, pAxis, pct.renderer());
    style.style(top);
    style.style(bottom);
    String what = byRegion ? "region" : "sector";
    String regionsNote = s.regions().isEmpty() ? "" : " in the regions shown";
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
    String policyKey = style.markPolicies(List.of(top, bottom), HouseStyle.marks(d.policies()), s.from(), s.to(),
        !keys.isEmpty());
    String name = d.commodity(commodity).name();
    String title = HouseStyle.shortName(d.commodity(commodity)) + ": shortage by " + what;
    String note = "stacked; bottom: as % of all demand" + regionsNote;
    String caption = "Demand for " + lower(name) + " that went unmet in each " + d.period() + ", by " + what
        + ", stacked: in " + unit + " (top) and as a share of all demand" + regionsNote
        + " (bottom, so the stack's height is the share of demand unmet). Only "
        + (byRegion ? "regions" : "sectors") + " that ran short are shown.";
    return chart(s, "shortage-by-" + what + "-" + commodity, title, note, caption, plot, legend, policyKey);
  }

  /** Stacked areas as a plot draws them: a dataset of running totals and the renderer that fills them. */
  private record Stack(XYSeriesCollection dataset, XYAreaRenderer renderer) {}

  /**
   * Stacked areas: {@code keys} from the bottom up, drawn as running totals from the top one down, each as a
   * single filled polygon; the plot must keep its default (reverse) series rendering order. JFreeChart's own
   * stacked renderers fill one polygon per data point, which leaves hairline seams in SVG viewers.
   */
  private static Stack stack(List<String> keys, Map<String, ? extends Map<LocalDate, Double>> values,
                             List<LocalDate> dates, Map<String, Color> colours) {
    var dataset = new XYSeriesCollection();
    XYAreaRenderer r = new XYAreaRenderer(XYAreaRenderer.AREA);
    r.setOutline(false);
    // Series j is the total of keys 0..j; an XYPlot draws its last series first, so the largest total is
    // painted first and each smaller one over it.
    for (int j = 0; j < keys.size(); j++) {
      XYSeries series = new XYSeries(keys.get(j), false, false);
      for (LocalDate date : dates) {
        double total = 0;
        for (int k = 0; k <= j; k++) total += values.get(keys.get(k)).getOrDefault(date, 0.0);
        series.add(HouseStyle.millis(date), total);
      }
      dataset.addSeries(series);
      r.setSeriesPaint(j, colours.getOrDefault(keys.get(j), HouseStyle.GREY));
    }
    return new Stack(dataset, r);
  }

  /** Legend entries as squares of colour, in the order given. */
  private static LegendItemCollection legend(List<String> keys, Map<String, Color> colours,
                                             Function<String, String> label) {
    var legend = new LegendItemCollection();
    for (String k : keys) {
      LegendItem item = new LegendItem(label.apply(k), colours.getOrDefault(k, HouseStyle.GREY));
      item.setShape(new java.awt.geom.Rectangle2D.Double(-11, -11, 22, 22));
      legend.add(item);
    }
    return legend;
  }

  // ---------------------------------------------------------------------------------------------- exports

  private Chart exports(Selection s, String commodity) {
    ResultData d = s.data();
    Predicate<Observation> keep = o -> o.region().equals(EXPORTER) && !o.partner().equals(EXPORTER)
        && o.commodity().equals(commodity) && s.inRange(o) && s.regionShown(o.partner());
    Map<String, TreeMap<LocalDate, Double>> run = sum(d.rows(Metrics.SHIPPED), keep, Observation::partner);
    if (run.isEmpty()) return null;
    Map<String, TreeMap<LocalDate, Double>> cf = sum(d.counterfactualRows(Metrics.SHIPPED), keep, Observation::partner);
    Map<String, Double> totals = totals(run);
    List<String> keys = totals.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).map(Map.Entry::getKey).toList();
    Map<String, Color> colours = HouseStyle.regionColours(d);
    List<LocalDate> dates = s.dates();
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
    XYPlot plot = style.plot(dataset, r, timeAxis(s),
        style.valueAxis("Exports, " + unit + " per " + d.period(), true));
    String key = style.markPolicies(List.of(plot), HouseStyle.marks(d.policies()), s.from(), s.to(), false);
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
    return chart(s, "exports-" + EXPORTER.toLowerCase(Locale.ROOT) + "-" + commodity, title, note,
        caption.strip(), plot, null, key);
  }

  // ---------------------------------------------------------------------------------------------- cover

  private Chart cover(Selection s, String commodity) {
    ResultData d = s.data();
    Predicate<Observation> keep = o -> o.commodity().equals(commodity) && s.inRange(o) && s.regionShown(o.region())
        && s.agentShown(o);
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
    boolean byAgent = !s.agents().isEmpty();
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
    XYPlot plot = style.plot(dataset, r, timeAxis(s), style.valueAxis("Inventory cover, days of use", true));
    String key = style.markPolicies(List.of(plot), HouseStyle.marks(d.policies()), s.from(), s.to(), false);
    String name = d.commodity(commodity).name();
    String by = byAgent ? "buyer" : "region";
    String title = HouseStyle.shortName(d.commodity(commodity)) + ": buyers' stock cover by " + by;
    String caption = "Days of expected use that buyers' stocks of " + lower(name) + " cover at the end of each "
        + d.period() + (byAgent ? ", per buyer." : ", by region: each buyer weighted by its use in the " + d.period()
            + ", so a region's line is close to its total stock over its total daily use.")
        + " A falling line is a stock draw; at zero a buyer lives hand to mouth.";
    return chart(s, "cover-" + commodity, title, "days of expected use held in stock, end of each " + d.period(),
        caption, plot, null, key);
  }

  // ---------------------------------------------------------------------------------------------- shares

  private Chart productionShares(Selection s) {
    ResultData d = s.data();
    List<Observation> rows = d.rows(Metrics.THROUGHPUT).stream().filter(s::inRange).filter(s::agentShown).toList();
    if (rows.isEmpty()) return null;
    List<String> stages = rows.stream().map(Observation::sector).distinct().toList();
    List<LocalDate> dates = rows.stream().map(Observation::date).distinct().sorted().toList();
    Map<String, Color> colours = HouseStyle.regionColours(d);
    List<String> regionOrder = d.regions().stream().map(ResultData.Region::id).toList();
    DateAxis time = timeAxis(s);
    CombinedDomainXYPlot plot = new CombinedDomainXYPlot(time);
    plot.setGap(22);
    var subplots = new ArrayList<XYPlot>();
    Set<String> allRegions = new LinkedHashSet<>();
    for (String stage : stages) {
      Map<String, TreeMap<LocalDate, Double>> byRegion = sum(rows, o -> o.sector().equals(stage), Observation::region);
      TreeMap<LocalDate, Double> total = sum(rows, o -> o.sector().equals(stage), o -> "all").get("all");
      List<String> keys = ordered(regionOrder, byRegion.keySet()).stream().filter(s::regionShown).toList();
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
      Stack stack = stack(keys, shares, dates, colours);
      NumberAxis axis = style.valueAxis("%", true);
      axis.setRange(0, 100);
      axis.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(50, HouseStyle.numberFormat()));
      XYPlot sub = new XYPlot(stack.dataset(), null, axis, stack.renderer());
      style.style(sub);
      sub.addAnnotation(style.panelLabel(capitalise(stage)));
      plot.add(sub, 1);
      subplots.add(sub);
    }
    LegendItemCollection legend = legend(ordered(regionOrder, allRegions), colours, k -> d.region(k).name());
    String key = style.markPolicies(subplots, HouseStyle.marks(d.policies()), s.from(), s.to(), true);
    String title = "Production shares by region and stage";
    String caption = "Each region's share of each production stage's throughput (" + String.join(", ", stages)
        + ") in each " + d.period() + ", in %: who mines, separates and makes magnets, and how that shifts "
        + "when policies bite or new capacity ramps up.";
    return chart(s, "production-shares", title, "share of each stage's throughput per " + d.period()
        + ", %", caption, plot, legend, key);
  }

  // ---------------------------------------------------------------------------------------------- generic

  private List<Chart> generic(Selection s, String metric) throws ResultInputException {
    ResultData d = s.data();
    List<Observation> rows = d.rows(metric).stream().filter(s::inRange).filter(s::agentShown)
        .filter(o -> s.regionShown(o.region()) || s.zoneShown(o.region())).toList();
    if (rows.isEmpty()) {
      throw new ResultInputException("--metric", "the run has no '" + metric + "' rows for the agents, regions "
          + "and dates given");
    }
    boolean byAgent = !s.agents().isEmpty();
    boolean perStage = STAGE_METRICS.contains(metric);
    String unit = unit(rows, "");
    boolean additive = unit.equals(Metrics.TONNES) || unit.equals(Metrics.TONNES_PER_YEAR);
    boolean share = unit.equals(Metrics.SHARE);
    // One chart per commodity (and per stage for stage metrics), so no line adds up different things.
    Map<String, List<Observation>> groups = new LinkedHashMap<>();
    for (String c : commodities(s, rows.stream().filter(o -> !o.commodity().isEmpty()).toList())) {
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
      XYPlot plot = style.plot(dataset, r, timeAxis(s), style.valueAxis(metricName + ", " + axisUnit, true));
      String policyKey = style.markPolicies(List.of(plot), HouseStyle.marks(d.policies()), s.from(), s.to(),
          false);
      String what = stage.isEmpty() ? metricName : capitalise(stage) + " " + lower(metricName);
      String title = (commodity.isEmpty() ? what : HouseStyle.shortName(d.commodity(commodity)) + ": "
          + lower(what)) + " by " + (byAgent ? "agent" : metric.equals(Metrics.PRICE) ? "zone" : "region");
      String how = additive ? "summed" : "averaged";
      String caption = metricName + " (the " + metric + " metric, " + axisUnit + ")"
          + (byAgent ? " for each agent chosen" : ", " + how + " over each region's agents") + ".";
      String stem = metric + (commodity.isEmpty() ? "" : "-" + commodity) + (stage.isEmpty() ? "" : "-" + stage)
          + (byAgent ? "-by-agent" : "");
      charts.add(chart(s, stem, title, "the " + metric + " metric, " + how + (byAgent ? "" : " by region"),
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

  // ---------------------------------------------------------------------------------------------- comparison

  /**
   * Price paths of several runs overlaid, one chart per commodity with a panel per price zone: the
   * side-by-side view of a comparison briefing. Runs are told apart by colour and named by scenario.
   */
  public List<Chart> comparePrices(List<ResultData> runs) {
    if (runs.isEmpty()) return List.of();
    ResultData first = runs.get(0);
    LocalDate from = runs.stream().map(ResultData::start).min(Comparator.naturalOrder()).orElseThrow();
    LocalDate to = runs.stream().map(ResultData::end).max(Comparator.naturalOrder()).orElseThrow();
    List<String> commodities = new ArrayList<>();
    List<String> zones = new ArrayList<>();
    for (ResultData d : runs) {
      for (ResultData.Commodity c : d.commodities()) if (!commodities.contains(c.id())) commodities.add(c.id());
      for (String z : d.zones()) if (!zones.contains(z)) zones.add(z);
    }
    List<String> names = runLabels(runs);
    var charts = new ArrayList<Chart>();
    for (String c : commodities) {
      DateAxis time = style.timeAxis("End of " + first.period(), from, to);
      CombinedDomainXYPlot plot = new CombinedDomainXYPlot(time);
      plot.setGap(28);
      var subplots = new ArrayList<XYPlot>();
      LegendItemCollection legend = new LegendItemCollection();
      for (String z : zones) {
        var dataset = new XYSeriesCollection();
        XYLineAndShapeRenderer r = HouseStyle.lines();
        int i = 0;
        for (int run = 0; run < runs.size(); run++) {
          Map<String, TreeMap<LocalDate, Double>> prices = sum(runs.get(run).rows(Metrics.PRICE),
              o -> o.commodity().equals(c) && o.region().equals(z), Observation::region);
          if (!prices.containsKey(z)) continue;
          dataset.addSeries(series(names.get(run), prices.get(z)));
          r.setSeriesPaint(i, HouseStyle.RUN_COLOURS.get(run % HouseStyle.RUN_COLOURS.size()));
          r.setSeriesStroke(i++, HouseStyle.LINE);
        }
        if (dataset.getSeriesCount() == 0) continue;
        XYPlot sub = new XYPlot(dataset, null, style.valueAxis("USD/kg", true), r);
        style.style(sub);
        sub.addAnnotation(style.panelLabel(HouseStyle.zoneName(z)));
        plot.add(sub, 1);
        subplots.add(sub);
      }
      if (subplots.isEmpty()) continue;
      for (int run = 0; run < runs.size(); run++) {
        LegendItem item = new LegendItem(names.get(run), null, null, null,
            new java.awt.geom.Line2D.Double(-22, 0, 22, 0), HouseStyle.LINE,
            HouseStyle.RUN_COLOURS.get(run % HouseStyle.RUN_COLOURS.size()));
        legend.add(item);
      }
      String key = style.markPolicies(subplots, comparisonMarks(runs, names), from, to, false);
      String name = first.commodity(c).name();
      String title = name + ": price by zone, " + runs.size() + " scenarios";
      String subtitle = names.stream().collect(Collectors.joining(" vs ")) + " · one panel per price zone";
      String source = "Source: magflow " + runs.stream().map(ResultData::magflowVersion).distinct()
          .collect(Collectors.joining("/")) + " simulations · " + runs.stream()
          .map(d -> d.scenarioName() + " (seed " + d.seed() + ")").collect(Collectors.joining(", "))
          + " · shaded: policy in force";
      JFreeChart chart = style.frame(plot, title, subtitle, source, true, legend, key);
      charts.add(new Chart("compare-price-" + c, title, "End-of-" + first.period() + " price of " + lower(name)
          + " in each price zone, one line per scenario; each scenario's policy windows are shaded and labelled "
          + "with its name.", chart));
    }
    return charts;
  }

  /**
   * The policies of several runs, each once: a policy that not every run has is labelled with the runs that
   * do ("licence-regime (april, embargo)").
   */
  private static List<HouseStyle.Mark> comparisonMarks(List<ResultData> runs, List<String> names) {
    var holders = new LinkedHashMap<List<Object>, List<String>>();
    for (int i = 0; i < runs.size(); i++) {
      for (ResultData.PolicyWindow p : runs.get(i).policies()) {
        holders.computeIfAbsent(java.util.Arrays.asList(p.name(), p.start(), p.end()), k -> new ArrayList<>())
            .add(names.get(i));
      }
    }
    var marks = new ArrayList<HouseStyle.Mark>();
    holders.forEach((k, who) -> marks.add(new HouseStyle.Mark(k.get(0) + (who.size() == runs.size() ? ""
        : " (" + String.join(", ", who) + ")"), (LocalDate) k.get(1), (LocalDate) k.get(2))));
    return marks;
  }

  /**
   * Run names for legends: scenario names, with the folder added where two runs share a scenario name (its whole
   * path where two folders share a name too, as {@code a/x} and {@code b/x}).
   */
  public static List<String> runLabels(List<ResultData> runs) {
    var labels = new ArrayList<String>();
    for (ResultData d : runs) {
      long same = runs.stream().filter(x -> x.scenarioName().equals(d.scenarioName())).count();
      boolean folderShared = runs.stream().filter(x -> x.scenarioName().equals(d.scenarioName())
          && x.dir().getFileName().equals(d.dir().getFileName())).count() > 1;
      labels.add(same > 1 ? d.scenarioName() + " (" + (folderShared ? d.dir() : d.dir().getFileName()) + ", seed "
          + d.seed() + ")" : d.scenarioName());
    }
    return labels;
  }

  // ---------------------------------------------------------------------------------------------- helpers

  private DateAxis timeAxis(Selection s) {
    return style.timeAxis("End of " + s.data().period(), s.from(), s.to());
  }

  private Chart chart(Selection s, String stem, String title, String note, String caption,
                      org.jfree.chart.plot.Plot plot, LegendItemCollection legend, String policyKey) {
    ResultData d = s.data();
    String subtitle = d.scenarioName() + " · seed " + d.seed() + " · " + note;
    JFreeChart chart = style.frame(plot, title, subtitle, source(d), true, legend, policyKey);
    return new Chart(safe(stem), title, caption, chart);
  }

  /** The source line: which program, scenario file and seed made the figures. */
  static String source(ResultData d) {
    String file = d.scenarioFile().isEmpty() ? d.scenarioName() : d.scenarioFile();
    return "Source: magflow " + d.magflowVersion() + " simulation · " + file + " · seed " + d.seed()
        + (d.policies().isEmpty() ? "" : " · shaded: policy in force");
  }

  private static String safe(String stem) {
    return stem.replaceAll("[^A-Za-z0-9_.-]", "_");
  }

  /** Sums values by key and date over the rows that pass {@code keep}; keys in order of first appearance. */
  static Map<String, TreeMap<LocalDate, Double>> sum(Collection<Observation> rows, Predicate<Observation> keep,
                                                     Function<Observation, String> key) {
    var map = new LinkedHashMap<String, TreeMap<LocalDate, Double>>();
    for (Observation o : rows) {
      if (keep.test(o)) map.computeIfAbsent(key.apply(o), k -> new TreeMap<>()).merge(o.date(), o.value(), Double::sum);
    }
    return map;
  }

  private static Map<String, Double> totals(Map<String, TreeMap<LocalDate, Double>> series) {
    var totals = new LinkedHashMap<String, Double>();
    series.forEach((k, v) -> totals.put(k, v.values().stream().mapToDouble(Double::doubleValue).sum()));
    return totals;
  }

  private static List<String> ordered(List<String> order, Collection<String> present) {
    var result = new ArrayList<String>();
    for (String k : order) if (present.contains(k)) result.add(k);
    for (String k : present) if (!result.contains(k)) result.add(k);
    return result;
  }

  private static XYSeries series(String label, TreeMap<LocalDate, Double> values) {
    XYSeries series = new XYSeries(label, true, false);
    values.forEach((date, v) -> series.add(HouseStyle.millis(date), v));
    return series;
  }

  /** A series over every date, 0 where the run reported nothing (a month without shipments shipped 0 t). */
  private static XYSeries filled(String label, TreeMap<LocalDate, Double> values, List<LocalDate> dates) {
    XYSeries series = new XYSeries(label, true, false);
    for (LocalDate date : dates) {
      series.add(HouseStyle.millis(date), values == null ? 0.0 : values.getOrDefault(date, 0.0));
    }
    return series;
  }

  private static String unit(List<Observation> rows, String fallback) {
    return rows.isEmpty() || rows.get(0).unit().isEmpty() ? fallback : rows.get(0).unit();
  }

  static String capitalise(String s) {
    if (s.isEmpty()) return s;
    String spaced = s.replace('_', ' ');
    return s.length() <= 3 ? s.toUpperCase(Locale.ROOT) : Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
  }

  /**
   * A name inside a sentence: an ordinary capitalised first word is lower-cased ("Separated NdPr oxide" becomes
   * "separated NdPr oxide"), a symbol or acronym is kept ("NdPr oxide", "Dy/Tb oxide", "EV").
   */
  static String lower(String name) {
    String first = name.split("[\\s]", 2)[0];
    if (first.length() > 1 && Character.isUpperCase(first.charAt(0))
        && first.substring(1).chars().noneMatch(Character::isUpperCase)) {
      return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
    return name;
  }
}
