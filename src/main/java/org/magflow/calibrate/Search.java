package org.magflow.calibrate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.CMAESOptimizer;
import org.magflow.random.RandomStreams;
import org.magflow.sweep.RunExecutor;
import org.magflow.sweep.RunResult;
import org.magflow.sweep.RunTask;
import org.magflow.sweep.RunWorker;
import org.magflow.sweep.SweepPlan;

/**
 * The machinery a calibration and an optimisation share: points evaluated in batches on the sweep's
 * {@link RunExecutor} (each point's replications in parallel, on common random numbers: replication k of every
 * point uses {@code RandomStreams(seed, k)}), each point's numbers journalled and reused when the search meets
 * it again, and a Commons Math optimiser walking the parameters' ranges scaled to [0, 1].
 *
 * <p>Results are gathered in task order, so they do not depend on the thread count; the optimisers draw from
 * {@code RandomStreams(seed, −2)}, which no run uses.
 */
final class Search {
  /** The methods a search may use. */
  static final List<String> METHODS = List.of("cma-es", "bobyqa");
  /** The replication whose streams the optimiser draws from; runs use 0 and up, sweep designs −1. */
  static final int SEARCH_REPLICATION = -2;

  /** Stops a search as a kill would (test hook). */
  static final class Stop extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Stop() {
      super("stopped", null, false, false);
    }
  }

  /** What a search minimises: a point's score from its values and its numbers, replication by replication. */
  @FunctionalInterface
  interface Score {
    double of(JsonNode[] values, double[][] numbers);
  }

  /** One evaluation the optimiser asked for, in order: the values and what they scored. */
  record Evaluation(JsonNode[] values, double score) {}

  private final SweepPlan plan;
  private final int replications;
  private final long seed;
  private final RunExecutor executor;
  private final EvaluationJournal journal;
  private final Function<List<JsonNode[]>, RunWorker> workers;
  private final int stopAfter;
  private final List<Evaluation> trace = new ArrayList<>();
  private int ranNow;

  /**
   * @param workers makes the worker that runs a batch's points (a task's point indexes the list): it returns per
   *     task the numbers one run yields (in {@link RunResult#kpis()}); with a recipe, to run on any executor
   * @param stopAfter for tests: stop as if killed once this many new points have been evaluated (0: never)
   */
  Search(SweepPlan plan, int replications, long seed, RunExecutor executor, EvaluationJournal journal,
         Function<List<JsonNode[]>, RunWorker> workers, int stopAfter) {
    this.plan = plan;
    this.replications = replications;
    this.seed = seed;
    this.executor = executor;
    this.journal = journal;
    this.workers = workers;
    this.stopAfter = stopAfter;
  }

  List<Evaluation> trace() {
    return trace;
  }

  /** Points evaluated by running them in this go (not taken from the journal). */
  int ranNow() {
    return ranNow;
  }

  /** The key a point is journalled under: its values as runs.csv writes them. */
  String key(JsonNode[] values) {
    return plan.settingsText(values);
  }

  /** Each point's numbers, replication by replication; points seen before come from the journal. */
  List<double[][]> evaluate(List<JsonNode[]> points) throws Exception {
    List<JsonNode[]> missing = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (JsonNode[] p : points) {
      String k = key(p);
      if (journal.get(k) == null && !keys.contains(k)) {
        missing.add(p);
        keys.add(k);
      }
    }
    if (!missing.isEmpty()) {
      if (stopAfter > 0 && ranNow + missing.size() > stopAfter) throw new Stop();
      double[][][] numbers = new double[missing.size()][replications][];
      executor.execute(missing.size() * replications,
          i -> new RunTask(i, i / replications, i % replications, seed), workers.apply(List.copyOf(missing)),
          result -> numbers[result.task().point()][result.task().replication()] = result.kpis());
      journal.record(keys, numbers);
      ranNow += missing.size();
    }
    List<double[][]> result = new ArrayList<>();
    for (JsonNode[] p : points) result.add(journal.get(key(p)));
    return result;
  }

  /** The values of a point in [0, 1]^d, scaled to the parameters' ranges. */
  JsonNode[] values(double[] unit) {
    double[] x = new double[unit.length];
    for (int k = 0; k < x.length; k++) x[k] = plan.lower(k) + unit[k] * (plan.upper(k) - plan.lower(k));
    return plan.values(x);
  }

  /** A point's place in [0, 1]^d. */
  double[] unit(double[] x) {
    double[] u = new double[x.length];
    for (int k = 0; k < x.length; k++) {
      double span = plan.upper(k) - plan.lower(k);
      u[k] = span > 0 ? Math.max(0, Math.min(1, (x[k] - plan.lower(k)) / span)) : 0;
    }
    return u;
  }

  /**
   * Minimises a point's {@code score} over the parameters' ranges from {@code start} with at most
   * {@code budget} evaluations; returns the best point evaluated.
   */
  JsonNode[] minimise(String method, double[] start, int budget, Score score)
      throws Exception {
    int d = start.length;
    double[] lower = new double[d];
    double[] upper = new double[d];
    Arrays.fill(upper, 1);
    Exception[] failed = {null};
    JsonNode[][] best = {null};
    double[] bestScore = {Double.POSITIVE_INFINITY};
    ObjectiveFunction objective = new ObjectiveFunction(u -> {
      if (failed[0] != null) return Double.MAX_VALUE;
      try {
        JsonNode[] values = values(u);
        double s = score.of(values, evaluate(java.util.Collections.singletonList(values)).get(0));
        trace.add(new Evaluation(values, s));
        if (s < bestScore[0]) {
          bestScore[0] = s;
          best[0] = values;
        }
        return Double.isFinite(s) ? s : Double.MAX_VALUE;
      } catch (Stop | Error e) {
        throw e;
      } catch (Exception e) {
        failed[0] = e; // an optimiser cannot pass a checked exception on; it ends at the next evaluation
        throw new TooManyEvaluationsException(0);
      }
    });
    try {
      if (method.equals("bobyqa")) {
        new BOBYQAOptimizer(2 * d + 1).optimize(new MaxEval(budget), objective, GoalType.MINIMIZE,
            new InitialGuess(start), new SimpleBounds(lower, upper));
      } else {
        double[] sigma = new double[d];
        Arrays.fill(sigma, 0.3);
        int lambda = 4 + (int) (3 * Math.log(d));
        new CMAESOptimizer(budget, 0, true, 0, 0,
            new RandomStreams(seed, SEARCH_REPLICATION).stream("calibrate/cma-es"), false, null)
            .optimize(new MaxEval(budget), new MaxIter(budget), objective, GoalType.MINIMIZE,
                new InitialGuess(start), new SimpleBounds(lower, upper), new CMAESOptimizer.Sigma(sigma),
                new CMAESOptimizer.PopulationSize(lambda));
      }
    } catch (TooManyEvaluationsException e) {
      // the budget is spent: the best point evaluated is the answer
    }
    if (failed[0] != null) throw failed[0]; // bad input at a point, a full disk: as the run itself would

    return best[0];
  }
}
