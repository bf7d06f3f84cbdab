package org.magflow.output;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The key performance indicators of one run, as computed by {@link Kpis} and written by {@link SummaryJson}
 * and {@link TerminalSummary}.
 *
 * <p>Quantities are tonnes, prices US dollars per kg, ratios percent (0–100) unless a name says
 * {@code Multiple}. A key that does not apply is an empty string, as in the time series; a figure that does
 * not exist (no shortage, hence no peak date; no counterfactual, hence no drop) is null. Every list is sorted
 * as its component says, so two runs with the same events give the same summary.
 *
 * @param scenarioFile the scenario file's name alone, so the summary does not depend on how its path was written
 * @param firstPeriodEnd the end of the first reporting period (null if the run reported nothing)
 * @param lastPeriodEnd the end of the last reporting period (null if the run reported nothing)
 * @param counterfactualCompared whether export drops were measured against a run without policies
 * @param shortageByRegion one entry per region with demand, {@code sector} empty; sorted by region
 * @param shortageBySector one entry per region and demand sector; sorted by region, then sector
 * @param prices one entry per price zone and commodity; sorted by zone, then commodity
 * @param exportFlows one entry per exporter, destination and commodity of cross-border shipments; sorted by
 *     exporter, destination, commodity
 * @param exportTotals one entry per exporter and commodity over all other regions, {@code destination} empty;
 *     sorted by exporter, then commodity
 * @param productionShares each region's share of each stage's throughput over the first year; sorted by stage,
 *     then share descending, then region
 * @param policies the policy switches in date order (same-date switches in the order they happened)
 * @param conservation the end-of-run mass balance per commodity, sorted by commodity
 * @param warnings what the scenario holds that the run does not use as written (a policy wholly outside the
 *     horizon), each as {@code FILE:LINE:COLUMN: path: message} with the file's name alone, in file order;
 *     always present, empty when none (an older summary without the key reads as none)
 */
