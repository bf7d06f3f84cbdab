package org.magflow.output.chart;

import static org.magflow.output.chart.ChartText.capitalise;
import static org.magflow.output.chart.DatedSeries.ordered;
import static org.magflow.output.chart.DatedSeries.sum;

import java.awt.Color;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
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
    HouseStyle style = view.style();
    List<LocalDate> dates = rows.stream().map(Observation::date).distinct().sorted().toList();
    Map<String, Color> colours = HouseStyle.regionColours(d);
    List<String> regionOrder = d.regions().stream().map(ResultData.Region::id).toList();
    DateAxis time = view.timeAxis();
    CombinedDomainXYPlot plot = new CombinedDomainXYPlot(time);
    plot.setGap(22);
    var subplots = new ArrayList<XYPlot>();
    Set<String> allRegions = new LinkedHashSet<>();
    for (String stage : rows.stream().map(Observation::sector).distinct().toList()) {
      Map<String, TreeMap<LocalDate, Double>> byRegion = sum(rows, o -> o.sector().equals(stage), Observation::region);
      List<String> keys = ordered(regionOrder, byRegion.keySet()).stream().filter(view::regionShown).toList();
      allRegions.addAll(keys);
      StackedAreas.Stack stack = StackedAreas.stack(keys, byRegion, dates, colours);
      XYPlot sub = new XYPlot(stack.dataset(), null, style.valueAxis("t/yr", true), stack.renderer());
      style.style(sub);
      sub.addAnnotation(style.panelLabel(capitalise(stage)));
      plot.add(sub, 1);
      subplots.add(sub);
    }
    String key = view.markPolicies(subplots, true);
    String caption = "Installed capacity outside China at each production stage, by region, in tonnes a year"
        + " (of concentrate mined, feed separated, magnets made, scrap recycled): what the investment pipeline"
        + " builds, and when; projects.csv gives each project's dates.";
    return view.chart("build-out", "Capacity outside China by stage", "installed capacity, t/yr", caption, plot,
        StackedAreas.legend(ordered(regionOrder, allRegions), colours, k -> d.region(k).name()), key);
  }
}
