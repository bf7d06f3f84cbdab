package org.magflow.scenario;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.magflow.scenario.ScenarioSpec.ClockSpec;
import org.magflow.scenario.ScenarioSpec.CommoditySpec;
import org.magflow.scenario.ScenarioSpec.DemandResponseSpec;
import org.magflow.scenario.ScenarioSpec.DemandSpec;
import org.magflow.scenario.ScenarioSpec.FacilitySpec;
import org.magflow.scenario.ScenarioSpec.MarketSpec;
import org.magflow.scenario.ScenarioSpec.OutageSpec;
import org.magflow.scenario.ScenarioSpec.PriceRuleSpec;
import org.magflow.scenario.ScenarioSpec.ProducerSpec;
import org.magflow.scenario.ScenarioSpec.RecipeSpec;
import org.magflow.scenario.ScenarioSpec.RegionSpec;
import org.magflow.scenario.ScenarioSpec.RouteSpec;
import org.magflow.scenario.ScenarioSpec.SourcingSpec;
import org.magflow.scenario.ScenarioSpec.SupplySpec;
import org.magflow.scenario.ScenarioSpec.TradeSpec;

/**
 * The documented default of every optional scenario field, and the function that fills them in.
 *
 * <p>The constants are what {@code scenarios/reference.yaml} cites; a policy family keeps its own defaults
 * beside its checks ({@link PolicySpec#withDefaults}). {@link ScenarioLoader} applies them to every scenario it
 * loads, so no caller has to. After {@link #apply}, every field of the spec is non-null except a policy's
 * {@code end} (null: it never lapses) and a commodity's {@code content} (null: {@link #content} gives its id's
 * default), and every list and map is unmodifiable and keeps file order. Applying them twice changes nothing.
 */
public final class ScenarioDefaults {
  /** Days between production steps. */
  public static final int PRODUCTION_DAYS = 7;
  /** Days between market clearings. */
  public static final int CLEARING_DAYS = 7;
  /** Days between consumption steps. */
  public static final int CONSUMPTION_DAYS = 7;
  /** How often metrics are reported. */
  public static final String REPORTING = "monthly";
  /**
   * Days simulated, unreported, before the start so stocks, pipelines and sales signals settle: a year,
   * about thirteen time constants of the 28-day price and sales smoothing and ten times the longest sea route.
   */
  public static final int WARMUP_DAYS = 365;

  /** Price rule: the exponent of cover against target in the indicated price. */
  public static final double COVER_EXPONENT = 1.0;
  /** Price rule: a fully unfilled order book multiplies the indicated price by (1 + this). */
  public static final double SHORTAGE_PREMIUM = 1.0;
  /** Price rule: the time constant of price adjustment, in days. */
  public static final double ADJUSTMENT_DAYS = 28;
  /** Price rule: the floor on a price, as a multiple of the reference. */
  public static final double MIN_MULTIPLE = 0.25;
  /** Price rule: the cap on a price, as a multiple of the reference. */
  public static final double MAX_MULTIPLE = 10;
  /**
   * The memory of producers' usual orders, against which lost sales cut the price: a year's orders, the
   * horizon of annual contracts and quotas (sources §S14). [assumption]
   */
  static final double SALES_MEMORY_MONTHS = 12;

  /** Supply: the share of capacity run at the reference price. */
  public static final double NORMAL_UTILISATION = 0.85;
  /** Supply: elasticity of the utilisation ceiling to realised price over reference. */
  public static final double SUPPLY_PRICE_ELASTICITY = 0.5;
  /** Supply: days of sales above which a producer stops making more. */
  public static final double MAX_COVER_DAYS = 90;
  /** Supply: the time constant, in days, with which plants move their run rate toward what sales call for. */
  public static final double SUPPLY_ADJUSTMENT_DAYS = 28;
  /** Supply: days over which a producer closes its input position's gap; 0, at each clearing (order-up-to). */
  public static final double ORDER_ADJUSTMENT_DAYS = 0;

  /** Demand response: the price multiple above which substitution starts. */
  public static final double SUBSTITUTION_THRESHOLD_MULTIPLE = 1.5;
  /** Demand response: the largest share of demand substitution removes. */
  public static final double SUBSTITUTION_MAX_SHARE = 0.3;
  /** Demand response: the fastest substitution grows, as a share of demand per year (about 10% after 2010). */
  public static final double SUBSTITUTION_RATE_PER_YEAR = 0.10;
  /** Demand response: the coefficient of variation of each consumption step's demand. */
  public static final double NOISE = 0.0;

