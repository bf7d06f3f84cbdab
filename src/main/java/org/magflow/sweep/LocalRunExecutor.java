package org.magflow.sweep;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Runs a sweep's tasks on a fixed pool of threads in this JVM. Tasks are submitted in order and only a few
 * per thread are in flight at a time, so memory does not grow with the number of runs; results are sunk on the
 * calling thread.
 */
public final class LocalRunExecutor implements RunExecutor {
  /** Tasks queued per thread beyond the one it runs: enough to keep threads busy, few enough to stay small. */
  static final int QUEUED_PER_THREAD = 2;

  private final int threads;

  /** An executor with {@code threads} worker threads (at least one). */
  public LocalRunExecutor(int threads) {
    if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, was " + threads);
    this.threads = threads;
  }

  public int threads() {
    return threads;
  }

  @Override
  public void execute(int count, IntFunction<RunTask> tasks, RunWorker worker, ResultSink sink) throws Exception {
    AtomicInteger made = new AtomicInteger();
    ThreadFactory factory = r -> {
      Thread t = new Thread(r, "magflow-sweep-" + made.incrementAndGet());
      t.setDaemon(true); // an interrupted sweep must not keep the JVM alive
      return t;
    };
    ExecutorService pool = Executors.newFixedThreadPool(threads, factory);
    try {
      ExecutorCompletionService<RunResult> done = new ExecutorCompletionService<>(pool);
      int submitted = 0;
      int inFlight = 0;
      int window = threads * (1 + QUEUED_PER_THREAD);
      while (submitted < count || inFlight > 0) {
        while (submitted < count && inFlight < window) {
          RunTask task = tasks.apply(submitted++);
          done.submit(() -> worker.run(task));
          inFlight++;
        }
        Future<RunResult> next = done.take();
        inFlight--;
        RunResult result;
        try {
          result = next.get();
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof Exception ex) throw ex;
          if (cause instanceof Error err) throw err;
          throw e;
        }
        sink.accept(result);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
