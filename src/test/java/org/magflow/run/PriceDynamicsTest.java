package org.magflow.run;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magflow.event.Metrics;
import org.magflow.event.Observation;

/**
 * Short-run price and production dynamics (issue 12): the baseline has no endogenous cycle and no
 * end-of-horizon effect, a harsher cut never gives less shortage, and prices under the shipped restrictions move
 * by bounded steps from month to month.
 */
class PriceDynamicsTest {
  private static final Path BASELINE = Path.of("scenarios/baseline.yaml");
  private static final LocalDate SECOND_YEAR = LocalDate.of(2026, 1, 1);
  private static RunSeries baseline;

  @BeforeAll
  static void runBaseline() throws InputException {
    baseline = new RunSeries(new ScenarioRun().simulate(RunJob.load(BASELINE), BASELINE.toString(), 42, 0));
  }

  /** A metric's monthly values, one series per key (agent, region, commodity, sector) of its rows. */
  static Map<String, List<Double>> seriesByKey(RunSeries run, String metric, Predicate<Observation> filter) {
    Map<String, List<Double>> series = new TreeMap<>();
    run.rows().filter(o -> o.metric().equals(metric) && filter.test(o)).forEach(o ->
        series.computeIfAbsent(o.agent() + "/" + o.region() + "/" + o.commodity() + "/" + o.sector(),
            k -> new ArrayList<>()).add(o.value()));
    return series;
  }

  static double largestStep(List<Double> v, boolean relative) {
    double largest = 0;
    for (int i = 1; i < v.size(); i++) {
      largest = Math.max(largest, relative ? Math.abs(v.get(i) / v.get(i - 1) - 1) : Math.abs(v.get(i) - v.get(i - 1)));
    }
    return largest;
  }

  @Test
  void baselineMines_runInsideABand_withoutCycling() {
    // Before the stock correction counted what the plans would add, mines rang with a ~3-month period: China's
    // swung between 37% and 96% of capacity and moved by up to 34 points from one month to the next. The band:
    // what normal utilisation (85% at reference prices) and the demand for each mine's ore allow, with room for
    // demand noise and the first year's settling from the opening stocks.
    Map<String, List<Double>> mines = seriesByKey(baseline, Metrics.UTILISATION, o -> o.sector().equals("mining"));
    assertTrue(mines.size() >= 5, "mining producers: " + mines.keySet());
    mines.forEach((mine, u) -> {
      double lo = u.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
      double hi = u.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
      assertTrue(lo >= 0.5 && hi <= 0.9, mine + " utilisation " + lo + "-" + hi + ", outside 0.5-0.9");
      assertTrue(largestStep(u, false) <= 0.25, mine + " utilisation moves by " + largestStep(u, false) + " in a month");
    });
  }

  @Test
  void baselineConcentratePrice_staysNearReference() {
    // It touched 1.84x and 1.97x when the mines cycled. Within +-25% every month, and +-15% once the first year
    // has settled the opening stocks (the first months sit up to ~23% below reference while surplus ore clears).
    for (String zone : List.of("china", "ex-china")) {
      double reference = baseline.referencePrice(zone, "reo");
      baseline.rows().filter(o -> o.metric().equals(Metrics.PRICE) && o.region().equals(zone)
          && o.commodity().equals("reo")).forEach(o -> {
            double multiple = o.value() / reference;
            double band = o.date().isBefore(SECOND_YEAR) ? 0.25 : 0.15;
            assertTrue(Math.abs(multiple - 1) <= band, zone + " concentrate at " + multiple + "x on " + o.date());
          });
    }
  }

