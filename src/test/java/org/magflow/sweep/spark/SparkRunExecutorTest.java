package org.magflow.sweep.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.magflow.sweep.RunResult;
import org.magflow.sweep.RunTask;
import org.magflow.sweep.RunWorker;

/** The Spark executor's contract on {@code local[2]}, with a worker that squares its run's index. */
class SparkRunExecutorTest {
  @Test
  void everyTaskIsSunkOnceWithItsResultAndAFailedRunThrowsWhatItThrowsHere() throws Exception {
    try (SparkRunExecutor spark = new SparkRunExecutor("local[2]", 2, "SparkRunExecutorTest")) {
      TreeMap<Integer, Double> sunk = new TreeMap<>();
      List<Integer> twice = new ArrayList<>();
      // 600 runs on two cores: 16 a task, in jobs of 16 tasks, so three jobs, two at a time
      spark.execute(600, SparkRunExecutorTest::task, new Squares(-1), result -> {
        if (sunk.put(result.task().run(), result.kpis()[0]) != null) twice.add(result.task().run());
      });
      assertEquals(List.of(), twice);
      assertEquals(IntStream.range(0, 600).boxed().toList(), List.copyOf(sunk.keySet()));
      sunk.forEach((run, square) -> assertEquals(run * (double) run, square));

      // the driver runs the failed task itself: the error is the local one, not Spark's report of it
      IllegalArgumentException failed = assertThrows(IllegalArgumentException.class,
          () -> spark.execute(40, SparkRunExecutorTest::task, new Squares(13), result -> {}));
      assertEquals("run 13 has no square", failed.getMessage());

      IllegalArgumentException local = assertThrows(IllegalArgumentException.class,
          () -> spark.execute(4, SparkRunExecutorTest::task, task -> null, result -> {}));
      assertEquals("this worker cannot run on Spark: it has no recipe", local.getMessage());
    }
  }

  @Test
  void batchesThatShipEqualSharedPartsBuildItOnceAndAnotherPartIsBuiltAnew() throws Exception {
    try (SparkRunExecutor spark = new SparkRunExecutor("local[2]", 2, "SparkRunExecutorTest")) {
      Set<Double> seen = new TreeSet<>();
      // three batches of a search, each with its own recipe, and a shared part equal in all (not the same object)
      for (int batch = 0; batch < 3; batch++) {
        spark.execute(4, SparkRunExecutorTest::task, new Batch(new Part("plan"), batch), result -> {
          seen.add(result.kpis()[0]);
          assertEquals(result.task().run() + 100.0 * result.kpis()[1], result.kpis()[2], "the batch's own part");
        });
      }
      assertEquals(1, seen.size(), "every run of every batch used the one build of the shared part: " + seen);
      spark.execute(2, SparkRunExecutorTest::task, new Batch(new Part("another plan"), 0),
          result -> seen.add(result.kpis()[0]));
      assertEquals(2, seen.size(), "a part not equal to the last is built again: " + seen);
    }
  }

  @Test
  void runsPerTaskGiveAboutFourTasksPerCoreAndAtMostSixteenRunsUnlessSet() {
    assertEquals(1, SparkRunExecutor.runsPerTask(0, 40, 16));
    assertEquals(5, SparkRunExecutor.runsPerTask(0, 40, 2));
    assertEquals(16, SparkRunExecutor.runsPerTask(0, 69_632, 128));
    assertEquals(3, SparkRunExecutor.runsPerTask(3, 69_632, 128));
  }

  private static RunTask task(int i) {
    return new RunTask(i, i, 0, 42);
  }

  /** A shared part whose every build is told apart by a random number. */
  record Part(String name) implements RunWorker.Shared<Double> {
    @Override
    public Double build() {
      return ThreadLocalRandom.current().nextDouble();
    }
  }

  /** A batch: each run returns the shared part's build, the batch and run + 100 × batch. */
  record Batch(Part part, int batch) implements RunWorker.BatchRecipe<Double>, RunWorker {
    @Override
    public Shared<Double> shared() {
      return part;
    }

    @Override
    public RunWorker build(Double built) {
      return task -> new RunResult(task, new double[] {built, batch, task.run() + 100.0 * batch}, new double[0]);
    }

    @Override
    public RunResult run(RunTask task) {
      throw new AssertionError("runs only where the recipe is built");
    }

    @Override
    public Recipe recipe() {
      return this;
    }
  }

  /** Squares the run's index; fails at one run. Its own recipe: it is small and serialisable. */
  record Squares(int failingRun) implements RunWorker, RunWorker.Recipe {
    @Override
    public RunResult run(RunTask task) {
      if (task.run() == failingRun) throw new IllegalArgumentException("run " + failingRun + " has no square");
      return new RunResult(task, new double[] {task.run() * (double) task.run()}, new double[0]);
    }

    @Override
    public Recipe recipe() {
      return this;
    }

    @Override
    public RunWorker build() {
      return this;
    }
  }
}
