package org.magflow.sweep;

/**
 * Turns a task into its result. A worker is a pure function of the task (a fresh model per run, no shared
 * mutable state), so a task may run on any thread or machine, and be retried, with the same result.
 */
@FunctionalInterface
public interface RunWorker {
  RunResult run(RunTask task) throws Exception;
}
