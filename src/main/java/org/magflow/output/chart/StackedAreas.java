package org.magflow.output.chart;

import java.awt.Color;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.renderer.xy.XYAreaRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Stacked areas, as the shortage and production-share charts draw them, and their legend of colour squares. */
final class StackedAreas {
  private StackedAreas() {}

  /** Stacked areas as a plot draws them: a dataset of running totals and the renderer that fills them. */
  record Stack(XYSeriesCollection dataset, XYAreaRenderer renderer) {}

  /**
   * Stacked areas: {@code keys} from the bottom up, drawn as running totals from the top one down, each as a
   * single filled polygon; the plot must keep its default (reverse) series rendering order. JFreeChart's own
   * stacked renderers fill one polygon per data point, which leaves hairline seams in SVG viewers.
   */
  static Stack stack(List<String> keys, Map<String, ? extends Map<LocalDate, Double>> values,
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
  static LegendItemCollection legend(List<String> keys, Map<String, Color> colours,
                                     Function<String, String> label) {
    var legend = new LegendItemCollection();
    for (String k : keys) {
      legend.add(HouseStyle.legendSquare(label.apply(k), colours.getOrDefault(k, HouseStyle.GREY)));
    }
    return legend;
  }
}
