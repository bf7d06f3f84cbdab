package org.magflow.model;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.magflow.event.EventSink;
import org.magflow.event.Metrics;
import org.magflow.event.PriceReference;
import org.magflow.event.SimEvent;
import org.magflow.kernel.Simulation;
import org.magflow.policy.Policy;
import org.magflow.policy.TradeRules;
import org.magflow.random.RandomStreams;
import org.magflow.units.SimCalendar;
import org.magflow.units.Units;

/**
 * The simulated supply chain: its agents, market, prices and policies, run once on the event kernel.
 *
 * <p>The run starts {@code warmupDays} before the scenario start so that stocks, pipelines and sales signals
 * settle before anything is reported; policies already in force at the start apply during the warm-up too.
 * Recurring processes run at their own intervals; on a day when several are due they run in the order of
 * {@link Phase}. A {@code SupplyChain} is single-use: build a new one for each run. The model's
 * transcendental functions are {@link StrictMath}'s, which Java guarantees to give the same bits on every JDK
 * and processor, so a scenario and seed give byte-identical outputs everywhere.
 */
public final class SupplyChain implements Producer.ProductionLog, DemandSector.ConsumptionLog {

  /** The order of same-day events: a period closes before the day's events, policies apply before trade. */
  enum Phase { REPORT, POLICY, ARRIVAL, PRODUCTION, CONSUMPTION, CLEARING, INVESTMENT }

  /** How often each recurring process runs, in days, and how long a reporting period is. */
  public record Clock(int productionDays, int clearingDays, int consumptionDays, Reporting reporting) {}

  /** The length of a reporting period. */
  public enum Reporting {
    DAILY, WEEKLY, MONTHLY, QUARTERLY;

    LocalDate next(LocalDate periodStart) {
      return switch (this) {
        case DAILY -> periodStart.plusDays(1);
        case WEEKLY -> periodStart.plusWeeks(1);
        case MONTHLY -> periodStart.withDayOfMonth(1).plusMonths(1);
        case QUARTERLY -> periodStart.withDayOfMonth(1).minusMonths((periodStart.getMonthValue() - 1) % 3).plusMonths(3);
      };
    }
  }

  final LocalDate start;
  final LocalDate end;
  final Clock clock;
  final SimCalendar calendar;
  final List<Commodity> commodities;
  final List<Region> regions;
  final List<Producer> producers;
  final List<StockpileHolder> stockpiles;
  final List<DemandSector> sectors;
  /** Whether some producer has a sourcing rule of its own (so sellers' origins must be read). */
  final boolean ownSourcingRules;
  /** Agents that sell: producers, then stockpile holders; a seller's index is its agent index. */
  final List<Agent> sellers;
  final List<Agent> agents;
  final RouteTable routes;
  final PriceBook prices;
  final DemandSector.DemandResponse demandResponse;
  final Ledger ledger;
  private final Map<Integer, Set<Stage>> stagesBehind = new HashMap<>();
  private final Departures leaving = new Departures();
  /** Every shipment sold and not yet arrived or refused, in the order sold: what the audit counts as in transit. */
  final Set<Shipment> outstanding = new LinkedHashSet<>();
  private final PowCache powers = new PowCache();
  private final Simulation sim = new Simulation();
  private final Market market;
  private final PolicyBook policyBook;
  private final Licensing licensing;
  private Investment investment;
  private EndOfLife endOfLife;
  private Reporter reporter;
  private EventSink sink;
  private double endTime;
  private boolean ran;

