package org.magflow.output.report;

import static org.magflow.output.report.Html.esc;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.magflow.event.Metrics;
import org.magflow.event.Observation;
import org.magflow.output.Answer;
import org.magflow.output.RunInfo;
import org.magflow.output.RunSummary;
import org.magflow.output.chart.Chart;
import org.magflow.output.chart.ChartOptions;
import org.magflow.output.chart.ChartWriter;
import org.magflow.output.chart.Charts;
import org.magflow.output.chart.ComparisonCharts;
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

  private final Charts charts = new Charts();
  private final ComparisonCharts comparison = new ComparisonCharts();
  private final ChartWriter writer = new ChartWriter();
  private final AgainstObserved observed;

  /** A briefing with nothing set against observed data. */
  public BriefingReport() {
    this(AgainstObserved.NONE);
  }

  /** A briefing that sets each run against what {@code observed} finds for it. */
  public BriefingReport(AgainstObserved observed) {
    this.observed = observed;
  }

  /**
   * The briefing on {@code runs}: one run, or several compared side by side.
   *
   * @throws ResultInputException if a run's charts cannot be drawn from its folder
   */
  public String render(List<ResultData> runs) throws ResultInputException {
    if (runs.isEmpty()) throw new IllegalArgumentException("a briefing needs at least one run");
    var h = new StringBuilder(1 << 20);
    boolean comparison = runs.size() > 1;
    List<String> labels = ComparisonCharts.runLabels(runs);
    Answer answer = comparison ? null : Findings.of(runs.get(0));
    String title = comparison ? "Comparison of " + runs.size() + " scenarios" : answer.headline();
    String kicker = comparison ? "magflow briefing" : "magflow briefing \u00b7 " + runs.get(0).scenarioName();
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<meta name=\"generator\" content=\"magflow ").append(esc(runs.get(0).magflowVersion())).append("\">\n")
        .append("<title>").append(esc(comparison ? "magflow briefing: " + title
            : runs.get(0).scenarioName() + ": " + title)).append("</title>\n<style>\n").append(ReportPage.CSS)
        .append("</style>\n</head>\n<body>\n<main>\n");
    h.append("<header class=\"cover\">\n<p class=\"kicker\">").append(esc(kicker)).append("</p>\n<h1>")
        .append(esc(title)).append("</h1>\n");
    if (comparison) {
      h.append("<p class=\"lede\">").append(esc(String.join(" \u00b7 ", labels))).append("</p>\n");
    } else {
      findings(h, answer);
      whatRan(h, runs.get(0));
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
        Answer answer_ = Findings.of(runs.get(i));
        h.append("<p class=\"lede headline\">").append(esc(answer_.headline())).append("</p>\n");
        findings(h, answer_);
        whatRan(h, runs.get(i));
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

  /** Writes the briefing on {@code runs} to {@code file} atomically (see {@link ReportPage#writeAtomically}). */
  public void write(List<ResultData> runs, Path file) throws IOException, ResultInputException {
    ReportPage.writeAtomically(render(runs), file);
  }

  // ------------------------------------------------------------------------------------------- one run

  private void runBody(StringBuilder h, ResultData d, String id, int level) throws ResultInputException {
    String hn = "h" + level;
    List<ScenarioNotes.Notes> notes = ScenarioNotes.read(d.scenarioFile(),
        d.runInfo().map(RunInfo::scenarioPath).orElse(""), d.runInfo().map(RunInfo::scenarioSha256).orElse(""));

    section(h, id + "question", hn, "The question");
    h.append("<p class=\"question\">").append(Html.prose(RunFindings.question(d, notes))).append("</p>\n</section>\n");

    section(h, id + "scenario", hn, "The scenario");
    if (!d.description().isEmpty()) {
      h.append("<p>").append(Html.prose(d.description())).append("</p>\n");
      for (String n : RunFindings.descriptionNotes(d)) h.append("<p class=\"note\">").append(esc(n)).append("</p>\n");
    }
    h.append("<table class=\"facts\">\n");
    fact(h, "Scenario", d.scenarioName());
    fact(h, "File", d.scenarioFile().isEmpty() ? "\u2014" : d.scenarioFile());
    List<String> overrides = d.runInfo().map(RunInfo::overrides).orElse(List.of());
    if (!overrides.isEmpty()) fact(h, "Changed for this run", String.join("; ", overrides));
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
      h.append(PolicyTimeline.svg(d));
      h.append("<table class=\"kpi\">\n<thead><tr><th>Policy</th><th>Type</th><th>In force</th><th>Details</th>"
          + "</tr></thead>\n<tbody>\n");
      for (ResultData.PolicyWindow p : d.policies()) {
        h.append("<tr><td>").append(esc(p.title())).append("<br><code>").append(esc(p.name())).append("</code></td><td>")
            .append(esc(p.type())).append("</td><td>")
            .append(esc(PolicyTimeline.inForce(p))).append("</td><td class=\"details\">")
            .append(RunFindings.details(p).entrySet().stream()
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
    List<Chart> drawn = targetedFirst(d, charts.build(d, ChartOptions.all()));
    for (String c : d.rows(Metrics.DEMAND).stream().map(Observation::commodity).distinct().toList()) {
      if (drawn.stream().noneMatch(chart -> chart.fileStem().equals("shortage-by-region-" + c))) {
        h.append("<p class=\"note\" id=\"").append(esc(id)).append("no-shortage-").append(esc(c)).append("\">")
            .append(esc(Charts.nobodyShort(d, c))).append("</p>\n");
      }
    }
    for (Chart c : drawn) figure(h, c, id);
    h.append("</section>\n");

    observed(h, d, id, level);

    section(h, id + "assumptions", hn, "Assumptions and sources");
    assumptions(h, d, notes, "h" + (level + 1));
    h.append("</section>\n");
  }

  /**
   * The run against observed data, when {@link #observed} finds any (the CLI wires in the backtest's episodes):
   * each comparison's chart and tables. Nothing when there are none: most scenarios ask "what if", which nothing
   * observed answers.
   */
  private void observed(StringBuilder h, ResultData d, String id, int level) {
    AgainstObserved.Found found = observed.of(d);
    if (found.comparisons().isEmpty() && found.notes().isEmpty()) return;
    section(h, id + "observed", "h" + level, "Against observed data");
    h.append("<p>This run set against what was observed, month by month, as <code>magflow backtest</code> does for"
        + " the episode files beside the scenario (<code>episodes/</code>), but for this run's own seed. The log"
        + " error of a month is ln(simulated / observed); a move is in the observed direction when both rise or"
        + " both fall.</p>\n");
    for (String n : found.notes()) {
      h.append("<p class=\"note\">An episode file could not be read, so it is left out: ").append(esc(n))
          .append("</p>\n");
    }
    String sub = "h" + (level + 1);
    for (AgainstObserved.Comparison c : found.comparisons()) {
      h.append("<").append(sub).append(">").append(esc(c.title())).append("</").append(sub).append(">\n");
      figure(h, c.chart(), id);
      for (AgainstObserved.Table t : c.tables()) table(h, t);
    }
    h.append("</section>\n");
  }

  /** A table of strings, every column after the first numeric (right-aligned). */
  private static void table(StringBuilder h, AgainstObserved.Table t) {
    h.append("<table class=\"kpi\">\n<thead><tr>");
    for (int c = 0; c < t.header().size(); c++) {
      h.append(c == 0 ? "<th>" : "<th class=\"n\">").append(esc(t.header().get(c))).append("</th>");
    }
    h.append("</tr></thead>\n<tbody>\n");
    for (List<String> row : t.rows()) {
      h.append("<tr>");
      for (int c = 0; c < row.size(); c++) {
        h.append(c == 0 ? "<td>" : "<td class=\"n\">").append(esc(row.get(c))).append("</td>");
      }
      h.append("</tr>\n");
    }
    h.append("</tbody></table>\n");
  }

  /** The answer first: the ranked findings, each with its lead in bold. */
  private static void findings(StringBuilder h, Answer answer) {
    h.append("<ol class=\"findings\">\n");
    for (Answer.Finding f : answer.findings()) {
      h.append("<li><b>").append(esc(f.lead())).append("</b>").append(esc(f.detail())).append("</li>\n");
    }
    h.append("</ol>\n");
  }

  /** What ran, from the resolved scenario (never only from the description): each policy's dates and values. */
  private static void whatRan(StringBuilder h, ResultData d) {
    h.append("<p class=\"ran\"><b>What ran:</b> ");
    if (d.policies().isEmpty()) {
      h.append("no policies, ").append(esc(Html.day(d.start()) + " to " + Html.day(d.end()))).append('.');
    } else {
      h.append(d.policies().stream().map(p -> "<b>" + esc(p.title()) + "</b> (" + esc(p.type()) + ", "
          + esc(PolicyTimeline.inForce(p)) + RunFindings.details(p).entrySet().stream()
              .map(e -> "; " + esc(e.getKey() + " " + e.getValue())).collect(Collectors.joining()) + ")")
          .collect(Collectors.joining("; "))).append('.');
    }
    List<String> overrides = d.runInfo().map(RunInfo::overrides).orElse(List.of());
    if (!overrides.isEmpty()) {
      h.append(" <b>Changed from the scenario file for this run:</b> <code>")
          .append(esc(String.join(" ", overrides))).append("</code>.");
    }
    h.append("</p>\n");
  }

  /** The charts of the commodities the policies target first, each group in the charts' own order. */
  private static List<Chart> targetedFirst(ResultData d, List<Chart> all) {
    List<String> targeted = Findings.targetedCommodities(d);
    var first = new ArrayList<Chart>();
    var rest = new ArrayList<Chart>();
    for (Chart c : all) {
      (targeted.stream().anyMatch(t -> c.fileStem().endsWith("-" + t)) ? first : rest).add(c);
    }
    first.addAll(rest);
    return first;
  }

  private static void section(StringBuilder h, String id, String hn, String title) {
    h.append("<section id=\"").append(esc(id)).append("\">\n<").append(hn).append('>').append(esc(title))
        .append("</").append(hn).append(">\n");
  }

  private static void fact(StringBuilder h, String key, String value) {
    h.append("<tr><th>").append(esc(key)).append("</th><td>").append(esc(value)).append("</td></tr>\n");
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
      h.append("<tr").append(hit ? " class=\"hit\"" : "").append("><td>")
          .append(esc(RunFindings.shortName(d, p.commodity())))
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
    List<String> capped = s.prices().stream().filter(RunSummary.Price::heldAtCap)
        .map(p -> esc(RunFindings.shortName(d, p.commodity())) + " (" + esc(zoneName(p.zone())) + ") in "
            + Findings.capSpan(d, p))
        .toList();
    if (!capped.isEmpty()) {
      h.append("<p class=\"note\" id=\"kpi-prices-cap\">At the price rule's cap (<code>market.priceRule.maxMultiple"
          + "</code>): ").append(String.join("; ", capped)).append(". There the price shown is the cap, and buyers are"
          + " rationed rather than priced out.</p>\n");
    }

    h.append("<").append(hn).append(">").append(esc(d.region(RunFindings.EXPORTER).name()))
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
    s.exportTotals().stream().filter(e -> e.exporter().equals(RunFindings.EXPORTER)).forEach(rows::add);
    // With a counterfactual, a destination's row is shown when the policies aim at it or moved it beyond noise
    List<RunSummary.Export> flows = s.exportFlows().stream().filter(e -> e.exporter().equals(RunFindings.EXPORTER))
        .toList();
    List<RunSummary.Export> shown = s.counterfactualCompared() ? flows.stream()
        .filter(e -> Findings.targeted(d, e) || Findings.beyondNoise(s, e)).toList() : flows;
    rows.addAll(shown);
    rows.sort(Comparator.comparing(RunSummary.Export::commodity, Comparator.comparingInt(c -> commodityOrder(d, c)))
        .thenComparing(e -> !e.destination().isEmpty()).thenComparing(RunSummary.Export::destination));
    for (RunSummary.Export e : rows) {
      boolean total = e.destination().isEmpty();
      boolean hit = !total && s.counterfactualCompared() && (Findings.targeted(d, e) || Findings.beyondNoise(s, e));
      h.append("<tr class=\"").append(total ? "total" : "").append(hit ? " hit" : "").append("\"><td>")
          .append(total ? "all destinations" : esc(d.region(e.destination()).name()))
          .append("</td><td>").append(esc(RunFindings.shortName(d, e.commodity())))
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
      int hidden = flows.size() - shown.size();
      h.append("<p class=\"note\">Change: the run's exports over the whole horizon against the same run with every "
          + "policy removed. Worst " + esc(d.period()) + ": the largest fall in a single " + esc(d.period())
          + ". Shown: the totals, the flows the policies target and those they moved beyond noise (by at least "
          + Html.number(Findings.FLOW_NOISE_SHARE * 100, 1) + "% of the commodity's cross-border trade and "
          + Html.number(Findings.FLOW_NOISE_PERCENT, 0) + "% of the flow)"
          + (hidden > 0 ? "; " + hidden + " other destination" + (hidden == 1 ? "" : "s") + " within noise left out"
              : "") + ".</p>\n");
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
    ReportPage.figure(h, c, id, writer);
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
        h.append(item ? "<li>" : "<p>").append(Html.prose(item ? p.substring(2) : p)).append(item ? "</li>\n" : "</p>\n");
      }
      if (inList) h.append("</ul>\n");
      h.append("</div>\n");
    }
    var sources = d.policies().stream().filter(p -> p.details().containsKey("source")
        && !p.details().get("source").isBlank()).toList();
    if (!sources.isEmpty()) {
      h.append("<").append(hn).append(">Policy sources</").append(hn).append(">\n<ul class=\"sources\">\n");
      for (ResultData.PolicyWindow p : sources) {
        h.append("<li><b>").append(esc(p.title())).append("</b>: ").append(Html.prose(p.details().get("source")))
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
        RunFindings.shortName(d, p.commodity()) + ", " + zoneName(p.zone()))));
    priceKeys.forEach((key, label) -> compareRow(h, runs, label, d -> d.summary().prices().stream()
        .filter(p -> (p.zone() + "|" + p.commodity()).equals(key) && p.peakMultiple() != null).findFirst()
        .map(p -> Html.multiple(p.peakMultiple())).orElse("\u2014"), true));
    group(h, runs.size(), runs.get(0).region(RunFindings.EXPORTER).name()
        + "'s exports, change against the run without policies");
    Map<String, String> exportKeys = new LinkedHashMap<>();
    for (ResultData d : runs) {
      for (RunSummary.Export e : d.summary().exportTotals()) {
        if (e.exporter().equals(RunFindings.EXPORTER)) {
          exportKeys.put("|" + e.commodity(), RunFindings.shortName(d, e.commodity()) + ", all destinations");
        }
      }
    }
    for (ResultData d : runs) {
      for (RunSummary.Export e : d.summary().exportFlows()) {
        if (e.exporter().equals(RunFindings.EXPORTER) && (Findings.targeted(d, e) || Findings.beyondNoise(d.summary(), e))) {
          exportKeys.put(e.destination() + "|" + e.commodity(), RunFindings.shortName(d, e.commodity()) + ", to "
              + d.region(e.destination()).name());
        }
      }
    }
    exportKeys.forEach((key, label) -> compareRow(h, runs, label, d -> {
      List<RunSummary.Export> list = key.startsWith("|") ? d.summary().exportTotals() : d.summary().exportFlows();
      Optional<RunSummary.Export> e = list.stream().filter(x -> x.exporter().equals(RunFindings.EXPORTER)
          && (x.destination() + "|" + x.commodity()).equals(key)).findFirst();
      if (!d.summary().counterfactualCompared()) return "no policies";
      return e.map(x -> x.dropPercent() == null ? "\u2014" : Html.change(-x.dropPercent())).orElse("\u2014");
    }, true));
    h.append("</tbody></table>\n");
    h.append("<p class=\"note\">Each column is one run. Export changes compare each run with its own no-policy "
        + "counterfactual (same seed and random draws), so they isolate that scenario's policies.</p>\n");
    for (Chart c : comparison.prices(runs)) figure(h, c, "comparison-");
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

}
