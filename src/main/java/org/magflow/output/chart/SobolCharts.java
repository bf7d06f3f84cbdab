package org.magflow.output.chart;

import static org.magflow.output.chart.ChartText.lower;
import static org.magflow.output.chart.ChartText.value;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.CategoryItemRendererState;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.DefaultCategoryDataset;

/** A sobol sweep's first-order and total Sobol indices of a KPI, with their 95% bootstrap intervals as whiskers. */
final class SobolCharts {
  private SobolCharts() {}

  /** First-order and total indices of a KPI with their intervals, or null if the sweep has no such rows. */
  static Chart of(SweepView view, SweepData.Kpi kpi) {
    SweepData d = view.data();
    HouseStyle style = view.style();
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
    HouseStyle.niceTicks(value, 7);
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

    String what = lower(kpi.what());
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
    legend.add(HouseStyle.legendSquare("first-order index (S1): the parameter alone", HouseStyle.BLUE));
    legend.add(HouseStyle.legendSquare("total index (ST): with its interactions", HouseStyle.ORANGE));
    legend.add(new LegendItem("95% bootstrap interval", null, null, null, new Line2D.Double(0, -11, 0, 11),
        new BasicStroke(2.5f), HouseStyle.INK));
    String caption = "Share of the variance of " + kpi.name() + " (" + kpi.axisLabel() + ") due to each parameter: "
        + "first-order (S1, the parameter alone) and total (ST, including its interactions with the others), by "
        + "Jansen's estimators on Saltelli's design (" + samples + " base samples, " + d.runs() + " runs), with 95% "
        + "bootstrap intervals (whiskers). ST well above S1 means the parameter matters through interactions; an "
        + "interval that reaches 0 means the effect is not distinguishable from none at this sample size."
        + (clipped ? " Some estimates or intervals fall far outside 0 to 1, a sign of too few samples for this KPI "
            + "(or of a KPI that barely varies); the scale is cut at −0.5 and 1.5." : "");
    return view.chart("sobol-" + kpi.name(), title, caption, plot, legend, null);
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
}
