package org.magflow.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.magflow.model.TinyWorld.audits;
import static org.magflow.model.TinyWorld.rows;
import static org.magflow.model.TinyWorld.sum;
import static org.magflow.model.TinyWorld.total;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.magflow.event.ConservationAudit;
import org.magflow.event.Metrics;
import org.magflow.event.Observation;
import org.magflow.event.PolicyChange;
import org.magflow.event.PriceReference;
import org.magflow.event.SimEvent;
import org.magflow.random.RandomStreams;
import org.magflow.units.SimCalendar;
import org.magflow.units.Units;

/**
 * Whole-chain behaviour of small supply chains built with the public constructors (see {@link TinyWorld}).
 * Rates: 100 t/yr is 100 / 365.2425 = 0.273790 t/day; a 365-day year of it is 99.9337 t.
 */
class SupplyChainTest {
  private static final LocalDate JAN = LocalDate.of(2025, 1, 31);
  private static final LocalDate FEB = LocalDate.of(2025, 2, 28);
  private static final LocalDate MAR = LocalDate.of(2025, 3, 31);
  private static final LocalDate APR = LocalDate.of(2025, 4, 30);
  private static final LocalDate MAY = LocalDate.of(2025, 5, 31);
  private static final LocalDate JUN = LocalDate.of(2025, 6, 30);
  private static final LocalDate JUL = LocalDate.of(2025, 7, 31);
  private static final LocalDate AUG = LocalDate.of(2025, 8, 31);

  /** Tonnes over the 365 days of 2025 at {@code tonnesPerYear}. */
  private static double in2025(double tonnesPerYear) {
    return tonnesPerYear * 365 / Units.DAYS_PER_YEAR;
  }

  private static double value(List<SimEvent> events, String metric, String agent, LocalDate date) {
    List<Observation> r = rows(events, o -> o.metric().equals(metric) && o.agent().equals(agent) && o.date().equals(date));
    assertEquals(1, r.size(), metric + " " + agent + " " + date);
    return r.get(0).value();
  }

  private static List<Observation> shipped(List<SimEvent> events, String from, String to) {
    return rows(events, o -> o.metric().equals(Metrics.SHIPPED) && o.region().equals(from) && o.partner().equals(to));
  }

  private static double shippedOn(List<SimEvent> events, String from, String to, LocalDate date) {
    return sum(rows(events, o -> o.metric().equals(Metrics.SHIPPED) && o.region().equals(from)
        && o.partner().equals(to) && o.date().equals(date)));
  }

  private static void assertBalanced(List<SimEvent> events) {
    List<ConservationAudit> audits = audits(events);
    assertFalse(audits.isEmpty(), "no conservation audit");
    for (ConservationAudit a : audits) {
      assertTrue(a.balanced(), a::toString);
      assertEquals(0, a.residual(), 1e-9 * Math.max(1, a.initial() + a.produced()), a::toString);
    }
  }

  // ---------------------------------------------------------------- worlds

  /** One region; 120 t/yr of capacity against two 100 t/yr lost-demand sectors of priority 100 and 10. */
  private static TinyWorld shortOneRegion() {
    TinyWorld w = new TinyWorld().regions("A")
        .producer("mine", "A", CapacitySchedule.constant(120), 0, 14)
        .sector("hi", "A", 100, 100, false, 100 * 30 / 365.0, 30)
        .sector("lo", "A", 100, 10, false, 100 * 30 / 365.0, 30);
    w.warmupDays = 365;
    return w;
  }

  /**
   * 200 t/yr of capacity, fully out from 1 March to 1 May 2025 (days 59–120), against a 100 t/yr backlog
   * sector "def" and a 50 t/yr lost-demand sector "ev", both priority 100, each with 30 days of stock.
   */
  private static TinyWorld outage() {
    return new TinyWorld().regions("A")
        .producer("mine", "A", new CapacitySchedule(new double[] {Double.NEGATIVE_INFINITY}, new double[] {200},
            new double[] {59}, new double[] {120}, new double[] {0}), 0, 14)
        .sector("def", "A", 100, 100, true, 100 * 30 / 365.0, 30)
        .sector("ev", "A", 50, 100, false, 50 * 30 / 365.0, 30);
  }

  /** A producer in A with plenty of capacity, a buyer in A and one in B, 10 days A→B; a daily clock. */
  private static TinyWorld twoRegions() {
    TinyWorld w = new TinyWorld().regions("A", "B").transit("A", "B", 10)
        .producer("mine", "A", CapacitySchedule.constant(400), 50, 14)
        .sector("a", "A", 100, 100, false, 10, 30)
        .sector("b", "B", 100, 100, false, 10, 30);
    w.end = JUN;
    w.clock = new SupplyChain.Clock(1, 1, 1, SupplyChain.Reporting.DAILY);
    return w;
  }

  // ---------------------------------------------------------------- (a) conservation

  @Test
  void run_shortageOutageAndTwoRegionWorlds_conserveMaterial() {
    assertBalanced(shortOneRegion().run());
    assertBalanced(outage().run());
    TinyWorld throttled = twoRegions();
    throttled.throttle("ban", LocalDate.of(2025, 3, 1), LocalDate.of(2025, 5, 1), "A", "B", 1.0);
    List<SimEvent> events = throttled.run();
    assertBalanced(events);
  }

