package org.magflow.scenario;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.magflow.model.CapacitySchedule;
import org.magflow.model.Commodity;
import org.magflow.model.DemandSector;
import org.magflow.model.Facility;
import org.magflow.model.PriceBook;
import org.magflow.model.Producer;
import org.magflow.model.Recipe;
import org.magflow.model.Region;
import org.magflow.model.RouteTable;
import org.magflow.model.Stage;
import org.magflow.model.StockpileHolder;
import org.magflow.model.SupplyChain;
import org.magflow.policy.Policy;
import org.magflow.random.RandomStreams;
import org.magflow.scenario.ScenarioSpec.CapacityPointSpec;
import org.magflow.scenario.ScenarioSpec.DemandSpec;
import org.magflow.scenario.ScenarioSpec.FacilitySpec;
import org.magflow.scenario.ScenarioSpec.OutageSpec;
import org.magflow.scenario.ScenarioSpec.ProducerSpec;
import org.magflow.scenario.ScenarioSpec.RouteSpec;
import org.magflow.scenario.ScenarioSpec.StockSpec;
import org.magflow.units.SimCalendar;
import org.magflow.units.Units;

/**
 * Builds a fresh, runnable supply chain from a validated scenario whose defaults have been applied.
 *
 * <p>This is where ids become indices, dates become simulation times and file units become model units;
 * the model never sees a spec. Each call builds a new object graph, so runs never share state.
 */
public final class ModelBuilder {
  private final PolicyFamilies families;

  /** A builder for scenarios of the shipped policy families. */
  public ModelBuilder() {
    this(PolicyFamilies.SHIPPED);
  }

  /** A builder that reports each policy under its family's name in {@code families}. */
  public ModelBuilder(PolicyFamilies families) {
    this.families = families;
  }

  /**
   * Builds the model of {@code scenario}.
   *
   * @param scenario a spec as {@link ScenarioLoader} gives it: validated, every default filled in
   * @param streams the random streams of this run
   */
  public SupplyChain build(ScenarioSpec scenario, RandomStreams streams) {
    // Each step is a method of its own: a sweep builds a model per run, and one long method with many loops was
    // compiled by the JIT again for each loop's entry (on-stack replacement), a fifth of the compiler's work.
    LocalDate start = scenario.start();
    SimCalendar calendar = new SimCalendar(start.minusDays(scenario.clock().warmupDays()));
    Numbering ids = new Numbering(scenario);
    Map<String, Recipe> recipes = recipes(scenario, ids);
    ProjectPlans projects = new ProjectPlans(scenario, recipes, ids.commodityIndex, ids.regionById);
    Producers made = producers(scenario, recipes, ids, projects, calendar);
    List<Producer> producers = made.producers();
    List<StockpileSpec> stockpileSpecs = scenario.policies().stream()
        .filter(StockpileSpec.class::isInstance).map(StockpileSpec.class::cast).toList();
    List<StockpileHolder> stockpiles = stockpiles(stockpileSpecs, ids, calendar, producers.size());
    List<DemandSector> sectors = sectors(scenario, ids, made.index(), producers.size() + stockpiles.size(), streams);

    double[][] reference = referencePrices(scenario, ids);
    var clock = scenario.clock();
    var response = scenario.demandResponse();
    SupplyChain chain = new SupplyChain(calendar, start, scenario.end(),
        new SupplyChain.Clock(clock.productionDays(), clock.clearingDays(), clock.consumptionDays(),
            SupplyChain.Reporting.valueOf(clock.reporting().toUpperCase(Locale.ROOT))),
        ids.commodities, ids.regions, producers, stockpiles, sectors, routes(scenario.trade(), ids.regions, ids.regionById),
        priceBook(scenario.market().priceRule(), ids, reference),
        policies(scenario, calendar, producers, stockpiles, sectors, made.plants()),
        new DemandSector.DemandResponse(response.substitutionThresholdMultiple(), response.substitutionMaxShare(),
            response.substitutionRatePerYear(), response.noise()), streams);

    Map<String, Producer> producerById = new HashMap<>();
    for (Producer p : producers) producerById.put(p.id(), p);
    chain.invest(projects.rule(), projects.plans(producerById, reference), projects.entrants(producerById, reference));
    recycling(scenario, producers, chain);
    openStocks(scenario, ids, producers, stockpileSpecs, stockpiles, sectors, chain);
    return chain;
  }

