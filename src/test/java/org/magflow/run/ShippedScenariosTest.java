package org.magflow.run;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.magflow.event.ConservationAudit;
import org.magflow.event.Metrics;
import org.magflow.event.Observation;

/** Every scenario shipped in scenarios/ validates, runs, conserves material and reports sane numbers. */
class ShippedScenariosTest {

  static Stream<Path> shippedScenarios() throws IOException {
    try (Stream<Path> files = Files.walk(Path.of("scenarios"))) {
      return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".json"))
          // sweep files (ShippedSweepsTest plans them), episodes, calibrations and optimisations (their own tests)
          .filter(f -> Stream.of("sweeps", "episodes", "calibrations", "optimisations")
              .noneMatch(d -> f.startsWith(Path.of("scenarios", d))))
          .sorted()
          .toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("shippedScenarios")
  void shippedScenario_runsAndConservesMaterialForEveryCommodity(Path file) throws InputException {
    var outcome = new ScenarioRun().execute(RunJob.load(file), file.toString(), 42, 0);
    for (var run : outcome.counterfactual() == null
        ? java.util.List.of(outcome.run()) : java.util.List.of(outcome.run(), outcome.counterfactual())) {
      var audits = run.events().stream().filter(ConservationAudit.class::isInstance)
          .map(ConservationAudit.class::cast).toList();
      assertFalse(audits.isEmpty());
      audits.forEach(a -> assertTrue(a.balanced(), file + ": " + a + " residual " + a.residual()));
      new RunSeries(run).rows().forEach(o -> assertSane(file, o));
    }
  }

  /** No NaN anywhere, no negative stock, flow or price; shares within [0, 1]. */
  private static void assertSane(Path file, Observation o) {
    assertTrue(Double.isFinite(o.value()), file + ": " + o);
    assertTrue(o.value() >= 0, file + ": negative " + o);
    if (o.unit().equals(Metrics.SHARE) && !o.metric().equals(Metrics.UTILISATION)) {
      assertTrue(o.value() <= 1 + 1e-9, file + ": share above 1 " + o);
    }
    if (o.metric().equals(Metrics.PRICE)) assertTrue(o.value() > 0, file + ": " + o);
  }
}
