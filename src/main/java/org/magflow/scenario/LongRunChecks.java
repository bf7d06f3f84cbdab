package org.magflow.scenario;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.magflow.scenario.Checks.Bound;
import org.magflow.scenario.Checks.Ids;
import org.magflow.scenario.ProjectSpec.EntrantSpec;
import org.magflow.scenario.ProjectSpec.InvestmentSpec;
import org.magflow.scenario.ProjectSpec.LeadTimeSpec;

/**
 * The checks of the long-run responses, written in the vocabulary of {@link Checks}: the investment pipeline
 * ({@code projects}, {@code investment}), the sectors' technology options and lost demand
 * ({@code demandResponse}) and recycling. Every bound is one a run can carry out, so a file that validates runs.
 * They run after the rest of the scenario's checks, whose ids (regions, recipes, facilities) they refer to.
 */
final class LongRunChecks {
  /** The largest plant a project may build, tonnes a year: ten times the world's 2024 mine output. */
  static final double MAX_TONNES_PER_YEAR = 4e6;
  /** The longest a stage of development may take, in months (fifty years). */
  static final double MAX_MONTHS = 600;
  private static final List<String> STATUSES = List.of("studied", "permitted", "financed", "building");
  private static final Set<String> STAGES = Set.of("mining", "separation", "manufacturing", "recycling");

  private static final Bound TONNES = new Bound("> 0 and <= 4e6 (t a year)", x -> x > 0 && x <= MAX_TONNES_PER_YEAR);
  private static final Bound MONTHS = new Bound("from 0 to 600 (months)", x -> x >= 0 && x <= MAX_MONTHS);
  private static final Bound SOME_MONTHS = new Bound("> 0 and <= 600 (months)", x -> x > 0 && x <= MAX_MONTHS);
  private static final Bound VIEW_MONTHS = new Bound("> 0 and <= 120 (months)", x -> x > 0 && x <= 120);
  private static final Bound REVIEW_DAYS = new Bound("from 1 to 365 (days)", x -> x >= 1 && x <= 365);
  private static final Bound MULTIPLE = new Bound("> 0 and <= 100 (a price multiple)", x -> x > 0 && x <= 100);
  private static final Bound SOME_SHARE = new Bound("> 0 and <= 1", x -> x > 0 && x <= 1);
  private static final Bound RATE = new Bound("> 0 and <= 10 (a share a year)", x -> x > 0 && x <= 10);
  private static final Bound UNITS_PER_YEAR = new Bound("> 0 and <= 100 (units a year)", x -> x > 0 && x <= 100);
  private static final Bound MARGIN = new Bound("from 0 to 10 (a share of the incentive; 0: no guard)", x -> x >= 0 && x <= 10);
  private static final Bound LIFETIME = new Bound("from 0.5 to 100 (years)", x -> x >= 0.5 && x <= 100);

  private LongRunChecks() {}

  /** Adds every problem of the scenario's long-run parts to {@code check}. */
  static void check(ScenarioSpec s, Checks check) {
    projects(s, check);
    investment(s.investment(), check);
    entrants(s, check);
    technologies(s, check);
    thrifting(s, check);
    recycling(s, check);
  }

  private static void projects(ScenarioSpec s, Checks c) {
    if (c.list("projects", s.projects(), false, false, "a list of projects") == null) return;
    Set<String> demand = ids(s.demand(), ScenarioSpec.DemandSpec::id);
    Ids projects = new Ids("project", "projects");
    for (int i = 0; i < s.projects().size(); i++) {
      String path = FieldPaths.index("projects", i);
      ProjectSpec p = c.element(path, s.projects().get(i), "a project (id, owner, site, recipe, tonnesPerYear, status)");
      if (p == null) continue;
      c.unique(path + ".id", p.id(), projects);
      if (p.id() != null && c.facilities != null && c.facilities.contains(p.id())) {
        c.problem(path + ".id", "'" + p.id() + "' is already a facility's id; a project's id names the plant it builds");
      }
      String owner = c.id(path + ".owner", p.owner(), "the id of the producer that will run it (a new id creates one)");
      if (owner != null && demand.contains(owner)) {
        c.problem(path + ".owner", "'" + owner + "' is a demand sector; expected a producer (a new id creates one)");
      }
      plant(path, p.site(), p.recipe(), p.yields(), c);
      c.number(path + ".tonnesPerYear", p.tonnesPerYear(), TONNES, true);
      c.oneOf(path + ".status", p.status(), STATUSES, true);
      if (p.firstOutput() != null && s.start() != null && p.firstOutput().isBefore(s.start())) {
        c.problem(path + ".firstOutput", p.firstOutput() + " is before the scenario start " + s.start()
            + "; a plant already running is a facility, not a project");
      }
      c.number(path + ".rampMonths", p.rampMonths(), MONTHS, false);
      c.number(path + ".incentiveUsdPerKg", p.incentiveUsdPerKg(), Bound.PRICE, false);
      c.number(path + ".offtakeUsdPerKg", p.offtakeUsdPerKg(), Bound.PRICE, false);
      c.number(path + ".support", p.support(), Bound.FRACTION, false);
    }
  }

