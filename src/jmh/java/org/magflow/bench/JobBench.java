package org.magflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.magflow.run.InputException;
import org.magflow.run.RunJob;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What {@code magflow run scenarios/baseline.yaml} does once the JVM is warm: load and validate the file,
 * run it, compute the KPIs and write the result folder (into a temporary directory). Set against the
 * whole-process time, it shows how much of that is JVM start-up and class loading.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 1)
@Fork(1)
public class JobBench {
  private Path out;

  @Setup
  public void folder() throws IOException {
    out = Files.createTempDirectory("magflow-bench-").resolve("baseline");
  }

  @TearDown
  public void clean() throws IOException {
    try (Stream<Path> paths = Files.walk(out.getParent())) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }

  @Benchmark
  public RunJob.Result runJob() throws InputException, IOException {
    return new RunJob().run(new RunJob.Request(Path.of(Specs.BASELINE_FILE), out, null, null, "bench"));
  }
}
