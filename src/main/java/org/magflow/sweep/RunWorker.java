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

  /**
   * A recipe in two parts: one that many batches share (a search runs a batch of points per step, and every batch
   * shares its plan), which a distributed executor ships and builds once per JVM while the batches come, and the
   * batch's own (its points), shipped with each batch.
   *
   * @param <S> what the shared part builds
   */
  interface BatchRecipe<S> extends Recipe {
    /** The shared part: equal for every batch of a study. */
    Shared<S> shared();

    /** The worker, from the shared part as built. */
    RunWorker build(S shared) throws Exception;

    @Override
    default RunWorker build() throws Exception {
      return build(shared().build());
    }
  }

  /** The part of a {@link BatchRecipe} its batches share; equal parts may be built once for all. */
  interface Shared<S> extends Serializable {
    S build() throws Exception;
  }
}