  @Test
  void baselineLastMonth_isLikeTheOthers() {
    // The last clearing used to be reported as flowing over the days left, and the last production step was cut
    // short while clearing ordered a whole week: magnet deliveries jumped 24% in December 2030 and prices moved.
    // Now the last month's flows lie within three standard deviations of the twelve before it, and its price
    // steps are no larger than the largest of the twelve before, or 1% for a price that hardly moved in them
    // (the last, partial week's clearing still moves a flat price by up to ~0.5%; it moved China's magnet
    // price 1.2%).
    for (String metric : List.of(Metrics.DELIVERED, Metrics.SHIPPED, Metrics.PRODUCTION, Metrics.CONSUMPTION)) {
      for (String commodity : List.of("reo", "ndpr_oxide", "dytb_oxide", "ndfeb_magnet")) {
        List<double[]> months = baseline.monthly(metric, RunSeries.commodity(commodity));
        if (!months.isEmpty()) assertLastMonthLikeTheOthers(metric + " of " + commodity, months); // none: not consumed
      }
    }
    seriesByKey(baseline, Metrics.PRICE, o -> true).forEach((price, v) -> {
      List<Double> year = v.subList(v.size() - 13, v.size() - 1);
      double lastStep = Math.abs(v.get(v.size() - 1) / v.get(v.size() - 2) - 1);
      assertTrue(lastStep <= Math.max(largestStep(year, true), 0.01), price + ": last month moves " + lastStep
          + ", the 12 before at most " + largestStep(year, true));
    });
  }

  static void assertLastMonthLikeTheOthers(String what, List<double[]> months) {
    int last = months.size() - 1;
    double mean = 0;
    for (int i = last - 12; i < last; i++) mean += months.get(i)[1] / 12;
    double variance = 0;
    for (int i = last - 12; i < last; i++) variance += Math.pow(months.get(i)[1] - mean, 2) / 12;
    double z = (months.get(last)[1] - mean) / Math.sqrt(variance);
    assertTrue(Math.abs(z) <= 3, what + ": last month " + months.get(last)[1] + " t, " + z + " sd from the mean "
        + mean + " t of the 12 before");
  }

  /** US shortage (t) over the horizon, with China's magnets to the US cut by {@code cut} for {@code months}. */
  private static double usShortage(Path dir, double cut, int months, int replication) throws IOException, InputException {
    LocalDate start = LocalDate.of(2025, 9, 1);
    Path file = dir.resolve("cut-" + cut + "-" + months + ".yaml");
    Files.writeString(file, """
        extends: %s
        name: cut
        policies:
          - {type: destination-throttle, name: cut, start: %s, end: %s, exporter: CN, destinations: [US],
             commodities: [ndfeb_magnet], cut: %s}
        """.formatted(BASELINE.toAbsolutePath(), start, start.plusMonths(months), cut));
    var run = new RunSeries(new ScenarioRun().simulate(RunJob.load(file), file.toString(), 42, replication,
        Metrics.SHORTAGE::equals));
    return run.sum(Metrics.SHORTAGE, o -> o.region().equals("US"), LocalDate.MIN, LocalDate.MAX);
  }

  @Test
  void harsherCuts_neverGiveLessShortage_onCommonRandomNumbers(@TempDir Path dir) throws Exception {
    // cut-size-duration used to leave the US 1.14% short at a 90% cut for 24 months and 0.30% at 100%: a line
    // that could take 10% from China asked Japan only in the next allocation round, after buyers with no Chinese
    // allowance had shared Japan's stock out. Averaged over three replications, as in the sweeps.
    double previous = 0;
    for (int step = 5; step <= 10; step++) {
      double mean = 0;
      for (int replication = 0; replication < 3; replication++) mean += usShortage(dir, step / 10.0, 24, replication) / 3;
      assertTrue(mean >= previous - 1e-6, "cut " + step / 10.0 + ": US short " + mean + " t < " + previous
          + " t at the milder cut");
      previous = mean;
    }
    assertTrue(previous > 0, "a full cut for two years leaves the US short");
  }

  @Test
  void harsherCutOrLonger_neverGivesLessShortage_forRandomPairs(@TempDir Path dir) throws Exception {
    // A property over random (cut, months) pairs: making either harsher, on the same random numbers, never
    // lowers cumulative US shortage by more than a tonne (rounding of tonnes summed over six years).
    SplittableRandom random = new SplittableRandom(12);
    for (int trial = 0; trial < 4; trial++) {
      double cut = Math.round(random.nextDouble(0.3, 0.9) * 100) / 100.0;
      int months = random.nextInt(1, 19);
      double base = usShortage(dir, cut, months, trial);
      double harsherCut = usShortage(dir, Math.min(1, cut + 0.1 + random.nextDouble(0.1)), months, trial);
      double longer = usShortage(dir, cut, months + random.nextInt(3, 12), trial);
      assertTrue(harsherCut >= base - 1, "cut " + cut + " for " + months + " months: " + base + " t; harsher " + harsherCut);
      assertTrue(longer >= base - 1, "cut " + cut + " for " + months + " months: " + base + " t; longer " + longer);
    }
  }

