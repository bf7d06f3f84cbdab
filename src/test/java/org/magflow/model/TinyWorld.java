package org.magflow.model;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.magflow.event.ConservationAudit;
import org.magflow.event.Observation;
import org.magflow.event.SimEvent;
import org.magflow.policy.Policy;
import org.magflow.policy.Rule;
import org.magflow.random.RandomStreams;
import org.magflow.units.SimCalendar;

/**
 * A small supply chain of one commodity ("magnet") built with the model's public constructors, the way
 * {@code ModelBuilder} wires them: regions each with their own price zone, producers whose single plant makes
 * magnets from nothing (a mine-like recipe), and demand sectors. Defaults keep the dynamics easy to reason
 * about: full utilisation at any price, no price response of demand, no substitution, no noise, free freight.
 */
final class TinyWorld {
  static final LocalDate START = LocalDate.of(2025, 1, 1);
  static final double REFERENCE_USD_PER_KG = 50;

  LocalDate end = LocalDate.of(2025, 12, 31);
  int warmupDays = 0;
  SupplyChain.Clock clock = new SupplyChain.Clock(7, 7, 7, SupplyChain.Reporting.MONTHLY);
  PriceBook.Rule priceRule = new PriceBook.Rule(1.0, 1.0, 28, 0.25, 10);
  Producer.SupplyResponse supply = new Producer.SupplyResponse(1.0, 0.0, 90, 28);
  double noise = 0;
  /** Every sector's short-run price elasticity of demand. */
  double elasticity = 0;
  /** Scenario-wide substitution: none unless set. */
  DemandSector.DemandResponse demandResponse = null;
  long seed = 1;
  double defaultTransitDays = 0;
  final List<String> regionIds = new ArrayList<>();
  final Map<String, Double> transit = new LinkedHashMap<>(); // "from>to" -> days
  final List<ProducerDef> producerDefs = new ArrayList<>();
  final List<SectorDef> sectorDefs = new ArrayList<>();
  final List<ThrottleDef> throttles = new ArrayList<>();
  final List<TariffDef> tariffs = new ArrayList<>();

  record ProducerDef(String id, String region, CapacitySchedule capacity, double stock, double coverDays) {}

  /** A destination throttle on magnets, as a scenario would write it; {@code off} null for never. */
  record ThrottleDef(String name, LocalDate on, LocalDate off, String exporter, String destination, double cut) {}

  /** An ad-valorem tariff on magnets from the exporter into the importer, in force all the time. */
  record TariffDef(String importer, String exporter, double rate) {}

  record SectorDef(String id, String region, double tonnesPerYear, int priority, boolean backlog, double stock,
                   double coverDays) {}

  TinyWorld regions(String... ids) {
    regionIds.addAll(List.of(ids));
    return this;
  }

  TinyWorld producer(String id, String region, CapacitySchedule capacity, double stock, double coverDays) {
    producerDefs.add(new ProducerDef(id, region, capacity, stock, coverDays));
    return this;
  }

  TinyWorld sector(String id, String region, double tonnesPerYear, int priority, boolean backlog, double stock,
                   double coverDays) {
    sectorDefs.add(new SectorDef(id, region, tonnesPerYear, priority, backlog, stock, coverDays));
    return this;
  }

  TinyWorld throttle(String name, LocalDate on, LocalDate off, String exporter, String destination, double cut) {
    throttles.add(new ThrottleDef(name, on, off, exporter, destination, cut));
    return this;
  }

  TinyWorld tariff(String importer, String exporter, double rate) {
    tariffs.add(new TariffDef(importer, exporter, rate));
    return this;
  }

  TinyWorld transit(String from, String to, double days) {
    transit.put(from + ">" + to, days);
    return this;
  }

