package org.magflow.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.Example;
import org.magflow.scenario.DestinationThrottleSpec;
import org.magflow.scenario.PolicyFamilies;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import org.magflow.event.ConservationAudit;
import org.magflow.event.Observation;
import org.magflow.event.SimEvent;
import org.magflow.run.ScenarioRun;
import org.magflow.scenario.LoadResult;
import org.magflow.scenario.Problem;
import org.magflow.scenario.ScenarioDefaults;
import org.magflow.scenario.ScenarioSpec;
import org.magflow.scenario.ScenarioLoader;
import org.magflow.scenario.ScenarioValidator;
import org.magflow.scenario.ScenarioWriter;

/**
 * Invariants that hold for any valid scenario, checked on random ones ({@link RandomScenarios}): material is
 * conserved, no reported value is NaN or infinite, no stock, price or flow is negative, a seed fixes the run,
 * and the scenario's resolved file reads back as the same scenario. Scenarios the validator refuses are skipped;
 * what the generator covers is asserted by an example over a fixed seed, and every property runs from {@link #SEED}.
 */
class ScenarioPropertiesTest {
  /** jqwik's seed for every property here: a failure is reproduced by running the test again. */
  static final String SEED = "20261205";
  /** Horizons up to four years. */
  static final int MAX_MONTHS = 48;
  /** Rounding allowed below zero, relative to a tonne or a dollar. */
  private static final double TOLERANCE = 1e-9;

  private static final AtomicInteger VALID = new AtomicInteger();
  private static final AtomicInteger REFUSED = new AtomicInteger();
  private static final AtomicInteger ROWS = new AtomicInteger();
  private static final AtomicInteger WITH_POLICIES = new AtomicInteger();

  @Provide
  Arbitrary<RandomScenarios.Shape> shapes() {
    return shapes(1, 0);
  }

  private static Arbitrary<RandomScenarios.Shape> shapes(int minRegions, int minDemand) {
    // regions, price zones, commodities, producers, demand sectors, policies, months
    return Combinators.combine(Arbitraries.integers().between(minRegions, 4), Arbitraries.integers().between(1, 2),
        Arbitraries.integers().between(1, 4), Arbitraries.integers().between(1, 6),
        Arbitraries.integers().between(minDemand, 5), Arbitraries.integers().between(0, 4),
        Arbitraries.integers().between(1, MAX_MONTHS)).as(RandomScenarios.Shape::new);
  }

  private static ScenarioSpec validOrSkip(RandomScenarios.Shape shape, long detail) {
    ScenarioSpec spec = RandomScenarios.generate(shape, detail);
    List<Problem> problems = ScenarioValidator.validate(spec, "prop");
    if (!problems.isEmpty()) REFUSED.incrementAndGet();
    Assume.that(problems.isEmpty());
    VALID.incrementAndGet();
    if (!spec.policies().isEmpty()) WITH_POLICIES.incrementAndGet();
    return ScenarioDefaults.apply(spec);
  }

  @Property(tries = 200, seed = SEED, shrinking = ShrinkingMode.BOUNDED)
  void randomScenario_conservesMaterial_andReportsNoNaNNegativeStockOrNegativePrice(
      @ForAll("shapes") RandomScenarios.Shape shape, @ForAll long detail, @ForAll long seed) {
    ScenarioSpec spec = validOrSkip(shape, detail);
    ScenarioRun.Outcome outcome = new ScenarioRun().execute(spec, "prop", seed, 0);
    assertInvariants(outcome.run().events());
    if (outcome.counterfactual() != null) assertInvariants(outcome.counterfactual().events());
    assertTrue(outcome.summary().conserved(), outcome.summary().conservation().toString());
  }

