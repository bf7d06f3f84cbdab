package org.magflow.reliability;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.magflow.scenario.CapacityEventSpec;
import org.magflow.scenario.EndUseBanSpec;
import org.magflow.scenario.EntityBanSpec;
import org.magflow.scenario.ExtraterritorialRuleSpec;
import org.magflow.scenario.FastTrackSpec;
import org.magflow.scenario.LicenceRegimeSpec;
import org.magflow.scenario.OriginRequirementSpec;
import org.magflow.scenario.PolicyFamilies;
import org.magflow.scenario.PolicySpec;
import org.magflow.scenario.PolicySpec.DurationSpec;
import org.magflow.scenario.PriceFloorSpec;
import org.magflow.scenario.ProcurementBanSpec;
import org.magflow.scenario.QuotaSpec;
import org.magflow.scenario.StockpileSpec;
import org.magflow.scenario.SuspensionSpec;
import org.magflow.scenario.TariffSpec;
import org.magflow.scenario.TechnologyBanSpec;
import org.magflow.scenario.DestinationThrottleSpec;
import org.magflow.scenario.ScenarioSpec;
import org.magflow.scenario.ScenarioSpec.CapacityPointSpec;
import org.magflow.scenario.ScenarioSpec.ClockSpec;
import org.magflow.scenario.ScenarioSpec.CommoditySpec;
import org.magflow.scenario.ScenarioSpec.DemandResponseSpec;
import org.magflow.scenario.ScenarioSpec.DemandSpec;
import org.magflow.scenario.ScenarioSpec.FacilitySpec;
import org.magflow.scenario.ScenarioSpec.LaneSpec;
import org.magflow.scenario.ScenarioSpec.MarketSpec;
import org.magflow.scenario.ScenarioSpec.OutageSpec;
import org.magflow.scenario.ScenarioSpec.PriceRuleSpec;
import org.magflow.scenario.ScenarioSpec.ProducerSpec;
import org.magflow.scenario.ScenarioSpec.RecipeSpec;
import org.magflow.scenario.ScenarioSpec.ReferencePriceSpec;
import org.magflow.scenario.ScenarioSpec.RegionSpec;
import org.magflow.scenario.ScenarioSpec.RouteSpec;
import org.magflow.scenario.ScenarioSpec.StockSpec;
import org.magflow.scenario.ScenarioSpec.InputSupplierSpec;
import org.magflow.scenario.ScenarioSpec.SupplierShareSpec;
import org.magflow.scenario.ScenarioSpec.SupplySpec;
import org.magflow.scenario.ScenarioSpec.TradeSpec;

/**
 * Random scenarios meant to be valid: a random cast of producers and demand sectors over 1–4 regions in 1–2
 * price zones, recipes that form a DAG over the commodities (a recipe's inputs always come before its outputs in
 * commodity order), random routes, capacities with ramps and outages, stocks, offtakes, demand and destination
 * policies of every shipped family. The sizes come from {@link Shape} (so jqwik can shrink them); every other choice is drawn from
 * {@code detail}. Horizons run from a month to a few years.
 */
final class RandomScenarios {
  private static final LocalDate START = LocalDate.of(2025, 1, 1);
  private static final List<String> STAGES = List.of("mining", "separation", "manufacturing");
  /** The sector kinds of the shipped scenarios; defence is also the end use the rules name. */
  static final List<String> SECTORS = List.of("ev", "wind", "electronics", "industrial", "defence");
  /** Every shipped policy family, drawn with equal chance. */
  static final List<String> FAMILIES = PolicyFamilies.SHIPPED.names();

  /** The sizes of a random scenario. */
  record Shape(int regions, int zones, int commodities, int producers, int demand, int policies, int months) {}

  private RandomScenarios() {}