  /** The master seed when the file gives none. */
  public static final long SEED = 1;
  /** The description when the file gives none. */
  public static final String DESCRIPTION = "";
  /** The unit of a commodity when the file gives none. */
  public static final String UNIT = "t";
  /**
   * The rare-earth content, t of oxide per t by element group, of the commodities MODEL.md names, for files that
   * give none: a concentrate is counted in t REO, not yet separated; each oxide is its own group; a sintered
   * NdFeB magnet holds 0.31 t, its split the grade's [assumption: Nd2Fe14B is 26.7 wt% Nd, about 0.31 t of
   * oxide, the least a sintered magnet holds; the shipped magnet recipe uses 0.29 + 0.02 t of oxide, and a
   * recycler may recover up to that].
   */
  private static final Map<String, Map<String, Double>> CONTENT_BY_ID = Map.of(
      "reo", Map.of("reo", 1.0),
      "ndpr_oxide", Map.of("ndpr", 1.0),
      "dytb_oxide", Map.of("dytb", 1.0),
      "ndfeb_magnet", Map.of("reo", 0.31));

  /** A commodity's content as given, else its id's default, else empty: unknown, and then not audited. */
  public static Map<String, Double> content(CommoditySpec c) {
    if (c.content() != null) return c.content();
    return CONTENT_BY_ID.getOrDefault(c.id(), Map.of());
  }

  /** Whether a route applies one way only. */
  public static final boolean ONE_WAY = false;

  private ScenarioDefaults() {}

  /**
   * Returns a copy of a validated scenario with every optional field filled by its default. A name left out
   * (of a commodity, region, producer or demand sector) defaults to its id; a facility's region to its
   * producer's; absent lists and maps to empty ones; absent texts (outage reason, policy source) to "".
   *
   * @throws NullPointerException if a required field is missing, i.e. the scenario was not validated
   */
  public static ScenarioSpec apply(ScenarioSpec s) {
    return new ScenarioSpec(
        s.name(),
        or(s.description(), DESCRIPTION),
        s.start(),
        s.end(),
        or(s.seed(), SEED),
        clock(s.clock()),
        list(s.commodities(), c -> new CommoditySpec(c.id(), or(c.name(), c.id()), or(c.unit(), UNIT), c.content())),
        list(s.regions(), r -> new RegionSpec(r.id(), or(r.name(), r.id()), r.priceZone())),
        market(s.market()),
        trade(s.trade()),
        // thrifting and alternatives stay absent when not given, so resolved files of scenarios without them do not change
        list(s.recipes(), r -> new RecipeSpec(r.id(), r.stage(), map(r.inputs()), map(r.outputs()), r.thrifting(),
            r.alternatives())),
        list(ProjectDefaults.withOwners(or(s.producers(), List.of()), or(s.projects(), List.of()),
            s.investment() == null || s.investment().entrants() == null ? List.of() : s.investment().entrants()),
            ScenarioDefaults::producer),
        list(s.demand(), d -> new DemandSpec(d.id(), or(d.name(), d.id()), d.region(), d.sector(), d.commodity(),
            d.baseTonnesPerYear(), d.growthPerYear(), d.priceElasticity(), d.priority(), d.unmet(), d.stock(),
            list(d.suppliers(), Function.identity()), list(d.tags(), Function.identity()))),
        demandResponse(s.demandResponse()),
        list(s.policies(), PolicySpec::withDefaults), // each family fills its own
        list(s.projects(), ProjectDefaults::project),
        ProjectDefaults.investment(s.investment(), recipeStages(s)),
        ProjectDefaults.recycling(s.recycling()));
  }

  private static Map<String, String> recipeStages(ScenarioSpec s) {
    Map<String, String> stages = new java.util.HashMap<>();
    for (RecipeSpec r : or(s.recipes(), List.<RecipeSpec>of())) stages.put(r.id(), r.stage());
    return stages;
  }