  /** The largest month-to-month change of a zone's price from {@code from} to {@code to}, as a share of the earlier month. */
  private static double largestMonthlyMove(String file, String zone, String commodity, LocalDate from, LocalDate to)
      throws InputException {
    return largestMonthlyMove(pricesAtSeed42(file), zone, commodity, from, to);
  }

  /** A shipped scenario's prices at seed 42 (price rows only). */
  private static RunSeries pricesAtSeed42(String file) throws InputException {
    return prices(file, 42);
  }

  /** A shipped scenario's prices at {@code seed} (price rows only). */
  private static RunSeries prices(String file, long seed) throws InputException {
    return new RunSeries(new ScenarioRun().simulate(RunJob.load(Path.of(file)), file, seed, 0, Metrics.PRICE::equals));
  }

  private static double largestMonthlyMove(RunSeries run, String zone, String commodity, LocalDate from, LocalDate to) {
    return largestStep(priceSeries(run, zone, commodity, from, to), true);
  }

  /** A zone's monthly prices of a commodity from {@code from} to {@code to}, both included. */
  private static List<Double> priceSeries(RunSeries run, String zone, String commodity, LocalDate from, LocalDate to) {
    return seriesByKey(run, Metrics.PRICE, o -> o.region().equals(zone) && o.commodity().equals(commodity)
        && !o.date().isBefore(from) && !o.date().isAfter(to)).values().iterator().next();
  }

  @Test
  void calmWorldConcentrate_movesLessThanATenthAMonth_atEachOfFourSeeds() throws InputException {
    // Issue 12: with China's separators topping up their whole feed gap each week, their concentrate orders swung
    // 5,000-14,500 t a week, the mines' two weeks of stock drained while every buyer was still filled, and ex-China
    // concentrate jumped when the last of it was gone: 37% in a month at seed 1 (Nov 2031), 17% at seed 2, 35% at
    // seed 3, 27% at seed 42 (March 2032). Ordering their use plus a month's share of the gap (baseline.yaml,
    // cn-separators' orderAdjustmentDays) leaves 3-6%. From the second year: the first settles the opening stocks.
    // China's concentrate moved 8-17% in a month at the four seeds until buyers learnt lead times by tonnes (see
    // calmWorldChinaNdPr_doesNotSaw); now 5-6%.
    for (long seed : new long[] {1, 2, 3, 42}) {
      var run = prices("scenarios/world-2035.yaml", seed);
      for (String zone : new String[] {"ex-china", "china"}) {
        List<Double> prices = priceSeries(run, zone, "reo", SECOND_YEAR, LocalDate.MAX);
        assertTrue(largestStep(prices, true) <= 0.10, "seed " + seed + ": " + zone + " concentrate moves "
            + largestStep(prices, true) + " in a month");
      }
    }
  }

  @Test
  void restrictedPrices_moveByBoundedSteps_awayFromPolicyChanges() throws InputException {
    // A price may jump when a policy switches; two months after the last switch it should move with supply and
    // demand, not saw. Bound: 15% a month, half the swings seen before (full-embargo's ex-China NdPr went
    // 0.61x -> 0.81x -> 0.91x -> 0.73x in Aug-Nov 2029, steps of 20-32%, as ex-China separators' unsold oxide
    // built up for weeks and was bought in a lump). The price rule alone could move a price 66% of the way to
    // its indicated price in a month (28-day time constant), so the bound tests the balance, not the rule.
    // Held through 2030 only while ex-China NdPr spiked for a month at a time from 2031 (steps of up to 15.2% at
    // seed 42): China's magnet makers bought the unsold NdPr of separators outside China in lumps whenever its
    // price dipped below China's. Since traders are served last, from spare stock (Market), to the end of 2035:
    // 12.7% at seed 42 (June 2028, to 1.11x), 7.6% from 2031.
    assertTrue(largestMonthlyMove("scenarios/full-embargo.yaml", "ex-china", "ndpr_oxide", LocalDate.of(2027, 1, 1),
        LocalDate.MAX) <= 0.15, "full embargo: ex-China NdPr");
    // October 2025 controls: the last policy switch is 10 Dec 2025 (the US fast track lapses)
    assertTrue(largestMonthlyMove("scenarios/october-2025-controls.yaml", "ex-china", "ndfeb_magnet",
        LocalDate.of(2026, 2, 1), LocalDate.MAX) <= 0.15, "October 2025 controls: ex-China magnets");
  }