  /**
   * @param calendar maps dates to simulation time; its day 0 is the start of the warm-up, which lasts until
   *     {@code start}
   * @param producers agents 0..P-1, in the order of their {@code index}
   * @param stockpiles agents P..P+K-1, holders created for the stockpile policies
   * @param sectors agents P+K.., in the order of their {@code index}
   * @param streams the run's random streams (licence reviews draw from them)
   */
  public SupplyChain(SimCalendar calendar, LocalDate start, LocalDate end, Clock clock, List<Commodity> commodities,
                     List<Region> regions, List<Producer> producers, List<StockpileHolder> stockpiles,
                     List<DemandSector> sectors, RouteTable routes, PriceBook prices, List<Policy> policies,
                     DemandSector.DemandResponse demandResponse, RandomStreams streams) {
    this.start = Objects.requireNonNull(start, "start");
    this.end = Objects.requireNonNull(end, "end");
    this.clock = clock;
    this.calendar = Objects.requireNonNull(calendar, "calendar");
    if (calendar.start().isAfter(start)) throw new IllegalArgumentException("the warm-up cannot start after the start");
    this.commodities = List.copyOf(commodities);
    this.regions = List.copyOf(regions);
    this.producers = List.copyOf(producers);
    this.stockpiles = List.copyOf(stockpiles);
    this.sectors = List.copyOf(sectors);
    this.ownSourcingRules = producers.stream().anyMatch(Producer::excludesOrigins);
    List<Agent> selling = new ArrayList<>(producers);
    selling.addAll(stockpiles);
    this.sellers = List.copyOf(selling);
    List<Agent> all = new ArrayList<>(selling);
    all.addAll(sectors);
    this.agents = List.copyOf(all);
    for (int i = 0; i < agents.size(); i++) {
      if (agents.get(i).index != i) throw new IllegalArgumentException("agent " + agents.get(i) + " has index "
          + agents.get(i).index + ", expected " + i);
    }
    this.routes = routes;
    this.prices = prices;
    this.demandResponse = demandResponse;
    this.ledger = new Ledger(commodities);
    this.market = new Market(this);
    this.policyBook = new PolicyBook(this, policies);
    this.licensing = new Licensing(this, streams);
  }

  /**
   * Gives the run a pipeline of capacity projects, each filling an idle plant its owner already holds.
   * Without one, capacity changes only as the scenario's capacity points and events say.
   */
  public void invest(Investment.Rule rule, List<Investment.Plan> plans) {
    invest(rule, plans, List.of());
  }

  /**
   * Gives the run a pipeline of named projects and the unnamed entrants that follow it once it is exhausted
   * ({@link Investment.Entrant}), each filling an idle plant its owner already holds.
   */
  public void invest(Investment.Rule rule, List<Investment.Plan> plans, List<Investment.Entrant> entrants) {
    if (ran) throw new IllegalStateException("the run has started");
    this.investment = plans.isEmpty() && entrants.isEmpty() ? null : new Investment(this, rule, plans, entrants);
  }

  /**
   * Feeds the run's recycling plants from end-of-life magnets: what each demand sector uses comes back after
   * its products' lives, and {@code collectionShare} of it can be recycled ({@link EndOfLife}).
   *
   * @param lifetimeYears each demand sector's mean product lifetime, in the order of the sectors
   */
  public void recycle(double collectionShare, double[] lifetimeYears) {
    if (ran) throw new IllegalStateException("the run has started");
    this.endOfLife = new EndOfLife(sectors, lifetimeYears, collectionShare, scenarioStart(), calendar.endOf(end),
        producers);
  }

  /** The guaranteed price of a producer's commodity in force, or NaN. */
  double priceFloor(Producer p, int c) {
    return policyBook.priceFloor(p, c);
  }

  Market market() {
    return market;
  }

  TradeRules rules() {
    return policyBook.rules();
  }

  /** Sends an event to the run's outputs. */
  void report(SimEvent event) {
    sink.accept(event);
  }

  /** The simulation time at which the scenario starts (the end of the warm-up). */
  double scenarioStart() {
    return calendar.toSimTime(start);
  }

  /**
   * Sets an agent's opening stock (at the start of the warm-up) and its target cover. Opening stock is
   * recorded as having gone through every stage in the holder's own region; the warm-up replaces it with
   * traded material before the scenario start.
   */
  public void openStock(Agent agent, int c, double tonnes, double targetCoverDays) {
    if (ran) throw new IllegalStateException("the run has started");
    double[] origin = Origin.empty(regions.size());
    for (Stage stage : stagesBehind(c)) Origin.stamp(origin, stage, agent.region.index(), regions.size());
    agent.openStock(c, tonnes, targetCoverDays, origin);
    ledger.initial[c] += tonnes;
  }

  /** The stages material of commodity {@code c} has been through, from the recipes that make it. */
  private Set<Stage> stagesBehind(int c) {
    return stagesBehind(c, 0);
  }

  // Performance: memoised per commodity; walking the recipe graph afresh for every opening stock took time
  // growing with the cube of the number of producers.
  private Set<Stage> stagesBehind(int c, int depth) {
    Set<Stage> known = stagesBehind.get(c);
    if (known != null) return known;
    Set<Stage> stages = EnumSet.noneOf(Stage.class);
    if (depth > commodities.size()) return stages; // recipe cycles are rejected by validation; this only guards
    for (Producer p : producers) {
      for (Facility f : p.facilities) {
        for (Recipe recipe : f.recipes) {
          if (recipe.output(c) <= 0) continue;
          stages.add(recipe.stage());
          for (int in = 0; in < commodities.size(); in++) {
            if (recipe.input(in) > 0) stages.addAll(stagesBehind(in, depth + 1));
          }
        }
      }
    }
    stagesBehind.put(c, stages);
    return stages;
  }

