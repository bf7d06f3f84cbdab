package org.magflow.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.magflow.run.RunSeries.lane;
import static org.magflow.run.RunSeries.region;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magflow.event.Metrics;
import org.magflow.event.Observation;
import org.magflow.scenario.LoadResult;
import org.magflow.scenario.ScenarioDefaults;
import org.magflow.scenario.ScenarioLoader;
import org.magflow.scenario.ScenarioSpec;
import org.magflow.scenario.ScenarioWriter;

/**
 * The market's own responses on the calibrated baseline, each against its counterfactual (same world and seed
 * without the policy) and against the same world with the response switched off in the scenario: demand's
 * short-run price elasticity, substitution, the supply response of utilisation to price, and arbitrage between
 * price zones.
 */
class MarketResponsesTest {
  private static final Path BASELINE = Path.of("scenarios/baseline.yaml").toAbsolutePath();
  /** 90% of Chinese magnets and Dy/Tb oxide to every other region, from September 2025. */
  private static final String EMBARGO = """
        - {type: destination-throttle, name: embargo, start: 2025-09-01, exporter: CN,
           destinations: [US, JP, KR, VN, EU, ROW, AU, MY], commodities: [ndfeb_magnet, dytb_oxide], cut: 0.9}
      """;
  private static final int Y2026 = 2026;

  @TempDir Path tmp;

  private ScenarioSpec baselineWith(String policies) throws IOException, InputException {
    Path file = tmp.resolve("responses.yaml");
    Files.writeString(file, "extends: " + BASELINE + "\nname: responses\npolicies:\n" + policies);
    return RunJob.load(file);
  }

  /** The scenario as resolved, edited as its resolved JSON: how a sweep sets a field. */
  private static ScenarioSpec edited(ScenarioSpec spec, Consumer<ObjectNode> edit) throws IOException {
    ObjectNode root = (ObjectNode) new ObjectMapper().readTree(new ScenarioWriter().toJson(spec));
    edit.accept(root);
    LoadResult loaded = new ScenarioLoader().parse("edited.json", root.toString(), true);
    assertEquals(List.of(), loaded.problems());
    return ScenarioDefaults.apply(loaded.scenario());
  }

  private static void setEach(ObjectNode root, String list, String field, double value) {
    root.withArray(list).forEach(entry -> ((ObjectNode) entry).put(field, value));
  }

  private static ScenarioRun.Outcome run(ScenarioSpec spec) {
    return new ScenarioRun().execute(spec, "responses", 42, 0);
  }

