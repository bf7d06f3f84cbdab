package org.magflow.output.report;

import static org.magflow.output.report.Html.esc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.magflow.output.RunInfo;
import org.magflow.output.RunSummary;
import org.magflow.output.chart.Chart;
import org.magflow.output.chart.ChartOptions;
import org.magflow.output.chart.ChartWriter;
import org.magflow.output.chart.Charts;
import org.magflow.output.chart.ResultData;
import org.magflow.output.chart.ResultInputException;

/**
 * The briefing: one self-contained HTML file per run or comparison of runs, for readers who will never open
 * a CSV. It states the question, the scenario and its policy timeline, the key figures, the charts, and the
 * assumptions with their sources; with several runs it starts with a side-by-side comparison.
 *
 * <p>Self-contained means: charts are embedded as SVG data, styles are inline, fonts are the reader's own,
 * and nothing refers to another file or to the network, so the file can be mailed, archived or printed to
 * PDF from any browser (the print styles lay it out on A4 landscape).
 */
public final class BriefingReport {
  /** The default file name of a briefing. */
  public static final String FILE_NAME = "report.html";

  private static final String EXPORTER = "CN";

  private final Charts charts = new Charts();
  private final ChartWriter writer = new ChartWriter();

  /**
   * The briefing on {@code runs}: one run, or several compared side by side.
   *
   * @throws ResultInputException if a run's charts cannot be drawn from its folder
   */
  public String render(List<ResultData> runs) throws ResultInputException {
    if (runs.isEmpty()) throw new IllegalArgumentException("a briefing needs at least one run");
    var h = new StringBuilder(1 << 20);
    boolean comparison = runs.size() > 1;
    List<String> labels = Charts.runLabels(runs);
    String title = comparison
        ? "Comparison of " + runs.size() + " scenarios"
        : runs.get(0).scenarioName();
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<meta name=\"generator\" content=\"magflow ").append(esc(runs.get(0).magflowVersion())).append("\">\n")
        .append("<title>magflow briefing: ").append(esc(title)).append("</title>\n<style>\n").append(CSS)
        .append("</style>\n</head>\n<body>\n<main>\n");
    h.append("<header class=\"cover\">\n<p class=\"kicker\">magflow briefing</p>\n<h1>").append(esc(title))
        .append("</h1>\n");
    if (comparison) {
      h.append("<p class=\"lede\">").append(esc(String.join(" · ", labels))).append("</p>\n");
    } else if (!runs.get(0).description().isEmpty()) {
      h.append("<p class=\"lede\">").append(esc(runs.get(0).description())).append("</p>\n");
    }
    h.append("<p class=\"meta\">");
    h.append(runs.stream().map(d -> esc(d.scenarioFile().isEmpty() ? d.scenarioName() : d.scenarioFile())
        + " · seed " + d.seed() + " · " + Html.day(d.start()) + " to " + Html.day(d.end()))
        .collect(Collectors.joining("<br>")));
    h.append("<br>magflow ").append(esc(runs.stream().map(ResultData::magflowVersion).distinct()
        .collect(Collectors.joining(", ")))).append("</p>\n</header>\n");

