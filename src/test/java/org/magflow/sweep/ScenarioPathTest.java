package org.magflow.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Paths into a scenario select what a strategist names: by index, by id, or all. */
class ScenarioPathTest {
  private static final JsonNode SCENARIO = parse("""
      {"producers": [
         {"id": "cn-mines", "facilities": [{"id": "bayan-obo", "capacity": [{"tonnesPerYear": 100.0}]}]},
         {"id": "lynas", "region": "AU", "facilities": [
            {"id": "mt-weld", "capacity": [{"tonnesPerYear": 10.0}]},
            {"id": "kuantan", "capacity": [{"tonnesPerYear": 12.0}, {"tonnesPerYear": 15.0}]}]}],
       "demand": [{"id": "us-ev", "region": "US", "priceElasticity": 0.1},
                  {"id": "jp-ev", "region": "JP", "priceElasticity": 0.1},
                  {"id": "us-wind", "region": "US", "priceElasticity": 0.2}],
       "market": {"priceRule": {"maxMultiple": 10.0}},
       "policies": [{"name": "sep-2025-us-squeeze", "cut": 0.3, "end": null}]}
      """);

  private static JsonNode parse(String json) {
    try {
      return JsonMapper.builder().build().readTree(json);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> resolve(String path) throws ScenarioPath.PathException {
    return ScenarioPath.resolve(SCENARIO, path).stream().map(JsonPointer::toString).toList();
  }

  @Test
  void listEntries_areChosenById_asStrategistsNameThem() throws Exception {
    assertEquals(List.of("/producers/1/facilities/1/capacity/0/tonnesPerYear"),
        resolve("producers[id=lynas].facilities[id=kuantan].capacity[0].tonnesPerYear"));
    assertEquals(List.of("/policies/0/cut"), resolve("policies[name=sep-2025-us-squeeze].cut"));
    assertEquals(List.of("/policies/0/end"), resolve("policies[0].end"), "a null value is a value");
  }

  @Test
  void aJsonPointer_andADottedPath_selectTheSameValue() throws Exception {
    assertEquals(resolve("demand[2].priceElasticity"), resolve("/demand/2/priceElasticity"));
    assertEquals(List.of("/market/priceRule/maxMultiple"), resolve("market.priceRule.maxMultiple"));
  }

  @Test
  void aFieldValue_orAStar_selectsEveryMatchingEntry() throws Exception {
    assertEquals(List.of("/demand/0/priceElasticity", "/demand/2/priceElasticity"),
        resolve("demand[region=US].priceElasticity"));
    assertEquals(3, resolve("demand[*].priceElasticity").size());
  }

  @Test
  void aWrongPath_saysWhatExistsWhereItGoesWrong() {
    assertEquals("'producers[id=lynas].facilities[id=kuantam].capacity' does not exist in the base scenario:"
        + " no entry of producers[id=lynas].facilities has id 'kuantam'; ids there: mt-weld, kuantan",
        message("producers[id=lynas].facilities[id=kuantam].capacity"));
    assertEquals("'demand.priceElasticity' does not exist in the base scenario: demand is a list of 3 entries, not"
        + " an object; choose entries with [index], [id=...] or [*] before .priceElasticity",
        message("demand.priceElasticity"));
    assertEquals("'market.priceRule.max' does not exist in the base scenario: market.priceRule has no field 'max';"
        + " its fields are: maxMultiple", message("market.priceRule.max"));
    assertEquals("'demand[1' is not a valid path: at character 7 expected a closing ']'", message("demand[1"));
    assertEquals("'demand[region=FR].priceElasticity' does not exist in the base scenario: no entry of demand has"
        + " region 'FR'; regions there: US, JP", message("demand[region=FR].priceElasticity"));
  }

  private static String message(String path) {
    return assertThrows(ScenarioPath.PathException.class, () -> ScenarioPath.resolve(SCENARIO, path)).getMessage();
  }
}