  private static void investment(InvestmentSpec i, Checks c) {
    if (i == null) return;
    c.number("investment.reviewDays", i.reviewDays(), REVIEW_DAYS, false);
    c.number("investment.forwardViewMonths", i.forwardViewMonths(), VIEW_MONTHS, false);
    c.number("investment.cancelAfterMonths", i.cancelAfterMonths(), SOME_MONTHS, false);
    c.number("investment.capitalShareOfIncentive", i.capitalShareOfIncentive(), Bound.FRACTION, false);
    if (i.leadTimes() != null) {
      for (Map.Entry<String, LeadTimeSpec> e : i.leadTimes().entrySet()) {
        String path = FieldPaths.field("investment.leadTimes", e.getKey());
        if (!stage(path, e.getKey(), c) || e.getValue() == null) continue;
        LeadTimeSpec t = e.getValue();
        c.number(path + ".permittingMonths", t.permittingMonths(), MONTHS, false);
        c.number(path + ".financingMonths", t.financingMonths(), MONTHS, false);
        c.number(path + ".buildingMonths", t.buildingMonths(), MONTHS, false);
        c.number(path + ".rampMonths", t.rampMonths(), MONTHS, false);
      }
    }
    if (i.incentiveMultiple() != null) {
      for (Map.Entry<String, Double> e : i.incentiveMultiple().entrySet()) {
        String path = FieldPaths.field("investment.incentiveMultiple", e.getKey());
        if (stage(path, e.getKey(), c)) c.number(path, e.getValue(), MULTIPLE, true);
      }
    }
  }

  private static void entrants(ScenarioSpec s, Checks c) {
    InvestmentSpec i = s.investment();
    if (i == null || c.list("investment.entrants", i.entrants(), false, false, "a list of entrants") == null) return;
    Set<String> projectIds = ids(s.projects(), ProjectSpec::id);
    Set<String> producerIds = ids(s.producers(), ScenarioSpec.ProducerSpec::id);
    Set<String> demand = ids(s.demand(), ScenarioSpec.DemandSpec::id);
    Ids entrants = new Ids("entrant", "entrants");
    for (int k = 0; k < i.entrants().size(); k++) {
      String path = FieldPaths.index("investment.entrants", k);
      EntrantSpec e = c.element(path, i.entrants().get(k),
          "an entrant (id, site, recipe, unitTonnesPerYear, maxUnitsPerYear)");
      if (e == null) continue;
      String id = c.id(path + ".id", e.id(), "an id naming the entrant, its producer and its plant");
      c.unique(path + ".id", id, entrants);
      if (id != null && ((c.facilities != null && c.facilities.contains(id)) || projectIds.contains(id)
          || demand.contains(id))) {
        c.problem(path + ".id", "'" + id + "' is already a facility's, project's or demand sector's id; an entrant's"
            + " id names a new producer and its plant");
      } else if (id != null && producerIds.contains(id) && !entrantOwnerOnly(s, id)) {
        c.problem(path + ".id", "'" + id + "' is already a producer with plants; an entrant's id names a new producer");
      }
      plant(path, e.site(), e.recipe(), e.yields(), c);
      c.number(path + ".unitTonnesPerYear", e.unitTonnesPerYear(), TONNES, true);
      c.number(path + ".maxUnitsPerYear", e.maxUnitsPerYear(), UNITS_PER_YEAR, true);
      c.number(path + ".incentiveMultiple", e.incentiveMultiple(), MULTIPLE, false);
      c.number(path + ".decisionMonths", e.decisionMonths(), MONTHS, false);
      c.number(path + ".leadMonths", e.leadMonths(), MONTHS, false);
      c.number(path + ".rampMonths", e.rampMonths(), MONTHS, false);
      c.number(path + ".fullRateMargin", e.fullRateMargin(), MARGIN, false);
    }
  }

  /** The site, recipe and yields of a plant a project or an entrant builds. */
  private static void plant(String path, String site, String recipeId, Map<String, Double> yields, Checks c) {
    c.ref(path + ".site", site, c.regions);
    String recipe = c.ref(path + ".recipe", recipeId, c.recipes);
    c.yields(path + ".yields", yields, recipe, Bound.YIELD);
  }

  /**
   * Whether the producer named {@code id} is one the defaults made for an entrant (it has no plants of its own):
   * a resolved scenario lists it among the producers and must load back.
   */
  private static boolean entrantOwnerOnly(ScenarioSpec s, String id) {
    for (ScenarioSpec.ProducerSpec p : s.producers()) {
      if (p != null && id.equals(p.id())) return p.facilities() == null || p.facilities().isEmpty();
    }
    return true;
  }

  private static boolean stage(String path, String stage, Checks c) {
    if (STAGES.contains(stage)) return true;
    c.problem(path, "unknown stage '" + stage + "'; expected one of " + String.join(", ", new TreeSet<>(STAGES)));
    return false;
  }