    if (comparison) {
      h.append("<nav class=\"toc\"><h2>Contents</h2><ol>");
      h.append("<li><a href=\"#comparison\">Side by side</a></li>");
      for (int i = 0; i < runs.size(); i++) {
        h.append("<li><a href=\"#run-").append(i + 1).append("\">").append(esc(labels.get(i))).append("</a></li>");
      }
      h.append("</ol></nav>\n");
      comparison(h, runs, labels);
      for (int i = 0; i < runs.size(); i++) {
        h.append("<section class=\"run\" id=\"run-").append(i + 1).append("\">\n<h2>").append(i + 1).append(". ")
            .append(esc(labels.get(i))).append("</h2>\n");
        if (!runs.get(i).description().isEmpty()) {
          h.append("<p class=\"lede\">").append(esc(runs.get(i).description())).append("</p>\n");
        }
        runBody(h, runs.get(i), "run-" + (i + 1) + "-", 3);
        h.append("</section>\n");
      }
    } else {
      runBody(h, runs.get(0), "", 2);
    }
    h.append("<footer>\n<p>Made by magflow ").append(esc(runs.get(0).magflowVersion()))
        .append(" from the result folder").append(comparison ? "s " : " ")
        .append(runs.stream().map(d -> "<code>" + esc(d.dir().toString()) + "</code>")
            .collect(Collectors.joining(", ")))
        .append(". The figures are the output of a simulation model under the stated assumptions: they show "
            + "what follows from those assumptions, not a forecast.</p>\n</footer>\n");
    h.append("</main>\n</body>\n</html>\n");
    return h.toString();
  }

  /**
   * Writes the briefing on {@code runs} to {@code file} atomically: into a temporary file beside it, then
   * moved into place, so a reader never sees half a report and a failure leaves an earlier one intact.
   */
  public void write(List<ResultData> runs, Path file) throws IOException, ResultInputException {
    writeAtomically(render(runs), file);
  }

  /** Writes {@code html} to {@code file} through a temporary file beside it, moved into place. */
  static void writeAtomically(String html, Path file) throws IOException {
    Path absolute = file.toAbsolutePath();
    Path dir = absolute.getParent();
    Files.createDirectories(dir);
    // Named by hand rather than by createTempFile, which would give the report owner-only permissions.
    Path temp = dir.resolve("." + absolute.getFileName() + "." + ProcessHandle.current().pid() + "-"
        + System.nanoTime() + ".tmp");
    try {
      Files.writeString(temp, html, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
      try {
        Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  // ------------------------------------------------------------------------------------------- one run

  private void runBody(StringBuilder h, ResultData d, String id, int level) throws ResultInputException {
    String hn = "h" + level;
    List<ScenarioNotes.Notes> notes = ScenarioNotes.read(d.scenarioFile(),
        d.runInfo().map(RunInfo::scenarioSha256).orElse(""));

    section(h, id + "question", hn, "The question");
    h.append("<p class=\"question\">").append(esc(question(d, notes))).append("</p>\n</section>\n");

    section(h, id + "findings", hn, "Key findings");
    h.append("<ul class=\"findings\">\n");
    for (String f : findings(d)) h.append("<li>").append(f).append("</li>\n");
    h.append("</ul>\n</section>\n");

    section(h, id + "scenario", hn, "The scenario");
    if (!d.description().isEmpty()) h.append("<p>").append(esc(d.description())).append("</p>\n");
    h.append("<table class=\"facts\">\n");
    fact(h, "Scenario", d.scenarioName());
    fact(h, "File", d.scenarioFile().isEmpty() ? "\u2014" : d.scenarioFile());
    fact(h, "Horizon", Html.day(d.start()) + " to " + Html.day(d.end()) + ", reported each " + d.period());
    fact(h, "Seed", Long.toString(d.seed()));
    fact(h, "Regions", d.regions().stream().map(r -> r.name() + " (" + r.id() + ")").collect(Collectors.joining(", ")));
    fact(h, "Commodities", d.commodities().stream().map(ResultData.Commodity::name).collect(Collectors.joining(", ")));
    fact(h, "Compared with", d.hasCounterfactual() || d.summary().counterfactualCompared()
        ? "the same scenario, seed and random draws with every policy removed (the counterfactual)"
        : "no counterfactual: the scenario has no policies");
    fact(h, "magflow", d.magflowVersion());
    h.append("</table>\n</section>\n");

    section(h, id + "timeline", hn, "Policy timeline");
    if (d.policies().isEmpty()) {
      h.append("<p>No policies: this is a world without shocks, the reference for the others.</p>\n");
    } else {
      h.append(timeline(d));
      h.append("<table class=\"kpi\">\n<thead><tr><th>Policy</th><th>Type</th><th>In force</th><th>Details</th>"
          + "</tr></thead>\n<tbody>\n");
      for (ResultData.PolicyWindow p : d.policies()) {
        h.append("<tr><td>").append(esc(p.name())).append("</td><td>").append(esc(p.type())).append("</td><td>")
            .append(esc(inForce(p))).append("</td><td class=\"details\">")
            .append(p.details().entrySet().stream().filter(e -> !e.getKey().equals("source"))
                .map(e -> "<b>" + esc(e.getKey()) + "</b> " + esc(e.getValue())).collect(Collectors.joining("; ")))
            .append("</td></tr>\n");
      }
      h.append("</tbody></table>\n");
    }
    h.append("</section>\n");

    section(h, id + "kpis", hn, "Key figures");
    kpiTables(h, d, "h" + (level + 1));
    h.append("</section>\n");

    section(h, id + "charts", hn, "Charts");
    for (Chart c : charts.build(d, ChartOptions.all())) figure(h, c, id);
    h.append("</section>\n");

    section(h, id + "assumptions", hn, "Assumptions and sources");
    assumptions(h, d, notes, "h" + (level + 1));
    h.append("</section>\n");
  }

  private static void section(StringBuilder h, String id, String hn, String title) {
    h.append("<section id=\"").append(esc(id)).append("\">\n<").append(hn).append('>').append(esc(title))
        .append("</").append(hn).append(">\n");
  }

  private static void fact(StringBuilder h, String key, String value) {
    h.append("<tr><th>").append(esc(key)).append("</th><td>").append(esc(value)).append("</td></tr>\n");
  }

  private static String inForce(ResultData.PolicyWindow p) {
    return p.end() == null ? "from " + Html.day(p.start()) + ", to the end"
        : Html.day(p.start()) + " to " + Html.day(p.end().minusDays(1));
  }

  /**
   * The question the run answers: the scenario file's own "What this file asks" paragraph if it has one,
   * otherwise one built from its policies.
   */
  static String question(ResultData d, List<ScenarioNotes.Notes> notes) {
    if (!notes.isEmpty()) {
      for (String p : notes.get(0).paragraphs()) {
        String lower = p.toLowerCase(java.util.Locale.ROOT);
        for (String lead : List.of("what this file asks:", "question:", "the question:")) {
          if (lower.startsWith(lead)) {
            String q = p.substring(lead.length()).strip();
            return Character.toUpperCase(q.charAt(0)) + q.substring(1);
          }
        }
      }
    }
    if (d.policies().isEmpty()) {
      return "With no policy shocks between " + Html.day(d.start()) + " and " + Html.day(d.end())
          + ": where is production concentrated, who trades with whom, do prices hold near their reference, "
          + "and does anyone run short?";
    }
    String policies = d.policies().stream()
        .map(p -> p.name() + " (" + p.type() + ", " + inForce(p) + ")").collect(Collectors.joining("; "));
    return "If these policies come into force — " + policies + " — who runs short, by how much, from when and "
        + "for how long; what happens to prices; and how do China's exports shift, compared with the same world "
        + "without them?";
  }

  /** The headline facts of a run, as HTML list items (already escaped). */
  static List<String> findings(ResultData d) {
    RunSummary s = d.summary();
    var out = new ArrayList<String>();
    List<RunSummary.Shortage> short_ = s.shortageByRegion().stream()
        .filter(x -> x.shortagePercentOfDemand() >= 0.05)
        .sorted(Comparator.comparingDouble(RunSummary.Shortage::shortagePercentOfDemand).reversed()).toList();
    if (short_.isEmpty()) {
      out.add("<b>No region runs short</b>: demand is met in full in every region, every " + esc(d.period()) + ".");
    } else {
      for (RunSummary.Shortage x : short_.subList(0, Math.min(3, short_.size()))) {
        out.add("<b>" + esc(d.region(x.region()).name() + " runs " + Html.percent(x.shortagePercentOfDemand())
            + " short</b>") + esc(" of its demand over the run (" + Html.tonnes(x.cumulativeShortageTonnes())
            + " t); worst in " + Html.month(x.peakShortageDate()) + " at " + Html.tonnes(x.peakShortageTonnes())
            + " t, " + Html.percent(x.peakShortagePercentOfPeriodDemand()) + " of that " + d.period() + "'s demand; "
            + x.periodsInShortage() + " " + d.period() + (x.periodsInShortage() == 1 ? "" : "s") + " short"
            + (x.firstShortageDate() == null ? "" : ", from " + Html.month(x.firstShortageDate()))
            + (x.recoveryDate() == null ? (x.firstShortageDate() == null ? "" : ", not recovered by the end")
                : ", recovered " + Html.month(x.recoveryDate())) + "."));
      }
    }
    // Each commodity's highest peak over its zones, in the scenario's commodity order.
    var peaks = new ArrayList<String>();
    for (ResultData.Commodity c : d.commodities()) {
      s.prices().stream().filter(p -> p.commodity().equals(c.id()) && p.peakMultiple() != null)
          .max(Comparator.comparingDouble(RunSummary.Price::peakMultiple))
          .ifPresent(p -> peaks.add(shortName(d, p.commodity()) + " " + Html.multiple(p.peakMultiple()) + " "
              + zoneWords(p.zone()) + " (" + Html.month(p.peakDate()) + ")"));
    }
    if (!peaks.isEmpty()) {
      out.add("<b>Peak prices</b>, as a multiple of the reference, where highest: " + esc(String.join("; ", peaks))
          + ".");
    }
    s.prices().stream().filter(p -> p.minMultiple() != null && p.minMultiple() < 0.8)
        .min(Comparator.comparingDouble(RunSummary.Price::minMultiple))
        .ifPresent(p -> out.add(esc("Lowest price: " + shortName(d, p.commodity()) + " " + zoneWords(p.zone())
            + " falls to " + Html.multiple(p.minMultiple()) + " its reference.")));
    if (s.counterfactualCompared()) {
      for (RunSummary.Export e : s.exportTotals()) {
        if (!e.exporter().equals(EXPORTER) || e.dropPercent() == null || Math.abs(e.dropPercent()) < 1) continue;
        out.add(esc(d.region(EXPORTER).name() + "'s exports of " + shortName(d, e.commodity()) + ": "
            + Html.change(-e.dropPercent()) + " against the run without policies (" + Html.tonnes(e.tonnes())
            + " t against " + Html.tonnes(e.counterfactualTonnes()) + " t)."));
      }
      s.exportFlows().stream()
          .filter(e -> e.exporter().equals(EXPORTER) && e.dropPercent() != null && e.dropPercent() >= 5)
          .max(Comparator.comparingDouble(RunSummary.Export::dropPercent))
          .ifPresent(e -> out.add("<b>" + esc("Largest cut: " + d.region(EXPORTER).name() + " → "
              + d.region(e.destination()).name() + ", " + shortName(d, e.commodity()) + " "
              + Html.change(-e.dropPercent())) + "</b>" + esc(" over the run"
              + (e.worstPeriodDropPercent() == null ? "" : "; worst " + d.period() + " "
                  + Html.change(-e.worstPeriodDropPercent()) + " (" + Html.month(e.worstPeriodDate()) + ")") + ".")));
      s.exportFlows().stream()
          .filter(e -> e.dropPercent() != null && e.dropPercent() <= -10 && e.counterfactualTonnes() != null
              && e.counterfactualTonnes() >= 100)
          .min(Comparator.comparingDouble(RunSummary.Export::dropPercent))
          .ifPresent(e -> out.add(esc("Largest rise, where trade reroutes: " + d.region(e.exporter()).name() + " → "
              + d.region(e.destination()).name() + ", " + shortName(d, e.commodity()) + " "
              + Html.change(-e.dropPercent()) + " against the run without policies.")));
    }
    String shares = s.productionShares().stream().filter(p -> p.region().equals(EXPORTER))
        .map(p -> p.stage() + " " + Html.percent(p.sharePercent())).collect(Collectors.joining(", "));
    if (!shares.isEmpty()) {
      out.add(esc(d.region(EXPORTER).name() + "'s share of production in the first year: " + shares + "."));
    }
    return out;
  }

  private static String shortName(ResultData d, String commodity) {
    return switch (commodity) {
      case "ndfeb_magnet" -> "NdFeB magnets";
      case "ndpr_oxide" -> "NdPr oxide";
      case "dytb_oxide" -> "Dy/Tb oxide";
      case "reo" -> "rare-earth concentrate";
      default -> d.commodity(commodity).name();
    };
  }

  private static String zoneWords(String zone) {
    return switch (zone) {
      case "china" -> "in China";
      case "ex-china" -> "outside China";
      default -> "in zone " + zone;
    };
  }

  /** The policy windows as bars on the scenario's calendar, as an inline SVG drawing. */
  static String timeline(ResultData d) {
    int width = 1000;
    int left = 230;
    int right = 20;
    int row = 30;
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
          left - 10, y + 19, esc(ellipsis(p.name(), 30)), x0, y + 5, Math.max(2, x1 - x0), row - 10,
          p.end() == null ? " open" : "", esc(p.name() + ": " + inForce(p))));
    }
    s.append("</svg>\n");
    return s.toString();
  }

  private static String ellipsis(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "\u2026";
  }

  private static void kpiTables(StringBuilder h, ResultData d, String hn) {
    RunSummary s = d.summary();
    h.append("<").append(hn).append(">Shortage by region</").append(hn).append(">\n");
    h.append("<table class=\"kpi\" id=\"kpi-shortage\">\n<thead><tr><th>Region</th><th class=\"n\">Shortage, t</th>"
        + "<th class=\"n\">% of demand</th><th class=\"n\">Peak " + esc(d.period()) + ", t</th><th>Peak</th>"
        + "<th class=\"n\">" + esc(capital(d.period())) + "s short</th><th>First short</th><th>Recovered</th>"
        + "</tr></thead>\n<tbody>\n");
    for (RunSummary.Shortage x : s.shortageByRegion()) {
      boolean hit = x.cumulativeShortageTonnes() > 0;
      h.append("<tr").append(hit ? " class=\"hit\"" : "").append("><td>").append(esc(d.region(x.region()).name()))
          .append("</td><td class=\"n\">").append(Html.tonnes(x.cumulativeShortageTonnes()))
          .append("</td><td class=\"n\">").append(Html.percent(x.shortagePercentOfDemand()))
          .append("</td><td class=\"n\">").append(Html.tonnes(x.peakShortageTonnes()))
          .append("</td><td>").append(Html.month(x.peakShortageDate()))
          .append("</td><td class=\"n\">").append(x.periodsInShortage())
          .append("</td><td>").append(Html.month(x.firstShortageDate()))
          .append("</td><td>").append(x.firstShortageDate() == null ? "\u2014"
              : x.recoveryDate() == null ? "not by the end" : Html.month(x.recoveryDate()))
          .append("</td></tr>\n");
    }
    h.append("</tbody></table>\n");

    h.append("<").append(hn).append(">Prices against their reference</").append(hn).append(">\n");
    h.append("<table class=\"kpi\" id=\"kpi-prices\">\n<thead><tr><th>Commodity</th><th>Zone</th>"
        + "<th class=\"n\">Reference, USD/kg</th><th class=\"n\">Peak, USD/kg</th><th class=\"n\">Peak multiple</th>"
        + "<th>Peak</th><th class=\"n\">Lowest multiple</th><th class=\"n\">End, USD/kg</th></tr></thead>\n<tbody>\n");
    for (RunSummary.Price p : s.prices()) {
      boolean hit = p.peakMultiple() != null && p.peakMultiple() >= 1.25;
      h.append("<tr").append(hit ? " class=\"hit\"" : "").append("><td>").append(esc(shortName(d, p.commodity())))
          .append("</td><td>").append(esc(zoneName(p.zone())))
          .append("</td><td class=\"n\">")
          .append(p.referenceUsdPerKg() == null ? "\u2014" : Html.number(p.referenceUsdPerKg(), 1))
          .append("</td><td class=\"n\">").append(Html.number(p.peakUsdPerKg(), 1))
          .append("</td><td class=\"n\">").append(p.peakMultiple() == null ? "\u2014" : Html.multiple(p.peakMultiple()))
          .append("</td><td>").append(Html.month(p.peakDate()))
          .append("</td><td class=\"n\">").append(p.minMultiple() == null ? "\u2014" : Html.multiple(p.minMultiple()))
          .append("</td><td class=\"n\">").append(Html.number(p.endUsdPerKg(), 1)).append("</td></tr>\n");
    }
    h.append("</tbody></table>\n");

    h.append("<").append(hn).append(">").append(esc(d.region(EXPORTER).name()))
        .append("'s exports against the run without policies</").append(hn).append(">\n");
    if (!s.counterfactualCompared()) {
      h.append("<p class=\"note\" id=\"kpi-exports\">No policies, so no counterfactual to compare exports with. "
          + "Exports over the run:</p>\n");
    }
    h.append("<table class=\"kpi\"").append(s.counterfactualCompared() ? " id=\"kpi-exports\"" : "")
        .append(">\n<thead><tr><th>To</th><th>Commodity</th><th class=\"n\">Exports, t</th>");
    if (s.counterfactualCompared()) {
      h.append("<th class=\"n\">Without policies, t</th><th class=\"n\">Change</th><th class=\"n\">Worst "
          + esc(d.period()) + "</th><th>Worst</th>");
    }
    h.append("</tr></thead>\n<tbody>\n");
    var rows = new ArrayList<RunSummary.Export>();
    s.exportTotals().stream().filter(e -> e.exporter().equals(EXPORTER)).forEach(rows::add);
    s.exportFlows().stream().filter(e -> e.exporter().equals(EXPORTER)).forEach(rows::add);
    rows.sort(Comparator.comparing(RunSummary.Export::commodity, Comparator.comparingInt(c -> commodityOrder(d, c)))
        .thenComparing(e -> !e.destination().isEmpty()).thenComparing(RunSummary.Export::destination));
    for (RunSummary.Export e : rows) {
      boolean total = e.destination().isEmpty();
      boolean hit = e.dropPercent() != null && Math.abs(e.dropPercent()) >= 10;
      h.append("<tr class=\"").append(total ? "total" : "").append(hit ? " hit" : "").append("\"><td>")
          .append(total ? "all destinations" : esc(d.region(e.destination()).name()))
          .append("</td><td>").append(esc(shortName(d, e.commodity())))
          .append("</td><td class=\"n\">").append(Html.tonnes(e.tonnes()));
      if (s.counterfactualCompared()) {
        h.append("</td><td class=\"n\">")
            .append(e.counterfactualTonnes() == null ? "\u2014" : Html.tonnes(e.counterfactualTonnes()))
            .append("</td><td class=\"n\">").append(e.dropPercent() == null ? "\u2014" : Html.change(-e.dropPercent()))
            .append("</td><td class=\"n\">").append(e.worstPeriodDropPercent() == null ? "\u2014"
                : Html.change(-e.worstPeriodDropPercent()))
            .append("</td><td>").append(Html.month(e.worstPeriodDate()));
      }
      h.append("</td></tr>\n");
    }
    h.append("</tbody></table>\n");
    if (s.counterfactualCompared()) {
      h.append("<p class=\"note\">Change: the run's exports over the whole horizon against the same run with every "
          + "policy removed. Worst " + esc(d.period()) + ": the largest fall in a single " + esc(d.period())
          + ".</p>\n");
    }
  }

  private static int commodityOrder(ResultData d, String commodity) {
    for (int i = 0; i < d.commodities().size(); i++) if (d.commodities().get(i).id().equals(commodity)) return i;
    return Integer.MAX_VALUE;
  }

  private static String zoneName(String zone) {
    return switch (zone) {
      case "china" -> "China domestic";
      case "ex-china" -> "Outside China";
      default -> zone;
    };
  }

  private static String capital(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private void figure(StringBuilder h, Chart c, String id) {
    figure(h, c, id, writer);
  }

  /** A chart as a figure: the SVG embedded as data (no external file), its title and caption below. */
  static void figure(StringBuilder h, Chart c, String id, ChartWriter writer) {
    String data = Base64.getEncoder().encodeToString(writer.svg(c).getBytes(StandardCharsets.UTF_8));
    h.append("<figure id=\"").append(esc(id + "chart-" + c.fileStem())).append("\" data-chart=\"")
        .append(esc(c.fileStem())).append("\">\n<img src=\"data:image/svg+xml;base64,").append(data)
        .append("\" width=\"1600\" height=\"900\" alt=\"").append(esc(c.title())).append("\">\n<figcaption><b>")
        .append(esc(c.title())).append(".</b> ").append(esc(c.caption())).append("</figcaption>\n</figure>\n");
  }

  private static void assumptions(StringBuilder h, ResultData d, List<ScenarioNotes.Notes> notes, String hn) {
    if (notes.isEmpty()) {
      h.append("<p class=\"note\">The scenario file ").append(d.scenarioFile().isEmpty() ? ""
          : "<code>" + esc(d.scenarioFile()) + "</code> ").append("is not at hand, so its comments on assumptions "
          + "and sources are not shown; the scenario as run is in <code>scenario.resolved.json</code>.</p>\n");
    }
    for (ScenarioNotes.Notes n : notes) {
      h.append("<").append(hn).append(">From <code>").append(esc(n.file())).append("</code></").append(hn)
          .append(">\n");
      if (n.changedSinceRun()) {
        h.append("<p class=\"note\">This file has changed since the run; the notes below are its current text.</p>\n");
      }
      h.append("<div class=\"notes\">\n");
      boolean inList = false;
      for (String p : n.paragraphs()) {
        boolean item = p.startsWith("- ");
        if (item && !inList) h.append("<ul>\n");
        if (!item && inList) h.append("</ul>\n");
        inList = item;
        h.append(item ? "<li>" : "<p>").append(esc(item ? p.substring(2) : p)).append(item ? "</li>\n" : "</p>\n");
      }
      if (inList) h.append("</ul>\n");
      h.append("</div>\n");
    }
    var sources = d.policies().stream().filter(p -> p.details().containsKey("source")
        && !p.details().get("source").isBlank()).toList();
    if (!sources.isEmpty()) {
      h.append("<").append(hn).append(">Policy sources</").append(hn).append(">\n<ul class=\"sources\">\n");
      for (ResultData.PolicyWindow p : sources) {
        h.append("<li><b>").append(esc(p.name())).append("</b>: ").append(esc(p.details().get("source")))
            .append("</li>\n");
      }
      h.append("</ul>\n");
    }
    h.append("<").append(hn).append(">How to read the figures</").append(hn).append(">\n<ul class=\"sources\">\n")
        .append("<li>Shortage is demand that went unmet in a ").append(esc(d.period()))
        .append("; a ").append(esc(d.period()))
        .append(" counts as short when more than 1% of its demand is unmet.</li>\n")
        .append("<li>Prices are end-of-").append(esc(d.period()))
        .append(" prices per price zone; multiples are against the scenario's reference prices.</li>\n")
        .append("<li>Every run of a scenario with policies is compared with the same scenario, seed and random "
            + "draws with every policy removed, so a difference between the two is the policies' effect and "
            + "nothing else.</li>\n")
        .append("<li>Shaded bands on the charts are the windows in which a policy is in force; the dashed line "
            + "marks its start.</li>\n</ul>\n");
  }

  // ------------------------------------------------------------------------------------------- comparison

  private void comparison(StringBuilder h, List<ResultData> runs, List<String> labels) {
    h.append("<section id=\"comparison\">\n<h2>Side by side</h2>\n");
    h.append("<p class=\"question\">How do these scenarios differ in who runs short, what prices do, and how "
        + "China's exports shift?</p>\n");
    h.append("<table class=\"kpi compare\" id=\"kpi-compare\">\n<thead><tr><th>Key figure</th>");
    for (String l : labels) h.append("<th class=\"n\">").append(esc(l)).append("</th>");
    h.append("</tr></thead>\n<tbody>\n");
    compareRow(h, runs, "Policies", d -> Integer.toString(d.policies().size()), false);
    // Shortage: one row per region with demand in any run.
    Set<String> regions = new LinkedHashSet<>();
    runs.forEach(d -> d.summary().shortageByRegion().forEach(x -> regions.add(x.region())));
    group(h, runs.size(), "Shortage, % of demand over the run");
    for (String r : regions) {
      compareRow(h, runs, runs.get(0).region(r).name(), d -> d.summary().shortageByRegion().stream()
          .filter(x -> x.region().equals(r)).findFirst().map(x -> Html.percent(x.shortagePercentOfDemand()))
          .orElse("\u2014"), true);
    }
    group(h, runs.size(), "Peak price, multiple of reference");
    Map<String, String> priceKeys = new LinkedHashMap<>();
    runs.forEach(d -> d.summary().prices().forEach(p -> priceKeys.put(p.zone() + "|" + p.commodity(),
        shortName(d, p.commodity()) + ", " + zoneName(p.zone()))));
    priceKeys.forEach((key, label) -> compareRow(h, runs, label, d -> d.summary().prices().stream()
        .filter(p -> (p.zone() + "|" + p.commodity()).equals(key) && p.peakMultiple() != null).findFirst()
        .map(p -> Html.multiple(p.peakMultiple())).orElse("\u2014"), true));
    group(h, runs.size(), runs.get(0).region(EXPORTER).name() + "'s exports, change against the run without policies");
    Map<String, String> exportKeys = new LinkedHashMap<>();
    for (ResultData d : runs) {
      for (RunSummary.Export e : d.summary().exportTotals()) {
        if (e.exporter().equals(EXPORTER)) {
          exportKeys.put("|" + e.commodity(), shortName(d, e.commodity()) + ", all destinations");
        }
      }
    }
    for (ResultData d : runs) {
      for (RunSummary.Export e : d.summary().exportFlows()) {
        if (e.exporter().equals(EXPORTER) && e.dropPercent() != null && Math.abs(e.dropPercent()) >= 1) {
          exportKeys.put(e.destination() + "|" + e.commodity(), shortName(d, e.commodity()) + ", to "
              + d.region(e.destination()).name());
        }
      }
    }
    exportKeys.forEach((key, label) -> compareRow(h, runs, label, d -> {
      List<RunSummary.Export> list = key.startsWith("|") ? d.summary().exportTotals() : d.summary().exportFlows();
      Optional<RunSummary.Export> e = list.stream().filter(x -> x.exporter().equals(EXPORTER)
          && (x.destination() + "|" + x.commodity()).equals(key)).findFirst();
      if (!d.summary().counterfactualCompared()) return "no policies";
      return e.map(x -> x.dropPercent() == null ? "\u2014" : Html.change(-x.dropPercent())).orElse("\u2014");
    }, true));
    h.append("</tbody></table>\n");
    h.append("<p class=\"note\">Each column is one run. Export changes compare each run with its own no-policy "
        + "counterfactual (same seed and random draws), so they isolate that scenario's policies.</p>\n");
    for (Chart c : charts.comparePrices(runs)) figure(h, c, "comparison-");
    h.append("</section>\n");
  }

  private static void group(StringBuilder h, int runs, String title) {
    h.append("<tr class=\"group\"><th colspan=\"").append(runs + 1).append("\">").append(esc(title))
        .append("</th></tr>\n");
  }

  private static void compareRow(StringBuilder h, List<ResultData> runs, String label,
                                 java.util.function.Function<ResultData, String> value, boolean numeric) {
    h.append("<tr><td>").append(esc(label)).append("</td>");
    for (ResultData d : runs) {
      h.append("<td class=\"n\">").append(esc(Objects.requireNonNullElse(value.apply(d), "\u2014"))).append("</td>");
    }
    h.append("</tr>\n");
  }

  /** The briefing's styles, shared with the sweep briefing ({@link SweepReport}). */
  static final String CSS = """
      :root { --ink: #1a1a1a; --muted: #5a5a5a; --rule: #d9d9d9; --accent: #0072b2; --hit: #fff3e0; }
      * { box-sizing: border-box; }
      html { font-family: "DejaVu Sans", Verdana, "Segoe UI", Arial, sans-serif; color: var(--ink);
        font-size: 16px; line-height: 1.5; background: #fff; }
      main { max-width: 1180px; margin: 0 auto; padding: 32px 40px 64px; }
      h1 { font-size: 2.1rem; line-height: 1.2; margin: 0.1em 0 0.3em; }
      h2 { font-size: 1.45rem; margin: 2.2em 0 0.6em; padding-bottom: 0.25em; border-bottom: 2px solid var(--ink); }
      h3 { font-size: 1.15rem; margin: 1.6em 0 0.5em; }
      h4 { font-size: 1rem; margin: 1.4em 0 0.4em; }
      .run > h2 { font-size: 1.7rem; border-bottom-width: 4px; }
      .kicker { text-transform: uppercase; letter-spacing: 0.12em; font-size: 0.8rem; color: var(--accent);
        font-weight: bold; margin: 0; }
      .lede { font-size: 1.15rem; color: var(--ink); max-width: 60em; }
      .meta, .note, figcaption, footer { color: var(--muted); font-size: 0.9rem; }
      .question { font-size: 1.1rem; border-left: 4px solid var(--accent); padding: 0.2em 0 0.2em 0.9em; }
      .findings li { margin: 0.35em 0; }
      table { border-collapse: collapse; width: 100%; margin: 0.6em 0 1em; font-size: 0.9rem; }
      th, td { padding: 0.35em 0.6em; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
      thead th { border-bottom: 2px solid var(--ink); font-weight: bold; }
      .n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
      table.facts th { width: 11em; color: var(--muted); font-weight: normal; }
      tr.hit td { background: var(--hit); }
      tr.total td { font-weight: bold; }
      tr.group th { background: #f2f2f2; font-weight: bold; border-top: 1px solid var(--ink); }
      td.details { font-size: 0.85rem; }
      figure { margin: 1.6em 0 2em; }
      figure img { width: 100%; height: auto; display: block; border: 1px solid var(--rule); }
      figcaption { margin-top: 0.5em; }
      .timeline { width: 100%; height: auto; margin: 0.5em 0 1em; font-family: inherit; }
      .timeline .grid { stroke: var(--rule); stroke-width: 1; }
      .timeline .year { font-size: 13px; fill: var(--muted); }
      .timeline .name { font-size: 14px; fill: var(--ink); text-anchor: end; }
      .timeline .bar { fill: #555; }
      .timeline .bar.open { fill: #888; }
      .notes { columns: 2 26em; column-gap: 2.5em; font-size: 0.9rem; }
      .notes p, .notes ul { margin: 0 0 0.7em; break-inside: avoid-column; }
      .sources li { margin: 0.25em 0; }
      code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.88em; }
      nav.toc a { color: var(--accent); text-decoration: none; }
      footer { margin-top: 3em; border-top: 1px solid var(--rule); padding-top: 1em; }
      @page { size: A4 landscape; margin: 12mm 14mm; }
      @media print {
        html { font-size: 10.5pt; }
        main { max-width: none; padding: 0; }
        h2, h3, h4 { break-after: avoid; }
        figure, table, .question, .timeline, tr { break-inside: avoid; }
        figure img { max-height: 165mm; width: auto; max-width: 100%; margin: 0 auto; border: none; }
        .run, #comparison, section[id$="charts"] { break-before: page; }
        nav.toc { display: none; }
        tr.hit td { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
      }
      """;
}