@JsonPropertyOrder({"scenarioName", "scenarioFile", "seed", "conserved"})
public record RunSummary(String scenarioName, String scenarioFile, long seed,
                         LocalDate firstPeriodEnd, LocalDate lastPeriodEnd, boolean counterfactualCompared,
                         List<Shortage> shortageByRegion, List<Shortage> shortageBySector, List<Price> prices,
                         List<Export> exportFlows, List<Export> exportTotals,
                         List<ProductionShare> productionShares, List<Policy> policies,
                         List<Conservation> conservation, List<String> warnings) {
  public RunSummary {
    Objects.requireNonNull(scenarioName, "scenarioName");
    Objects.requireNonNull(scenarioFile, "scenarioFile");
    shortageByRegion = List.copyOf(shortageByRegion);
    shortageBySector = List.copyOf(shortageBySector);
    prices = List.copyOf(prices);
    exportFlows = List.copyOf(exportFlows);
    exportTotals = List.copyOf(exportTotals);
    productionShares = List.copyOf(productionShares);
    policies = List.copyOf(policies);
    conservation = List.copyOf(conservation);
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }

  /** This summary with the scenario's warnings. */
  public RunSummary withWarnings(List<String> newWarnings) {
    return new RunSummary(scenarioName, scenarioFile, seed, firstPeriodEnd, lastPeriodEnd, counterfactualCompared,
        shortageByRegion, shortageBySector, prices, exportFlows, exportTotals, productionShares, policies,
        conservation, newWarnings);
  }

  /**
   * Whether the run passed its mass-balance check: at least one audit was recorded and every audit balanced.
   * A run without audits was never checked, so it does not count as conserved.
   */
  @JsonProperty("conserved")
  public boolean conserved() {
    return !conservation.isEmpty() && conservation.stream().allMatch(Conservation::balanced);
  }

  /**
   * The unmet demand of a region, or of one demand sector in it, over the run.
   *
   * <p>A period is <em>in shortage</em> when its shortage exceeds {@link Kpis#SHORTAGE_THRESHOLD} of its
   * demand.
   *
   * @param sector the demand sector; empty for a whole region
   * @param cumulativeShortageTonnes shortage summed over all periods
   * @param cumulativeDemandTonnes demand summed over all periods
   * @param shortagePercentOfDemand cumulative shortage as a percentage of cumulative demand (0 if no demand)
   * @param peakShortageTonnes the largest shortage in one reporting period (0 if never short)
   * @param peakShortageDate the end of that period, the earliest on a tie (null if never short)
   * @param peakShortagePercentOfPeriodDemand the peak as a percentage of that period's demand
   * @param periodsInShortage the number of periods in shortage (months, with monthly reporting)
   * @param firstShortageDate the end of the first period in shortage (null if never in shortage)
   * @param recoveryDate the end of the first period after the last period in shortage (null if never in
   *     shortage, or still in shortage in the last period)
   * @param shortageDurationMonths calendar months from the month of {@code firstShortageDate} to the month of
   *     {@code recoveryDate}, i.e. with monthly reporting the months from the first short month up to the
   *     recovery month (null without a recovery date)
   */
  public record Shortage(String region, String sector, double cumulativeShortageTonnes,
                         double cumulativeDemandTonnes, double shortagePercentOfDemand, double peakShortageTonnes,
                         LocalDate peakShortageDate, double peakShortagePercentOfPeriodDemand,
                         int periodsInShortage, LocalDate firstShortageDate, LocalDate recoveryDate,
                         Integer shortageDurationMonths) {}

  /**
   * The path of a price in one zone against its reference.
   *
   * <p>Multiples are null when the run reported no positive reference price for the zone and commodity.
   *
   * @param zone the price zone (the {@code region} column of price rows)
   * @param referenceUsdPerKg the reference price (null if none was reported)
   * @param peakUsdPerKg the highest end-of-period price
   * @param peakDate the end of the period with the highest price, the earliest on a tie
   * @param peakMultiple the peak over the reference
   * @param endUsdPerKg the price at the end of the last period
   * @param minMultiple the lowest end-of-period price over the reference
   * @param periodsAtCap the periods that ended with the price at the highest the market's rule allows
   *     ({@code market.priceRule.maxMultiple} × reference), where buyers are rationed rather than priced out
   *     (null in results written before it was reported)
   * @param firstAtCap the end of the first such period (null if none)
   * @param lastAtCap the end of the last such period (null if none)
   */
  public record Price(String zone, String commodity, Double referenceUsdPerKg, double peakUsdPerKg,
                      LocalDate peakDate, Double peakMultiple, double endUsdPerKg, Double minMultiple,
                      Integer periodsAtCap, LocalDate firstAtCap, LocalDate lastAtCap) {
    /** Whether the price ended a period at the rule's cap: the printed price is then the guard, not a market's. */
    public boolean heldAtCap() {
      return periodsAtCap != null && periodsAtCap > 0;
    }
  }

  /**
   * The tonnes shipped from one region to another (or to all others), and their drop against the
   * counterfactual run without policies.
   *
   * <p>A drop is {@code 100 × (counterfactual − run) / counterfactual}: positive when the policies cut
   * exports, negative when they raised them. Without a counterfactual every counterfactual figure is null.
   *
   * @param exporter the exporting region
   * @param destination the importing region; empty for the total to all other regions
   * @param tonnes tonnes shipped over the whole run
   * @param counterfactualTonnes tonnes shipped in the counterfactual run
   * @param dropPercent the drop over the whole run (null if the counterfactual shipped nothing)
   * @param worstPeriodDropPercent the largest drop in one period among the periods in which the counterfactual
   *     shipped at least {@link Kpis#MIN_COUNTERFACTUAL_PERIOD_TONNES} (null if there is none)
   * @param worstPeriodDate the end of that period, the earliest on a tie
   */
  public record Export(String exporter, String destination, String commodity, double tonnes,
                       Double counterfactualTonnes, Double dropPercent, Double worstPeriodDropPercent,
                       LocalDate worstPeriodDate) {}

  /**
   * A region's share of one production stage's throughput over the first {@link Kpis#SHARE_WINDOW_MONTHS}
   * months of the run (the whole run if shorter).
   *
   * @param stage the production stage (mining, separation, manufacturing…)
   * @param throughputTonnes the region's throughput at that stage in the window
   * @param sharePercent that throughput as a percentage of the stage's total
   */
  public record ProductionShare(String stage, String region, double throughputTonnes, double sharePercent) {}

  /** A policy coming into force ({@code active}) or lapsing on {@code date}. */
  public record Policy(String name, String type, LocalDate date, boolean active) {}

  /**
   * The end-of-run mass balance of one commodity in tonnes, as the run audited it.
   *
   * @param residual {@code initial + produced − used − consumed − writtenOff − inTransit − finalStock}
   * @param balanced whether the residual is within rounding of the largest flow
   */
  public record Conservation(String commodity, double initial, double produced, double used, double consumed,
                             double writtenOff, double inTransit, double finalStock, double residual,
                             boolean balanced) {}
}
