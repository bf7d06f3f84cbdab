package org.magflow.bench;

import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.magflow.output.Kpis;
import org.magflow.output.RunRecord;
import org.magflow.run.ScenarioRun;
import org.magflow.scenario.ScenarioSpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Model benchmark: one run of the baseline (2025-2030) and of the baseline over 2025-2045, built fresh and
 * simulated with every event kept ({@link ScenarioRun#simulate}), after warm-up; and the baseline reporting only
 * the rows its KPIs read ({@code baseline-kpi-rows}), as each run of a sweep does. Run with {@code -prof gc} for
 * the allocation per run ({@code gc.alloc.rate.norm}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 1)
@Fork(1)
public class ScenarioBench {
  @Param({"baseline", "long-horizon", "baseline-kpi-rows"})
  public String scenario;

  private final ScenarioRun run = new ScenarioRun();
  private ScenarioSpec spec;
  private Predicate<String> reported;

  @Setup
  public void load() {
    ScenarioSpec baseline = Specs.baseline();
    spec = scenario.equals("long-horizon") ? Specs.withEnd(baseline, LocalDate.of(2045, 12, 31)) : baseline;
    reported = scenario.equals("baseline-kpi-rows") ? Kpis.METRICS::contains : metric -> true;
  }

  @Benchmark
  public RunRecord simulate() {
    return run.simulate(spec, Specs.BASELINE_FILE, 42, 0, reported);
  }
}
