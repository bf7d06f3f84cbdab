package org.magflow.output.report;

import static org.magflow.output.report.Html.esc;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.magflow.output.chart.ResultData;

/** A run's policy windows as bars on the scenario's calendar, drawn as inline SVG, and their dates in words. */
final class PolicyTimeline {
  private PolicyTimeline() {}

  /** The longest label drawn; a title is at most 80 characters, but a readable id may be longer. */
  private static final int MAX_LABEL = 110;

  /**
   * The policy windows as bars on the scenario's calendar, as an inline SVG drawing: each policy's name above its
   * bar, across the whole width, so that a title of a full line shows whole.
   */
  static String svg(ResultData d) {
    int width = 1000;
    int left = 10;
    int right = 20;
    int row = 42;
    int top = 30;
    int height = top + row * d.policies().size() + 10;
    LocalDate start = d.start();
    LocalDate end = d.end().plusDays(1);
    double days = Math.max(1, ChronoUnit.DAYS.between(start, end));
    java.util.function.ToDoubleFunction<LocalDate> x = date ->
        left + (width - left - right) * Math.max(0, Math.min(1, ChronoUnit.DAYS.between(start, date) / days));
    var s = new StringBuilder();
    s.append("<svg class=\"timeline\" viewBox=\"0 0 ").append(width).append(' ').append(height)
        .append("\" role=\"img\" aria-label=\"Policy timeline\" xmlns=\"http://www.w3.org/2000/svg\">\n");
    for (int year = start.getYear(); year <= end.getYear(); year++) {
      LocalDate jan1 = LocalDate.of(year, 1, 1);
      if (jan1.isBefore(start) || !jan1.isBefore(end)) continue; // no label for the day after the end
      double xx = x.applyAsDouble(jan1);
      s.append(String.format(java.util.Locale.ROOT,
          "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" class=\"grid\"/><text x=\"%.1f\" y=\"18\" "
              + "class=\"year\">%d</text>\n", xx, top - 6, xx, height - 6, xx + 4, year));
    }
    int i = 0;
    for (ResultData.PolicyWindow p : d.policies()) {
      double x0 = x.applyAsDouble(p.start());
      double x1 = x.applyAsDouble(p.end() == null ? end : p.end());
      int y = top + row * i++;
      s.append(String.format(java.util.Locale.ROOT,
          "<text x=\"%d\" y=\"%d\" class=\"name\">%s</text><rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" "
              + "rx=\"3\" class=\"bar%s\"><title>%s</title></rect>\n",
          left, y + 16, esc(ellipsis(p.title(), MAX_LABEL)), x0, y + 22, Math.max(2, x1 - x0), row - 28,
          p.end() == null ? " open" : "", esc(p.title() + ": " + inForce(p))));
    }
    s.append("</svg>\n");
    return s.toString();
  }

  /** When a policy is in force, in words: "1 Sep 2025 to 31 Dec 2025", or "from 1 Sep 2025, to the end". */
  static String inForce(ResultData.PolicyWindow p) {
    return p.end() == null ? "from " + Html.day(p.start()) + ", to the end"
        : Html.day(p.start()) + " to " + Html.day(p.end().minusDays(1));
  }

  private static String ellipsis(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "\u2026";
  }
}