  SupplyChain build() {
    if (regionIds.isEmpty()) regionIds.add("A");
    List<Commodity> commodities = List.of(new Commodity(0, "magnet", "NdFeB magnet", "t"));
    int nc = 1;
    List<Region> regions = new ArrayList<>();
    List<String> zones = new ArrayList<>();
    for (String id : regionIds) {
      regions.add(new Region(regions.size(), id, id, zones.size(), "z" + id));
      zones.add("z" + id);
    }
    int nr = regions.size();
    Recipe mine = new Recipe("mine", Stage.MINING, new double[] {0}, new double[] {1});
    List<Producer> producers = new ArrayList<>();
    for (ProducerDef p : producerDefs) {
      Region r = region(regions, p.region());
      producers.add(new Producer(producers.size(), p.id(), p.id(), r, List.of(),
          List.of(new Facility(p.id() + "-plant", mine, r, p.capacity())), supply, nc, nr));
    }
    RandomStreams streams = new RandomStreams(seed, 0);
    List<DemandSector> sectors = new ArrayList<>();
    for (SectorDef s : sectorDefs) {
      sectors.add(new DemandSector(producers.size() + sectors.size(), s.id(), s.id(), region(regions, s.region()),
          "ev", 0, new DemandSector.DemandCurve(s.tonnesPerYear(), 0, elasticity), s.priority(), s.backlog(), new int[0],
          new double[0], List.of(), streams.stream("demand/" + s.id()), nc, nr));
    }
    double[][] transitDays = new double[nr][nr];
    double[][] freight = new double[nr][nr];
    for (int i = 0; i < nr; i++) {
      for (int j = 0; j < nr; j++) {
        Double t = transit.get(regionIds.get(i) + ">" + regionIds.get(j));
        transitDays[i][j] = t != null ? t : i == j ? 0 : defaultTransitDays;
      }
    }
    double[][] reference = new double[zones.size()][nc];
    for (double[] z : reference) z[0] = REFERENCE_USD_PER_KG;
    SimCalendar calendar = new SimCalendar(START.minusDays(warmupDays));
    List<Policy> policies = new ArrayList<>(); // compiled as ModelBuilder compiles a destination-throttle
    for (ThrottleDef t : throttles) {
      boolean[] to = new boolean[nr];
      to[region(regions, t.destination()).index()] = true;
      policies.add(new Policy(t.name(), "destination-throttle", calendar.toSimTime(t.on()),
          t.off() == null ? Double.POSITIVE_INFINITY : calendar.toSimTime(t.off()),
          List.of(new Rule.LaneCut(region(regions, t.exporter()).index(), to, new boolean[] {true}, t.cut()))));
    }
    for (TariffDef t : tariffs) { // compiled as ModelBuilder compiles a tariff
      boolean[] from = new boolean[nr];
      from[region(regions, t.exporter()).index()] = true;
      policies.add(new Policy("tariff-" + policies.size(), "tariff", 0, Double.POSITIVE_INFINITY,
          List.of(new Rule.Tariff(region(regions, t.importer()).index(), from, new boolean[] {true}, t.rate()))));
    }
    SupplyChain chain = new SupplyChain(calendar, START, end, clock, commodities,
        regions, producers, List.of(), sectors, new RouteTable(transitDays, freight), new PriceBook(priceRule, zones, reference),
        policies, demandResponse != null ? demandResponse : new DemandSector.DemandResponse(1.5, 0, 0, noise),
        new RandomStreams(0, 0));
    for (int i = 0; i < producers.size(); i++) {
      chain.openStock(producers.get(i), 0, producerDefs.get(i).stock(), producerDefs.get(i).coverDays());
    }
    for (int i = 0; i < sectors.size(); i++) {
      chain.openStock(sectors.get(i), 0, sectorDefs.get(i).stock(), sectorDefs.get(i).coverDays());
    }
    return chain;
  }

  private static Region region(List<Region> regions, String id) {
    return regions.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
  }

  /** Builds and runs the chain; returns every event in order. */
  List<SimEvent> run() {
    List<SimEvent> events = new ArrayList<>();
    build().run(events::add);
    return events;
  }

  // ---- reading results ----

  static List<Observation> rows(List<SimEvent> events, Predicate<Observation> which) {
    List<Observation> rows = new ArrayList<>();
    for (SimEvent e : events) if (e instanceof Observation o && which.test(o)) rows.add(o);
    return rows;
  }

  static List<Observation> rows(List<SimEvent> events, String metric, String agent) {
    return rows(events, o -> o.metric().equals(metric) && o.agent().equals(agent));
  }

  static double sum(List<Observation> rows) {
    double s = 0;
    for (Observation o : rows) s += o.value();
    return s;
  }

  static double total(List<SimEvent> events, String metric, String agent) {
    return sum(rows(events, metric, agent));
  }

  static List<ConservationAudit> audits(List<SimEvent> events) {
    List<ConservationAudit> audits = new ArrayList<>();
    for (SimEvent e : events) if (e instanceof ConservationAudit a) audits.add(a);
    return audits;
  }
}
