package org.magflow.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Predicate;
import org.magflow.event.Metrics;
import org.magflow.event.Observation;
import org.magflow.output.ProjectsCsv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The long-run mechanisms on the tiny world (a Chinese mine feeding a US magnet maker) and the calibrated
 * baseline, each shown both ways against the same world and seed without it: thrifting an input, offtakes for
 * new plants, grey trade through a cut lane, and projects valued by the whole of what they make.
 */
class LongRunMechanismsTest {
  private static final Path TINY = Path.of("src/test/resources/scenarios/tiny.yaml");
  private static final Path BASELINE = Path.of("scenarios/baseline.yaml").toAbsolutePath();
  private static final LocalDate FROM = LocalDate.of(2025, 1, 1);
  private static final LocalDate TO = LocalDate.of(2027, 12, 31);
  private static final Predicate<Observation> US_MAKER = o -> o.agent().equals("us-magnets");

  @TempDir Path tmp;

  /** The tiny world to 2027 with these policies (YAML list items, or none) and extra top-level text. */
  private RunSeries tiny(String policies, String recipeExtras, String extras) throws Exception {
    String tiny = Files.readString(TINY);
    String world = tiny.substring(0, tiny.indexOf("policies:")).replace("end: 2027-01-01", "end: 2027-12-31")
        .replace("    outputs: {magnet: 1}\n", "    outputs: {magnet: 1}\n" + recipeExtras);
    return run(world + "policies:\n" + (policies.isBlank() ? "  []\n" : policies) + extras, "tiny-long.yaml");
  }

  private RunSeries run(String text, String name) throws Exception {
    return new RunSeries(TestRuns.balanced(tmp.resolve(name), text));
  }

  private static String throttle(double cut, double leakage) {
    return """
          - {name: cut, type: destination-throttle, start: 2025-03-01, exporter: CN, destinations: [US],
             commodities: [reo], cut: %s, leakage: %s, source: test}
        """.formatted(cut, leakage);
  }

  private static final String THRIFT = """
          thrifting:
            - {input: reo, thresholdMultiple: 1.3, maxCut: 0.5, ratePerYear: 0.25, source: test}
      """;

  /** A fixed tonnage of Chinese reo for the US a year: a scarcity that thrifting can stretch. */
  private static final String QUOTA = """
        - {name: quota, type: quota, start: 2025-03-01, exporter: CN, destinations: [US], commodities: [reo],
           tonnesPerYear: 200, source: test}
      """;

  @Test
  void thrifting_cutsTheInputPerTonneMade_whenItsPriceStaysHigh_andMakesMoreFromTheSameSupply() throws Exception {
    RunSeries thrifty = tiny(QUOTA, THRIFT, "");
    RunSeries plain = tiny(QUOTA, "", "");
    LocalDate late = LocalDate.of(2027, 1, 1);
    double cut = thrifty.at(Metrics.INPUT_CUT, US_MAKER, TO);
    assertTrue(cut > 0.3 && cut <= 0.5, "cut " + cut);
    // the plant really uses less per tonne: reo used per tonne of magnets is the recipe's 2.5 less the cut
    double used = thrifty.sum(Metrics.INPUT_USE, US_MAKER.and(RunSeries.commodity("reo")), late, TO);
    double made = thrifty.sum(Metrics.PRODUCTION, US_MAKER.and(RunSeries.commodity("magnet")), late, TO);
    assertEquals(2.5 * (1 - cut), used / made, 0.1, "reo per tonne of magnets");
    // and from the same capped supply it makes more magnets, so US buyers use more at a lower price
    double madePlain = plain.sum(Metrics.PRODUCTION, US_MAKER.and(RunSeries.commodity("magnet")), late, TO);
    assertTrue(made > 1.2 * madePlain, "made " + made + " with thrifting, " + madePlain + " without");
    // the extra magnets are sold: to China's buyers, the only other ones in this world
    Predicate<Observation> magnetsOut = RunSeries.lane("US", "CN", "magnet");
    double soldThrifty = thrifty.sum(Metrics.SHIPPED, magnetsOut, late, TO);
    double soldPlain = plain.sum(Metrics.SHIPPED, magnetsOut, late, TO);
    assertTrue(soldThrifty > soldPlain + 0.5 * (made - madePlain), "sold " + soldThrifty + " vs " + soldPlain);
    // control: without the quota reo stays cheap, nothing is cut and the runs are the same
    RunSeries calm = tiny("", THRIFT, "");
    assertEquals(0, calm.at(Metrics.INPUT_CUT, US_MAKER, TO), 1e-12);
    assertEquals(tiny("", "", "").sum(Metrics.PRODUCTION, US_MAKER, FROM, TO),
        calm.sum(Metrics.PRODUCTION, US_MAKER, FROM, TO), 1e-9);
  }

