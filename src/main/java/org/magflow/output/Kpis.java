package org.magflow.output;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
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
  /**
   * How close to the rule's cap a price counts as at it, relative: the market clamps a price to the cap exactly,
   * so only rounding is allowed for.
   */
  static final double CAP_TOLERANCE = 1e-9;
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
    LocalDate first = rows.isEmpty() ? null : rows.get(0).date(); // rows come in date order
    LocalDate last = rows.isEmpty() ? null : rows.get(rows.size() - 1).date();
    return new RunSummary(run.scenarioName(), run.scenarioFile(), run.seed(), first, last,
        counterfactual != null, shortages(rows, false), shortages(rows, true), prices(run.events(), rows),
        exports(rows, counterfactualRows, false), exports(rows, counterfactualRows, true),
        productionShares(rows, first), policies(run.events()), conservation(run.events()), List.of());
  }

  /**
   * The run's rows, which come in date order: the groupings below rely on it, keeping each group's periods in
   * the order they were first seen, which costs less than keeping them sorted.
   */
  private static List<Observation> observations(RunRecord run) {
    var rows = new ArrayList<Observation>();
    for (SimEvent e : run.events()) {
      if (!(e instanceof Observation o)) continue;
      if (!rows.isEmpty() && o.date().isBefore(rows.get(rows.size() - 1).date())) {
        throw new IllegalArgumentException("the run's rows are not in date order: " + o);
      }
      rows.add(o);
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

  /**
   * Two sums per reporting period for one group of rows, periods in date order. Rows come in date order with
   * all of a period's rows together, so a row adds to the latest period or starts the next one.
   */
  // Performance: a map keyed by date was a tenth of a sweep run's time; LocalDate's hash codes collide badly.
  private static final class PeriodSums {
    final List<LocalDate> dates = new ArrayList<>();
    double[] first = new double[16];
    double[] second = new double[16];

    /** The index of the period ending on {@code date}, added if it is new (after every other). */
    int period(LocalDate date) {
      int n = dates.size();
      if (n > 0 && dates.get(n - 1).equals(date)) return n - 1;
      if (n == first.length) {
        first = Arrays.copyOf(first, 2 * n);
        second = Arrays.copyOf(second, 2 * n);
      }
      dates.add(date);
      return n;
    }

    int size() {
      return dates.size();
    }

    /** The first sum of the period ending on {@code date}, or 0 if there is none. */
    double firstOn(LocalDate date) {
      int i = Collections.binarySearch(dates, date);
      return i >= 0 ? first[i] : 0.0;
    }

    double firstTotal() {
      double total = 0;
      for (int i = 0; i < dates.size(); i++) total += first[i];
      return total;
    }
  }

  // ---- shortage ----------------------------------------------------------------------------------------

  static List<Shortage> shortages(List<Observation> rows, boolean bySector) {
    // Performance: grouped by hash and sorted once at the end; a sorted map compared keys on every row.
    var groups = new HashMap<Pair, PeriodSums>(); // per period: demand, shortage
    for (Observation o : rows) {
      boolean demand = o.metric().equals(Metrics.DEMAND);
      if (!demand && !o.metric().equals(Metrics.SHORTAGE)) continue;
      PeriodSums sums = groups.computeIfAbsent(new Pair(o.region(), bySector ? o.sector() : ""), k -> new PeriodSums());
      int period = sums.period(o.date()); // first: it may replace the arrays
      if (demand) sums.first[period] += o.value();
      else sums.second[period] += o.value();
    }
    var result = new ArrayList<Shortage>();
    new TreeMap<>(groups).forEach((key, periods) -> result.add(shortage(key.first(), key.second(), periods)));
    return result;
  }

  /** @param periods demand and shortage per period */
  private static Shortage shortage(String region, String sector, PeriodSums periods) {
    double cumulativeShortage = 0;
    double cumulativeDemand = 0;
    double peak = 0;
    LocalDate peakDate = null;
    double peakPercent = 0;
    int inShortage = 0;
    LocalDate firstShort = null;
    LocalDate lastShort = null;
    LocalDate recovery = null; // the period after the last one in shortage
    boolean previousShort = false;
    for (int i = 0; i < periods.size(); i++) {
      LocalDate date = periods.dates.get(i);
      double demandTonnes = periods.first[i];
      double shortageTonnes = periods.second[i];
      cumulativeShortage += shortageTonnes;
      cumulativeDemand += demandTonnes;
      if (shortageTonnes > peak) { // strictly greater: the earliest period wins a tie
        peak = shortageTonnes;
        peakDate = date;
        peakPercent = percent(shortageTonnes, demandTonnes);
      }
      boolean isShort = shortageTonnes > SHORTAGE_THRESHOLD * demandTonnes;
      if (isShort) {
        inShortage++;
        if (firstShort == null) firstShort = date;
        lastShort = date;
        recovery = null;
      } else if (previousShort) {
        recovery = date;
      }
      previousShort = isShort;
    }
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
    var references = new HashMap<Pair, PriceReference>(); // looked up only, never iterated
    for (SimEvent e : events) {
      if (e instanceof PriceReference r) references.put(new Pair(r.zone(), r.commodity()), r);
    }
    var paths = new TreeMap<Pair, List<Observation>>();
    for (Observation o : rows) {
      if (o.metric().equals(Metrics.PRICE)) {
        paths.computeIfAbsent(new Pair(o.region(), o.commodity()), k -> new ArrayList<>()).add(o);
      }
    }
    var result = new ArrayList<Price>();
    paths.forEach((key, path) -> {
      PriceReference ref = references.get(key);
      Double reference = ref == null ? null : ref.usdPerKg();
      Observation peak = path.get(0);
      double min = path.get(0).value();
      int atCap = 0;
      LocalDate firstAtCap = null;
      LocalDate lastAtCap = null;
      for (Observation o : path) {
        if (o.value() > peak.value()) peak = o;
        min = Math.min(min, o.value());
        if (ref != null && o.value() >= ref.capUsdPerKg() * (1 - CAP_TOLERANCE)) {
          atCap++;
          if (firstAtCap == null) firstAtCap = o.date();
          lastAtCap = o.date();
        }
      }
      result.add(new Price(key.first(), key.second(), reference, peak.value(), peak.date(),
          multiple(peak.value(), reference), path.get(path.size() - 1).value(), multiple(min, reference),
          ref == null ? null : atCap, firstAtCap, lastAtCap));
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
      PeriodSums shipped = flows.getOrDefault(key, new PeriodSums());
      PeriodSums counterfactual = counterfactualFlows == null ? null
          : counterfactualFlows.getOrDefault(key, new PeriodSums());
      result.add(export(key, shipped, counterfactual));
    }
    return result;
  }

  /** Each flow's tonnes per period. */
  private static TreeMap<Triple, PeriodSums> exportFlows(List<Observation> rows, boolean totals) {
    var flows = new HashMap<Triple, PeriodSums>(); // sorted once at the end, as above
    for (Observation o : rows) {
      if (!o.metric().equals(Metrics.SHIPPED) || o.region().equals(o.partner())) continue;
      PeriodSums sums = flows.computeIfAbsent(new Triple(o.region(), totals ? "" : o.partner(), o.commodity()),
          k -> new PeriodSums());
      int period = sums.period(o.date()); // first: it may replace the arrays
      sums.first[period] += o.value();
    }
    return new TreeMap<>(flows);
  }

  private static Export export(Triple key, PeriodSums shipped, PeriodSums counterfactual) {
    double tonnes = shipped.firstTotal();
    if (counterfactual == null) {
      return new Export(key.first(), key.second(), key.third(), tonnes, null, null, null, null);
    }
    double counterfactualTonnes = counterfactual.firstTotal();
    Double drop = counterfactualTonnes > 0 ? drop(tonnes, counterfactualTonnes) : null;
    Double worst = null;
    LocalDate worstDate = null;
    for (int i = 0; i < counterfactual.size(); i++) {
      double expected = counterfactual.first[i];
      if (expected < MIN_COUNTERFACTUAL_PERIOD_TONNES) continue;
      LocalDate date = counterfactual.dates.get(i);
      double periodDrop = drop(shipped.firstOn(date), expected);
      if (worst == null || periodDrop > worst) { // strictly greater: the earliest period wins a tie
        worst = periodDrop;
        worstDate = date;
      }
    }
    return new Export(key.first(), key.second(), key.third(), tonnes, counterfactualTonnes, drop, worst,
        worstDate);
  }

  private static double drop(double actual, double counterfactual) {
    return 100.0 * (counterfactual - actual) / counterfactual;
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