  /** Runs the whole horizon, sending every event to {@code events}. */
  public void run(EventSink events) {
    if (ran) throw new IllegalStateException("a SupplyChain runs once; build a new one");
    ran = true;
    this.sink = events;
    if (!events.wants(Metrics.ORIGIN_SHARE) && policyBook.policies().stream().noneMatch(Policy::readsOrigin)
        && !ownSourcingRules) {
      for (Agent a : agents) a.inventory.ignoreOrigin(); // nothing would read them
    }
    endTime = calendar.endOf(end);
    schedulePeriods(endTime);
    for (int z = 0; z < prices.zones().size(); z++) {
      for (Commodity c : commodities) {
        sink.accept(new PriceReference(prices.zones().get(z), c.id(), prices.reference(z, c.index()),
            prices.cap(z, c.index())));
      }
    }
    initialiseLeadTimesAndPlans();
    schedulePolicies(endTime);
    recurring(clock.productionDays(), Phase.PRODUCTION, endTime, this::produce);
    recurring(clock.consumptionDays(), Phase.CONSUMPTION, endTime, this::consume);
    recurring(clock.clearingDays(), Phase.CLEARING, endTime, this::clear);
    if (investment != null) scheduleInvestment();
    sim.runUntil(endTime);
    ledger.audit(commodities, agents, outstandingTonnes()).forEach(sink::accept);
  }

  private void recurring(double intervalDays, Phase phase, double endTime, java.util.function.DoubleConsumer step) {
    sim.scheduleRecurring(0, phase.ordinal(), now -> {
      step.accept(now);
      double next = now + intervalDays;
      return next < endTime ? next : Double.NaN;
    });
  }

  /** Projects are reviewed from the scenario start; during the warm-up the investors only watch prices. */
  private void scheduleInvestment() {
    double interval = investment.reviewDays();
    double scenarioStart = scenarioStart();
    investment.reportStart();
    recurring(interval, Phase.INVESTMENT, endTime, now -> {
      double days = Math.min(interval, now);
      if (now < scenarioStart) investment.watch(days);
      else investment.review(now, days);
    });
  }

  private void schedulePeriods(double endTime) {
    List<Double> starts = new ArrayList<>();
    List<Double> ends = new ArrayList<>();
    List<LocalDate> lastDays = new ArrayList<>();
    LocalDate afterEnd = end.plusDays(1);
    for (LocalDate from = start; from.isBefore(afterEnd); ) {
      LocalDate next = clock.reporting().next(from);
      if (next.isAfter(afterEnd)) next = afterEnd;
      starts.add(calendar.toSimTime(from));
      ends.add(calendar.toSimTime(next));
      lastDays.add(next.minusDays(1));
      from = next;
    }
    double[] periodEnd = ends.stream().mapToDouble(Double::doubleValue).toArray();
    reporter = new Reporter(this, starts.stream().mapToDouble(Double::doubleValue).toArray(), periodEnd,
        lastDays.toArray(LocalDate[]::new), sink);
    for (int k = 0; k < periodEnd.length; k++) {
      int period = k;
      sim.scheduleAt(Math.min(periodEnd[k], endTime), Phase.REPORT.ordinal(), () -> reporter.closePeriod(period));
    }
  }

  /** Buyers first expect the transit time from their cheapest source; plants start at normal utilisation. */
  private void initialiseLeadTimesAndPlans() {
    for (Agent buyer : agents) {
      for (Commodity c : commodities) {
        if (!buyer.buys(c.index())) continue;
        double best = Double.POSITIVE_INFINITY;
        double transit = 0;
        for (Producer p : producers) {
          if (p == buyer || !p.makes(c.index())) continue;
          double freight = routes.freightUsdPerKg(p.region.index(), buyer.region.index());
          if (freight < best) {
            best = freight;
            transit = routes.transitDays(p.region.index(), buyer.region.index());
          }
        }
        buyer.expectLeadDays(c.index(), transit);
      }
    }
    for (Producer p : producers) p.planNormalUtilisation();
  }

