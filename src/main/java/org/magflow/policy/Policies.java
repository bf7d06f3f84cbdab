package org.magflow.policy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The policy families. Sets of ids that may be empty mean "all" where the field's doc says so. Each record's
 * {@code applyTo} registers it with the rules in force; what the registration means is the model's business.
 */
public final class Policies {
  private Policies() {}

  /** Sellers in {@code exporter} may fill only {@code 1 - cut} of a buyer's normal trade in the destinations. */
  public record DestinationThrottle(String name, LocalDate start, LocalDate end, String exporter,
                                    Set<String> destinations, Set<String> commodities, double cut) implements Policy {
    public DestinationThrottle {
      java.util.Objects.requireNonNull(name, "name");
      java.util.Objects.requireNonNull(start, "start");
      destinations = Set.copyOf(destinations);
      commodities = Set.copyOf(commodities);
      if (!(cut >= 0 && cut <= 1)) throw new IllegalArgumentException("cut must be in [0, 1], was " + cut);
    }

    @Override
    public String type() {
      return "destination-throttle";
    }

    @Override
    public void applyTo(TradeRules.Builder rules) {
      for (String destination : destinations) {
        for (String commodity : commodities) rules.throttle(exporter, destination, commodity, cut);
      }
    }
  }

  /** Caps the exporter's total exports of the commodities to the destinations (empty: every other region). */
  public record Quota(String name, LocalDate start, LocalDate end, String exporter, Set<String> destinations,
                      Set<String> commodities, double tonnesPerYear) implements Policy {
    public Quota {
      destinations = Set.copyOf(destinations);
      commodities = Set.copyOf(commodities);
    }

    @Override
    public String type() {
      return "quota";
    }

    @Override
    public void applyTo(TradeRules.Builder rules) {
      rules.quotas.add(this);
    }
  }

  /**
   * Exports of the commodities from the exporter to the destinations (empty: every other region) wait for a
   * licence review and are approved with a chance that depends on the buyer's end use.
   */
  public record LicenceRegime(String name, LocalDate start, LocalDate end, String exporter, Set<String> destinations,
                              Set<String> commodities, Delay review, double approvalProbability,
                              Map<String, Double> approvalByEndUse, boolean writeOffDenied) implements Policy {
    public LicenceRegime {
      destinations = Set.copyOf(destinations);
      commodities = Set.copyOf(commodities);
      approvalByEndUse = Map.copyOf(approvalByEndUse);
    }

    @Override
    public String type() {
      return "licence-regime";
    }

    @Override
    public void applyTo(TradeRules.Builder rules) {
      rules.licences.add(new TradeRules.LicenceRule(name, exporter, destinations, commodities, Double.NaN, review,
          approvalProbability, approvalByEndUse, writeOffDenied));
    }
  }

  /** Shipments to the buyers (from the sellers; empty: any) that a licence rule holds are reviewed faster. */
  public record FastTrack(String name, LocalDate start, LocalDate end, Set<String> buyers, Set<String> sellers,
                          Delay review, double approvalProbability) implements Policy {
    public FastTrack {
      buyers = Set.copyOf(buyers);
      sellers = Set.copyOf(sellers);
    }

    @Override
    public String type() {
      return "fast-track";
    }

    @Override
    public void applyTo(TradeRules.Builder rules) {
      rules.fastTracks.add(this);
    }
  }

  /** Third-country exports with exporter-origin content at or above the threshold need the exporter's licence. */
  public record ExtraterritorialRule(String name, LocalDate start, LocalDate end, String exporter,
                                     Set<String> commodities, double threshold, Delay review,
                                     double approvalProbability, Map<String, Double> approvalByEndUse,
                                     boolean writeOffDenied) implements Policy {
    public ExtraterritorialRule {
      commodities = Set.copyOf(commodities);
      approvalByEndUse = Map.copyOf(approvalByEndUse);
    }

    @Override
    public String type() {
      return "extraterritorial-rule";
    }

    @Override
    public boolean readsOrigin() {
      return true;
    }

    @Override
    public void applyTo(TradeRules.Builder rules) {
      rules.licences.add(new TradeRules.LicenceRule(name, exporter, Set.of(), commodities, threshold, review,
          approvalProbability, approvalByEndUse, writeOffDenied));
    }
  }

  /**
   * Buyers that are listed entities, or whose end use is listed, get nothing from the exporter and, if
   * {@code worldwide}, nothing with content from it. {@code type} is entity-ban or end-use-ban.
   *
   * @param commodities the commodities covered; empty for all
   */
  public record BuyerBan(String name, String type, LocalDate start, LocalDate end, String exporter,
                         Set<String> entities, Set<String> endUses, Set<String> commodities, boolean worldwide)
      implements Policy {
    public BuyerBan {
      entities = Set.copyOf(entities);
      endUses = Set.copyOf(endUses);
      commodities = Set.copyOf(commodities);
    }

    @Override
    public void applyTo(TradeRules.Builder rules) {
      rules.buyerBans.add(this);
    }

    @Override
    public boolean readsOrigin() {
      return worldwide;
    }
  }

