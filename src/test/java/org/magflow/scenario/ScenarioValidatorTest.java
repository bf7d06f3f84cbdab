package org.magflow.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ScenarioValidatorTest {
  private final ObjectMapper json = new ObjectMapper();
  private final ScenarioLoader loader = new ScenarioLoader();

  /** Loads tiny.json after {@code edit} changes its tree; returns the problems as strings. */
  private List<String> tinyWith(Consumer<ObjectNode> edit) throws IOException {
    String text = String.join("\n", Files.readAllLines(ScenarioLoaderTest.TINY_JSON).stream()
        .filter(l -> !l.startsWith("//")).toList());
    ObjectNode tree = (ObjectNode) json.readTree(text);
    edit.accept(tree);
    return loader.parse("t.json", json.writeValueAsString(tree), true).problems().stream()
        .map(p -> p.path() + ": " + p.message()).toList();
  }

  private List<String> yaml(String text) {
    return loader.parse("t.yaml", text, false).problems().stream().map(p -> p.path() + ": " + p.message()).toList();
  }

  @Test
  void validate_tiny_findsNothing() {
    assertEquals(List.of(), ScenarioValidator.validate(ScenarioLoaderTest.tiny(), "tiny.yaml"));
  }

  @Test
  void validate_null_saysThereIsNoScenario() {
    assertEquals(List.of(new Problem("f", "", 0, 0, "the file holds no scenario")),
        ScenarioValidator.validate(null, "f"));
  }

  @Test
  void validate_emptySpec_reportsEveryRequiredTopLevelField() {
    Object[] nulls = new Object[ScenarioSpec.class.getRecordComponents().length];
    ScenarioSpec empty;
    try {
      empty = (ScenarioSpec) ScenarioSpec.class.getDeclaredConstructors()[0].newInstance(nulls);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
    List<String> paths = ScenarioValidator.validate(empty, "f").stream().map(Problem::path).sorted().toList();
    assertEquals(List.of("commodities", "demand", "end", "market", "name", "producers", "recipes", "regions",
        "start", "trade"), paths);
  }

  @Test
  void validate_emptyEntries_areReportedNotThrown() {
    List<String> problems = yaml("""
        name: x
        start: 2025-01-01
        end: 2026-01-01
        commodities: [~]
        regions: [~]
        market: {referencePrices: [~]}
        trade: {domestic: ~, default: {transitDays: 1, freightUsdPerKg: 0}, routes: [~]}
        recipes: [~]
        producers:
          - {id: p, region: CN, facilities: [~], stocks: {reo: ~}, tags: [~]}
        demand: [~]
        policies: [~]
        """);
    assertEquals(List.of(
        "commodities[0]: empty entry; expected a commodity with an id",
        "regions[0]: empty entry; expected a region with an id",
        "market.referencePrices[0]: empty entry; expected a reference price (commodity, zone, usdPerKg)",
        "trade.domestic: missing; expected an object with transitDays and freightUsdPerKg",
        "trade.routes[0]: empty entry; expected a route (from, to, transitDays, freightUsdPerKg)",
        "recipes[0]: empty entry; expected a recipe with an id",
        "producers[0].region: unknown region 'CN'; no regions are defined",
        "producers[0].facilities[0]: empty entry; expected a facility (id, recipe, capacity, ...)",
        "producers[0].stocks.reo: unknown commodity 'reo'; no commodities are defined",
        "producers[0].stocks.reo: missing; expected an object with initialTonnes and targetCoverDays",
        "producers[0].tags[0]: empty entry; expected a tag",
        "demand[0]: empty entry; expected a demand sector (id, region, sector, commodity, ...)",
        "policies[0]: empty entry; expected a policy (name, type, start, ...)"), problems);
  }

  @Test
  void validate_tooManyAgents_saysTheLimit() throws IOException {
    List<String> problems = tinyWith(t -> {
      ArrayNode demand = (ArrayNode) t.get("demand");
      for (int i = 0; i <= ScenarioValidator.MAX_AGENTS - 4; i++) {
        demand.add(((ObjectNode) demand.get(0)).deepCopy().put("id", "d" + i));
      }
    });
    // a file is refused while it is read, at the first agent over the limit
    assertEquals(List.of("demand[9998]: too many agents: more than 10000 producers and demand sectors; at most 10000"),
        problems);
  }

  @Test
  void validate_tooManyFacilities_saysTheLimit() throws IOException {
    List<String> problems = tinyWith(t -> {
      ArrayNode facilities = (ArrayNode) t.at("/producers/0/facilities");
      for (int i = 0; i < ScenarioValidator.MAX_FACILITIES_PER_PRODUCER; i++) {
        facilities.add(((ObjectNode) facilities.get(0)).deepCopy().put("id", "f" + i));
      }
    });
    assertEquals(List.of("producers[0].facilities: too many facilities: 1001; at most 1000 per producer"), problems);
  }

  @Test
  void validate_unknownIdAmongManyKnown_countsThemInsteadOfListing() throws IOException {
    List<String> problems = tinyWith(t -> {
      ArrayNode regions = (ArrayNode) t.get("regions");
      for (int i = 0; i < 20; i++) regions.add(json.createObjectNode().put("id", "R" + i).put("priceZone", "CN"));
      ((ObjectNode) t.at("/demand/0")).put("region", "Atlantis");
    });
    assertEquals(List.of("demand[0].region: unknown region 'Atlantis'; 22 regions are defined"), problems);
  }

  @Test
  void validate_longRecipeCycle_isReportedInFlowOrder() {
    String scenario = """
        name: x
        start: 2025-01-01
        end: 2026-01-01
        commodities: [{id: a}, {id: b}, {id: c}]
        regions: [{id: R, priceZone: Z}]
        market: {referencePrices: [{commodity: a, zone: Z, usdPerKg: 1}, {commodity: b, zone: Z, usdPerKg: 1},
                                   {commodity: c, zone: Z, usdPerKg: 1}]}
        trade: {domestic: {transitDays: 1, freightUsdPerKg: 0}, default: {transitDays: 1, freightUsdPerKg: 0}}
        recipes:
          - {id: ab, stage: separation, inputs: {a: 1}, outputs: {b: 1}}
          - {id: bc, stage: separation, inputs: {b: 1}, outputs: {c: 1}}
          - {id: ca, stage: separation, inputs: {c: 1}, outputs: {a: 1}}
          - {id: self, stage: manufacturing, inputs: {c: 1}, outputs: {c: 0.5}}
        producers: []
        demand: []
        """;
    assertEquals(List.of("recipes[2]: recipe cycle: a -> b -> c -> a", "recipes[3]: recipe cycle: c -> c"),
        yaml(scenario));
  }

  @Test
  void validate_recipeAlternatives_arePlainRecipesOfTheSameStage_eachNamedOnce() {
    String scenario = """
        name: x
        start: 2025-01-01
        end: 2026-01-01
        commodities: [{id: oxide}, {id: dy}, {id: magnet}, {id: plain}]
        regions: [{id: R, priceZone: Z}]
        market: {referencePrices: [{commodity: oxide, zone: Z, usdPerKg: 1}, {commodity: dy, zone: Z, usdPerKg: 1},
                                   {commodity: magnet, zone: Z, usdPerKg: 1}, {commodity: plain, zone: Z, usdPerKg: 1}]}
        trade: {domestic: {transitDays: 1, freightUsdPerKg: 0}, default: {transitDays: 1, freightUsdPerKg: 0}}
        recipes:
          - {id: dy-grade, stage: manufacturing, inputs: {oxide: 0.3, dy: 0.03}, outputs: {magnet: 1},
             alternatives: [plain-grade, dy-grade, plain-grade, refine, nowhere, mixed]}
          - {id: plain-grade, stage: manufacturing, inputs: {oxide: 0.3}, outputs: {plain: 1}}
          - {id: refine, stage: separation, inputs: {oxide: 1}, outputs: {dy: 0.1}}
          - {id: mixed, stage: manufacturing, inputs: {oxide: 0.3}, outputs: {plain: 1}, alternatives: [plain-grade]}
        producers: []
        demand: []
        """;
    assertEquals(List.of(
        "recipes[0].alternatives[1]: 'dy-grade' is this recipe; expected another recipe its plants can run instead",
        "recipes[0].alternatives[2]: 'plain-grade' is named twice; expected each alternative once",
        "recipes[0].alternatives[3]: 'refine' is a separation recipe; expected one of this recipe's stage"
            + " (manufacturing): a plant runs its alternatives in the same capacity",
        "recipes[0].alternatives[4]: unknown recipe 'nowhere'; known recipes: dy-grade, mixed, plain-grade, refine",
        "recipes[0].alternatives[5]: 'mixed' has alternatives of its own; expected a recipe without (list them all"
            + " here)"), yaml(scenario));
  }

  @Test
  void validate_supplierCommodities_nameWhatTheBuyerBuysAndTheSupplierMakes() {
    String scenario = """
        name: x
        start: 2025-01-01
        end: 2026-01-01
        commodities: [{id: oxide}, {id: dy}, {id: magnet}]
        regions: [{id: R, priceZone: Z}]
        market: {referencePrices: [{commodity: oxide, zone: Z, usdPerKg: 1}, {commodity: dy, zone: Z, usdPerKg: 1},
                                   {commodity: magnet, zone: Z, usdPerKg: 1}]}
        trade: {domestic: {transitDays: 1, freightUsdPerKg: 0}, default: {transitDays: 1, freightUsdPerKg: 0}}
        recipes:
          - {id: separate, stage: separation, outputs: {oxide: 0.9, dy: 0.1}}
          - {id: make, stage: manufacturing, inputs: {oxide: 0.3}, outputs: {magnet: 1}}
        producers:
          - {id: sep, region: R, facilities: [{id: s, recipe: separate, capacity: [{date: 2025-01-01, tonnesPerYear: 1}]}]}
          - id: maker
            region: R
            facilities: [{id: m, recipe: make, capacity: [{date: 2025-01-01, tonnesPerYear: 1}]}]
            suppliers: [{producer: sep, share: 0.5, commodities: [oxide, dy, nosuch]}]
        demand: []
        """;
    assertEquals(List.of(
        "producers[1].suppliers[0].commodities[1]: 'dy' is not something 'maker' buys, so this share would never"
            + " cover it; expected one of oxide",
        "producers[1].suppliers[0].commodities[2]: unknown commodity 'nosuch'; known commodities: dy, magnet, oxide"),
        yaml(scenario));
  }

  @Test
  void validate_twoWayRouteListedTwice_isReported() throws IOException {
    List<String> problems = tinyWith(t -> ((ArrayNode) t.at("/trade/routes")).add(json.createObjectNode()
        .put("from", "US").put("to", "CN").put("transitDays", 30).put("freightUsdPerKg", 0.3)));
    assertEquals(List.of("trade.routes[1]: a second route for US -> CN; trade.routes[0] already covers it"), problems);
  }

  @Test
  void validate_sourcing_namesEachBadRegion() throws IOException {
    List<String> problems = tinyWith(t -> ((ObjectNode) t.at("/producers/0")).set("sourcing",
        json.createObjectNode().set("excludedOrigins", json.createArrayNode().add("CN").add("Atlantis").add("CN"))));
    assertEquals(List.of("producers[0].sourcing.excludedOrigins[1]: unknown region 'Atlantis'; known regions: CN, US",
        "producers[0].sourcing.excludedOrigins[2]: region 'CN' is listed twice"), problems);
    List<String> empty = tinyWith(t -> ((ObjectNode) t.at("/producers/0")).set("sourcing",
        json.createObjectNode().set("excludedOrigins", json.createArrayNode())));
    assertEquals(List.of("producers[0].sourcing.excludedOrigins: expected a list of region ids, found an empty list"),
        empty);
    List<String> missing = tinyWith(t -> ((ObjectNode) t.at("/producers/0")).set("sourcing",
        json.createObjectNode().put("from", "2026-01-01")));
    assertEquals(List.of("producers[0].sourcing.excludedOrigins: missing; expected a list of region ids"), missing);
  }

  @Test
  void validate_oneWayRoutesInBothDirections_areFine() throws IOException {
    List<String> problems = tinyWith(t -> {
      ((ObjectNode) t.at("/trade/routes/0")).put("oneWay", true);
      ((ArrayNode) t.at("/trade/routes")).add(json.createObjectNode().put("from", "US").put("to", "CN")
          .put("transitDays", 35).put("freightUsdPerKg", 0.4).put("oneWay", true));
    });
    assertEquals(List.of(), problems);
  }

  @Test
  void validate_duplicateReferencePrice_andEveryRangeRule() throws IOException {
    List<String> problems = tinyWith(t -> {
      ((ArrayNode) t.at("/market/referencePrices")).add(t.at("/market/referencePrices/0").deepCopy());
      ((ObjectNode) t.at("/demand/0")).put("growthPerYear", -1).put("priceElasticity", -0.1);
      ((ObjectNode) t.at("/demand/0/stock")).put("targetCoverDays", -1);
      ((ObjectNode) t.at("/producers/0")).set("supply", json.createObjectNode().put("normalUtilisation", 1.1)
          .put("priceElasticity", -1).put("maxCoverDays", -1).put("adjustmentDays", 0));
      ((ObjectNode) t.get("demandResponse")).put("noise", 0.6).put("substitutionMaxShare", 2)
          .put("substitutionThresholdMultiple", 0.9).put("substitutionRatePerYear", -0.1);
      ((ObjectNode) t.get("clock")).put("warmupDays", -1).put("clearingDays", 400);
      ((ObjectNode) t.at("/producers/0/facilities/0/outages/0")).put("availableFraction", -0.5);
      ((ObjectNode) t.at("/recipes/1/inputs")).put("reo", 0);
      ((ObjectNode) t.at("/trade/routes/0")).put("transitDays", -1).put("freightUsdPerKg", -1);
    });
    assertEquals(List.of(
        "clock.clearingDays: expected an integer from 1 to 366, found 400",
        "clock.warmupDays: expected an integer from 0 to 3650, found -1",
        "market.referencePrices[4]: a second reference price for reo in zone CN; the first is at"
            + " market.referencePrices[0]",
        "trade.routes[0].transitDays: expected a number from 0 to 3650 (days), found -1",
        "trade.routes[0].freightUsdPerKg: expected a number from 0 to 1e5 (USD/kg), found -1",
        "recipes[1].inputs.reo: expected a number > 0 and <= 1000 (t per t of activity), found 0",
        "producers[0].facilities[0].outages[0].availableFraction: expected a number from 0 to 1, found -0.5",
        "producers[0].supply.normalUtilisation: expected a number from 0 to 1, found 1.1",
        "producers[0].supply.priceElasticity: expected a number from 0 to 10, found -1",
        "producers[0].supply.maxCoverDays: expected a number from 0 to 3650 (days), found -1",
        "producers[0].supply.adjustmentDays: expected a number > 0 and <= 3650 (days), found 0",
        "demand[0].growthPerYear: expected a number > -1 and <= 1 (a share a year), found -1",
        "demand[0].priceElasticity: expected a number from 0 to 10, found -0.1",
        "demand[0].stock.targetCoverDays: expected a number from 0 to 3650 (days), found -1",
        "demandResponse.noise: expected a number from 0 to 0.5, found 0.6",
        "demandResponse.substitutionMaxShare: expected a number from 0 to 1, found 2",
        "demandResponse.substitutionThresholdMultiple: expected a number >= 1 and <= 100, found 0.9",
        "demandResponse.substitutionRatePerYear: expected a number from 0 to 10 (a share a year), found -0.1"), problems);
  }

  @Test
  void validate_manyMissingReferencePrices_listsTwentyAndCountsTheRest() throws IOException {
    List<String> problems = tinyWith(t -> {
      ArrayNode commodities = (ArrayNode) t.get("commodities");
      for (int i = 0; i < 11; i++) commodities.add(json.createObjectNode().put("id", "c" + i));
    });
    assertEquals(1, problems.size());
    String p = problems.get(0);
    assertTrue(p.startsWith("market.referencePrices: missing reference prices for c0 in zone CN, c1 in zone CN,"), p);
    assertTrue(p.endsWith(", c8 in zone XC and 2 more; every price zone used by a region needs a price for every"
        + " commodity"), p);
  }

  @Test
  void validate_problemsHaveNoLocations() {
    ScenarioSpec tiny = ScenarioLoaderTest.tiny();
    ScenarioSpec broken = new ScenarioSpec("bad name", null, tiny.start(), tiny.start(), null, null,
        tiny.commodities(), tiny.regions(), tiny.market(), tiny.trade(), tiny.recipes(), tiny.producers(),
        tiny.demand(), null, null, null, null, null);
    List<Problem> problems = ScenarioValidator.validate(broken, "f");
    assertEquals(2, problems.size(), problems.toString());
    for (Problem p : problems) assertEquals(0, p.line() + p.column());
    assertEquals(new ArrayList<>(List.of("end", "name")),
        problems.stream().map(Problem::path).sorted().toList());
    assertTrue(Arrays.asList(problems.get(0).message(), problems.get(1).message())
        .contains("expected a date after start (2025-01-01), found 2025-01-01"));
  }
}