  private static void assertInvariants(List<SimEvent> events) {
    int audits = 0;
    for (SimEvent e : events) {
      if (e instanceof ConservationAudit a) {
        audits++;
        assertTrue(a.balanced(), "not conserved: " + a + ", residual " + a.residual());
      } else if (e instanceof Observation o) {
        ROWS.incrementAndGet();
        assertTrue(Double.isFinite(o.value()), "not a finite number: " + o);
        assertTrue(o.value() >= -TOLERANCE * Math.max(1, Math.abs(o.value())), "negative: " + o);
        if (o.metric().equals("price")) assertTrue(o.value() > 0, "price not positive: " + o);
      }
    }
    assertTrue(audits > 0, "no conservation audit in the run");
  }

  @Property(tries = 60, seed = SEED, shrinking = ShrinkingMode.BOUNDED)
  void randomScenario_sameSeedTwice_givesEqualEvents(
      @ForAll("shapes") RandomScenarios.Shape shape, @ForAll long detail, @ForAll long seed) {
    ScenarioSpec spec = validOrSkip(shape, detail);
    ScenarioRun.Outcome first = new ScenarioRun().execute(spec, "prop", seed, 0);
    ScenarioRun.Outcome second = new ScenarioRun().execute(spec, "prop", seed, 0);
    assertEquals(first.run().events(), second.run().events());
    assertEquals(first.summary(), second.summary());
  }

  @Property(tries = 100, seed = SEED, shrinking = ShrinkingMode.BOUNDED)
  void randomScenario_itsResolvedFile_loadsBackToTheSameScenario(
      @ForAll("shapes") RandomScenarios.Shape shape, @ForAll long detail) {
    ScenarioSpec spec = validOrSkip(shape, detail);
    // scenario.resolved.json is what a run can be repeated from: read back, it is the scenario that ran
    LoadResult reloaded = new ScenarioLoader().parse("scenario.resolved.json", new ScenarioWriter().toJson(spec), true);
    assertEquals(List.of(), reloaded.problems());
    assertEquals(spec, ScenarioDefaults.apply(reloaded.scenario()));
  }

  /**
   * What the generator covers, counted over 400 shapes and details drawn from a fixed seed and kept only if the
   * validator accepts them, as the properties keep them: every shipped policy family, every sector kind and
   * horizons of years, each in many valid scenarios.
   */
  @Example
  void generator_coversEveryPolicyFamily_everySectorKind_andHorizonsOfYears() {
    Map<Class<?>, String> typeOf = new HashMap<>();
    PolicyFamilies.SHIPPED.families().forEach(f -> typeOf.put(f.spec(), f.type()));
    Map<String, Integer> families = new TreeMap<>();
    Map<String, Integer> sectors = new TreeMap<>();
    int valid = 0;
    int yearsLong = 0;
    SplittableRandom draws = new SplittableRandom(Long.parseLong(SEED));
    for (int i = 0; i < 400; i++) {
      RandomScenarios.Shape shape = new RandomScenarios.Shape(1 + draws.nextInt(4), 1 + draws.nextInt(2),
          1 + draws.nextInt(4), 1 + draws.nextInt(6), draws.nextInt(6), draws.nextInt(5), 1 + draws.nextInt(MAX_MONTHS));
      ScenarioSpec spec = RandomScenarios.generate(shape, draws.nextLong());
      if (!ScenarioValidator.validate(spec, "prop").isEmpty()) continue;
      valid++;
      if (shape.months() > 24) yearsLong++;
      spec.policies().stream().map(p -> typeOf.get(p.getClass())).distinct().forEach(t -> families.merge(t, 1, Integer::sum));
      spec.demand().stream().map(ScenarioSpec.DemandSpec::sector).distinct().forEach(k -> sectors.merge(k, 1, Integer::sum));
    }
    assertEquals(new TreeSet<>(PolicyFamilies.SHIPPED.names()), families.keySet(), "families in valid scenarios");
    families.forEach((family, n) -> assertTrue(n >= 10, family + " in only " + n + " valid scenarios: " + families));
    assertEquals(new TreeSet<>(RandomScenarios.SECTORS), sectors.keySet());
    sectors.forEach((kind, n) -> assertTrue(n >= 20, kind + " in only " + n + " valid scenarios"));
    assertTrue(valid >= 200, valid + " of 400 generated scenarios valid");
    assertTrue(yearsLong >= 100, yearsLong + " valid scenarios run more than two years");
  }