  @Test
  void run_conservationAudit_recordsOpeningStock_andMaterialStillInTransit() {
    // 30 days A→B; the buyer's last orders are still at sea at the end
    TinyWorld w = new TinyWorld().regions("A", "B").transit("A", "B", 30)
        .producer("mine", "A", CapacitySchedule.constant(200), 50, 14)
        .sector("b", "B", 100, 100, false, 7, 30);
    List<SimEvent> events = w.run();
    ConservationAudit a = audits(events).get(0);
    assertEquals("magnet", a.commodity());
    assertEquals(57.0, a.initial(), 1e-12); // 50 + 7
    assertTrue(a.inTransit() > 0, a::toString);
    assertEquals(0.0, a.used());
    assertEquals(0.0, a.writtenOff());
    assertTrue(a.balanced(), a::toString);
  }

  /**
   * Two commodities over two regions: a mine in M makes ore; a magnet plant in F turns 2 t ore into 1 t
   * magnet; EV makers in F buy magnets. Default-like supply response, prices and 365 days of warm-up.
   */
  private static List<SimEvent> mineToMagnet(long seed, double noise) {
    List<Commodity> commodities = List.of(new Commodity(0, "ore", "ore", "t"), new Commodity(1, "magnet", "magnet", "t"));
    Region m = new Region(0, "M", "Mine land", 0, "zM");
    Region f = new Region(1, "F", "Factory land", 1, "zF");
    Recipe mine = new Recipe("mine", Stage.MINING, new double[] {0, 0}, new double[] {1, 0});
    Recipe make = new Recipe("make", Stage.MANUFACTURING, new double[] {2, 0}, new double[] {0, 1});
    var supply = new Producer.SupplyResponse(0.85, 0.5, 90, 28);
    Producer miner = new Producer(0, "miner", "Miner", m, List.of(),
        List.of(new Facility("pit", mine, m, CapacitySchedule.constant(400))), supply, 2, 2);
    Producer maker = new Producer(1, "maker", "Maker", f, List.of("defence-supplier"),
        List.of(new Facility("plant", make, f, CapacitySchedule.constant(200))), supply, 2, 2);
    DemandSector ev = new DemandSector(2, "ev", "EV makers", f, "ev", 1, new DemandSector.DemandCurve(100, 0.02, 0.1),
        10, false, new int[0], new double[0], List.of(), new RandomStreams(seed, 0).stream("demand/ev"), 2, 2);
    SupplyChain chain = new SupplyChain(new SimCalendar(LocalDate.of(2024, 1, 1)), LocalDate.of(2025, 1, 1),
        LocalDate.of(2025, 12, 31), new SupplyChain.Clock(7, 7, 7, SupplyChain.Reporting.QUARTERLY), commodities,
        List.of(m, f), List.of(miner, maker), List.of(), List.of(ev),
        new RouteTable(new double[][] {{0, 20}, {20, 0}}, new double[][] {{0, 1}, {1, 0}}),
        new PriceBook(new PriceBook.Rule(1, 1, 28, 0.25, 10), List.of("zM", "zF"), new double[][] {{10, 50}, {12, 60}}),
        List.of(), new DemandSector.DemandResponse(1.5, 0.3, 0.1, noise), new RandomStreams(0, 0));
    chain.openStock(miner, 0, 20, 30);
    chain.openStock(maker, 0, 40, 60);
    chain.openStock(maker, 1, 10, 30);
    chain.openStock(ev, 1, 10, 30);
    List<SimEvent> events = new ArrayList<>();
    chain.run(events::add);
    return events;
  }

  @Test
  void run_mineToMagnetChain_balancesBothCommodities_andUsesTwoTonnesOrePerTonneMagnet() {
    List<SimEvent> events = mineToMagnet(1, 0);
    assertBalanced(events);
    ConservationAudit ore = audits(events).get(0);
    ConservationAudit magnet = audits(events).get(1);
    assertEquals("ore", ore.commodity());
    assertEquals("magnet", magnet.commodity());
    assertEquals(60.0, ore.initial(), 1e-12); // 20 at the mine + 40 at the plant
    assertEquals(20.0, magnet.initial(), 1e-12);
    assertEquals(2 * magnet.produced(), ore.used(), 1e-9 * ore.used());
    assertEquals(0.0, magnet.used());
    assertEquals(0.0, ore.consumed());
    // same in the reported rows of every quarter
    for (LocalDate q : List.of(MAR, JUN, LocalDate.of(2025, 9, 30), LocalDate.of(2025, 12, 31))) {
      double oreIn = sum(rows(events, o -> o.metric().equals(Metrics.INPUT_USE) && o.date().equals(q)));
      double made = sum(rows(events, o -> o.metric().equals(Metrics.PRODUCTION) && o.commodity().equals("magnet")
          && o.date().equals(q)));
      assertEquals(2 * made, oreIn, 1e-9 * oreIn, q::toString);
    }
  }

  @Test
  void run_mineToMagnetChain_inBalance_hasNoShortage_andPricesStayNearReference() {
    List<SimEvent> events = mineToMagnet(1, 0);
    assertEquals(0.0, total(events, Metrics.SHORTAGE, "ev"));
    Map<String, Double> reference = Map.of("zM/ore", 10.0, "zM/magnet", 50.0, "zF/ore", 12.0, "zF/magnet", 60.0);
    // the last month is left out: the horizon's final step is cut short to end on the end date, so buyers
    // consume fewer days and finish a little over-stocked, which lowers the last price by about 2%
    LocalDate lastMonth = rows(events, o -> o.metric().equals(Metrics.PRICE)).stream().map(Observation::date)
        .max(LocalDate::compareTo).orElseThrow();
    for (Observation p : rows(events, o -> o.metric().equals(Metrics.PRICE) && o.date().isBefore(lastMonth))) {
      double ref = reference.get(p.region() + "/" + p.commodity());
      assertEquals(ref, p.value(), 0.01 * ref, p::toString);
    }
  }

