package org.magflow.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.magflow.event.ProjectStatus;
import org.magflow.units.Units;

/**
 * The pipeline of capacity projects: mines, separation circuits, metal, magnet and recycling plants, each at a
 * stage of development, which advance when the price they expect to realise beats their incentive price.
 *
 * <p>The rule, at every review (monthly by default), for each project not yet operating or cancelled:
 * <ul>
 *   <li>The price it expects for each of its outputs is the best of the market's forward view of that commodity
 *       in its owner's price zone (the zone price smoothed with time constant {@code forwardViewDays}: investors
 *       act on a sustained price, not a spike), a guaranteed floor in force for its owner, and, for its main
 *       output, a fixed-price offtake. Its <i>expected multiple</i> is the value of a tonne of its activity at
 *       those prices over its value at reference prices: a heavy rare-earth circuit is valued by its Dy and Tb,
 *       a light separator by its NdPr, whatever else each makes.
 *   <li>A project that has not taken its investment decision ({@code studied}: needs permits;
 *       {@code permitted}: needs finance) advances through that status only while the expected multiple is at
 *       or above its incentive multiple; each status needs its own number of such favourable days. While it is
 *       not, it stalls, and after {@code cancelAfterDays} of stalling in a row it is cancelled; a cancelled
 *       project is taken up again as studied after a favourable spell as long as its permitting needs.
 *   <li>A project {@code building} has committed its capital: it finishes on time whatever the price, then its
 *       plant's capacity ramps up to nameplate over {@code rampDays}. A technology ban in force on the plant
 *       delays and derates that capacity, as it does every addition ({@link Facility}).
 * </ul>
 * Governments act through the same decision: a price floor or an offtake raises the expected multiple, and
 * capital support (grants, equity, cheap debt) lowers the incentive multiple, which the scenario builder applies.
 * The statuses and dates every project passes through are reported as {@link ProjectStatus} events.
 *
 * <p>The named pipeline is finite. {@link Entrant}s stand for the unnamed capacity that follows it: once no named
 * project of their stage in their price zone is still waiting for its decision (each is building, operating or
 * cancelled), an entrant decides units of a standard size by the same rule, after its expected multiple has
 * beaten its incentive for its decision time in a row, and at most {@code maxUnitsPerYear} of them a year. The
 * rate falls in proportion as the expected multiple comes down to the incentive (full rate at
 * {@code fullRateMargin} above it), and units already building count against the entry rate, so that a price
 * still high while the first units are being built does not call in a wave that lands all at once: entry slows
 * as the price approaches the incentive. Each unit is a project of its own ({@code generic-magnet-us-1}, ...),
 * decided the day it is conceived, which builds for the entrant's lead time like any decided project.
 */
public final class Investment {

  /** How far a project has come. */
  public enum Status {
    STUDIED, PERMITTED, BUILDING, OPERATING, CANCELLED;

    /** The status's name in scenario files and outputs. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The status with this id; {@code financed} is a project whose investment decision is taken: building. */
    public static Status fromId(String id) {
      if ("financed".equals(id)) return BUILDING;
      for (Status s : values()) if (s.id().equals(id)) return s;
      throw new IllegalArgumentException("unknown project status '" + id + "'");
    }
  }

  /**
   * The pipeline's decision rule.
   *
   * @param reviewDays how often projects are reviewed
   * @param forwardViewDays time constant of the forward view of prices
   * @param cancelAfterDays days of stalling in a row after which a project not yet building is cancelled
   */
  public record Rule(double reviewDays, double forwardViewDays, double cancelAfterDays) {}

  /**
   * A project as the model sees it: ids resolved to agents and indices, dates to days.
   *
   * @param plant the idle plant its owner holds from the start, which the project fills when built
   * @param status where it stands at the scenario start
   * @param favourableDaysNeeded for {@code studied} and {@code permitted}, the favourable days each needs;
   *     for {@code building}, the days construction still takes; indexed by {@link Status#ordinal()}
   * @param mainOutput its output with most value at reference prices, which an offtake buys
   * @param incentiveMultiple the expected multiple at which it goes ahead, after capital support
   * @param offtakeUsdPerKg the price of a fixed-price offtake of its main output, or NaN for none
   */
  public record Plan(String id, String name, Producer owner, Facility plant, Status status,
                     double[] favourableDaysNeeded, double tonnesPerYear, double rampDays, int mainOutput,
                     double incentiveMultiple, double offtakeUsdPerKg) {
    public Plan {
      favourableDaysNeeded = favourableDaysNeeded.clone();
      if (favourableDaysNeeded.length != Status.values().length) {
        throw new IllegalArgumentException("need the days of every status");
      }
    }
  }