  @Test
  void aCutLaneWithLeakage_letsThatShareOfTheRefusedTradeThrough_andReportsItAsLeaked() throws Exception {
    LocalDate after = LocalDate.of(2025, 6, 1);
    Predicate<Observation> cnToUs = RunSeries.lane("CN", "US", "reo");
    RunSeries sealed = tiny(throttle(1.0, 0), "", "");
    assertEquals(0, sealed.sum(Metrics.SHIPPED, cnToUs, after, TO), 1e-6);
    assertEquals(0, sealed.rows().filter(o -> o.metric().equals(Metrics.LEAKED)).count());
    // an embargo leaking 30% lets through what a lawful 70% cut does, tonne for tonne, and all of it is grey
    RunSeries leaky = tiny(throttle(1.0, 0.3), "", "");
    RunSeries lawful = tiny(throttle(0.7, 0), "", "");
    double through = leaky.sum(Metrics.SHIPPED, cnToUs, after, TO);
    assertTrue(through > 100, "through " + through);
    assertEquals(lawful.sum(Metrics.SHIPPED, cnToUs, after, TO), through, 1e-6 * through);
    assertEquals(through, leaky.sum(Metrics.LEAKED, cnToUs, after, TO), 1e-6 * through);
    assertEquals(0, lawful.rows().filter(o -> o.metric().equals(Metrics.LEAKED)).count());
    // a half cut leaking 40% lets 70% through, of which the 20 points beyond the lawful half are grey: 2/7
    RunSeries half = tiny(throttle(0.5, 0.4), "", "");
    double halfThrough = half.sum(Metrics.SHIPPED, cnToUs, after, TO);
    assertEquals(2.0 / 7, half.sum(Metrics.LEAKED, cnToUs, after, TO) / halfThrough, 1e-9);
  }

  @Test
  void aNewPlant_sellsItsOutputUnderOfftakesWithItsRegionsBuyers_withoutAPricePush() throws Exception {
    String project = """
        projects:
          - {id: us-mine, owner: us-miner, site: US, recipe: mine, tonnesPerYear: 300, status: building,
             firstOutput: 2025-06-01, rampMonths: 0}
        """;
    RunSeries run = tiny("", "", project);
    Predicate<Observation> usMiner = o -> o.agent().equals("us-miner") && o.commodity().equals("reo");
    LocalDate year = LocalDate.of(2026, 1, 1);
    double made = run.sum(Metrics.PRODUCTION, usMiner, year, TO);
    // no restriction, so the US reo price stays near its reference: no push; it sells to the US magnet maker
    // under the offtake signed when it opened, most of its nameplate (300 t a year x its 0.75 normal use)
    assertTrue(made > 0.5 * 300 * 2, "made " + made + " in two years");
    assertTrue(run.sum(Metrics.SHIPPED, RunSeries.lane("US", "US", "reo"), year, TO) > 0.5 * made);
    // China still sells the rest of the US maker's reo (the offtake covers what the mine makes, not more)
    assertTrue(run.sum(Metrics.SHIPPED, RunSeries.lane("CN", "US", "reo"), year, TO) > 0);
  }