  private static ClockSpec clock(ClockSpec c) {
    if (c == null) c = new ClockSpec(null, null, null, null, null);
    return new ClockSpec(or(c.productionDays(), PRODUCTION_DAYS), or(c.clearingDays(), CLEARING_DAYS),
        or(c.consumptionDays(), CONSUMPTION_DAYS), or(c.reporting(), REPORTING), or(c.warmupDays(), WARMUP_DAYS));
  }

  private static MarketSpec market(MarketSpec m) {
    PriceRuleSpec r = m.priceRule() != null ? m.priceRule() : new PriceRuleSpec(null, null, null, null, null);
    return new MarketSpec(new PriceRuleSpec(or(r.coverExponent(), COVER_EXPONENT),
        or(r.shortagePremium(), SHORTAGE_PREMIUM), or(r.adjustmentDays(), ADJUSTMENT_DAYS),
        or(r.minMultiple(), MIN_MULTIPLE), or(r.maxMultiple(), MAX_MULTIPLE), r.lostSalesExponent(),
        r.lostSalesExponent() == null ? r.salesMemoryMonths() : or(r.salesMemoryMonths(), SALES_MEMORY_MONTHS)),
        list(m.referencePrices(), Function.identity()));
  }

  private static TradeSpec trade(TradeSpec t) {
    return new TradeSpec(t.domestic(), t.otherwise(), list(t.routes(),
        r -> new RouteSpec(r.from(), r.to(), r.transitDays(), r.freightUsdPerKg(), or(r.oneWay(), ONE_WAY))));
  }

  private static ProducerSpec producer(ProducerSpec p) {
    SupplySpec s = p.supply() != null ? p.supply() : new SupplySpec(null, null, null, null, null);
    return new ProducerSpec(p.id(), or(p.name(), p.id()), p.region(), list(p.tags(), Function.identity()),
        list(p.facilities(), f -> new FacilitySpec(f.id(), f.recipe(), or(f.region(), p.region()),
            list(f.capacity(), Function.identity()),
            list(f.outages(), o -> new OutageSpec(o.from(), o.to(), o.availableFraction(), or(o.reason(), ""))),
            map(f.yields()))),
        map(p.stocks()),
        new SupplySpec(or(s.normalUtilisation(), NORMAL_UTILISATION), or(s.priceElasticity(), SUPPLY_PRICE_ELASTICITY),
            or(s.maxCoverDays(), MAX_COVER_DAYS), or(s.adjustmentDays(), SUPPLY_ADJUSTMENT_DAYS),
            or(s.orderAdjustmentDays(), ORDER_ADJUSTMENT_DAYS)),
        list(p.suppliers(), Function.identity()),
        p.sourcing() == null ? null
            : new SourcingSpec(list(p.sourcing().excludedOrigins(), Function.identity()), p.sourcing().from(),
                or(p.sourcing().source(), "")));
  }

  private static DemandResponseSpec demandResponse(DemandResponseSpec r) {
    if (r == null) r = new DemandResponseSpec(null, null, null, null);
    return new DemandResponseSpec(or(r.substitutionThresholdMultiple(), SUBSTITUTION_THRESHOLD_MULTIPLE),
        or(r.substitutionMaxShare(), SUBSTITUTION_MAX_SHARE),
        or(r.substitutionRatePerYear(), SUBSTITUTION_RATE_PER_YEAR),
        or(r.noise(), NOISE),
        r.technologies() == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(r.technologies())),
        or(r.lossRatePerYear(), 0.0), or(r.lossMaxShare(), 0.0));
  }

  /** A licence is approved unless the scenario says otherwise (licence regimes, extraterritorial rules, fast tracks). */
  public static final double APPROVAL_PROBABILITY = 1.0;
  /** What happens to material whose licence is denied: it goes back to the seller. */
  public static final String DENIED = "return";

  static List<String> ids(List<String> ids) {
    return ids == null ? List.of() : List.copyOf(ids);
  }

  static <T> T or(T value, T fallback) {
    return value != null ? value : fallback;
  }

  private static <T, R> List<R> list(List<T> list, Function<T, R> fill) {
    return list == null ? List.of() : list.stream().map(fill).toList();
  }

  /** An unmodifiable copy that keeps file order (Map.copyOf would not). */
  static <V> Map<String, V> map(Map<String, V> map) {
    return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
