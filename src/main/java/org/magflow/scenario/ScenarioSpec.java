package org.magflow.scenario;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import java.util.List;

/**
 * A scenario file as written: the world at the start date, how it behaves, and the policies that hit it.
 *
 * <p>Spec records are plain data bound by Jackson. Numbers are boxed so that a missing field binds to null
 * and the validator can report it with its path; {@code ModelBuilder} accepts only a validated spec, and the
 * model never sees a spec. {@code scenarios/reference.yaml} documents every field.
 *
 * <p><b>Extending a base scenario.</b> A file may start from another: a top-level {@code extends: baseline.yaml}
 * names a base scenario file by a path relative to the extending file's folder (an absolute path is taken as
 * is), read as YAML or JSON by its extension. {@link ScenarioLoader#load} reads the base, which may itself
 * extend another through at most {@link ScenarioLoader#MAX_EXTENDS_DEPTH} bases, and merges the files before
 * binding, so a spec never holds {@code extends}: it is the merged scenario, and so is
 * {@code scenario.resolved.json}. The merge, field by field, the extending file winning:
 * <ul>
 *   <li>an object (such as {@code demandResponse}, {@code market.priceRule}, a producer's {@code stocks}) merges
 *       with the base's field by field, at any depth: {@code demandResponse: {noise: 0}} changes the noise and
 *       keeps the base's other demandResponse fields;
 *   <li>a list of entries with ids merges by id: {@code commodities}, {@code regions}, {@code recipes},
 *       {@code producers} and each producer's {@code facilities}, {@code demand}, {@code projects}, each sector's
 *       {@code demandResponse.technologies}, and {@code policies} by {@code name}. An entry whose id a base's
 *       entry has is merged into it, field by field as above (so {@code policies: [{name: x, cut: 0.8}]} changes
 *       the cut of the base's policy x, where it stands in the base's list); an entry with a new id is appended
 *       after the base's. An entry cannot change a base's entry's {@code type} (a policy's family): that is
 *       reported, at the child's type. An empty or null list adds nothing; a child cannot remove a base's entry
 *       ({@link #withPolicies} gives the no-policy counterfactual). A file that names one id twice has a
 *       duplicate, reported as in a single file;
 *   <li>any other value, lists without ids included (a facility's {@code capacity} points, {@code trade.routes},
 *       {@code market.referencePrices}, tags, a policy's destinations), replaces the base's whole; so does
 *       null (an empty field), which leaves the field to its default.
 * </ul>
 *
 * <p>Every file of a chain gets every check a single file gets (size limit per file, UTF-8, syntax, aliases,
 * nesting, duplicate keys), and each problem names the file and line where its value was written: a problem
 * in a value taken from a base names the base file, as resolved from the working directory (e.g.
 * {@code scenarios/baseline.yaml}); a problem in a value the child set, in its own entry or in the fields it
 * changes of a base's entry, names the child. Paths are numbered as the file that wrote them numbers them (the
 * child's first policy is {@code policies[0]}, however many the base has), and so are the paths a message
 * quotes, with the file named when it is another. A problem about an entry or object as a whole (e.g. a missing
 * field of a policy) names the file that first wrote it; a missing top-level field is reported in the loaded
 * file. A value the extending file overrides is never bound, so beyond syntax and duplicate keys its problems
 * are not reported. A base that cannot be found or read, is not {@code .yaml}, {@code .yml} or {@code .json},
 * closes a cycle, or lies too deep is reported at the {@code extends} field that names it.
 * {@link ScenarioLoader#parse}, given text and no file, refuses {@code extends}.
 */
