package org.magflow.scenario;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.magflow.scenario.ProjectSpec.InvestmentSpec;
import org.magflow.scenario.ProjectSpec.LeadTimeSpec;

/**
 * The checks of the long-run responses: the investment pipeline ({@code projects}, {@code investment}) and the
 * sectors' technology options and lost demand ({@code demandResponse}). Every bound is one a run can carry out,
 * so a file that validates runs.
 */
final class LongRunChecks {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]+");
  private static final Set<String> STATUSES = Set.of("studied", "permitted", "financed", "building");
  private static final Set<String> STAGES = Set.of("mining", "separation", "manufacturing", "recycling");
  /** The largest plant a project may build, tonnes a year: ten times the world's 2024 mine output. */
  static final double MAX_TONNES_PER_YEAR = 4e6;
  /** The highest price a project may name, US dollars per kg: well above any rare-earth price on record. */
  static final double MAX_USD_PER_KG = 1e5;
  /** The longest a stage of development may take, in months (fifty years). */
  static final double MAX_MONTHS = 600;

  private final String file;
  private final List<Problem> problems;

  private LongRunChecks(String file, List<Problem> problems) {
    this.file = file;
    this.problems = problems;
  }

  /** Adds every problem of the scenario's projects and investment rule to {@code problems}. */
  static void check(ScenarioSpec s, String file, List<Problem> problems) {
    LongRunChecks check = new LongRunChecks(file, problems);
    check.projects(s);
    check.investment(s.investment());
    check.technologies(s);
    check.recycling(s);
  }

  private void recycling(ScenarioSpec s) {
    if (s.recipes() != null) {
      for (int i = 0; i < s.recipes().size(); i++) {
        ScenarioSpec.RecipeSpec r = s.recipes().get(i);
        if (r != null && "recycling".equals(r.stage()) && r.inputs() != null && !r.inputs().isEmpty()) {
          problem(FieldPaths.index("recipes", i) + ".inputs", "a recycling recipe is fed by end-of-life magnets"
              + " (see recycling); expected no inputs");
        }
      }
    }
    ScenarioSpec.RecyclingSpec r = s.recycling();
    if (r == null) return;
    number("recycling.collectionShare", r.collectionShare(), false, 0, 1, "a share from 0 to 1");
    number("recycling.otherLifetimeYears", r.otherLifetimeYears(), false, 0.5, 100, "years from 0.5 to 100");
    if (r.lifetimeYears() != null) {
      for (Map.Entry<String, Double> e : r.lifetimeYears().entrySet()) {
        number("recycling.lifetimeYears." + e.getKey(), e.getValue(), true, 0.5, 100, "years from 0.5 to 100");
      }
    }
  }

  private void technologies(ScenarioSpec s) {
    ScenarioSpec.DemandResponseSpec r = s.demandResponse();
    if (r == null) return;
    number("demandResponse.lossRatePerYear", r.lossRatePerYear(), false, 0, 10, "a share per year from 0 to 10");
    number("demandResponse.lossMaxShare", r.lossMaxShare(), false, 0, 1, "a share from 0 to 1");
    if (r.technologies() == null) return;
    Set<String> sectors = new LinkedHashSet<>();
    if (s.demand() != null) s.demand().stream().filter(Objects::nonNull).map(ScenarioSpec.DemandSpec::sector)
        .filter(Objects::nonNull).forEach(sectors::add);
    for (Map.Entry<String, List<ScenarioSpec.TechnologySpec>> e : r.technologies().entrySet()) {
      String path = "demandResponse.technologies." + e.getKey();
      if (!sectors.contains(e.getKey())) {
        problem(path, "no demand sector has sector '" + e.getKey() + "'; expected one of " + sorted(sectors));
      }
      if (e.getValue() == null) continue;
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < e.getValue().size(); i++) {
        String at = FieldPaths.index(path, i);
        ScenarioSpec.TechnologySpec t = e.getValue().get(i);
        if (t == null) {
          problem(at, "empty; expected a technology with id, thresholdMultiple, maxShare and ratePerYear");
          continue;
        }
        if (id(at + ".id", t.id(), "the technology's id") && !seen.add(t.id())) {
          problem(at + ".id", "duplicate technology '" + t.id() + "' for sector '" + e.getKey() + "'");
        }
        number(at + ".thresholdMultiple", t.thresholdMultiple(), true, Double.MIN_VALUE, 100,
            "a price multiple > 0 and <= 100");
        number(at + ".maxShare", t.maxShare(), true, Double.MIN_VALUE, 1, "a share > 0 and <= 1");
        number(at + ".ratePerYear", t.ratePerYear(), true, Double.MIN_VALUE, 10, "a share per year > 0 and <= 10");
      }
    }
  }

  private void problem(String path, String message) {
    problems.add(new Problem(file, path, 0, 0, message));
  }

  private void projects(ScenarioSpec s) {
    if (s.projects() == null) return;
    Set<String> regions = ids(s.regions(), ScenarioSpec.RegionSpec::id);
    Set<String> recipes = ids(s.recipes(), ScenarioSpec.RecipeSpec::id);
    Set<String> commodities = ids(s.commodities(), ScenarioSpec.CommoditySpec::id);
    Set<String> demand = ids(s.demand(), ScenarioSpec.DemandSpec::id);
    Set<String> facilities = new HashSet<>();
    if (s.producers() != null) {
      for (var p : s.producers()) {
        if (p != null && p.facilities() != null) facilities.addAll(ids(p.facilities(), ScenarioSpec.FacilitySpec::id));
      }
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < s.projects().size(); i++) {
      String path = FieldPaths.index("projects", i);
      ProjectSpec p = s.projects().get(i);
      if (p == null) {
        problem(path, "empty; expected a project with id, owner, site, recipe, tonnesPerYear and status");
        continue;
      }
      if (id(path + ".id", p.id(), "the project's id (it names its plant)")) {
        if (!seen.add(p.id())) problem(path + ".id", "duplicate project id '" + p.id() + "'");
        else if (facilities.contains(p.id())) {
          problem(path + ".id", "'" + p.id() + "' is already a facility's id; a project's id names the plant it builds");
        }
      }
      if (id(path + ".owner", p.owner(), "the producer that will run it") && demand.contains(p.owner())) {
        problem(path + ".owner", "'" + p.owner() + "' is a demand sector; expected a producer (a new id creates one)");
      }
      known(path + ".site", p.site(), regions, "region");
      known(path + ".recipe", p.recipe(), recipes, "recipe");
      if (p.yields() != null) {
        for (Map.Entry<String, Double> y : p.yields().entrySet()) {
          String at = path + ".yields." + y.getKey();
          if (!commodities.contains(y.getKey())) problem(at, "unknown commodity '" + y.getKey() + "'");
          number(at, y.getValue(), false, 0, 10, "a yield from 0 to 10 t per t of activity");
        }
      }
      number(path + ".tonnesPerYear", p.tonnesPerYear(), true, Double.MIN_VALUE, MAX_TONNES_PER_YEAR,
          "a nameplate capacity > 0 and <= " + (long) MAX_TONNES_PER_YEAR + " t/yr");
      if (p.status() == null) problem(path + ".status", "missing; expected one of " + sorted(STATUSES));
      else if (!STATUSES.contains(p.status())) {
        problem(path + ".status", "unknown status '" + p.status() + "'; expected one of " + sorted(STATUSES)
            + " (a plant already running is a facility, not a project)");
      }
      if (p.firstOutput() != null && s.start() != null && p.firstOutput().isBefore(s.start())) {
        problem(path + ".firstOutput", p.firstOutput() + " is before the scenario start " + s.start()
            + "; a plant already running is a facility, not a project");
      }
      if (p.firstOutput() != null && s.end() != null && p.firstOutput().isAfter(s.end())) {
        problem(path + ".firstOutput", p.firstOutput() + " is after the scenario end " + s.end()
            + "; the project could never produce in this run");
      }
      number(path + ".rampMonths", p.rampMonths(), false, 0, MAX_MONTHS, "months from 0 to " + (int) MAX_MONTHS);
      number(path + ".incentiveUsdPerKg", p.incentiveUsdPerKg(), false, Double.MIN_VALUE, MAX_USD_PER_KG,
          "a price > 0 and <= " + (long) MAX_USD_PER_KG + " USD/kg");
      number(path + ".offtakeUsdPerKg", p.offtakeUsdPerKg(), false, Double.MIN_VALUE, MAX_USD_PER_KG,
          "a price > 0 and <= " + (long) MAX_USD_PER_KG + " USD/kg");
      number(path + ".support", p.support(), false, 0, 1, "a share of capital from 0 to 1");
    }
  }

  private void investment(InvestmentSpec i) {
    if (i == null) return;
    number("investment.reviewDays", i.reviewDays(), false, 1, 365, "days from 1 to 365");
    number("investment.forwardViewMonths", i.forwardViewMonths(), false, Double.MIN_VALUE, 120,
        "months > 0 and <= 120");
    number("investment.cancelAfterMonths", i.cancelAfterMonths(), false, Double.MIN_VALUE, MAX_MONTHS,
        "months > 0 and <= " + (int) MAX_MONTHS);
    number("investment.capitalShareOfIncentive", i.capitalShareOfIncentive(), false, 0, 1, "a share from 0 to 1");
    if (i.leadTimes() != null) {
      for (Map.Entry<String, LeadTimeSpec> e : i.leadTimes().entrySet()) {
        String path = "investment.leadTimes." + e.getKey();
        if (!STAGES.contains(e.getKey())) {
          problem(path, "unknown stage '" + e.getKey() + "'; expected one of " + sorted(STAGES));
          continue;
        }
        LeadTimeSpec t = e.getValue();
        if (t == null) continue;
        String months = "months from 0 to " + (int) MAX_MONTHS;
        number(path + ".permittingMonths", t.permittingMonths(), false, 0, MAX_MONTHS, months);
        number(path + ".financingMonths", t.financingMonths(), false, 0, MAX_MONTHS, months);
        number(path + ".buildingMonths", t.buildingMonths(), false, 0, MAX_MONTHS, months);
        number(path + ".rampMonths", t.rampMonths(), false, 0, MAX_MONTHS, months);
      }
    }
    if (i.incentiveMultiple() != null) {
      for (Map.Entry<String, Double> e : i.incentiveMultiple().entrySet()) {
        String path = "investment.incentiveMultiple." + e.getKey();
        if (!STAGES.contains(e.getKey())) problem(path, "unknown stage '" + e.getKey() + "'; expected one of " + sorted(STAGES));
        else number(path, e.getValue(), true, Double.MIN_VALUE, 100, "a multiple of the reference price > 0 and <= 100");
      }
    }
  }

  private boolean id(String path, String id, String what) {
    if (id == null) {
      problem(path, "missing; expected " + what);
      return false;
    }
    if (!ID.matcher(id).matches()) {
      problem(path, "'" + id + "' is not an id of letters, digits, '-' or '_'");
      return false;
    }
    return true;
  }

  private void known(String path, String id, Set<String> known, String what) {
    if (id == null) problem(path, "missing; expected a " + what + " id");
    else if (!known.contains(id)) problem(path, "unknown " + what + " '" + id + "'; expected one of " + sorted(known));
  }

  private void number(String path, Double value, boolean required, double min, double max, String expected) {
    if (value == null) {
      if (required) problem(path, "missing; expected " + expected);
    } else if (!(value >= min && value <= max)) {
      problem(path, value + " is out of range; expected " + expected);
    }
  }

  private static <T> Set<String> ids(List<T> list, java.util.function.Function<T, String> id) {
    Set<String> ids = new LinkedHashSet<>();
    if (list != null) list.stream().filter(Objects::nonNull).map(id).filter(Objects::nonNull).forEach(ids::add);
    return ids;
  }

  private static String sorted(Set<String> ids) {
    return String.join(", ", new java.util.TreeSet<>(ids));
  }
}