  /**
   * Unnamed capacity of one stage in one region, entering unit by unit once the named pipeline is exhausted.
   *
   * @param plant the idle plant its owner holds from the start, to which each unit adds capacity
   * @param mainOutput its output with most value at reference prices
   * @param unitTonnesPerYear each unit's nameplate, tonnes of activity a year
   * @param decisionDays favourable days in a row before the first unit is decided
   * @param leadDays days from a unit's decision to its first output
   * @param maxUnitsPerYear the most units decided a year, reached when the expected multiple is at least
   *     {@code incentiveMultiple × (1 + fullRateMargin)} and no unit is building
   * @param fullRateMargin 0 switches the guard against overbuilding off: entry at the full rate whenever the
   *     expected multiple beats the incentive, however many units are building
   */
  public record Entrant(String id, String name, Producer owner, Facility plant, int mainOutput,
                        double unitTonnesPerYear, double decisionDays, double leadDays, double rampDays,
                        double incentiveMultiple, double maxUnitsPerYear, double fullRateMargin) {}

  /** An entrant's progress during a run. */
  private static final class Entry {
    final Entrant entrant;
    final Plan template;
    /** Favourable days in a row. */
    double favourableDays;
    /** Units the entry rate has earned since the last decision. */
    double credit;
    int units;

    Entry(Entrant entrant, Plan template) {
      this.entrant = entrant;
      this.template = template;
    }
  }

  /** A project's progress during a run. */
  private static final class Project {
    final Plan plan;
    Status status;
    /** Favourable (or, when building, elapsed) days spent in the current status. */
    double progressDays;
    /** Days of stalling in a row. */
    double stalledDays;

    Project(Plan plan) {
      this.plan = plan;
      this.status = plan.status();
    }
  }

  private final SupplyChain world;
  private final Rule rule;
  /** The named projects, then the entrants' units in the order they were decided. */
  private final List<Project> projects;
  private final List<Entry> entries;
  /** The forward view of each zone's price, [zone][commodity], US dollars per kg. */
  private final double[][] forwardView;
  /** Each zone's reference prices, [zone][commodity], US dollars per kg: what multiples are measured against. */
  private final double[][] reference;

  Investment(SupplyChain world, Rule rule, List<Plan> plans, List<Entrant> entrants) {
    this.world = world;
    this.rule = rule;
    this.projects = new ArrayList<>(plans.stream().map(Project::new).toList());
    this.entries = entrants.stream().map(e -> new Entry(e, unitPlan(e, 0))).toList();
    int zones = world.prices.zones().size();
    this.forwardView = new double[zones][world.commodities.size()];
    this.reference = new double[zones][world.commodities.size()];
    for (int z = 0; z < zones; z++) {
      for (int c = 0; c < forwardView[z].length; c++) {
        forwardView[z][c] = world.prices.price(z, c);
        reference[z][c] = world.prices.reference(z, c);
      }
    }
  }

  boolean isEmpty() {
    return projects.isEmpty() && entries.isEmpty();
  }

  double reviewDays() {
    return rule.reviewDays();
  }

  /** Reports where every project stands at the scenario start. */
  void reportStart() {
    for (Project p : projects) report(p, world.start);
  }

  /**
   * Follows prices during the warm-up without deciding anything: statuses are as of the scenario start, and
   * the forward view starts from a settled market.
   */
  void watch(double days) {
    updateForwardView(days);
  }

