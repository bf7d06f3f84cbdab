package org.magflow.scenario;

import static org.magflow.scenario.ScenarioDefaults.or;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.magflow.scenario.ProjectSpec.EntrantSpec;
import org.magflow.scenario.ProjectSpec.InvestmentSpec;
import org.magflow.scenario.ProjectSpec.LeadTimeSpec;
import org.magflow.scenario.ScenarioSpec.ProducerSpec;

/**
 * The defaults of the investment pipeline (see {@link ScenarioDefaults}, which applies them), each with the
 * section of {@code src/docs/sources.md} it comes from.
 */
final class ProjectDefaults {
  /** Days between reviews of the pipeline: monthly, as boards and lenders meet. [assumption] */
  static final double REVIEW_DAYS = 30;
  /** Months over which investors average the market price before acting on it. [assumption] */
  static final double FORWARD_VIEW_MONTHS = 12;
  /**
   * Months of stalling after which an undecided project is cancelled: the 2011 price peak was followed by
   * cancellations and suspensions in 2015–16 (Molycorp, Bear Lodge), sources §S9.6. [derived, rounded down]
   */
  static final double CANCEL_AFTER_MONTHS = 36;
  /** The share of an incentive price that pays for capital, which government support lowers. [assumption] */
  static final double CAPITAL_SHARE_OF_INCENTIVE = 0.5;

  /**
   * Months of development by production stage, from sources §S10: a decided mine takes 6–9 years to first
   * output and discovery to production over 15; a greenfield separation plant 3–6 years; a magnet plant
   * about 3–4; a recycler 2–3. Permitting and financing count only months that favour the project.
   */
  static final Map<String, LeadTimeSpec> LEAD_TIMES = Map.of(
      "mining", new LeadTimeSpec(36.0, 18.0, 36.0, 24.0),
      "separation", new LeadTimeSpec(12.0, 12.0, 30.0, 12.0),
      "manufacturing", new LeadTimeSpec(6.0, 6.0, 30.0, 12.0),
      "recycling", new LeadTimeSpec(6.0, 6.0, 24.0, 18.0));

  /**
   * Incentive prices as multiples of the reference, by stage: ex-China mines need NdPr at $75–85/kg against
   * about $60 (sources §S11), so 1.35; separation is priced off the same NdPr, so the same; no source gives
   * one for magnet plants or recyclers (§S11), so a smaller premium, 1.2. [assumption for the last two]
   */
  static final Map<String, Double> INCENTIVE_MULTIPLE = Map.of(
      "mining", 1.35, "separation", 1.35, "manufacturing", 1.2, "recycling", 1.2);

  /**
   * The share of end-of-life magnets that can be collected: today under 1% are recycled (sources §S4.2), for
   * want of plants more than of scrap, and the EU aims at 25% of its demand from recycling by 2030 (§S4.2).
   * [assumption: half can be collected once plants exist]
   */
  static final double COLLECTION_SHARE = 0.5;
  /**
   * Mean product lifetimes by sector, years, from the ranges in sources §S4.1: electronics 2–3 (drives and
   * phones; 10 for air conditioners), wind 20–30, most end uses 10–20. [derived: mid-points]
   */
  static final Map<String, Double> LIFETIME_YEARS = Map.of("ev", 15.0, "wind", 25.0, "electronics", 5.0,
      "industrial", 15.0, "defence", 20.0);
  /** The lifetime of a sector not listed: the middle of "10–20 years on average" (sources §S4.1). */
  static final double OTHER_LIFETIME_YEARS = 15;

  private ProjectDefaults() {}

  static ScenarioSpec.RecyclingSpec recycling(ScenarioSpec.RecyclingSpec r) {
    if (r == null) r = new ScenarioSpec.RecyclingSpec(null, null, null);
    Map<String, Double> lifetimes = new LinkedHashMap<>(new java.util.TreeMap<>(LIFETIME_YEARS));
    if (r.lifetimeYears() != null) lifetimes.putAll(r.lifetimeYears());
    return new ScenarioSpec.RecyclingSpec(or(r.collectionShare(), COLLECTION_SHARE),
        Collections.unmodifiableMap(lifetimes), or(r.otherLifetimeYears(), OTHER_LIFETIME_YEARS));
  }

  /**
   * How far above its incentive an entrant's expected multiple must be for entry at its full rate, as a share
   * of the incentive; below that the rate falls in proportion, so entry slows as the price comes down to the
   * incentive. [assumption: a tenth; no source gives how entry speeds with the margin, S13]
   */
  static final double FULL_RATE_MARGIN = 0.1;

