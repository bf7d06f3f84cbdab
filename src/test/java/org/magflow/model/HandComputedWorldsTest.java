package org.magflow.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.magflow.model.TinyWorld.audits;
import static org.magflow.model.TinyWorld.rows;
import static org.magflow.model.TinyWorld.total;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.magflow.event.ConservationAudit;
import org.magflow.event.Metrics;
import org.magflow.event.Observation;
import org.magflow.event.SimEvent;

/**
 * Tiny worlds whose outputs are worked out by hand here, from the model's stated rules (README, "How the model
 * works"), not by calling the code under test: one producer and one buyer, a seller behind a tariff, a buyer with
 * no supplier at all. Each expected figure says where it comes from.
 */
class HandComputedWorldsTest {
  private static final double DAYS_PER_YEAR = 365.2425; // the model's year, as SimCalendar counts it

  private static double tonnes(double perYear, int days) {
    return perYear * days / DAYS_PER_YEAR;
  }

  private static double shipped(List<SimEvent> events, String from, String to) {
    double sum = 0;
    for (Observation o : rows(events, o -> o.metric().equals(Metrics.SHIPPED) && o.region().equals(from)
        && o.partner().equals(to))) {
      sum += o.value();
    }
    return sum;
  }

  @Test
  void oneProducerOneBuyer_overASeaRoute_deliversTheBuyersDemand_andKeepsThirtyDaysAtSea() {
    // a 1,200 t/yr mine in A, a 730 t/yr buyer in B, 30 days apart; a year of warm-up settles stocks
    TinyWorld w = new TinyWorld().regions("A", "B").transit("A", "B", 30)
        .producer("mine", "A", CapacitySchedule.constant(1200), 100, 14)
        .sector("b", "B", 730, 50, false, 60, 30);
    w.warmupDays = 365;
    w.clock = new SupplyChain.Clock(1, 1, 1, SupplyChain.Reporting.MONTHLY); // daily: lots of one day's need
    List<SimEvent> events = w.run();
    // 2025 has 365 days: demand 730 × 365 / 365.2425 = 729.515 t, all of it met
    assertEquals(729.515, total(events, Metrics.DEMAND, "b"), 0.001);
    assertEquals(0, total(events, Metrics.SHORTAGE, "b"), 1e-9);
    // steady trade of 730 / 365.2425 = 1.9987 t/day over a 30-day route: at the end the lots sold on the last 29
    // days are at sea (the one sold 30 days before the end arrives on the last day): 29 × 1.9987 = 57.96 t
    ConservationAudit a = audits(events).get(0);
    assertEquals(29 * 730 / DAYS_PER_YEAR, a.inTransitItems(), 0.05);
  }

  @Test
  void aSellerBehindATariff_losesTheBuyerToAnUntaxedSellerAtTheSamePrice_andNoOneElse() {
    // two identical 1,000 t/yr mines in A and C, same reference price, free freight: a buyer in B and one in D
    TinyWorld base = new TinyWorld().regions("A", "B", "C", "D")
        .producer("a", "A", CapacitySchedule.constant(1000), 50, 14)
        .producer("c", "C", CapacitySchedule.constant(1000), 50, 14)
        .sector("b", "B", 365.2425, 50, false, 30, 30)
        .sector("d", "D", 365.2425, 50, false, 30, 30);
    base.warmupDays = 365;
    List<SimEvent> free = base.run();
    List<SimEvent> taxed = base.tariff("B", "A", 0.2).run();
    // a buyer takes 1 t/day; 2025 has 365 days. Untaxed, A and C cost the same and together supply B's 365 t
    assertEquals(365, shipped(free, "A", "B") + shipped(free, "C", "B"), 8);
    // a 20% tariff on A → B makes C the cheaper source: B buys (almost) all of its 365 t from C, none from A
    assertEquals(0, shipped(taxed, "A", "B"), 1e-9);
    assertEquals(365, shipped(taxed, "C", "B"), 8);
    assertTrue(shipped(free, "A", "B") > 100, "without the tariff A sells to B: " + shipped(free, "A", "B") + " t");
    // control: D is not taxed, so its trade with A is as it was
    assertEquals(shipped(free, "A", "D"), shipped(taxed, "A", "D"), 0.02 * 365);
    assertEquals(0, total(taxed, Metrics.SHORTAGE, "b"), 1e-9);
  }

  @Test
  void aBuyerWithNoSupplier_pricedAtTheCap_wantsTenToTheMinusElasticityOfItsDemand() {
    // no producer at all: every order goes unfilled, the zone's price climbs to the rule's 10x cap during the
    // warm-up and stays there; demand = base × 10^(−0.1) = 0.7943282347 × base, none of it met
    TinyWorld w = new TinyWorld().regions("A").sector("b", "A", 1000, 50, false, 0, 30);
    w.warmupDays = 365;
    w.elasticity = 0.1;
    List<SimEvent> events = w.run();
    int[] days = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    List<Observation> demand = rows(events, Metrics.DEMAND, "b");
    assertEquals(12, demand.size());
    for (int m = 0; m < 12; m++) {
      double expected = tonnes(1000, days[m]) * 0.7943282347;
      assertEquals(expected, demand.get(m).value(), 1e-9 * expected, demand.get(m)::toString);
    }
    assertEquals(total(events, Metrics.DEMAND, "b"), total(events, Metrics.SHORTAGE, "b"), 1e-9);
    for (Observation p : rows(events, o -> o.metric().equals(Metrics.PRICE))) {
      assertEquals(10 * TinyWorld.REFERENCE_USD_PER_KG, p.value(), 1e-9, p::toString);
    }
  }

  @Test
  void substitution_atTheCap_closesTheGapToItsCeilingByExpOfMinusYearsOverTheLag() {
    // threshold 1.5x, ceiling 30%, 10%/yr: at a 10x price the target is the ceiling and the lag 0.3/0.1 = 3 years,
    // so the gap to 30% shrinks by exp(−t/3) over any t years: from the end of January to the end of December
    // (334 days) by exp(−334 / 365.2425 / 3) = 0.737 — whatever it was when the price first reached the cap
    TinyWorld w = new TinyWorld().regions("A").sector("b", "A", 1000, 50, false, 0, 30);
    w.warmupDays = 365;
    w.demandResponse = new DemandSector.DemandResponse(1.5, 0.3, 0.1, 0);
    List<Observation> share = rows(w.run(), Metrics.SUBSTITUTION, "b");
    double january = share.get(0).value();
    double december = share.get(11).value();
    assertTrue(january > 0.05 && january < 0.3, "substituted by January: " + january);
    assertEquals(Math.exp(-334 / DAYS_PER_YEAR / 3), (0.3 - december) / (0.3 - january), 0.005);
  }
}
