package org.magflow.output.chart;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A file format for charts. */
public enum ChartFormat {
  /** 1600 × 900 pixels: crisp on a projector, pastes into slides as is. */
  PNG("png"),
  /** Vector, with text kept as text: scales to any size, edits in Inkscape or Illustrator. */
  SVG("svg");

  private final String extension;

  ChartFormat(String extension) {
    this.extension = extension;
  }

  /** The file extension, without the dot. */
  public String extension() {
    return extension;
  }

  /** The format with this name (case-insensitive), if any. */
  public static Optional<ChartFormat> byName(String name) {
    return Arrays.stream(values()).filter(f -> f.extension.equals(name.toLowerCase(Locale.ROOT))).findFirst();
  }
}