  private void schedulePolicies(double endTime) {
    double scenarioStart = scenarioStart();
    List<Policy> policies = policyBook.policies();
    for (int i = 0; i < policies.size(); i++) {
      Policy policy = policies.get(i);
      int index = i;
      double on = Math.max(0, policy.start());
      double off = policy.end();
      if (off <= scenarioStart || on >= endTime || off <= on) continue;
      if (on <= scenarioStart) {
        // in force before the scenario starts: part of the world the warm-up settles into
        LocalDate reported = policy.start() < scenarioStart ? start : calendar.toDate(policy.start());
        policyBook.switchPolicy(index, true, reported, 0);
      } else {
        LocalDate reported = calendar.toDate(on);
        sim.scheduleAt(on, Phase.POLICY.ordinal(), () -> policyBook.switchPolicy(index, true, reported, sim.now()));
      }
      if (off < endTime) {
        LocalDate reported = calendar.toDate(off);
        sim.scheduleAt(off, Phase.POLICY.ordinal(), () -> policyBook.switchPolicy(index, false, reported, sim.now()));
      }
    }
  }

  /**
   * The days a step starting now covers: its interval, cut short at the end of the horizon, so that what is made,
   * used and reported adds up to the ledger. The last clearing is cut short with the others: its buyers order for
   * the days left, as much as the last production step made, and its price moves over those days. (Ordering a
   * whole week from a few days' output left the last clearing short, and the last month's prices jumped.)
   */
  private double daysLeft(double now, double intervalDays) {
    return Math.min(intervalDays, endTime - now);
  }

  private void produce(double now) {
    double days = daysLeft(now, clock.productionDays());
    for (Producer p : producers) {
      if (now >= scenarioStart()) p.startSmoothingOrders();
      // plants learn to thrift from the scenario start: the warm-up's settling prices are not a market signal
      if (now >= scenarioStart() && p.thrifts()) p.thrift(days, priceMultiples(p.region.zone()));
      double[][] revenueMultiple = new double[p.facilities.size()][];
      for (int i = 0; i < revenueMultiple.length; i++) {
        Recipe[] recipes = p.facilities.get(i).recipes;
        revenueMultiple[i] = new double[recipes.length];
        for (int r = 0; r < recipes.length; r++) revenueMultiple[i][r] = revenueMultiple(p, recipes[r]);
      }
      p.produce(now, days, clock.clearingDays(), revenueMultiple, this);
    }
  }

  /**
   * A plant a project has just built contracts its expected output of {@code c} to the buyers of {@code c} in
   * its owner's price zone, the same share of each buyer's orders, taken from its other suppliers and its spot
   * buying alike. New plants sell under offtakes signed with their financing (GM with MP, Vulcan and e-VAC;
   * Nidec with Noveon: sources §S9.4) rather than wait for buyers to find them; without this, orders keep
   * going to the sellers buyers already know and a new plant idles unless prices are high enough to push it.
   */
  void signOfftakes(Producer owner, int c, double tonnesPerYear) {
    double use = zoneUse(owner, c);
    if (use <= 0) return;
    double share = Math.min(1, Units.perDay(tonnesPerYear) / use);
    for (Agent a : agents) if (offtaker(a, owner, c)) a.addSupplier(owner.index, share, c);
  }

  /**
   * As {@link #signOfftakes(Producer, int, double)} for a plant that can run alternatives (a magnet line's grades):
   * its output is contracted to each recipe's main output (by value at the zone's reference prices, as projects
   * pick their own) in proportion to what the zone's buyers use of it, so a new magnet plant sells heavy-free
   * magnets as well as the Dy/Tb grade its financing names.
   *
   * @param main the main output of the plant's own recipe
   */
  void signOfftakes(Producer owner, Facility plant, int main, double tonnesPerYear) {
    if (plant.recipes.length == 1) {
      signOfftakes(owner, main, tonnesPerYear);
      return;
    }
    double[] reference = new double[commodities.size()];
    for (Commodity c : commodities) reference[c.index()] = prices.reference(owner.region.zone(), c.index());
    int[] made = new int[plant.recipes.length];
    double[] use = new double[made.length];
    double total = 0;
    for (int r = 0; r < made.length; r++) {
      made[r] = r == 0 ? main : plant.recipes[r].mainOutput(reference);
      use[r] = zoneUse(owner, made[r]);
      total += use[r];
    }
    if (total <= 0) return;
    for (int r = 0; r < made.length; r++) signOfftakes(owner, made[r], tonnesPerYear * use[r] / total);
  }