  /** Commodities, regions and price zones numbered in file order, and their ids' indexes. */
  private static final class Numbering {
    final List<Commodity> commodities = new ArrayList<>();
    final Map<String, Integer> commodityIndex = new HashMap<>();
    final List<String> zones = new ArrayList<>();
    final List<Region> regions = new ArrayList<>();
    final Map<String, Region> regionById = new HashMap<>();

    Numbering(ScenarioSpec scenario) {
      for (var c : scenario.commodities()) {
        commodityIndex.put(c.id(), commodities.size());
        commodities.add(new Commodity(commodities.size(), c.id(), c.name(), c.unit(), ScenarioDefaults.content(c)));
      }
      for (var r : scenario.regions()) {
        if (!zones.contains(r.priceZone())) zones.add(r.priceZone());
        Region region = new Region(regions.size(), r.id(), r.name(), zones.indexOf(r.priceZone()), r.priceZone());
        regions.add(region);
        regionById.put(r.id(), region);
      }
    }

    int commodityCount() {
      return commodities.size();
    }
  }

  private static Map<String, Recipe> recipes(ScenarioSpec scenario, Numbering ids) {
    int nc = ids.commodityCount();
    Map<String, Recipe> recipes = new HashMap<>();
    for (var r : scenario.recipes()) {
      List<Recipe.Thrift> thrifts = new ArrayList<>();
      if (r.thrifting() != null) {
        for (var t : r.thrifting()) {
          thrifts.add(new Recipe.Thrift(ids.commodityIndex.get(t.input()), t.thresholdMultiple(), t.maxCut(),
              t.ratePerYear()));
        }
      }
      recipes.put(r.id(), new Recipe(r.id(), Stage.fromId(r.stage()), amounts(r.inputs(), ids.commodityIndex, nc),
          amounts(r.outputs(), ids.commodityIndex, nc), thrifts));
    }
    // validation keeps alternatives plain recipes, so the ones just built are the ones to offer
    Map<String, Recipe> plain = Map.copyOf(recipes);
    for (var r : scenario.recipes()) {
      if (r.alternatives() == null || r.alternatives().isEmpty()) continue;
      recipes.put(r.id(), plain.get(r.id()).withAlternatives(r.alternatives().stream().map(plain::get).toList()));
    }
    return recipes;
  }

  /** The producers, their ids' indexes, and every plant in the order PolicyBook numbers them. */
  private record Producers(List<Producer> producers, Map<String, Integer> index, List<PolicyCompiler.PlantInfo> plants) {}

  private static Producers producers(ScenarioSpec scenario, Map<String, Recipe> recipes, Numbering ids,
                                     ProjectPlans projects, SimCalendar calendar) {
    List<Producer> producers = new ArrayList<>();
    Map<String, Integer> producerIndex = new HashMap<>();
    List<PolicyCompiler.PlantInfo> plants = new ArrayList<>();
    for (ProducerSpec p : scenario.producers()) {
      List<Facility> facilities = facilities(scenario, p, recipes, ids, calendar);
      facilities.addAll(projects.plantsOf(p.id()));
      for (Facility f : facilities) {
        plants.add(new PolicyCompiler.PlantInfo(f.id(), f.site().index(), f.recipe().stage().id()));
      }
      var s = p.supply();
      producerIndex.put(p.id(), producers.size());
      producers.add(new Producer(producers.size(), p.id(), p.name(),
          ids.regionById.get(p.region()), p.tags(), facilities,
          new Producer.SupplyResponse(s.normalUtilisation(), s.priceElasticity(), s.maxCoverDays(), s.adjustmentDays(),
              s.orderAdjustmentDays()),
          ids.commodityCount(), ids.regions.size()));
    }
    for (int i = 0; i < producers.size(); i++) {
      var sourcing = scenario.producers().get(i).sourcing();
      if (sourcing != null) {
        producers.get(i).sourceWithout(sourcing.excludedOrigins().stream().mapToInt(r -> ids.regionById.get(r).index()).toArray(),
            sourcing.from() == null ? Double.NEGATIVE_INFINITY : calendar.toSimTime(sourcing.from()));
      }
      var shares = scenario.producers().get(i).suppliers();
      producers.get(i).buyFirstFrom(shares.stream().mapToInt(x -> producerIndex.get(x.producer())).toArray(),
          shares.stream().mapToDouble(x -> x.share()).toArray(),
          shares.stream().map(x -> covered(x.commodities(), ids)).toArray(boolean[][]::new));
    }
    return new Producers(producers, producerIndex, plants);
  }

