package org.magflow.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An overlay written from chosen values of a resolved scenario, merged back onto its base, gives that scenario. */
class ScenarioOverlayTest {
  private static final List<JsonPointer> TARGETS = List.of(
      JsonPointer.compile("/policies/0/cut"),
      JsonPointer.compile("/producers/1/facilities/0/capacity/0/tonnesPerYear"),
      JsonPointer.compile("/producers/0/supply/priceElasticity"),
      JsonPointer.compile("/demand/1/priority"),
      JsonPointer.compile("/market/priceRule/maxMultiple"),
      JsonPointer.compile("/trade/routes/0/transitDays"));

  @Test
  void anOverlayOfChosenValuesExtendingItsBaseLoadsAsTheResolvedScenarioWithThoseValues(@TempDir Path dir)
      throws Exception {
    Path base = Files.copy(ScenarioExtendsTest.TINY_YAML, dir.resolve("tiny.yaml"));
    ObjectNode changed = (ObjectNode) JsonMapper.builder().build().readTree(new ScenarioWriter().toJson(
        new ScenarioLoader().load(base).scenario()));
    ((ObjectNode) changed.at("/policies/0")).set("cut", DoubleNode.valueOf(0.65));
    ((ObjectNode) changed.at("/producers/1/facilities/0/capacity/0")).set("tonnesPerYear", DoubleNode.valueOf(420));
    ((ObjectNode) changed.at("/producers/0/supply")).set("priceElasticity", DoubleNode.valueOf(0.35));
    ((ObjectNode) changed.at("/demand/1")).set("priority", IntNode.valueOf(77));
    ((ObjectNode) changed.at("/market/priceRule")).set("maxMultiple", DoubleNode.valueOf(7.5));
    ((ObjectNode) changed.at("/trade/routes/0")).set("transitDays", DoubleNode.valueOf(25));

    ObjectNode overlay = ScenarioOverlay.of(changed, TARGETS);
    String text = ScenarioOverlay.yaml(List.of("what wrote it", ""), "tiny.yaml", overlay);
    assertEquals("""
        # what wrote it
        #
        extends: tiny.yaml
        policies:
          - name: reo-throttle
            cut: 0.65
        producers:
          - id: us-magnets
            facilities:
              - id: fort-worth
                capacity:
                  - date: 2025-01-01
                    tonnesPerYear: 420.0
          - id: cn-miner
            supply:
              priceElasticity: 0.35
        demand:
          - id: us-defence
            priority: 77
        market:
          priceRule:
            maxMultiple: 7.5
        trade:
          routes:
            - from: CN
              to: US
              transitDays: 25.0
              freightUsdPerKg: 0.3
              oneWay: false
        """, text, "ids name the entries; lists without ids (capacity points, routes) are written whole");
    Path file = Files.writeString(dir.resolve("overlay.yaml"), text);
    LoadResult loaded = new ScenarioLoader().load(file);
    assertEquals(List.of(), loaded.problems());
    assertEquals(new ScenarioWriter().toJson(new ScenarioLoader().fromTree("changed", changed).scenario()),
        new ScenarioWriter().toJson(loaded.scenario()));
    JsonNode written = new YAMLMapper().readTree(text);
    assertEquals(2, written.get("producers").size(), "one entry per producer, each with only what changed");
  }
}
