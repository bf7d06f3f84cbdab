package org.magflow.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A scenario given as a tree (a resolved scenario with a sweep's overrides) is checked like a file. */
class ScenarioLoaderFromTreeTest {
  private static ObjectNode resolvedTiny() throws Exception {
    LoadResult loaded = new ScenarioLoader().load(Path.of("src/test/resources/scenarios/tiny.yaml"));
    String json = new ScenarioWriter().toJson(ScenarioDefaults.apply(loaded.scenario()));
    return (ObjectNode) JsonMapper.builder().build().readTree(json);
  }

  @Test
  void aResolvedScenarioTree_loadsAsTheSameScenario() throws Exception {
    LoadResult file = new ScenarioLoader().load(Path.of("src/test/resources/scenarios/tiny.yaml"));
    LoadResult again = new ScenarioLoader().fromTree("tiny", resolvedTiny());
    assertTrue(again.ok(), again.problems().toString());
    assertEquals(ScenarioDefaults.apply(file.scenario()), ScenarioDefaults.apply(again.scenario()));
  }

  @Test
  void aBadValue_isReportedWithItsPath_andTheTreeIsLeftAlone() throws Exception {
    ObjectNode tree = resolvedTiny();
    ((ObjectNode) tree.withArray("policies").get(0)).put("cut", 1.5);
    String before = tree.toString();
    LoadResult result = new ScenarioLoader().fromTree("point 3", tree);
    assertEquals(List.of(new Problem("point 3", "policies[0].cut", 0, 0, "expected a number from 0 to 1, found 1.5")),
        result.problems());
    assertEquals(before, tree.toString());
  }

  @Test
  void extends_isRefused() throws Exception {
    ObjectNode tree = resolvedTiny();
    tree.put("extends", "baseline.yaml");
    assertEquals("extends", new ScenarioLoader().fromTree("t", tree).problems().get(0).path());
  }
}