  private static void technologies(ScenarioSpec s, Checks c) {
    ScenarioSpec.DemandResponseSpec r = s.demandResponse();
    if (r == null) return;
    c.number("demandResponse.lossRatePerYear", r.lossRatePerYear(), Bound.SHARE_PER_YEAR, false);
    c.number("demandResponse.lossMaxShare", r.lossMaxShare(), Bound.FRACTION, false);
    if (r.technologies() == null) return;
    Set<String> sectors = new TreeSet<>();
    if (s.demand() != null) {
      s.demand().stream().filter(Objects::nonNull).map(ScenarioSpec.DemandSpec::sector).filter(Objects::nonNull)
          .forEach(sectors::add);
    }
    for (Map.Entry<String, List<ScenarioSpec.TechnologySpec>> e : r.technologies().entrySet()) {
      String path = FieldPaths.field("demandResponse.technologies", e.getKey());
      if (!sectors.contains(e.getKey())) {
        c.problem(path, "no demand sector has sector '" + e.getKey() + "'; expected one of " + String.join(", ", sectors));
      }
      if (e.getValue() == null) continue;
      Ids options = new Ids("technology", "technologies");
      for (int i = 0; i < e.getValue().size(); i++) {
        String at = FieldPaths.index(path, i);
        ScenarioSpec.TechnologySpec t = c.element(at, e.getValue().get(i),
            "a technology (id, thresholdMultiple, maxShare, ratePerYear)");
        if (t == null) continue;
        c.unique(at + ".id", t.id(), options);
        c.number(at + ".thresholdMultiple", t.thresholdMultiple(), MULTIPLE, true);
        c.number(at + ".maxShare", t.maxShare(), SOME_SHARE, true);
        c.number(at + ".ratePerYear", t.ratePerYear(), RATE, true);
      }
    }
  }

  private static void thrifting(ScenarioSpec s, Checks c) {
    if (s.recipes() == null) return;
    for (int i = 0; i < s.recipes().size(); i++) {
      ScenarioSpec.RecipeSpec r = s.recipes().get(i);
      if (r == null || r.thrifting() == null) continue;
      String path = FieldPaths.index("recipes", i) + ".thrifting";
      Set<String> cut = new TreeSet<>();
      for (int k = 0; k < r.thrifting().size(); k++) {
        String at = FieldPaths.index(path, k);
        ScenarioSpec.ThriftSpec t = c.element(at, r.thrifting().get(k),
            "a thrift (input, thresholdMultiple, maxCut, ratePerYear)");
        if (t == null) continue;
        Set<String> inputs = r.inputs() == null ? Set.of() : new TreeSet<>(r.inputs().keySet());
        if (t.input() == null) {
          c.problem(at + ".input", "missing; expected one of the recipe's inputs: " + String.join(", ", inputs));
        } else if (!inputs.contains(t.input())) {
          c.problem(at + ".input", "'" + t.input() + "' is not an input of recipe '" + r.id() + "'; expected one of "
              + (inputs.isEmpty() ? "its inputs (it has none)" : String.join(", ", inputs)));
        } else if (!cut.add(t.input())) {
          c.problem(at + ".input", "'" + t.input() + "' is already thrifted by this recipe; expected one thrift per input");
        }
        c.number(at + ".thresholdMultiple", t.thresholdMultiple(), MULTIPLE, true);
        c.number(at + ".maxCut", t.maxCut(), SOME_SHARE, true);
        c.number(at + ".ratePerYear", t.ratePerYear(), RATE, true);
      }
    }
  }

  private static void recycling(ScenarioSpec s, Checks c) {
    if (s.recipes() != null) {
      for (int i = 0; i < s.recipes().size(); i++) {
        ScenarioSpec.RecipeSpec r = s.recipes().get(i);
        if (r != null && "recycling".equals(r.stage()) && r.inputs() != null && !r.inputs().isEmpty()) {
          c.problem(FieldPaths.index("recipes", i) + ".inputs", "a recycling recipe is fed by end-of-life magnets"
              + " (see recycling); expected no inputs");
        }
      }
    }
    ScenarioSpec.RecyclingSpec r = s.recycling();
    if (r == null) return;
    c.number("recycling.collectionShare", r.collectionShare(), Bound.FRACTION, false);
    c.number("recycling.otherLifetimeYears", r.otherLifetimeYears(), LIFETIME, false);
    if (r.lifetimeYears() != null) {
      for (Map.Entry<String, Double> e : r.lifetimeYears().entrySet()) {
        c.number(FieldPaths.field("recycling.lifetimeYears", e.getKey()), e.getValue(), LIFETIME, true);
      }
    }
  }

  private static <T> Set<String> ids(List<T> list, java.util.function.Function<T, String> id) {
    Set<String> ids = new LinkedHashSet<>();
    if (list != null) list.stream().filter(Objects::nonNull).map(id).filter(Objects::nonNull).forEach(ids::add);
    return ids;
  }
}
