package org.magflow.output.chart;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.plot.Plot;

/**
 * What a sweep's charts show, checked against the sweep (the regions, commodities and months the options chose),
 * and the frame every sweep chart shares: the subtitle names the sweep, its design, runs and master seed; the
 * source line the magflow version and the sweep file.
 *
 * @param fanCommodities the commodities with price fans
 * @param fanRegions the regions with shortage fans
 * @param from the first day shown, or null if the sweep has no fan series
 * @param to the last day shown, or null if the sweep has no fan series
 */
record SweepView(SweepData data, HouseStyle style, SweepChartOptions options, Set<String> fanCommodities,
                 Set<String> fanRegions, LocalDate from, LocalDate to) {
  /**
   * The part of {@code d} that {@code o} asks for.
   *
   * @throws ResultInputException if an option names a region or commodity the sweep's fans do not cover, or
   *     dates outside its months
   */
  static SweepView of(SweepData d, SweepChartOptions o, HouseStyle style) throws ResultInputException {
    Set<String> priceZones = new LinkedHashSet<>();
    Set<String> commodities = new LinkedHashSet<>();
    Set<String> shortRegions = new LinkedHashSet<>();
    for (SweepData.FanRow r : d.fan()) {
      if (r.metric().equals(SweepData.PRICE)) {
        priceZones.add(r.region());
        commodities.add(r.commodity());
      } else if (r.metric().equals(SweepData.SHORTAGE_PERCENT)) {
        shortRegions.add(r.region());
      }
    }
    for (String r : o.regions()) {
      if (!priceZones.contains(r) && !shortRegions.contains(r)) {
        throw new ResultInputException("--regions", "unknown region '" + r + "'; this sweep's fan series cover "
            + "regions " + String.join(", ", shortRegions) + " and price zones " + String.join(", ", priceZones));
      }
    }
    for (String c : o.commodities()) {
      if (!commodities.contains(c)) {
        throw new ResultInputException("--commodities", "unknown commodity '" + c + "'; this sweep's price fans "
            + "cover " + String.join(", ", commodities));
      }
    }
    LocalDate first = d.fan().stream().map(SweepData.FanRow::date).min(Comparator.naturalOrder()).orElse(null);
    LocalDate last = d.fan().stream().map(SweepData.FanRow::date).max(Comparator.naturalOrder()).orElse(null);
    LocalDate from = o.from() != null ? o.from() : first == null ? null : first.withDayOfMonth(1);
    LocalDate to = o.to() != null ? o.to() : last;
    if (first != null) {
      String span = first.withDayOfMonth(1) + " to " + last;
      if (from.isBefore(first.withDayOfMonth(1)) || from.isAfter(last)) {
        throw new ResultInputException("--from", from + " is outside the sweep's months, " + span);
      }
      if (to.isBefore(first.withDayOfMonth(1)) || to.isAfter(last)) {
        throw new ResultInputException("--to", to + " is outside the sweep's months, " + span);
      }
      if (!from.isBefore(to)) throw new ResultInputException("--from", "--from " + from + " must be before --to " + to);
    }

    return new SweepView(d, style, o, commodities, shortRegions, from, to);
  }

  /** A chart of this sweep, framed in the house style, its title fitted to one line. */
  Chart chart(String stem, String title, String caption, Plot plot, LegendItemCollection legend, String key) {
    JFreeChart chart = style.frame(plot, title, data.subtitle(), data.source(), legend != null, legend, key);
    HouseStyle.fitTitle(chart);
    return new Chart(ChartText.safe(stem), title, caption, chart);
  }
}