  /**
   * A heavy-rich separator (Aclara's yields) answers the Dy+Tb price although NdPr is most of its tonnes and,
   * at reference prices, half its value: under a Dy+Tb embargo on the whole ex-China zone it goes ahead; in
   * the same world without it, it stalls and is cancelled.
   */
  @Test
  void aProjectIsValuedByAllItMakes_soAHeavyCircuitAnswersTheDyPrice() throws Exception {
    String project = """
        extends: %s
        name: heavy-circuit
        projects:
          - {id: heavy, name: heavy circuit, owner: heavy-co, site: US, recipe: separate,
             yields: {ndpr_oxide: 0.2, dytb_oxide: 0.033}, tonnesPerYear: 7000, status: studied, source: test}
        """.formatted(BASELINE);
    String embargo = """
        policies:
          - {name: dy-embargo, type: destination-throttle, start: 2025-03-01, exporter: CN,
             destinations: [US, JP, KR, EU, AU, VN, MY, ROW], commodities: [dytb_oxide], cut: 1.0, source: test}
        """;
    ProjectsCsv.Row without = project(run(project, "heavy-none.yaml"));
    ProjectsCsv.Row with = project(run(project + embargo, "heavy-embargo.yaml"));
    assertEquals("cancelled", without.statusAtEnd());
    assertTrue(with.reached().containsKey("building"), "reached " + with.reached());
  }

  private static ProjectsCsv.Row project(RunSeries run) {
    var rows = ProjectsCsv.rows(run.run().events());
    assertEquals(1, rows.size());
    return rows.get(0);
  }

  /** The tiny world to 2031 with a lasting half cut of China's reo to the US, and these top-level extras. */
  private RunSeries tinyCutTo2031(String extras) throws Exception {
    String tiny = Files.readString(TINY);
    String world = tiny.substring(0, tiny.indexOf("policies:")).replace("end: 2027-01-01", "end: 2031-12-31");
    return run(world + "policies:\n" + throttle(0.5, 0) + extras, "tiny-entrants.yaml");
  }

  private static String entrants(String guard) {
    return """
        investment:
          entrants:
            - {id: us-mines, site: US, recipe: mine, unitTonnesPerYear: 100, maxUnitsPerYear: 4, decisionMonths: 3,
               leadMonths: 12, rampMonths: 0, incentiveMultiple: 1.2%s}
        """.formatted(guard);
  }

  /** Generic US mines' throughput over their capacity in 2031. */
  private static double entrantUtilisation2031(RunSeries run) {
    Predicate<Observation> mines = o -> o.agent().equals("us-mines");
    LocalDate from = LocalDate.of(2031, 1, 1);
    double ran = run.sum(Metrics.THROUGHPUT, mines, from, LocalDate.of(2031, 12, 31));
    double capacity = run.monthly(Metrics.CAPACITY, mines).stream()
        .filter(m -> !LocalDate.ofEpochDay((long) m[0]).isBefore(from)).mapToDouble(m -> m[1]).average().orElseThrow();
    return ran / capacity;
  }

