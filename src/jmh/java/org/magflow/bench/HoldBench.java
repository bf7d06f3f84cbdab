package org.magflow.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Kernel benchmark 2: the hold model with a constant N pending events, exponential(1) increments, on
 * magflow's kernel, SSJ, MASON and a plain array-heap loop, in nanoseconds per hold (one event run and one
 * scheduled). Before measuring, every engine runs N holds so the event list reaches its steady shape.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(HoldBench.HOLDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(1)
public class HoldBench {
  static final int HOLDS = 1_000_000;

  @Param({"magflow", "ssj", "mason", "arrayHeap"})
  public String engine;

  @Param({"10", "1000", "100000", "1000000"})
  public int pending;

  private HoldEngines.Hold hold;
  private long asked;

  @Setup(Level.Trial)
  public void fill() {
    hold = HoldEngines.create(engine, pending, 0x5EED_0003L);
    hold.holds(Math.max(pending, HOLDS));
    asked = Math.max(pending, HOLDS);
  }

  @Benchmark
  public void hold() {
    hold.holds(HOLDS);
    asked += HOLDS;
  }

  @TearDown(Level.Trial)
  public void check() {
    if (hold.executed() != asked) {
      throw new IllegalStateException("hold on " + engine + " ran " + hold.executed() + " events, not " + asked);
    }
  }
}
