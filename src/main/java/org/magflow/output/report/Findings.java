package org.magflow.output.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import com.fasterxml.jackson.databind.JsonNode;
import org.magflow.event.Metrics;
import org.magflow.event.Observation;
import org.magflow.output.Answer;
import org.magflow.output.Answer.Finding;
import org.magflow.output.RunSummary;
import org.magflow.output.RunSummary.Export;
import org.magflow.output.RunSummary.Shortage;
import org.magflow.output.chart.ResultData;

/**
 * The answer a run gives, ranked by what matters to the question a strategist asks of a shock: who runs short,
 * how much of their own demand, from when and for how long; what happened to the flow the policies target;
 * where trade reroutes, by tonnes; and which prices the policies moved. An effect within the run's own noise is
 * not a finding: a flow must change by {@link #FLOW_NOISE_SHARE} of its commodity's trade and by
 * {@link #FLOW_NOISE_PERCENT}% of itself, and a price must leave the band its no-policy counterfactual moves in
 * for two periods running ({@link #widestSustained}).
 */
public final class Findings {
  /** A flow's change is noise below this share of its commodity's cross-border trade without the policies. */
  static final double FLOW_NOISE_SHARE = 0.01;
  /** ... or below this percentage of the flow itself. */
  static final double FLOW_NOISE_PERCENT = 5.0;
  /** The narrowest noise band of a price, as a multiple of its reference: the counterfactual may be flat. */
  static final double MIN_PRICE_BAND = 0.05;
  /** The most findings the answer gives. */
  static final int MAX_FINDINGS = 5;
  /** The most reroutes or price moves one finding lists. */
  private static final int MAX_LISTED = 3;

  /** A flow a policy aims at: an exporter's shipments of a commodity to a destination (empty: to all others). */
  record Target(String exporter, String destination, String commodity) {}

  /** A price the policies moved beyond its noise band, at the date of the widest gap. */
  record PriceMove(String zone, String commodity, LocalDate date, double multiple, double counterfactualMultiple,
                   double band) {
    double gap() {
      return Math.abs(multiple - counterfactualMultiple);
    }
  }

  private final ResultData d;
  private final RunSummary s;
  private final List<Target> targets;

  private Findings(ResultData d) {
    this.d = d;
    this.s = d.summary();
    this.targets = targets(d);
  }

  /** The answer {@code d} gives: its headline and up to {@link #MAX_FINDINGS} findings. */
  public static Answer of(ResultData d) {
    return new Findings(d).answer();
  }

  /** The commodities the policies target (their exports), in the scenario's order; empty if none is targeted. */
  static List<String> targetedCommodities(ResultData d) {
    Set<String> targeted = new LinkedHashSet<>();
    targets(d).forEach(t -> targeted.add(t.commodity()));
    return d.commodities().stream().map(ResultData.Commodity::id).filter(targeted::contains).toList();
  }

  /**
   * Whether a flow's change against the counterfactual is beyond noise: by at least {@link #FLOW_NOISE_SHARE}
   * of its commodity's cross-border trade without the policies and {@link #FLOW_NOISE_PERCENT}% of itself.
   */
  static boolean beyondNoise(RunSummary s, Export e) {
    if (e.counterfactualTonnes() == null) return false;
    double change = Math.abs(e.tonnes() - e.counterfactualTonnes());
    double trade = s.exportTotals().stream().filter(t -> t.commodity().equals(e.commodity())
        && t.counterfactualTonnes() != null).mapToDouble(Export::counterfactualTonnes).sum();
    return change >= FLOW_NOISE_SHARE * trade && change >= FLOW_NOISE_PERCENT / 100 * e.counterfactualTonnes();
  }

  /** Whether the policies aim at this flow (an exporter's total counts when they aim at any of its flows). */
  static boolean targeted(ResultData d, Export e) {
    return targets(d).stream().anyMatch(t -> t.exporter().equals(e.exporter())
        && t.commodity().equals(e.commodity())
        && (t.destination().isEmpty() || e.destination().isEmpty() || t.destination().equals(e.destination())));
  }

