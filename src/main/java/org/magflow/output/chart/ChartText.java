package org.magflow.output.chart;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** The words and numbers charts print: names inside sentences, numbers in titles and labels, file stems. */
public final class ChartText {
  private ChartText() {}

  /** An id as a heading: "ev" becomes "EV", "separation" "Separation", "rare_earths" "Rare earths". */
  static String capitalise(String s) {
    if (s.isEmpty()) return s;
    String spaced = s.replace('_', ' ');
    return s.length() <= 3 ? s.toUpperCase(Locale.ROOT) : Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
  }

  /**
   * A name inside a sentence: an ordinary capitalised first word is lower-cased ("Separated NdPr oxide" becomes
   * "separated NdPr oxide"), a symbol or acronym is kept ("NdPr oxide", "Dy/Tb oxide", "EV").
   */
  public static String lower(String name) {
    String first = name.split("[\\s]", 2)[0];
    if (first.length() > 1 && Character.isUpperCase(first.charAt(0))
        && first.substring(1).chars().noneMatch(Character::isUpperCase)) {
      return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
    return name;
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

  /** A design's name after "a" or "an", by its first letter: "a grid". */
  static String article(String design) {
    return (design.matches("^[aeiouAEIOU].*") ? "an " : "a ") + design;
  }

  /** A chart's name as a file stem: anything but letters, digits, '.', '-' and '_' becomes '_'. */
  static String safe(String stem) {
    return stem.replaceAll("[^A-Za-z0-9_.-]", "_");
  }
}
