package org.magflow.output.report;

import static org.magflow.output.report.Html.esc;

import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.magflow.output.chart.Chart;
import org.magflow.output.chart.ChartText;
import org.magflow.output.chart.ChartWriter;
import org.magflow.output.chart.ResultInputException;
import org.magflow.output.chart.SweepChartOptions;
import org.magflow.output.chart.SweepCharts;
import org.magflow.output.chart.SweepData;

/**
 * The briefing on a sweep: one self-contained HTML file that states the question the sweep asks (its base
 * scenario, design, parameters and their ranges, replications and seed), what it found, the statistics per point
 * from {@code summary.csv}, every chart, and where the figures come from.
 *
 * <p>Self-contained as the run briefing is ({@link BriefingReport}): charts embedded as SVG data, inline styles,
 * no scripts, nothing fetched from another file or the network; a browser prints it to PDF.
 */
public final class SweepReport {
  /** The most KPIs whose heatmap, tornado or Sobol chart the briefing shows (the sweep's first ones). */
  static final int MAX_KPI_CHARTS = 8;
  /** The most rows of the per-point table; the rest are counted and left to summary.csv. */
  static final int MAX_TABLE_ROWS = 120;

  private final SweepCharts charts = new SweepCharts();
  private final ChartWriter writer = new ChartWriter();

  /**
   * The briefing on the sweep {@code d}.
   *
   * @throws ResultInputException if the sweep's charts cannot be drawn from its folder
   */
  public String render(SweepData d) throws ResultInputException {
    var h = new StringBuilder(1 << 20);
    String title = d.name();
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<meta name=\"generator\" content=\"magflow ").append(esc(d.magflowVersion())).append("\">\n")
        .append("<title>magflow sweep briefing: ").append(esc(title)).append("</title>\n<style>\n")
        .append(ReportPage.CSS).append(CSS).append("</style>\n</head>\n<body>\n<main>\n");
    h.append("<header class=\"cover\">\n<p class=\"kicker\">magflow sweep briefing</p>\n<h1>").append(esc(title))
        .append("</h1>\n");
    if (!d.description().isEmpty()) h.append("<p class=\"lede\">").append(esc(d.description())).append("</p>\n");
    h.append("<p class=\"meta\">").append(esc(d.sweepFile().isEmpty() ? d.name() : d.sweepFile())).append(" · ")
        .append(esc(d.designName())).append(" design · ").append(d.runs()).append(" runs · master seed ")
        .append(d.masterSeed()).append("<br>base scenario ").append(esc(d.baseScenarioFile())).append(" · magflow ")
        .append(esc(d.magflowVersion())).append("</p>\n</header>\n");

    List<ScenarioNotes.Notes> notes = ScenarioNotes.read(d.sweepFile(), d.sweepSha256());
    section(h, "question", "The question");
    h.append("<p class=\"question\">").append(esc(question(d, notes))).append("</p>\n");
    design(h, d);
    h.append("</section>\n");

    section(h, "findings", "At a glance");
    h.append("<ul class=\"findings\">\n");
    for (String f : findings(d)) h.append("<li>").append(f).append("</li>\n");
    h.append("</ul>\n</section>\n");

    section(h, "summary", "Statistics per point");
    summaryTables(h, d);
    h.append("</section>\n");

    section(h, "charts", "Charts");
    List<Chart> drawn = charts(d);
    if (drawn.isEmpty()) h.append("<p class=\"note\">This sweep has no series or design to chart.</p>\n");
    for (Chart c : drawn) ReportPage.figure(h, c, "", writer);
    h.append("</section>\n");

    section(h, "provenance", "Provenance");
    provenance(h, d, notes);
    h.append("</section>\n");