  private Answer answer() {
    var findings = new ArrayList<Finding>();
    List<Shortage> shortRegions = s.shortageByRegion().stream().filter(x -> x.periodsInShortage() > 0)
        .sorted(Comparator.comparingDouble(Shortage::cumulativeShortageTonnes).reversed()
            .thenComparing(Shortage::region)).toList();
    if (shortRegions.isEmpty()) {
      findings.add(new Finding("No region runs short", ": every region's demand is met in full, every "
          + d.period() + " (a " + d.period() + " counts as short when more than 1% of its demand is unmet)."));
    } else {
      findings.add(shortage(shortRegions.get(0)));
      if (shortRegions.size() > 1) findings.add(alsoShort(shortRegions.subList(1, shortRegions.size())));
    }
    targetedFlows().ifPresent(findings::add);
    reroutes().ifPresent(findings::add);
    List<PriceMove> moves = priceMoves();
    if (!moves.isEmpty()) {
      findings.add(priceFinding(moves));
    } else if (s.counterfactualCompared()) {
      findings.add(new Finding("No price moves beyond its noise", ": against the same run without the policies,"
          + " every price stays within the band its no-policy path moves in."));
    }
    List<Finding> top = findings.subList(0, Math.min(MAX_FINDINGS, findings.size()));
    List<String> ran = d.policies().stream().map(p -> p.title() + ", " + PolicyTimeline.inForce(p)).toList();
    return new Answer(headline(shortRegions, moves), top, ran);
  }

  // ---- who runs short ------------------------------------------------------------------------------------

  private Finding shortage(Shortage x) {
    return new Finding(regionName(x.region()) + " runs " + Html.percent(x.shortagePercentOfDemand())
        + " short of its own demand", " over the run (" + Html.tonnes(x.cumulativeShortageTonnes()) + " t of "
        + Html.tonnes(x.cumulativeDemandTonnes()) + " t)" + when(x) + "; worst in " + Html.month(x.peakShortageDate())
        + ", " + Html.percent(x.peakShortagePercentOfPeriodDemand()) + " of that " + d.period() + "'s demand.");
  }

  /** From when and for how long: "; short from Jul 2025, 55 months, not recovered by the end". */
  private String when(Shortage x) {
    if (x.firstShortageDate() == null) return "";
    String months = x.periodsInShortage() + " " + d.period() + (x.periodsInShortage() == 1 ? "" : "s") + " short";
    return "; short from " + Html.month(x.firstShortageDate()) + ", " + months
        + (x.recoveryDate() == null ? ", not recovered by the end" : ", recovered " + Html.month(x.recoveryDate()));
  }

  private Finding alsoShort(List<Shortage> others) {
    var parts = new ArrayList<String>();
    for (Shortage x : others) {
      parts.add(regionName(x.region()) + " " + Html.percent(x.shortagePercentOfDemand()) + " of its own demand"
          + (x.firstShortageDate() == null ? "" : " from " + Html.month(x.firstShortageDate())));
    }
    String lead = others.size() == 1 ? "Also short" : others.size() + " more regions run short";
    return new Finding(lead, ": " + String.join("; ", parts) + ".");
  }

  // ---- the targeted flow ---------------------------------------------------------------------------------