  @Test
  void run_mineToMagnetChain_magnetsHeldInFactoryLand_wereMinedInMineLand_andMadeThere() {
    List<SimEvent> events = mineToMagnet(1, 0);
    LocalDate last = LocalDate.of(2025, 12, 31);
    Map<String, Double> share = new HashMap<>();
    for (Observation o : rows(events, o -> o.metric().equals(Metrics.ORIGIN_SHARE) && o.date().equals(last))) {
      share.put(o.region() + "/" + o.commodity() + "/" + o.sector() + "/" + o.partner(), o.value());
    }
    // opening stock was stamped as the holder's own region; two years of turnover leave < 0.1% of it
    assertTrue(share.get("F/magnet/mined/M") > 0.999, share::toString);
    assertEquals(1.0, share.get("F/magnet/made/F"), 1e-12);
    assertFalse(share.containsKey("F/magnet/made/M"), share::toString); // zero shares are not written
    assertFalse(share.containsKey("F/magnet/separated/M"), share::toString);
    assertFalse(share.containsKey("F/magnet/separated/F"), share::toString);
    assertTrue(share.get("F/ore/mined/M") > 0.999, share::toString);
    assertEquals(1.0, share.get("M/ore/mined/M"), 1e-12);
    assertFalse(share.containsKey("F/ore/made/F"), share::toString); // ore has never been through a magnet plant
  }

  // ---------------------------------------------------------------- (b) priority

  @Test
  void allocate_shortSupply_servesHigherPriorityFirst() {
    List<SimEvent> events = shortOneRegion().run();
    // hi (priority 100) is fully served every month
    assertEquals(0.0, total(events, Metrics.SHORTAGE, "hi"));
    assertEquals(total(events, Metrics.DEMAND, "hi"), total(events, Metrics.CONSUMPTION, "hi"), 1e-9);
    // lo gets only what is left: 120 - 100 = 20 t/yr; its shortage is demand - supply = 200 - 120 = 80 t/yr,
    // i.e. 80 × 365 / 365.2425 = 79.947 t over 2025 (the warm-up year settles stocks and plans)
    double loShortage = total(events, Metrics.SHORTAGE, "lo");
    assertEquals(in2025(80), loShortage, 0.01 * in2025(80));
    assertEquals(in2025(20), total(events, Metrics.CONSUMPTION, "lo"), 0.03 * in2025(20));
    double demand = total(events, Metrics.DEMAND, "hi") + total(events, Metrics.DEMAND, "lo");
    double production = total(events, Metrics.PRODUCTION, "mine");
    assertEquals(in2025(200), demand, 1e-9);
    assertEquals(demand - production, loShortage, 0.01 * loShortage);
  }

  @Test
  void allocate_shortSupply_lowPrioritySectorIsShortEveryMonth_highPriorityNever() {
    List<SimEvent> events = shortOneRegion().run();
    for (Observation o : rows(events, Metrics.SHORTAGE, "hi")) assertEquals(0.0, o.value(), o::toString);
    List<Observation> lo = rows(events, Metrics.SHORTAGE, "lo");
    assertEquals(12, lo.size());
    for (Observation o : lo) assertTrue(o.value() > 5, o::toString); // ~6.7 t of a ~8.5 t month
  }

  // ---------------------------------------------------------------- (c) equal priority → pro rata

  @Test
  void allocate_shortSupplyEqualPriority_sharesShortageProRata() {
    // 200 t/yr against 100 + 300 t/yr, equal priority: each gets half its demand
    TinyWorld w = new TinyWorld().regions("A")
        .producer("mine", "A", CapacitySchedule.constant(200), 0, 14)
        .sector("small", "A", 100, 50, false, 100 * 30 / 365.0, 30)
        .sector("large", "A", 300, 50, false, 300 * 30 / 365.0, 30);
    w.warmupDays = 365;
    List<SimEvent> events = w.run();
    double small = total(events, Metrics.SHORTAGE, "small");
    double large = total(events, Metrics.SHORTAGE, "large");
    // demand shares are 25% / 75%; shortage shares must match within a few %
    assertEquals(0.25, small / (small + large), 0.01);
    assertEquals(in2025(50), small, 0.02 * in2025(50));
    assertEquals(in2025(150), large, 0.02 * in2025(150));
    assertEquals(in2025(400) - total(events, Metrics.PRODUCTION, "mine"), small + large, 0.01 * (small + large));
  }

  // ---------------------------------------------------------------- (d) backlog, (e) lost demand

  @Test
  void backlogSector_backlogGrowsDuringOutage_andIsWorkedOffWhenSupplyReturns() {
    List<SimEvent> events = outage().run();
    // 30 days of stock carry both sectors through March; the outage then bites
    for (LocalDate d : List.of(JAN, FEB, MAR)) assertEquals(0.0, value(events, Metrics.BACKLOG, "def", d), d::toString);
    double apr = value(events, Metrics.BACKLOG, "def", APR);
    double may = value(events, Metrics.BACKLOG, "def", MAY);
    assertTrue(apr > 5, "April backlog " + apr);
    assertTrue(may > apr, "backlog still grows in May while plants restart: " + may + " vs " + apr);
    // after supply returns on 1 May, the backlog peaks and then falls every month to exactly zero
    double previous = Double.POSITIVE_INFINITY;
    boolean cleared = false;
    for (int m = 6; m <= 12; m++) {
      LocalDate d = LocalDate.of(2025, m, 1).plusMonths(1).minusDays(1);
      double b = value(events, Metrics.BACKLOG, "def", d);
      if (m > 6) assertTrue(b <= previous, "backlog rose again in " + d);
      if (cleared) assertEquals(0.0, b, d::toString);
      cleared |= b == 0.0;
      previous = b;
    }
    assertTrue(cleared, "backlog never cleared");
    // while it is worked off, the sector uses more than its current demand
    for (LocalDate d : List.of(JUL, AUG)) {
      assertTrue(value(events, Metrics.CONSUMPTION, "def", d) > value(events, Metrics.DEMAND, "def", d) + 3, d::toString);
    }
  }