  static ScenarioSpec generate(Shape shape, long detail) {
    SplittableRandom rnd = new SplittableRandom(detail);
    LocalDate end = START.plusMonths(shape.months());
    int days = (int) java.time.temporal.ChronoUnit.DAYS.between(START, end);

    List<CommoditySpec> commodities = new ArrayList<>();
    for (int c = 0; c < shape.commodities(); c++) commodities.add(new CommoditySpec("c" + c, null, null));

    int zones = Math.min(shape.zones(), shape.regions());
    List<RegionSpec> regions = new ArrayList<>();
    for (int r = 0; r < shape.regions(); r++) {
      // the first regions take each zone once, so every zone is in use; the rest pick at random
      int zone = r < zones ? r : rnd.nextInt(zones);
      regions.add(new RegionSpec("R" + r, null, "Z" + zone));
    }

    List<ReferencePriceSpec> prices = new ArrayList<>();
    for (int c = 0; c < shape.commodities(); c++) {
      double base = round(1 + rnd.nextDouble() * 100);
      for (int z = 0; z < zones; z++) {
        prices.add(new ReferencePriceSpec("c" + c, "Z" + z, round(base * (1 + 0.3 * rnd.nextDouble()))));
      }
    }
    PriceRuleSpec rule = rnd.nextBoolean() ? null : new PriceRuleSpec(round(rnd.nextDouble() * 2),
        round(rnd.nextDouble() * 2), round(1 + rnd.nextDouble() * 60), round(0.1 + 0.9 * rnd.nextDouble()),
        round(1 + rnd.nextDouble() * 15));

    List<RouteSpec> routes = new ArrayList<>();
    for (int a = 0; a < shape.regions(); a++) {
      for (int b = a + 1; b < shape.regions(); b++) {
        if (rnd.nextInt(3) == 0) continue;
        boolean oneWay = rnd.nextInt(4) == 0;
        routes.add(new RouteSpec("R" + a, "R" + b, round(rnd.nextDouble() * 60), round(rnd.nextDouble()), oneWay));
        if (oneWay && rnd.nextBoolean()) {
          routes.add(new RouteSpec("R" + b, "R" + a, round(rnd.nextDouble() * 60), round(rnd.nextDouble()), true));
        }
      }
    }
    TradeSpec trade = new TradeSpec(new LaneSpec(round(rnd.nextDouble() * 10), round(rnd.nextDouble() * 0.2)),
        new LaneSpec(round(1 + rnd.nextDouble() * 60), round(rnd.nextDouble())), routes);

    // recipes: each makes one or two commodities from some of the commodities before the first of them
    List<RecipeSpec> recipes = new ArrayList<>();
    int recipeCount = 1 + rnd.nextInt(shape.commodities() + 1);
    for (int i = 0; i < recipeCount; i++) {
      int first = rnd.nextInt(shape.commodities());
      Map<String, Double> inputs = new LinkedHashMap<>();
      for (int c = 0; c < first; c++) if (rnd.nextBoolean()) inputs.put("c" + c, round(0.1 + rnd.nextDouble() * 3));
      Map<String, Double> outputs = new LinkedHashMap<>();
      outputs.put("c" + first, round(0.1 + rnd.nextDouble() * 2));
      if (first + 1 < shape.commodities() && rnd.nextInt(3) == 0) {
        outputs.put("c" + (first + 1 + rnd.nextInt(shape.commodities() - first - 1)), round(0.01 + rnd.nextDouble()));
      }
      recipes.add(new RecipeSpec("r" + i, STAGES.get(rnd.nextInt(STAGES.size())), inputs.isEmpty() && rnd.nextBoolean()
          ? null : inputs, outputs, null, null));
    }

    List<ProducerSpec> producers = new ArrayList<>();
    int facilityId = 0;
    for (int p = 0; p < shape.producers(); p++) {
      String region = "R" + rnd.nextInt(shape.regions());
      List<FacilitySpec> facilities = new ArrayList<>();
      int count = rnd.nextInt(3);
      for (int f = 0; f < count; f++) {
        RecipeSpec recipe = recipes.get(rnd.nextInt(recipes.size()));
        List<CapacityPointSpec> capacity = new ArrayList<>();
        LocalDate date = START.minusDays(rnd.nextInt(400));
        int points = 1 + rnd.nextInt(3);
        for (int k = 0; k < points; k++) {
          capacity.add(new CapacityPointSpec(date, round(rnd.nextInt(5) == 0 ? 0 : rnd.nextDouble() * 5000)));
          date = date.plusDays(rnd.nextInt(Math.max(1, days)));
        }
        List<OutageSpec> outages = new ArrayList<>();
        if (rnd.nextInt(3) == 0) {
          LocalDate from = START.plusDays(rnd.nextInt(days));
          outages.add(new OutageSpec(from, from.plusDays(1 + rnd.nextInt(90)), round(rnd.nextDouble()), null));
        }
        Map<String, Double> yields = null;
        if (rnd.nextInt(3) == 0) {
          yields = new LinkedHashMap<>();
          for (String out : recipe.outputs().keySet()) yields.put(out, round(rnd.nextDouble() * 2));
        }
        String facilityRegion = rnd.nextInt(4) == 0 ? "R" + rnd.nextInt(shape.regions()) : null;
        facilities.add(new FacilitySpec("f" + facilityId++, recipe.id(), facilityRegion, capacity,
            outages.isEmpty() && rnd.nextBoolean() ? null : outages, yields));
      }
      Map<String, StockSpec> stocks = new LinkedHashMap<>();
      for (int c = 0; c < shape.commodities(); c++) {
        if (rnd.nextBoolean()) stocks.put("c" + c, stock(rnd));
      }
      SupplySpec supply = rnd.nextBoolean() ? null : new SupplySpec(round(rnd.nextDouble()),
          round(rnd.nextDouble() * 2), round(rnd.nextDouble() * 200), round(1 + rnd.nextDouble() * 60), null);
      producers.add(new ProducerSpec("p" + p, null, region, null, facilities, stocks.isEmpty() ? null : stocks, supply,
          inputShares(suppliers(rnd, shape.producers(), p)), null));
    }

    List<DemandSpec> demand = new ArrayList<>();
    for (int d = 0; d < shape.demand(); d++) {
      demand.add(new DemandSpec("d" + d, null, "R" + rnd.nextInt(shape.regions()), SECTORS.get(rnd.nextInt(SECTORS.size())),
          "c" + rnd.nextInt(shape.commodities()), round(rnd.nextDouble() * 2000), round(rnd.nextDouble() * 0.3 - 0.1),
          round(rnd.nextDouble()), rnd.nextInt(101), rnd.nextBoolean() ? "lost" : "backlog", stock(rnd),
          suppliers(rnd, shape.producers(), -1), null));
    }

    keepPlaceableShares(recipes, producers, demand);

    List<PolicySpec> policies = new ArrayList<>();
    for (int i = 0; i < shape.policies(); i++) {
      String family = FAMILIES.get(rnd.nextInt(FAMILIES.size()));
      policies.add(policy(family, "policy-" + i, rnd, shape, days, producers, policies));
    }

    int[] intervals = {1, 3, 7, 7, 7, 14};
    ClockSpec clock = new ClockSpec(intervals[rnd.nextInt(intervals.length)], intervals[rnd.nextInt(intervals.length)],
        intervals[rnd.nextInt(intervals.length)], rnd.nextInt(4) == 0 ? "weekly" : "monthly", 30 + rnd.nextInt(150));
    DemandResponseSpec response = new DemandResponseSpec(round(1 + rnd.nextDouble() * 2), round(rnd.nextDouble()),
        round(rnd.nextDouble() * 0.3), round(rnd.nextDouble() * 0.3));
    return new ScenarioSpec("prop", null, START, end, 1L, clock, commodities, regions, new MarketSpec(rule, prices),
        trade, recipes, producers, demand, response, policies, null, null, null);
  }

