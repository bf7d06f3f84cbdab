package org.magflow.calibrate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magflow.backtest.Comparison;
import org.magflow.backtest.SeriesMap;
import org.magflow.backtest.Selector;
import org.magflow.run.InputException;
import org.magflow.scenario.LicenceRegimeSpec;
import org.magflow.scenario.LoadResult;
import org.magflow.scenario.Problem;
import org.magflow.scenario.ScenarioLoader;
import org.magflow.scenario.ScenarioSpec;
import org.magflow.scenario.ScenarioWriter;
import org.magflow.sweep.SweepRunner;

/** Calibration on the April 2025 scenario with a tiny budget: mapping, loss, determinism and resume. */
class CalibrationTest {
  private static final Path SCENARIOS = Path.of("scenarios").toAbsolutePath();

  static Path file(Path dir) throws IOException {
    Path f = dir.resolve("cal.yaml");
    Files.writeString(f, """
        name: tiny
        base: %s/april-2025-licences.yaml
        seed: 42
        replications: 1
        parameters:
          - name: approval
            path: policies[name=apr-2025-licence-regime].approvalProbability
            range: {from: 0.3, to: 1.0}
        start: {approval: 0.35}
        budget: 4
        observed: %s/observed/cn-magnet-exports.csv
        from: 2025-03
        to: 2025-08
        shock: 2025-04
        series:
          - name: world
            observed: {metric: shipped, region: CN, partner: "*", commodity: ndfeb_magnet}
        """.formatted(SCENARIOS, SCENARIOS));
    return f;
  }

  private static Calibration.Options options(Path out, int threads, boolean resume, int stopAfter) {
    return new Calibration.Options(out, threads, resume, "test", false, stopAfter, null);
  }

  @Test
  void parameters_mapOntoTheScenarioKeptInsideTheirRanges(@TempDir Path tmp) throws Exception {
    Calibration.Plan plan = Calibration.read(file(tmp));
    JsonNode[] inside = plan.sweep().values(new double[] {0.55});
    JsonNode[] outside = plan.sweep().values(new double[] {1.7});
    assertEquals(0.55, inside[0].doubleValue());
    assertEquals(1.0, outside[0].doubleValue(), "a point past the range is kept at its end");
    ScenarioSpec spec = plan.sweep().scenarioAt(inside);
    LicenceRegimeSpec regime = spec.policies().stream().filter(p -> p.name().equals("apr-2025-licence-regime"))
        .map(LicenceRegimeSpec.class::cast).findFirst().orElseThrow();
    assertEquals(0.55, regime.approvalProbability());
    assertEquals(0.9, plan.sweep().baseValue(0), "the hand-set value");
  }

  @Test
  void loss_isTheWeightedMeanOfTheSeriesMeanSquaredLogErrors() {
    Selector any = new Selector("shipped", "CN", "*", "", "");
    List<YearMonth> months = Comparison.months(YearMonth.of(2025, 1), YearMonth.of(2025, 2));
    Comparison twiceOff = new Comparison(new SeriesMap("a", any, any, 3), months, new double[] {200, 50},
        new double[] {100, 100}, null);
    Comparison exact = new Comparison(new SeriesMap("b", any, any, 1), months, new double[] {7, 7},
        new double[] {7, Double.NaN}, null);
    double ln2sq = Math.log(2) * Math.log(2);
    assertEquals(3 * ln2sq / 4, Calibration.loss(List.of(twiceOff, exact)), 1e-12);
  }

