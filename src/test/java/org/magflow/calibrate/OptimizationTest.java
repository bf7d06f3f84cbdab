package org.magflow.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magflow.run.InputException;
import org.magflow.scenario.LoadResult;
import org.magflow.scenario.ScenarioLoader;
import org.magflow.scenario.ScenarioWriter;
import org.magflow.sweep.SweepRunner;

/** Robust constraints, the penalty that leads a search back to them, and a small optimisation end to end. */
class OptimizationTest {
  private static final Optimization.Goal GOAL = new Optimization.Goal(null, Map.of("x", 1.0),
      List.of(new Optimization.Constraint("short", true, 5, 0.75)));

  @Test
  void aConstraint_holdsWhenItHoldsInItsShareOfReplications() {
    List<String> kpis = List.of("short");
    double[][] threeOfFour = {{1}, {2}, {4}, {9}};
    double[][] twoOfFour = {{1}, {2}, {6}, {9}};
    assertTrue(Optimization.feasible(GOAL, kpis, threeOfFour));
    assertEquals(0, Optimization.violation(GOAL, kpis, threeOfFour) - (4.0 / 4 / 5), 1e-12,
        "feasible points still carry their excess, which only an infeasible point pays for in the score");
    assertFalse(Optimization.feasible(GOAL, kpis, twoOfFour));
    // misses the share by 0.25, and exceeds the bound by (1 + 4) / 4 on average, relative to 5
    assertEquals(0.25 + 5.0 / 4 / 5, Optimization.violation(GOAL, kpis, twoOfFour), 1e-12);
    assertTrue(Optimization.violation(GOAL, kpis, twoOfFour) > Optimization.violation(GOAL, kpis, threeOfFour));
  }

  @Test
  void aSmallSearch_findsAFeasibleReserveAndReportsItsKpis(@TempDir Path tmp) throws Exception {
    Path f = tmp.resolve("opt.yaml");
    Files.writeString(f, """
        base: %s/full-embargo-stockpile.yaml
        seed: 42
        replications: 2
        parameters:
          - name: reserve_t
            path: policies[name=us-magnet-reserve].initialTonnes
            range: {from: 0, to: 16000}
        kpis:
          - {name: defence, path: "shortageBySector[US/defence].shortagePercentOfDemand"}
        minimize: {cost: {reserve_t: 1}}
        constraints:
          - {kpi: defence, below: 5, share: 1}
        start: {reserve_t: 12000}
        budget: 4
        """.formatted(Path.of("scenarios").toAbsolutePath()));
    Optimization.Result r = new Optimization().run(f, new Optimization.Options(tmp.resolve("out"), 2, false, "test",
        false, 0, null));
    assertTrue(r.feasible(), "12,000 t keeps defence under 5% (scenarios/sweeps/embargo-stockpile.yaml)");
    assertEquals(r.optimum()[0], r.objective(), 1e-9, "the cost is the reserve");
    assertTrue(r.kpiMeans().get("defence") < 5);
    assertEquals(1.0, r.kpiShares().get("defence"));
    List<String> kpiRows = Files.readAllLines(tmp.resolve("out/optimum-kpis.csv"));
    assertEquals(3, kpiRows.size(), "a row per replication");
  }

