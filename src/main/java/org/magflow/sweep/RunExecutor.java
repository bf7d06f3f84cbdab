package org.magflow.sweep;

import java.util.function.IntFunction;

/**
 * Where the runs of a sweep, or of a calibration's or optimisation's evaluations, execute: the one seam between
 * planning and journaling them (which stay on the machine that started them) and running them.
 *
 * <p>{@link LocalRunExecutor} runs tasks on a fixed pool of threads;
 * {@code org.magflow.sweep.spark.SparkRunExecutor} runs them as Apache Spark tasks: it ships the worker's
 * {@link RunWorker.Recipe} (the sweep file and the resolved base scenario) to the executors, which build the
 * worker once per JVM, and hands each partition's results to the sink as the partition finishes. Spark's task
 * retries are safe because a worker is a pure function of its task, and the results do not depend on where or
 * in which order runs finish: the sweep writes them in run order.
 */
public interface RunExecutor {
  /**
   * Runs {@code count} tasks, {@code tasks.apply(0)} to {@code tasks.apply(count - 1)}, handing each result to
   * {@code sink} as it finishes, in any order. The sink is called from one thread at a time. Returns once every
   * task has run and been sunk; stops early, without waiting for unfinished tasks, when a task or the sink
   * throws, and rethrows that exception.
   */
  void execute(int count, IntFunction<RunTask> tasks, RunWorker worker, ResultSink sink) throws Exception;

  /** Receives finished runs. */
  @FunctionalInterface
  interface ResultSink {
    void accept(RunResult result) throws Exception;
  }
}