    h.append("<footer>\n<p>Made by magflow ").append(esc(d.magflowVersion())).append(" from the sweep folder <code>")
        .append(esc(d.dir().toString())).append("</code>. The figures are the output of a simulation model under the "
            + "stated assumptions, over the ranges swept: they show what follows from those assumptions, not a "
            + "forecast.</p>\n</footer>\n</main>\n</body>\n</html>\n");
    return h.toString();
  }

  /** Writes the briefing on {@code d} to {@code file} atomically, as {@link BriefingReport#write} does. */
  public void write(SweepData d, Path file) throws IOException, ResultInputException {
    ReportPage.writeAtomically(render(d), file);
  }

  /**
   * The charts of the briefing: the fan charts {@code magflow sweep} draws, and the heatmap, tornado or Sobol
   * chart for each of the first {@link #MAX_KPI_CHARTS} KPIs.
   */
  List<Chart> charts(SweepData d) throws ResultInputException {
    List<String> kpis = d.kpis().stream().limit(MAX_KPI_CHARTS).map(SweepData.Kpi::name).toList();
    var all = new ArrayList<Chart>();
    for (SweepCharts.Kind kind : SweepCharts.Kind.values()) {
      boolean perKpi = kind == SweepCharts.Kind.HEATMAP || kind == SweepCharts.Kind.TORNADO
          || kind == SweepCharts.Kind.SOBOL;
      boolean applies = switch (kind) {
        case FAN_PRICE, FAN_SHORTAGE -> !d.fan().isEmpty();
        case HEATMAP -> SweepCharts.heatmapApplies(d);
        case TORNADO -> !d.tornado().isEmpty();
        case SOBOL -> !d.sobol().isEmpty();
      };
      if (!applies || (perKpi && kpis.isEmpty())) continue;
      try {
        all.addAll(charts.build(d, new SweepChartOptions(kind.id(), perKpi ? kpis : List.of(), List.of(), List.of(),
            null, null)));
      } catch (ResultInputException e) {
        if (kind != SweepCharts.Kind.FAN_SHORTAGE) throw e; // no region ran short: nothing to draw
      }
    }
    return all;
  }

  // ------------------------------------------------------------------------------------------- the question

  /**
   * The question the sweep asks: the sweep file's own opening question (its first comment paragraph, if it asks
   * one), its description, or one built from its parameters and KPIs.
   */
  static String question(SweepData d, List<ScenarioNotes.Notes> notes) {
    if (!notes.isEmpty() && !notes.get(0).paragraphs().isEmpty()) {
      String first = notes.get(0).paragraphs().get(0).strip();
      String lower = first.toLowerCase(Locale.ROOT);
      for (String lead : List.of("what this file asks:", "question:", "the question:")) {
        if (lower.startsWith(lead)) return capital(first.substring(lead.length()).strip());
      }
      if (first.endsWith("?")) return first;
    }
    String params = and(d.parameters().stream().map(SweepData.Parameter::name).toList());
    List<String> named = new ArrayList<>(d.kpis().stream().limit(4).map(k -> ChartText.lower(k.what())).toList());
    if (d.kpis().size() > 4) named.add("the other KPIs");
    String kpis = named.isEmpty() ? "the outcomes" : and(named);
    String built = "How do " + kpis + " respond when " + params + " vary, starting from " + d.baseScenarioName() + "?";
    return d.description().isEmpty() ? built : capital(d.description()) + ". " + built;
  }

  private static void design(StringBuilder h, SweepData d) {
    h.append("<table class=\"facts\">\n");
    fact(h, "Base scenario", d.baseScenarioName() + (d.baseScenarioFile().isEmpty() ? ""
        : " (" + d.baseScenarioFile() + ")"));
    fact(h, "Design", d.designName() + ": " + designText(d));
    fact(h, "Points", d.points() + (d.samples().isPresent() ? " (" + d.samples().get() + " samples)" : ""));
    fact(h, "Replications", d.replications() + " per point, on common random numbers (replication k of every point "
        + "draws the same random streams)");
    fact(h, "Runs", Integer.toString(d.runs()));
    fact(h, "Master seed", Long.toString(d.masterSeed()));
    h.append("</table>\n");
    boolean oat = !d.parameters().isEmpty() && d.parameters().stream().anyMatch(p -> !p.low().isEmpty());
    h.append("<table class=\"kpi\" id=\"parameters\">\n<thead><tr><th>Parameter</th><th>Sets</th><th>Values</th>"
        + "<th class=\"n\">Base value</th>").append(oat ? "<th class=\"n\">Low</th><th class=\"n\">High</th>" : "")
        .append("</tr></thead>\n<tbody>\n");
    for (SweepData.Parameter p : d.parameters()) {
      String how = (p.multiply() ? "multiplies " : "") + p.path() + (p.anchor().isEmpty() ? "" : ", " + p.anchor());
      h.append("<tr><td><b>").append(esc(p.name())).append("</b></td><td><code>").append(esc(how))
          .append("</code></td><td>").append(esc(p.domain())).append("</td><td class=\"n\">")
          .append(esc(p.baseValue())).append("</td>");
      if (oat) {
        h.append("<td class=\"n\">").append(esc(value(p.low()))).append("</td><td class=\"n\">")
            .append(esc(value(p.high()))).append("</td>");
      }
      h.append("</tr>\n");
    }
    h.append("</tbody></table>\n");
    h.append("<table class=\"kpi\" id=\"kpis\">\n<thead><tr><th>KPI</th><th>Measures</th><th>Path in a run's "
        + "summary.json</th></tr></thead>\n<tbody>\n");
    for (SweepData.Kpi k : d.kpis()) {
      h.append("<tr><td><b>").append(esc(k.name())).append("</b></td><td>").append(esc(k.axisLabel()))
          .append("</td><td><code>").append(esc(k.path())).append("</code></td></tr>\n");
    }
    h.append("</tbody></table>\n");
  }

  private static String designText(SweepData d) {
    return switch (d.design()) {
      case "grid" -> "every combination of the parameters' values, the first varying slowest";
      case "monte-carlo" -> "independent random draws of the parameters";
      case "latin-hypercube" -> "random draws with exactly one in each of the equally likely strata of every "
          + "parameter";
      case "sobol" -> "Saltelli's design (matrices A, B and A with each column from B) for first-order and total "
          + "Sobol indices";
      case "one-at-a-time" -> "the base scenario, then each parameter alone at its low and high end";
      default -> d.design();
    };
  }

  // ------------------------------------------------------------------------------------------- findings

  /** The headline numbers, as HTML list items (already escaped): one per KPI, by what the design can say. */
  static List<String> findings(SweepData d) {
    var out = new ArrayList<String>();
    Map<String, List<SweepData.SummaryRow>> byKpi = new LinkedHashMap<>();
    for (SweepData.SummaryRow r : d.summary()) byKpi.computeIfAbsent(r.kpi(), k -> new ArrayList<>()).add(r);
    for (SweepData.Kpi k : d.kpis()) {
      List<SweepData.SummaryRow> rows = byKpi.getOrDefault(k.name(), List.of());
      String what = "<b>" + esc(k.what()) + "</b>";
      String unit = esc(k.unitAfterNumber());
      Optional<SweepData.SummaryRow> all = rows.stream().filter(r -> r.point().equals("all")).findFirst();
      List<SweepData.SummaryRow> points = rows.stream().filter(r -> !r.point().equals("all"))
          .filter(r -> !Double.isNaN(r.mean())).toList();
      if (d.design().equals("one-at-a-time") && !d.tornado().isEmpty()) {
        Optional<SweepData.TornadoRow> top = d.tornado().stream().filter(t -> t.kpi().equals(k.name())).findFirst();
        if (top.isPresent()) {
          SweepData.TornadoRow t = top.get();
          out.add(what + ": " + num(t.atBase()) + unit + " in the base scenario; most sensitive to <b>"
              + esc(t.parameter()) + "</b>: " + num(t.atLow()) + unit + " at " + esc(value(t.low())) + ", "
              + num(t.atHigh()) + unit + " at " + esc(value(t.high())) + ".");
          continue;
        }
      }
      if (d.design().equals("sobol") && !d.sobol().isEmpty()) {
        Optional<SweepData.SobolRow> top = d.sobol().stream().filter(s -> s.kpi().equals(k.name()))
            .filter(s -> !Double.isNaN(s.st())).max(Comparator.comparingDouble(SweepData.SobolRow::st));
        if (top.isPresent()) {
          SweepData.SobolRow s = top.get();
          out.add(what + ": <b>" + esc(s.parameter()) + "</b> accounts for the largest share of its variance "
              + "(total index " + num(s.st()) + ", 95% interval " + num(s.stLow()) + " to " + num(s.stHigh())
              + "; first-order " + num(s.s1()) + ").");
          continue;
        }
      }
      if (all.isPresent() && !Double.isNaN(all.get().mean())) {
        SweepData.SummaryRow a = all.get();
        out.add(what + ": mean " + num(a.mean()) + unit + " over " + a.n() + " runs (95% interval of the mean "
            + num(a.ciLow()) + " to " + num(a.ciHigh()) + "); 90% of runs between " + num(a.p5()) + " and "
            + num(a.p95()) + unit + ", median " + num(a.p50()) + ".");
      } else if (!points.isEmpty()) {
        SweepData.SummaryRow max = points.stream().max(Comparator.comparingDouble(SweepData.SummaryRow::mean))
            .orElseThrow();
        SweepData.SummaryRow min = points.stream().min(Comparator.comparingDouble(SweepData.SummaryRow::mean))
            .orElseThrow();
        long zeros = points.stream().filter(r -> r.mean() == 0).count();
        out.add(what + ": from " + num(min.mean()) + unit + " (" + esc(setting(d, min)) + ") to " + num(max.mean())
            + unit + " (" + esc(setting(d, max)) + ")" + (zeros > 0 && zeros < points.size() ? "; zero at " + zeros
            + " of " + points.size() + " points" : "") + ".");
      } else {
        out.add(what + ": no run reported it (the figure does not exist in these runs).");
      }
    }
    if (out.isEmpty()) out.add("The sweep has no KPIs.");
    return out;
  }

  /** A point's setting in words: "cut = 0.9, months = 24", or its label in a Sobol or one-at-a-time design. */
  private static String setting(SweepData d, SweepData.SummaryRow r) {
    var parts = new ArrayList<String>();
    for (int i = 0; i < d.parameters().size() && i < r.values().size(); i++) {
      parts.add(d.parameters().get(i).name() + " = " + value(r.values().get(i)));
    }
    String s = String.join(", ", parts);
    return r.label().isEmpty() ? s : r.label() + (s.isEmpty() ? "" : ": " + s);
  }

  // ------------------------------------------------------------------------------------------- summary table

  private static void summaryTables(StringBuilder h, SweepData d) {
    List<SweepData.SummaryRow> all = d.summary().stream().filter(r -> r.point().equals("all")).toList();
    if (!all.isEmpty()) {
      h.append("<h3>Over all ").append(d.runs()).append(" runs</h3>\n");
      h.append("<table class=\"kpi stats\" id=\"summary-all\">\n<thead><tr><th>KPI</th>").append(STAT_HEAD)
          .append("</tr></thead>\n<tbody>\n");
      for (SweepData.SummaryRow r : all) {
        h.append("<tr><td>").append(kpiCell(d, r.kpi())).append("</td>").append(stats(r)).append("</tr>\n");
      }
      h.append("</tbody></table>\n");
    }
    Map<String, List<SweepData.SummaryRow>> byPoint = new LinkedHashMap<>();
    for (SweepData.SummaryRow r : d.summary()) {
      if (!r.point().equals("all")) byPoint.computeIfAbsent(r.point(), p -> new ArrayList<>()).add(r);
    }
    if (byPoint.isEmpty()) return;
    String first = d.kpis().isEmpty() ? "" : d.kpis().get(0).name();
    Comparator<List<SweepData.SummaryRow>> byFirst = Comparator.comparingDouble(rows -> {
      double m = rows.stream().filter(r -> r.kpi().equals(first)).findFirst().map(SweepData.SummaryRow::mean)
          .orElse(Double.NaN);
      return Double.isNaN(m) ? Double.POSITIVE_INFINITY : -m;
    });
    List<List<SweepData.SummaryRow>> points = byPoint.values().stream().sorted(byFirst).toList();
    boolean single = d.summary().stream().filter(r -> !r.point().equals("all")).allMatch(r -> r.n() <= 1);
    int kpis = Math.max(1, d.kpis().size());
    int shown = Math.min(points.size(), single ? 25 : Math.max(5, Math.min(25, MAX_TABLE_ROWS / kpis)));
    boolean labels = points.stream().anyMatch(rows -> !rows.get(0).label().isEmpty());

    h.append("<h3>By point</h3>\n<p class=\"note\">");
    if (shown < points.size()) {
      h.append("The ").append(shown).append(" points with the highest mean ").append(esc(first))
          .append(" of ").append(points.size()).append("; ").append(points.size() - shown)
          .append(" more in <code>summary.csv</code>. ");
    } else {
      h.append("Every point, highest mean ").append(esc(first)).append(" first. ");
    }
    h.append(single ? "One run per point, so each figure is that run's."
        : "Each KPI over the point's " + d.replications() + " replications: mean, 95% confidence interval of the "
            + "mean (Student's t), and the 5th, 50th and 95th percentiles.").append("</p>\n");
    if (single) {
      h.append("<div class=\"scroll\"><table class=\"kpi stats\" id=\"summary-points\">\n<thead><tr>")
          .append(labels ? "<th>Point</th>" : "<th class=\"n\">Point</th>");
      for (SweepData.Parameter p : d.parameters()) h.append("<th class=\"n\">").append(esc(p.name())).append("</th>");
      for (SweepData.Kpi k : d.kpis()) {
        h.append("<th class=\"n\" title=\"").append(esc(k.axisLabel())).append("\">")
            .append(esc(k.name()).replace("_", "_<wbr>")).append("</th>");
      }
      h.append("</tr></thead>\n<tbody>\n");
      for (List<SweepData.SummaryRow> rows : points.subList(0, shown)) {
        SweepData.SummaryRow r0 = rows.get(0);
        h.append("<tr><td").append(labels ? ">" : " class=\"n\">").append(esc(pointName(r0))).append("</td>");
        for (String v : r0.values()) h.append("<td class=\"n\">").append(esc(value(v))).append("</td>");
        for (SweepData.Kpi k : d.kpis()) {
          double m = rows.stream().filter(r -> r.kpi().equals(k.name())).findFirst()
              .map(SweepData.SummaryRow::mean).orElse(Double.NaN);
          h.append("<td class=\"n\">").append(num(m)).append("</td>");
        }
        h.append("</tr>\n");
      }
      h.append("</tbody></table></div>\n");
    } else {
      h.append("<table class=\"kpi stats\" id=\"summary-points\">\n<thead><tr><th>Point</th><th>Setting</th>"
          + "<th>KPI</th>").append(STAT_HEAD).append("</tr></thead>\n<tbody>\n");
      for (List<SweepData.SummaryRow> rows : points.subList(0, shown)) {
        SweepData.SummaryRow r0 = rows.get(0);
        String settingText = settingHtml(d, r0);
        for (int i = 0; i < rows.size(); i++) {
          SweepData.SummaryRow r = rows.get(i);
          h.append(i == 0 ? "<tr class=\"point\">" : "<tr>");
          if (i == 0) {
            h.append("<td rowspan=\"").append(rows.size()).append("\">").append(esc(pointName(r0)))
                .append("</td><td class=\"setting\" rowspan=\"").append(rows.size()).append("\">")
                .append(settingText).append("</td>");
          }
          h.append("<td title=\"").append(esc(d.kpi(r.kpi()).map(SweepData.Kpi::axisLabel).orElse("")))
              .append("\">").append(esc(r.kpi())).append("</td>").append(stats(r)).append("</tr>\n");
        }
      }
      h.append("</tbody></table>\n");
    }
  }

  private static final String STAT_HEAD = "<th class=\"n\">n</th><th class=\"n\">Mean</th><th class=\"n\">95% CI"
      + "</th><th class=\"n\">p5</th><th class=\"n\">p50</th><th class=\"n\">p95</th>";

  private static String stats(SweepData.SummaryRow r) {
    String ci = Double.isNaN(r.ciLow()) ? "\u2014" : num(r.ciLow()) + " to " + num(r.ciHigh());
    return "<td class=\"n\">" + r.n() + "</td><td class=\"n\"><b>" + num(r.mean()) + "</b></td><td class=\"n\">" + ci
        + "</td><td class=\"n\">" + num(r.p5()) + "</td><td class=\"n\">" + num(r.p50()) + "</td><td class=\"n\">"
        + num(r.p95()) + "</td>";
  }

  private static String kpiCell(SweepData d, String name) {
    Optional<SweepData.Kpi> k = d.kpi(name);
    return "<b>" + esc(name) + "</b>" + k.map(x -> "<br><span class=\"unit\">" + esc(x.axisLabel()) + "</span>")
        .orElse("");
  }

  private static String pointName(SweepData.SummaryRow r) {
    return r.label().isEmpty() ? r.point() : r.point() + " (" + r.label() + ")";
  }

  /** A point's parameter values as HTML, one per line: "approval = 0.721". */
  private static String settingHtml(SweepData d, SweepData.SummaryRow r) {
    var parts = new ArrayList<String>();
    for (int i = 0; i < d.parameters().size() && i < r.values().size(); i++) {
      parts.add(esc(d.parameters().get(i).name()) + " = " + esc(value(r.values().get(i))));
    }
    return String.join("<br>", parts);
  }

  /** A parameter value as shown: a number to about three figures, anything else as written. */
  static String value(String text) {
    try {
      double v = Double.parseDouble(text);
      return Double.isFinite(v) ? num(v) : text;
    } catch (NumberFormatException e) {
      return text;
    }
  }

  // ------------------------------------------------------------------------------------------- provenance

  private static void provenance(StringBuilder h, SweepData d, List<ScenarioNotes.Notes> notes) {
    h.append("<table class=\"facts\">\n");
    fact(h, "Sweep file", d.sweepFile() + (d.sweepSha256().isEmpty() ? "" : " (SHA-256 " + d.sweepSha256() + ")"));
    fact(h, "Base scenario", d.baseScenarioFile() + (d.baseScenarioSha256().isEmpty() ? ""
        : " (SHA-256 " + d.baseScenarioSha256() + ")"));
    if (!d.resolvedScenarioSha256().isEmpty()) fact(h, "Resolved base scenario", "SHA-256 " + d.resolvedScenarioSha256());
    fact(h, "Master seed", Long.toString(d.masterSeed()));
    fact(h, "magflow", d.magflowVersion() + (d.javaVersion().isEmpty() ? "" : " on Java " + d.javaVersion()));
    if (!d.command().isEmpty()) fact(h, "Command", d.command());
    if (!d.startedAt().isEmpty()) {
      fact(h, "Ran", d.startedAt() + (Double.isNaN(d.wallSeconds()) ? "" : ", " + Html.number(d.wallSeconds(), 1)
          + " s") + (d.executor().isEmpty() ? "" : " on " + d.executor())
          + (d.resumedRuns() > 0 ? "; " + d.resumedRuns() + " runs from an interrupted go, resumed" : ""));
    }
    fact(h, "Files", String.join(", ", d.files()));
    h.append("</table>\n");
    h.append("<p class=\"note\">Runs with the same replication share their random streams whatever their point "
        + "(common random numbers), so points differ by their parameters, not by their luck. The results are "
        + "byte-identical whatever the number of threads.</p>\n");
    for (ScenarioNotes.Notes n : notes) {
      h.append("<h3>From <code>").append(esc(n.file())).append("</code></h3>\n");
      if (n.changedSinceRun()) {
        h.append("<p class=\"note\">This file has changed since the sweep ran; the notes below are its current "
            + "text.</p>\n");
      }
      h.append("<div class=\"notes\">\n");
      for (String p : n.paragraphs()) h.append("<p>").append(esc(p)).append("</p>\n");
      h.append("</div>\n");
    }
  }

  // ------------------------------------------------------------------------------------------- helpers

  private static void section(StringBuilder h, String id, String title) {
    h.append("<section id=\"").append(esc(id)).append("\">\n<h2>").append(esc(title)).append("</h2>\n");
  }

  private static void fact(StringBuilder h, String key, String value) {
    h.append("<tr><th>").append(esc(key)).append("</th><td>").append(esc(value)).append("</td></tr>\n");
  }

  /** "a", "a and b", "a, b and c". */
  private static String and(List<String> items) {
    if (items.size() <= 1) return String.join("", items);
    return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
  }

  private static String capital(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** A figure to about three significant digits, thousands grouped, a true minus; an em dash for none. */
  static String num(double v) {
    if (Double.isNaN(v)) return "\u2014";
    double a = Math.abs(v);
    if (a > 0 && a < 0.0005) return "\u22480"; // ≈0: a figure that rounds to nothing, without 5.3E−4
    String pattern = a >= 100 ? "#,##0" : a >= 10 ? "0.#" : a >= 1 ? "0.##" : "0.###";
    return new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.UK)).format(v).replace("-", "\u2212");
  }

  private static final String CSS = """
      .scroll { overflow-x: auto; }
      table.stats td { white-space: nowrap; }
      table.stats thead th { vertical-align: bottom; white-space: normal; }
      table.stats td.setting { white-space: normal; font-size: 0.85rem; }
      table.stats .unit { color: var(--muted); font-size: 0.85em; }
      tr.point td { border-top: 1px solid #999; }
      #parameters code, #kpis code { font-size: 0.82em; word-break: break-all; }
      """;
}
