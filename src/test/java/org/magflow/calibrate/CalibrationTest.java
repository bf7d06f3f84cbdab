package org.magflow.calibrate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.magflow.scenario.ScenarioSpec;
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
    return new Calibration.Options(out, threads, resume, "test", false, stopAfter);
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
}
