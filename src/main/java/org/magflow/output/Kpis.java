package org.magflow.output;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.magflow.event.ConservationAudit;
import org.magflow.event.Metrics;
import org.magflow.event.Observation;
import org.magflow.event.PolicyChange;
import org.magflow.event.PriceReference;
import org.magflow.event.SimEvent;
import org.magflow.output.RunSummary.Conservation;
import org.magflow.output.RunSummary.Export;
import org.magflow.output.RunSummary.Policy;
import org.magflow.output.RunSummary.Price;
import org.magflow.output.RunSummary.ProductionShare;
import org.magflow.output.RunSummary.Shortage;

/**
 * The calculation of a run's key performance indicators ({@link RunSummary}) from its events alone.
 *
 * <p>Every grouping goes through sorted maps and every sum runs in date order, so the same events always give
 * the same summary, to the last bit.
 */
public final class Kpis {
  /** A period is in shortage when its shortage exceeds this fraction of its demand (1%). */
  public static final double SHORTAGE_THRESHOLD = 0.01;
  /**
   * The least tonnage the counterfactual must ship in a period for that period's export drop to count; below
   * it a percentage would be noise.
   */
  public static final double MIN_COUNTERFACTUAL_PERIOD_TONNES = 1.0;
  /** The length of the window, from the start of the run, over which production shares are measured. */
  public static final int SHARE_WINDOW_MONTHS = 12;
  /** The metrics whose rows the KPIs are computed from; a run that reports only these gives the same KPIs. */
  public static final Set<String> METRICS =
      Set.of(Metrics.DEMAND, Metrics.SHORTAGE, Metrics.PRICE, Metrics.SHIPPED, Metrics.THROUGHPUT);

  private Kpis() {}

  /**
   * Computes the KPIs of {@code run}.
   *
   * @param counterfactual the same scenario and seed with every policy removed, for export drops; may be null
   */
  public static RunSummary compute(RunRecord run, RunRecord counterfactual) {
    Objects.requireNonNull(run, "run");
    List<Observation> rows = observations(run);
    List<Observation> counterfactualRows = counterfactual == null ? null : observations(counterfactual);
    LocalDate first = rows.stream().map(Observation::date).min(Comparator.naturalOrder()).orElse(null);
    LocalDate last = rows.stream().map(Observation::date).max(Comparator.naturalOrder()).orElse(null);
    return new RunSummary(run.scenarioName(), run.scenarioFile(), run.seed(), first, last,
        counterfactual != null, shortages(rows, false), shortages(rows, true), prices(run.events(), rows),
        exports(rows, counterfactualRows, false), exports(rows, counterfactualRows, true),
        productionShares(rows, first), policies(run.events()), conservation(run.events()));
  }

  private static List<Observation> observations(RunRecord run) {
    var rows = new ArrayList<Observation>();
    for (SimEvent e : run.events()) {
      if (e instanceof Observation o) rows.add(o);
    }
    return rows;
  }

  /** Two sort keys, compared in order; used for (region, sector), (zone, commodity) and (exporter, commodity). */
  private record Pair(String first, String second) implements Comparable<Pair> {
    private static final Comparator<Pair> ORDER = Comparator.comparing(Pair::first).thenComparing(Pair::second);

    @Override public int compareTo(Pair o) {
      return ORDER.compare(this, o);
    }
  }

  /** Three sort keys, compared in order; used for (exporter, destination, commodity). */
  private record Triple(String first, String second, String third) implements Comparable<Triple> {
    private static final Comparator<Triple> ORDER =
        Comparator.comparing(Triple::first).thenComparing(Triple::second).thenComparing(Triple::third);

    @Override public int compareTo(Triple o) {
      return ORDER.compare(this, o);
    }
  }

  // ---- shortage ----------------------------------------------------------------------------------------

  /** One period's demand and shortage for a group of demand sectors. */
  private static final class PeriodDemand {
    double demandTonnes;
    double shortageTonnes;
  }

  static List<Shortage> shortages(List<Observation> rows, boolean bySector) {
    // Performance: grouped by hash and sorted once at the end; a sorted map compared keys on every row.
    var groups = new HashMap<Pair, TreeMap<LocalDate, PeriodDemand>>();
    for (Observation o : rows) {
      boolean demand = o.metric().equals(Metrics.DEMAND);
      if (!demand && !o.metric().equals(Metrics.SHORTAGE)) continue;
      var key = new Pair(o.region(), bySector ? o.sector() : "");
      PeriodDemand period = groups.computeIfAbsent(key, k -> new TreeMap<>())
          .computeIfAbsent(o.date(), d -> new PeriodDemand());
      if (demand) period.demandTonnes += o.value();
      else period.shortageTonnes += o.value();
    }
    var result = new ArrayList<Shortage>();
    new TreeMap<>(groups).forEach((key, periods) -> result.add(shortage(key.first(), key.second(), periods)));
    return result;
  }

