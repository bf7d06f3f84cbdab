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
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Kernel benchmark 1: the classic M/M/1 queue (lambda 0.9, mu 1.0, 10^6 customers, 2&times;10^6 events) on
 * magflow's kernel, SSJ, MASON and a plain array-heap loop, in nanoseconds per event. Every run is checked:
 * the mean wait must be 9.0 within the run's 99% confidence interval, or the benchmark fails.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(MM1.EVENTS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(1)
public class MM1Bench {
  @Param({"magflow", "ssj", "mason", "arrayHeap"})
  public String engine;

  private MM1.Result last;

  /** One replication of 10^6 customers from an empty system; the score is time per event. */
  @Benchmark
  public MM1.Result mm1() {
    return last = MM1.check(engine, MM1Engines.run(engine));
  }

  @TearDown(Level.Trial)
  public void report() {
    // Same seeds on every engine, so every engine must print the same numbers.
    System.out.println("\nM/M/1 on " + engine + ": " + last);
  }
}