  /** The commodities a supplier share names, marked by index; null when it names none (it covers everything). */
  private static boolean[] covered(List<String> commodities, Numbering ids) {
    if (commodities == null) return null;
    boolean[] covers = new boolean[ids.commodityCount()];
    for (String c : commodities) covers[ids.commodityIndex.get(c)] = true;
    return covers;
  }

  /** A producer's plants as the file lists them, each expansion with its own yields beside the plant it extends. */
  private static List<Facility> facilities(ScenarioSpec scenario, ProducerSpec p, Map<String, Recipe> recipes,
                                           Numbering ids, SimCalendar calendar) {
    List<Facility> facilities = new ArrayList<>();
    for (FacilitySpec f : p.facilities()) {
      Recipe recipe = withYields(recipes.get(f.recipe()), f.yields(), ids.commodityIndex);
      facilities.add(new Facility(f.id(), recipe, ids.regionById.get(f.region()), schedule(f, calendar, scenario.start())));
      // an expansion with its own yields is a new plant beside this one, idle until the policy is in force
      for (PolicySpec policy : scenario.policies()) {
        if (policy instanceof CapacityEventSpec c && c.facility().equals(f.id()) && !c.yields().isEmpty()) {
          facilities.add(new Facility(c.plant(), withYields(recipe, c.yields(), ids.commodityIndex),
              ids.regionById.get(f.region()), CapacitySchedule.constant(0)));
        }
      }
    }
    return facilities;
  }

  /** Stockpile policies' holders: agents between the producers and the demand sectors, numbered from {@code first}. */
  private static List<StockpileHolder> stockpiles(List<StockpileSpec> specs, Numbering ids, SimCalendar calendar,
                                                  int first) {
    List<StockpileHolder> stockpiles = new ArrayList<>();
    for (StockpileSpec k : specs) {
      double releaseFrom = k.releaseFrom() == null ? Double.POSITIVE_INFINITY : calendar.toSimTime(k.releaseFrom());
      stockpiles.add(new StockpileHolder(first + stockpiles.size(), k.name(), ids.regionById.get(k.region()),
          ids.commodityIndex.get(k.commodity()), k.targetTonnes(), k.buildTonnesPerYear(), releaseFrom,
          k.releaseTonnesPerYear(), k.priority(), ids.commodityCount(), ids.regions.size()));
    }
    return stockpiles;
  }

  /** The demand sectors, numbered from {@code first}, each with its technologies and loss over the years. */
  private static List<DemandSector> sectors(ScenarioSpec scenario, Numbering ids, Map<String, Integer> producerIndex,
                                            int first, RandomStreams streams) {
    List<DemandSector> sectors = new ArrayList<>();
    for (DemandSpec d : scenario.demand()) {
      int[] suppliers = d.suppliers().stream().mapToInt(x -> producerIndex.get(x.producer())).toArray();
      double[] shares = d.suppliers().stream().mapToDouble(x -> x.share()).toArray();
      sectors.add(new DemandSector(first + sectors.size(), d.id(), d.name(),
          ids.regionById.get(d.region()), d.sector(), ids.commodityIndex.get(d.commodity()),
          new DemandSector.DemandCurve(d.baseTonnesPerYear(), d.growthPerYear(), d.priceElasticity()),
          d.priority(), "backlog".equals(d.unmet()), suppliers, shares, d.tags(),
          streams.stream("demand/" + d.id()), ids.commodityCount(), ids.regions.size()));
    }
    var loss = new DemandSector.DemandLoss(scenario.demandResponse().lossRatePerYear(),
        scenario.demandResponse().lossMaxShare());
    for (int i = 0; i < sectors.size(); i++) {
      var options = scenario.demandResponse().technologies().getOrDefault(scenario.demand().get(i).sector(), List.of());
      if (!options.isEmpty() || loss.ratePerYear() > 0) {
        sectors.get(i).respondOverYears(options.stream().map(t -> new DemandSector.Technology(t.id(),
            t.thresholdMultiple(), t.maxShare(), t.ratePerYear())).toList(), loss);
      }
    }
    return sectors;
  }