  @Test
  void sameSeed_sameFit_atAnyThreadCount_andAResumedRunEndsWhereAnUninterruptedOneDoes(@TempDir Path tmp)
      throws Exception {
    Path f = file(tmp);
    Calibration.Result one = new Calibration().run(f, options(tmp.resolve("one"), 1, false, 0));
    Calibration.Result two = new Calibration().run(f, options(tmp.resolve("two"), 2, false, 0));
    assertTrue(one.fittedLoss() <= one.startLoss(), "the search improves on its start");
    assertArrayEquals(one.fitted(), two.fitted());
    assertEquals(Files.readString(tmp.resolve("one/fit.csv")), Files.readString(tmp.resolve("two/fit.csv")));
    assertEquals(Files.readString(tmp.resolve("one/evaluations.csv")),
        Files.readString(tmp.resolve("two/evaluations.csv")));
    assertTrue(Files.isRegularFile(tmp.resolve("one/fitted-scenario.json")));
    assertEquals(Files.readString(tmp.resolve("one/fitted-scenario.yaml")).replace("/one/", "/two/"),
        Files.readString(tmp.resolve("two/fitted-scenario.yaml")), "the overlay is deterministic (its Run: line aside)");

    Path out = tmp.resolve("resumed");
    Calibration.Result stopped = new Calibration().run(f, options(out, 2, false, 3));
    assertFalse(stopped.complete());
    assertTrue(Files.isRegularFile(SweepRunner.partialDir(out).resolve(EvaluationJournal.ROWS)));
    InputException refused = assertThrows(InputException.class,
        () -> new Calibration().run(f, options(out, 2, false, 0)));
    assertTrue(refused.problems().get(0).message().contains("--resume"), refused.problems().toString());
    Calibration.Result resumed = new Calibration().run(f, options(out, 1, true, 0));
    assertTrue(resumed.complete());
    assertEquals(one.ranNow() - 3, resumed.ranNow(), "the three points run before are taken from the journal");
    assertEquals(Files.readString(tmp.resolve("one/fit.csv")), Files.readString(out.resolve("fit.csv")));
    assertEquals(Files.readString(tmp.resolve("one/evaluations.csv")), Files.readString(out.resolve("evaluations.csv")));
    assertFalse(Files.exists(SweepRunner.partialDir(out)), "the journal is gone once the result is written");
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void theFittedScenarioIsAnOverlayOfTheBaseSettingOnlyTheFittedValue_thatLoadsAsTheResolvedFit(@TempDir Path tmp)
      throws Exception {
    Path f = file(tmp);
    Path out = tmp.resolve("results/calibrations/tiny");
    Calibration.Result r = new Calibration().run(f, options(out, 2, false, 0));
    String overlay = Files.readString(out.resolve("fitted-scenario.yaml"));
    assertTrue(overlay.startsWith("# Written by magflow calibrate " + f + "\n# (seed 42, 1 replication(s), "
        + r.evaluations() + " evaluations by cma-es): the base scenario with the fitted values set.\n"), overlay);
    JsonNode tree = new YAMLMapper().readTree(overlay);
    assertEquals(List.of("extends", "name", "description", "policies"), fieldNames(tree));
    // the base, by a relative path from the result folder (how deep depends on where the checkout and the
    // temporary folder are, so the test resolves it rather than spelling it out)
    String extendsPath = tree.get("extends").asText();
    assertFalse(Path.of(extendsPath).isAbsolute(), extendsPath);
    assertEquals(SCENARIOS.resolve("april-2025-licences.yaml").toAbsolutePath().normalize(),
        out.toAbsolutePath().resolve(extendsPath).normalize(), "the base, by its path from the result folder");
    assertEquals("tiny-fitted", tree.get("name").asText(), "not the base's name: its run has a folder of its own");
    JsonNode policies = tree.get("policies");
    assertEquals(1, policies.size());
    assertEquals(List.of("name", "approvalProbability"), fieldNames(policies.get(0)));
    assertEquals("apr-2025-licence-regime", policies.get(0).get("name").asText());
    assertEquals(r.fitted()[0], policies.get(0).get("approvalProbability").doubleValue());

    // merged onto the base (the policy changed in place, not appended), it is the resolved fitted scenario
    LoadResult loaded = new ScenarioLoader().load(out.resolve("fitted-scenario.yaml"));
    assertEquals(List.of(), loaded.problems());
    assertEquals(Files.readString(out.resolve("fitted-scenario.json")), new ScenarioWriter().toJson(loaded.scenario()));
    ScenarioSpec base = new ScenarioLoader().load(SCENARIOS.resolve("april-2025-licences.yaml")).scenario();
    assertEquals(base.policies().size(), loaded.scenario().policies().size());
    LicenceRegimeSpec regime = loaded.scenario().policies().stream()
        .filter(p -> p.name().equals("apr-2025-licence-regime")).map(LicenceRegimeSpec.class::cast).findFirst()
        .orElseThrow();
    assertEquals(r.fitted()[0], regime.approvalProbability());

    // moved without its base, the overlay is refused at its extends line; the JSON still stands alone
    Path moved = Files.createDirectories(tmp.resolve("a/b/c/d/e/f"));
    Files.copy(out.resolve("fitted-scenario.yaml"), moved.resolve("fitted-scenario.yaml"));
    List<Problem> refused = new ScenarioLoader().load(moved.resolve("fitted-scenario.yaml")).problems();
    assertEquals(1, refused.size(), refused.toString());
    assertEquals("extends", refused.get(0).path());
    assertTrue(refused.get(0).message().startsWith("cannot read base scenario"), refused.get(0).message());
  }

  private static int magflow(Object... args) {
    return org.magflow.cli.MagflowCli.commandLine().execute(java.util.Arrays.stream(args).map(String::valueOf)
        .toArray(String[]::new));
  }

  @Test
  void calibrateThenRun_theOverlayRunsAsIs_andItsOutputsAreThoseOfTheResolvedFit(@TempDir Path tmp)
      throws Exception {
    Path fit = tmp.resolve("fit");
    assertEquals(0, magflow("calibrate", file(tmp), "-o", fit, "--no-charts", "--threads", 2));
    Path results = tmp.resolve("results");
    assertEquals(0, magflow("run", fit.resolve("fitted-scenario.yaml"), "--results", results));
    assertEquals(0, magflow("run", fit.resolve("fitted-scenario.json"), "-o", tmp.resolve("json-run")));
    Path overlayRun = results.resolve("tiny-fitted"); // the overlay's own name, not the base's folder
    for (String output : List.of("scenario.resolved.json", "timeseries.csv", "summary.json")) {
      assertEquals(Files.readString(tmp.resolve("json-run").resolve(output)),
          Files.readString(overlayRun.resolve(output)).replace("\"scenarioFile\": \"fitted-scenario.yaml\"",
              "\"scenarioFile\": \"fitted-scenario.json\""), output + ", but for the file it names");
    }
  }
}
