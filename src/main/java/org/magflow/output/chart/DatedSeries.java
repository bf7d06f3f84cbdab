package org.magflow.output.chart;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jfree.data.xy.XYSeries;
import org.magflow.event.Observation;

/** A run's observation rows summed into dated series, one per key (a region, a destination), ready to draw. */
final class DatedSeries {
  private DatedSeries() {}

  /** Sums values by key and date over the rows that pass {@code keep}; keys in order of first appearance. */
  static Map<String, TreeMap<LocalDate, Double>> sum(Collection<Observation> rows, Predicate<Observation> keep,
                                                     Function<Observation, String> key) {
    var map = new LinkedHashMap<String, TreeMap<LocalDate, Double>>();
    for (Observation o : rows) {
      if (keep.test(o)) map.computeIfAbsent(key.apply(o), k -> new TreeMap<>()).merge(o.date(), o.value(), Double::sum);
    }
    return map;
  }

  /** Each key's sum over all dates. */
  static Map<String, Double> totals(Map<String, TreeMap<LocalDate, Double>> series) {
    var totals = new LinkedHashMap<String, Double>();
    series.forEach((k, v) -> totals.put(k, v.values().stream().mapToDouble(Double::doubleValue).sum()));
    return totals;
  }

  /** The keys of {@code present} in the order of {@code order}, then the others as they come. */
  static List<String> ordered(List<String> order, Collection<String> present) {
    var result = new ArrayList<String>();
    for (String k : order) if (present.contains(k)) result.add(k);
    for (String k : present) if (!result.contains(k)) result.add(k);
    return result;
  }

  /** A chart series of the dated values. */
  static XYSeries series(String label, TreeMap<LocalDate, Double> values) {
    XYSeries series = new XYSeries(label, true, false);
    values.forEach((date, v) -> series.add(HouseStyle.millis(date), v));
    return series;
  }

  /** A series over every date, 0 where the run reported nothing (a month without shipments shipped 0 t). */
  static XYSeries filled(String label, TreeMap<LocalDate, Double> values, List<LocalDate> dates) {
    XYSeries series = new XYSeries(label, true, false);
    for (LocalDate date : dates) {
      series.add(HouseStyle.millis(date), values == null ? 0.0 : values.getOrDefault(date, 0.0));
    }
    return series;
  }

  /** The unit the rows are reported in, or {@code fallback} if they give none. */
  static String unit(List<Observation> rows, String fallback) {
    return rows.isEmpty() || rows.get(0).unit().isEmpty() ? fallback : rows.get(0).unit();
  }
}