  /** A policy of the family over the scenario's own ids; a family that needs ids the cast lacks may be refused. */
  private static PolicySpec policy(String family, String name, SplittableRandom rnd, Shape shape, int days,
                                   List<ProducerSpec> producers, List<PolicySpec> earlier) {
    LocalDate start = START.plusDays(rnd.nextInt(days) - 30);
    LocalDate end = rnd.nextBoolean() ? null : start.plusDays(1 + rnd.nextInt(days));
    String exporter = "R" + rnd.nextInt(shape.regions());
    List<String> others = new ArrayList<>();
    for (int r = 0; r < shape.regions(); r++) if (!exporter.equals("R" + r) && rnd.nextBoolean()) others.add("R" + r);
    List<String> goods = new ArrayList<>();
    for (int c = 0; c < shape.commodities(); c++) if (rnd.nextBoolean()) goods.add("c" + c);
    if (goods.isEmpty()) goods.add("c" + rnd.nextInt(shape.commodities()));
    String producer = "p" + rnd.nextInt(Math.max(1, shape.producers()));
    String buyer = shape.demand() > 0 && rnd.nextBoolean() ? "d" + rnd.nextInt(shape.demand()) : producer;
    String endUse = SECTORS.get(rnd.nextInt(SECTORS.size()));
    DurationSpec review = review(rnd);
    Double approval = round(rnd.nextDouble());
    String denied = rnd.nextBoolean() ? "return" : "write-off";
    return switch (family) {
      case "destination-throttle" -> new DestinationThrottleSpec(name, null, start, end, exporter,
          others.isEmpty() ? List.of("R" + ((Integer.parseInt(exporter.substring(1)) + 1) % shape.regions())) : others,
          goods, round(rnd.nextDouble()), null, null);
      case "quota" -> new QuotaSpec(name, null, start, end, exporter, others.isEmpty() ? null : others, goods,
          round(rnd.nextDouble() * 5000), null);
      case "licence-regime" -> new LicenceRegimeSpec(name, null, start, end, exporter, others.isEmpty() ? null : others,
          goods, review, approval, Map.of(endUse, round(rnd.nextDouble())), denied, null);
      case "fast-track" -> new FastTrackSpec(name, null, start, end, List.of(buyer), rnd.nextBoolean() ? null : List.of(producer),
          review, approval, null);
      case "entity-ban" -> new EntityBanSpec(name, null, start, end, exporter, List.of(buyer), rnd.nextBoolean() ? null : goods,
          rnd.nextBoolean(), null);
      case "end-use-ban" -> new EndUseBanSpec(name, null, start, end, exporter, List.of(endUse), goods, rnd.nextBoolean(), null);
      case "extraterritorial-rule" -> new ExtraterritorialRuleSpec(name, null, start, end, exporter, goods,
          round(rnd.nextDouble() * 0.5), review, approval, null, denied, null);
      case "technology-ban" -> new TechnologyBanSpec(name, null, start, end, exporter, null, null,
          round(rnd.nextDouble() * 400), round(rnd.nextDouble()), null);
      case "procurement-ban" -> new ProcurementBanSpec(name, null, start, end, List.of(exporter), List.of(producer), goods, null);
      case "origin-requirement" -> new OriginRequirementSpec(name, null, start, end, List.of(exporter), List.of(endUse), goods,
          List.of("R" + rnd.nextInt(shape.regions())), null);
      case "tariff" -> new TariffSpec(name, null, start, end, exporter, others.isEmpty() ? null : others, goods,
          round(rnd.nextDouble() * 2), null);
      case "price-floor" -> new PriceFloorSpec(name, null, start, end, producer, goods.get(0), round(1 + rnd.nextDouble() * 200), null);
      case "stockpile" -> new StockpileSpec(name, null, start, end, exporter, goods.get(0), round(rnd.nextDouble() * 500),
          round(rnd.nextDouble() * 2000), round(rnd.nextDouble() * 2000), start.plusDays(rnd.nextInt(days + 1)),
          round(rnd.nextDouble() * 4000), rnd.nextInt(101), null);
      case "capacity-event" -> capacityEvent(name, start, end, rnd, producers);
      case "suspension" -> new SuspensionSpec(name, null, start, end, earlier.isEmpty() ? List.of("none")
          : List.of(earlier.get(rnd.nextInt(earlier.size())).name()), null);
      default -> throw new IllegalStateException("no generator for policy family " + family);
    };
  }

