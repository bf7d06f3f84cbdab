package org.magflow.scenario;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.magflow.scenario.ScenarioSpec.ClockSpec;
import org.magflow.scenario.ScenarioSpec.CommoditySpec;
import org.magflow.scenario.ScenarioSpec.DemandSpec;
import org.magflow.scenario.ScenarioSpec.LaneSpec;
import org.magflow.scenario.ScenarioSpec.MarketSpec;
import org.magflow.scenario.ScenarioSpec.PriceRuleSpec;
import org.magflow.scenario.ScenarioSpec.ProducerSpec;
import org.magflow.scenario.ScenarioSpec.RecipeSpec;
import org.magflow.scenario.ScenarioSpec.ReferencePriceSpec;
import org.magflow.scenario.ScenarioSpec.RegionSpec;
import org.magflow.scenario.ScenarioSpec.RouteSpec;
import org.magflow.scenario.ScenarioSpec.TradeSpec;

/**
 * The semantic rules a bound scenario must satisfy before a model is built from it.
 *
 * <p>Every rule is checked and every violation reported, each with the path of the field and a message that
 * says what was expected and what was found. Paths use the names written in files ({@code trade.default}).
 * The validator accepts any spec, however incomplete: a null anywhere is a missing field, never a crash.
 *
 * <p>The checks are split by what they check: this class the top level, clock, market, trade and the list of
 * policies; {@link CastChecks} recipes, producers and demand; each policy family its own fields
 * ({@link PolicySpec#validate}); all of them in the vocabulary of {@link Checks}.
 */
// One run's checks form a chain of classes (Checks <- CastChecks <- Check) so that each part is its own file
// yet they share the run's state (the ids found so far) and call the building blocks unqualified.
public final class ScenarioValidator {
  /** The memory of producers' usual orders: a month to ten years. */
  private static final Checks.Bound SALES_MEMORY = new Checks.Bound("from 1 to 120 (months)", x -> x >= 1 && x <= 120);

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
  /**
   * The most rare-earth oxide a tonne of anything holds, t: a tonne of rare-earth metal is about 1.17 t of its
   * oxide (Nd2O3 against 2 Nd), so more than 1.2 is a mistake.
   */
  public static final double MAX_CONTENT = 1.2;
  /** The reporting periods a clock may use. */
  public static final List<String> REPORTING_PERIODS = List.of("daily", "weekly", "monthly", "quarterly");
  /** What happens to demand that is not met. */
  public static final List<String> UNMET_RULES = List.of("lost", "backlog");
  /** What a licence rule does with denied material. */
  public static final List<String> DENIED_RULES = List.of("return", "write-off");
  /** The distributions a duration may follow. */
  public static final List<String> DISTRIBUTIONS = List.of("fixed", "uniform", "triangular", "lognormal");
  /** The stages a recipe may belong to. */
  public static final List<String> STAGES = List.of("mining", "separation", "manufacturing", "recycling");

  private ScenarioValidator() {}

  /**
   * Returns every rule the scenario breaks, without locations (the loader adds them), in no particular order.
   *
   * @param file how problems name the file
   */
  public static List<Problem> validate(ScenarioSpec scenario, String file) {
    Check check = new Check(file);
    check.scenario(scenario);
    if (scenario != null) {
      LongRunChecks.check(scenario, check);
      EffectChecks.check(scenario, check);
    }
    return List.copyOf(check.problems);
  }

