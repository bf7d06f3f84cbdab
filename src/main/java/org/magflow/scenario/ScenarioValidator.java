package org.magflow.scenario;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.DoublePredicate;
import java.util.regex.Pattern;
import org.magflow.scenario.PolicySpec.*;
import org.magflow.scenario.ScenarioSpec.CapacityPointSpec;
import org.magflow.scenario.ScenarioSpec.ClockSpec;
import org.magflow.scenario.ScenarioSpec.CommoditySpec;
import org.magflow.scenario.ScenarioSpec.DemandResponseSpec;
import org.magflow.scenario.ScenarioSpec.DemandSpec;
import org.magflow.scenario.ScenarioSpec.FacilitySpec;
import org.magflow.scenario.ScenarioSpec.LaneSpec;
import org.magflow.scenario.ScenarioSpec.MarketSpec;
import org.magflow.scenario.ScenarioSpec.OutageSpec;
import org.magflow.scenario.ScenarioSpec.PriceRuleSpec;
import org.magflow.scenario.ScenarioSpec.ProducerSpec;
import org.magflow.scenario.ScenarioSpec.RecipeSpec;
import org.magflow.scenario.ScenarioSpec.ReferencePriceSpec;
import org.magflow.scenario.ScenarioSpec.RegionSpec;
import org.magflow.scenario.ScenarioSpec.RouteSpec;
import org.magflow.scenario.ScenarioSpec.StockSpec;
import org.magflow.scenario.ScenarioSpec.SupplierShareSpec;
import org.magflow.scenario.ScenarioSpec.SupplySpec;
import org.magflow.scenario.ScenarioSpec.TradeSpec;

/**
 * The semantic rules a bound scenario must satisfy before a model is built from it.
 *
 * <p>Every rule is checked and every violation reported, each with the path of the field and a message that
 * says what was expected and what was found. Paths use the names written in files ({@code trade.default}).
 * The validator accepts any spec, however incomplete: a null anywhere is a missing field, never a crash.
 */
public final class ScenarioValidator {
  /** The longest simulated horizon, end minus start. */
  public static final int MAX_HORIZON_YEARS = 100;
  /** The most agents (producers plus demand sectors) in one scenario. */
  public static final int MAX_AGENTS = 10_000;
  /**
   * The most trade work one run may take, in agent-pair clearings: agents × producers × market clearings
   * (warm-up included). Each clearing every buyer ranks every seller, so this is what a run's time grows with:
   * the baseline needs about 0.3 million, and a run at the bound takes about ten minutes (about 1.5 million per
   * second on one core). A scenario above it, e.g. 10,000 agents clearing daily for 100 years, would run for
   * days; it is refused before it starts.
   */
  public static final long MAX_TRADE_WORK = 1_000_000_000L;
  /**
   * The most reported agent-periods in one run: agents × reporting periods. Each gives about ten rows of
   * {@code timeseries.csv}, so the bound is about ten million rows (about 1 GB of memory and 700 MB of CSV);
   * the baseline reports about 3,000.
   */
  public static final long MAX_AGENT_PERIODS = 1_000_000L;
  /** The most facilities one producer may run. */
  public static final int MAX_FACILITIES_PER_PRODUCER = 1_000;
  /** The longest scenario name; it names the output folder. */
  public static final int MAX_NAME_LENGTH = 100;
  /** The highest allocation priority of a demand sector (0 is the lowest). */
  public static final int MAX_PRIORITY = 100;
  /** The longest recurring-process interval, in days. */
  public static final int MAX_INTERVAL_DAYS = 366;
  /** The longest warm-up before the start, in days (ten years). */
  public static final int MAX_WARMUP_DAYS = 3_650;
  /** The largest demand noise (coefficient of variation); above it, draws below zero become common. */
  public static final double MAX_NOISE = 0.5;
  /**
   * The most a demand group may want, t a year: a thousand times the world's whole rare-earth output, so no real
   * study meets it, while a run's sums stay far from the overflow that would turn its mass balance into NaN.
   */
  public static final double MAX_DEMAND_TONNES_PER_YEAR = 1e9;
  /** The reporting periods a clock may use. */
  public static final List<String> REPORTING_PERIODS = List.of("daily", "weekly", "monthly", "quarterly");
  /** What happens to demand that is not met. */
  public static final List<String> UNMET_RULES = List.of("lost", "backlog");
  /** What a licence rule does with denied material. */
  public static final List<String> DENIED_RULES = List.of("return", "write-off");
  /** The distributions a duration may follow. */
  public static final List<String> DISTRIBUTIONS = List.of("fixed", "uniform", "triangular", "lognormal");
  /** The kinds of capacity event. */
  public static final List<String> CAPACITY_EVENT_KINDS = List.of("expansion", "outage", "closure");
  /** The stages a recipe may belong to. */
  public static final List<String> STAGES = List.of("mining", "separation", "manufacturing", "recycling");

