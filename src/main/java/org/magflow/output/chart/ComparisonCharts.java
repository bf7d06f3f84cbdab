package org.magflow.output.chart;

import static org.magflow.output.chart.ChartText.lower;
import static org.magflow.output.chart.DatedSeries.series;
import static org.magflow.output.chart.DatedSeries.sum;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeriesCollection;
import org.magflow.event.Metrics;
import org.magflow.event.Observation;

/** Several runs side by side: their price paths overlaid, each run in its own colour and named by scenario. */
public final class ComparisonCharts {
  private final HouseStyle style = new HouseStyle();

  /**
   * Price paths of several runs overlaid, one chart per commodity with a panel per price zone: the
   * side-by-side view of a comparison briefing. Runs are told apart by colour and named by scenario.
   */
  public List<Chart> prices(List<ResultData> runs) {
    if (runs.isEmpty()) return List.of();
    ResultData first = runs.get(0);
    LocalDate from = runs.stream().map(ResultData::start).min(Comparator.naturalOrder()).orElseThrow();
    LocalDate to = runs.stream().map(ResultData::end).max(Comparator.naturalOrder()).orElseThrow();
    List<String> commodities = new ArrayList<>();
    List<String> zones = new ArrayList<>();
    for (ResultData d : runs) {
      for (ResultData.Commodity c : d.commodities()) if (!commodities.contains(c.id())) commodities.add(c.id());
      for (String z : d.zones()) if (!zones.contains(z)) zones.add(z);
    }
    List<String> names = runLabels(runs);
    var charts = new ArrayList<Chart>();
    for (String c : commodities) {
      DateAxis time = style.timeAxis("End of " + first.period(), from, to);
      CombinedDomainXYPlot plot = new CombinedDomainXYPlot(time);
      plot.setGap(28);
      var subplots = new ArrayList<XYPlot>();
      LegendItemCollection legend = new LegendItemCollection();
      for (String z : zones) {
        var dataset = new XYSeriesCollection();
        XYLineAndShapeRenderer r = HouseStyle.lines();
        int i = 0;
        for (int run = 0; run < runs.size(); run++) {
          Map<String, TreeMap<LocalDate, Double>> prices = sum(runs.get(run).rows(Metrics.PRICE),
              o -> o.commodity().equals(c) && o.region().equals(z), Observation::region);
          if (!prices.containsKey(z)) continue;
          dataset.addSeries(series(names.get(run), prices.get(z)));
          r.setSeriesPaint(i, HouseStyle.RUN_COLOURS.get(run % HouseStyle.RUN_COLOURS.size()));
          r.setSeriesStroke(i++, HouseStyle.LINE);
        }
        if (dataset.getSeriesCount() == 0) continue;
        XYPlot sub = new XYPlot(dataset, null, style.valueAxis("USD/kg", true), r);
        style.style(sub);
        sub.addAnnotation(style.panelLabel(HouseStyle.zoneName(z)));
        plot.add(sub, 1);
        subplots.add(sub);
      }
      if (subplots.isEmpty()) continue;
      for (int run = 0; run < runs.size(); run++) {
        LegendItem item = new LegendItem(names.get(run), null, null, null,
            new java.awt.geom.Line2D.Double(-22, 0, 22, 0), HouseStyle.LINE,
            HouseStyle.RUN_COLOURS.get(run % HouseStyle.RUN_COLOURS.size()));
        legend.add(item);
      }
      String key = style.markPolicies(subplots, comparisonMarks(runs, names), from, to, false);
      String name = first.commodity(c).name();
      String title = name + ": price by zone, " + runs.size() + " scenarios";
      String subtitle = names.stream().collect(Collectors.joining(" vs ")) + " · one panel per price zone";
      String source = "Source: magflow " + runs.stream().map(ResultData::magflowVersion).distinct()
          .collect(Collectors.joining("/")) + " simulations · " + runs.stream()
          .map(d -> d.scenarioName() + " (seed " + d.seed() + ")").collect(Collectors.joining(", "))
          + " · shaded: policy in force";
      JFreeChart chart = style.frame(plot, title, subtitle, source, true, legend, key);
      charts.add(new Chart("compare-price-" + c, title, "End-of-" + first.period() + " price of " + lower(name)
          + " in each price zone, one line per scenario; each scenario's policy windows are shaded and labelled "
          + "with its name.", chart));
    }
    return charts;
  }

  /**
   * The policies of several runs, each once, by the names readers see: a policy that not every run has is
   * labelled with the runs that do ("April 2025 licences (april, embargo)").
   */
  private static List<HouseStyle.Mark> comparisonMarks(List<ResultData> runs, List<String> names) {
    var holders = new LinkedHashMap<List<Object>, List<String>>();
    for (int i = 0; i < runs.size(); i++) {
      for (ResultData.PolicyWindow p : runs.get(i).policies()) {
        holders.computeIfAbsent(java.util.Arrays.asList(p.title(), p.start(), p.end()), k -> new ArrayList<>())
            .add(names.get(i));
      }
    }
    var marks = new ArrayList<HouseStyle.Mark>();
    holders.forEach((k, who) -> marks.add(new HouseStyle.Mark(k.get(0) + (who.size() == runs.size() ? ""
        : " (" + String.join(", ", who) + ")"), (LocalDate) k.get(1), (LocalDate) k.get(2))));
    return marks;
  }

  /**
   * Run names for legends: scenario names, with the folder added where two runs share a scenario name (its whole
   * path where two folders share a name too, as {@code a/x} and {@code b/x}).
   */
  public static List<String> runLabels(List<ResultData> runs) {
    var labels = new ArrayList<String>();
    for (ResultData d : runs) {
      long same = runs.stream().filter(x -> x.scenarioName().equals(d.scenarioName())).count();
      boolean folderShared = runs.stream().filter(x -> x.scenarioName().equals(d.scenarioName())
          && x.dir().getFileName().equals(d.dir().getFileName())).count() > 1;
      labels.add(same > 1 ? d.scenarioName() + " (" + (folderShared ? d.dir() : d.dir().getFileName()) + ", seed "
          + d.seed() + ")" : d.scenarioName());
    }
    return labels;
  }
}