  /** Reviews every project {@code days} after the last review. */
  void review(double now, double days) {
    updateForwardView(days);
    for (int i = 0; i < projects.size(); i++) { // indexed: entrants add units below, reviewed from the next time
      Project p = projects.get(i);
      switch (p.status) {
        case OPERATING -> { }
        case BUILDING -> build(p, now, days);
        case STUDIED, PERMITTED -> develop(p, now, days);
        case CANCELLED -> revive(p, now, days);
      }
    }
    for (Entry e : entries) enter(e, now, days);
  }

  /**
   * Decides an entrant's next unit when its spell of favourable prices is long enough and the entry rate has
   * earned it. The rate is {@code maxUnitsPerYear} times the margin of the expected multiple over the
   * incentive (as a share of {@code fullRateMargin}, at most 1), less the units still building: with a lead
   * time of three years, units decided on a high price would otherwise all land on a market they have already
   * brought down (an overbuild).
   */
  private void enter(Entry e, double now, double days) {
    Entrant en = e.entrant;
    double multiple = expectedMultiple(e.template);
    if (multiple < en.incentiveMultiple() || !namedPipelineExhausted(en)) {
      e.favourableDays = 0;
      e.credit = 0;
      return;
    }
    boolean spellDone = e.favourableDays >= en.decisionDays();
    e.favourableDays += days;
    if (e.favourableDays < en.decisionDays()) return;
    boolean guarded = en.fullRateMargin() > 0; // a margin of 0 switches the guard off: full rate, units not counted
    // the units a full pipeline holds: the most the entry rate decides over a lead time
    double fullPipeline = en.maxUnitsPerYear() * Math.max(Units.years(en.leadDays()), 1);
    double room = guarded ? Math.max(0, 1 - unitsBuilding(en) / fullPipeline) : 1;
    if (!spellDone) {
      e.credit = room; // the first unit of a spell is decided at its end, if the pipeline has room
    } else {
      // the margin of today's price as well as of the forward view: after a spike the year's average stays
      // high long after the price has come down, and entry on it alone overbuilds
      double lower = Math.min(multiple, currentMultiple(e.template));
      double margin = guarded ? Math.max(0, Math.min(1, (lower / en.incentiveMultiple() - 1) / en.fullRateMargin())) : 1;
      e.credit += en.maxUnitsPerYear() * margin * room * Units.years(days);
    }
    if (e.credit < 1) return;
    e.credit = 0;
    e.units++;
    Project unit = new Project(unitPlan(en, e.units));
    projects.add(unit);
    report(unit, world.calendar.toDate(now));
    advance(unit, Status.BUILDING, now);
  }

  /** Unit {@code n} of an entrant as a project, conceived as studied and decided on the same day. */
  private static Plan unitPlan(Entrant en, int n) {
    double[] days = new double[Status.values().length];
    days[Status.BUILDING.ordinal()] = en.leadDays();
    return new Plan(en.id() + "-" + n, en.name() + " " + n, en.owner(), en.plant(), Status.STUDIED, days,
        en.unitTonnesPerYear(), en.rampDays(), en.mainOutput(), en.incentiveMultiple(), Double.NaN);
  }

  /** The entrant's units decided and not yet operating. */
  private double unitsBuilding(Entrant en) {
    return projects.stream().filter(p -> p.plan.plant() == en.plant() && p.status == Status.BUILDING).count();
  }

  /**
   * Whether no named project of the entrant's stage in its price zone still waits for its decision: entrants
   * come after the pipeline, not before it.
   */
  private boolean namedPipelineExhausted(Entrant en) {
    Stage stage = en.plant().recipe.stage();
    int zone = en.plant().site.zone();
    for (Project p : projects) {
      boolean waiting = p.status == Status.STUDIED || p.status == Status.PERMITTED;
      if (waiting && p.plan.plant().recipe.stage() == stage && p.plan.plant().site.zone() == zone) return false;
    }
    return true;
  }

  private void updateForwardView(double days) {
    double weight = 1 - StrictMath.exp(-days / rule.forwardViewDays());
    for (int z = 0; z < forwardView.length; z++) {
      for (int c = 0; c < forwardView[z].length; c++) {
        forwardView[z][c] += (world.prices.price(z, c) - forwardView[z][c]) * weight;
      }
    }
  }

