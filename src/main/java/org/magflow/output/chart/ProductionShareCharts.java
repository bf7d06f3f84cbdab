package org.magflow.output.chart;

import java.util.List;
import org.magflow.event.Metrics;
import org.magflow.event.Observation;

/** Each region's share of each production stage's throughput over time, one stacked panel per stage. */
final class ProductionShareCharts {
  private ProductionShareCharts() {}

  /** One panel per stage of each region's share of its throughput; null if the run reports no throughput. */
  static Chart of(RunView view) {
    ResultData d = view.data();
    List<Observation> rows = d.rows(Metrics.THROUGHPUT).stream().filter(view::inRange).filter(view::agentShown)
        .toList();
    if (rows.isEmpty()) return null;
    StagePanels.Drawn drawn = StagePanels.draw(view, rows, true, "%");
    String caption = "Each region's share of each production stage's throughput (" + String.join(", ", drawn.stages())
        + ") in each " + d.period() + ", in %: who mines, separates and makes magnets, and how that shifts "
        + "when policies bite or new capacity ramps up.";
    return view.chart("production-shares", "Production shares by region and stage", "share of each stage's"
        + " throughput per " + d.period() + ", %", caption, drawn.plot(), drawn.legend(), drawn.policyKey());
  }
}
