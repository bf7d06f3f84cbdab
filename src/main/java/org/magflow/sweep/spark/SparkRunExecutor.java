package org.magflow.sweep.spark;

import java.io.Serializable;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.apache.spark.SimpleFutureAction;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.rdd.RDD;
import org.magflow.sweep.RunExecutor;
import org.magflow.sweep.RunResult;
import org.magflow.sweep.RunTask;
import org.magflow.sweep.RunWorker;
import scala.collection.Iterator;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction0;
import scala.runtime.AbstractFunction1;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * Runs a sweep's tasks as Apache Spark tasks, on {@code local[N]} or on a cluster (standalone, YARN, Kubernetes).
 *
 * <p>The driver ships the worker's {@link RunWorker.Recipe} (the sweep file and the resolved base scenario) once,
 * as a broadcast; each executor JVM builds its worker from it once and runs a partition of tasks at a time. A
 * search (calibrate, optimize) executes a batch of points at a time, each batch with its own recipe: a
 * {@link RunWorker.BatchRecipe}, whose shared part (the plan) is broadcast once for as long as the batches ship
 * an equal one, so each executor plans the search once, not once a batch (half a second of a run's 1.5 s). A
 * partition's results come back to the driver as soon as it finishes ({@code submitJob} with a result handler,
 * so every core works at once, unlike {@code toLocalIterator}, which computes one partition at a time), and are
 * handed to the sink on the calling thread. The tasks go out in jobs of a bounded number of partitions, two jobs
 * at a time, so the driver holds only those jobs' tasks and the results not yet sunk, whatever the number of
 * runs, and no job's results approach {@code spark.driver.maxResultSize}.
 *
 * <p>Spark may run a task twice (a lost executor, speculation) but hands each partition's result over once; a
 * run is a pure function of its task, so a retried run gives the same result. A run that throws is not retried:
 * it would throw again. The driver runs that task once more itself, so the error it reports is the one the
 * local executor would (an invalid point, placed in the sweep file).
 */
public final class SparkRunExecutor implements RunExecutor, AutoCloseable {
  /** Spark setting: runs per Spark task (0 or unset: chosen from the number of runs and cores). */
  public static final String RUNS_PER_TASK = "spark.magflow.runsPerTask";
  /** Most runs in one task when chosen automatically: bounds what a lost executor costs, keeps results small. */
  static final int MAX_AUTO_RUNS_PER_TASK = 16;
  /** Tasks per core in each job: enough to balance uneven runs, few enough to keep the driver small. */
  static final int TASKS_PER_CORE_PER_JOB = 8;
  /** Jobs in flight: the next job's tasks are queued while the last tasks of one finish. */
  static final int JOBS_IN_FLIGHT = 2;

  private final SparkConf conf;
  private JavaSparkContext context; // started on the first sweep, so bad input never starts Spark
  // the shared part of the last batch recipe, broadcast once for every batch that ships an equal one
  private RunWorker.Shared<?> shared;
  private Broadcast<BuiltOnce> sharedBroadcast;

  /**
   * An executor on {@code master}; null takes the master spark-submit set ({@code spark.master}), else
   * {@code local[localThreads]}.
   */
  public SparkRunExecutor(String master, int localThreads, String appName) {
    conf = new SparkConf();
    if (master != null) conf.setMaster(master);
    else conf.setIfMissing("spark.master", "local[" + localThreads + "]");
    conf.setIfMissing("spark.app.name", appName);
    // the driver's web UI is of little use for a batch of runs and takes a port; spark-submit users can turn it on
    conf.setIfMissing("spark.ui.enabled", "false");
    // a sweep prints its own progress; Spark's INFO lines (several per task) would bury it
    conf.setIfMissing("spark.log.level", "WARN");
    // started with java -cp magflow.jar:... rather than spark-submit, the executors still need magflow's classes
    String jar = magflowJar();
    if (jar != null && !master().startsWith("local")) conf.setIfMissing("spark.jars", jar);
  }