public record ScenarioSpec(
    String name,
    String description,
    LocalDate start,
    LocalDate end,
    Long seed,
    ClockSpec clock,
    List<CommoditySpec> commodities,
    List<RegionSpec> regions,
    MarketSpec market,
    TradeSpec trade,
    List<RecipeSpec> recipes,
    List<ProducerSpec> producers,
    List<DemandSpec> demand,
    DemandResponseSpec demandResponse,
    List<PolicySpec> policies,
    List<ProjectSpec> projects,
    ProjectSpec.InvestmentSpec investment,
    RecyclingSpec recycling) {

  /** The same scenario with other policies; with none, it is the scenario's no-policy counterfactual. */
  public ScenarioSpec withPolicies(List<PolicySpec> newPolicies) {
    return new ScenarioSpec(name, description, start, end, seed, clock, commodities, regions, market, trade, recipes,
        producers, demand, demandResponse, newPolicies, projects, investment,
        recycling);
  }

  /**
   * How often the recurring processes run. Optional; every field has a default.
   *
   * @param reporting the reporting period: daily, weekly, monthly or quarterly
   * @param warmupDays days simulated before the start, unreported, so stocks and pipelines settle
   */
  public record ClockSpec(Integer productionDays, Integer clearingDays, Integer consumptionDays, String reporting,
                          Integer warmupDays) {}

  /**
   * Where recycling plants get their feed: magnets used by demand sectors come back after their products' lives.
   * Optional; every field has a default.
   *
   * @param collectionShare the share of end-of-life magnets that can be collected for recycling
   * @param lifetimeYears mean product lifetime by sector
   * @param otherLifetimeYears the mean lifetime of sectors not listed
   */
  public record RecyclingSpec(Double collectionShare, java.util.Map<String, Double> lifetimeYears,
                              Double otherLifetimeYears) {}

  /**
   * A traded material.
   *
   * @param content tonnes of rare-earth oxide per tonne, by element group (e.g. {@code {ndpr: 1}} for NdPr
   *     oxide, {@code {reo: 1}} for a concentrate not yet separated): what recipes must conserve (see
   *     {@link org.magflow.model.ElementContent}). Optional; null means the default for the commodity's id
   *     ({@link ScenarioDefaults#content}), which is not written into the resolved scenario
   */
  public record CommoditySpec(String id, String name, String unit,
                              @JsonInclude(JsonInclude.Include.NON_NULL) java.util.Map<String, Double> content) {
    /** A commodity whose content is its id's default. */
    public CommoditySpec(String id, String name, String unit) {
      this(id, name, unit, null);
    }
  }

  /** A country or group of countries; its price zone decides which market price its buyers pay. */
  public record RegionSpec(String id, String name, String priceZone) {}

  /** Reference prices and the rule that moves prices with the balance of each zone. */
  public record MarketSpec(PriceRuleSpec priceRule, List<ReferencePriceSpec> referencePrices) {}

  /**
   * The price-adjustment rule; optional, each field has a default.
   *
   * @param coverExponent how strongly the zone's stock cover against target moves the indicated price
   * @param shortagePremium how much a fully unfilled order book adds to the indicated price (×(1+premium))
   * @param adjustmentDays time constant with which the price moves toward the indicated price
   * @param minMultiple floor on the price, as a multiple of the reference
   * @param maxMultiple cap on the price, as a multiple of the reference
   * @param lostSalesExponent by price zone, then commodity, how far the zone's producers cut its price when their orders fall
   *     below 90% of their usual orders (see PriceBook); absent (none) when not given, so scenarios without it
   *     resolve and run as before
   * @param salesMemoryMonths the time constant of the producers' usual orders; absent when not given (12 then)
   */
  public record PriceRuleSpec(Double coverExponent, Double shortagePremium, Double adjustmentDays,
                              Double minMultiple, Double maxMultiple,
                              @JsonInclude(JsonInclude.Include.NON_NULL) java.util.Map<String, java.util.Map<String, Double>> lostSalesExponent,
                              @JsonInclude(JsonInclude.Include.NON_NULL) Double salesMemoryMonths) {
    /** A rule without a response to lost sales. */
    public PriceRuleSpec(Double coverExponent, Double shortagePremium, Double adjustmentDays, Double minMultiple,
                         Double maxMultiple) {
      this(coverExponent, shortagePremium, adjustmentDays, minMultiple, maxMultiple, null, null);
    }
  }

  /** The price of a commodity in a zone when the market is balanced. */
  public record ReferencePriceSpec(String commodity, String zone, Double usdPerKg) {}

  /**
   * Transit times and freight between regions.
   *
   * @param domestic the lane within one region
   * @param otherwise the lane between two regions with no listed route (written {@code default} in files)
   */
  public record TradeSpec(LaneSpec domestic, @JsonProperty("default") LaneSpec otherwise, List<RouteSpec> routes) {}

  /** Transit and freight of a lane with no listed route. */
  public record LaneSpec(Double transitDays, Double freightUsdPerKg) {}

  /** A route between two regions; it applies both ways unless {@code oneWay} is true. */
  public record RouteSpec(String from, String to, Double transitDays, Double freightUsdPerKg, Boolean oneWay) {}

  /**
   * A production step: tonnes of inputs used and outputs made per tonne of activity. Capacities are in tonnes
   * of activity per year, so a recipe is written per tonne of its main input (separation) or output (mining,
   * magnet making).
   *
   * @param stage mining, separation or manufacturing; origin records note where each stage happened
   * @param thrifting ways the plants running it cut an input as its price stays high (none if absent)
   * @param alternatives ids of recipes of the same stage that its plants can run instead, in any mix, within their
   *     one capacity: a magnet line's heavy-free grade beside its Dy/Tb grade (none if absent)
   */
  public record RecipeSpec(String id, String stage, java.util.Map<String, Double> inputs,
                           java.util.Map<String, Double> outputs,
                           @com.fasterxml.jackson.annotation.JsonInclude(
                               com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                           List<ThriftSpec> thrifting,
                           @com.fasterxml.jackson.annotation.JsonInclude(
                               com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                           List<String> alternatives) {}

  /**
   * A way to use less of a recipe input as its price stays high: magnet makers cut dysprosium and terbium by
   * grain-boundary diffusion and heavy-free grades. Plants adopt it like a technology ({@link TechnologySpec}).
   *
   * @param input the commodity cut; one of the recipe's inputs
   * @param thresholdMultiple the input's price multiple (in the plant owner's zone) above which cutting starts
   * @param maxCut the most of the recipe's amount that can be cut
   * @param ratePerYear the fastest the cut grows, share of the recipe's amount per year
   */
  public record ThriftSpec(String input, Double thresholdMultiple, Double maxCut, Double ratePerYear,
                           String source) {}

  /**
   * A firm or an aggregate of firms that mines, separates or makes.
   *
   * @param suppliers shares of its input purchases placed first with named producers (offtake contracts)
   * @param sourcing the origins it will not buy, if it has such a policy of its own
   */
  public record ProducerSpec(String id, String name, String region, List<String> tags,
                             List<FacilitySpec> facilities, java.util.Map<String, StockSpec> stocks,
                             SupplySpec supply, List<InputSupplierSpec> suppliers,
                             @JsonInclude(JsonInclude.Include.NON_NULL) SourcingSpec sourcing) {}

  /**
   * A firm's own sourcing rule: from a date it buys nothing with content mined, separated, made or recycled in
   * the excluded regions (a commitment to its customers, such as a defence supplier's, not a government rule).
   *
   * @param from the first day it applies; none: from the start
   */
  public record SourcingSpec(List<String> excludedOrigins, LocalDate from, String source) {}

  /**
   * A plant running one recipe.
   *
   * @param region where the plant stands, if not the producer's region (origin records use it)
   * @param capacity installed capacity over time: linear between points, zero before the first point,
   *     constant after the last
   * @param yields per-facility output yields replacing the recipe's outputs (deposit-specific)
   */
  public record FacilitySpec(String id, String recipe, String region, List<CapacityPointSpec> capacity,
                             List<OutageSpec> outages, java.util.Map<String, Double> yields) {}

  /** Installed capacity on a date, tonnes of activity per year. */
  public record CapacityPointSpec(LocalDate date, Double tonnesPerYear) {}

  /** A window during which only {@code availableFraction} of capacity can run. */
  public record OutageSpec(LocalDate from, LocalDate to, Double availableFraction, String reason) {}

  /** An opening stock and the stock the holder aims to keep, as days of its expected use or sales. */
  public record StockSpec(Double initialTonnes, Double targetCoverDays) {}

  /**
   * How a producer's output responds to its price. Optional; each field has a default.
   *
   * @param normalUtilisation the share of capacity run when the realised price equals the reference
   * @param priceElasticity elasticity of the utilisation ceiling to realised price over reference
   * @param maxCoverDays days of sales above which the producer stops making more, and toward which a price push fades
   * @param adjustmentDays time constant with which plants move their run rate toward what sales call for
   * @param orderAdjustmentDays days over which the producer closes the gap between its inputs' position and the
   *     position it orders up to; 0 closes it at each clearing (the order-up-to rule)
   */
  public record SupplySpec(Double normalUtilisation, Double priceElasticity, Double maxCoverDays,
                           Double adjustmentDays, Double orderAdjustmentDays) {}

  /** Buyers of one commodity in one region and sector. */
  public record DemandSpec(String id, String name, String region, String sector, String commodity,
                           Double baseTonnesPerYear, Double growthPerYear, Double priceElasticity,
                           Integer priority, String unmet, StockSpec stock, List<SupplierShareSpec> suppliers,
                           List<String> tags) {}

  /** A share of a buyer's orders placed first with a named producer (a contract or an established tie). */
  public sealed interface SupplierShare permits SupplierShareSpec, InputSupplierSpec {
    String producer();

    Double share();

    /** What the share covers; null for everything the producer makes that the buyer buys. */
    List<String> commodities();
  }

  /** A demand line's share of its orders placed first with a named producer: of its one commodity. */
  public record SupplierShareSpec(String producer, Double share) implements SupplierShare {
    @Override
    public List<String> commodities() {
      return null;
    }
  }

  /**
   * A producer's share of its input orders placed first with a named producer.
   *
   * @param commodities what the share covers (an NdPr offtake with a separator that also makes Dy/Tb); null for
   *     every input the supplier makes
   */
  public record InputSupplierSpec(String producer, Double share,
                                  @JsonInclude(JsonInclude.Include.NON_NULL) List<String> commodities)
      implements SupplierShare {}

  /**
   * Scenario-wide demand response. Optional; each field has a default.
   *
   * @param substitutionThresholdMultiple price multiple above which buyers start substituting and thrifting
   * @param substitutionMaxShare the share of demand that substitution can remove at most
   * @param substitutionRatePerYear the fastest substitution grows, as a share of demand per year
   * @param noise coefficient of variation of each consumption step's demand (0 for none)
   * @param technologies by sector: the technology options that replace substitution for that sector
   * @param lossRatePerYear the share of demand lost for good per year of complete shortage (sectors whose unmet
   *     demand is lost)
   * @param lossMaxShare the most of a sector's demand that can be lost for good
   */
  public record DemandResponseSpec(Double substitutionThresholdMultiple, Double substitutionMaxShare,
                                   Double substitutionRatePerYear, Double noise,
                                   java.util.Map<String, List<TechnologySpec>> technologies, Double lossRatePerYear,
                                   Double lossMaxShare) {
    /** The scenario-wide substitution and noise alone, with no technology options and no lost demand. */
    public DemandResponseSpec(Double substitutionThresholdMultiple, Double substitutionMaxShare,
                              Double substitutionRatePerYear, Double noise) {
      this(substitutionThresholdMultiple, substitutionMaxShare, substitutionRatePerYear, noise, null, null, null);
    }
  }

  /**
   * A technology a sector can adopt to use fewer rare-earth magnets (by sector, under
   * {@code demandResponse.technologies}); the sector's options replace the scenario-wide substitution for it.
   *
   * @param thresholdMultiple the price multiple above which buyers start adopting it
   * @param maxShare the share of the sector's demand it can replace at most
   * @param ratePerYear the fastest it replaces demand, share per year
   */
  public record TechnologySpec(String id, Double thresholdMultiple, Double maxShare, Double ratePerYear,
                               String source) {}
}