  /** The targeted flows, largest loss in tonnes first: the one the policies aim at is what the question is about. */
  private Optional<Finding> targetedFlows() {
    if (!s.counterfactualCompared() || targets.isEmpty()) return Optional.empty();
    List<Export> hit = new ArrayList<>();
    for (Target t : targets) {
      List<Export> list = t.destination().isEmpty() ? s.exportTotals() : s.exportFlows();
      list.stream().filter(e -> e.exporter().equals(t.exporter()) && e.destination().equals(t.destination())
          && e.commodity().equals(t.commodity()) && e.counterfactualTonnes() != null && !hit.contains(e))
          .forEach(hit::add);
    }
    if (hit.isEmpty()) return Optional.empty();
    hit.sort(Comparator.comparingDouble((Export e) -> e.tonnes() - e.counterfactualTonnes())
        .thenComparing(Export::destination).thenComparing(Export::commodity));
    Export first = hit.get(0);
    String lead = flowName(first) + " " + change(first) + " against the run without the policies";
    String detail = " (" + Html.tonnes(first.tonnes()) + " t against " + Html.tonnes(first.counterfactualTonnes())
        + " t over the run" + (first.worstPeriodDropPercent() == null ? ")"
        : "; worst " + d.period() + " " + Html.change(-first.worstPeriodDropPercent()) + " in "
            + Html.month(first.worstPeriodDate()) + ")");
    if (hit.size() > 1) {
      List<String> more = hit.subList(1, Math.min(hit.size(), 1 + MAX_LISTED)).stream()
          .map(e -> flowName(e) + " " + change(e)).toList();
      detail += "; also " + String.join(", ", more) + (hit.size() > 1 + MAX_LISTED
          ? " and " + (hit.size() - 1 - MAX_LISTED) + " more targeted flows" : "");
    }
    return Optional.of(new Finding(lead, detail + "."));
  }

  // ---- reroutes ------------------------------------------------------------------------------------------

  /** The flows that grew beyond noise in the targeted commodities (any, without targets), most tonnes first. */
  private Optional<Finding> reroutes() {
    List<Export> rises = rises();
    if (rises.isEmpty()) return Optional.empty();
    List<String> listed = rises.subList(0, Math.min(MAX_LISTED, rises.size())).stream()
        .map(e -> flowName(e) + " +" + Html.tonnes(e.tonnes() - e.counterfactualTonnes()) + " t (" + change(e) + ")")
        .toList();
    return Optional.of(new Finding("Trade reroutes", ", largest first: " + String.join("; ", listed)
        + ", against the run without the policies."));
  }

  private List<Export> rises() {
    if (!s.counterfactualCompared()) return List.of();
    List<String> commodities = targetedCommodities(d);
    return s.exportFlows().stream()
        .filter(e -> e.counterfactualTonnes() != null && e.tonnes() > e.counterfactualTonnes())
        .filter(e -> commodities.isEmpty() || commodities.contains(e.commodity()))
        .filter(e -> !targeted(d, e) && beyondNoise(s, e))
        .sorted(Comparator.comparingDouble((Export e) -> e.counterfactualTonnes() - e.tonnes())
            .thenComparing(Export::exporter).thenComparing(Export::destination))
        .toList();
  }

  // ---- prices --------------------------------------------------------------------------------------------

  /**
   * The prices the policies moved: from the first policy's start, the widest gap between the run's price and
   * the counterfactual's, where it exceeds the counterfactual's own range over the run (at least
   * {@link #MIN_PRICE_BAND} of the reference). Widest first.
   */
  List<PriceMove> priceMoves() {
    if (!s.counterfactualCompared() || d.policies().isEmpty()) return List.of();
    LocalDate firstStart = d.policies().stream().map(ResultData.PolicyWindow::start).min(LocalDate::compareTo)
        .orElseThrow();
    Map<String, TreeMap<LocalDate, Double>> run = prices(d.rows(Metrics.PRICE));
    Map<String, TreeMap<LocalDate, Double>> without = prices(d.counterfactualRows(Metrics.PRICE));
    var moves = new ArrayList<PriceMove>();
    for (var entry : run.entrySet()) {
      String[] key = entry.getKey().split("\\|", 2);
      Optional<Double> reference = d.referencePrice(key[0], key[1]).filter(r -> r > 0);
      TreeMap<LocalDate, Double> cf = without.get(entry.getKey());
      if (reference.isEmpty() || cf == null || cf.isEmpty()) continue;
      double ref = reference.get();
      double band = Math.max(MIN_PRICE_BAND, (cf.values().stream().mapToDouble(v -> v).max().orElse(0)
          - cf.values().stream().mapToDouble(v -> v).min().orElse(0)) / ref);
      var path = new ArrayList<PriceMove>();
      for (var p : entry.getValue().tailMap(firstStart, true).entrySet()) {
        Double c = cf.get(p.getKey());
        if (c != null) path.add(new PriceMove(key[0], key[1], p.getKey(), p.getValue() / ref, c / ref, band));
      }
      widestSustained(path).ifPresent(moves::add);
    }
    moves.sort(Comparator.comparingDouble(PriceMove::gap).reversed().thenComparing(PriceMove::zone)
        .thenComparing(PriceMove::commodity));
    return moves;
  }