  @Provide
  Arbitrary<RandomScenarios.Shape> tradingShapes() {
    // a region to cut off and buyers in the world, so that no try is skipped for want of them
    return shapes(2, 1);
  }

  @Provide
  Arbitrary<Double> cuts() {
    // a full cut one time in three: it is the one whose effect on trade is exact
    return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(1.0)),
        Tuple.of(2, Arbitraries.doubles().between(0, 1).ofScale(2)));
  }

  /** Destination shortage summed over the worlds checked: with no cut, the milder cut and the harsher cut. */
  private static final double[] DESTINATION_SHORTAGE = new double[3];
  private static final AtomicInteger CUT_WORLDS = new AtomicInteger();
  /** Worlds where a harsher cut left the destinations less short than the milder one (or no cut). */
  private static final AtomicInteger CUT_REVERSALS = new AtomicInteger();

  /**
   * Cutting every export from one region, R0, on common random numbers (three replications, averaged): in each of
   * the worlds, while a full cut is in force not a tonne of R0's goods reaches the destinations; over the worlds,
   * the destinations are short of more with a cut than without, and with a deeper and longer cut than with a
   * milder and shorter one ({@link #cutWorlds_harmTheDestinationsOnBalance}, after the tries).
   *
   * <p>Not in every world, and this test does not claim it: the world-by-world form ("a harsher cut never gives
   * less shortage") was checked here and is not a property of the model, for reasons each of which is economics,
   * not a leak (issue 12; README, Trade). Found on seed 20261205: a cut that meters out a finite stock leaves
   * it for a later, higher-priority buyer whose recipe turns 0.26 t of it into 1.89 t of another commodity
   * (try 4 of the old property: 2,588.9 t short with no cut, 2,557.7 t at half, 2,750.6 t at a full cut); the
   * higher price of a delayed delivery destroys demand that would have gone unmet (delivered and consumed
   * tonnes unchanged, shortage 2.5% lower); the cut keeps the exporter's goods at home, so the exporter's own
   * buyers are short of less; it moves whose order is filled among destination buyers of different priorities
   * and offtakes (total production unchanged); and a backlog sector's shortage counts tonnes late, which the
   * cut can reorder. Even with prices held at reference and no backlog, 1 of 16 worlds with trade to cut gave
   * the destinations less shortage under the harsher cut. What the destinations wanted and did not get
   * (shortage plus demand destroyed, i.e. less consumption) is no better: the exporter's stock backing up in a
   * price zone it shares with the destinations lowers their price and raises what they consume.
   *
   * <p>The cut starts a day or more after the scenario start, so the warm-up (which runs the policies in force at
   * the start) is the same in every world compared. A throttle that lets trade through at a full cut fails the
   * full-cut check; one that caps a line at a share of its (panic) order rather than of its normal size passes
   * here and fails {@link #halvedExportsFromR0_lessShortThanNoCut_becauseTheSameStockIsMeteredOutToAnotherBuyer}.
   */
  @Property(tries = 100, seed = SEED, shrinking = ShrinkingMode.OFF)
  void randomScenario_deeperOrLongerExportCut_stopsTrade_andHarmsTheDestinationsOnBalance(
      @ForAll("tradingShapes") RandomScenarios.Shape shape, @ForAll long detail, @ForAll long seed,
      @ForAll("cuts") double cutA, @ForAll("cuts") double cutB, @ForAll @IntRange(min = 0, max = MAX_MONTHS - 1)
      int startMonth, @ForAll @IntRange(min = 1, max = MAX_MONTHS) int monthsA,
      @ForAll @IntRange(min = 1, max = MAX_MONTHS) int monthsB) {
    ScenarioSpec world = validOrSkip(shape, detail).withPolicies(List.of());
    LocalDate from = world.start().plusMonths(startMonth % shape.months()).plusDays(1);
    List<String> destinations = world.regions().stream().map(ScenarioSpec.RegionSpec::id)
        .filter(r -> !r.equals("R0")).toList();
    List<String> goods = world.commodities().stream().map(ScenarioSpec.CommoditySpec::id).toList();
    // none, the milder and shorter cut, the deeper and longer one
    double[] cut = {0, Math.min(cutA, cutB), Math.max(cutA, cutB)};
    int[] months = {0, Math.min(monthsA, monthsB), Math.max(monthsA, monthsB)};
    double[] shortage = new double[3];
    for (int k = 0; k < 3; k++) {
      LocalDate until = from.plusMonths(months[k]);
      ScenarioSpec cutWorld = k == 0 ? world : ScenarioDefaults.apply(world.withPolicies(List.of(
          new DestinationThrottleSpec("cut", null, from, until, "R0", destinations, goods, cut[k], null, null))));
      for (int replication = 0; replication < 3; replication++) {
        for (SimEvent e : new ScenarioRun().simulate(cutWorld, "prop", seed, replication).events()) {
          if (!(e instanceof Observation o)) continue;
          if (o.metric().equals("shortage") && !o.region().equals("R0")) shortage[k] += o.value() / 3;
          // a period wholly inside a full cut: nothing leaves R0 for a destination (a row carries its period's last
          // day; a period is a month at most, and a clearing's shipments count over its interval, two weeks at most)
          if (k > 0 && cut[k] == 1 && o.metric().equals("shipped") && o.region().equals("R0")
              && !o.partner().equals("R0") && !o.date().minusMonths(1).isBefore(from.plusDays(14))
              && o.date().isBefore(until)) {
            assertEquals(0, o.value(), 1e-9, "shipped from R0 to " + o.partner() + " in " + o.date()
                + " under a full cut from " + from + " to " + until);
          }
        }
      }
    }
    synchronized (DESTINATION_SHORTAGE) {
      for (int k = 0; k < 3; k++) DESTINATION_SHORTAGE[k] += shortage[k];
    }
    CUT_WORLDS.incrementAndGet();
    if (shortage[2] < shortage[1] - 1e-6 * Math.max(1, shortage[1]) || shortage[1] < shortage[0] - 1e-6 * Math.max(1, shortage[0])) {
      CUT_REVERSALS.incrementAndGet();
    }
  }

  /**
   * The world of the old property's failure (seed 20261205, try 4), its warm-up made part of the run so every
   * tonne is counted: halving R0's exports gives less shortage than no cut, yet withholds nothing. R0 holds
   * 120.1 t of c0 and makes none; with no cut R1's buyers take it all in two months, mostly a defence buyer
   * (priority 3) that stocks up; halved, it reaches R1 over eight months, when more of it goes to the plant that
   * turns 0.26 t of c0 into 1.89 t of c2 (priority 50), so R0's own c2 buyers are short of less.
   */
  @Example
  void halvedExportsFromR0_lessShortThanNoCut_becauseTheSameStockIsMeteredOutToAnotherBuyer() {
    ScenarioSpec generated = ScenarioDefaults.apply(RandomScenarios.generate(
        new RandomScenarios.Shape(3, 2, 3, 5, 4, 2, 24), -3719));
    ScenarioSpec.ClockSpec k = generated.clock();
    ScenarioSpec world = new ScenarioSpec(generated.name(), generated.description(),
        generated.start().minusDays(k.warmupDays()), generated.end(), generated.seed(),
        new ScenarioSpec.ClockSpec(k.productionDays(), k.clearingDays(), k.consumptionDays(), k.reporting(), 0),
        generated.commodities(), generated.regions(), generated.market(), generated.trade(), generated.recipes(),
        generated.producers(), generated.demand(), generated.demandResponse(), List.of(), generated.projects(),
        generated.investment(), generated.recycling());
    double[] shipped = new double[3];
    double[] toPlant = new double[3];
    double[] toDefence = new double[3];
    double[] shortage = new double[3];
    double[] cuts = {0, 0.5, 1};
    for (int i = 0; i < 3; i++) {
      ScenarioSpec cut = ScenarioDefaults.apply(world.withPolicies(List.of(new DestinationThrottleSpec("cut", null,
          world.start(), null, "R0", List.of("R1", "R2"), List.of("c0", "c1", "c2"), cuts[i], null, null))));
      for (int replication = 0; replication < 3; replication++) {
        for (SimEvent e : new ScenarioRun().simulate(cut, "prop", 291840, replication).events()) {
          if (!(e instanceof Observation o)) continue;
          if (o.metric().equals("shortage")) shortage[i] += o.value() / 3;
          if (o.metric().equals("shipped") && o.region().equals("R0") && o.commodity().equals("c0")) shipped[i] += o.value() / 3;
          if (o.metric().equals("delivered") && o.commodity().equals("c0") && o.agent().equals("p0")) toPlant[i] += o.value() / 3;
          if (o.metric().equals("delivered") && o.commodity().equals("c0") && o.agent().equals("d3")) toDefence[i] += o.value() / 3;
        }
      }
    }
    String figures = "R0's c0 shipped " + java.util.Arrays.toString(shipped) + ", to the c2 plant "
        + java.util.Arrays.toString(toPlant) + ", to defence " + java.util.Arrays.toString(toDefence) + ", shortage "
        + java.util.Arrays.toString(shortage);
    assertEquals(120.1, shipped[0], 0.05, figures);
    assertEquals(shipped[0], shipped[1], 1e-6 * shipped[0], "the half cut withholds none of R0's stock: " + figures);
    assertEquals(0, shipped[2], 1e-9, figures);
    assertTrue(toPlant[1] > toPlant[0] + 1 && toDefence[1] < toDefence[0] - 1, "metered out, the stock goes to the plant: "
        + figures);
    assertTrue(shortage[1] < shortage[0] && shortage[2] > shortage[0], "the reversal this explains: " + figures);
  }

  /** The balance of {@link #randomScenario_deeperOrLongerExportCut_stopsTrade_andHarmsTheDestinationsOnBalance}. */
  @AfterContainer
  static void cutWorlds_harmTheDestinationsOnBalance() {
    if (CUT_WORLDS.get() == 0) return; // the property did not run (another one was selected)
    System.out.printf("ScenarioPropertiesTest: %d worlds cut (%d where a harsher cut left the destinations less short);"
        + " destination shortage summed over them: %.1f t with no cut, %.1f t milder, %.1f t harsher%n",
        CUT_WORLDS.get(), CUT_REVERSALS.get(), DESTINATION_SHORTAGE[0], DESTINATION_SHORTAGE[1], DESTINATION_SHORTAGE[2]);
    assertTrue(CUT_WORLDS.get() >= 40, "only " + CUT_WORLDS.get() + " valid worlds cut");
    String sums = java.util.Arrays.toString(DESTINATION_SHORTAGE);
    assertTrue(DESTINATION_SHORTAGE[2] > DESTINATION_SHORTAGE[0], "the deeper, longer cuts left the destinations no"
        + " shorter, over the worlds, than no cut: " + sums);
    assertTrue(DESTINATION_SHORTAGE[1] >= DESTINATION_SHORTAGE[0] && DESTINATION_SHORTAGE[2] >= DESTINATION_SHORTAGE[1],
        "destination shortage over the worlds not rising from no cut to the milder cut to the harsher: " + sums);
  }

  @AfterContainer
  static void printCounts() {
    System.out.printf("ScenarioPropertiesTest: %d valid random scenarios checked (%d with policies), %d refused by"
        + " the validator and skipped, %d observation rows checked%n", VALID.get(), WITH_POLICIES.get(),
        REFUSED.get(), ROWS.get());
  }
}
