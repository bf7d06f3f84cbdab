package org.magflow.output.chart;

import java.util.Objects;
import org.jfree.chart.JFreeChart;

/**
 * One chart, ready to be written or embedded.
 *
 * @param fileStem the file name without extension, e.g. {@code price-ndfeb_magnet}
 * @param title the chart's title, also used as the image's text alternative
 * @param caption one or two sentences on what the chart shows and how to read it
 */
public record Chart(String fileStem, String title, String caption, JFreeChart chart) {
  public Chart {
    Objects.requireNonNull(fileStem, "fileStem");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(caption, "caption");
    Objects.requireNonNull(chart, "chart");
  }
}