  /**
   * The price a project expects to realise for its output {@code c}, US dollars per kg, when the market's
   * price is {@code market}: the better of it, a floor in force for its owner and, for its main output, its
   * offtake.
   */
  private double realisedUsdPerKg(Plan plan, int c, double market) {
    double expected = market;
    double floor = world.priceFloor(plan.owner(), c);
    if (!Double.isNaN(floor)) expected = Math.max(expected, floor);
    if (c == plan.mainOutput() && !Double.isNaN(plan.offtakeUsdPerKg())) {
      expected = Math.max(expected, plan.offtakeUsdPerKg());
    }
    return expected;
  }

  /** The value of a tonne of the project's activity at the prices it expects, over its value at reference. */
  double expectedMultiple(Plan plan) {
    return multiple(plan, forwardView[plan.owner().region.zone()]);
  }

  /** The same at today's prices rather than the forward view: what entrants' rate follows (see {@link #enter}). */
  private double currentMultiple(Plan plan) {
    int zone = plan.owner().region.zone();
    double[] today = new double[reference[zone].length];
    for (int c = 0; c < today.length; c++) today[c] = world.prices.price(zone, c);
    return multiple(plan, today);
  }

  private double multiple(Plan plan, double[] market) {
    Recipe recipe = plan.plant().recipe;
    double[] ref = reference[plan.owner().region.zone()];
    double expected = 0;
    double atReference = 0;
    for (int c = 0; c < recipe.commodityCount(); c++) {
      double yield = recipe.output(c);
      if (yield <= 0) continue;
      expected += yield * realisedUsdPerKg(plan, c, market[c]);
      atReference += yield * ref[c];
    }
    return atReference > 0 ? expected / atReference : 0;
  }

  private void develop(Project p, double now, double days) {
    if (expectedMultiple(p.plan) >= p.plan.incentiveMultiple()) {
      p.stalledDays = 0;
      p.progressDays += days;
      if (p.progressDays >= p.plan.favourableDaysNeeded()[p.status.ordinal()]) {
        advance(p, p.status == Status.STUDIED ? Status.PERMITTED : Status.BUILDING, now);
        if (p.status == Status.BUILDING) build(p, now, 0); // a project with nothing left to build opens now
      }
    } else {
      p.stalledDays += days;
      if (p.stalledDays >= rule.cancelAfterDays()) advance(p, Status.CANCELLED, now);
    }
  }

  /**
   * A cancelled project is shelved, not gone: the deposit or the site is still there. After as many favourable
   * days in a row as its studies needed, it is taken up again as studied (Mountain Pass, bankrupt under
   * Molycorp in 2015, was bought in 2017 and restarted: sources §S9.1, §S9.6) and goes through permitting and
   * financing anew.
   */
  private void revive(Project p, double now, double days) {
    if (expectedMultiple(p.plan) < p.plan.incentiveMultiple()) {
      p.progressDays = 0;
      return;
    }
    p.progressDays += days;
    if (p.progressDays >= p.plan.favourableDaysNeeded()[Status.STUDIED.ordinal()]) advance(p, Status.STUDIED, now);
  }

  private void build(Project p, double now, double days) {
    p.progressDays += days;
    if (p.progressDays >= p.plan.favourableDaysNeeded()[Status.BUILDING.ordinal()]) {
      Plan plan = p.plan;
      plan.plant().commission(now, plan.tonnesPerYear(), plan.rampDays());
      double output = plan.tonnesPerYear() * plan.plant().recipe.output(plan.mainOutput())
          * plan.owner().supply.normalUtilisation();
      world.signOfftakes(plan.owner(), plan.plant(), plan.mainOutput(), output);
      advance(p, Status.OPERATING, now);
    }
  }

  private void advance(Project p, Status next, double now) {
    p.status = next;
    p.progressDays = 0;
    p.stalledDays = 0;
    report(p, world.calendar.toDate(now));
  }

  private void report(Project p, java.time.LocalDate date) {
    Plan plan = p.plan;
    world.report(new ProjectStatus(date, plan.id(), plan.name(), plan.owner().id, plan.plant().site.id(),
        plan.plant().recipe.stage().id(), plan.tonnesPerYear(), p.status.id()));
  }
}