  /** Known ids are listed in an unknown-id message up to this many. */
  static final int MAX_LISTED_IDS = 20;
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]+");
  private static final String ID_TEXT = "an id of letters, digits, '-' or '_'";
  private static final double SHARE_TOLERANCE = 1e-9;

  private ScenarioValidator() {}

  /**
   * Returns every rule the scenario breaks, without locations (the loader adds them), in no particular order.
   *
   * @param file how problems name the file
   */
  public static List<Problem> validate(ScenarioSpec scenario, String file) {
    Check check = new Check(file);
    check.scenario(scenario);
    if (scenario != null) LongRunChecks.check(scenario, file, check.problems);
    return List.copyOf(check.problems);
  }

  /** A bound on a number, with the words that describe it. */
  private record Bound(String text, DoublePredicate test) {
    static final Bound NON_NEGATIVE = new Bound(">= 0", x -> x >= 0);
    static final Bound POSITIVE = new Bound("> 0", x -> x > 0);
    static final Bound FRACTION = new Bound("from 0 to 1", x -> x >= 0 && x <= 1);
    static final Bound GROWTH = new Bound("> -1", x -> x > -1);
    static final Bound AT_LEAST_ONE = new Bound(">= 1", x -> x >= 1);
    static final Bound MIN_MULTIPLE = new Bound("> 0 and <= 1", x -> x > 0 && x <= 1);
    static final Bound DEMAND_TONNES = new Bound("from 0 to 1e9", x -> x >= 0 && x <= MAX_DEMAND_TONNES_PER_YEAR);
    static final Bound NOISE = new Bound("from 0 to " + MAX_NOISE, x -> x >= 0 && x <= MAX_NOISE);
  }

  /** The ids of one list, in file order, with where each was first given. */
  private record Ids(String singular, String plural, Map<String, String> firstPath) {
    Ids(String singular, String plural) {
      this(singular, plural, new LinkedHashMap<>());
    }

    boolean contains(String id) {
      return firstPath.containsKey(id);
    }
  }

  /** One validation run: the problems found so far and the ids collected for reference checks. */
  private static final class Check {
    final String file;
    final List<Problem> problems = new ArrayList<>();
    // null when the list itself is missing: its absence is reported once, not at every reference
    Ids commodities;
    Ids regions;
    Ids recipes;
    Ids producers;
    Ids agents;
    Ids facilities;
    /** Demand sectors' sectors and every tag: the end uses a policy may name. */
    Set<String> endUses = new TreeSet<>();
    Map<String, RecipeSpec> recipeById = new HashMap<>();
    /** Each facility's recipe, for checking yields that policies give it. */
    Map<String, RecipeSpec> recipeByFacility = new HashMap<>();

    Check(String file) {
      this.file = file;
    }

    void problem(String path, String message) {
      problems.add(new Problem(file, path, 0, 0, message));
    }

    void scenario(ScenarioSpec s) {
      if (s == null) {
        problem("", "the file holds no scenario");
        return;
      }
      name(s.name());
      LocalDate start = date("start", s.start(), true);
      LocalDate end = date("end", s.end(), true);
      if (start != null && end != null) horizon(start, end);
      clock(s.clock());
      commodities = idList("commodities", s.commodities(), "commodity", "commodities", true, CommoditySpec::id);
      regions = idList("regions", s.regions(), "region", "regions", true, RegionSpec::id);
      Set<String> zones = regions == null ? null : priceZones(s.regions());
      recipes = idList("recipes", s.recipes(), "recipe", "recipes", false, RecipeSpec::id);
      producers = s.producers() == null ? null : new Ids("producer", "producers");
      for (int i = 0; producers != null && i < s.producers().size(); i++) { // first: demand names suppliers
        ProducerSpec p = s.producers().get(i);
        if (p != null && p.id() != null) producers.firstPath().putIfAbsent(p.id(), FieldPaths.index("producers", i));
      }
      for (int i = 0; producers != null && s.projects() != null && i < s.projects().size(); i++) {
        ProjectSpec p = s.projects().get(i); // a project's new owner is a producer that policies may name
        if (p != null && p.owner() != null) {
          producers.firstPath().putIfAbsent(p.owner(), FieldPaths.field(FieldPaths.index("projects", i), "owner"));
        }
      }
      agents = new Ids("agent", "agents"); // producers and demand sectors share one namespace in outputs
      market(s.market(), zones);
      trade(s.trade());
      recipeList(s.recipes());
      producerList(s.producers(), agents);
      demandList(s.demand(), agents);
      int agentCount = size(s.producers()) + size(s.demand());
      if (agentCount > MAX_AGENTS) {
        problem("producers", "too many agents: " + agentCount + " producers and demand sectors; at most "
            + MAX_AGENTS);
      }
      if (start != null && end != null && agentCount <= MAX_AGENTS) workload(s, start, end, agentCount);
      demandResponse(s.demandResponse());
      collectEndUses(s);
      policies(s.policies());
      recipeCycles(s.recipes());
    }

    // ---- top level -----------------------------------------------------------------------------------------

    void name(String name) {
      if (name == null) {
        problem("name", "missing; expected a scenario name of letters, digits, '-' or '_' (it names the output"
            + " folder)");
      } else if (!ID.matcher(name).matches()) {
        problem("name", "expected letters, digits, '-' or '_' only (it names the output folder), found '"
            + name + "'");
      } else if (name.length() > MAX_NAME_LENGTH) {
        problem("name", "expected at most " + MAX_NAME_LENGTH + " characters, found " + name.length());
      }
    }

    void horizon(LocalDate start, LocalDate end) {
      if (!end.isAfter(start)) {
        problem("end", "expected a date after start (" + start + "), found " + end);
      } else if (end.isAfter(start.plusYears(MAX_HORIZON_YEARS))) {
        problem("end", "expected a date at most " + MAX_HORIZON_YEARS + " years after start (by "
            + start.plusYears(MAX_HORIZON_YEARS) + "), found " + end + ", "
            + ChronoUnit.YEARS.between(start, end) + " years after");
      }
    }

    /**
     * Refuses a scenario whose run would take too long or report too much (see {@link #MAX_TRADE_WORK} and
     * {@link #MAX_AGENT_PERIODS}); estimated from the cast, the horizon and the clock, before anything runs.
     */
    void workload(ScenarioSpec s, LocalDate start, LocalDate end, int agents) {
      ClockSpec c = s.clock() != null ? s.clock() : new ClockSpec(null, null, null, null, null);
      int clearingDays = c.clearingDays() != null ? c.clearingDays() : ScenarioDefaults.CLEARING_DAYS;
      int warmupDays = c.warmupDays() != null ? c.warmupDays() : ScenarioDefaults.WARMUP_DAYS;
      String reporting = c.reporting() != null ? c.reporting() : ScenarioDefaults.REPORTING;
      if (clearingDays < 1 || warmupDays < 0 || !REPORTING_PERIODS.contains(reporting)) return; // reported above
      long days = ChronoUnit.DAYS.between(start, end);
      long clearings = (warmupDays + days) / clearingDays + 1;
      long work = (long) agents * size(s.producers()) * clearings;
      if (work > MAX_TRADE_WORK) {
        problem("clock.clearingDays", "the run would take too long: " + agents + " agents, "
            + size(s.producers()) + " of them producers, over " + clearings + " market clearings (every "
            + clearingDays + " days for " + days + " days plus " + warmupDays + " days of warm-up) is "
            + work / 1_000_000 + " million agent-pair clearings; at most " + MAX_TRADE_WORK / 1_000_000
            + " million (about ten minutes). Clear less often, shorten the horizon or aggregate agents");
      }
      long periods = switch (reporting) {
        case "daily" -> days;
        case "weekly" -> days / 7;
        case "quarterly" -> ChronoUnit.MONTHS.between(start, end) / 3;
        default -> ChronoUnit.MONTHS.between(start, end);
      } + 1;
      long agentPeriods = agents * periods;
      if (agentPeriods > MAX_AGENT_PERIODS) {
        problem("clock.reporting", "the run would report too much: " + agents + " agents over " + periods + " "
            + reporting + " periods is " + agentPeriods + " agent-periods (about ten rows of timeseries.csv"
            + " each); at most " + MAX_AGENT_PERIODS + ". Report less often, shorten the horizon or aggregate"
            + " agents");
      }
    }

    void clock(ClockSpec c) {
      if (c == null) return;
      integer("clock.productionDays", c.productionDays(), 1, MAX_INTERVAL_DAYS, false);
      integer("clock.clearingDays", c.clearingDays(), 1, MAX_INTERVAL_DAYS, false);
      integer("clock.consumptionDays", c.consumptionDays(), 1, MAX_INTERVAL_DAYS, false);
      oneOf("clock.reporting", c.reporting(), REPORTING_PERIODS, false);
      integer("clock.warmupDays", c.warmupDays(), 0, MAX_WARMUP_DAYS, false);
    }

    Set<String> priceZones(List<RegionSpec> list) {
      if (list == null) return null;
      Set<String> zones = new LinkedHashSet<>();
      for (int i = 0; i < list.size(); i++) {
        RegionSpec r = list.get(i);
        if (r == null) continue;
        String zone = id(FieldPaths.index("regions", i) + ".priceZone", r.priceZone(), "a price zone id");
        if (zone != null) zones.add(zone);
      }
      return zones;
    }

    void market(MarketSpec m, Set<String> zones) {
      if (required("market", m, "an object with referencePrices (and optionally priceRule)") == null) return;
      PriceRuleSpec rule = m.priceRule();
      if (rule != null) {
        number("market.priceRule.coverExponent", rule.coverExponent(), Bound.NON_NEGATIVE, false);
        number("market.priceRule.shortagePremium", rule.shortagePremium(), Bound.NON_NEGATIVE, false);
        number("market.priceRule.adjustmentDays", rule.adjustmentDays(), Bound.POSITIVE, false);
        number("market.priceRule.minMultiple", rule.minMultiple(), Bound.MIN_MULTIPLE, false);
        number("market.priceRule.maxMultiple", rule.maxMultiple(), Bound.AT_LEAST_ONE, false);
      }
      List<ReferencePriceSpec> prices = list("market.referencePrices", m.referencePrices(), true, false,
          "a list of reference prices (commodity, zone, usdPerKg)");
      if (prices == null) return;
      Map<String, String> given = new LinkedHashMap<>(); // "commodity zone" -> path
      for (int i = 0; i < prices.size(); i++) {
        String path = FieldPaths.index("market.referencePrices", i);
        ReferencePriceSpec p = element(path, prices.get(i), "a reference price (commodity, zone, usdPerKg)");
        if (p == null) continue;
        String commodity = ref(path + ".commodity", p.commodity(), commodities);
        String zone = id(path + ".zone", p.zone(), "a price zone id");
        if (zone != null && zones != null && !zones.contains(zone)) {
          problem(path + ".zone", "no region uses price zone '" + zone + "'; zones in use: "
              + String.join(", ", new TreeSet<>(zones)));
        }
        number(path + ".usdPerKg", p.usdPerKg(), Bound.POSITIVE, true);
        if (commodity != null && zone != null) {
          String first = given.putIfAbsent(commodity + " " + zone, path);
          if (first != null) {
            problem(path, "a second reference price for " + commodity + " in zone " + zone + "; the first is at "
                + first);
          }
        }
      }
      if (zones == null || commodities == null) return;
      List<String> missing = new ArrayList<>();
      for (String zone : zones) {
        for (String commodity : commodities.firstPath().keySet()) {
          if (!given.containsKey(commodity + " " + zone)) missing.add(commodity + " in zone " + zone);
        }
      }
      if (!missing.isEmpty()) {
        problem("market.referencePrices", "missing reference prices for " + listed(missing)
            + "; every price zone used by a region needs a price for every commodity");
      }
    }

    void trade(TradeSpec t) {
      if (required("trade", t, "an object with domestic, default and routes") == null) return;
      lane("trade.domestic", t.domestic());
      lane("trade.default", t.otherwise());
      List<RouteSpec> routes = list("trade.routes", t.routes(), false, false, "a list of routes");
      if (routes == null) return;
      Map<String, String> covered = new HashMap<>(); // "from to" -> path of the route covering it
      for (int i = 0; i < routes.size(); i++) {
        String path = FieldPaths.index("trade.routes", i);
        RouteSpec r = element(path, routes.get(i), "a route (from, to, transitDays, freightUsdPerKg)");
        if (r == null) continue;
        String from = ref(path + ".from", r.from(), regions);
        String to = ref(path + ".to", r.to(), regions);
        number(path + ".transitDays", r.transitDays(), Bound.NON_NEGATIVE, true);
        number(path + ".freightUsdPerKg", r.freightUsdPerKg(), Bound.NON_NEGATIVE, true);
        if (from == null || to == null) continue;
        if (from.equals(to)) {
          problem(path + ".to", "a route from " + from + " to itself; within a region, trade.domestic applies");
          continue;
        }
        List<String> directions = Boolean.TRUE.equals(r.oneWay())
            ? List.of(from + " -> " + to) : List.of(from + " -> " + to, to + " -> " + from);
        for (String direction : directions) {
          String first = covered.putIfAbsent(direction, path);
          if (first != null) {
            problem(path, "a second route for " + direction + "; " + first + " already covers it");
            break;
          }
        }
      }
    }

    void lane(String path, LaneSpec lane) {
      if (required(path, lane, "an object with transitDays and freightUsdPerKg") == null) return;
      number(path + ".transitDays", lane.transitDays(), Bound.NON_NEGATIVE, true);
      number(path + ".freightUsdPerKg", lane.freightUsdPerKg(), Bound.NON_NEGATIVE, true);
    }

    // ---- recipes -------------------------------------------------------------------------------------------

    void recipeList(List<RecipeSpec> list) {
      if (list == null) return;
      for (int i = 0; i < list.size(); i++) {
        String path = FieldPaths.index("recipes", i);
        RecipeSpec r = list.get(i);
        if (r == null) continue; // idList reported it
        if (r.id() != null) recipeById.putIfAbsent(r.id(), r);
        oneOf(path + ".stage", r.stage(), STAGES, true);
        coefficients(path + ".inputs", r.inputs(), false);
        coefficients(path + ".outputs", r.outputs(), true);
      }
    }

    void coefficients(String path, Map<String, Double> map, boolean required) {
      if (map == null) {
        if (required) problem(path, "missing; expected at least one commodity: tonnes per tonne of activity");
        return;
      }
      if (required && map.isEmpty()) {
        problem(path, "expected at least one commodity: tonnes per tonne of activity, found none");
      }
      for (Map.Entry<String, Double> e : map.entrySet()) {
        String entry = FieldPaths.field(path, e.getKey());
        ref(entry, e.getKey(), commodities);
        number(entry, e.getValue(), Bound.POSITIVE, true);
      }
    }

    /** Reports each cycle of "made from" among commodities, in the direction material flows. */
    void recipeCycles(List<RecipeSpec> list) {
      if (list == null) return;
      // edges input -> output, each labelled with the recipe that makes it
      Map<String, Map<String, Integer>> next = new LinkedHashMap<>();
      for (int i = 0; i < list.size(); i++) {
        RecipeSpec r = list.get(i);
        if (r == null || r.inputs() == null || r.outputs() == null) continue;
        for (String in : r.inputs().keySet()) {
          for (String out : r.outputs().keySet()) {
            next.computeIfAbsent(in, k -> new LinkedHashMap<>()).putIfAbsent(out, i);
          }
        }
      }
      Set<String> done = new HashSet<>();
      for (String start : next.keySet()) {
        if (done.contains(start)) continue;
        // iterative depth-first search: a long chain of commodities must not overflow the stack
        List<String> onPath = new ArrayList<>();
        Deque<Iterator<Map.Entry<String, Integer>>> edges = new ArrayDeque<>();
        onPath.add(start);
        edges.push(next.getOrDefault(start, Map.of()).entrySet().iterator());
        while (!edges.isEmpty()) {
          Iterator<Map.Entry<String, Integer>> it = edges.peek();
          if (!it.hasNext()) {
            done.add(onPath.remove(onPath.size() - 1));
            edges.pop();
            continue;
          }
          Map.Entry<String, Integer> edge = it.next();
          String to = edge.getKey();
          int back = onPath.indexOf(to);
          if (back >= 0) {
            List<String> cycle = new ArrayList<>(onPath.subList(back, onPath.size()));
            cycle.add(to);
            problem(FieldPaths.index("recipes", edge.getValue()), "recipe cycle: " + String.join(" -> ", cycle));
          } else if (!done.contains(to)) {
            onPath.add(to);
            edges.push(next.getOrDefault(to, Map.of()).entrySet().iterator());
          }
        }
      }
    }

    // ---- producers -----------------------------------------------------------------------------------------

    void producerList(List<ProducerSpec> list, Ids agents) {
      if (required("producers", list, "a list of producers") == null) return;
      facilities = new Ids("facility", "facilities");
      for (int i = 0; i < list.size(); i++) {
        String path = FieldPaths.index("producers", i);
        ProducerSpec p = element(path, list.get(i), "a producer (id, region, facilities, ...)");
        if (p == null) continue;
        unique(path + ".id", p.id(), agents);
        ref(path + ".region", p.region(), regions);
        strings(path + ".tags", p.tags(), "a tag");
        List<FacilitySpec> fs = list(path + ".facilities", p.facilities(), true, false,
            "a list of facilities (an empty list for a producer that only holds stock)");
        if (fs != null) {
          if (fs.size() > MAX_FACILITIES_PER_PRODUCER) {
            problem(path + ".facilities", "too many facilities: " + fs.size() + "; at most "
                + MAX_FACILITIES_PER_PRODUCER + " per producer");
          }
          for (int j = 0; j < fs.size(); j++) {
            facility(FieldPaths.index(path + ".facilities", j), fs.get(j), facilities);
          }
        }
        if (p.stocks() != null) {
          for (Map.Entry<String, StockSpec> e : p.stocks().entrySet()) {
            String entry = FieldPaths.field(path + ".stocks", e.getKey());
            ref(entry, e.getKey(), commodities);
            stock(entry, e.getValue());
          }
        }
        supply(path + ".supply", p.supply());
        suppliers(path + ".suppliers", p.suppliers());
        if (p.suppliers() != null && p.id() != null) {
          for (int k = 0; k < p.suppliers().size(); k++) {
            SupplierShareSpec share = p.suppliers().get(k);
            if (share != null && p.id().equals(share.producer())) {
              problem(FieldPaths.index(path + ".suppliers", k) + ".producer", "a producer cannot supply itself");
            }
          }
        }
      }
    }

    void facility(String path, FacilitySpec f, Ids facilities) {
      f = element(path, f, "a facility (id, recipe, capacity, ...)");
      if (f == null) return;
      unique(path + ".id", f.id(), facilities);
      String recipe = ref(path + ".recipe", f.recipe(), recipes);
      if (f.id() != null && recipe != null && recipeById.containsKey(recipe)) {
        recipeByFacility.putIfAbsent(f.id(), recipeById.get(recipe));
      }
      if (f.region() != null) ref(path + ".region", f.region(), regions);
      List<CapacityPointSpec> capacity = list(path + ".capacity", f.capacity(), true, true,
          "a list of capacity points (date, tonnesPerYear)");
      if (capacity != null) {
        LocalDate previous = null;
        for (int k = 0; k < capacity.size(); k++) {
          String point = FieldPaths.index(path + ".capacity", k);
          CapacityPointSpec c = element(point, capacity.get(k), "a capacity point (date, tonnesPerYear)");
          if (c == null) continue;
          LocalDate date = date(point + ".date", c.date(), true);
          if (date != null && previous != null && date.isBefore(previous)) {
            problem(point + ".date", "expected a date on or after the previous point's (" + previous + "), found "
                + date);
          }
          if (date != null) previous = date;
          number(point + ".tonnesPerYear", c.tonnesPerYear(), Bound.NON_NEGATIVE, true);
        }
      }
      List<OutageSpec> outages = list(path + ".outages", f.outages(), false, false, "a list of outages");
      if (outages != null) {
        for (int k = 0; k < outages.size(); k++) {
          String outage = FieldPaths.index(path + ".outages", k);
          OutageSpec o = element(outage, outages.get(k), "an outage (from, to, availableFraction)");
          if (o == null) continue;
          LocalDate from = date(outage + ".from", o.from(), true);
          LocalDate to = date(outage + ".to", o.to(), true);
          if (from != null && to != null && !to.isAfter(from)) {
            problem(outage + ".to", "expected a date after from (" + from + "), found " + to);
          }
          number(outage + ".availableFraction", o.availableFraction(), Bound.FRACTION, true);
        }
      }
      if (f.yields() != null) {
        RecipeSpec r = recipe == null ? null : recipeById.get(recipe);
        for (Map.Entry<String, Double> e : f.yields().entrySet()) {
          String entry = FieldPaths.field(path + ".yields", e.getKey());
          if (r != null && r.outputs() != null && !r.outputs().containsKey(e.getKey())) {
            problem(entry, "'" + e.getKey() + "' is not an output of recipe '" + recipe + "'; its outputs: "
                + String.join(", ", r.outputs().keySet()));
          }
          number(entry, e.getValue(), Bound.NON_NEGATIVE, true);
        }
      }
    }

    void stock(String path, StockSpec s) {
      if (required(path, s, "an object with initialTonnes and targetCoverDays") == null) return;
      number(path + ".initialTonnes", s.initialTonnes(), Bound.NON_NEGATIVE, true);
      number(path + ".targetCoverDays", s.targetCoverDays(), Bound.NON_NEGATIVE, true);
    }

    void supply(String path, SupplySpec s) {
      if (s == null) return;
      number(path + ".normalUtilisation", s.normalUtilisation(), Bound.FRACTION, false);
      number(path + ".priceElasticity", s.priceElasticity(), Bound.NON_NEGATIVE, false);
      number(path + ".maxCoverDays", s.maxCoverDays(), Bound.NON_NEGATIVE, false);
      number(path + ".adjustmentDays", s.adjustmentDays(), Bound.POSITIVE, false);
    }

    // ---- demand --------------------------------------------------------------------------------------------

    void demandList(List<DemandSpec> list, Ids agents) {
      if (required("demand", list, "a list of demand sectors") == null) return;
      for (int i = 0; i < list.size(); i++) {
        String path = FieldPaths.index("demand", i);
        DemandSpec d = element(path, list.get(i), "a demand sector (id, region, sector, commodity, ...)");
        if (d == null) continue;
        unique(path + ".id", d.id(), agents);
        ref(path + ".region", d.region(), regions);
        id(path + ".sector", d.sector(), "a sector name such as ev or defence, of letters, digits, '-' or '_'");
        ref(path + ".commodity", d.commodity(), commodities);
        number(path + ".baseTonnesPerYear", d.baseTonnesPerYear(), Bound.DEMAND_TONNES, true);
        number(path + ".growthPerYear", d.growthPerYear(), Bound.GROWTH, true);
        number(path + ".priceElasticity", d.priceElasticity(), Bound.NON_NEGATIVE, true);
        integer(path + ".priority", d.priority(), 0, MAX_PRIORITY, true);
        oneOf(path + ".unmet", d.unmet(), UNMET_RULES, true);
        stock(path + ".stock", d.stock());
        suppliers(path + ".suppliers", d.suppliers());
        strings(path + ".tags", d.tags(), "a tag");
      }
    }

    void suppliers(String path, List<SupplierShareSpec> list) {
      if (list(path, list, false, false, "a list of supplier shares (producer, share)") == null) return;
      double total = 0;
      boolean allValid = true;
      Set<String> seen = new HashSet<>();
      for (int k = 0; k < list.size(); k++) {
        String entry = FieldPaths.index(path, k);
        SupplierShareSpec s = element(entry, list.get(k), "a supplier share (producer, share)");
        if (s == null) continue;
        String producer = ref(entry + ".producer", s.producer(), producers);
        if (producer != null && !seen.add(producer)) {
          problem(entry + ".producer", "producer '" + producer + "' is listed twice; give it one share");
        }
        allValid &= number(entry + ".share", s.share(), Bound.FRACTION, true);
        if (s.share() != null) total += s.share();
      }
      if (allValid && total > 1 + SHARE_TOLERANCE) {
        problem(path, "supplier shares add up to " + format(total) + "; expected at most 1");
      }
    }

    void demandResponse(DemandResponseSpec r) {
      if (r == null) return;
      number("demandResponse.substitutionThresholdMultiple", r.substitutionThresholdMultiple(), Bound.AT_LEAST_ONE,
          false);
      number("demandResponse.substitutionMaxShare", r.substitutionMaxShare(), Bound.FRACTION, false);
      number("demandResponse.substitutionRatePerYear", r.substitutionRatePerYear(), Bound.NON_NEGATIVE, false);
      number("demandResponse.noise", r.noise(), Bound.NOISE, false);
    }

    // ---- policies ------------------------------------------------------------------------------------------

    void collectEndUses(ScenarioSpec s) {
      if (s.producers() != null) {
        for (ProducerSpec p : s.producers()) if (p != null && p.tags() != null) endUses.addAll(nonNull(p.tags()));
      }
      if (s.demand() != null) {
        for (DemandSpec d : s.demand()) {
          if (d == null) continue;
          if (d.sector() != null) endUses.add(d.sector());
          if (d.tags() != null) endUses.addAll(nonNull(d.tags()));
        }
      }
    }

    void policies(List<PolicySpec> list) {
      if (list("policies", list, false, false, "a list of policies") == null) return;
      Ids names = new Ids("policy", "policies");
      for (int i = 0; i < list.size(); i++) {
        PolicySpec p = list.get(i);
        if (p != null && p.name() != null) names.firstPath().putIfAbsent(p.name(), FieldPaths.index("policies", i));
      }
      Ids seen = new Ids("policy", "policies");
      for (int i = 0; i < list.size(); i++) {
        String path = FieldPaths.index("policies", i);
        PolicySpec p = element(path, list.get(i), "a policy (name, type, start, ...)");
        if (p == null) continue;
        unique(path + ".name", p.name(), seen);
        LocalDate start = date(path + ".start", p.start(), true);
        if (start != null && p.end() != null && !p.end().isAfter(start)) {
          problem(path + ".end", "expected a date after start (" + start + "), found " + p.end());
        }
        policy(path, p, names);
      }
    }

    /** The rules of each family; the sealed interface's permits list is the checklist. */
    void policy(String path, PolicySpec p, Ids names) {
      if (p instanceof DestinationThrottleSpec t) {
        String exporter = ref(path + ".exporter", t.exporter(), regions);
        regionList(path + ".destinations", t.destinations(), true, exporter);
        commodityList(path + ".commodities", t.commodities(), true);
        number(path + ".cut", t.cut(), Bound.FRACTION, true);
      } else if (p instanceof QuotaSpec q) {
        String exporter = ref(path + ".exporter", q.exporter(), regions);
        regionList(path + ".destinations", q.destinations(), false, exporter);
        commodityList(path + ".commodities", q.commodities(), true);
        number(path + ".tonnesPerYear", q.tonnesPerYear(), Bound.NON_NEGATIVE, true);
      } else if (p instanceof LicenceRegimeSpec l) {
        String exporter = ref(path + ".exporter", l.exporter(), regions);
        regionList(path + ".destinations", l.destinations(), false, exporter);
        commodityList(path + ".commodities", l.commodities(), true);
        licence(path, l.reviewDays(), true, l.approvalProbability(), l.approvalByEndUse(), l.denied());
      } else if (p instanceof FastTrackSpec f) {
        agentList(path + ".buyers", f.buyers(), true);
        producerList(path + ".sellers", f.sellers(), false);
        licence(path, f.reviewDays(), false, f.approvalProbability(), null, null);
      } else if (p instanceof ExtraterritorialRuleSpec e) {
        ref(path + ".exporter", e.exporter(), regions);
        commodityList(path + ".commodities", e.commodities(), true);
        number(path + ".threshold", e.threshold(), Bound.FRACTION, false);
        licence(path, e.reviewDays(), true, e.approvalProbability(), e.approvalByEndUse(), e.denied());
      } else if (p instanceof EntityBanSpec b) {
        ref(path + ".exporter", b.exporter(), regions);
        agentList(path + ".entities", b.entities(), true);
        commodityList(path + ".commodities", b.commodities(), false);
      } else if (p instanceof EndUseBanSpec b) {
        ref(path + ".exporter", b.exporter(), regions);
        endUseList(path + ".endUses", b.endUses());
        commodityList(path + ".commodities", b.commodities(), false);
      } else if (p instanceof ProcurementBanSpec b) {
        regionList(path + ".buyerRegions", b.buyerRegions(), true, null);
        producerList(path + ".sellers", b.sellers(), true);
        commodityList(path + ".commodities", b.commodities(), false);
      } else if (p instanceof OriginRequirementSpec o) {
        regionList(path + ".buyerRegions", o.buyerRegions(), true, null);
        endUseList(path + ".endUses", o.endUses());
        commodityList(path + ".commodities", o.commodities(), false);
        regionList(path + ".excludedOrigins", o.excludedOrigins(), true, null);
      } else if (p instanceof TariffSpec t) {
        String importer = ref(path + ".importer", t.importer(), regions);
        regionList(path + ".exporters", t.exporters(), false, importer);
        commodityList(path + ".commodities", t.commodities(), true);
        number(path + ".adValoremRate", t.adValoremRate(), Bound.NON_NEGATIVE, true);
      } else if (p instanceof PriceFloorSpec f) {
        ref(path + ".producer", f.producer(), producers);
        ref(path + ".commodity", f.commodity(), commodities);
        number(path + ".usdPerKg", f.usdPerKg(), Bound.POSITIVE, true);
      } else if (p instanceof StockpileSpec k) {
        stockpile(path, k);
      } else if (p instanceof CapacityEventSpec c) {
        capacityEvent(path, c);
      } else if (p instanceof TechnologyBanSpec t) {
        String exporter = ref(path + ".exporter", t.exporter(), regions);
        regionList(path + ".regions", t.regions(), false, exporter);
        List<String> stages = list(path + ".stages", t.stages(), false, false, "a list of stages");
        for (int k = 0; stages != null && k < stages.size(); k++) {
          oneOf(FieldPaths.index(path + ".stages", k), stages.get(k), STAGES, true);
        }
        number(path + ".delayDays", t.delayDays(), Bound.NON_NEGATIVE, false);
        number(path + ".derate", t.derate(), Bound.FRACTION, false);
        if (orZero(t.delayDays()) == 0 && orZero(t.derate()) == 0) {
          problem(path, "a technology ban needs delayDays > 0 or derate > 0; with neither it does nothing");
        }
      } else if (p instanceof SuspensionSpec x) {
        List<String> suspends = list(path + ".suspends", x.suspends(), true, true, "a list of policy names");
        for (int k = 0; suspends != null && k < suspends.size(); k++) {
          String entry = FieldPaths.index(path + ".suspends", k);
          String name = ref(entry, suspends.get(k), names);
          if (name != null && name.equals(x.name())) problem(entry, "a suspension cannot suspend itself");
        }
      } else {
        throw new IllegalStateException("no validation for policy type " + p.getClass().getName());
      }
    }

    void licence(String path, DurationSpec review, boolean reviewRequired, Double approval,
                 Map<String, Double> byEndUse, String denied) {
      duration(path + ".reviewDays", review, reviewRequired);
      number(path + ".approvalProbability", approval, Bound.FRACTION, false);
      if (byEndUse != null) {
        for (Map.Entry<String, Double> e : byEndUse.entrySet()) {
          String entry = FieldPaths.field(path + ".approvalByEndUse", e.getKey());
          endUse(entry, e.getKey());
          number(entry, e.getValue(), Bound.FRACTION, true);
        }
      }
      oneOf(path + ".denied", denied, DENIED_RULES, false);
    }

    void duration(String path, DurationSpec d, boolean required) {
      if (d == null) {
        if (required) problem(path, "missing; expected a duration such as {distribution: fixed, days: 45}");
        return;
      }
      oneOf(path + ".distribution", d.distribution(), DISTRIBUTIONS, true);
      if (d.distribution() == null) return;
      switch (d.distribution()) {
        case "fixed" -> number(path + ".days", d.days(), Bound.NON_NEGATIVE, true);
        case "uniform" -> ordered(path, d.min(), "min", d.max(), "max");
        case "triangular" -> {
          ordered(path, d.min(), "min", d.mode(), "mode");
          ordered(path, d.mode(), "mode", d.max(), "max");
        }
        case "lognormal" -> {
          number(path + ".mean", d.mean(), Bound.POSITIVE, true);
          number(path + ".sd", d.sd(), Bound.NON_NEGATIVE, true);
        }
        default -> { }
      }
    }

    void ordered(String path, Double low, String lowName, Double high, String highName) {
      boolean ok = number(path + "." + lowName, low, Bound.NON_NEGATIVE, true)
          & number(path + "." + highName, high, Bound.NON_NEGATIVE, true);
      if (ok && low != null && high != null && high < low) {
        problem(path + "." + highName, "expected a number >= " + lowName + " (" + format(low) + "), found "
            + format(high));
      }
    }

    void stockpile(String path, StockpileSpec k) {
      ref(path + ".region", k.region(), regions);
      ref(path + ".commodity", k.commodity(), commodities);
      number(path + ".initialTonnes", k.initialTonnes(), Bound.NON_NEGATIVE, false);
      number(path + ".targetTonnes", k.targetTonnes(), Bound.NON_NEGATIVE, true);
      number(path + ".buildTonnesPerYear", k.buildTonnesPerYear(), Bound.NON_NEGATIVE, true);
      number(path + ".releaseTonnesPerYear", k.releaseTonnesPerYear(), Bound.NON_NEGATIVE, k.releaseFrom() != null);
      integer(path + ".priority", k.priority(), 0, MAX_PRIORITY, false);
      if (k.releaseFrom() != null && k.start() != null && k.releaseFrom().isBefore(k.start())) {
        problem(path + ".releaseFrom", "expected a date on or after start (" + k.start() + "), found "
            + k.releaseFrom());
      }
      if (k.name() != null && agents != null && agents.contains(k.name())) {
        problem(path + ".name", "the stockpile's name '" + k.name() + "' is already an agent id; it names the"
            + " stockpile's holder, so choose another");
      }
    }

    void capacityEvent(String path, CapacityEventSpec c) {
      ref(path + ".facility", c.facility(), facilities);
      oneOf(path + ".kind", c.kind(), CAPACITY_EVENT_KINDS, true);
      if (c.kind() == null) return;
      switch (c.kind()) {
        case "expansion" -> {
          number(path + ".tonnesPerYear", c.tonnesPerYear(), Bound.NON_NEGATIVE, true);
          number(path + ".rampDays", c.rampDays(), Bound.NON_NEGATIVE, false);
          expansionYields(path, c);
        }
        case "outage" -> number(path + ".availableFraction", c.availableFraction(), Bound.FRACTION, true);
        default -> { }
      }
    }

    /** Yields of a new plant: outputs of the recipe of the plant it stands beside, and a new plant id. */
    void expansionYields(String path, CapacityEventSpec c) {
      if (c.yields() == null || c.yields().isEmpty()) return;
      RecipeSpec recipe = recipeByFacility.get(c.facility());
      for (Map.Entry<String, Double> e : c.yields().entrySet()) {
        String entry = FieldPaths.field(path + ".yields", e.getKey());
        if (recipe != null && recipe.outputs() != null && !recipe.outputs().containsKey(e.getKey())) {
          problem(entry, "'" + e.getKey() + "' is not an output of the plant's recipe; its outputs: "
              + String.join(", ", recipe.outputs().keySet()));
        }
        number(entry, e.getValue(), Bound.NON_NEGATIVE, true);
      }
      if (c.name() != null && facilities != null && facilities.contains(c.name())) {
        problem(path + ".name", "an expansion with yields is a new plant named after the policy, but '" + c.name()
            + "' is already a facility id; choose another name");
      }
    }

    void regionList(String path, List<String> list, boolean required, String notThis) {
      List<String> ids = list(path, list, required, required, "a list of region ids");
      for (int k = 0; ids != null && k < ids.size(); k++) {
        String entry = FieldPaths.index(path, k);
        String region = ref(entry, ids.get(k), regions);
        if (region == null) continue;
        if (ids.indexOf(region) != k) problem(entry, "region '" + region + "' is listed twice");
        if (region.equals(notThis)) problem(entry, "'" + region + "' is the policy's own " + ownRole(path) + " region");
      }
    }

    /** Names what the excluded region is in the list's policy, for the message: "the exporter", "the importer". */
    private static String ownRole(String listPath) {
      return listPath.endsWith(".exporters") ? "importing" : "exporting";
    }

    void commodityList(String path, List<String> list, boolean required) {
      List<String> ids = list(path, list, required, required, "a list of commodity ids");
      for (int k = 0; ids != null && k < ids.size(); k++) {
        String entry = FieldPaths.index(path, k);
        String commodity = ref(entry, ids.get(k), commodities);
        if (commodity != null && ids.indexOf(commodity) != k) problem(entry, "commodity '" + commodity + "' is listed twice");
      }
    }

    void agentList(String path, List<String> list, boolean required) {
      List<String> ids = list(path, list, required, required, "a list of producer or demand-sector ids");
      for (int k = 0; ids != null && k < ids.size(); k++) ref(FieldPaths.index(path, k), ids.get(k), agents);
    }

    void producerList(String path, List<String> list, boolean required) {
      List<String> ids = list(path, list, required, required, "a list of producer ids");
      for (int k = 0; ids != null && k < ids.size(); k++) ref(FieldPaths.index(path, k), ids.get(k), producers);
    }

    void endUseList(String path, List<String> list) {
      List<String> uses = list(path, list, true, true, "a list of end uses (demand sectors or tags)");
      for (int k = 0; uses != null && k < uses.size(); k++) endUse(FieldPaths.index(path, k), uses.get(k));
    }

    /** An end use must be some buyer's sector or tag, or the policy would silently match nobody. */
    void endUse(String path, String use) {
      if (id(path, use, "an end use (a demand sector or a tag)") == null) return;
      if (!endUses.contains(use)) {
        problem(path, "no buyer has the end use '" + use + "'; sectors and tags in this scenario: "
            + listed(List.copyOf(endUses)));
      }
    }

    // ---- building blocks -----------------------------------------------------------------------------------

    <T> T required(String path, T value, String expected) {
      if (value == null) problem(path, "missing; expected " + expected);
      return value;
    }

    <T> T element(String path, T value, String expected) {
      if (value == null) problem(path, "empty entry; expected " + expected);
      return value;
    }

    <T> List<T> list(String path, List<T> value, boolean required, boolean nonEmpty, String expected) {
      if (value == null) {
        if (required) problem(path, "missing; expected " + expected);
        return null;
      }
      if (nonEmpty && value.isEmpty()) problem(path, "expected " + expected + ", found an empty list");
      return value;
    }

    /**
     * Checks a list whose entries are objects with ids; returns its ids, or null when the list is missing or
     * wrongly empty (then references to it are not checked: the list's own problem is the one to fix).
     */
    <T> Ids idList(String path, List<T> value, String singular, String plural, boolean nonEmpty,
                   java.util.function.Function<T, String> id) {
      if (list(path, value, true, nonEmpty, "a list of " + plural) == null || (nonEmpty && value.isEmpty())) {
        return null;
      }
      Ids ids = new Ids(singular, plural);
      for (int i = 0; i < value.size(); i++) {
        String entry = FieldPaths.index(path, i);
        T t = element(entry, value.get(i), "a " + singular + " with an id");
        if (t != null) unique(entry + ".id", id.apply(t), ids);
      }
      return ids;
    }

    /** Checks an id's presence and form and that it is not already taken; records it. */
    void unique(String path, String value, Ids ids) {
      String id = id(path, value, ID_TEXT);
      if (id == null) return;
      String first = ids.firstPath().putIfAbsent(id, path);
      if (first != null) {
        problem(path, "duplicate id '" + id + "'; " + first + " already uses it");
      }
    }

    /** Returns the id if present and well formed, else reports it and returns null. */
    String id(String path, String value, String expected) {
      if (value == null) {
        problem(path, "missing; expected " + expected);
        return null;
      }
      if (!ID.matcher(value).matches()) {
        problem(path, "expected " + expected + ", found '" + value + "'");
        return null;
      }
      return value;
    }

    /** Returns the id if it names one of {@code known}, else reports it and returns null. */
    String ref(String path, String value, Ids known) {
      String singular = known == null ? "id" : known.singular();
      String id = id(path, value, "a " + singular + " id");
      if (id == null || known == null) return id; // a missing list is reported once, not at every reference
      if (known.contains(id)) return id;
      Set<String> names = new TreeSet<>(known.firstPath().keySet());
      String listing = names.isEmpty() ? "no " + known.plural() + " are defined"
          : names.size() <= MAX_LISTED_IDS ? "known " + known.plural() + ": " + String.join(", ", names)
          : names.size() + " " + known.plural() + " are defined";
      problem(path, "unknown " + known.singular() + " '" + id + "'; " + listing);
      return null;
    }

    void strings(String path, List<String> value, String expected) {
      if (value == null) return;
      for (int i = 0; i < value.size(); i++) {
        String s = value.get(i);
        if (s == null || s.isBlank()) problem(FieldPaths.index(path, i), "empty entry; expected " + expected);
      }
    }

    LocalDate date(String path, LocalDate value, boolean required) {
      if (value == null && required) problem(path, "missing; expected a date YYYY-MM-DD");
      return value;
    }

    /** Returns whether the number is present (or optional and absent), finite and within its bound. */
    boolean number(String path, Double value, Bound bound, boolean required) {
      if (value == null) {
        if (required) problem(path, "missing; expected a number " + bound.text());
        return !required;
      }
      if (!Double.isFinite(value)) {
        problem(path, "expected a finite number " + bound.text() + ", found " + format(value));
        return false;
      }
      if (!bound.test().test(value)) {
        problem(path, "expected a number " + bound.text() + ", found " + format(value));
        return false;
      }
      return true;
    }

    void integer(String path, Integer value, int min, int max, boolean required) {
      if (value == null) {
        if (required) problem(path, "missing; expected an integer from " + min + " to " + max);
      } else if (value < min || value > max) {
        problem(path, "expected an integer from " + min + " to " + max + ", found " + value);
      }
    }

    void oneOf(String path, String value, List<String> allowed, boolean required) {
      if (value == null) {
        if (required) problem(path, "missing; expected one of: " + String.join(", ", allowed));
      } else if (!allowed.contains(value)) {
        problem(path, "expected one of: " + String.join(", ", allowed) + "; found '" + value + "'");
      }
    }
  }

  private static double orZero(Double x) {
    return x == null ? 0 : x;
  }

  private static List<String> nonNull(List<String> list) {
    return list.stream().filter(java.util.Objects::nonNull).toList();
  }

  private static int size(List<?> list) {
    return list == null ? 0 : list.size();
  }

  /** Lists up to {@link #MAX_LISTED_IDS} items, then says how many more. */
  private static String listed(List<String> items) {
    if (items.size() <= MAX_LISTED_IDS) return String.join(", ", items);
    return String.join(", ", items.subList(0, MAX_LISTED_IDS)) + " and " + (items.size() - MAX_LISTED_IDS) + " more";
  }

  /** A number as written: 12 rather than 12.0, NaN and Infinity by name. */
  static String format(double x) {
    if (!Double.isFinite(x)) return Double.toString(x);
    if (Math.abs(x) >= 1e15 || (x != 0 && Math.abs(x) < 1e-6)) return Double.toString(x);
    return BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
  }
}
