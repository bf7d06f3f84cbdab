package org.magflow.output.report;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Small helpers for writing the briefing's HTML: escaping and the number and date formats of its tables. */
final class Html {
  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM yyyy", Locale.ENGLISH);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

  private Html() {}

  /** {@code text} with the characters that mean something in HTML replaced by entities. */
  static String esc(String text) {
    if (text == null) return "";
    StringBuilder s = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> s.append("&amp;");
        case '<' -> s.append("&lt;");
        case '>' -> s.append("&gt;");
        case '"' -> s.append("&quot;");
        case '\'' -> s.append("&#39;");
        default -> s.append(c);
      }
    }
    return s.toString();
  }

  /**
   * Prose from a scenario's comments or description, escaped, with {@code `code`} spans set as code, as their
   * authors wrote them in Markdown style; an unpaired backtick stays as it is.
   */
  static String prose(String text) {
    return esc(text).replaceAll("`([^`]+)`", "<code>$1</code>");
  }

  /** Tonnes with thousands separators and no decimals: 12,345. */
  static String tonnes(double t) {
    return format("#,##0", t);
  }

  /** A number with up to {@code decimals} decimals. */
  static String number(double v, int decimals) {
    return format("#,##0" + (decimals > 0 ? "." + "#".repeat(decimals) : ""), v);
  }

  /** A percentage with one decimal: 12.3%. */
  static String percent(double p) {
    return format("0.0", p) + "%";
  }

  /** A signed change in percent, with a true minus sign: +4.2%, −23.1%. */
  static String change(double p) {
    String s = format("0.0", Math.abs(p));
    if (s.equals("0.0")) return "0.0%";
    return (p < 0 ? "\u2212" : "+") + s + "%";
  }

  /** A multiple of a reference: 1.17×. */
  static String multiple(double m) {
    return format("0.00", m) + "\u00d7";
  }

  /** A reporting date as its month: Sep 2025; an em dash if absent. */
  static String month(LocalDate d) {
    return d == null ? "\u2014" : MONTH.format(d);
  }

  /** A date in full: 1 Sep 2025. */
  static String day(LocalDate d) {
    return d == null ? "\u2014" : DAY.format(d);
  }

  private static String format(String pattern, double v) {
    DecimalFormat f = new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.UK));
    String s = f.format(v);
    return s.replace("-", "\u2212"); // a minus sign, not a hyphen
  }
}
