package org.magflow.output.chart;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.magflow.event.Observation;

/**
 * What a run's charts show, checked against the run (the agents, regions, price zones, commodities and dates
 * the options chose), and the frame every run chart shares: time axis, policy windows, subtitle and source line.
 *
 * @param agents the agents chosen; empty for all
 * @param regions the regions chosen, with those of any price zone chosen; empty for all
 * @param zones the price zones chosen, with those of any region chosen; empty for all
 * @param commodities the commodities chosen; empty for all
 */
record RunView(ResultData data, HouseStyle style, Set<String> agents, Set<String> regions, Set<String> zones,
               List<String> commodities, LocalDate from, LocalDate to) {
  boolean inRange(Observation o) {
    return !o.date().isBefore(from) && !o.date().isAfter(to);
  }

  boolean agentShown(Observation o) {
    return agents.isEmpty() || agents.contains(o.agent());
  }

  boolean regionShown(String region) {
    return regions.isEmpty() || regions.contains(region);
  }

  boolean zoneShown(String zone) {
    return zones.isEmpty() || zones.contains(zone);
  }

  List<LocalDate> dates() {
    return data.dates().stream().filter(d -> !d.isBefore(from) && !d.isAfter(to)).toList();
  }

  /** The commodities to draw among those in {@code rows}, in the scenario's order. */
  List<String> commodities(List<Observation> rows) {
    Set<String> present = rows.stream().map(Observation::commodity).collect(Collectors.toSet());
    var order = new ArrayList<String>();
    for (ResultData.Commodity c : data.commodities()) order.add(c.id());
    for (String c : new TreeSet<>(present)) if (!order.contains(c)) order.add(c);
    return order.stream().filter(present::contains)
        .filter(c -> commodities.isEmpty() || commodities.contains(c)).toList();
  }

  /**
   * The part of {@code data} that {@code o} asks for.
   *
   * @throws ResultInputException if an option names something the run does not have (an agent, region or
   *     commodity), or dates outside the run; the message lists what would be accepted
   */
  static RunView of(ResultData data, ChartOptions o, HouseStyle style) throws ResultInputException {
    Set<String> knownAgents = new TreeSet<>();
    Set<String> knownCommodities = new LinkedHashSet<>();
    for (ResultData.Commodity c : data.commodities()) knownCommodities.add(c.id());
    for (String m : data.metrics()) {
      for (Observation r : data.rows(m)) {
        if (!r.agent().isEmpty()) knownAgents.add(r.agent());
        if (!r.commodity().isEmpty()) knownCommodities.add(r.commodity());
      }
    }
    for (String a : o.agents()) {
      if (!knownAgents.contains(a)) {
        throw new ResultInputException("--agents", "unknown agent '" + a + "'; this run's agents are "
            + String.join(", ", knownAgents));
      }
    }
    Set<String> regions = new LinkedHashSet<>();
    Set<String> zones = new LinkedHashSet<>();
    List<String> knownRegions = data.regions().stream().map(ResultData.Region::id).toList();
    for (String r : o.regions()) {
      if (knownRegions.contains(r)) {
        regions.add(r);
        zones.add(data.region(r).zone());
      } else if (data.zones().contains(r)) {
        zones.add(r);
        data.regions().stream().filter(x -> x.zone().equals(r)).forEach(x -> regions.add(x.id()));
      } else {
        throw new ResultInputException("--regions", "unknown region '" + r + "'; this run's regions are "
            + String.join(", ", knownRegions) + " and its price zones " + String.join(", ", data.zones()));
      }
    }
    for (String c : o.commodities()) {
      if (!knownCommodities.contains(c)) {
        throw new ResultInputException("--commodities", "unknown commodity '" + c + "'; this run's commodities "
            + "are " + String.join(", ", knownCommodities));
      }
    }
    LocalDate from = o.from() == null ? data.start() : o.from();
    LocalDate to = o.to() == null ? data.end() : o.to();
    String span = data.start() + " to " + data.end();
    if (from.isBefore(data.start()) || from.isAfter(data.end())) {
      throw new ResultInputException("--from", from + " is outside the run, which covers " + span);
    }
    if (to.isBefore(data.start()) || to.isAfter(data.end())) {
      throw new ResultInputException("--to", to + " is outside the run, which covers " + span);
    }
    if (!from.isBefore(to)) {
      throw new ResultInputException("--from", "--from " + from + " must be before --to " + to);
    }
    RunView s = new RunView(data, style, Set.copyOf(o.agents()), regions, zones, o.commodities(), from, to);
    if (s.dates().isEmpty()) {
      throw new ResultInputException("--from", "no reporting period ends between " + from + " and " + to
          + "; the run reports at the end of each " + data.period());
    }
    return s;
  }

  /** The time axis of the dates shown. */
  DateAxis timeAxis() {
    return style.timeAxis("End of " + data.period(), from, to);
  }

  /**
   * Shades the run's policy windows on {@code plots}; see {@link HouseStyle#markPolicies}.
   *
   * @return the key to print under the plot, or ""
   */
  String markPolicies(List<XYPlot> plots, boolean overData) {
    return style.markPolicies(plots, HouseStyle.marks(data.policies()), from, to, overData);
  }

  /** A chart of this run, framed in the house style: the subtitle names the scenario, seed and {@code note}. */
  Chart chart(String stem, String title, String note, String caption, Plot plot, LegendItemCollection legend,
              String policyKey) {
    String subtitle = data.scenarioName() + " · seed " + data.seed() + " · " + note;
    JFreeChart chart = style.frame(plot, title, subtitle, source(data), true, legend, policyKey);
    return new Chart(ChartText.safe(stem), title, caption, chart);
  }

  /** The source line: which program, scenario file and seed made the figures. */
  static String source(ResultData d) {
    String file = d.scenarioFile().isEmpty() ? d.scenarioName() : d.scenarioFile();
    return "Source: magflow " + d.magflowVersion() + " simulation · " + file + " · seed " + d.seed()
        + (d.policies().isEmpty() ? "" : " · shaded: policy in force");
  }
}
