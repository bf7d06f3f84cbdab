package org.magflow.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.magflow.event.Observation;
import org.magflow.event.SimEvent;
import org.magflow.run.ScenarioRun;
import org.magflow.scenario.LoadResult;
import org.magflow.scenario.Problem;
import org.magflow.scenario.ScenarioLoader;

/**
 * Every quantity has an upper bound, and a value that validates runs: each number of
 * {@code scenarios/reference.yaml}, which sets every field, is pushed far out of range; the validator must refuse
 * it at its own path and name its bound. The field is then set to that bound (unless another rule, such as the
 * mass balance or shares adding up to one, refuses the combination), and the scenario with every quantity at
 * its bound must run, conserving material, with every reported value finite.
 */
class AtTheBoundsTest {
  private static final Pattern UPPER = Pattern.compile("(?:to|<=) ([0-9.e+]+)(?: \\([^)]*\\))?, found");
  /** Integers bounded by their own check (clock) or not quantities (seed). */
  private static final List<String> NOT_QUANTITIES = List.of("seed", "clock.");

  @Test
  void everyQuantity_isBoundedAbove_andTheScenarioAtEveryBoundRuns() throws IOException {
    JsonNode tree = new YAMLMapper().readTree(Path.of("scenarios/reference.yaml").toFile());
    List<String> numbers = new ArrayList<>();
    collect(tree, "", numbers);
    ScenarioLoader loader = new ScenarioLoader();
    List<String> unbounded = new ArrayList<>();
    int atBound = 0;
    for (String path : numbers) {
      if (NOT_QUANTITIES.stream().anyMatch(path::startsWith)) continue;
      JsonNode original = get(tree, path);
      set(tree, path, original.isIntegralNumber() ? new IntNode(Integer.MAX_VALUE) : new DoubleNode(1e300));
      LoadResult refused = loader.fromTree("reference.yaml", tree);
      Problem own = refused.problems().stream().filter(p -> p.path().equals(path)).findFirst().orElse(null);
      Matcher bound = own == null ? null : UPPER.matcher(own.message());
      if (bound == null || !bound.find()) {
        unbounded.add(path + (own == null ? " accepts a huge value" : ": " + own.message()));
        set(tree, path, original);
        continue;
      }
      double max = Double.parseDouble(bound.group(1));
      set(tree, path, original.isIntegralNumber() && max == Math.rint(max) ? new IntNode((int) max) : new DoubleNode(max));
      if (loader.fromTree("reference.yaml", tree).ok()) {
        atBound++;
      } else {
        set(tree, path, original); // the bound alone is fine; with the others, another rule refuses it
      }
    }
    assertEquals(List.of(), unbounded, "quantities without an upper bound");

    LoadResult maxed = loader.fromTree("reference.yaml", tree);
    assertTrue(maxed.ok(), maxed.problems().toString());
    assertTrue(atBound > 100, "only " + atBound + " of " + numbers.size() + " numbers set to their bound");
    ScenarioRun.Outcome outcome = new ScenarioRun().execute(maxed.scenario(), "reference.yaml", 1, 0);
    assertTrue(outcome.summary().conserved(), outcome.summary().conservation().toString());
    for (SimEvent e : outcome.run().events()) {
      if (e instanceof Observation o) assertTrue(Double.isFinite(o.value()), o.toString());
    }
  }

  /** The field paths of every number in the tree, as problems name them. */
  private static void collect(JsonNode node, String path, List<String> into) {
    if (node.isNumber()) {
      into.add(path);
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) collect(node.get(i), path + "[" + i + "]", into);
    } else if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        collect(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), into);
      }
    }
  }

  private static final Pattern STEP = Pattern.compile("\\.?([^.\\[]+)|\\[(\\d+)]");

  private static JsonNode get(JsonNode tree, String path) {
    JsonNode node = tree;
    Matcher m = STEP.matcher(path);
    while (m.find()) node = m.group(1) != null ? node.get(m.group(1)) : node.get(Integer.parseInt(m.group(2)));
    return node;
  }

  private static void set(JsonNode tree, String path, JsonNode value) {
    int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    JsonNode parent = cut <= 0 ? tree : get(tree, path.substring(0, cut));
    if (path.endsWith("]")) {
      ((ArrayNode) parent).set(Integer.parseInt(path.substring(cut + 1, path.length() - 1)), value);
    } else {
      ((ObjectNode) parent).set(path.substring(cut + 1), value);
    }
  }
}