  @Test
  void policyScenarioPrices_moveByBoundedSteps_onceSettled() throws InputException {
    // From 2028, with the policies long in force, every ex-China price moves at most 15% in a month. Before buyers
    // learnt lead times by tonnes (Agent.receive) these swung hard at seed 42: ex-China NdPr up 72% in June 2031
    // under the entity ban, concentrate 56% and NdPr 48% under the fast track: China's magnet makers, the largest
    // buyers, moved the position they order up to by 1,400 t whenever a few tonnes came from abroad, and the lumps
    // of orders that made spilled over to sellers outside China, which hold no stock. Not held to it, as measured
    // at seed 42: the build-out scenarios' ex-China concentrate (16% and 17% in a month) and the tech-ban
    // variant's NdPr (17%).
    LocalDate from = LocalDate.of(2028, 1, 1);
    for (String scenario : new String[] {"full-embargo", "full-embargo-stockpile", "entity-ban-us-defence",
        "veu-fast-track", "october-2025-controls", "october-2025-suspended"}) {
      RunSeries run = pricesAtSeed42("scenarios/" + scenario + ".yaml");
      for (String commodity : new String[] {"reo", "ndpr_oxide", "ndfeb_magnet"}) {
        // The embargo worlds' ex-China NdPr was held through 2030 only while it spiked for a month at a time from
        // 2031 (17.0% at seed 42 under full-embargo-stockpile, June 2033: China's magnet makers buying the unsold
        // NdPr outside China in lumps). Traders served last, from spare stock (Market): 13.8% from 2028 (December
        // 2028), 10.4% from 2031.
        double move = largestMonthlyMove(run, "ex-china", commodity, from, LocalDate.MAX);
        assertTrue(move <= 0.15, scenario + ": ex-China " + commodity + " moves " + move + " in a month");
      }
    }
  }

  @Test
  void octoberWorlds_exChinaDyTb_doesNotSpikeOnceSettled() throws InputException {
    // From 2027 the ex-China Dy/Tb price spiked for two or three months at a time, to 1.94x under
    // october-2025-controls and 2.29x under october-2025-suspended at seed 42 (up to 3.45x and 3.16x at seeds 1-3):
    // Japan's makers, their exports held back by the de-minimis rule, sat on ~100 days of unsold magnets and ran
    // their plants at all they could only while the magnet price was 1.25x or more, so their plans, and the Dy/Tb
    // they ordered, went off and on as the price hovered there. The push now fades as unsold stock builds
    // (Producer.pushShare): 1.14x and 1.38x at seed 42.
    LocalDate from = LocalDate.of(2027, 1, 1);
    for (String scenario : new String[] {"october-2025-controls", "october-2025-suspended"}) {
      RunSeries run = pricesAtSeed42("scenarios/" + scenario + ".yaml");
      List<Double> prices = priceSeries(run, "ex-china", "dytb_oxide", from, LocalDate.MAX);
      double peak = prices.stream().mapToDouble(Double::doubleValue).max().orElseThrow()
          / run.referencePrice("ex-china", "dytb_oxide");
      assertTrue(peak < 1.5, scenario + ": ex-China Dy/Tb peaks at " + peak + "x reference from 2027");
    }
  }

  /** Months whose move of more than 2% reverses a previous move of more than 2%: a saw-tooth's teeth. */
  private static int sawToothReversals(List<Double> prices) {
    int reversals = 0;
    for (int i = 2; i < prices.size(); i++) {
      double before = prices.get(i - 1) / prices.get(i - 2) - 1;
      double now = prices.get(i) / prices.get(i - 1) - 1;
      if (Math.abs(before) > 0.02 && Math.abs(now) > 0.02 && Math.signum(before) != Math.signum(now)) reversals++;
    }
    return reversals;
  }