  /** Reference prices by zone index, then commodity index. */
  private static double[][] referencePrices(ScenarioSpec scenario, Numbering ids) {
    double[][] reference = new double[ids.zones.size()][ids.commodityCount()];
    for (var p : scenario.market().referencePrices()) {
      reference[ids.zones.indexOf(p.zone())][ids.commodityIndex.get(p.commodity())] = p.usdPerKg();
    }
    return reference;
  }

  private static PriceBook priceBook(ScenarioSpec.PriceRuleSpec rule, Numbering ids, double[][] reference) {
    return new PriceBook(new PriceBook.Rule(rule.coverExponent(), rule.shortagePremium(), rule.adjustmentDays(),
        rule.minMultiple(), rule.maxMultiple(),
        lostSalesExponents(rule.lostSalesExponent(), ids.zones, ids.commodityIndex, ids.commodityCount()),
        (rule.salesMemoryMonths() == null ? 12 : rule.salesMemoryMonths()) * Units.DAYS_PER_YEAR / 12),
        ids.zones, reference);
  }

  /** Recycling's supply from end-of-life products, when some plant recycles. */
  private static void recycling(ScenarioSpec scenario, List<Producer> producers, SupplyChain chain) {
    boolean recycles = producers.stream().flatMap(p -> p.facilities().stream())
        .anyMatch(f -> f.recipe().stage() == Stage.RECYCLING);
    if (!recycles) return;
    var recycling = scenario.recycling();
    chain.recycle(recycling.collectionShare(), scenario.demand().stream()
        .mapToDouble(d -> recycling.lifetimeYears().getOrDefault(d.sector(), recycling.otherLifetimeYears()))
        .toArray());
  }

  /** Every agent's opening stocks: producers', then stockpiles', then demand sectors'. */
  private static void openStocks(ScenarioSpec scenario, Numbering ids, List<Producer> producers,
                                 List<StockpileSpec> stockpileSpecs, List<StockpileHolder> stockpiles,
                                 List<DemandSector> sectors, SupplyChain chain) {
    for (int i = 0; i < producers.size(); i++) {
      for (Map.Entry<String, StockSpec> e : scenario.producers().get(i).stocks().entrySet()) {
        chain.openStock(producers.get(i), ids.commodityIndex.get(e.getKey()), e.getValue().initialTonnes(),
            e.getValue().targetCoverDays());
      }
    }
    for (int i = 0; i < stockpiles.size(); i++) {
      StockpileSpec k = stockpileSpecs.get(i);
      chain.openStock(stockpiles.get(i), ids.commodityIndex.get(k.commodity()), k.initialTonnes(), 0);
    }
    for (int i = 0; i < sectors.size(); i++) {
      DemandSpec d = scenario.demand().get(i);
      chain.openStock(sectors.get(i), ids.commodityIndex.get(d.commodity()), d.stock().initialTonnes(),
          d.stock().targetCoverDays());
    }
  }

  /** The recipe with some output yields replaced (a deposit-specific plant); the recipe itself if none are. */
  static Recipe withYields(Recipe recipe, Map<String, Double> yields, Map<String, Integer> commodityIndex) {
    if (yields.isEmpty()) return recipe;
    double[] outputs = new double[recipe.commodityCount()];
    for (int c = 0; c < outputs.length; c++) outputs[c] = recipe.output(c);
    yields.forEach((id, y) -> outputs[commodityIndex.get(id)] = y);
    return recipe.withOutputs(outputs);
  }

  /** The price rule's lost-sales exponents by zone index, then commodity index; none when not given. */
  private static double[][] lostSalesExponents(Map<String, Map<String, Double>> byZone, List<String> zones,
                                               Map<String, Integer> commodityIndex, int nc) {
    double[][] exponents = new double[zones.size()][nc];
    if (byZone != null) byZone.forEach((zone, byCommodity) -> exponents[zones.indexOf(zone)] = amounts(byCommodity, commodityIndex, nc));
    return exponents;
  }

