package org.magflow.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler ({@code -prof org.magflow.bench.CpuProfiler}) for a machine that others share: besides the
 * wall time JMH measures, it reports per operation
 * <ul>
 *   <li>{@code cpu.time.norm}: the CPU time of the benchmark's own threads (JMH's workers) plus the time the
 *       garbage collectors report (their pauses). On a busy machine wall time also counts the turns a
 *       benchmark waits for a core; this does not, so it estimates the wall time of a quiet machine and is the
 *       steadier figure for comparing engines measured at different moments;
 *   <li>{@code cpu.process.norm}: the CPU time of the whole benchmark JVM, every thread included (a sweep's
 *       pool threads, the collectors' and compilers' background work).
 * </ul>
 */
public final class CpuProfiler implements InternalProfiler {
  private static final String WORKER = "jmh-worker";
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private Map<Long, Long> workerCpuAtStart = Map.of();
  private long gcMillisAtStart;
  private long processCpuAtStart;

  @Override
  public String getDescription() {
    return "CPU time per operation: the benchmark threads' plus GC pauses, and the whole JVM's";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    workerCpuAtStart = workerCpu();
    gcMillisAtStart = gcMillis();
    processCpuAtStart = processCpu();
  }

  @Override
  public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
      IterationParams iterationParams, IterationResult result) {
    long ops = result.getMetadata().getMeasuredOps();
    if (ops <= 0) return List.of();
    long worker = 0;
    for (Map.Entry<Long, Long> e : workerCpu().entrySet()) {
      worker += e.getValue() - workerCpuAtStart.getOrDefault(e.getKey(), 0L);
    }
    long gc = TimeUnit.MILLISECONDS.toNanos(gcMillis() - gcMillisAtStart);
    long process = processCpu() - processCpuAtStart;
    TimeUnit unit = benchmarkParams.getTimeUnit();
    double perUnit = TimeUnit.NANOSECONDS.convert(1, unit);
    String label = abbreviation(unit) + "/op";
    List<Result> out = new ArrayList<>();
    out.add(new ScalarResult("cpu.time.norm", (worker + gc) / perUnit / ops, label, AggregationPolicy.AVG));
    if (process >= 0) {
      out.add(new ScalarResult("cpu.process.norm", process / perUnit / ops, label, AggregationPolicy.AVG));
    }
    return out;
  }

  /** CPU nanoseconds so far of each live JMH worker thread, by thread id. */
  private Map<Long, Long> workerCpu() {
    Map<Long, Long> cpu = new HashMap<>();
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info == null || !info.getThreadName().contains(WORKER)) continue;
      long t = threads.getThreadCpuTime(info.getThreadId());
      if (t >= 0) cpu.put(info.getThreadId(), t);
    }
    return cpu;
  }

  private static long gcMillis() {
    long total = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      total += Math.max(0, gc.getCollectionTime());
    }
    return total;
  }

  private static long processCpu() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }

  private static String abbreviation(TimeUnit unit) {
    return switch (unit) {
      case NANOSECONDS -> "ns";
      case MICROSECONDS -> "us";
      case MILLISECONDS -> "ms";
      case SECONDS -> "s";
      default -> unit.name().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
