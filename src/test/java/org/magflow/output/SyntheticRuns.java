package org.magflow.output;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.magflow.event.ConservationAudit;
import org.magflow.event.Metrics;
import org.magflow.event.Observation;
import org.magflow.event.PolicyChange;
import org.magflow.event.PriceReference;
import org.magflow.event.SimEvent;

/**
 * Hand-built runs with known KPIs: six monthly periods (January to June 2025), a US shortage episode from
 * March to May, an ex-China price spike to 6× reference in April, and Chinese magnet exports to the US cut
 * against a counterfactual that ships 100 t a month.
 */
final class SyntheticRuns {
  static final String MAGNET = "ndfeb_magnet";
  static final LocalDate JAN = LocalDate.of(2025, 1, 31);
  static final LocalDate FEB = LocalDate.of(2025, 2, 28);
  static final LocalDate MAR = LocalDate.of(2025, 3, 31);
  static final LocalDate APR = LocalDate.of(2025, 4, 30);
  static final LocalDate MAY = LocalDate.of(2025, 5, 31);
  static final LocalDate JUN = LocalDate.of(2025, 6, 30);
  static final List<LocalDate> MONTHS = List.of(JAN, FEB, MAR, APR, MAY, JUN);

  // February's 0.5 t is 0.5% of demand, under the 1% threshold, so it is not a month in shortage.
  static final double[] US_EV_SHORTAGE = {0, 0.5, 20, 40, 10, 0};
  static final double[] US_DEFENCE_SHORTAGE = {0, 0, 0, 5, 0, 0};
  static final double[] EX_CHINA_PRICE = {50, 60, 150, 300, 200, 120};
  static final double[] CHINA_PRICE = {50, 48, 45, 40, 45, 50};
  static final double[] CHINA_TO_US = {100, 100, 30, 10, 50, 90};

  private SyntheticRuns() {}

  /** The shocked run. */
  static RunRecord shocked() {
    var events = new ArrayList<SimEvent>();
    events.add(new PriceReference("ex_china", MAGNET, 50, 500));
    events.add(new PriceReference("china", MAGNET, 50, 500));
    for (int i = 0; i < MONTHS.size(); i++) {
      LocalDate d = MONTHS.get(i);
      if (d.equals(APR)) events.add(new PolicyChange(LocalDate.of(2025, 4, 1), "april-licences", "licence", true));
      if (d.equals(JUN)) events.add(new PolicyChange(LocalDate.of(2025, 6, 1), "april-licences", "licence", false));
      events.addAll(demand(d, "us_ev", "us", "ev", 100, US_EV_SHORTAGE[i]));
      events.addAll(demand(d, "us_defence", "us", "defence", 10, US_DEFENCE_SHORTAGE[i]));
      events.addAll(demand(d, "china_ev", "china", "ev", 200, 0));
      events.add(price(d, "ex_china", EX_CHINA_PRICE[i]));
      events.add(price(d, "china", CHINA_PRICE[i]));
      events.add(shipped(d, "china", "us", CHINA_TO_US[i]));
      events.add(shipped(d, "china", "japan", 50));
      events.add(shipped(d, "china", "china", 500)); // domestic: never an export
      events.add(throughput(d, "china", "mining", 70));
      events.add(throughput(d, "us", "mining", 20));
      events.add(throughput(d, "australia", "mining", 10));
    }
    events.add(new ConservationAudit(MAGNET, 100, 1000, 0, 900, 0, 50, 150));
    return new RunRecord("synthetic", "scenarios/synthetic.yaml", 42, events);
  }

  /** The same scenario without policies: 100 t a month to the US, and 10 t a month to the EU. */
  static RunRecord counterfactual() {
    var events = new ArrayList<SimEvent>();
    events.add(new PriceReference("ex_china", MAGNET, 50, 500));
    for (LocalDate d : MONTHS) {
      events.add(shipped(d, "china", "us", 100));
      events.add(shipped(d, "china", "japan", 50));
      events.add(shipped(d, "china", "eu", 10));
      events.add(shipped(d, "china", "china", 500));
    }
    events.add(new ConservationAudit(MAGNET, 100, 1000, 0, 900, 0, 50, 150));
    return new RunRecord("synthetic", "scenarios/synthetic.yaml", 42, events);
  }

  static RunRecord run(List<SimEvent> events) {
    return new RunRecord("test", "", 1, events);
  }

  /** The last day of the month {@code i} months after January 2025. */
  static LocalDate monthEnd(int i) {
    return YearMonth.of(2025, 1).plusMonths(i).atEndOfMonth();
  }

  static List<Observation> demand(LocalDate d, String agent, String region, String sector, double demand,
                                  double shortage) {
    return List.of(
        new Observation(d, Metrics.DEMAND, agent, region, "", MAGNET, sector, demand, Metrics.TONNES),
        new Observation(d, Metrics.SHORTAGE, agent, region, "", MAGNET, sector, shortage, Metrics.TONNES));
  }

  static Observation price(LocalDate d, String zone, double usdPerKg) {
    return new Observation(d, Metrics.PRICE, "", zone, "", MAGNET, "", usdPerKg, Metrics.USD_PER_KG);
  }

  static Observation shipped(LocalDate d, String from, String to, double tonnes) {
    return new Observation(d, Metrics.SHIPPED, "", from, to, MAGNET, "", tonnes, Metrics.TONNES);
  }

  static Observation throughput(LocalDate d, String region, String stage, double tonnes) {
    return new Observation(d, Metrics.THROUGHPUT, region + "_" + stage, region, "", "", stage, tonnes,
        Metrics.TONNES);
  }
}
