package org.magflow.output.chart;

import static org.magflow.output.chart.ChartText.number;
import static org.magflow.output.chart.ChartText.rounded;
import static org.magflow.output.chart.ChartText.value;

import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.DefaultXYZDataset;

/** A KPI's mean over a grid of exactly two parameters, one cell per setting, darker where it is higher. */
final class HeatmapCharts {
  /** Heatmap cells are labelled with their value while they are at least this many pixels high. */
  private static final double MIN_LABELLED_CELL = 24;

  private HeatmapCharts() {}

  /** A KPI's mean over the grid's two parameters, or null if no run reported it. */
  static Chart of(SweepView view, SweepData.Kpi kpi) {
    SweepData d = view.data();
    HouseStyle style = view.style();
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
    SymbolAxis xAxis = style.symbolAxis(axisName(px), xs.stream().map(ChartText::value).toList());
    SymbolAxis yAxis = style.symbolAxis(axisName(py), ys.stream().map(ChartText::value).toList());
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
    HouseStyle.fitTitle(chart);
    chart.addSubtitle(colourScale(style, scale, kpi, scaleLo, scaleHi));
    return new Chart(ChartText.safe("heatmap-" + kpi.name()), title, caption, chart);
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

  private static PaintScaleLegend colourScale(HouseStyle style, Scale scale, SweepData.Kpi kpi, double lo, double hi) {
    NumberAxis axis = new NumberAxis(kpi.axisLabel());
    axis.setRange(lo, hi);
    HouseStyle.niceTicks(axis, 6);
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

  /** A parameter's axis label: its name, and what a date offset counts ("months after the start"). */
  private static String axisName(SweepData.Parameter p) {
    String name = p.name().toLowerCase(Locale.ROOT);
    if (p.anchor().startsWith("months after")) return name.contains("month") ? p.name() : p.name() + " (months)";
    if (p.anchor().startsWith("days after")) return name.contains("day") ? p.name() : p.name() + " (days)";
    return p.name() + (p.multiply() ? " (× base value)" : "");
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

  /** Decimals that show every cell of a heatmap whose largest magnitude is {@code max} to about 3 figures. */
  private static int decimals(double max) {
    return max >= 100 ? 0 : max >= 10 ? 1 : max >= 0.1 ? 2 : 3;
  }

  /** A cell's value with {@code decimals} decimals and a true minus; zero as "0". */
  private static String fixed(double v, int decimals) {
    if (v == 0) return "0";
    DecimalFormat f = new DecimalFormat(decimals == 0 ? "#,##0" : "#,##0." + "0".repeat(decimals),
        DecimalFormatSymbols.getInstance(HouseStyle.LOCALE));
    return f.format(v).replace("-", "\u2212");
  }
}