  @Test
  void backlogSector_nothingIsLost_consumptionEqualsDemandOnceBacklogClears() {
    // backlog starts at 0 (no warm-up) and ends at 0: every tonne wanted in 2025 was eventually used
    List<SimEvent> events = outage().run();
    assertEquals(0.0, value(events, Metrics.BACKLOG, "def", LocalDate.of(2025, 12, 31)));
    double demand = total(events, Metrics.DEMAND, "def");
    assertEquals(demand, total(events, Metrics.CONSUMPTION, "def"), 1e-9 * demand);
    assertTrue(total(events, Metrics.SHORTAGE, "def") > 0);
  }

  @Test
  void lostDemandSector_neverHasBacklog_andItsShortageIsGoneForGood() {
    List<SimEvent> events = outage().run();
    double shortage = total(events, Metrics.SHORTAGE, "ev");
    assertTrue(shortage > 3, "ev shortage " + shortage);
    List<Observation> backlog = rows(events, Metrics.BACKLOG, "ev");
    assertEquals(12, backlog.size());
    for (Observation o : backlog) assertEquals(0.0, o.value(), o::toString);
    // lost: used + short = wanted, month by month
    for (Observation d : rows(events, Metrics.DEMAND, "ev")) {
      double used = value(events, Metrics.CONSUMPTION, "ev", d.date());
      double short_ = value(events, Metrics.SHORTAGE, "ev", d.date());
      assertEquals(d.value(), used + short_, 1e-9, d.date()::toString);
    }
  }

  // ---------------------------------------------------------------- (f) transit

  @Test
  void ship_transit30Days_nothingArrivesInTheFirst30Days() {
    // producer in A with 50 t; buyer in B with no stock; 30 days A→B; daily reports
    TinyWorld w = new TinyWorld().regions("A", "B").transit("A", "B", 30)
        .producer("mine", "A", CapacitySchedule.constant(200), 50, 14)
        .sector("b", "B", 100, 100, false, 0, 30);
    w.end = FEB;
    w.clock = new SupplyChain.Clock(7, 7, 7, SupplyChain.Reporting.DAILY);
    List<SimEvent> events = w.run();
    LocalDate day31 = LocalDate.of(2025, 1, 31); // simulation day 30
    for (LocalDate d = TinyWorld.START; d.isBefore(day31); d = d.plusDays(1)) {
      assertEquals(0.0, value(events, Metrics.DELIVERED, "b", d), d::toString);
      assertEquals(0.0, value(events, Metrics.INVENTORY, "b", d), d::toString);
      assertEquals(0.0, value(events, Metrics.CONSUMPTION, "b", d), d::toString);
    }
    assertTrue(value(events, Metrics.DELIVERED, "b", day31) > 0);
    // the day-0 order: expected use × (30 cover + 30 lead + 7 review) = 0.273790 × 67 = 18.3439 t, shipped on
    // day 0 (reported over its 7-day clearing interval) and delivered from day 30
    double firstOrder = 100 / Units.DAYS_PER_YEAR * 67;
    double shippedFirstWeek = 0;
    double deliveredFirstWeek = 0;
    for (int i = 0; i < 7; i++) {
      shippedFirstWeek += shippedOn(events, "A", "B", TinyWorld.START.plusDays(i));
      deliveredFirstWeek += value(events, Metrics.DELIVERED, "b", day31.plusDays(i));
    }
    assertEquals(firstOrder, shippedFirstWeek, 1e-9);
    assertEquals(firstOrder, deliveredFirstWeek, 1e-9);
    // the buyer went short until its first delivery could be used
    assertEquals(100 / Units.DAYS_PER_YEAR, value(events, Metrics.SHORTAGE, "b", LocalDate.of(2025, 1, 15)), 1e-12);
  }

  // ---------------------------------------------------------------- (g) destination throttle

  @Test
  void destinationThrottle_fullCut_stopsEveryShipmentWhileActive_andTradeResumesAfter() {
    TinyWorld w = twoRegions();
    LocalDate on = LocalDate.of(2025, 3, 1);
    LocalDate off = LocalDate.of(2025, 5, 1);
    w.throttle("ban", on, off, "A", "B", 1.0);
    List<SimEvent> events = w.run();
    for (LocalDate d = on; d.isBefore(off); d = d.plusDays(1)) {
      assertEquals(0.0, shippedOn(events, "A", "B", d), d::toString);
    }
    double before = 0;
    for (LocalDate d = LocalDate.of(2025, 2, 1); d.isBefore(on); d = d.plusDays(1)) before += shippedOn(events, "A", "B", d);
    assertTrue(before > 5, "February A→B " + before);
    // the first clearing after the end (1 May, policies apply before trade) ships again
    assertTrue(shippedOn(events, "A", "B", off) > 0, "no A→B shipment on " + off);
    // domestic trade in A goes on throughout
    double domestic = 0;
    for (LocalDate d = on; d.isBefore(off); d = d.plusDays(1)) domestic += shippedOn(events, "A", "A", d);
    assertTrue(domestic > 10, "A→A during the ban " + domestic);
    // B runs short once its stock is gone; A never does
    assertTrue(value(events, Metrics.SHORTAGE, "b", LocalDate.of(2025, 4, 20)) > 0);
    assertEquals(0.0, total(events, Metrics.SHORTAGE, "a"));
  }

