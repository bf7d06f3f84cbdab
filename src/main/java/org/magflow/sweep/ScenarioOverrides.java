package org.magflow.sweep;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.magflow.run.InputException;
import org.magflow.scenario.LoadResult;
import org.magflow.scenario.Problem;
import org.magflow.scenario.ScenarioLoader;
import org.magflow.scenario.ScenarioSpec;
import org.magflow.scenario.ScenarioWriter;

/**
 * What-if changes to a scenario, {@code PATH=VALUE} as {@code magflow run --set} takes them: the path in the
 * sweep's syntax ({@link ScenarioPath}: {@code policies[name=sep-2025-us-squeeze].cut}), the value as YAML
 * reads it. They are written into the resolved scenario (base files merged, defaults filled) exactly as a
 * sweep writes a point's values, and the result is bound and validated again like any scenario file.
 */
public final class ScenarioOverrides {
  /** How a problem with an override names where it comes from. */
  public static final String OPTION = "--set";

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final YAMLFactory YAML = YAMLFactory.builder()
      .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS).build();

  private ScenarioOverrides() {}

  /**
   * {@code scenario} with each {@code PATH=VALUE} of {@code overrides} applied in order; the scenario as is
   * when there are none.
   *
   * @throws InputException naming each override that is malformed, selects nothing or gives an invalid scenario
   */
  public static ScenarioSpec apply(ScenarioSpec scenario, List<String> overrides) throws InputException {
    if (overrides.isEmpty()) return scenario;
    ObjectNode tree;
    try {
      tree = (ObjectNode) JSON.readTree(new ScenarioWriter().toJson(scenario));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a resolved scenario always parses", e);
    }
    var problems = new ArrayList<Problem>();
    for (String override : overrides) {
      int eq = separator(override);
      if (eq <= 0) {
        problems.add(problem(override, "expected PATH=VALUE, e.g. policies[name=sep-2025-us-squeeze].cut=0.8"));
        continue;
      }
      String path = override.substring(0, eq).strip();
      JsonNode value = value(override.substring(eq + 1).strip());
      if (value.isContainerNode()) {
        problems.add(problem(override, "the value must be one number, text, true/false or null; set a list's"
            + " entries one by one, e.g. destinations[0]=JP"));
        continue;
      }
      try {
        List<JsonPointer> targets = ScenarioPath.resolve(tree, path);
        for (JsonPointer t : targets) {
          if (t.head().matches() && t.last().getMatchingProperty().equals("seed")) {
            throw new ScenarioPath.PathException("the seed is set with --seed, not --set");
          }
          JsonNode old = tree.at(t);
          // a whole number typed into a decimal field, as a sweep writes it
          Parameter.set(tree, t, old.isFloatingPointNumber() && value.isIntegralNumber()
              ? DoubleNode.valueOf(value.doubleValue()) : value);
        }
      } catch (ScenarioPath.PathException e) {
        problems.add(problem(override, e.getMessage()));
      }
    }
    if (!problems.isEmpty()) throw new InputException(problems);
    LoadResult loaded = new ScenarioLoader().fromTree(OPTION, tree);
    if (loaded.ok()) return loaded.scenario();
    throw new InputException(loaded.problems().stream().map(p -> new Problem(OPTION, p.path(), 0, 0,
        "with " + String.join(" ", overrides) + " the scenario is invalid: " + p.message())).toList());
  }

  /** The first '=' outside brackets: the path's own selectors ({@code [name=x]}) hold some. */
  private static int separator(String override) {
    int depth = 0;
    for (int i = 0; i < override.length(); i++) {
      char c = override.charAt(i);
      if (c == '[') depth++;
      else if (c == ']') depth--;
      else if (c == '=' && depth == 0) return i;
    }
    return -1;
  }

  /** The value as YAML reads it (0.8 a number, 2026-03-01 and yes text, true a boolean); empty is null. */
  private static JsonNode value(String text) {
    if (text.isEmpty()) return JSON.nullNode();
    try {
      JsonNode node = JSON.readTree(YAML.createParser(text));
      return node == null ? JSON.nullNode() : node;
    } catch (IOException e) {
      return TextNode.valueOf(text); // not YAML on its own, such as "a: b: c": taken as the text it is
    }
  }

  private static Problem problem(String override, String message) {
    return new Problem(OPTION, "", 0, 0, "'" + override + "': " + message);
  }
}