  /** @param recipeStages each recipe's stage by recipe id, for the entrants' defaults */
  static InvestmentSpec investment(InvestmentSpec i, Map<String, String> recipeStages) {
    if (i == null) i = new InvestmentSpec(null, null, null, null, null, null, null);
    Map<String, LeadTimeSpec> leadTimes = new LinkedHashMap<>();
    for (String stage : List.of("mining", "separation", "manufacturing", "recycling")) {
      LeadTimeSpec d = LEAD_TIMES.get(stage);
      LeadTimeSpec given = i.leadTimes() == null ? null : i.leadTimes().get(stage);
      if (given == null) given = new LeadTimeSpec(null, null, null, null);
      leadTimes.put(stage, new LeadTimeSpec(or(given.permittingMonths(), d.permittingMonths()),
          or(given.financingMonths(), d.financingMonths()), or(given.buildingMonths(), d.buildingMonths()),
          or(given.rampMonths(), d.rampMonths())));
    }
    Map<String, Double> incentive = new LinkedHashMap<>();
    for (String stage : leadTimes.keySet()) {
      Double given = i.incentiveMultiple() == null ? null : i.incentiveMultiple().get(stage);
      incentive.put(stage, or(given, INCENTIVE_MULTIPLE.get(stage)));
    }
    List<EntrantSpec> entrants = null; // absent stays absent: resolved files without entrants do not change
    if (i.entrants() != null) {
      entrants = new ArrayList<>();
      for (EntrantSpec e : i.entrants()) entrants.add(entrant(e, stageOf(e, recipeStages), leadTimes, incentive));
      entrants = Collections.unmodifiableList(entrants);
    }
    return new InvestmentSpec(or(i.reviewDays(), REVIEW_DAYS), or(i.forwardViewMonths(), FORWARD_VIEW_MONTHS),
        or(i.cancelAfterMonths(), CANCEL_AFTER_MONTHS),
        or(i.capitalShareOfIncentive(), CAPITAL_SHARE_OF_INCENTIVE),
        Collections.unmodifiableMap(leadTimes), Collections.unmodifiableMap(incentive), entrants);
  }

  private static String stageOf(EntrantSpec e, Map<String, String> recipeStages) {
    return recipeStages.get(e.recipe());
  }

  /** An entrant with its stage's lead times and incentive where it gives none. */
  private static EntrantSpec entrant(EntrantSpec e, String stage, Map<String, LeadTimeSpec> leadTimes,
                                     Map<String, Double> incentive) {
    LeadTimeSpec lead = leadTimes.get(stage);
    return new EntrantSpec(e.id(), or(e.name(), e.id()), e.site(), e.recipe(),
        e.yields() == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(e.yields())),
        e.unitTonnesPerYear(), e.maxUnitsPerYear(), or(e.incentiveMultiple(), incentive.get(stage)),
        or(e.decisionMonths(), lead.permittingMonths() + lead.financingMonths()),
        or(e.leadMonths(), lead.buildingMonths()), or(e.rampMonths(), lead.rampMonths()),
        or(e.fullRateMargin(), FULL_RATE_MARGIN), or(e.source(), ""));
  }

  /** A project with its optional texts and maps filled; numbers left out stay null and take the stage's. */
  static ProjectSpec project(ProjectSpec p) {
    return new ProjectSpec(p.id(), or(p.name(), p.id()), p.owner(), p.site(), p.recipe(),
        p.yields() == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(p.yields())),
        p.tonnesPerYear(), p.status(), p.statusDate(), p.firstOutput(), p.rampMonths(), p.incentiveUsdPerKg(),
        p.offtakeUsdPerKg(), or(p.support(), 0.0), or(p.source(), ""));
  }

  /**
   * The scenario's producers plus one for each project owner not among them, in the project's site, in the
   * order the projects name them, then one for each entrant: a new company has no plants until its project
   * (or unit) is built.
   */
  static List<ProducerSpec> withOwners(List<ProducerSpec> producers, List<ProjectSpec> projects,
                                       List<EntrantSpec> entrants) {
    Set<String> known = new LinkedHashSet<>();
    for (ProducerSpec p : producers) known.add(p.id());
    List<ProducerSpec> all = new ArrayList<>(producers);
    for (ProjectSpec project : projects) {
      if (known.add(project.owner())) {
        all.add(new ProducerSpec(project.owner(), null, project.site(), null, null, null, null, null, null));
      }
    }
    for (EntrantSpec e : entrants) { // an entrant is its own company, named by its id
      if (known.add(e.id())) all.add(new ProducerSpec(e.id(), e.name(), e.site(), null, null, null, null, null, null));
    }
    return all;
  }
}
