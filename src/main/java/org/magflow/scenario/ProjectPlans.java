package org.magflow.scenario;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.magflow.model.CapacitySchedule;
import org.magflow.model.Facility;
import org.magflow.model.Investment;
import org.magflow.model.Investment.Status;
import org.magflow.model.Producer;
import org.magflow.model.Recipe;
import org.magflow.model.Region;
import org.magflow.scenario.ProjectSpec.EntrantSpec;
import org.magflow.scenario.ProjectSpec.InvestmentSpec;
import org.magflow.scenario.ProjectSpec.LeadTimeSpec;
import org.magflow.units.Units;

/**
 * Turns a scenario's projects into what the model runs: an idle plant for each, held by its owner from the
 * start, and a {@link Investment.Plan} with its statuses' durations in days and its incentive price.
 */
final class ProjectPlans {
  private static final double DAYS_PER_MONTH = Units.DAYS_PER_YEAR / 12;

  private final List<ProjectSpec> projects;
  private final InvestmentSpec investment;
  private final LocalDate start;
  /** Each project's idle plant, in project order. */
  private final List<Facility> plants = new ArrayList<>();
  private final List<EntrantSpec> entrants;
  /** Each entrant's idle plant, to which its units add capacity, in entrant order. */
  private final List<Facility> entrantPlants = new ArrayList<>();

  /**
   * Makes every project's plant.
   *
   * @param recipes by id; the plant's recipe carries the project's own yields
   */
  ProjectPlans(ScenarioSpec scenario, Map<String, Recipe> recipes, Map<String, Integer> commodityIndex,
               Map<String, Region> regionById) {
    this.projects = scenario.projects();
    this.investment = scenario.investment();
    this.start = scenario.start();
    for (ProjectSpec p : projects) {
      Recipe recipe = ModelBuilder.withYields(recipes.get(p.recipe()), p.yields(), commodityIndex);
      plants.add(new Facility(p.id(), recipe, regionById.get(p.site()), CapacitySchedule.constant(0)));
    }
    this.entrants = investment.entrants() == null ? List.of() : investment.entrants();
    for (EntrantSpec e : entrants) {
      Recipe recipe = ModelBuilder.withYields(recipes.get(e.recipe()), e.yields(), commodityIndex);
      entrantPlants.add(new Facility(e.id(), recipe, regionById.get(e.site()), CapacitySchedule.constant(0)));
    }
  }

  /** The idle plants {@code owner}'s projects will fill, in project order. */
  List<Facility> plantsOf(String owner) {
    List<Facility> owned = new ArrayList<>();
    for (int i = 0; i < projects.size(); i++) if (projects.get(i).owner().equals(owner)) owned.add(plants.get(i));
    for (int i = 0; i < entrants.size(); i++) if (entrants.get(i).id().equals(owner)) owned.add(entrantPlants.get(i));
    return owned;
  }

  Investment.Rule rule() {
    return new Investment.Rule(investment.reviewDays(), investment.forwardViewMonths() * DAYS_PER_MONTH,
        investment.cancelAfterMonths() * DAYS_PER_MONTH);
  }

  /**
   * The plans of every project.
   *
   * @param referenceUsdPerKg reference prices by zone, then commodity
   */
  List<Investment.Plan> plans(Map<String, Producer> producerById, double[][] referenceUsdPerKg) {
    List<Investment.Plan> plans = new ArrayList<>();
    for (int i = 0; i < projects.size(); i++) {
      ProjectSpec p = projects.get(i);
      Facility plant = plants.get(i);
      Producer owner = producerById.get(p.owner());
      String stage = plant.recipe().stage().id();
      LeadTimeSpec lead = investment.leadTimes().get(stage);
      double[] reference = referenceUsdPerKg[owner.region().zone()];
      int main = plant.recipe().mainOutput(reference);
      // an incentive price given for the main output is read as a multiple of its reference price
      double incentive = p.incentiveUsdPerKg() != null ? p.incentiveUsdPerKg() / reference[main]
          : investment.incentiveMultiple().get(stage);
      incentive *= 1 - investment.capitalShareOfIncentive() * p.support();
      Status status = Status.fromId(p.status());
      double ramp = (p.rampMonths() != null ? p.rampMonths() : lead.rampMonths()) * DAYS_PER_MONTH;
      plans.add(new Investment.Plan(p.id(), p.name(), owner, plant, status, daysNeeded(status, lead, p.firstOutput()),
          p.tonnesPerYear(), ramp, main, incentive,
          p.offtakeUsdPerKg() == null ? Double.NaN : p.offtakeUsdPerKg()));
    }
    return plans;
  }

  /**
   * The entrants that follow the named pipeline.
   *
   * @param referenceUsdPerKg reference prices by zone, then commodity
   */
  List<Investment.Entrant> entrants(Map<String, Producer> producerById, double[][] referenceUsdPerKg) {
    List<Investment.Entrant> list = new ArrayList<>();
    for (int i = 0; i < entrants.size(); i++) {
      EntrantSpec e = entrants.get(i);
      Facility plant = entrantPlants.get(i);
      Producer owner = producerById.get(e.id());
      int main = plant.recipe().mainOutput(referenceUsdPerKg[owner.region().zone()]);
      list.add(new Investment.Entrant(e.id(), e.name(), owner, plant, main, e.unitTonnesPerYear(),
          e.decisionMonths() * DAYS_PER_MONTH, e.leadMonths() * DAYS_PER_MONTH, e.rampMonths() * DAYS_PER_MONTH,
          e.incentiveMultiple(), e.maxUnitsPerYear(), e.fullRateMargin()));
    }
    return list;
  }

  /**
   * The days each status still to come needs. An announced first-output date sets the total: the time from
   * the start to it is shared among the statuses left in proportion to the stage's usual months.
   */
  private double[] daysNeeded(Status status, LeadTimeSpec lead, LocalDate firstOutput) {
    double[] days = new double[Status.values().length];
    days[Status.STUDIED.ordinal()] = lead.permittingMonths() * DAYS_PER_MONTH;
    days[Status.PERMITTED.ordinal()] = lead.financingMonths() * DAYS_PER_MONTH;
    days[Status.BUILDING.ordinal()] = lead.buildingMonths() * DAYS_PER_MONTH;
    if (firstOutput == null) return days;
    double usual = 0;
    for (int s = status.ordinal(); s <= Status.BUILDING.ordinal(); s++) usual += days[s];
    double announced = java.time.temporal.ChronoUnit.DAYS.between(start, firstOutput);
    for (int s = status.ordinal(); s <= Status.BUILDING.ordinal(); s++) {
      days[s] = usual > 0 ? days[s] * announced / usual : announced / (Status.BUILDING.ordinal() - status.ordinal() + 1);
    }
    return days;
  }

}
