package org.magflow.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.magflow.event.Metrics;
import org.magflow.event.Observation;
import org.magflow.event.SimEvent;
import org.magflow.output.Kpis;
import org.magflow.output.RunRecord;
import org.magflow.scenario.ScenarioSpec;

/**
 * A run that reports only some metrics (as a sweep's runs do) is the full run with the other rows left out, also
 * when it stops tracking origins because nothing reads them (the squeeze), and when its policies read origins
 * that its outputs do not report (the extraterritorial rule of October 2025, the worldwide entity ban).
 */
class ReportedMetricsTest {

  @ParameterizedTest
  @ValueSource(strings = {"september-2025-us-squeeze.yaml", "october-2025-controls.yaml",
      "entity-ban-us-defence.yaml"})
  void runReportingSomeMetrics_keepsExactlyTheFullRunsRowsOfThem_andEveryOtherEvent(String name)
      throws InputException {
    Path file = Path.of("scenarios", name);
    ScenarioSpec spec = RunJob.load(file);
    RunRecord full = new ScenarioRun().simulate(spec, file.toString(), 42, 0);
    // flows and levels; a derived metric (utilisation) without the flows it is derived from; origins
    for (Set<String> kept : List.of(Set.of(Metrics.SHIPPED, Metrics.PRICE, Metrics.THROUGHPUT),
        Set.of(Metrics.UTILISATION, Metrics.CAPACITY, Metrics.ORIGIN_SHARE))) {
      RunRecord some = new ScenarioRun().simulate(spec, file.toString(), 42, 0, kept::contains);
      List<SimEvent> expected = full.events().stream()
          .filter(e -> !(e instanceof Observation o) || kept.contains(o.metric())).toList();
      assertEquals(expected, some.events(), kept.toString());
      assertTrue(some.events().size() < full.events().size() / 2, kept + ": " + some.events().size());
    }
  }

  @Test
  void kpisFromTheirOwnMetrics_equalKpisFromTheFullRun() throws InputException {
    Path file = Path.of("scenarios", "september-2025-us-squeeze.yaml");
    ScenarioSpec spec = RunJob.load(file);
    ScenarioSpec withoutPolicies = spec.withPolicies(List.of());
    ScenarioRun runner = new ScenarioRun();
    var full = Kpis.compute(runner.simulate(spec, file.toString(), 7, 1),
        runner.simulate(withoutPolicies, file.toString(), 7, 1));
    var fromKpiMetrics = Kpis.compute(runner.simulate(spec, file.toString(), 7, 1, Kpis.METRICS::contains),
        runner.simulate(withoutPolicies, file.toString(), 7, 1, Kpis.METRICS::contains));
    assertEquals(full, fromKpiMetrics);
  }
}