  /**
   * The widest gap of a price's {@code path} (in date order) against its counterfactual that lies outside its noise
   * band in this period and the one before or after. Two runs that wobble apart once by chance can leave the band
   * for a single period (the September 2025 squeeze's China concentrate, at one seed in eight, 6.4% for a month
   * against a 5% band); a price the policies move stays moved, since prices follow their indicated level over
   * weeks ({@code adjustmentDays}).
   */
  static Optional<PriceMove> widestSustained(List<PriceMove> path) {
    PriceMove widest = null;
    for (int i = 0; i < path.size(); i++) {
      PriceMove move = path.get(i);
      boolean outside = move.gap() > move.band();
      boolean neighbourOutside = i > 0 && path.get(i - 1).gap() > move.band()
          || i + 1 < path.size() && path.get(i + 1).gap() > move.band();
      if (outside && neighbourOutside && (widest == null || move.gap() > widest.gap())) widest = move;
    }
    return Optional.ofNullable(widest);
  }

  private static Map<String, TreeMap<LocalDate, Double>> prices(List<Observation> rows) {
    var byKey = new TreeMap<String, TreeMap<LocalDate, Double>>();
    for (Observation o : rows) {
      byKey.computeIfAbsent(o.region() + "|" + o.commodity(), k -> new TreeMap<>()).put(o.date(), o.value());
    }
    return byKey;
  }

  private Finding priceFinding(List<PriceMove> moves) {
    PriceMove top = moves.get(0);
    String lead = capitalised(RunFindings.shortName(d, top.commodity())) + " " + zoneWords(top.zone()) + " "
        + Html.multiple(top.multiple()) + " its reference";
    String detail = " in " + Html.month(top.date()) + ", against " + Html.multiple(top.counterfactualMultiple())
        + " without the policies (whose own path spans " + Html.number(top.band() * 100, 0) + "% of the reference)"
        + atCap(top).map(c -> "; " + c + ": the price shown is the cap, and buyers are rationed rather than priced"
            + " out").orElse("");
    if (moves.size() > 1) {
      detail += "; also " + String.join(", ", moves.subList(1, Math.min(moves.size(), 1 + MAX_LISTED)).stream()
          .map(m -> RunFindings.shortName(d, m.commodity()) + " " + zoneWords(m.zone()) + " "
              + Html.multiple(m.multiple()) + " (" + Html.month(m.date()) + ", against "
              + Html.multiple(m.counterfactualMultiple()) + atCap(m).map(c -> "; " + c).orElse("") + ")").toList());
    }
    return new Finding(lead, detail + ".");
  }

  /**
   * "at the price rule's cap (10.00×) in 26 months between Feb 2027 and Mar 2029", if the run held this price at
   * the highest the rule allows ({@code market.priceRule.maxMultiple}).
   */
  private Optional<String> atCap(PriceMove m) {
    return s.prices().stream()
        .filter(p -> p.zone().equals(m.zone()) && p.commodity().equals(m.commodity()) && p.heldAtCap())
        .findFirst()
        .map(p -> "at the price rule's cap (" + Html.multiple(p.peakMultiple()) + ") in " + capSpan(d, p));
  }