  /** One validation run of a whole scenario: the top level, then its parts in the order problems are best read. */
  private static final class Check extends CastChecks {
    Check(String file) {
      super(file);
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
      contents(s.commodities());
      if (s.demand() != null) {
        s.demand().stream().filter(d -> d != null && d.commodity() != null).forEach(d -> demanded.add(d.commodity()));
      }
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
      var entrants = s.investment() == null ? null : s.investment().entrants();
      for (int i = 0; producers != null && entrants != null && i < entrants.size(); i++) {
        ProjectSpec.EntrantSpec e = entrants.get(i); // an entrant is a producer that policies may name
        if (e != null && e.id() != null) {
          producers.firstPath().putIfAbsent(e.id(), FieldPaths.field(FieldPaths.index("investment.entrants", i), "id"));
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

    /** Each commodity's rare-earth content, by element group: what recipes are checked against. */
    void contents(List<CommoditySpec> list) {
      for (int i = 0; list != null && i < list.size(); i++) {
        CommoditySpec c = list.get(i);
        if (c == null || c.id() == null) continue;
        String path = FieldPaths.index("commodities", i) + ".content";
        boolean ok = true;
        if (c.content() != null) {
          for (Map.Entry<String, Double> e : c.content().entrySet()) {
            String entry = FieldPaths.field(path, e.getKey());
            ok &= id(entry, e.getKey(), "an element group id such as ndpr, or reo for content not separated") != null
                & number(entry, e.getValue(), Bound.CONTENT, true);
          }
          double total = c.content().values().stream().filter(x -> x != null).mapToDouble(x -> x).sum();
          if (ok && total > MAX_CONTENT) {
            problem(path, "holds " + format(total) + " t of oxide per tonne in all; expected at most " + MAX_CONTENT);
            ok = false;
          }
        }
        if (ok) contentByCommodity.putIfAbsent(c.id(), ScenarioDefaults.content(c));
      }
      contentByCommodity.values().removeIf(Map::isEmpty); // unknown content: recipes using it are not checked
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
        number("market.priceRule.coverExponent", rule.coverExponent(), Bound.PRICE_RESPONSE, false);
        number("market.priceRule.shortagePremium", rule.shortagePremium(), Bound.PRICE_RESPONSE, false);
        number("market.priceRule.adjustmentDays", rule.adjustmentDays(), Bound.SOME_DAYS, false);
        number("market.priceRule.minMultiple", rule.minMultiple(), Bound.MIN_MULTIPLE, false);
        number("market.priceRule.maxMultiple", rule.maxMultiple(), Bound.AT_LEAST_ONE, false);
        if (rule.lostSalesExponent() != null) {
          for (Map.Entry<String, Map<String, Double>> z : rule.lostSalesExponent().entrySet()) {
            String zonePath = FieldPaths.field("market.priceRule.lostSalesExponent", z.getKey());
            if (zones != null && !zones.contains(z.getKey())) {
              problem(zonePath, "unknown price zone '" + z.getKey() + "'; expected one of " + String.join(", ", new java.util.TreeSet<>(zones)));
            }
            if (z.getValue() == null) continue;
            for (Map.Entry<String, Double> e : z.getValue().entrySet()) {
              String path = FieldPaths.field(zonePath, e.getKey());
              ref(path, e.getKey(), commodities);
              number(path, e.getValue(), Bound.PRICE_RESPONSE, true);
            }
          }
        }
        number("market.priceRule.salesMemoryMonths", rule.salesMemoryMonths(), SALES_MEMORY, false);
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
        number(path + ".usdPerKg", p.usdPerKg(), Bound.PRICE, true);
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
        number(path + ".transitDays", r.transitDays(), Bound.DAYS, true);
        number(path + ".freightUsdPerKg", r.freightUsdPerKg(), Bound.FREIGHT, true);
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
      number(path + ".transitDays", lane.transitDays(), Bound.DAYS, true);
      number(path + ".freightUsdPerKg", lane.freightUsdPerKg(), Bound.FREIGHT, true);
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
      policyNames = new Ids("policy", "policies");
      for (int i = 0; i < list.size(); i++) {
        PolicySpec p = list.get(i);
        if (p != null && p.name() != null) {
          policyNames.firstPath().putIfAbsent(p.name(), FieldPaths.index("policies", i));
        }
      }
      Ids seen = new Ids("policy", "policies");
      for (int i = 0; i < list.size(); i++) {
        String path = FieldPaths.index("policies", i);
        PolicySpec p = element(path, list.get(i), "a policy (name, type, start, ...)");
        if (p == null) continue;
        unique(path + ".name", p.name(), seen);
        title(path + ".title", p.title());
        LocalDate start = date(path + ".start", p.start(), true);
        if (start != null && p.end() != null && !p.end().isAfter(start)) {
          problem(path + ".end", "expected a date after start (" + start + "), found " + p.end());
        }
        p.validate(this, path); // each family checks its own fields
      }
    }

    /** A policy's optional title: it labels charts and table rows, so one short line of words. */
    void title(String path, String title) {
      if (title == null) return;
      String expected = "; expected the policy's name for readers, one line of at most "
          + PolicySpec.MAX_TITLE_LENGTH + " characters";
      if (title.isBlank()) {
        problem(path, "is blank" + expected);
      } else if (title.contains("\n") || title.contains("\r")) {
        problem(path, "spans more than one line" + expected);
      } else if (title.codePointCount(0, title.length()) > PolicySpec.MAX_TITLE_LENGTH) {
        problem(path, "has " + title.codePointCount(0, title.length()) + " characters" + expected);
      }
    }
  }
}
