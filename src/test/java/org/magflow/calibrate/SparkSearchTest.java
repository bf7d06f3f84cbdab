package org.magflow.calibrate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magflow.sweep.SweepRunner;
import org.magflow.sweep.spark.SparkRunExecutor;

/**
 * {@code magflow calibrate} and {@code magflow optimize} with their evaluations on Spark ({@code local[2]}, in
 * this JVM): the executors rebuild each batch's worker from its recipe, and every file the search writes is
 * byte-identical to local threads'; an optimisation stopped on Spark resumes from its journal to the same files.
 */
class SparkSearchTest {
  static final Path TINY = Path.of("src/test/resources/scenarios/tiny.yaml").toAbsolutePath();
  /** The smallest scenario's throttle fitted to made-up exports: two replications, a 9-point profile. */
  static final Path CALIBRATION = Path.of("src/test/resources/calibrations/spark-tiny.yaml").toAbsolutePath();
  static final List<String> CALIBRATION_FILES = List.of("fit.csv", "evaluations.csv", "profile.csv",
      "fit-series.csv", "fitted-scenario.yaml", "fitted-scenario.json");
  static final List<String> OPTIMISATION_FILES = List.of("optimum.csv", "optimum-kpis.csv", "evaluations.csv",
      "optimum-scenario.yaml", "optimum-scenario.json");

  @Test
  void calibrateAndOptimizeOnSparkWriteTheLocalThreadsBytes_andAStoppedSearchResumes(@TempDir Path tmp)
      throws Exception {
    Path calibration = CALIBRATION;
    Path optimisation = optimisation(tmp);
    Calibration.Result local = new Calibration().run(calibration, calibrationOptions(tmp.resolve("cal-local"), null, 0));
    Optimization.Result localOptimum = new Optimization().run(optimisation,
        optimisationOptions(tmp.resolve("opt-local"), null, 0, false));
    try (SparkRunExecutor spark = new SparkRunExecutor("local[2]", 2, "SparkSearchTest")) {
      Calibration.Result onSpark = new Calibration().run(calibration,
          calibrationOptions(tmp.resolve("cal-spark"), spark, 0));
      assertEquals(local.ranNow(), onSpark.ranNow());
      assertArrayEquals(local.fitted(), onSpark.fitted());
      assertSameBytes(tmp, "cal-local", "cal-spark", CALIBRATION_FILES);

      Path resumed = tmp.resolve("opt-spark");
      Optimization.Result stopped = new Optimization().run(optimisation, optimisationOptions(resumed, spark, 2, false));
      assertFalse(stopped.complete());
      assertTrue(Files.isRegularFile(SweepRunner.partialDir(resumed).resolve(EvaluationJournal.ROWS)));
      Optimization.Result finished = new Optimization().run(optimisation, optimisationOptions(resumed, spark, 0, true));
      assertEquals(localOptimum.ranNow() - 2, finished.ranNow(), "the two points run before come from the journal");
      assertArrayEquals(localOptimum.optimum(), finished.optimum());
      assertSameBytes(tmp, "opt-local", "opt-spark", OPTIMISATION_FILES);
    }
  }

  /** A whole-number parameter beside a continuous one, two replications: whole values must travel as whole. */
  private static Path optimisation(Path dir) throws IOException {
    Path f = dir.resolve("opt.yaml");
    Files.writeString(f, """
        base: %s
        seed: 42
        replications: 2
        parameters:
          - name: defence_priority
            path: demand[id=us-defence].priority
            range: {from: 10, to: 95}
          - name: cut
            path: policies[name=reo-throttle].cut
            range: {from: 0.1, to: 0.9}
        kpis:
          - {name: defence, path: "shortageBySector[US/defence].shortagePercentOfDemand"}
        minimize: {cost: {defence_priority: 1, cut: -100}}
        constraints:
          - {kpi: defence, below: 5, share: 1}
        start: {defence_priority: 50, cut: 0.5}
        budget: 5
        """.formatted(TINY));
    return f;
  }

  private static Calibration.Options calibrationOptions(Path out, SparkRunExecutor spark, int stopAfter) {
    return new Calibration.Options(out, 2, false, "test", false, stopAfter, spark);
  }

  private static Optimization.Options optimisationOptions(Path out, SparkRunExecutor spark, int stopAfter,
                                                          boolean resume) {
    return new Optimization.Options(out, 2, resume, "test", false, stopAfter, spark);
  }

  /** The files of two result folders, byte for byte; an overlay's "Run:" line names its own folder. */
  private static void assertSameBytes(Path tmp, String expected, String actual, List<String> files)
      throws IOException {
    for (String file : files) {
      String want = Files.readString(tmp.resolve(expected).resolve(file), StandardCharsets.UTF_8)
          .replace("/" + expected + "/", "/" + actual + "/");
      assertArrayEquals(want.getBytes(StandardCharsets.UTF_8), Files.readAllBytes(tmp.resolve(actual).resolve(file)),
          file + " differs from local threads'");
    }
  }
}
