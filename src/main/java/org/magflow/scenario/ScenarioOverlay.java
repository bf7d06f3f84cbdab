package org.magflow.scenario;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.List;

/**
 * An overlay scenario: a file that {@code extends} a base and sets only some of its values, such as the values a
 * calibration fitted. {@link #of} picks the values out of a resolved scenario so that, merged onto the base by the
 * rule of {@link ScenarioSpec}, they give that scenario back: a list entry with an id is written as its id and the
 * chosen fields ({@code policies: [{name: x, cut: 0.8}]}), an object as the chosen fields, and a list without ids
 * (capacity points, routes) whole, as the merge replaces such a list whole.
 */
public final class ScenarioOverlay {
  private static final YAMLMapper YAML = YAMLMapper.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
      .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
      .build();

  private ScenarioOverlay() {}

  /**
   * The values of {@code resolved} at {@code targets} (JSON pointers to values, as sweep parameters resolve), as
   * the fields of an overlay of the scenario {@code resolved} was made from.
   */
  public static ObjectNode of(JsonNode resolved, List<JsonPointer> targets) {
    ObjectNode overlay = JsonNodeFactory.instance.objectNode();
    for (JsonPointer target : targets) copy(resolved, overlay, target, "");
    return overlay;
  }

  /** Copies the value at {@code rest} (which starts with a field of {@code from}) into {@code into}. */
  private static void copy(JsonNode from, ObjectNode into, JsonPointer rest, String path) {
    String name = rest.getMatchingProperty();
    JsonNode value = from.get(name);
    JsonPointer tail = rest.tail();
    String at = FieldPaths.field(path, name);
    if (value == null || tail.matches()) {
      into.set(name, value == null ? null : value.deepCopy());
    } else if (value instanceof ObjectNode) {
      copy(value, into.get(name) instanceof ObjectNode o ? o : into.putObject(name), tail, at);
    } else if (value instanceof ArrayNode list) {
      String key = ScenarioMerge.keyField(at);
      JsonNode entry = list.get(tail.getMatchingIndex());
      JsonNode id = entry == null || key == null ? null : entry.get(key);
      if (id == null || !id.isTextual() || tail.tail().matches()) {
        into.set(name, list.deepCopy()); // a list without ids is replaced whole by the merge
        return;
      }
      ArrayNode entries = into.get(name) instanceof ArrayNode a ? a : into.putArray(name);
      ObjectNode written = null;
      for (JsonNode e : entries) if (id.equals(e.get(key))) written = (ObjectNode) e;
      if (written == null) written = entries.addObject().set(key, id.deepCopy());
      copy(entry, written, tail.tail(), FieldPaths.index(at, tail.getMatchingIndex()));
    } else {
      into.set(name, value.deepCopy());
    }
  }

  /**
   * The text of an overlay file: {@code comments} as comment lines, {@code extends: base}, then the overlay's
   * fields as YAML.
   */
  public static String yaml(List<String> comments, String base, ObjectNode overlay) {
    StringBuilder text = new StringBuilder();
    for (String line : comments) text.append(line.isEmpty() ? "#" : "# " + line).append('\n');
    ObjectNode file = JsonNodeFactory.instance.objectNode();
    file.put(ScenarioLoader.EXTENDS, base);
    file.setAll(overlay);
    try {
      return text.append(YAML.writeValueAsString(file)).toString();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree always writes as YAML", e);
    }
  }
}
