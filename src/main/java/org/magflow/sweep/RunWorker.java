package org.magflow.sweep;

import java.io.Serializable;

/**
 * Turns a task into its result. A worker is a pure function of the task (a fresh model per run, no shared
 * mutable state), so a task may run on any thread or machine, and be retried, with the same result.
 */
@FunctionalInterface
public interface RunWorker {
  RunResult run(RunTask task) throws Exception;

  /**
   * How to build this worker again in another JVM, for a distributed {@link RunExecutor}; null when it can only
   * run in this one.
   */
  default Recipe recipe() {
    return null;
  }

  /** A small serialisable description of a worker, built again where the tasks run. */
  interface Recipe extends Serializable {
    RunWorker build() throws Exception;
  }
}
