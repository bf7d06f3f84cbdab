package org.magflow.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioWriterTest {
  private final ScenarioWriter writer = new ScenarioWriter();
  private final ScenarioLoader loader = new ScenarioLoader();
  private final ScenarioSpec tiny = ScenarioLoaderTest.tiny();

  @Test
  void toJson_thenParse_givesAnEqualSpec() {
    for (ScenarioSpec spec : List.of(tiny, ScenarioDefaults.apply(tiny))) {
      LoadResult back = loader.parse("resolved.json", writer.toJson(spec), true);
      assertEquals(List.of(), back.problems());
      assertEquals(spec, back.scenario());
    }
  }

  @Test
  void write_thenLoad_givesAnEqualSpec(@TempDir Path dir) {
    ScenarioSpec resolved = ScenarioDefaults.apply(tiny);
    Path file = dir.resolve("scenario.resolved.json");
    writer.write(resolved, file);
    assertEquals(resolved, loader.load(file).scenario());
  }

  @Test
  void toJson_isDeterministic_withUnixLineEnds_andIsoDates() {
    String json = writer.toJson(ScenarioDefaults.apply(tiny));
    assertEquals(json, new ScenarioWriter().toJson(ScenarioDefaults.apply(ScenarioLoaderTest.tiny())));
    assertFalse(json.contains("\r"));
    assertTrue(json.endsWith("}\n"));
    assertTrue(json.contains("\n  \"start\": \"2025-01-01\",\n"), json);
    assertTrue(json.contains("\"date\": \"2026-01-01\""), json);
  }

  @Test
  void toJson_writesFieldsInDeclarationOrder() throws IOException {
    JsonNode tree = new ObjectMapper().readTree(writer.toJson(ScenarioDefaults.apply(tiny)));
    assertEquals(names(ScenarioSpec.class), fieldNames(tree));
    assertEquals(names(ScenarioSpec.TradeSpec.class), fieldNames(tree.get("trade")));
    List<String> producer = new ArrayList<>(names(ScenarioSpec.ProducerSpec.class));
    producer.remove("sourcing"); // tiny's producers have none, and a sourcing rule not given is left out
    assertEquals(producer, fieldNames(tree.at("/producers/0")));
    List<String> policy = new ArrayList<>(List.of("type"));
    policy.addAll(names(DestinationThrottleSpec.class));
    policy.remove("title"); // tiny's policy has none, and a title not given is left out (the next test)
    assertEquals(policy, fieldNames(tree.at("/policies/0")));
    assertEquals(List.of("reo", "magnet"), fieldNames(tree.at("/producers/1/stocks")));
  }

  @Test
  void toJson_policyTitle_writtenAfterTheName_onlyWhenGiven() throws IOException {
    ScenarioSpec resolved = ScenarioDefaults.apply(tiny);
    var d = (DestinationThrottleSpec) resolved.policies().get(0);
    var titled = resolved.withPolicies(List.of(new DestinationThrottleSpec(d.name(), "China's squeeze on US magnets",
        d.start(), d.end(), d.exporter(), d.destinations(), d.commodities(), d.cut(), d.leakage(), d.source())));
    String json = writer.toJson(titled);
    assertEquals(List.of("type", "name", "title", "start"),
        fieldNames(new ObjectMapper().readTree(json).at("/policies/0")).subList(0, 4));
    assertTrue(json.contains("\"title\": \"China's squeeze on US magnets\""), json);
    assertEquals(titled, loader.parse("resolved.json", json, true).scenario());
    assertFalse(writer.toJson(resolved).contains("\"title\""), "no title given, none written");
  }

  private static List<String> names(Class<?> record) {
    return Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName)
        .map(n -> n.equals("otherwise") ? "default" : n).toList();
  }

  private static List<String> fieldNames(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void toJson_tinyResolved_startsAsExpected() {
    String json = writer.toJson(ScenarioDefaults.apply(tiny));
    assertTrue(json.startsWith("""
        {
          "name": "tiny",
          "description": "Two regions, two commodities, one throttle.",
          "start": "2025-01-01",
          "end": "2027-01-01",
          "seed": 42,
          "clock": {
            "productionDays": 7,
            "clearingDays": 7,
            "consumptionDays": 7,
            "reporting": "monthly",
            "warmupDays": 365
          },
          "commodities": [
            {
              "id": "reo",
        """), json);
  }
}