  /** Tonnes a day of {@code c} the buyers in {@code owner}'s price zone, other than it, expect to use. */
  private double zoneUse(Producer owner, int c) {
    double use = 0;
    for (Agent a : agents) if (offtaker(a, owner, c)) use += a.expectedUsePerDay(c);
    return use;
  }

  private static boolean offtaker(Agent a, Producer owner, int c) {
    return a != owner && a.region.zone() == owner.region.zone() && !(a instanceof StockpileHolder) && a.buys(c)
        && a.expectedUsePerDay(c) > 0;
  }

  /** Each commodity's price in {@code zone} over its reference. */
  private double[] priceMultiples(int zone) {
    double[] multiples = new double[commodities.size()];
    for (Commodity c : commodities) multiples[c.index()] = prices.price(zone, c.index()) / prices.reference(zone, c.index());
    return multiples;
  }

  /**
   * The value of a recipe's output at the prices its owner realises (its home zone's, or a guaranteed floor
   * if higher) over its value at reference prices.
   */
  private double revenueMultiple(Producer p, Recipe recipe) {
    int zone = p.region.zone();
    double atPrice = 0;
    double atReference = 0;
    for (Commodity c : commodities) {
      double yield = recipe.output(c.index());
      if (yield <= 0) continue;
      double floor = policyBook.priceFloor(p, c.index());
      double price = prices.price(zone, c.index());
      atPrice += yield * (Double.isNaN(floor) ? price : Math.max(price, floor));
      atReference += yield * prices.reference(zone, c.index());
    }
    return atReference > 0 ? atPrice / atReference : 1;
  }

  private void consume(double now) {
    double days = daysLeft(now, clock.consumptionDays());
    double years = Units.years(now - scenarioStart());
    for (DemandSector s : sectors) {
      s.consume(days, years, prices.multiple(s.region.zone(), s.commodity), demandResponse, this, now, powers);
    }
  }

  private void clear(double now) {
    leaving.close();
    double days = daysLeft(now, clock.clearingDays());
    policyBook.updateStockpiles(now);
    for (Commodity c : commodities) {
      boolean[][] blocked = TradeParties.blocked(this, rules(), c.index(), now);
      market.clear(c.index(), now, days, blocked);
    }
  }

  /**
   * Sends {@code tonnes} of {@code c} from a seller to a buyer. Under a licence rule it first waits for its
   * review; then it departs and arrives after the route's transit time. A clearing's trade is reported as
   * flowing evenly over the {@code days} until the next one.
   */
  void ship(int seller, int buyer, int c, double tonnes, double now, double days) {
    Agent from = sellers.get(seller);
    Agent to = agents.get(buyer);
    double[] origin = from.inventory.take(c, tonnes);
    to.inTransit[c] += tonnes; // on order from now: buyers plan on it, and the ledger counts it as under way
    ledger.inTransit[c] += tonnes;
    Shipment sold = new Shipment(from, to, c, tonnes, origin, now, days);
    outstanding.add(sold);
    Licensing.Review review = licensing.review(rules(), from, to, c, origin);
    if (review == null) {
      depart(sold);
      return;
    }
    int f = from.region.index();
    int t = to.region.index();
    licensing.pending[f][t][c] += tonnes;
    leaving.close(); // a review event comes between the shipments that left before it and those after
    sim.schedule(review.days(), Phase.ARRIVAL.ordinal(), () -> {
      leaving.close();
      licensing.pending[f][t][c] -= tonnes;
      outstanding.remove(sold);
      double decided = sim.now();
      double span = clock.clearingDays();
      if (review.approved()) {
        reporter.flow(reporter.licencesApproved[f][t][c], decided, span, tonnes);
        Shipment licensed = new Shipment(from, to, c, tonnes, origin, now, span);
        outstanding.add(licensed);
        depart(licensed);
      } else {
        reporter.flow(reporter.licencesDenied[f][t][c], decided, span, tonnes);
        to.refused(c, tonnes);
        ledger.inTransit[c] -= tonnes;
        if (review.rule().writeOffDenied()) {
          ledger.writtenOff[c] += tonnes;
          reporter.flow(reporter.writtenOff[f][t][c], decided, span, tonnes);
        } else {
          from.inventory.add(c, tonnes, origin);
        }
      }
    });
  }