  /** The jar magflow's classes were loaded from, or null when they come from a folder (a build's classes). */
  private static String magflowJar() {
    try {
      CodeSource source = SparkRunExecutor.class.getProtectionDomain().getCodeSource();
      if (source == null) return null;
      Path path = Path.of(source.getLocation().toURI());
      return path.toString().endsWith(".jar") ? path.toString() : null;
    } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
      return null;
    }
  }

  /** The master the executor runs on, as Spark was given it. */
  public String master() {
    return conf.get("spark.master");
  }

  /** How sweep.json names this executor. */
  @Override
  public String toString() {
    return "Spark on " + master();
  }

  @Override
  public void execute(int count, IntFunction<RunTask> tasks, RunWorker worker, ResultSink sink) throws Exception {
    RunWorker.Recipe recipe = worker.recipe();
    if (recipe == null) throw new IllegalArgumentException("this worker cannot run on Spark: it has no recipe");
    if (count == 0) return;
    if (context == null) context = new JavaSparkContext(conf);
    SparkContext sc = context.sc();
    int cores = Math.max(1, sc.defaultParallelism());
    int runsPerTask = runsPerTask(conf.getInt(RUNS_PER_TASK, 0), count, cores);
    int tasksPerJob = cores * TASKS_PER_CORE_PER_JOB;
    Broadcast<BuiltOnce> common = recipe instanceof RunWorker.BatchRecipe<?> batch ? shared(batch.shared()) : null;
    Broadcast<BuiltOnce> shipped = context.broadcast(new BuiltOnce(recipe));
    BlockingQueue<Batch> finished = new LinkedBlockingQueue<>();
    Deque<SimpleFutureAction<BoxedUnit>> jobs = new ArrayDeque<>();
    try {
      int submitted = 0;
      int sunk = 0;
      while (sunk < count) {
        while (submitted < count && jobs.size() < JOBS_IN_FLIGHT) {
          int end = (int) Math.min(count, submitted + (long) tasksPerJob * runsPerTask);
          jobs.add(submit(sc, tasks, submitted, end, runsPerTask, shipped, common, finished));
          submitted = end;
        }
        Batch batch = finished.poll(100, TimeUnit.MILLISECONDS);
        failIfFailed(jobs);
        jobs.removeIf(SimpleFutureAction::isCompleted); // succeeded: every batch of theirs is queued
        if (batch == null) continue;
        for (RunResult result : batch.results()) {
          sink.accept(result);
          sunk++;
        }
        if (batch.failure() != null) rethrow(batch, worker);
      }
    } finally {
      jobs.forEach(SimpleFutureAction::cancel);
      shipped.destroy(false);
    }
  }

  /**
   * The broadcast of a batch recipe's shared part: the last one's when equal (a search's next batch), so each
   * executor builds it once for all of them; else a new one, and the last one dropped.
   */
  private Broadcast<BuiltOnce> shared(RunWorker.Shared<?> part) {
    if (!part.equals(shared)) {
      if (sharedBroadcast != null) sharedBroadcast.destroy(false);
      sharedBroadcast = context.broadcast(new BuiltOnce(part));
      shared = part;
    }
    return sharedBroadcast;
  }

  /** Runs per task: as set, else enough for about four tasks per core, at most {@link #MAX_AUTO_RUNS_PER_TASK}. */
  static int runsPerTask(int set, int count, int cores) {
    if (set > 0) return set;
    return Math.max(1, Math.min(MAX_AUTO_RUNS_PER_TASK, count / (cores * 4)));
  }

  private static SimpleFutureAction<BoxedUnit> submit(SparkContext sc, IntFunction<RunTask> tasks, int from,
                                                      int to, int runsPerTask, Broadcast<BuiltOnce> shipped,
                                                      Broadcast<BuiltOnce> common, BlockingQueue<Batch> finished) {
    List<RunTask> chunk = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) chunk.add(tasks.apply(i));
    int partitions = (chunk.size() + runsPerTask - 1) / runsPerTask;
    RDD<RunTask> rdd = JavaSparkContext.fromSparkContext(sc).parallelize(chunk, partitions).rdd();
    List<Integer> ids = new ArrayList<>();
    for (int p = 0; p < partitions; p++) ids.add(p);
    @SuppressWarnings({"unchecked", "rawtypes"})
    Seq<Object> partitionIds = (Seq) CollectionConverters.asScala(ids).toSeq();
    return sc.submitJob(rdd, new RunBatch(shipped, common), partitionIds, new Enqueue(finished), new Done());
  }

  /** Throws the failure of a job that failed (a task failed more often than Spark allows, the app was killed). */
  private static void failIfFailed(Deque<SimpleFutureAction<BoxedUnit>> jobs) throws Exception {
    for (SimpleFutureAction<BoxedUnit> job : jobs) {
      if (job.isCompleted() && job.value().get().isFailure()) {
        Throwable cause = job.value().get().failed().get();
        throw new IllegalStateException("the Spark job failed: " + cause.getMessage(), cause);
      }
    }
  }

  /** Throws the error of a run that failed on an executor, as running it here throws it. */
  private static void rethrow(Batch batch, RunWorker worker) throws Exception {
    if (batch.failedTask() != null) worker.run(batch.failedTask()); // throws the same error, placed as locally
    throw new IllegalStateException((batch.failedTask() == null ? "an executor could not build the worker"
        : "run " + batch.failedTask().run() + " failed on a Spark executor") + ": " + batch.failure());
  }

  @Override
  public void close() {
    if (context != null) context.stop();
    context = null;
    shared = null;
    sharedBroadcast = null;
  }

  /**
   * The results of one partition, and what stopped it early if a run threw.
   *
   * @param failedTask the task that threw, or null (also when the worker could not be built)
   * @param failure what it threw, or null if every run of the partition finished
   */
  record Batch(List<RunResult> results, RunTask failedTask, String failure) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /**
   * A recipe or a batch recipe's shared part, broadcast once; what it makes is built once per executor JVM, on
   * first use.
   */
  static final class BuiltOnce implements Serializable {
    private static final long serialVersionUID = 1L;
    private final Serializable recipe; // a RunWorker.Recipe or a RunWorker.Shared
    private transient Object built;

    BuiltOnce(Serializable recipe) {
      this.recipe = recipe;
    }

    /** The worker of a recipe; a batch recipe's from its shared part as {@code common} built it. */
    synchronized RunWorker worker(BuiltOnce common) throws Exception {
      if (built == null) {
        built = recipe instanceof RunWorker.BatchRecipe<?> batch && common != null ? build(batch, common.part())
            : ((RunWorker.Recipe) recipe).build();
      }
      return (RunWorker) built;
    }

    /** What a shared part builds. */
    synchronized Object part() throws Exception {
      if (built == null) built = ((RunWorker.Shared<?>) recipe).build();
      return built;
    }

    @SuppressWarnings("unchecked")
    private static <S> RunWorker build(RunWorker.BatchRecipe<S> batch, Object shared) throws Exception {
      return batch.build((S) shared);
    }
  }

  /** Runs on an executor: a partition's tasks through the executor's worker. */
  static final class RunBatch extends AbstractFunction1<Iterator<RunTask>, Batch> implements Serializable {
    private static final long serialVersionUID = 1L;
    private final Broadcast<BuiltOnce> shipped;
    private final Broadcast<BuiltOnce> common; // a batch recipe's shared part, or null

    RunBatch(Broadcast<BuiltOnce> shipped, Broadcast<BuiltOnce> common) {
      this.shipped = shipped;
      this.common = common;
    }

    @Override
    public Batch apply(Iterator<RunTask> tasks) {
      List<RunResult> results = new ArrayList<>();
      RunWorker worker;
      try {
        worker = shipped.value().worker(common == null ? null : common.value());
      } catch (Exception e) {
        return new Batch(results, null, e.toString());
      }
      while (tasks.hasNext()) {
        RunTask task = tasks.next();
        try {
          results.add(worker.run(task));
        } catch (Exception e) {
          return new Batch(results, task, e.toString());
        }
      }
      return new Batch(results, null, null);
    }
  }

  /** On the driver (never shipped): queues each finished partition for the calling thread. */
  static final class Enqueue extends AbstractFunction2<Object, Batch, BoxedUnit> {
    private final BlockingQueue<Batch> finished;

    Enqueue(BlockingQueue<Batch> finished) {
      this.finished = finished;
    }

    @Override
    public BoxedUnit apply(Object partition, Batch batch) {
      finished.add(batch);
      return BoxedUnit.UNIT;
    }
  }

  /** The job's value once every partition is handed over: nothing, the batches went to the queue. */
  static final class Done extends AbstractFunction0<BoxedUnit> {
    @Override
    public BoxedUnit apply() {
      return BoxedUnit.UNIT;
    }
  }
}