  private static double in(RunSeriesPair o, boolean withPolicy, String metric, Predicate<Observation> f, int year) {
    return (withPolicy ? o.run : o.counterfactual).sum(metric, f, LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
  }

  private record RunSeriesPair(RunSeries run, RunSeries counterfactual) {
    RunSeriesPair(ScenarioRun.Outcome o) {
      this(new RunSeries(o.run()), new RunSeries(o.counterfactual()));
    }
  }

  private static Predicate<Observation> agent(String id) {
    return o -> o.agent().equals(id);
  }

  private static Predicate<Observation> price(String zone, String commodity) {
    return o -> o.region().equals(zone) && o.commodity().equals(commodity);
  }

  @Test
  void elasticity_lowersDemandWherePricesRise_raisesItWhereTheyFall_andIsTheWholeEffect() throws Exception {
    ScenarioSpec noSubstitution = edited(baselineWith(EMBARGO),
        root -> root.with("demandResponse").put("substitutionMaxShare", 0.0));
    var o = new RunSeriesPair(run(noSubstitution));
    // 2026: the ex-China magnet price sits near its cap; us-ev's demand (elasticity 0.1) is the counterfactual's
    // times the monthly price multiple to the power -0.1, about 0.8 (the noise draws are the same in both runs)
    double reference = o.run.referencePrice("ex-china", "ndfeb_magnet");
    double expected = o.run.monthly(Metrics.PRICE, price("ex-china", "ndfeb_magnet")).stream()
        .filter(m -> LocalDate.ofEpochDay((long) m[0]).getYear() == Y2026)
        .mapToDouble(m -> Math.pow(m[1] / reference, -0.1)).average().orElseThrow();
    double usEv = in(o, true, Metrics.DEMAND, agent("us-ev"), Y2026) / in(o, false, Metrics.DEMAND, agent("us-ev"), Y2026);
    assertTrue(expected < 0.9, "the ex-China price is high: multiple^-0.1 = " + expected);
    assertEquals(expected, usEv, 0.02, "us-ev demand against the counterfactual");
    // China's blocked makers glut its market: its price falls and its buyers want more
    double cnEv = in(o, true, Metrics.DEMAND, agent("cn-ev"), Y2026) / in(o, false, Metrics.DEMAND, agent("cn-ev"), Y2026);
    assertTrue(cnEv > 1.001, "cn-ev demand against the counterfactual: " + cnEv);
    // control: with every sector's elasticity 0, the same embargo leaves demand exactly as it was
    var inelastic = new RunSeriesPair(run(edited(noSubstitution, root -> setEach(root, "demand", "priceElasticity", 0))));
    for (String sector : new String[] {"us-ev", "cn-ev"}) {
      double without = in(inelastic, false, Metrics.DEMAND, agent(sector), Y2026);
      assertEquals(without, in(inelastic, true, Metrics.DEMAND, agent(sector), Y2026), 1e-9 * without, sector);
    }
  }

  @Test
  void substitution_startsOnlyWherePricesStayAboveItsThreshold_andGrowsAtItsRate() throws Exception {
    var o = new RunSeriesPair(run(baselineWith(EMBARGO)));
    LocalDate end2026 = LocalDate.of(2026, 12, 31);
    double usEv = o.run.at(Metrics.SUBSTITUTION, agent("us-ev"), end2026);
    // above 1.5x from late 2025: at most 0.3 × (1 − exp(−16 months / 3 years)) = 0.12 by the end of 2026
    assertTrue(usEv > 0.05 && usEv < 0.3 * (1 - Math.exp(-16 / 12.0 / 3)), "us-ev substituted " + usEv);
    // control: not without the embargo (0.0001, left from the opening months' brief price spike), and not in
    // China, whose price falls
    assertTrue(o.counterfactual.at(Metrics.SUBSTITUTION, agent("us-ev"), end2026) < 0.001);
    assertEquals(0, o.run.at(Metrics.SUBSTITUTION, agent("cn-ev"), end2026), 1e-12);
    // switched off (ceiling 0), nobody substitutes, and demand falls only by the elasticity: less than with it
    var off = new RunSeriesPair(run(edited(baselineWith(EMBARGO),
        root -> root.with("demandResponse").put("substitutionMaxShare", 0.0))));
    assertEquals(0, off.run.at(Metrics.SUBSTITUTION, agent("us-ev"), end2026), 1e-12);
    assertTrue(in(off, true, Metrics.DEMAND, agent("us-ev"), Y2026) > 1.03 * in(o, true, Metrics.DEMAND, agent("us-ev"), Y2026));
  }

  @Test
  void supplyResponse_highPricesRunPlantsAboveTheirNormalUtilisation_upToCapacity() throws Exception {
    // magnets cut, Dy/Tb not: Japan's makers have inputs, and the ex-China magnet price is 5x in 2026
    String magnetCut = """
          - {type: destination-throttle, name: cut, start: 2025-09-01, exporter: CN,
             destinations: [US, JP, KR, VN, EU, ROW, AU, MY], commodities: [ndfeb_magnet], cut: 0.9}
        """;
    var o = new RunSeriesPair(run(baselineWith(magnetCut)));
    Predicate<Observation> jp = agent("jp-magnets");
    // utilisation: monthly shares; Japan runs at capacity through 2026 against ~0.8 without the cut
    assertTrue(in(o, true, Metrics.UTILISATION, jp, Y2026) / 12 > 0.97, "Japan's utilisation in 2026");
    assertTrue(in(o, false, Metrics.UTILISATION, jp, Y2026) / 12 < 0.85, "without the cut");
    // control: with no price response, plants stop at normal utilisation (0.85) however high the price
    var flat = new RunSeriesPair(run(edited(baselineWith(magnetCut),
        root -> root.withArray("producers").forEach(p -> ((ObjectNode) p).with("supply").put("priceElasticity", 0.0)))));
    flat.run.rows().filter(r -> r.metric().equals(Metrics.UTILISATION) && jp.test(r))
        .forEach(r -> assertTrue(r.value() <= 0.85 + 1e-6, "without a price response: " + r));
    Predicate<Observation> jpMagnets = jp.and(r -> r.commodity().equals("ndfeb_magnet"));
    assertTrue(in(o, true, Metrics.PRODUCTION, jpMagnets, Y2026) > 1.15 * in(flat, true, Metrics.PRODUCTION, jpMagnets, Y2026));
  }

  @Test
  void arbitrage_buyersTurnToTheOtherZone_soPricesStayWithinFreight_unlessTradeIsBlocked() throws Exception {
    String outage = """
          - {type: capacity-event, name: down, start: 2026-01-01, end: 2027-01-01, facility: jp-magnet-plants,
             kind: outage, availableFraction: 0.0}
        """;
    String shut = """
          - {type: destination-throttle, name: shut, start: 2025-01-01, exporter: CN, destinations: [JP],
             commodities: [ndfeb_magnet], cut: 1.0}
        """;
    var open = new RunSeriesPair(run(baselineWith(outage)));
    // Japan's plants stop for 2026: Japanese buyers take Chinese magnets instead (~4,300 t -> ~16,000 t)...
    double cnJp = in(open, true, Metrics.SHIPPED, lane("CN", "JP", "ndfeb_magnet"), Y2026);
    double cnJpWithout = in(open, false, Metrics.SHIPPED, lane("CN", "JP", "ndfeb_magnet"), Y2026);
    assertTrue(cnJp > 3 * cnJpWithout, "China -> Japan " + cnJp + " t against " + cnJpWithout + " t");
    // ...so nobody runs short and the ex-China price stays within 1% of the counterfactual
    Predicate<Observation> exPrice = price("ex-china", "ndfeb_magnet");
    assertEquals(0, in(open, true, Metrics.SHORTAGE, region("JP"), Y2026), 1e-9);
    assertEquals(1.0, in(open, true, Metrics.PRICE, exPrice, Y2026) / in(open, false, Metrics.PRICE, exPrice, Y2026), 0.01);
    // control: the same outage with China's route to Japan closed leaves Japan ~9,000 t short and the price ~2x
    var closed = new RunSeriesPair(run(baselineWith(outage + shut)));
    assertTrue(in(closed, true, Metrics.SHORTAGE, region("JP"), Y2026) > 5000, "Japan short with no way round");
    assertTrue(in(closed, true, Metrics.PRICE, exPrice, Y2026) > 1.5 * in(closed, false, Metrics.PRICE, exPrice, Y2026));
  }
}
