package org.magflow.output.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.awt.RenderingHints;
import java.awt.Paint;
import java.awt.Stroke;
import java.awt.font.FontRenderContext;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.text.SimpleDateFormat;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.LegendItemSource;
import org.jfree.chart.annotations.XYTitleAnnotation;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.DateTickMarkPosition;
import org.jfree.chart.axis.DateTickUnit;
import org.jfree.chart.axis.DateTickUnitType;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.chart.ui.VerticalAlignment;
import org.jfree.data.xy.XYDataset;

/**
 * magflow's one look for every chart: 1600 × 900 canvas, left-aligned title and subtitle, legend on top,
 * source line at the bottom, horizontal grid only, the Okabe–Ito colour-blind-safe palette, DejaVu Sans at
 * sizes that stay readable when the chart fills a slide, dates on the time axis and policy windows shaded.
 *
 * <p>Colours mean the same thing on every chart of a run: a region, price zone or demand sector keeps its
 * colour from chart to chart.
 */
final class HouseStyle {
  static final int WIDTH = 1600;
  static final int HEIGHT = 900;

  // Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision deficiency.
  static final Color ORANGE = new Color(0xE69F00);
  static final Color SKY_BLUE = new Color(0x56B4E9);
  static final Color GREEN = new Color(0x009E73);
  static final Color YELLOW = new Color(0xF0E442);
  static final Color BLUE = new Color(0x0072B2);
  static final Color VERMILLION = new Color(0xD55E00);
  static final Color PURPLE = new Color(0xCC79A7);
  static final Color BLACK = new Color(0x000000);
  static final Color GREY = new Color(0x999999);
  static final Color DARK_GREY = new Color(0x555555);

  static final Color INK = new Color(0x1A1A1A);
  static final Color MUTED = new Color(0x5A5A5A);
  static final Color GRID = new Color(0xDDDDDD);
  static final Color POLICY_LINE = new Color(0x333333);
  // Translucent, so overlapping windows show darker where two policies are in force at once.
  static final Color POLICY_FILL = new Color(0, 0, 0, 16);
  static final Color POLICY_OVERLAY = new Color(0, 0, 0, 28);

  /** Order in which series without a house colour take colours: strong, distinct hues first. */
  static final List<Color> CYCLE = List.of(BLUE, VERMILLION, GREEN, ORANGE, PURPLE, SKY_BLUE, BLACK, YELLOW,
      GREY, DARK_GREY);

  /**
   * Colours of runs compared on one chart: black first (often the baseline), and none of the zone colours
   * (vermillion, blue) early, so a run is not mistaken for a zone.
   */
  static final List<Color> RUN_COLOURS = List.of(BLACK, ORANGE, GREEN, PURPLE, SKY_BLUE, VERMILLION, BLUE,
      YELLOW);

  /** House colours of the shipped scenarios' regions, so China is vermillion and the US blue everywhere. */
  private static final Map<String, Color> REGION_COLOURS = Map.of("CN", VERMILLION, "US", BLUE, "JP", GREEN,
      "EU", SKY_BLUE, "KR", PURPLE, "VN", ORANGE, "MY", YELLOW, "ROW", GREY, "MM", DARK_GREY, "AU", BLACK);
  private static final Map<String, Color> ZONE_COLOURS = Map.of("china", VERMILLION, "ex-china", BLUE);
  private static final Map<String, Color> SECTOR_COLOURS = Map.of("ev", BLUE, "electronics", ORANGE,
      "industrial", GREEN, "wind", SKY_BLUE, "defence", PURPLE);

  static final TimeZone UTC = TimeZone.getTimeZone("UTC");
  /** Numbers as in British English: 1,250.5. */
  static final Locale LOCALE = Locale.UK;
  /** Month names: "Sep" (Java's en-GB data says "Sept"). */
  static final Locale DATE_LOCALE = Locale.ENGLISH;
  static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", DATE_LOCALE);

  static final Stroke LINE = new BasicStroke(4f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
  static final Stroke DASHED = new BasicStroke(3f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
      new float[] {12f, 9f}, 0f);
  /** A bound, not a path: the price rule's cap. */
  static final Stroke DOTTED = new BasicStroke(3f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f,
      new float[] {0.1f, 9f}, 0f);
  private static final Stroke POLICY_STROKE = new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
      10f, new float[] {8f, 6f}, 0f);

