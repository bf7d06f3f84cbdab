package org.magflow.scenario;

import java.time.LocalDate;
import java.util.Map;

/**
 * A capacity project of the investment pipeline as written in a scenario file: a mine, separation circuit,
 * magnet plant or recycler at some stage of development, which the model builds if prices make it worth it.
 *
 * @param owner the producer that will run it; one not listed under {@code producers} is created in {@code site}
 * @param site the region where the plant stands
 * @param recipe the recipe the plant runs
 * @param yields per-plant output yields replacing the recipe's (deposit-specific), as for a facility
 * @param tonnesPerYear nameplate capacity at full rate, tonnes of activity a year
 * @param status where it stands at the scenario start: studied, permitted, financed or building
 * @param statusDate when it reached that status (for the record; the model does not read it)
 * @param firstOutput the owner's announced first-output date, if prices allow; sets the time left
 * @param rampMonths months from first output to full rate
 * @param incentiveUsdPerKg the price of its main output (by value) at which it goes ahead
 * @param offtakeUsdPerKg a fixed price at which its output is bought (an offtake), if any
 * @param support the share of its capital borne by governments (grants, equity, cheap loans), 0–1
 * @param source the section of the sources document that holds its facts
 */
public record ProjectSpec(String id, String name, String owner, String site, String recipe,
                          Map<String, Double> yields, Double tonnesPerYear, String status, LocalDate statusDate,
                          LocalDate firstOutput, Double rampMonths, Double incentiveUsdPerKg,
                          Double offtakeUsdPerKg, Double support, String source) {

  /**
   * How the pipeline decides. Optional; every field has a default.
   *
   * @param reviewDays how often projects are reviewed
   * @param forwardViewMonths the time constant over which investors average the market price
   * @param cancelAfterMonths months of stalling in a row after which a project not yet building is cancelled
   * @param capitalShareOfIncentive the share of a project's incentive price that pays for its capital, which
   *     government support lowers
   * @param leadTimes months each stage of development takes, by production stage
   * @param incentiveMultiple a project's incentive price, where it gives none, as a multiple of its main
   *     output's reference price, by production stage
   * @param entrants unnamed capacity that enters once the named pipeline is exhausted; absent when not given,
   *     so scenarios without entrants resolve as before
   */
  public record InvestmentSpec(Double reviewDays, Double forwardViewMonths, Double cancelAfterMonths,
                               Double capitalShareOfIncentive, Map<String, LeadTimeSpec> leadTimes,
                               Map<String, Double> incentiveMultiple,
                               @com.fasterxml.jackson.annotation.JsonInclude(
                                   com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                               java.util.List<EntrantSpec> entrants) {}

  /**
   * Generic entrants of one stage in one region: unnamed plants of a standard size, decided one unit at a time
   * by the pipeline's rule once no named project of the stage in the region's price zone waits for a decision.
   * Their units are listed in {@code projects.csv} as {@code <id>-1}, {@code <id>-2}, ...
   *
   * @param id names the entrant, its owner (a producer created in the site) and its plant
   * @param site the region where its plants stand
   * @param recipe the recipe they run
   * @param unitTonnesPerYear each unit's nameplate, tonnes of activity a year
   * @param maxUnitsPerYear the most units decided in a year
   * @param incentiveMultiple the expected multiple of its outputs' value at which units go ahead; default: the
   *     stage's {@code incentiveMultiple}
   * @param decisionMonths favourable months in a row before the first unit is decided; default: the stage's
   *     permitting plus financing months
   * @param leadMonths months from a unit's decision to its first output; default: the stage's building months
   * @param rampMonths months from first output to nameplate; default: the stage's
   * @param fullRateMargin how far above the incentive (a share of it) entry reaches its full rate; below that
   *     the rate falls in proportion, and units still building take their share of the rate; 0 switches that
   *     guard against overbuilding off; default 0.1
   */
  public record EntrantSpec(String id, String name, String site, String recipe, Map<String, Double> yields,
                            Double unitTonnesPerYear, Double maxUnitsPerYear, Double incentiveMultiple,
                            Double decisionMonths, Double leadMonths, Double rampMonths, Double fullRateMargin,
                            String source) {}

  /**
   * Months of development by status: getting permits (studied → permitted) and finance (permitted → investment
   * decision) count only months when prices favour the project; building counts every month.
   */
  public record LeadTimeSpec(Double permittingMonths, Double financingMonths, Double buildingMonths,
                             Double rampMonths) {}
}