  /** "26 months between Feb 2027 and Mar 2029", or "1 month (May 2027)": when a price was held at the cap. */
  static String capSpan(ResultData d, RunSummary.Price p) {
    return p.periodsAtCap() + " " + d.period() + (p.periodsAtCap() == 1 ? " (" + Html.month(p.firstAtCap()) + ")"
        : "s between " + Html.month(p.firstAtCap()) + " and " + Html.month(p.lastAtCap()));
  }

  // ---- the headline --------------------------------------------------------------------------------------

  private String headline(List<Shortage> shortRegions, List<PriceMove> moves) {
    if (!shortRegions.isEmpty()) {
      Shortage x = shortRegions.get(0);
      String h = regionName(x.region()) + " runs " + Html.percent(x.shortagePercentOfDemand())
          + " short of its own demand from " + Html.month(x.firstShortageDate())
          + (x.recoveryDate() == null ? ", not recovered by " + Html.month(d.end())
              : " to " + Html.month(x.recoveryDate()));
      if (shortRegions.size() > 1) {
        h += "; " + (shortRegions.size() - 1) + " more region" + (shortRegions.size() > 2 ? "s run" : " runs")
            + " short";
      }
      return h;
    }
    String h = "No region runs short";
    Optional<Finding> flow = targetedFlows();
    if (flow.isPresent()) {
      h += ": " + flow.get().lead().replace(" against the run without the policies", "");
      List<Export> rises = rises();
      return rises.isEmpty() ? h : h + "; largest reroute " + flowName(rises.get(0)) + " +"
          + Html.tonnes(rises.get(0).tonnes() - rises.get(0).counterfactualTonnes()) + " t";
    }
    if (!moves.isEmpty()) return h + "; " + priceFinding(moves).lead();
    return h + (s.counterfactualCompared() ? " and no price moves beyond its noise" : "");
  }

  // ---- words ---------------------------------------------------------------------------------------------

  /** A flow's change in percent, or "new" where the run without the policies shipped nothing. */
  private static String change(Export e) {
    return e.dropPercent() == null ? "new" : Html.change(-e.dropPercent());
  }

  private String flowName(Export e) {
    return regionName(e.exporter()) + " \u2192 " + (e.destination().isEmpty() ? "all destinations"
        : regionName(e.destination())) + ", " + RunFindings.shortName(d, e.commodity());
  }

  private String regionName(String id) {
    return d.region(id).name();
  }

  private static String zoneWords(String zone) {
    return switch (zone) {
      case "china" -> "in China";
      case "ex-china" -> "outside China";
      default -> "in zone " + zone;
    };
  }

  private static String capitalised(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /**
   * The flows the resolved scenario's policies aim at: a policy with an {@code exporter} and a
   * {@code commodities} field limits that region's exports of those commodities (all, if none listed) to its
   * {@code destinations} (all others, if none listed).
   */
  private static List<Target> targets(ResultData d) {
    var targets = new LinkedHashSet<Target>();
    for (JsonNode p : d.scenario().path("policies")) {
      String exporter = p.path("exporter").asText("");
      if (exporter.isEmpty() || !p.has("commodities")) continue; // a technology ban has an exporter, no trade
      List<String> commodities = texts(p.path("commodities"));
      if (commodities.isEmpty()) commodities = d.commodities().stream().map(ResultData.Commodity::id).toList();
      List<String> destinations = texts(p.path("destinations"));
      if (destinations.isEmpty()) destinations = List.of("");
      for (String c : commodities) for (String to : destinations) targets.add(new Target(exporter, to, c));
    }
    return List.copyOf(targets);
  }

  private static List<String> texts(JsonNode list) {
    var out = new ArrayList<String>();
    for (JsonNode n : list) if (n.isTextual()) out.add(n.asText());
    return out;
  }
}