  private static Shortage shortage(String region, String sector, NavigableMap<LocalDate, PeriodDemand> periods) {
    double cumulativeShortage = 0;
    double cumulativeDemand = 0;
    double peak = 0;
    LocalDate peakDate = null;
    double peakPercent = 0;
    int inShortage = 0;
    LocalDate firstShort = null;
    LocalDate lastShort = null;
    for (var entry : periods.entrySet()) {
      PeriodDemand p = entry.getValue();
      cumulativeShortage += p.shortageTonnes;
      cumulativeDemand += p.demandTonnes;
      if (p.shortageTonnes > peak) { // strictly greater: the earliest period wins a tie
        peak = p.shortageTonnes;
        peakDate = entry.getKey();
        peakPercent = percent(p.shortageTonnes, p.demandTonnes);
      }
      if (p.shortageTonnes > SHORTAGE_THRESHOLD * p.demandTonnes) {
        inShortage++;
        if (firstShort == null) firstShort = entry.getKey();
        lastShort = entry.getKey();
      }
    }
    LocalDate recovery = lastShort == null ? null : periods.higherKey(lastShort);
    Integer durationMonths = recovery == null ? null
        : (int) ChronoUnit.MONTHS.between(YearMonth.from(firstShort), YearMonth.from(recovery));
    return new Shortage(region, sector, cumulativeShortage, cumulativeDemand,
        percent(cumulativeShortage, cumulativeDemand), peak, peakDate, peakPercent, inShortage, firstShort,
        recovery, durationMonths);
  }

  /** {@code part} as a percentage of {@code whole}; 0 when there is no whole, so no NaN reaches a file. */
  private static double percent(double part, double whole) {
    return whole > 0 ? 100.0 * part / whole : 0.0;
  }

  // ---- prices ------------------------------------------------------------------------------------------

  static List<Price> prices(List<SimEvent> events, List<Observation> rows) {
    var references = new HashMap<Pair, Double>(); // looked up only, never iterated
    for (SimEvent e : events) {
      if (e instanceof PriceReference r) references.put(new Pair(r.zone(), r.commodity()), r.usdPerKg());
    }
    var paths = new TreeMap<Pair, List<Observation>>();
    for (Observation o : rows) {
      if (o.metric().equals(Metrics.PRICE)) {
        paths.computeIfAbsent(new Pair(o.region(), o.commodity()), k -> new ArrayList<>()).add(o);
      }
    }
    var result = new ArrayList<Price>();
    paths.forEach((key, path) -> {
      Observation peak = path.get(0);
      double min = path.get(0).value();
      for (Observation o : path) {
        if (o.value() > peak.value()) peak = o;
        min = Math.min(min, o.value());
      }
      Double reference = references.get(key);
      result.add(new Price(key.first(), key.second(), reference, peak.value(), peak.date(),
          multiple(peak.value(), reference), path.get(path.size() - 1).value(), multiple(min, reference)));
    });
    return result;
  }

  private static Double multiple(double price, Double reference) {
    return reference != null && reference > 0 ? price / reference : null;
  }

  // ---- exports -----------------------------------------------------------------------------------------

  /**
   * Cross-border shipments compared with the counterfactual; {@code totals} sums each exporter's flows over
   * destinations. Flows are the union of both runs' flows, because a flow a policy stops entirely may leave
   * no rows at all in the run.
   */
  static List<Export> exports(List<Observation> rows, List<Observation> counterfactualRows, boolean totals) {
    var flows = exportFlows(rows, totals);
    var counterfactualFlows = counterfactualRows == null ? null : exportFlows(counterfactualRows, totals);
    var keys = new TreeSet<>(flows.keySet());
    if (counterfactualFlows != null) keys.addAll(counterfactualFlows.keySet());
    var result = new ArrayList<Export>();
    for (Triple key : keys) {
      var shipped = flows.getOrDefault(key, new TreeMap<>());
      var counterfactual = counterfactualFlows == null ? null
          : counterfactualFlows.getOrDefault(key, new TreeMap<>());
      result.add(export(key, shipped, counterfactual));
    }
    return result;
  }

