package org.magflow.scenario;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.magflow.scenario.PolicySpec.*;
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
import org.magflow.scenario.ScenarioSpec.SupplySpec;
import org.magflow.scenario.ScenarioSpec.TradeSpec;

/**
 * The documented default of every optional scenario field, and the function that fills them in.
 *
 * <p>The constants are what {@code scenarios/reference.yaml} and {@code ModelBuilder} cite. After
 * {@link #apply}, every field of the spec is non-null except a policy's {@code end} (null: it never lapses), and
 * every list and map is unmodifiable and keeps file order.
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

  /** Supply: the share of capacity run at the reference price. */
  public static final double NORMAL_UTILISATION = 0.85;
  /** Supply: elasticity of the utilisation ceiling to realised price over reference. */
  public static final double SUPPLY_PRICE_ELASTICITY = 0.5;
  /** Supply: days of sales above which a producer stops making more. */
  public static final double MAX_COVER_DAYS = 90;
  /** Supply: the time constant, in days, with which plants move their run rate toward what sales call for. */
  public static final double SUPPLY_ADJUSTMENT_DAYS = 28;

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
        list(s.commodities(), c -> new CommoditySpec(c.id(), or(c.name(), c.id()), or(c.unit(), UNIT))),
        list(s.regions(), r -> new RegionSpec(r.id(), or(r.name(), r.id()), r.priceZone())),
        market(s.market()),
        trade(s.trade()),
        list(s.recipes(), r -> new RecipeSpec(r.id(), r.stage(), map(r.inputs()), map(r.outputs()))),
        list(ProjectDefaults.withOwners(or(s.producers(), List.of()), or(s.projects(), List.of())),
            ScenarioDefaults::producer),
        list(s.demand(), d -> new DemandSpec(d.id(), or(d.name(), d.id()), d.region(), d.sector(), d.commodity(),
            d.baseTonnesPerYear(), d.growthPerYear(), d.priceElasticity(), d.priority(), d.unmet(), d.stock(),
            list(d.suppliers(), Function.identity()), list(d.tags(), Function.identity()))),
        demandResponse(s.demandResponse()),
        list(s.policies(), ScenarioDefaults::policy),
        list(s.projects(), ProjectDefaults::project),
        ProjectDefaults.investment(s.investment()),
        ProjectDefaults.recycling(s.recycling()));
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
        or(r.minMultiple(), MIN_MULTIPLE), or(r.maxMultiple(), MAX_MULTIPLE)),
        list(m.referencePrices(), Function.identity()));
  }

  private static TradeSpec trade(TradeSpec t) {
    return new TradeSpec(t.domestic(), t.otherwise(), list(t.routes(),
        r -> new RouteSpec(r.from(), r.to(), r.transitDays(), r.freightUsdPerKg(), or(r.oneWay(), ONE_WAY))));
  }

  private static ProducerSpec producer(ProducerSpec p) {
    SupplySpec s = p.supply() != null ? p.supply() : new SupplySpec(null, null, null, null);
    return new ProducerSpec(p.id(), or(p.name(), p.id()), p.region(), list(p.tags(), Function.identity()),
        list(p.facilities(), f -> new FacilitySpec(f.id(), f.recipe(), or(f.region(), p.region()),
            list(f.capacity(), Function.identity()),
            list(f.outages(), o -> new OutageSpec(o.from(), o.to(), o.availableFraction(), or(o.reason(), ""))),
            map(f.yields()))),
        map(p.stocks()),
        new SupplySpec(or(s.normalUtilisation(), NORMAL_UTILISATION), or(s.priceElasticity(), SUPPLY_PRICE_ELASTICITY),
            or(s.maxCoverDays(), MAX_COVER_DAYS), or(s.adjustmentDays(), SUPPLY_ADJUSTMENT_DAYS)),
        list(p.suppliers(), Function.identity()));
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

  /** A licence is approved unless the scenario says otherwise. */
  public static final double APPROVAL_PROBABILITY = 1.0;
  /** What happens to material whose licence is denied: it goes back to the seller. */
  public static final String DENIED = "return";
  /** China's October 2025 de-minimis threshold: 0.1% of content by mass. */
  public static final double EXTRATERRITORIAL_THRESHOLD = 0.001;
  /** A stockpile ranks below every shipped demand sector when it buys, so building it starves no one. */
  public static final int STOCKPILE_PRIORITY = 30;

  private static PolicySpec policy(PolicySpec p) {
    String source = or(p.source(), "");
    if (p instanceof DestinationThrottleSpec t) {
      return new DestinationThrottleSpec(t.name(), t.start(), t.end(), t.exporter(), List.copyOf(t.destinations()),
          List.copyOf(t.commodities()), t.cut(), source);
    }
    if (p instanceof QuotaSpec q) {
      return new QuotaSpec(q.name(), q.start(), q.end(), q.exporter(), ids(q.destinations()), ids(q.commodities()),
          q.tonnesPerYear(), source);
    }
    if (p instanceof LicenceRegimeSpec l) {
      return new LicenceRegimeSpec(l.name(), l.start(), l.end(), l.exporter(), ids(l.destinations()),
          ids(l.commodities()), l.reviewDays(), or(l.approvalProbability(), APPROVAL_PROBABILITY),
          map(l.approvalByEndUse()), or(l.denied(), DENIED), source);
    }
    if (p instanceof FastTrackSpec f) {
      return new FastTrackSpec(f.name(), f.start(), f.end(), ids(f.buyers()), ids(f.sellers()),
          or(f.reviewDays(), new DurationSpec("fixed", 0.0, null, null, null, null, null)),
          or(f.approvalProbability(), APPROVAL_PROBABILITY), source);
    }
    if (p instanceof ExtraterritorialRuleSpec e) {
      return new ExtraterritorialRuleSpec(e.name(), e.start(), e.end(), e.exporter(), ids(e.commodities()),
          or(e.threshold(), EXTRATERRITORIAL_THRESHOLD), e.reviewDays(),
          or(e.approvalProbability(), APPROVAL_PROBABILITY), map(e.approvalByEndUse()), or(e.denied(), DENIED), source);
    }
    if (p instanceof EntityBanSpec b) {
      return new EntityBanSpec(b.name(), b.start(), b.end(), b.exporter(), ids(b.entities()), ids(b.commodities()),
          or(b.worldwide(), true), source);
    }
    if (p instanceof EndUseBanSpec b) {
      return new EndUseBanSpec(b.name(), b.start(), b.end(), b.exporter(), ids(b.endUses()), ids(b.commodities()),
          or(b.worldwide(), true), source);
    }
    if (p instanceof ProcurementBanSpec b) {
      return new ProcurementBanSpec(b.name(), b.start(), b.end(), ids(b.buyerRegions()), ids(b.sellers()),
          ids(b.commodities()), source);
    }
    if (p instanceof OriginRequirementSpec o) {
      return new OriginRequirementSpec(o.name(), o.start(), o.end(), ids(o.buyerRegions()), ids(o.endUses()),
          ids(o.commodities()), ids(o.excludedOrigins()), source);
    }
    if (p instanceof TariffSpec t) {
      return new TariffSpec(t.name(), t.start(), t.end(), t.importer(), ids(t.exporters()), ids(t.commodities()),
          t.adValoremRate(), source);
    }
    if (p instanceof PriceFloorSpec f) {
      return new PriceFloorSpec(f.name(), f.start(), f.end(), f.producer(), f.commodity(), f.usdPerKg(), source);
    }
    if (p instanceof StockpileSpec k) {
      return new StockpileSpec(k.name(), k.start(), k.end(), k.region(), k.commodity(), or(k.initialTonnes(), 0.0),
          k.targetTonnes(), k.buildTonnesPerYear(), k.releaseFrom(), or(k.releaseTonnesPerYear(), 0.0),
          or(k.priority(), STOCKPILE_PRIORITY), source);
    }
    if (p instanceof CapacityEventSpec c) {
      return new CapacityEventSpec(c.name(), c.start(), c.end(), c.facility(), c.kind(), or(c.tonnesPerYear(), 0.0),
          or(c.rampDays(), 0.0), or(c.availableFraction(), 1.0), map(c.yields()), source);
    }
    if (p instanceof TechnologyBanSpec t) {
      return new TechnologyBanSpec(t.name(), t.start(), t.end(), t.exporter(), ids(t.regions()), ids(t.stages()),
          or(t.delayDays(), 0.0), or(t.derate(), 0.0), source);
    }
    if (p instanceof SuspensionSpec x) {
      return new SuspensionSpec(x.name(), x.start(), x.end(), ids(x.suspends()), source);
    }
    throw new IllegalStateException("no defaults for policy type " + p.getClass().getName());
  }

  private static List<String> ids(List<String> ids) {
    return ids == null ? List.of() : List.copyOf(ids);
  }

  private static <T> T or(T value, T fallback) {
    return value != null ? value : fallback;
  }

  private static <T, R> List<R> list(List<T> list, Function<T, R> fill) {
    return list == null ? List.of() : list.stream().map(fill).toList();
  }

  /** An unmodifiable copy that keeps file order (Map.copyOf would not). */
  private static <V> Map<String, V> map(Map<String, V> map) {
    return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
