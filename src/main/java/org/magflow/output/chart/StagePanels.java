package org.magflow.output.chart;

import static org.magflow.output.chart.ChartText.capitalise;
import static org.magflow.output.chart.DatedSeries.ordered;
import static org.magflow.output.chart.DatedSeries.sum;

import java.awt.Color;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.magflow.event.Observation;

/**
 * One stacked panel per production stage, regions stacked, over one time axis, with the policies marked: the
 * layout of the production-shares and build-out charts, which differ only in what a panel stacks.
 */
final class StagePanels {
  /** The panels, the regions' legend, the policy key and the stages in the order drawn. */
  record Drawn(CombinedDomainXYPlot plot, LegendItemCollection legend, String policyKey, List<String> stages) {}

  private StagePanels() {}

  /**
   * Draws {@code rows} (one metric, with the stage in {@code sector}) by stage and region; as each region's
   * share of the stage's total in % when {@code asShares}, else as the values themselves in {@code unit}.
   */
  static Drawn draw(RunView view, List<Observation> rows, boolean asShares, String unit) {
    ResultData d = view.data();
    HouseStyle style = view.style();
    List<String> stages = rows.stream().map(Observation::sector).distinct().toList();
    List<LocalDate> dates = rows.stream().map(Observation::date).distinct().sorted().toList();
    Map<String, Color> colours = HouseStyle.regionColours(d);
    List<String> regionOrder = d.regions().stream().map(ResultData.Region::id).toList();
    CombinedDomainXYPlot plot = new CombinedDomainXYPlot(view.timeAxis());
    plot.setGap(22);
    var subplots = new ArrayList<XYPlot>();
    Set<String> allRegions = new LinkedHashSet<>();
    for (String stage : stages) {
      Map<String, TreeMap<LocalDate, Double>> byRegion = sum(rows, o -> o.sector().equals(stage), Observation::region);
      List<String> keys = ordered(regionOrder, byRegion.keySet()).stream().filter(view::regionShown).toList();
      allRegions.addAll(keys);
      Map<String, ? extends Map<LocalDate, Double>> values = asShares
          ? shares(byRegion, sum(rows, o -> o.sector().equals(stage), o -> "all").get("all"), keys, dates)
          : byRegion;
      StackedAreas.Stack stack = StackedAreas.stack(keys, values, dates, colours);
      NumberAxis axis = style.valueAxis(asShares ? "%" : unit, true);
      if (asShares) {
        axis.setRange(0, 100);
        axis.setTickUnit(new NumberTickUnit(50, HouseStyle.numberFormat()));
      }
      XYPlot sub = new XYPlot(stack.dataset(), null, axis, stack.renderer());
      style.style(sub);
      sub.addAnnotation(style.panelLabel(capitalise(stage)));
      plot.add(sub, 1);
      subplots.add(sub);
    }
    LegendItemCollection legend =
        StackedAreas.legend(ordered(regionOrder, allRegions), colours, k -> d.region(k).name());
    return new Drawn(plot, legend, view.markPolicies(subplots, true), stages);
  }

  private static Map<String, Map<LocalDate, Double>> shares(Map<String, TreeMap<LocalDate, Double>> byRegion,
      TreeMap<LocalDate, Double> total, List<String> keys, List<LocalDate> dates) {
    var shares = new LinkedHashMap<String, Map<LocalDate, Double>>();
    for (String k : keys) {
      var share = new TreeMap<LocalDate, Double>();
      for (LocalDate date : dates) {
        double t = total.getOrDefault(date, 0.0);
        share.put(date, t > 0 ? 100 * byRegion.get(k).getOrDefault(date, 0.0) / t : 0.0);
      }
      shares.put(k, share);
    }
    return shares;
  }
}