  private static PolicySpec capacityEvent(String name, LocalDate start, LocalDate end, SplittableRandom rnd,
                                          List<ProducerSpec> producers) {
    List<String> plants = new ArrayList<>();
    for (ProducerSpec p : producers) for (FacilitySpec f : p.facilities()) plants.add(f.id());
    String plant = plants.isEmpty() ? "no-plant" : plants.get(rnd.nextInt(plants.size()));
    return switch (rnd.nextInt(3)) {
      case 0 -> new CapacityEventSpec(name, null, start, end, plant, "expansion", round(rnd.nextDouble() * 3000),
          round(rnd.nextDouble() * 365), null, null, null);
      case 1 -> new CapacityEventSpec(name, null, start, end, plant, "outage", null, null, round(rnd.nextDouble()), null, null);
      default -> new CapacityEventSpec(name, null, start, end, plant, "closure", null, null, null, null, null);
    };
  }

  private static DurationSpec review(SplittableRandom rnd) {
    return switch (rnd.nextInt(4)) {
      case 0 -> new DurationSpec("fixed", round(rnd.nextDouble() * 60), null, null, null, null, null);
      case 1 -> new DurationSpec("uniform", null, 5.0, null, round(5 + rnd.nextDouble() * 60), null, null);
      case 2 -> new DurationSpec("triangular", null, 10.0, 30.0, 70.0, null, null);
      default -> new DurationSpec("lognormal", null, null, null, null, round(10 + rnd.nextDouble() * 40),
          round(rnd.nextDouble() * 20));
    };
  }

