package org.magflow.scenario;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A time-windowed policy as written in a scenario file, chosen by its {@code type} field.
 *
 * <p>Every policy has a {@code name} (an id, unique in the scenario), a {@code start} date, an optional
 * {@code end} (the first day it no longer applies) and an optional {@code source} (where the real-world
 * event is documented). Region, commodity, producer and demand-sector ids refer to the scenario's own. Jackson
 * ignores {@code permits}; {@code PolicySpecTest} keeps the two lists equal.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = PolicySpec.DestinationThrottleSpec.class, name = "destination-throttle"),
    @JsonSubTypes.Type(value = PolicySpec.QuotaSpec.class, name = "quota"),
    @JsonSubTypes.Type(value = PolicySpec.LicenceRegimeSpec.class, name = "licence-regime"),
    @JsonSubTypes.Type(value = PolicySpec.FastTrackSpec.class, name = "fast-track"),
    @JsonSubTypes.Type(value = PolicySpec.ExtraterritorialRuleSpec.class, name = "extraterritorial-rule"),
    @JsonSubTypes.Type(value = PolicySpec.EntityBanSpec.class, name = "entity-ban"),
    @JsonSubTypes.Type(value = PolicySpec.EndUseBanSpec.class, name = "end-use-ban"),
    @JsonSubTypes.Type(value = PolicySpec.ProcurementBanSpec.class, name = "procurement-ban"),
    @JsonSubTypes.Type(value = PolicySpec.OriginRequirementSpec.class, name = "origin-requirement"),
    @JsonSubTypes.Type(value = PolicySpec.TariffSpec.class, name = "tariff"),
    @JsonSubTypes.Type(value = PolicySpec.PriceFloorSpec.class, name = "price-floor"),
    @JsonSubTypes.Type(value = PolicySpec.StockpileSpec.class, name = "stockpile"),
    @JsonSubTypes.Type(value = PolicySpec.CapacityEventSpec.class, name = "capacity-event"),
    @JsonSubTypes.Type(value = PolicySpec.TechnologyBanSpec.class, name = "technology-ban"),
    @JsonSubTypes.Type(value = PolicySpec.SuspensionSpec.class, name = "suspension"),
})
public sealed interface PolicySpec permits PolicySpec.DestinationThrottleSpec, PolicySpec.QuotaSpec,
    PolicySpec.LicenceRegimeSpec, PolicySpec.FastTrackSpec, PolicySpec.ExtraterritorialRuleSpec,
    PolicySpec.EntityBanSpec, PolicySpec.EndUseBanSpec, PolicySpec.ProcurementBanSpec,
    PolicySpec.OriginRequirementSpec, PolicySpec.TariffSpec, PolicySpec.PriceFloorSpec, PolicySpec.StockpileSpec,
    PolicySpec.CapacityEventSpec, PolicySpec.TechnologyBanSpec, PolicySpec.SuspensionSpec {
  String name();

  LocalDate start();

  /** The day the policy lapses (it is in force up to the day before), or null if it never does. */
  LocalDate end();

  /** Where the real-world event is documented; free text, may be empty. */
  String source();

  /**
   * A duration drawn at random for each case, such as a licence review.
   *
   * @param distribution fixed (days), uniform (min, max), triangular (min, mode, max) or lognormal (mean, sd)
   */
  record DurationSpec(String distribution, Double days, Double min, Double mode, Double max, Double mean,
                      Double sd) {}

  /**
   * Cuts the share of normal trade that an exporting region's sellers may fill for buyers in the
   * destinations, as China cut magnets to the US by about 30% in September 2025.
   *
   * @param cut fraction of each buyer's normal trade refused (0–1)
   */
  record DestinationThrottleSpec(String name, LocalDate start, LocalDate end, String exporter,
                                 List<String> destinations, List<String> commodities, Double cut,
                                 String source) implements PolicySpec {}

  /**
   * Caps an exporting region's total exports of the commodities (to the destinations, or to every other
   * region), as China's export quotas did in 2010. The cap is spread evenly over the year.
   */
  record QuotaSpec(String name, LocalDate start, LocalDate end, String exporter, List<String> destinations,
                   List<String> commodities, Double tonnesPerYear, String source) implements PolicySpec {}

  /**
   * Every export of the commodities from the exporting region (to the destinations, or to every other
   * region) waits for a licence: a review of random length, then approval with a probability that depends on
   * the buyer's end use (its sector, or any of its tags). Denied shipments go back to the seller or are
   * written off. China's April 2025 regime: ~45 working days, defence refused.
   *
   * @param approvalProbability the chance a licence is approved when no end use below matches
   * @param approvalByEndUse approval chances by end use (sector or tag), e.g. {@code defence: 0.0}
   * @param denied what happens to denied material: {@code return} (to the seller's stock) or {@code write-off}
   */
  record LicenceRegimeSpec(String name, LocalDate start, LocalDate end, String exporter, List<String> destinations,
                           List<String> commodities, DurationSpec reviewDays, Double approvalProbability,
                           Map<String, Double> approvalByEndUse, String denied, String source)
      implements PolicySpec {}

  /**
   * Validated end users or general licences: shipments to the named buyers (from the named sellers, or any)
   * that a licence rule would hold are reviewed faster and approved with their own chance.
   *
   * @param buyers producer or demand-sector ids
   * @param sellers producer ids; empty for any seller
   */
  record FastTrackSpec(String name, LocalDate start, LocalDate end, List<String> buyers, List<String> sellers,
                       DurationSpec reviewDays, Double approvalProbability, String source) implements PolicySpec {}

  /**
   * The exporting country's licence reaches exports from third countries: a shipment of the commodities that
   * crosses a border from a region other than the exporter's, and whose content mined, separated or made in
   * the exporter's region is at or above {@code threshold} by mass, needs the licence, with its own review
   * and approval odds. China's 0.1% de-minimis rule of October 2025.
   */
  record ExtraterritorialRuleSpec(String name, LocalDate start, LocalDate end, String exporter,
                                  List<String> commodities, Double threshold, DurationSpec reviewDays,
                                  Double approvalProbability, Map<String, Double> approvalByEndUse, String denied,
                                  String source) implements PolicySpec {}

  /**
   * Listed entities get nothing from the exporting region and, if {@code worldwide}, nobody anywhere may
   * transfer them items with content from the exporting region (China's ban on MP Materials, USA Rare Earth,
   * Aveox and others).
   *
   * @param entities producer or demand-sector ids
   * @param commodities the commodities covered; empty for all
   */
  record EntityBanSpec(String name, LocalDate start, LocalDate end, String exporter, List<String> entities,
                       List<String> commodities, Boolean worldwide, String source) implements PolicySpec {}

  /**
   * Buyers with the end uses (their sector, or any of their tags) get nothing from the exporting region and,
   * if {@code worldwide}, nothing with content from it: China's refusal of defence end users.
   */
  record EndUseBanSpec(String name, LocalDate start, LocalDate end, String exporter, List<String> endUses,
                       List<String> commodities, Boolean worldwide, String source) implements PolicySpec {}

  /**
   * Buyers in the regions may not buy from the listed producers, as China's finance ministry barred
   * purchases from 46 US firms.
   */
  record ProcurementBanSpec(String name, LocalDate start, LocalDate end, List<String> buyerRegions,
                            List<String> sellers, List<String> commodities, String source) implements PolicySpec {}

  /**
   * Buyers with the end uses, in the regions, accept only material with no content mined, separated or made
   * in the excluded regions: the US defence sourcing rule from 2027 (DFARS 252.225-7052).
   */
  record OriginRequirementSpec(String name, LocalDate start, LocalDate end, List<String> buyerRegions,
                               List<String> endUses, List<String> commodities, List<String> excludedOrigins,
                               String source) implements PolicySpec {}

  /**
   * An ad-valorem tariff on the commodities imported into a region (from the exporters, or from anywhere),
   * which raises their landed cost and so steers buyers to other sources.
   */
  record TariffSpec(String name, LocalDate start, LocalDate end, String importer, List<String> exporters,
                    List<String> commodities, Double adValoremRate, String source) implements PolicySpec {}

  /**
   * A guaranteed realised price for one producer's output, which keeps its output up when the market price
   * is lower: the DoD–MP Materials $110/kg NdPr floor.
   */
  record PriceFloorSpec(String name, LocalDate start, LocalDate end, String producer, String commodity,
                        Double usdPerKg, String source) implements PolicySpec {}

  /**
   * A strategic stock held in a region: it buys up to {@code targetTonnes} at no more than
   * {@code buildTonnesPerYear} from the start, and from {@code releaseFrom} offers its stock to buyers in its
   * region at up to {@code releaseTonnesPerYear}.
   *
   * @param priority its rank as a buyer while building (0–100; low so it does not starve industry)
   */
  record StockpileSpec(String name, LocalDate start, LocalDate end, String region, String commodity,
                       Double initialTonnes, Double targetTonnes, Double buildTonnesPerYear, LocalDate releaseFrom,
                       Double releaseTonnesPerYear, Integer priority, String source) implements PolicySpec {}

  /**
   * A change to one plant's capacity while in force: an {@code expansion} adds {@code tonnesPerYear}, ramping
   * up linearly over {@code rampDays}; an {@code outage} leaves {@code availableFraction} of it running; a
   * {@code closure} shuts it. An expansion with {@code yields} is a new plant at the same site running the
   * same recipe with those output yields (a heavy-rare-earth circuit beside a light one); it is named after
   * the policy.
   */
  record CapacityEventSpec(String name, LocalDate start, LocalDate end, String facility, String kind,
                           Double tonnesPerYear, Double rampDays, Double availableFraction,
                           Map<String, Double> yields, String source) implements PolicySpec {}

  /**
   * The exporting country bans the export of its technology: plants in the affected regions (every other
   * region if none is listed) at the stages (all if none) see capacity they add after the start delayed by
   * {@code delayDays} and derated by {@code derate} (0–1; 1 means the additions fail).
   */
  record TechnologyBanSpec(String name, LocalDate start, LocalDate end, String exporter, List<String> regions,
                           List<String> stages, Double delayDays, Double derate, String source)
      implements PolicySpec {}

  /** While in force, the named policies do not apply: Announcement 70's suspension of the October 2025 rules. */
  record SuspensionSpec(String name, LocalDate start, LocalDate end, List<String> suspends, String source)
      implements PolicySpec {}
}
