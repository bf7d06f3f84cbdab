package org.magflow.bench;

import java.util.concurrent.TimeUnit;
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
 * Model benchmark: how the time of one run grows with the horizon (the baseline over 1, 5, 10 and 20 years)
 * and with the number of agents (the baseline's 2025-2030 with its cast &times;1, &times;4, &times;16, each
 * producer and demand sector split into identical firms). Both should grow linearly.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 1)
@Fork(1)
public class ScalingBench {

  /** The baseline over a number of whole years from 2025. */
  @State(Scope.Thread)
  public static class Horizon {
    @Param({"1", "5", "10", "20"})
    public int years;

    final ScenarioRun run = new ScenarioRun();
    ScenarioSpec spec;

    @Setup
    public void load() {
      spec = Specs.baselineYears(years);
    }
  }

  /** The baseline 2025-2030 with each agent split into {@code cast} firms. */
  @State(Scope.Thread)
  public static class Cast {
    @Param({"1", "4", "16"})
    public int cast;

    final ScenarioRun run = new ScenarioRun();
    ScenarioSpec spec;

    @Setup
    public void load() {
      spec = Specs.splitCast(Specs.baseline(), cast);
    }
  }

  @Benchmark
  public RunRecord horizon(Horizon h) {
    return h.run.simulate(h.spec, Specs.BASELINE_FILE, 42, 0);
  }

  /** Fewer iterations: a run of the ×16 cast takes seconds (see the README's Performance section). */
  @Benchmark
  @Warmup(iterations = 3, time = 1)
  @Measurement(iterations = 5, time = 1)
  public RunRecord agents(Cast c) {
    return c.run.simulate(c.spec, Specs.BASELINE_FILE, 42, 0);
  }
}
