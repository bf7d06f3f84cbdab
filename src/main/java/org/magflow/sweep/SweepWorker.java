package org.magflow.sweep;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import com.fasterxml.jackson.databind.JsonNode;
import org.magflow.output.Kpis;
import org.magflow.output.RunRecord;
import org.magflow.output.RunSummary;
import org.magflow.run.ScenarioRun;
import org.magflow.scenario.ScenarioSpec;

/**
 * Runs one task of a plan in this JVM: builds the point's scenario, runs it (and its no-policy
 * counterfactual when it has policies) on a fresh model with {@code RandomStreams(seed, replication)}, and keeps
 * the KPIs and fan series; the events are dropped when the task returns.
 *
 * <p>Counterfactuals are shared: points that differ only in their policies (a policy sweep) have the same
 * counterfactual for a replication, so it is run once and reused while it is among the few most recently used.
 * A counterfactual is a pure function of its scenario and replication, so sharing it changes no result.
 */
final class SweepWorker implements RunWorker {
  private final SweepPlan plan;
  private final String scenarioFile;
  private final Counterfactuals counterfactuals;
  private final List<JsonNode[]> points; // null: the design's points

  SweepWorker(SweepPlan plan, int cachedCounterfactuals) {
    this(plan, cachedCounterfactuals, null);
  }

  /** A worker whose task's point indexes {@code points}, the values a search chose, instead of the design. */
  SweepWorker(SweepPlan plan, int cachedCounterfactuals, List<JsonNode[]> points) {
    this.plan = plan;
    this.scenarioFile = plan.spec().base().toString();
    this.counterfactuals = new Counterfactuals(cachedCounterfactuals);
    this.points = points;
  }

  /** The plan, and a search's points with it: the worker is built again elsewhere from them. */
  @Override
  public Recipe recipe() {
    return new ShippedSweep(plan.shipped(), counterfactuals.capacity,
        points == null ? null : SweepPlan.pointsText(points));
  }

  @Override
  public RunResult run(RunTask task) throws Exception {
    SweepPlan.PointScenario point = points == null ? plan.scenario(task.point())
        : plan.scenario(points.get(task.point()), "at " + plan.settingsText(points.get(task.point())));
    ScenarioSpec spec = point.spec();
    ScenarioRun runner = new ScenarioRun();
    RunRecord run = runner.simulate(spec, scenarioFile, task.seed(), task.replication(), SweepWorker::kept);
    RunRecord counterfactual = null;
    if (!spec.policies().isEmpty()) {
      var withoutPolicies = point.tree().deepCopy();
      withoutPolicies.remove("policies");
      String key = SweepPlan.sha256(withoutPolicies.toString().getBytes(StandardCharsets.UTF_8)) + "/"
          + task.seed() + "/" + task.replication();
      counterfactual = counterfactuals.get(key, () ->
          new ScenarioRun().simulate(spec.withPolicies(List.of()), scenarioFile, task.seed(), task.replication(),
              SweepWorker::kept));
    }
    RunSummary summary = Kpis.compute(run, counterfactual);
    if (!summary.conserved()) {
      throw new IllegalStateException("material is not conserved in run " + task.run() + " (point " + task.point()
          + ", replication " + task.replication() + "); this is a bug in magflow: " + summary.conservation());
    }
    List<Kpi> kpis = plan.kpis();
    double[] values = new double[kpis.size()];
    for (int k = 0; k < values.length; k++) values[k] = kpis.get(k).value(summary);
    return new RunResult(task, values, plan.fan().extract(run));
  }

  /**
   * Whether a sweep run keeps the rows of this metric: those its KPIs and fan series read. A run builds no other
   * rows: a fifth of the baseline's allocation and a tenth of its time.
   */
  private static boolean kept(String metric) {
    return Kpis.METRICS.contains(metric) || FanLayout.METRICS.contains(metric);
  }

  /** The most recently used counterfactual runs, each computed once even when asked for by several threads. */
  static final class Counterfactuals {
    private final int capacity;
    private final Map<String, CompletableFuture<RunRecord>> recent;

    Counterfactuals(int capacity) {
      this.capacity = capacity;
      this.recent = new LinkedHashMap<>(16, 0.75f, true);
    }

    RunRecord get(String key, Supplier<RunRecord> compute) throws Exception {
      if (capacity <= 0) return compute.get();
      CompletableFuture<RunRecord> future;
      boolean mine = false;
      synchronized (this) {
        future = recent.get(key);
        if (future == null) {
          future = new CompletableFuture<>();
          recent.put(key, future);
          mine = true;
          while (recent.size() > capacity) {
            var eldest = recent.keySet().iterator().next();
            recent.remove(eldest);
          }
        }
      }
      if (mine) {
        try {
          future.complete(compute.get());
        } catch (RuntimeException | Error e) {
          future.completeExceptionally(e);
          synchronized (this) {
            recent.remove(key, future);
          }
          throw e;
        }
      }
      try {
        return future.get();
      } catch (ExecutionException e) {
        if (e.getCause() instanceof Exception ex) throw ex;
        throw e;
      }
    }
  }
}