  private static double[] amounts(Map<String, Double> byId, Map<String, Integer> commodityIndex, int nc) {
    double[] amounts = new double[nc];
    byId.forEach((id, amount) -> amounts[commodityIndex.get(id)] = amount);
    return amounts;
  }

  /** A plant whose first capacity point is on or before the start has that capacity throughout the warm-up. */
  private static CapacitySchedule schedule(FacilitySpec f, SimCalendar calendar, LocalDate start) {
    List<CapacityPointSpec> points = f.capacity();
    boolean existing = !points.get(0).date().isAfter(start);
    int offset = existing ? 1 : 0;
    double[] times = new double[points.size() + offset];
    double[] tonnes = new double[points.size() + offset];
    if (existing) {
      times[0] = Double.NEGATIVE_INFINITY;
      tonnes[0] = points.get(0).tonnesPerYear();
    }
    for (int i = 0; i < points.size(); i++) {
      times[i + offset] = calendar.toSimTime(points.get(i).date());
      tonnes[i + offset] = points.get(i).tonnesPerYear();
    }
    List<OutageSpec> outages = f.outages();
    double[] from = new double[outages.size()];
    double[] to = new double[outages.size()];
    double[] available = new double[outages.size()];
    for (int i = 0; i < outages.size(); i++) {
      from[i] = calendar.toSimTime(outages.get(i).from());
      to[i] = calendar.toSimTime(outages.get(i).to());
      available[i] = outages.get(i).availableFraction();
    }
    return new CapacitySchedule(times, tonnes, from, to, available);
  }

  private static RouteTable routes(ScenarioSpec.TradeSpec trade, List<Region> regions, Map<String, Region> byId) {
    int n = regions.size();
    double[][] transit = new double[n][n];
    double[][] freight = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        var lane = i == j ? trade.domestic() : trade.otherwise();
        transit[i][j] = lane.transitDays();
        freight[i][j] = lane.freightUsdPerKg();
      }
    }
    for (RouteSpec r : trade.routes()) {
      int from = byId.get(r.from()).index();
      int to = byId.get(r.to()).index();
      transit[from][to] = r.transitDays();
      freight[from][to] = r.freightUsdPerKg();
      if (!r.oneWay()) {
        transit[to][from] = r.transitDays();
        freight[to][from] = r.freightUsdPerKg();
      }
    }
    return new RouteTable(transit, freight);
  }

  /** Each policy compiled by its family against the model's numbering of ids and its calendar. */
  private List<Policy> policies(ScenarioSpec scenario, SimCalendar calendar, List<Producer> producers,
                                List<StockpileHolder> stockpiles, List<DemandSector> sectors,
                                List<PolicyCompiler.PlantInfo> plants) {
    List<PolicyCompiler.AgentInfo> agents = new ArrayList<>();
    for (Producer p : producers) agents.add(new PolicyCompiler.AgentInfo(p.id(), p.region().index(), p.tags()));
    for (StockpileHolder h : stockpiles) agents.add(new PolicyCompiler.AgentInfo(h.id(), h.region().index(), List.of()));
    for (DemandSector d : sectors) {
      List<String> endUses = new ArrayList<>(d.tags());
      endUses.add(0, d.sector());
      agents.add(new PolicyCompiler.AgentInfo(d.id(), d.region().index(), endUses));
    }
    PolicyCompiler compiler = new PolicyCompiler(calendar, scenario.regions().stream().map(r -> r.id()).toList(),
        scenario.commodities().stream().map(c -> c.id()).toList(), agents, plants,
        scenario.policies().stream().map(PolicySpec::name).toList());
    List<Policy> policies = new ArrayList<>();
    for (PolicySpec spec : scenario.policies()) {
      double end = spec.end() == null ? Double.POSITIVE_INFINITY : calendar.toSimTime(spec.end());
      policies.add(new Policy(spec.name(), families.typeOf(spec), calendar.toSimTime(spec.start()), end,
          spec.compile(compiler)));
    }
    return policies;
  }
}