  /** The font family: DejaVu Sans where installed (any Debian with fonts-dejavu-core), else Java's sans. */
  final String family;
  final Font title;
  final Font subtitle;
  final Font legend;
  final Font axisLabel;
  final Font tick;
  final Font source;
  final Font marker;
  final Font note;
  final Font panel;

  HouseStyle() {
    boolean dejaVu = Arrays.asList(GraphicsEnvironment.getLocalGraphicsEnvironment()
        .getAvailableFontFamilyNames(Locale.ROOT)).contains("DejaVu Sans");
    family = dejaVu ? "DejaVu Sans" : Font.SANS_SERIF;
    title = new Font(family, Font.BOLD, 40);
    subtitle = new Font(family, Font.PLAIN, 26);
    legend = new Font(family, Font.PLAIN, 24);
    axisLabel = new Font(family, Font.PLAIN, 24);
    tick = new Font(family, Font.PLAIN, 22);
    source = new Font(family, Font.PLAIN, 18);
    marker = new Font(family, Font.BOLD, 20);
    note = new Font(family, Font.PLAIN, 30);
    panel = new Font(family, Font.BOLD, 22);
  }

  /** Colours for the keys of one chart: house colours first, then unused palette colours in key order. */
  static Map<String, Color> colours(List<String> keys, Map<String, Color> house) {
    var result = new LinkedHashMap<String, Color>();
    Set<Color> used = new HashSet<>();
    for (String k : keys) {
      Color c = house.get(k);
      if (c != null) {
        result.put(k, c);
        used.add(c);
      }
    }
    var free = new ArrayList<Color>();
    for (Color c : CYCLE) if (!used.contains(c)) free.add(c);
    if (free.isEmpty()) free.addAll(CYCLE);
    int next = 0;
    for (String k : keys) {
      if (!result.containsKey(k)) result.put(k, free.get(next++ % free.size()));
    }
    return result;
  }

  /** A colour per region of the scenario, the same on every chart of a run. */
  static Map<String, Color> regionColours(ResultData data) {
    return colours(data.regions().stream().map(ResultData.Region::id).toList(), REGION_COLOURS);
  }

  /** A colour per price zone of the scenario. */
  static Map<String, Color> zoneColours(ResultData data) {
    return colours(data.zones(), ZONE_COLOURS);
  }

  /** A colour per region id, house colours first (for sweeps, which know regions by id only). */
  static Map<String, Color> regionColours(List<String> regionIds) {
    return colours(regionIds, REGION_COLOURS);
  }

  /** A colour per price-zone id, house colours first. */
  static Map<String, Color> zoneColours(List<String> zoneIds) {
    return colours(zoneIds, ZONE_COLOURS);
  }

  /** A colour per demand sector, sectors taken in the order given. */
  static Map<String, Color> sectorColours(List<String> sectors) {
    return colours(sectors, SECTOR_COLOURS);
  }

  private static final Map<String, String> SHORT_NAMES = Map.of("ndfeb_magnet", "NdFeB magnets",
      "ndpr_oxide", "NdPr oxide", "dytb_oxide", "Dy/Tb oxide", "reo", "Rare-earth concentrate");

  /**
   * A commodity's name short enough for a chart title: house names for the shipped commodities, else the
   * scenario's name without a parenthesis ("Sintered NdFeB magnets (incl. alloy)" is "NdFeB magnets").
   */
  static String shortName(ResultData.Commodity c) {
    String house = SHORT_NAMES.get(c.id());
    return house != null ? house : c.name().replaceAll("\\s*\\([^)]*\\)", "").strip();
  }

  private static final Map<String, String> SINGULAR_NAMES = Map.of("ndfeb_magnet", "NdFeB magnet",
      "ndpr_oxide", "NdPr oxide", "dytb_oxide", "Dy/Tb oxide", "reo", "concentrate");

  /** A commodity id's house name ("NdFeB magnets"), or the id itself, when only the id is known (sweeps). */
  static String shortName(String commodityId) {
    return SHORT_NAMES.getOrDefault(commodityId, commodityId);
  }

  /** A commodity id's name as an adjective ("NdFeB magnet price"), or the id itself. */
  static String singularName(String commodityId) {
    return SINGULAR_NAMES.getOrDefault(commodityId, commodityId);
  }

