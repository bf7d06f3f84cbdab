package org.magflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.magflow.run.ScenarioRun;
import org.magflow.scenario.ScenarioSpec;
import org.magflow.sweep.SweepRunner;
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
 * Sweep throughput: a 1,000-run Monte Carlo of the baseline on 1 or 2 threads; the score is seconds per run,
 * and runs per second is its inverse.
 *
 * <ul>
 *   <li>{@code sweep}: {@code magflow sweep scenarios/sweeps/baseline-monte-carlo.yaml} in process
 *       ({@link SweepRunner}: 1,000 Monte Carlo draws of four inputs, each run built, simulated, its KPIs and
 *       fan series computed and journaled, the result files written into a temporary folder);
 *   <li>{@code simulateOnly}: 1,000 independent {@link ScenarioRun#simulate} calls of the baseline (seed 42,
 *       replications 0-999) on a fixed thread pool, keeping only each run's event count: the floor a sweep's
 *       own work adds to.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(SweepBench.RUNS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class SweepBench {
  static final int RUNS = 1_000;
  static final Path SWEEP_FILE = Path.of("scenarios/sweeps/baseline-monte-carlo.yaml");

  @Param({"1", "2"})
  public int threads;

  private ScenarioSpec spec;
  private ExecutorService pool;
  private Path tmp;

  @Setup(Level.Trial)
  public void start() throws IOException {
    spec = Specs.baseline();
    pool = Executors.newFixedThreadPool(threads);
    tmp = Files.createTempDirectory("magflow-sweep-bench-");
  }

  @TearDown(Level.Trial)
  public void stop() throws IOException {
    pool.shutdownNow();
    try (Stream<Path> paths = Files.walk(tmp)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }

  @Benchmark
  public int sweep() throws Exception {
    Path out = Files.createTempDirectory(tmp, "run-").resolve("out");
    SweepRunner.Result result = new SweepRunner().run(SWEEP_FILE,
        SweepRunner.Options.defaults().withOutDir(out).withThreads(threads));
    if (!result.complete() || result.runs() != RUNS) {
      throw new IllegalStateException("sweep made " + result.runs() + " runs, complete " + result.complete());
    }
    return result.runs();
  }

  @Benchmark
  public long simulateOnly() throws Exception {
    List<Future<Integer>> runs = new ArrayList<>(RUNS);
    for (int replication = 0; replication < RUNS; replication++) {
      int r = replication;
      runs.add(pool.submit(() -> new ScenarioRun().simulate(spec, Specs.BASELINE_FILE, 42, r).events().size()));
    }
    long events = 0;
    for (Future<Integer> run : runs) events += run.get();
    return events;
  }
}