  private static TreeMap<Triple, TreeMap<LocalDate, Double>> exportFlows(List<Observation> rows, boolean totals) {
    var flows = new HashMap<Triple, TreeMap<LocalDate, Double>>(); // sorted once at the end, as above
    for (Observation o : rows) {
      if (!o.metric().equals(Metrics.SHIPPED) || o.region().equals(o.partner())) continue;
      var key = new Triple(o.region(), totals ? "" : o.partner(), o.commodity());
      flows.computeIfAbsent(key, k -> new TreeMap<>()).merge(o.date(), o.value(), Double::sum);
    }
    return new TreeMap<>(flows);
  }

  private static Export export(Triple key, TreeMap<LocalDate, Double> shipped,
                               TreeMap<LocalDate, Double> counterfactual) {
    double tonnes = sum(shipped);
    if (counterfactual == null) {
      return new Export(key.first(), key.second(), key.third(), tonnes, null, null, null, null);
    }
    double counterfactualTonnes = sum(counterfactual);
    Double drop = counterfactualTonnes > 0 ? drop(tonnes, counterfactualTonnes) : null;
    Double worst = null;
    LocalDate worstDate = null;
    for (var period : counterfactual.entrySet()) {
      double expected = period.getValue();
      if (expected < MIN_COUNTERFACTUAL_PERIOD_TONNES) continue;
      double periodDrop = drop(shipped.getOrDefault(period.getKey(), 0.0), expected);
      if (worst == null || periodDrop > worst) { // strictly greater: the earliest period wins a tie
        worst = periodDrop;
        worstDate = period.getKey();
      }
    }
    return new Export(key.first(), key.second(), key.third(), tonnes, counterfactualTonnes, drop, worst,
        worstDate);
  }

  private static double drop(double actual, double counterfactual) {
    return 100.0 * (counterfactual - actual) / counterfactual;
  }

  private static double sum(TreeMap<LocalDate, Double> byDate) {
    double total = 0;
    for (double v : byDate.values()) total += v;
    return total;
  }

  // ---- production shares -------------------------------------------------------------------------------

  /**
   * Regional shares of each stage's throughput over the periods that end before the first period end plus
   * {@link #SHARE_WINDOW_MONTHS} months: with monthly reporting, the first twelve periods.
   */
  static List<ProductionShare> productionShares(List<Observation> rows, LocalDate firstPeriodEnd) {
    if (firstPeriodEnd == null) return List.of();
    LocalDate windowEnd = firstPeriodEnd.plusMonths(SHARE_WINDOW_MONTHS);
    var byStage = new TreeMap<String, TreeMap<String, Double>>();
    for (Observation o : rows) {
      if (o.metric().equals(Metrics.THROUGHPUT) && o.date().isBefore(windowEnd)) {
        byStage.computeIfAbsent(o.sector(), s -> new TreeMap<>()).merge(o.region(), o.value(), Double::sum);
      }
    }
    var result = new ArrayList<ProductionShare>();
    byStage.forEach((stage, byRegion) -> {
      double stageTotal = 0;
      for (double v : byRegion.values()) stageTotal += v;
      var shares = new ArrayList<ProductionShare>();
      for (var region : byRegion.entrySet()) {
        shares.add(new ProductionShare(stage, region.getKey(), region.getValue(),
            percent(region.getValue(), stageTotal)));
      }
      // byRegion is sorted by region, and the sort is stable, so equal shares stay in region order
      shares.sort(Comparator.comparingDouble(ProductionShare::sharePercent).reversed());
      result.addAll(shares);
    });
    return result;
  }

  // ---- policies and conservation -----------------------------------------------------------------------

  static List<Policy> policies(List<SimEvent> events) {
    var result = new ArrayList<Policy>();
    for (SimEvent e : events) {
      if (e instanceof PolicyChange p) result.add(new Policy(p.policy(), p.type(), p.date(), p.active()));
    }
    result.sort(Comparator.comparing(Policy::date)); // stable: same-date switches keep their event order
    return result;
  }

  static List<Conservation> conservation(List<SimEvent> events) {
    var result = new ArrayList<Conservation>();
    for (SimEvent e : events) {
      if (e instanceof ConservationAudit a) {
        result.add(new Conservation(a.commodity(), a.initial(), a.produced(), a.used(), a.consumed(),
            a.writtenOff(), a.inTransit(), a.finalStock(), a.residual(), a.balanced()));
      }
    }
    result.sort(Comparator.comparing(Conservation::commodity)); // stable
    return result;
  }
}