  /**
   * ColorBrewer's YlGnBu, nine classes: a sequential scale from pale yellow (low) to dark blue (high) that
   * stays ordered for every common colour-vision deficiency and in greyscale, for heatmaps.
   */
  static final List<Color> SEQUENTIAL = List.of(new Color(0xFFFFD9), new Color(0xEDF8B1), new Color(0xC7E9B4),
      new Color(0x7FCDBB), new Color(0x41B6C4), new Color(0x1D91C0), new Color(0x225EA8), new Color(0x253494),
      new Color(0x081D58));

  /** The sequential scale's colour at {@code t} in [0, 1], interpolated between its classes. */
  static Color sequential(double t) {
    double x = Math.max(0, Math.min(1, Double.isNaN(t) ? 0 : t)) * (SEQUENTIAL.size() - 1);
    int i = Math.min(SEQUENTIAL.size() - 2, (int) Math.floor(x));
    double f = x - i;
    Color a = SEQUENTIAL.get(i);
    Color b = SEQUENTIAL.get(i + 1);
    return new Color((int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
        (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
        (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
  }

  /** {@code c} mixed with white: {@code share} 0 is {@code c}, 1 is white. Opaque, so bands print and stack cleanly. */
  static Color tint(Color c, double share) {
    return new Color((int) Math.round(c.getRed() + share * (255 - c.getRed())),
        (int) Math.round(c.getGreen() + share * (255 - c.getGreen())),
        (int) Math.round(c.getBlue() + share * (255 - c.getBlue())));
  }

  /** Black or white, whichever reads better on {@code background} (by its relative luminance). */
  static Color textOn(Color background) {
    double l = 0.2126 * linear(background.getRed()) + 0.7152 * linear(background.getGreen())
        + 0.0722 * linear(background.getBlue());
    return l > 0.22 ? INK : Color.WHITE;
  }

  private static double linear(int channel) {
    double c = channel / 255.0;
    return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  }

  /** A readable name for a price zone: {@code china} is "China domestic", {@code ex-china} "Outside China". */
  static String zoneName(String zone) {
    return switch (zone) {
      case "china" -> "China domestic";
      case "ex-china" -> "Outside China";
      default -> zone;
    };
  }

  static long millis(LocalDate date) {
    return date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }

  /**
   * Wraps a plot in a chart with the house title, subtitle, legend and source line.
   *
   * @param legend whether to show a legend (from {@code legendItems} if given, else from the plot)
   * @param policyKey the numbered policies' key from {@link #markPolicies}, printed under the plot; may be empty
   */
  JFreeChart frame(Plot plot, String titleText, String subtitleText, String sourceText, boolean legend,
                   LegendItemCollection legendItems, String policyKey) {
    JFreeChart chart = new JFreeChart(titleText, title, plot, false);
    chart.setBackgroundPaint(Color.WHITE);
    chart.setBorderVisible(false);
    chart.setPadding(new RectangleInsets(28, 36, 18, 44));
    chart.setAntiAlias(true);
    chart.setTextAntiAlias(true);
    chart.getRenderingHints().put(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    chart.getRenderingHints().put(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    TextTitle t = chart.getTitle();
    t.setPaint(INK);
    t.setHorizontalAlignment(HorizontalAlignment.LEFT);
    t.setTextAlignment(HorizontalAlignment.LEFT);
    t.setPadding(new RectangleInsets(0, 0, 6, 0));

    TextTitle sub = new TextTitle(subtitleText, subtitle, MUTED, RectangleEdge.TOP, HorizontalAlignment.LEFT,
        VerticalAlignment.TOP, new RectangleInsets(0, 0, 14, 0));
    sub.setTextAlignment(HorizontalAlignment.LEFT);
    chart.addSubtitle(sub);
    if (legend) {
      LegendItemSource itemSource = legendItems != null ? () -> legendItems : plot::getLegendItems;
      LegendTitle l = new LegendTitle(itemSource);
      l.setItemFont(this.legend);
      l.setItemPaint(INK);
      l.setPosition(RectangleEdge.TOP);
      l.setHorizontalAlignment(HorizontalAlignment.LEFT);
      l.setFrame(BlockBorder.NONE);
      l.setBackgroundPaint(Color.WHITE);
      l.setItemLabelPadding(new RectangleInsets(2, 8, 2, 26));
      l.setPadding(new RectangleInsets(0, 0, 16, 0));
      l.setLegendItemGraphicPadding(new RectangleInsets(2, 2, 2, 2));
      chart.addSubtitle(l);
    }
    TextTitle src = new TextTitle(sourceText, source, MUTED, RectangleEdge.BOTTOM, HorizontalAlignment.LEFT,
        VerticalAlignment.BOTTOM, new RectangleInsets(18, 0, 0, 0));
    src.setTextAlignment(HorizontalAlignment.LEFT);
    chart.addSubtitle(src);
    if (policyKey != null && !policyKey.isEmpty()) {
      // Added after the source line, so it sits between the plot and the source.
      TextTitle key = new TextTitle(policyKey, this.source.deriveFont(Font.PLAIN, 19f), POLICY_LINE,
          RectangleEdge.BOTTOM, HorizontalAlignment.LEFT, VerticalAlignment.BOTTOM, new RectangleInsets(14, 0, 0, 0));
      key.setTextAlignment(HorizontalAlignment.LEFT);
      chart.addSubtitle(key);
    }
    return chart;
  }

  /** The time axis from {@code from} to {@code to}, with yearly, quarterly or monthly ticks by span. */
  DateAxis timeAxis(String label, LocalDate from, LocalDate to) {
    DateAxis axis = new DateAxis(label, UTC, DATE_LOCALE);
    axis.setRange(millis(from), millis(to.plusDays(1)));
    long months = ChronoUnit.MONTHS.between(from, to);
    DateTickUnit unit;
    boolean yearly = months > 20;
    if (yearly) unit = new DateTickUnit(DateTickUnitType.YEAR, 1, format("yyyy"));
    else if (months > 2) unit = new DateTickUnit(DateTickUnitType.MONTH, months > 10 ? 2 : 1, format("MMM yy"));
    else unit = new DateTickUnit(DateTickUnitType.DAY, 7, format("d MMM yy"));
    axis.setTickUnit(unit);
    axis.setTickMarkPosition(DateTickMarkPosition.START);
    // Quarter ticks between the year labels.
    axis.setMinorTickCount(yearly ? 4 : 0);
    axis.setMinorTickMarksVisible(yearly);
    axis.setMinorTickMarkOutsideLength(4f);
    axis.setTickMarkOutsideLength(8f);
    axis.setTickMarkPaint(DARK_GREY);
    axis.setTickMarkStroke(new BasicStroke(1.5f));
    axis.setAxisLinePaint(DARK_GREY);
    axis.setAxisLineStroke(new BasicStroke(1.5f));
    axis.setLabelFont(axisLabel);
    axis.setLabelPaint(MUTED);
    axis.setTickLabelFont(tick);
    axis.setTickLabelPaint(INK);
    axis.setLowerMargin(0);
    axis.setUpperMargin(0);
    return axis;
  }

  private static SimpleDateFormat format(String pattern) {
    SimpleDateFormat f = new SimpleDateFormat(pattern, DATE_LOCALE);
    f.setTimeZone(UTC);
    return f;
  }

  /** A value axis with its unit in the label, grouped thousands, no axis line (the grid carries the scale). */
  NumberAxis valueAxis(String label, boolean includeZero) {
    NumberAxis axis = new NumberAxis(label);
    axis.setAutoRangeIncludesZero(includeZero);
    plain(axis);
    axis.setUpperMargin(0.08);
    axis.setStandardTickUnits(NumberAxis.createStandardTickUnits(LOCALE));
    axis.setNumberFormatOverride(numberFormat());
    return axis;
  }

  /** The house axis: muted label, ink tick labels, no axis line or tick marks (the grid carries the scale). */
  private void plain(Axis axis) {
    axis.setLabelFont(axisLabel);
    axis.setLabelPaint(MUTED);
    axis.setTickLabelFont(tick);
    axis.setTickLabelPaint(INK);
    axis.setAxisLineVisible(false);
    axis.setTickMarksVisible(false);
  }

  static NumberFormat numberFormat() {
    DecimalFormat f = new DecimalFormat("#,##0.###", DecimalFormatSymbols.getInstance(LOCALE));
    return f;
  }

  /** A plot in the house style: white, no outline, horizontal grid only. */
  XYPlot plot(XYDataset dataset, XYItemRenderer renderer, DateAxis time, NumberAxis value) {
    XYPlot plot = new XYPlot(dataset, time, value, renderer);
    style(plot);
    return plot;
  }

  void style(XYPlot plot) {
    plot.setBackgroundPaint(Color.WHITE);
    plot.setOutlineVisible(false);
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinePaint(GRID);
    plot.setRangeGridlineStroke(new BasicStroke(1.2f));
    plot.setRangeZeroBaselineVisible(true);
    plot.setRangeZeroBaselinePaint(DARK_GREY);
    plot.setRangeZeroBaselineStroke(new BasicStroke(1.5f));
    plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
    plot.setInsets(new RectangleInsets(6, 4, 4, 12));
  }

  /** A line renderer with no point shapes and a legend line long enough to show a dash. */
  static XYLineAndShapeRenderer lines() {
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
    r.setDrawSeriesLineAsPath(true);
    r.setLegendLine(new Line2D.Double(-22, 0, 22, 0));
    r.setDefaultLegendShape(new Rectangle2D.Double(-11, -11, 22, 22));
    return r;
  }

  /** A policy window to mark on a chart: its label (the policy's name) and dates ({@code end} exclusive, or null). */
  record Mark(String label, LocalDate start, LocalDate end) {}

  /** The marks of a run's policies. */
  static List<Mark> marks(List<ResultData.PolicyWindow> policies) {
    return policies.stream().map(p -> new Mark(p.title(), p.start(), p.end())).toList();
  }

  /** Up to this many policies are named on the chart; more are numbered, with a key under the plot. */
  static final int MAX_NAMED = 2;

  /** When a policy is in force, in words: "from 1 Sep 2025" or "1 Jan 2026 – 30 Jun 2026". */
  static String inForce(Mark m) {
    return m.end() == null ? "from " + DAY.format(m.start())
        : DAY.format(m.start()) + " – " + DAY.format(m.end().minusDays(1));
  }

  /**
   * Shades the windows in which a policy is in force (their union, once, so overlapping policies do not darken
   * the chart) and marks each start with a dashed line, on every plot given; only the first (top) plot carries
   * the labels. Up to {@link #MAX_NAMED} policies are labelled with name and dates, and the top plot gets
   * headroom so the labels sit above the data; more are numbered, and the returned key names them.
   *
   * @param overData shade over the data rather than under it, for stacked areas that would hide the shading
   * @return the key to print under the plot ("Policies: 1 name, from date · 2 ..."), or "" if none is needed
   */
  String markPolicies(List<XYPlot> plots, List<Mark> marks, LocalDate from, LocalDate to, boolean overData) {
    LocalDate after = to.plusDays(1);
    List<Mark> visible = marks.stream()
        .filter(m -> !m.start().isAfter(to) && (m.end() == null || m.end().isAfter(from)))
        .sorted(java.util.Comparator.comparing(Mark::start)).toList();
    if (visible.isEmpty()) return "";
    boolean named = visible.size() <= MAX_NAMED;

    // The union of the windows, clipped to the axis.
    var windows = new ArrayList<LocalDate[]>();
    for (Mark m : visible) {
      LocalDate a = m.start().isBefore(from) ? from : m.start();
      LocalDate b = m.end() == null || m.end().isAfter(after) ? after : m.end();
      if (!windows.isEmpty() && !a.isAfter(windows.get(windows.size() - 1)[1])) {
        LocalDate[] last = windows.get(windows.size() - 1);
        if (b.isAfter(last[1])) last[1] = b;
      } else {
        windows.add(new LocalDate[] {a, b});
      }
    }
    for (XYPlot plot : plots) {
      for (LocalDate[] w : windows) {
        IntervalMarker window = new IntervalMarker(millis(w[0]), millis(w[1]));
        window.setPaint(overData ? POLICY_OVERLAY : POLICY_FILL);
        window.setAlpha(1f);
        plot.addDomainMarker(window, overData ? Layer.FOREGROUND : Layer.BACKGROUND);
      }
    }

    double span = Math.max(1, ChronoUnit.DAYS.between(from, after));
    var key = new ArrayList<String>();
    double lastPosition = -1;
    int level = 0;
    for (int n = 0; n < visible.size(); n++) {
      Mark m = visible.get(n);
      key.add((n + 1) + " " + m.label() + ", " + inForce(m));
      if (m.start().isBefore(from)) continue; // in force before the axis starts: no start line to draw
      double position = ChronoUnit.DAYS.between(from, m.start()) / span;
      // Named labels stack one per line; numbers stack only where two starts are too close to read apart.
      level = named ? n : (position - lastPosition < 0.025 ? level + 1 : 0);
      lastPosition = position;
      boolean leftward = named && position > 0.62; // long labels near the right edge grow leftwards
      for (int i = 0; i < plots.size(); i++) {
        ValueMarker start = new ValueMarker(millis(m.start()), POLICY_LINE, POLICY_STROKE);
        start.setAlpha(1f);
        if (i == 0) {
          start.setLabel(named ? m.label() + " · " + inForce(m) : Integer.toString(n + 1));
          start.setLabelFont(marker);
          start.setLabelPaint(POLICY_LINE);
          start.setLabelBackgroundColor(new Color(255, 255, 255, 225));
          start.setLabelAnchor(leftward ? RectangleAnchor.TOP_LEFT : RectangleAnchor.TOP_RIGHT);
          start.setLabelTextAnchor(leftward ? TextAnchor.TOP_RIGHT : TextAnchor.TOP_LEFT);
          start.setLabelOffset(new RectangleInsets(8 + 30 * level, 8, 8, 8));
        }
        plots.get(i).addDomainMarker(start, Layer.FOREGROUND);
      }
    }
    if (named && !overData) headroom(plots.get(0), visible.size());
    return named ? "" : "Policies: " + String.join(" · ", key);
  }

  /** Room above the data for {@code labels} lines of policy labels, so they do not hide a line's peak. */
  private static void headroom(XYPlot plot, int labels) {
    if (!(plot.getRangeAxis() instanceof NumberAxis axis)) return;
    double share = 0.07 * labels;
    if (axis.isAutoRange()) {
      axis.setUpperMargin(axis.getUpperMargin() + share);
    } else {
      org.jfree.data.Range r = axis.getRange();
      axis.setRange(r.getLowerBound(), r.getUpperBound() + share * r.getLength());
    }
  }

  /**
   * A panel's name in the bottom-left corner inside a plot (policy labels take the top), for stacked panels
   * that share one time axis.
   */
  XYTitleAnnotation panelLabel(String text) {
    TextTitle t = new TextTitle(text, panel, INK, RectangleEdge.TOP, HorizontalAlignment.LEFT,
        VerticalAlignment.TOP, new RectangleInsets(4, 8, 4, 8));
    t.setBackgroundPaint(Color.WHITE);
    return new XYTitleAnnotation(0.006, 0.04, t, RectangleAnchor.BOTTOM_LEFT);
  }

  /** A centred message inside a plot, e.g. when a chart has nothing to show. */
  XYTitleAnnotation note(String text) {
    TextTitle t = new TextTitle(text, note, MUTED, RectangleEdge.TOP, HorizontalAlignment.CENTER,
        VerticalAlignment.CENTER, new RectangleInsets(8, 16, 8, 16));
    t.setBackgroundPaint(new Color(255, 255, 255, 230));
    return new XYTitleAnnotation(0.5, 0.5, t, RectangleAnchor.CENTER);
  }

  /** A legend entry drawn as a square of colour. */
  static LegendItem legendSquare(String label, Paint paint) {
    LegendItem item = new LegendItem(label, paint);
    item.setShape(new Rectangle2D.Double(-11, -11, 22, 22));
    return item;
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
        DecimalFormatSymbols.getInstance(LOCALE));
    axis.setTickUnit(new NumberTickUnit(step, format));
    axis.setNumberFormatOverride(format);
  }

  /** An axis of named values (a parameter's settings), one per whole number from 0, without grid bands. */
  SymbolAxis symbolAxis(String label, List<String> values) {
    SymbolAxis axis = new SymbolAxis(label, values.toArray(String[]::new));
    axis.setGridBandsVisible(false);
    plain(axis);
    axis.setLowerMargin(0);
    axis.setUpperMargin(0);
    axis.setRange(-0.5, values.size() - 0.5);
    return axis;
  }

  /**
   * A title that would wrap at the house size (a long KPI or parameter name) is set a little smaller, down to
   * 30 px, so it stays on one line.
   */
  static void fitTitle(JFreeChart chart) {
    TextTitle t = chart.getTitle();
    Font font = t.getFont();
    FontRenderContext frc = new FontRenderContext(null, true, true);
    double width = font.getStringBounds(t.getText(), frc).getWidth();
    double room = WIDTH - 36 - 44 - 8; // the frame's padding, and a little air
    if (width > room) t.setFont(font.deriveFont((float) Math.max(30, Math.floor(font.getSize2D() * room / width))));
  }
}