  /**
   * Generic entrants: unnamed US mines of 100 t enter unit by unit while China's half cut keeps US concentrate
   * dear, each after its 12-month lead time, listed as us-mines-1, -2, ...; they wait for a named project of
   * their stage and zone still undecided; and entry slows as the price comes down, so the capacity they leave
   * runs (with the guard off, as many units again land on a market that no longer needs them).
   */
  @Test
  void genericEntrants_enterWhileThePriceBeatsTheIncentive_afterTheNamedPipeline_withoutOverbuilding() throws Exception {
    RunSeries guarded = tinyCutTo2031(entrants(""));
    List<ProjectsCsv.Row> units = ProjectsCsv.rows(guarded.run().events());
    assertTrue(units.size() >= 3, "units " + units.size());
    for (int i = 0; i < units.size(); i++) {
      ProjectsCsv.Row u = units.get(i);
      assertEquals("us-mines-" + (i + 1), u.project());
      LocalDate operating = u.reached().get("operating");
      assertTrue(operating == null || java.time.temporal.ChronoUnit.DAYS.between(u.reached().get("building"), operating) >= 360,
          u + " built before its lead time");
    }
    double used = entrantUtilisation2031(guarded);
    assertTrue(used > 0.6, "the entrants' capacity runs at " + used + " in 2031");
    RunSeries unguarded = tinyCutTo2031(entrants(", fullRateMargin: 0"));
    long unguardedUnits = ProjectsCsv.rows(unguarded.run().events()).size();
    double unguardedUse = entrantUtilisation2031(unguarded);
    assertTrue(unguardedUnits > 2 * units.size() && unguardedUse < 0.4,
        unguardedUnits + " units at " + unguardedUse + " without the guard, " + units.size() + " at " + used + " with it");
    // a named US mine still waiting for its decision holds the entrants back until it is decided
    String named = """
        projects:
          - {id: named-mine, owner: us-miner, site: US, recipe: mine, tonnesPerYear: 100, status: studied}
        """;
    List<ProjectsCsv.Row> withNamed = ProjectsCsv.rows(tinyCutTo2031(entrants("") + named).run().events());
    LocalDate namedDecided = withNamed.get(0).reached().get("building");
    assertTrue(namedDecided != null, "the named mine is decided: " + withNamed.get(0));
    LocalDate firstUnit = withNamed.get(1).reached().get("building");
    assertTrue(firstUnit.isAfter(namedDecided) && firstUnit.isAfter(units.get(0).reached().get("building")),
        "first unit " + firstUnit + ", named mine decided " + namedDecided);
    // no cut, no scarcity: no unit
    String tiny = Files.readString(TINY);
    String calm = tiny.substring(0, tiny.indexOf("policies:")).replace("end: 2027-01-01", "end: 2031-12-31");
    assertEquals(0, ProjectsCsv.rows(run(calm + "policies: []\n" + entrants(""), "calm.yaml").run().events()).size());
  }

  /**
   * Producers that lose orders cut their price as well as their output: a lasting cut of US magnets to China
   * takes most of the US maker's customers; with lostSalesExponent the US magnet price falls well below where
   * unsold stock alone takes it. In the calm world the response changes nothing.
   */
  @Test
  void producersThatLoseOrders_cutTheirPrice_whenTheZoneSaysSo() throws Exception {
    String tiny = Files.readString(TINY);
    String cut = tiny.substring(0, tiny.indexOf("policies:")).replace("end: 2027-01-01", "end: 2027-12-31") + """
        policies:
          - {name: cut, type: destination-throttle, start: 2025-03-01, exporter: US, destinations: [CN],
             commodities: [magnet], cut: 1.0, source: test}
        """;
    String response = "    maxMultiple: 10\n    lostSalesExponent: {XC: {magnet: 1.0}}\n";
    RunSeries responding = run(cut.replace("    maxMultiple: 10\n", response), "lost-sales.yaml");
    RunSeries outputOnly = run(cut, "output-only.yaml");
    Predicate<Observation> usMagnets = o -> o.region().equals("XC") && o.commodity().equals("magnet");
    LocalDate from = LocalDate.of(2025, 4, 1);
    LocalDate to = LocalDate.of(2025, 12, 31);
    double reference = outputOnly.referencePrice("XC", "magnet");
    double withCut = mean(responding, usMagnets, from, to) / reference;
    double without = mean(outputOnly, usMagnets, from, to) / reference;
    assertTrue(withCut < without - 0.1, "US magnets at " + withCut + "x with the price response, " + without + "x without");
    String calm = tiny.substring(0, tiny.indexOf("policies:")) + "policies: []\n";
    RunSeries calmCuts = run(calm.replace("    maxMultiple: 10\n", response), "calm-cuts.yaml");
    RunSeries calmPlain = run(calm, "calm-plain.yaml");
    assertEquals(mean(calmPlain, usMagnets, FROM, to), mean(calmCuts, usMagnets, FROM, to), 0.02 * reference);
  }

  private static double mean(RunSeries run, Predicate<Observation> price, LocalDate from, LocalDate to) {
    return run.monthly(Metrics.PRICE, price).stream().filter(m -> {
      LocalDate d = LocalDate.ofEpochDay((long) m[0]);
      return !d.isBefore(from) && !d.isAfter(to);
    }).mapToDouble(m -> m[1]).average().orElseThrow();
  }
}