  /**
   * Material on its way from one agent to another.
   *
   * @param origin the material's origin mix, shared with other shipments: read only
   * @param orderedAt when it was sold, so buyers learn the whole lead time
   * @param days the days over which its departure and arrival are reported as flowing
   */
  record Shipment(Agent from, Agent to, int c, double tonnes, double[] origin, double orderedAt, double days) {
    /** Each shipment is one item, however alike two are. */
    @Override
    public boolean equals(Object other) {
      return this == other;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(this);
    }
  }

  /** The tonnes of each commodity in the outstanding shipments, counted one by one. */
  private double[] outstandingTonnes() {
    double[] tonnes = new double[commodities.size()];
    for (Shipment s : outstanding) tonnes[s.c] += s.tonnes;
    return tonnes;
  }

  /** Puts a shipment on its way now, reported as shipped over its days. */
  private void depart(Shipment s) {
    double now = sim.now();
    int from = s.from.region.index();
    int to = s.to.region.index();
    reporter.flow(reporter.shipped[from][to][s.c], now, s.days, s.tonnes);
    TradeRules rules = rules();
    if (rules.leaks()) reporter.flow(reporter.leaked[from][to][s.c], now, s.days, s.tonnes * rules.leakedShare(from, to, s.c));
    double transit = routes.transitDays(s.from.region.index(), s.to.region.index());
    leaving.add(now + transit, s); // the time the kernel gives an event scheduled transit days from now
  }

  /**
   * The shipments that left in the event now running, grouped by arrival time: each group arrives in one kernel
   * event, in the order its shipments left. That is the order one event per shipment would give as long as no
   * other arrival-phase event is scheduled in between, so the groups close when one is, and before every event
   * that ships.
   */
  // Performance: a clearing makes dozens of shipments over a few routes; one event per group instead of one per
  // shipment cut the kernel events of a baseline run from 30,642 to 4,792.
  private final class Departures {
    private double[] times = new double[8]; // a few: one per transit time in use
    private final List<List<Shipment>> groups = new ArrayList<>();

    void add(double arrivalTime, Shipment s) {
      int g = 0;
      while (g < groups.size() && times[g] != arrivalTime) g++;
      if (g == groups.size()) {
        List<Shipment> group = new ArrayList<>();
        sim.scheduleAt(arrivalTime, Phase.ARRIVAL.ordinal(), () -> group.forEach(SupplyChain.this::arrive));
        if (g == times.length) times = Arrays.copyOf(times, 2 * g);
        times[g] = arrivalTime;
        groups.add(group);
      }
      groups.get(g).add(s);
    }

    void close() {
      groups.clear();
    }
  }

  private void arrive(Shipment s) {
    if (!outstanding.remove(s)) return; // lost on the way: it never arrives, and the audit misses it
    double now = sim.now();
    ledger.inTransit[s.c] -= s.tonnes;
    s.to.receive(s.c, s.tonnes, s.origin, now - s.orderedAt);
    reporter.flow(reporter.delivered[s.to.index][s.c], now, s.days, s.tonnes);
  }

  /** Tonnes of each commodity awaiting licence review between two regions, for reports. */
  double pendingLicences(int from, int to, int c) {
    return licensing.pending[from][to][c];
  }

  @Override
  public void used(Producer p, int c, double tonnes, double now, double days) {
    ledger.used[c] += tonnes;
    reporter.flow(reporter.inputUse[p.index][c], now, days, tonnes);
  }

  @Override
  public void produced(Producer p, int c, double tonnes, double now, double days) {
    ledger.produced[c] += tonnes;
    reporter.flow(reporter.production[p.index][c], now, days, tonnes);
  }

  @Override
  public void ran(Producer p, Facility f, Recipe recipe, double activityTonnes, double now, double days) {
    ledger.ran(recipe, activityTonnes);
    reporter.flow(reporter.throughput[p.index][f.recipe.stage().ordinal()], now, days, activityTonnes);
  }

  @Override
  public void capacity(Producer p, Facility f, double availableActivityTonnes, double now, double days) {
    reporter.flow(reporter.capacityAvailable[p.index][f.recipe.stage().ordinal()], now, days, availableActivityTonnes);
  }

  @Override
  public void consumed(DemandSector s, double demand, double used, double shortfall, double now, double days) {
    ledger.consumed[s.commodity] += used;
    if (endOfLife != null) endOfLife.used(s, used, now);
    int i = s.index - sellers.size();
    reporter.flow(reporter.demand[i], now, days, demand);
    reporter.flow(reporter.consumption[i], now, days, used);
    reporter.flow(reporter.shortage[i], now, days, shortfall);
  }
}
