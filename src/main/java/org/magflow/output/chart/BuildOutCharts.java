package org.magflow.output.chart;

import java.util.List;
import org.magflow.event.Metrics;
import org.magflow.event.Observation;

/**
 * The build-out outside China: installed capacity by stage, stacked by region, over time. Drawn for runs with
 * an investment pipeline, where it answers "how much capacity does this bring, and when?".
 */
final class BuildOutCharts {
  /** China's plants are left out: at several times the rest together, they would flatten the build-out. */
  private static final String CHINA = "CN";

  private BuildOutCharts() {}

  /** One panel per stage; null for a run without projects or without capacity outside China. */
  static Chart of(RunView view) {
    ResultData d = view.data();
    if (d.scenario().path("projects").size() == 0) return null;
    List<Observation> rows = d.rows(Metrics.CAPACITY).stream().filter(view::inRange).filter(view::agentShown)
        .filter(o -> !o.region().equals(CHINA)).toList();
    if (rows.isEmpty()) return null;
    StagePanels.Drawn drawn = StagePanels.draw(view, rows, false, "t/yr");
    String caption = "Installed capacity outside China at each production stage, by region, in tonnes a year"
        + " (of concentrate mined, feed separated, magnets made, scrap recycled): what the investment pipeline"
        + " builds, and when; projects.csv gives each project's dates.";
    return view.chart("build-out", "Capacity outside China by stage", "installed capacity, t/yr", caption,
        drawn.plot(), drawn.legend(), drawn.policyKey());
  }
}