  @Test
  void calmWorldExChinaNdPr_doesNotSaw() throws InputException {
    // Outside China the baseline's NdPr went 0.93x, 0.97x, 0.92x, 0.97x month after month (34 reversals in the 59
    // moves from 2026 at seed 42; 29-37 at seeds 1-3): separators outside China make more NdPr than the zone's
    // magnet makers use, the surplus built up for weeks, and China's magnet makers, whose order is a whole zone's
    // needs, bought it in a lump once the price dipped below China's, crowding out buyers outside China. Traders
    // are now served last and from spare stock only (Market), so the surplus goes to China as it comes: 4 reversals
    // (1-5 at seeds 1-3).
    List<Double> prices = priceSeries(baseline, "ex-china", "ndpr_oxide", SECOND_YEAR, LocalDate.MAX);
    int reversals = sawToothReversals(prices);
    assertTrue(reversals <= prices.size() / 10, reversals + " saw-tooth reversals in " + prices.size() + " months");
  }

  @Test
  void calmWorldExChinaNdPr_staysAtReference_whatChinasTradersWant() throws InputException {
    // China's magnet makers buy NdPr outside China as traders, from spare stock (Market). When their order still
    // told the separators outside China what to make, those planned for China's needs, the surplus went unsold and
    // the calm world's ex-China NdPr sat at 0.915x (seed 42, from 2028; 0.91-0.93x at seeds 1-3) and moved up to 4%
    // in a month. Their order now tells China's own separators: 0.98-0.99x, moves of 1% at most.
    RunSeries run = pricesAtSeed42("scenarios/world-2035.yaml");
    LocalDate from = LocalDate.of(2028, 1, 1);
    double reference = run.referencePrice("ex-china", "ndpr_oxide");
    double lowest = priceSeries(run, "ex-china", "ndpr_oxide", from, LocalDate.MAX).stream()
        .mapToDouble(Double::doubleValue).min().orElseThrow() / reference;
    assertTrue(lowest >= 0.95, "world-2035 ex-China NdPr falls to " + lowest + "x reference");
    double move = largestMonthlyMove(run, "ex-china", "ndpr_oxide", from, LocalDate.MAX);
    assertTrue(move <= 0.025, "world-2035 ex-China NdPr moves " + move + " in a month");
  }

  @Test
  void aSellerBarredFromOneMarket_findsBuyersInItsOwn() throws InputException {
    // China's procurement ban bars its buyers from MP Materials' NdPr, and Japan's magnet makers buy from Lynas,
    // which is closer. Had Lynas kept its customers whatever China paid, MP's NdPr would sit unsold and drag the
    // ex-China price down to 0.46x for two years (seed 42). A seller whose customers pay far less than traders
    // offer sells to the traders (Market's customer margin); Japan then buys MP's NdPr: 0.84x at the lowest.
    RunSeries run = pricesAtSeed42("scenarios/entity-ban-us-defence.yaml");
    double lowest = priceSeries(run, "ex-china", "ndpr_oxide", LocalDate.MIN, LocalDate.MAX).stream()
        .mapToDouble(Double::doubleValue).min().orElseThrow() / run.referencePrice("ex-china", "ndpr_oxide");
    assertTrue(lowest >= 0.8, "ex-China NdPr falls to " + lowest + "x reference");
  }

  @Test
  void calmWorldChinaNdPr_doesNotSaw() throws InputException {
    // China's NdPr price in the baseline went 0.94x, 0.89x, 0.94x, 0.89x month after month: China's magnet makers
    // learnt their lead time from arrivals counted alike, so every few tonnes from Malaysia or the US (five weeks
    // at sea) moved the position they order up to by 1,400 t. Counted: months whose move of more than 2% reverses
    // a previous move of more than 2%; 36 of the 59 moves from 2026 at seed 42 before, 13 since.
    List<Double> prices = priceSeries(baseline, "china", "ndpr_oxide", SECOND_YEAR, LocalDate.MAX);
    int reversals = sawToothReversals(prices);
    assertTrue(reversals <= prices.size() / 3, reversals + " saw-tooth reversals in " + prices.size() + " months");
  }
}
