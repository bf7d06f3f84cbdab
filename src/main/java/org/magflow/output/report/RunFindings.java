package org.magflow.output.report;

import static org.magflow.output.report.Html.esc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.magflow.output.RunSummary;
import org.magflow.output.chart.ResultData;

/** What a run says in words: the question it answers and its headline findings. */
final class RunFindings {
  /** The exporter whose exports the briefing follows: China, the subject of the questions. */
  static final String EXPORTER = "CN";

  private RunFindings() {}

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
        .map(p -> p.name() + " (" + p.type() + ", " + PolicyTimeline.inForce(p) + ")")
        .collect(Collectors.joining("; "));
    return "If these policies come into force — " + policies + " — who runs short, by how much, from when and "
        + "for how long; what happens to prices; and how do China's exports shift, compared with the same world "
        + "without them?";
  }

  /** The headline facts of a run, as HTML list items (already escaped). */
  static List<String> of(ResultData d) {
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

  /** A commodity's name as a sentence uses it: "NdFeB magnets", "rare-earth concentrate". */
  static String shortName(ResultData d, String commodity) {
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
}