  @Test
  void destinationThrottle_reportsPolicyChangesOnItsDates() {
    TinyWorld w = twoRegions();
    w.throttle("ban", LocalDate.of(2025, 3, 1), LocalDate.of(2025, 5, 1), "A", "B", 1.0);
    List<PolicyChange> changes = new ArrayList<>();
    for (SimEvent e : w.run()) if (e instanceof PolicyChange p) changes.add(p);
    assertEquals(List.of(
        new PolicyChange(LocalDate.of(2025, 3, 1), "ban", "destination-throttle", true),
        new PolicyChange(LocalDate.of(2025, 5, 1), "ban", "destination-throttle", false)), changes);
  }

  @Test
  void destinationThrottle_endedBeforeStart_neverApplies() {
    TinyWorld w = twoRegions();
    w.warmupDays = 30;
    w.throttle("old", LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 1), "A", "B", 1.0);
    List<SimEvent> events = w.run();
    assertTrue(events.stream().noneMatch(e -> e instanceof PolicyChange));
    assertEquals(0.0, total(events, Metrics.SHORTAGE, "b"));
  }

  @Test
  void destinationThrottle_inForceBeforeStart_isReportedAsStartingOnTheStartDate() {
    TinyWorld w = twoRegions();
    w.warmupDays = 30;
    w.throttle("ban", LocalDate.of(2024, 6, 1), LocalDate.of(2025, 3, 1), "A", "B", 1.0);
    List<PolicyChange> changes = new ArrayList<>();
    for (SimEvent e : w.run()) if (e instanceof PolicyChange p) changes.add(p);
    assertEquals(List.of(
        new PolicyChange(TinyWorld.START, "ban", "destination-throttle", true),
        new PolicyChange(LocalDate.of(2025, 3, 1), "ban", "destination-throttle", false)), changes);
  }

  @Test
  void destinationThrottle_halfCut_halvesSteadyFlowsToTheDestination() {
    // Plenty of capacity (400 t/yr) for 2 × 100 t/yr; a 50% cut A→B from 1 March to 1 September 2025.
    // MODEL.md: a destination throttle "caps or cuts flows to one destination by a fraction", so Jun–Aug
    // A→B must be about half the unthrottled 25.19 t, however much B re-orders. (A cut applied per order
    // failed this: B re-ordered the refused half and got 100% of baseline by June.)
    double[] cutAndBaseline = new double[2];
    double[] cuts = {0.5, 0.0};
    for (int i = 0; i < 2; i++) {
      TinyWorld w = new TinyWorld().regions("A", "B").transit("A", "B", 10)
          .producer("mine", "A", CapacitySchedule.constant(400), 50, 14)
          .sector("a", "A", 100, 100, false, 10, 30)
          .sector("b", "B", 100, 100, false, 10, 30);
      w.warmupDays = 180;
      w.throttle("cut", LocalDate.of(2025, 3, 1), LocalDate.of(2025, 9, 1), "A", "B", cuts[i]);
      List<SimEvent> events = w.run();
      cutAndBaseline[i] = shippedOn(events, "A", "B", JUN) + shippedOn(events, "A", "B", JUL)
          + shippedOn(events, "A", "B", AUG);
    }
    assertEquals(in2025(100) * 92 / 365, cutAndBaseline[1], 1e-9); // baseline: B's full demand, 92 days
    assertEquals(0.5, cutAndBaseline[0] / cutAndBaseline[1], 0.05,
        "A→B Jun–Aug with cut " + cutAndBaseline[0] + " vs baseline " + cutAndBaseline[1]);
  }

  @Test
  void destinationThrottle_halfCutInForceFromTheStart_halvesFlowsToTheDestination() {
    // Same world, warm-up 180 days, cut 0.5 A→B from 2024-01-01 with no end: active from the first instant,
    // so the lane has no reference flow and falls back to cutting each order, which B simply re-orders.
    // Expected A→B over 2025 ≈ half of B's demand, 0.5 × 99.934 t; observed 99.934 t, and B is never short.
    TinyWorld w = new TinyWorld().regions("A", "B").transit("A", "B", 10)
        .producer("mine", "A", CapacitySchedule.constant(400), 50, 14)
        .sector("a", "A", 100, 100, false, 10, 30)
        .sector("b", "B", 100, 100, false, 10, 30);
    w.warmupDays = 180;
    w.throttle("cut", LocalDate.of(2024, 1, 1), null, "A", "B", 0.5);
    double toB = sum(shipped(w.run(), "A", "B"));
    assertEquals(0.5 * in2025(100), toB, 0.05 * in2025(100), "A→B in 2025: " + toB);
  }

  // ---------------------------------------------------------------- (h) prices

  @Test
  void price_supplyFarBelowDemand_risesAboveReference_butNeverAboveMaxMultiple() {
    // 10 t/yr of capacity for 1000 t/yr of demand; max multiple 10 → at most $500/kg
    TinyWorld w = new TinyWorld().regions("A")
        .producer("mine", "A", CapacitySchedule.constant(10), 0, 14)
        .sector("a", "A", 1000, 100, false, 10, 30);
    List<SimEvent> events = w.run();
    List<Observation> prices = rows(events, o -> o.metric().equals(Metrics.PRICE));
    assertEquals(12, prices.size());
    for (Observation p : prices) {
      assertTrue(p.value() > 50, p::toString);
      assertTrue(p.value() <= 500, p::toString);
      assertEquals("zA", p.region());
      assertEquals(Metrics.USD_PER_KG, p.unit());
    }
    assertEquals(500.0, prices.get(prices.size() - 1).value(), 1e-9); // pinned at the cap
  }

  @Test
  void price_cap_isTheRulesMaxMultiple() {
    TinyWorld w = new TinyWorld().regions("A")
        .producer("mine", "A", CapacitySchedule.constant(10), 0, 14)
        .sector("a", "A", 1000, 100, false, 10, 30);
    w.priceRule = new PriceBook.Rule(1.0, 1.0, 28, 0.25, 3);
    List<SimEvent> events = w.run();
    List<Observation> prices = rows(events, o -> o.metric().equals(Metrics.PRICE));
    for (Observation p : prices) assertTrue(p.value() <= 150 + 1e-9, p::toString);
    assertEquals(150.0, prices.get(prices.size() - 1).value(), 1e-9);
    // the run says where the cap is, so its summary can count the periods held at it
    assertEquals(150.0, ((PriceReference) events.get(0)).capUsdPerKg());
  }

  @Test
  void price_sellersPilingUpStock_fallsButNeverBelowMinMultiple() {
    // 5000 t of unsold stock at the mine against 100 t/yr of demand; min multiple 0.25 → at least $12.50/kg
    TinyWorld w = new TinyWorld().regions("A")
        .producer("mine", "A", CapacitySchedule.constant(10_000), 5000, 14)
        .sector("a", "A", 100, 100, false, 10, 30);
    List<SimEvent> events = w.run();
    List<Observation> prices = rows(events, o -> o.metric().equals(Metrics.PRICE));
    for (Observation p : prices) {
      assertTrue(p.value() < 50, p::toString);
      assertTrue(p.value() >= 12.5 - 1e-12, p::toString);
    }
    assertEquals(12.5, prices.get(prices.size() - 1).value(), 1e-9);
    // the glut stops the plant; the buyer is never short
    assertEquals(0.0, total(events, Metrics.PRODUCTION, "mine"));
    assertEquals(0.0, total(events, Metrics.SHORTAGE, "a"));
  }

  @Test
  void price_referenceEvents_comeFirst_oneperZoneAndCommodity() {
    List<SimEvent> events = twoRegions().run();
    assertEquals(new PriceReference("zA", "magnet", 50, 500), events.get(0)); // the cap: 10 x reference
    assertEquals(new PriceReference("zB", "magnet", 50, 500), events.get(1));
    assertEquals(2, events.stream().filter(e -> e instanceof PriceReference).count());
  }

  // ---------------------------------------------------------------- (i) time series

  private static final List<LocalDate> MONTH_ENDS = List.of(JAN, FEB, MAR, APR, MAY, JUN);

  private static String key(Observation o) {
    return String.join("|", o.metric(), o.agent(), o.region(), o.partner(), o.commodity(), o.sector(), o.unit());
  }

  @Test
  void timeSeries_hasOneRowPerPeriodPerKey_datedOnThePeriodsLastDay() {
    TinyWorld w = shortOneRegion();
    w.warmupDays = 0;
    w.end = JUN;
    List<SimEvent> events = w.run();
    List<Observation> all = rows(events, o -> true);
    Map<String, List<LocalDate>> datesByKey = new HashMap<>();
    for (Observation o : all) datesByKey.computeIfAbsent(key(o), k -> new ArrayList<>()).add(o.date());
    assertEquals(new TreeSet<>(MONTH_ENDS), new TreeSet<>(all.stream().map(Observation::date).toList()));
    for (var e : datesByKey.entrySet()) {
      assertEquals(new TreeSet<>(e.getValue()).size(), e.getValue().size(), "duplicate rows for " + e.getKey());
    }
    // flows every period carries, for every agent
    for (String k : List.of("production|mine|A||magnet||t", "demand|hi|A||magnet|ev|t", "consumption|lo|A||magnet|ev|t",
        "shortage|lo|A||magnet|ev|t", "delivered|hi|A||magnet|ev|t", "inventory|mine|A||magnet||t",
        "backlog|lo|A||magnet|ev|t", "price||zA||magnet||USD/kg", "capacity|mine|A|||mining|t/yr")) {
      assertEquals(MONTH_ENDS, datesByKey.get(k), k);
    }
    // rows come out period by period, in date order
    LocalDate previous = LocalDate.MIN;
    for (Observation o : all) {
      assertFalse(o.date().isBefore(previous), o::toString);
      previous = o.date();
    }
  }

  @Test
  void timeSeries_capacityRows_reportInstalledCapacityAtPeriodEnd() {
    TinyWorld w = shortOneRegion();
    w.warmupDays = 0;
    w.end = JUN;
    for (Observation o : rows(w.run(), Metrics.CAPACITY, "mine")) {
      assertEquals(120.0, o.value(), o::toString);
      assertEquals(Metrics.TONNES_PER_YEAR, o.unit());
    }
  }

  @Test
  void timeSeries_demandRows_areTheDailyRateTimesDaysInMonth() {
    TinyWorld w = shortOneRegion();
    w.warmupDays = 0;
    w.end = JUN;
    List<SimEvent> events = w.run();
    // 100 t/yr: 31 days = 8.48754 t, 28 days = 7.66614 t, 30 days = 8.21372 t
    int[] days = {31, 28, 31, 30, 31, 30};
    for (int i = 0; i < 6; i++) {
      assertEquals(100 * days[i] / Units.DAYS_PER_YEAR, value(events, Metrics.DEMAND, "hi", MONTH_ENDS.get(i)), 1e-9);
    }
  }

  /** Ledger totals of a run of {@link #shortOneRegion()} without warm-up that ends on {@code end}. */
  private static ConservationAudit ledgerUpTo(LocalDate end, SupplyChain.Clock clock) {
    TinyWorld w = shortOneRegion();
    w.warmupDays = 0;
    w.end = end;
    w.clock = clock;
    return audits(w.run()).get(0);
  }

  @Test
  void timeSeries_dailyProcesses_flowsOfEachMonthSumToTheLedgersMonthlyTotals() {
    // With daily production and consumption a run ending on a month end is a prefix of a longer run, so the
    // ledger of the run ending on month m minus the one ending on month m-1 is what month m's rows must show.
    SupplyChain.Clock daily = new SupplyChain.Clock(1, 1, 1, SupplyChain.Reporting.MONTHLY);
    TinyWorld w = shortOneRegion();
    w.warmupDays = 0;
    w.end = JUN;
    w.clock = daily;
    List<SimEvent> events = w.run();
    double producedBefore = 0;
    double consumedBefore = 0;
    for (LocalDate month : MONTH_ENDS) {
      ConservationAudit upTo = ledgerUpTo(month, daily);
      double produced = value(events, Metrics.PRODUCTION, "mine", month);
      double consumed = value(events, Metrics.CONSUMPTION, "hi", month) + value(events, Metrics.CONSUMPTION, "lo", month);
      assertEquals(upTo.produced() - producedBefore, produced, 1e-9, month::toString);
      assertEquals(upTo.consumed() - consumedBefore, consumed, 1e-9, month::toString);
      producedBefore = upTo.produced();
      consumedBefore = upTo.consumed();
    }
    ConservationAudit whole = audits(events).get(0);
    assertEquals(whole.produced(), total(events, Metrics.PRODUCTION, "mine"), 1e-9);
    assertEquals(whole.consumed(), total(events, Metrics.CONSUMPTION, "hi") + total(events, Metrics.CONSUMPTION, "lo"),
        1e-9);
  }

  @Test
  void timeSeries_weeklyProcesses_horizonOfWholeWeeks_rowTotalsEqualLedgerTotals() {
    // 1 Jan – 24 Jun 2025 is 175 days = 25 weeks: the last weekly step ends exactly at the horizon
    SupplyChain.Clock weekly = new SupplyChain.Clock(7, 7, 7, SupplyChain.Reporting.MONTHLY);
    TinyWorld w = shortOneRegion();
    w.warmupDays = 0;
    w.end = LocalDate.of(2025, 6, 24);
    w.clock = weekly;
    List<SimEvent> events = w.run();
    ConservationAudit ledger = audits(events).get(0);
    assertEquals(ledger.produced(), total(events, Metrics.PRODUCTION, "mine"), 1e-9);
    assertEquals(ledger.consumed(), total(events, Metrics.CONSUMPTION, "hi") + total(events, Metrics.CONSUMPTION, "lo"),
        1e-9);
    assertEquals(LocalDate.of(2025, 6, 24), rows(events, Metrics.PRODUCTION, "mine").get(5).date());
  }

  @Test
  void timeSeries_weeklyProcesses_horizonOfWholeMonths_rowTotalsEqualLedgerTotals() {
    // 1 Jan – 30 Jun 2025 is 181 days; weekly steps run at days 0, 7, …, 175, the last covering days 175–182.
    // The ledger counts all of that step; the rows only 6 of its 7 days, so they fall short by 1/7 of a week
    // (120 t/yr × 1 day = 0.329 t). Observed: rows 55.380 t, ledger 55.708 t. Over a 365-day year the last step
    // reports 1 of 7 days and the gap is 6/7 of a week. Consumption rows fall short in the same way.
    TinyWorld w = shortOneRegion();
    w.warmupDays = 0;
    w.end = JUN;
    List<SimEvent> events = w.run();
    ConservationAudit ledger = audits(events).get(0);
    assertEquals(ledger.produced(), total(events, Metrics.PRODUCTION, "mine"), 1e-9);
    assertEquals(ledger.consumed(), total(events, Metrics.CONSUMPTION, "hi") + total(events, Metrics.CONSUMPTION, "lo"),
        1e-9);
  }

  @Test
  void timeSeries_warmUp_isNotReported() {
    TinyWorld w = shortOneRegion(); // 365 days of warm-up before 2025
    List<SimEvent> events = w.run();
    for (Observation o : rows(events, o -> true)) assertFalse(o.date().isBefore(TinyWorld.START), o::toString);
    assertEquals(12, rows(events, Metrics.PRODUCTION, "mine").size());
  }

  // ---------------------------------------------------------------- (j) determinism

  @Test
  void run_sameInputsAndSeed_giveIdenticalEvents() {
    assertEquals(mineToMagnet(7, 0.2), mineToMagnet(7, 0.2));
    TinyWorld a = shortOneRegion();
    a.noise = 0.3;
    a.seed = 42;
    TinyWorld b = shortOneRegion();
    b.noise = 0.3;
    b.seed = 42;
    SupplyChain first = a.build();
    SupplyChain second = b.build(); // built before the first runs: no shared state between object graphs
    List<SimEvent> e1 = new ArrayList<>();
    List<SimEvent> e2 = new ArrayList<>();
    first.run(e1::add);
    second.run(e2::add);
    assertEquals(e1, e2);
  }

  @Test
  void run_noisyDemand_differentSeed_givesDifferentEvents() {
    List<SimEvent> seven = mineToMagnet(7, 0.2);
    assertNotEquals(seven, mineToMagnet(8, 0.2));
    // and without noise the seed does not matter
    assertEquals(mineToMagnet(7, 0), mineToMagnet(8, 0));
  }

  // ---------------------------------------------------------------- lifecycle and wiring

  @Test
  void run_secondTime_throws() {
    SupplyChain chain = shortOneRegion().build();
    chain.run(e -> {});
    assertThrows(IllegalStateException.class, () -> chain.run(e -> {}));
  }

  @Test
  void openStock_afterRun_throws() {
    TinyWorld w = shortOneRegion();
    w.warmupDays = 0;
    w.end = JAN;
    SupplyChain chain = w.build();
    chain.run(e -> {});
    assertThrows(IllegalStateException.class, () -> chain.openStock(chain.sectors.get(0), 0, 1, 30));
  }

  @Test
  void constructor_calendarStartingAfterStart_throws() {
    Region a = new Region(0, "A", "A", 0, "zA");
    assertThrows(IllegalArgumentException.class, () -> new SupplyChain(new SimCalendar(TinyWorld.START.plusDays(1)),
        TinyWorld.START, JUN, new SupplyChain.Clock(7, 7, 7, SupplyChain.Reporting.MONTHLY),
        List.of(new Commodity(0, "magnet", "magnet", "t")), List.of(a), List.of(), List.of(), List.of(),
        new RouteTable(new double[1][1], new double[1][1]),
        new PriceBook(new PriceBook.Rule(1, 1, 28, 0.25, 10), List.of("zA"), new double[][] {{50}}), List.of(),
        new DemandSector.DemandResponse(1.5, 0, 0, 0), new RandomStreams(0, 0)));
  }

  @Test
  void constructor_agentIndexOutOfOrder_throws() {
    Region a = new Region(0, "A", "A", 0, "zA");
    Recipe mine = new Recipe("mine", Stage.MINING, new double[] {0}, new double[] {1});
    Producer p = new Producer(1, "p", "p", a, List.of(), List.of(new Facility("f", mine, a, CapacitySchedule.constant(1))),
        new Producer.SupplyResponse(1, 0, 90, 28), 1, 1); // index 1, but it is agent 0
    assertThrows(IllegalArgumentException.class, () -> new SupplyChain(new SimCalendar(TinyWorld.START),
        TinyWorld.START, JUN, new SupplyChain.Clock(7, 7, 7, SupplyChain.Reporting.MONTHLY),
        List.of(new Commodity(0, "magnet", "magnet", "t")), List.of(a), List.of(p), List.of(), List.of(),
        new RouteTable(new double[1][1], new double[1][1]),
        new PriceBook(new PriceBook.Rule(1, 1, 28, 0.25, 10), List.of("zA"), new double[][] {{50}}), List.of(),
        new DemandSector.DemandResponse(1.5, 0, 0, 0), new RandomStreams(0, 0)));
  }

  @Test
  void reporting_next_givesTheStartOfTheNextPeriod() {
    LocalDate wed = LocalDate.of(2025, 1, 15);
    assertEquals(LocalDate.of(2025, 1, 16), SupplyChain.Reporting.DAILY.next(wed));
    assertEquals(LocalDate.of(2025, 1, 22), SupplyChain.Reporting.WEEKLY.next(wed));
    assertEquals(LocalDate.of(2025, 2, 1), SupplyChain.Reporting.MONTHLY.next(wed));
    assertEquals(LocalDate.of(2025, 3, 1), SupplyChain.Reporting.MONTHLY.next(LocalDate.of(2025, 2, 1)));
    assertEquals(LocalDate.of(2025, 4, 1), SupplyChain.Reporting.QUARTERLY.next(wed));
    assertEquals(LocalDate.of(2025, 4, 1), SupplyChain.Reporting.QUARTERLY.next(LocalDate.of(2025, 3, 31)));
    assertEquals(LocalDate.of(2025, 7, 1), SupplyChain.Reporting.QUARTERLY.next(LocalDate.of(2025, 4, 1)));
    assertEquals(LocalDate.of(2026, 1, 1), SupplyChain.Reporting.QUARTERLY.next(LocalDate.of(2025, 11, 30)));
    assertEquals(LocalDate.of(2024, 3, 1), SupplyChain.Reporting.MONTHLY.next(LocalDate.of(2024, 2, 29)));
  }

  @Test
  void timeSeries_startMidMonth_firstPeriodRunsToMonthEnd_lastStopsAtTheEndDate() {
    // quarterly reporting of 1 Jan – 15 Jun: Q1 dated 31 Mar, then a partial Q2 dated 15 Jun
    TinyWorld w = shortOneRegion();
    w.warmupDays = 0;
    w.end = LocalDate.of(2025, 6, 15);
    w.clock = new SupplyChain.Clock(7, 7, 7, SupplyChain.Reporting.QUARTERLY);
    List<Observation> demand = rows(w.run(), Metrics.DEMAND, "hi");
    assertEquals(List.of(MAR, LocalDate.of(2025, 6, 15)), demand.stream().map(Observation::date).toList());
    // Q1 = 90 days, Q2 up to 15 June = 76 days, at 100 t/yr
    assertEquals(100 * 90 / Units.DAYS_PER_YEAR, demand.get(0).value(), 1e-9);
    assertEquals(100 * 76 / Units.DAYS_PER_YEAR, demand.get(1).value(), 1e-9);
  }
}