  private static StockSpec stock(SplittableRandom rnd) {
    return new StockSpec(round(rnd.nextDouble() * 500), round(rnd.nextDouble() * 120));
  }

  /** A producer's offtake shares, each covering every input its supplier makes. */
  private static List<InputSupplierSpec> inputShares(List<SupplierShareSpec> shares) {
    if (shares == null) return null;
    List<InputSupplierSpec> inputs = new ArrayList<>();
    for (SupplierShareSpec s : shares) inputs.add(new InputSupplierSpec(s.producer(), s.share(), null));
    return inputs;
  }

  /** Up to two offtake shares with distinct producers other than {@code self}, adding up to at most 1. */
  private static List<SupplierShareSpec> suppliers(SplittableRandom rnd, int producers, int self) {
    if (producers == 0 || rnd.nextInt(3) != 0) return null;
    List<SupplierShareSpec> shares = new ArrayList<>();
    double left = 1;
    for (int k = 0; k < 2; k++) {
      int p = rnd.nextInt(producers);
      String id = "p" + p;
      if (p == self || shares.stream().anyMatch(s -> s.producer().equals(id))) continue;
      double share = Math.floor(rnd.nextDouble() * left * 100) / 100;
      left -= share;
      shares.add(new SupplierShareSpec(id, share));
    }
    return shares.isEmpty() ? null : shares;
  }

  /**
   * Drops each offtake share with a producer that never has what the buyer buys (the validator refuses those):
   * a producer has what its plants make (a yield of 0 makes none) and what it starts with in stock; a demand
   * group buys its commodity, a producer its plants' inputs. Done after the draws, so the random stream and
   * every other part of the scenario stay as they were.
   */
  private static void keepPlaceableShares(List<RecipeSpec> recipes, List<ProducerSpec> producers,
                                          List<DemandSpec> demand) {
    Map<String, RecipeSpec> byId = new HashMap<>();
    recipes.forEach(r -> byId.put(r.id(), r));
    Map<String, Set<String>> has = new HashMap<>();
    for (ProducerSpec p : producers) {
      Set<String> own = has.computeIfAbsent(p.id(), k -> new HashSet<>());
      if (p.stocks() != null) p.stocks().forEach((c, stock) -> { if (stock.initialTonnes() > 0) own.add(c); });
      for (FacilitySpec f : p.facilities()) {
        byId.get(f.recipe()).outputs().keySet().stream()
            .filter(c -> f.yields() == null || !f.yields().containsKey(c) || f.yields().get(c) > 0).forEach(own::add);
      }
    }
    for (ProducerSpec p : producers) {
      Set<String> buys = new HashSet<>();
      for (FacilitySpec f : p.facilities()) {
        Map<String, Double> inputs = byId.get(f.recipe()).inputs();
        if (inputs != null) buys.addAll(inputs.keySet());
      }
      if (p.suppliers() != null) p.suppliers().removeIf(s -> Collections.disjoint(has.get(s.producer()), buys));
    }
    for (DemandSpec d : demand) {
      if (d.suppliers() != null) d.suppliers().removeIf(s -> !has.get(s.producer()).contains(d.commodity()));
    }
  }

  /** Four decimals, as a person would write a number in a file. */
  private static double round(double x) {
    return Math.round(x * 10_000) / 10_000.0;
  }
}
