package org.magflow.calibrate;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.YearMonth;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.magflow.backtest.Comparison;
import org.magflow.backtest.SeriesMap;
import org.magflow.event.SimEvent;
import org.magflow.run.ScenarioRun;
import org.magflow.sweep.RunResult;
import org.magflow.sweep.RunTask;
import org.magflow.sweep.RunWorker;
import org.magflow.sweep.ShippedPlan;
import org.magflow.sweep.SweepPlan;

/**
 * A calibration's worker for one batch of points: runs a point's scenario and keeps its simulated series, month
 * by month, as its numbers (series after series, in {@link RunResult#kpis()}).
 *
 * @param points the batch's points; a task's point indexes them
 */
record SeriesWorker(SweepPlan sweep, List<SeriesMap> series, List<YearMonth> months, List<JsonNode[]> points)
    implements RunWorker {
  @Override
  public RunResult run(RunTask task) throws Exception {
    Set<String> metrics = new HashSet<>();
    for (SeriesMap s : series) metrics.add(s.simulated().metric());
    List<SimEvent> events = new ScenarioRun().simulate(sweep.scenarioAt(points.get(task.point())),
        sweep.baseFile().getFileName().toString(), task.seed(), task.replication(), metrics::contains).events();
    double[] cells = new double[series.size() * months.size()];
    int s = 0;
    for (SeriesMap m : series) {
      System.arraycopy(Comparison.simulated(events, m.simulated(), months), 0, cells, s++ * months.size(),
          months.size());
    }
    return new RunResult(task, cells, new double[0]);
  }

  @Override
  public Recipe recipe() {
    return new Shipped(sweep.shipped(), List.copyOf(series), List.copyOf(months), SweepPlan.pointsText(points));
  }

  /** The worker as shipped: the plan (built once per machine for all batches), the series, the batch's points. */
  record Shipped(ShippedPlan plan, List<SeriesMap> series, List<YearMonth> months, String points)
      implements RunWorker.BatchRecipe<SweepPlan> {
    private static final long serialVersionUID = 1L;

    @Override
    public Shared<SweepPlan> shared() {
      return plan;
    }

    @Override
    public RunWorker build(SweepPlan built) {
      return new SeriesWorker(built, series, months, built.points(points));
    }
  }
}
