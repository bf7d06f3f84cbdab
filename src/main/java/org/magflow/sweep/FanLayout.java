package org.magflow.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.magflow.event.Metrics;
import org.magflow.event.Observation;
import org.magflow.event.SimEvent;
import org.magflow.output.RunRecord;

/**
 * The monthly series of a run that fan charts show, laid out as one fixed-length array per run so that runs can
 * be stored and aggregated across without keeping their events: the price of every commodity in every price
 * zone ({@code price}, USD/kg at the month's last report) and every region's shortage as a percentage of its
 * demand that month ({@code shortage_percent}, all its demand sectors together; 0 in a month without demand).
 *
 * <p>The months run from the base scenario's start to its end; a month a run did not report is NaN and is left
 * out of the aggregates. Series and months come from the base scenario, so every run of a sweep has the same
 * layout whatever its parameters.
 */
final class FanLayout {
  static final String PRICE = "price";
  static final String SHORTAGE_PERCENT = "shortage_percent";
  /** The metrics whose rows {@link #extract} reads. */
  static final Set<String> METRICS = Set.of(Metrics.PRICE, Metrics.DEMAND, Metrics.SHORTAGE);

  /** One series: a metric for a region or price zone and, for prices, a commodity. */
  record Series(String metric, String region, String commodity, String unit) {}

  private final List<Series> series;
  private final YearMonth first;
  private final int months;
  private final Map<String, Integer> priceIndex = new HashMap<>();    // zone + '\0' + commodity; lookup only
  private final Map<String, Integer> shortageIndex = new HashMap<>(); // region; lookup only

  FanLayout(List<Series> series, YearMonth first, int months) {
    this.series = List.copyOf(series);
    this.first = first;
    this.months = months;
    for (int i = 0; i < series.size(); i++) {
      Series s = series.get(i);
      if (s.metric().equals(PRICE)) priceIndex.put(s.region() + '\0' + s.commodity(), i);
      else shortageIndex.put(s.region(), i);
    }
  }

  /** The layout for a resolved base scenario tree. */
  static FanLayout of(JsonNode scenario) {
    List<Series> series = new ArrayList<>();
    TreeSet<String> prices = new TreeSet<>();
    for (JsonNode p : scenario.path("market").path("referencePrices")) {
      prices.add(p.path("zone").asText() + '\0' + p.path("commodity").asText());
    }
    for (String key : prices) {
      String[] zc = key.split("\0", 2);
      series.add(new Series(PRICE, zc[0], zc[1], Metrics.USD_PER_KG));
    }
    TreeSet<String> regions = new TreeSet<>();
    for (JsonNode d : scenario.path("demand")) regions.add(d.path("region").asText());
    for (String r : regions) series.add(new Series(SHORTAGE_PERCENT, r, "", "%"));
    YearMonth first = YearMonth.from(LocalDate.parse(scenario.path("start").asText()));
    YearMonth last = YearMonth.from(LocalDate.parse(scenario.path("end").asText()));
    int months = (int) ChronoUnit.MONTHS.between(first, last) + 1;
    return new FanLayout(series, first, months);
  }

  List<Series> series() {
    return series;
  }

  int months() {
    return months;
  }

  /** The values of one run: {@code series × months} cells. */
  int cells() {
    return series.size() * months;
  }

  /** The last day of month {@code m}, as the time series dates monthly rows. */
  LocalDate date(int m) {
    return first.plusMonths(m).atEndOfMonth();
  }

  /** A run's series, cell {@code s * months + m} for series s and month m; NaN where the run reported none. */
  double[] extract(RunRecord run) {
    double[] cells = new double[cells()];
    Arrays.fill(cells, Double.NaN);
    int regions = shortageIndex.size();
    double[] demand = new double[series.size() * months];
    double[] shortage = new double[series.size() * months];
    boolean[] reported = new boolean[series.size() * months];
    for (SimEvent e : run.events()) {
      if (!(e instanceof Observation o)) continue;
      int m = (int) ChronoUnit.MONTHS.between(first, YearMonth.from(o.date()));
      if (m < 0 || m >= months) continue;
      switch (o.metric()) {
        case Metrics.PRICE -> {
          Integer s = priceIndex.get(o.region() + '\0' + o.commodity());
          if (s != null) cells[s * months + m] = o.value(); // events come in time order: the last report wins
        }
        case Metrics.DEMAND, Metrics.SHORTAGE -> {
          Integer s = shortageIndex.get(o.region());
          if (s == null) continue;
          int cell = s * months + m;
          reported[cell] = true;
          if (o.metric().equals(Metrics.DEMAND)) demand[cell] += o.value();
          else shortage[cell] += o.value();
        }
        default -> { }
      }
    }
    if (regions > 0) {
      for (int cell = 0; cell < cells.length; cell++) {
        if (reported[cell]) cells[cell] = demand[cell] > 0 ? 100.0 * shortage[cell] / demand[cell] : 0.0;
      }
    }
    return cells;
  }
}
