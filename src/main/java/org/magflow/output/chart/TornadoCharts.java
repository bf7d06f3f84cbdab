package org.magflow.output.chart;

import static org.magflow.output.chart.ChartText.lower;
import static org.magflow.output.chart.ChartText.number;
import static org.magflow.output.chart.ChartText.rounded;
import static org.magflow.output.chart.ChartText.value;

import java.awt.BasicStroke;
import java.awt.Font;
import java.awt.geom.Line2D;
import java.util.List;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

/** A one-at-a-time sweep's tornado: a KPI with each parameter alone at its low and high end, largest swing on top. */
final class TornadoCharts {
  private TornadoCharts() {}

  /** A KPI at each parameter's low and high end around the base, or null if the sweep has no such rows. */
  static Chart of(SweepView view, SweepData.Kpi kpi) {
    SweepData d = view.data();
    HouseStyle style = view.style();
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
    SymbolAxis params = style.symbolAxis("", rows.stream().map(SweepData.TornadoRow::parameter).toList());
    params.setInverted(true); // the largest swing on top
    params.setTickLabelFont(style.axisLabel);
    NumberAxis value = style.valueAxis(kpi.axisLabel(), false);
    double span = hi - lo;
    if (span <= 0) span = Math.max(1, Math.abs(base));
    // Room for the labels at the bars' ends; a KPI that cannot go below zero shows no negative ticks there.
    value.setRange(lo - (lo < base ? 0.24 : 0.1) * span, hi + (hi > base ? 0.24 : 0.1) * span);
    HouseStyle.niceTicks(value, 8);
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
      title = "No parameter moves " + lower(kpi.what()) + " across its range";
    } else {
      title = top.parameter() + " moves " + lower(kpi.what()) + " most: " + rounded(top.atLow()) + " to "
          + rounded(top.atHigh()) + kpi.unitAfterNumber();
    }
    var legend = new LegendItemCollection();
    legend.add(HouseStyle.legendSquare("parameter at its low end", HouseStyle.BLUE));
    legend.add(HouseStyle.legendSquare("at its high end", HouseStyle.VERMILLION));
    legend.add(new LegendItem("base scenario: " + number(base), null, null, null, new Line2D.Double(0, -11, 0, 11),
        new BasicStroke(2.5f), HouseStyle.INK));
    String caption = kpi.name() + " (" + kpi.axisLabel() + ") when each parameter alone is set to its low end (blue) "
        + "and its high end (vermillion), the others at the base scenario's values (black line: "
        + number(base) + "); labels give the parameter's value and the KPI there. Largest swing on top"
        + (d.replications() > 1 ? "; each bar is the mean over " + d.replications() + " replications." : ".")
        + " Low and high ends are a list's first and last value, a range's ends, or a distribution's 5th and 95th "
        + "percentile.";
    return view.chart("tornado-" + kpi.name(), title, caption, plot, legend, null);
  }

  private static void annotateEnd(XYPlot plot, double x, double v, double base, String parameterValue, Font font) {
    if (Double.isNaN(v)) return;
    boolean right = v >= base;
    String text = parameterValue + " \u2192 " + number(v);
    XYTextAnnotation a = new XYTextAnnotation(right ? "  " + text : text + "  ", x, v);
    a.setFont(font);
    a.setPaint(HouseStyle.INK);
    a.setTextAnchor(right ? TextAnchor.CENTER_LEFT : TextAnchor.CENTER_RIGHT);
    plot.addAnnotation(a);
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
}
