package org.magflow.run;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.magflow.event.Observation;
import org.magflow.event.PriceReference;
import org.magflow.output.RunRecord;

/** Reads series out of a run's events, for tests. */
record RunSeries(RunRecord run) {

  Stream<Observation> rows() {
    return run.events().stream().filter(Observation.class::isInstance).map(Observation.class::cast);
  }

  /** The sum of {@code metric} over rows that pass {@code filter} with dates in [from, to]. */
  double sum(String metric, Predicate<Observation> filter, LocalDate from, LocalDate to) {
    return rows().filter(o -> o.metric().equals(metric) && filter.test(o))
        .filter(o -> !o.date().isBefore(from) && !o.date().isAfter(to))
        .mapToDouble(Observation::value).sum();
  }

  /** Monthly values of {@code metric} summed over rows that pass {@code filter}, in date order. */
  List<double[]> monthly(String metric, Predicate<Observation> filter) {
    return rows().filter(o -> o.metric().equals(metric) && filter.test(o))
        .collect(java.util.stream.Collectors.groupingBy(Observation::date, java.util.TreeMap::new,
            java.util.stream.Collectors.summingDouble(Observation::value)))
        .entrySet().stream().map(e -> new double[] {e.getKey().toEpochDay(), e.getValue()}).toList();
  }

  /** The value of {@code metric} on {@code date} summed over rows that pass {@code filter}. */
  double at(String metric, Predicate<Observation> filter, LocalDate date) {
    return sum(metric, filter, date, date);
  }

  double referencePrice(String zone, String commodity) {
    return reference(zone, commodity).usdPerKg();
  }

  /** The highest price the run's rule allows for {@code commodity} in {@code zone}. */
  double capPrice(String zone, String commodity) {
    return reference(zone, commodity).capUsdPerKg();
  }

  private PriceReference reference(String zone, String commodity) {
    return run.events().stream().filter(PriceReference.class::isInstance).map(PriceReference.class::cast)
        .filter(p -> p.zone().equals(zone) && p.commodity().equals(commodity)).findFirst().orElseThrow();
  }

  static Predicate<Observation> region(String region) {
    return o -> o.region().equals(region);
  }

  static Predicate<Observation> commodity(String commodity) {
    return o -> o.commodity().equals(commodity);
  }

  /** Shipments from one region to another (not domestic). */
  static Predicate<Observation> lane(String from, String to, String commodity) {
    return o -> o.region().equals(from) && o.partner().equals(to) && o.commodity().equals(commodity);
  }

  /** Shipments from a region to every other region. */
  static Predicate<Observation> exportsFrom(String from, String commodity) {
    return o -> o.region().equals(from) && !o.partner().equals(from) && o.commodity().equals(commodity);
  }
}