  @Test
  void aWholeNumberParameter_isSearchedInWholeNumbers_besideAContinuousOne(@TempDir Path tmp) throws Exception {
    // US defence's allocation priority (a whole number in the scenario) searched with the reserve: every point
    // evaluated, and the optimum, must hold a whole priority; a search that treated it as continuous would not
    Path f = tmp.resolve("opt.yaml");
    Files.writeString(f, """
        base: %s/full-embargo-stockpile.yaml
        seed: 42
        replications: 1
        parameters:
          - name: defence_priority
            path: demand[id=us-defence].priority
            range: {from: 10, to: 95}
          - name: reserve_t
            path: policies[name=us-magnet-reserve].initialTonnes
            range: {from: 0, to: 16000}
        kpis:
          - {name: defence, path: "shortageBySector[US/defence].shortagePercentOfDemand"}
        minimize: {cost: {reserve_t: 1, defence_priority: 10}}
        constraints:
          - {kpi: defence, below: 5, share: 1}
        start: {defence_priority: 90, reserve_t: 12000}
        budget: 6
        """.formatted(Path.of("scenarios").toAbsolutePath()));
    Optimization.Result r = new Optimization().run(f, new Optimization.Options(tmp.resolve("out"), 2, false, "test",
        false, 0, null));
    assertEquals(List.of("defence_priority", "reserve_t"), r.names());
    assertEquals(Math.rint(r.optimum()[0]), r.optimum()[0], "a whole priority at the optimum: " + r.optimum()[0]);
    List<String> evaluations = Files.readAllLines(tmp.resolve("out/evaluations.csv"));
    assertTrue(evaluations.size() >= 3, "evaluations: " + evaluations);
    boolean reserveVaried = false;
    for (String row : evaluations.subList(1, evaluations.size())) {
      String[] cells = row.split(",");
      double priority = Double.parseDouble(cells[1]);
      assertEquals(Math.rint(priority), priority, "every evaluated priority is whole: " + row);
      assertTrue(priority >= 10 && priority <= 95, row);
      reserveVaried |= Double.parseDouble(cells[2]) != Math.rint(Double.parseDouble(cells[2]));
    }
    assertTrue(reserveVaried, "the reserve is searched continuously: " + evaluations);

    // the optimum as an overlay of the base: the two entries it changes, by id and by name, and nothing else
    Path overlay = tmp.resolve("out/optimum-scenario.yaml");
    JsonNode tree = new YAMLMapper().readTree(overlay.toFile());
    assertEquals("[{\"id\":\"us-defence\",\"priority\":" + (int) r.optimum()[0] + "}]", tree.get("demand").toString());
    assertEquals("[{\"name\":\"us-magnet-reserve\",\"initialTonnes\":" + r.optimum()[1] + "}]",
        tree.get("policies").toString());
    assertEquals("opt-optimum", tree.get("name").asText());
    LoadResult loaded = new ScenarioLoader().load(overlay);
    assertEquals(List.of(), loaded.problems());
    assertEquals(Files.readString(tmp.resolve("out/optimum-scenario.json")),
        new ScenarioWriter().toJson(loaded.scenario()));
  }

  @Test
  void aParameterOnAnEntryOnlyTheDefaultsAdd_cannotBeAnOverlay_andIsRefusedBeforeAnythingRuns(@TempDir Path tmp)
      throws Exception {
    // world-2035.yaml lists Pensana's project but not Pensana: the loader adds the owner as a producer, which an
    // overlay naming it by id would append half-written instead of changing
    Path f = tmp.resolve("opt.yaml");
    Files.writeString(f, """
        base: %s/world-2035.yaml
        seed: 42
        replications: 1
        parameters:
          - name: elasticity
            path: producers[id=pensana].supply.priceElasticity
            range: {from: 0.1, to: 0.9}
        kpis:
          - {name: us, path: "shortageByRegion[US].shortagePercentOfDemand"}
        minimize: {kpi: us}
        budget: 2
        """.formatted(Path.of("scenarios").toAbsolutePath()));
    Path out = tmp.resolve("out");
    InputException refused = assertThrows(InputException.class, () -> new Optimization().run(f,
        new Optimization.Options(out, 1, false, "test", false, 0, null)));
    assertEquals(1, refused.problems().size(), refused.problems().toString());
    assertTrue(refused.problems().get(0).message().startsWith("the answer cannot be written as an overlay of "),
        refused.problems().get(0).message());
    assertTrue(Files.notExists(out) && Files.notExists(SweepRunner.partialDir(out)), "nothing written");
  }
}
