package org.magflow.output.chart;

import java.awt.geom.Ellipse2D;
import java.time.LocalDate;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Charts of a run against what was observed (backtests, calibration fits) and of a search's progress, in the
 * house style. They take plain numbers, so they can be drawn from any command's results.
 */
public final class FitCharts {
  private final HouseStyle style = new HouseStyle();

  /**
   * One panel of a fit chart: a series' simulated monthly values (a line) and its observations (dots).
   *
   * @param months a day in each month (the value is drawn there)
   * @param simulated per month; NaN where there is none
   * @param observed per month; NaN where nothing was observed
   */
  public record Panel(String name, String unit, List<LocalDate> months, double[] simulated, double[] observed) {}

  /** Simulated lines against observed dots, a panel per series over the same months. */
  public Chart observedVsSimulated(String fileStem, String title, String subtitle, String source,
                                   List<Panel> panels) {
    List<LocalDate> months = panels.get(0).months();
    LocalDate last = months.get(months.size() - 1);
    DateAxis time = style.timeAxis("Month", months.get(0).withDayOfMonth(1), last.withDayOfMonth(last.lengthOfMonth()));
    CombinedDomainXYPlot plot = new CombinedDomainXYPlot(time);
    plot.setGap(28);
    for (Panel p : panels) {
      XYSeriesCollection data = new XYSeriesCollection();
      data.addSeries(dated("simulated", p.months(), p.simulated()));
      data.addSeries(dated("observed", p.months(), p.observed()));
      XYLineAndShapeRenderer r = HouseStyle.lines();
      r.setSeriesPaint(0, HouseStyle.BLUE);
      r.setSeriesStroke(0, HouseStyle.LINE);
      r.setSeriesPaint(1, HouseStyle.BLACK);
      r.setSeriesLinesVisible(1, false);
      r.setSeriesShapesVisible(1, true);
      r.setSeriesShape(1, new Ellipse2D.Double(-7, -7, 14, 14));
      XYPlot sub = new XYPlot(data, null, style.valueAxis(p.unit(), true), r);
      style.style(sub);
      sub.addAnnotation(style.panelLabel(p.name()));
      plot.add(sub, 1);
    }
    LegendItemCollection legend = new LegendItemCollection();
    legend.add(HouseStyle.legendSquare("simulated (line)", HouseStyle.BLUE));
    legend.add(HouseStyle.legendSquare("observed (dots)", HouseStyle.BLACK));
    JFreeChart chart = style.frame(plot, title, subtitle, source, true, legend, "");
    return new Chart(fileStem, title, "Each panel: a simulated series (line) and its observations (dots), month by"
        + " month.", chart);
  }

  /** The loss of each evaluation of a search (dots) and the best so far (a line). */
  public Chart lossByEvaluation(String fileStem, String title, String subtitle, String source, double[] loss) {
    XYSeries each = new XYSeries("each evaluation", false, true);
    XYSeries best = new XYSeries("best so far", false, true);
    double min = Double.POSITIVE_INFINITY;
    for (int i = 0; i < loss.length; i++) {
      if (Double.isFinite(loss[i])) {
        each.add(i + 1, loss[i]);
        min = Math.min(min, loss[i]);
      }
      if (Double.isFinite(min)) best.add(i + 1, min);
    }
    XYSeriesCollection data = new XYSeriesCollection();
    data.addSeries(each);
    data.addSeries(best);
    XYLineAndShapeRenderer r = HouseStyle.lines();
    r.setSeriesPaint(0, HouseStyle.GREY);
    r.setSeriesLinesVisible(0, false);
    r.setSeriesShapesVisible(0, true);
    r.setSeriesShape(0, new Ellipse2D.Double(-5, -5, 10, 10));
    r.setSeriesPaint(1, HouseStyle.VERMILLION);
    r.setSeriesStroke(1, HouseStyle.LINE);
    NumberAxis x = style.valueAxis("Evaluation", false);
    x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    XYPlot plot = new XYPlot(data, x, style.valueAxis("Loss", true), r);
    style.style(plot);
    JFreeChart chart = style.frame(plot, title, subtitle, source, true, null, "");
    return new Chart(fileStem, title, "The loss of each evaluation in the order the search made them (dots), and the"
        + " lowest so far (line).", chart);
  }

  private static XYSeries dated(String name, List<LocalDate> months, double[] values) {
    XYSeries s = new XYSeries(name, false, true);
    for (int m = 0; m < months.size(); m++) {
      if (!Double.isNaN(values[m])) s.add(HouseStyle.millis(months.get(m)), values[m]);
    }
    return s;
  }

}