  /** Buyers in the regions may not buy the commodities (empty: all) from the listed sellers. */
  public record ProcurementBan(String name, LocalDate start, LocalDate end, Set<String> buyerRegions,
                               Set<String> sellers, Set<String> commodities) implements Policy {
    public ProcurementBan {
      buyerRegions = Set.copyOf(buyerRegions);
      sellers = Set.copyOf(sellers);
      commodities = Set.copyOf(commodities);
    }

    @Override
    public String type() {
      return "procurement-ban";
    }

    @Override
    public void applyTo(TradeRules.Builder rules) {
      rules.procurementBans.add(this);
    }
  }

  /**
   * Buyers in the regions with the end uses accept only material of the commodities (empty: all) with no
   * content mined, separated or made in the excluded regions.
   */
  public record OriginRequirement(String name, LocalDate start, LocalDate end, Set<String> buyerRegions,
                                  Set<String> endUses, Set<String> commodities, Set<String> excludedOrigins)
      implements Policy {
    public OriginRequirement {
      buyerRegions = Set.copyOf(buyerRegions);
      endUses = Set.copyOf(endUses);
      commodities = Set.copyOf(commodities);
      excludedOrigins = Set.copyOf(excludedOrigins);
    }

    @Override
    public String type() {
      return "origin-requirement";
    }

    @Override
    public boolean readsOrigin() {
      return true;
    }

    @Override
    public void applyTo(TradeRules.Builder rules) {
      rules.originRequirements.add(this);
    }
  }

  /** An ad-valorem tariff on the commodities imported into a region from the exporters (empty: any). */
  public record Tariff(String name, LocalDate start, LocalDate end, String importer, Set<String> exporters,
                       Set<String> commodities, double adValoremRate) implements Policy {
    public Tariff {
      exporters = Set.copyOf(exporters);
      commodities = Set.copyOf(commodities);
    }

    @Override
    public String type() {
      return "tariff";
    }

    @Override
    public void applyTo(TradeRules.Builder rules) {
      rules.tariffs.add(this);
    }
  }

  /** A guaranteed realised price for one producer's output of one commodity. */
  public record PriceFloor(String name, LocalDate start, LocalDate end, String producer, String commodity,
                           double usdPerKg) implements Policy {
    @Override
    public String type() {
      return "price-floor";
    }

    @Override
    public void applyTo(TradeRules.Builder rules) {
      rules.priceFloors.merge(producer + '|' + commodity, usdPerKg, Math::max);
    }
  }

  /**
   * A strategic stock in a region: it builds toward a target at a capped rate and, from {@code releaseFrom},
   * offers its stock to buyers in its region at a capped rate. The model creates its holder.
   */
  public record Stockpile(String name, LocalDate start, LocalDate end, String region, String commodity,
                          double initialTonnes, double targetTonnes, double buildTonnesPerYear, LocalDate releaseFrom,
                          double releaseTonnesPerYear, int priority) implements Policy {
    @Override
    public String type() {
      return "stockpile";
    }

    @Override
    public void applyTo(TradeRules.Builder rules) {
      rules.activeStockpiles.add(name);
    }
  }

  /**
   * A change to one plant's capacity while in force.
   *
   * @param kind expansion (adds {@code tonnesPerYear} over {@code rampDays}), outage (leaves
   *     {@code availableFraction} running) or closure
   */
  public record CapacityEvent(String name, LocalDate start, LocalDate end, String facility, String kind,
                              double tonnesPerYear, double rampDays, double availableFraction) implements Policy {
    @Override
    public String type() {
      return "capacity-event";
    }

    @Override
    public void applyTo(TradeRules.Builder rules) {
      rules.capacityEvents.add(this);
    }
  }

  /**
   * Plants in the regions (empty: every region but the exporter's) at the stages (empty: all) see capacity
   * added after the start delayed by {@code delayDays} and derated by {@code derate}.
   */
  public record TechnologyBan(String name, LocalDate start, LocalDate end, String exporter, Set<String> regions,
                              Set<String> stages, double delayDays, double derate) implements Policy {
    public TechnologyBan {
      regions = Set.copyOf(regions);
      stages = Set.copyOf(stages);
    }

    @Override
    public String type() {
      return "technology-ban";
    }

    @Override
    public void applyTo(TradeRules.Builder rules) {
      rules.technologyBans.add(this);
    }
  }

  /** While in force, the named policies do not apply; the model applies it before the rules are assembled. */
  public record Suspension(String name, LocalDate start, LocalDate end, List<String> suspends) implements Policy {
    public Suspension {
      suspends = List.copyOf(suspends);
    }

    @Override
    public String type() {
      return "suspension";
    }

    @Override
    public void applyTo(TradeRules.Builder rules) {
      // suspensions act on which policies are in force, not on trade itself
    }
  }
}
