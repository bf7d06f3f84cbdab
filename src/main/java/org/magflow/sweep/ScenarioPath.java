package org.magflow.sweep;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.magflow.scenario.FieldPaths;

/**
 * A path into a scenario, as sweep parameters and date anchors name a field, resolved to the JSON pointers of
 * the values it selects in a resolved scenario tree.
 *
 * <p>Two spellings:
 * <ul>
 *   <li>dotted, as problems name fields: {@code demand[3].priceElasticity}, {@code market.priceRule.maxMultiple},
 *       {@code producers[id=lynas].facilities[id=kuantan].capacity[0].tonnesPerYear}. A list entry is chosen by
 *       its index, by a field's value ({@code [id=lynas]}, {@code [name=sep-2025-us-squeeze]},
 *       {@code [region=US]}: every entry whose field has that value, at least one), or all entries ({@code [*]});
 *   <li>a JSON pointer: {@code /demand/3/priceElasticity}.
 * </ul>
 * A path must end at a value (a number, text, true/false or null), never at an object or a list.
 */
final class ScenarioPath {
  private ScenarioPath() {}

  /** The path is wrong; the message names it and says what exists where it goes wrong. */
  static final class PathException extends Exception {
    private static final long serialVersionUID = 1L;

    PathException(String message) {
      super(message, null, false, false);
    }
  }

  /** One step of a path. */
  sealed interface Step permits Field, Index, Select, All {}

  record Field(String name) implements Step {}

  record Index(int index) implements Step {}

  record Select(String key, String value) implements Step {}

  record All() implements Step {}

  /** Parses a dotted path or a JSON pointer. */
  static List<Step> parse(String text) throws PathException {
    if (text.startsWith("/")) return pointer(text);
    List<Step> steps = new ArrayList<>();
    int i = 0;
    int n = text.length();
    boolean expectName = true;
    while (i < n) {
      char c = text.charAt(i);
      if (expectName) {
        int start = i;
        while (i < n && isNameChar(text.charAt(i))) i++;
        if (i == start) throw syntax(text, start, "a field name");
        steps.add(new Field(text.substring(start, i)));
        expectName = false;
      } else if (c == '.') {
        i++;
        expectName = true;
        if (i == n) throw syntax(text, i, "a field name after '.'");
      } else if (c == '[') {
        int close = text.indexOf(']', i);
        if (close < 0) throw syntax(text, i, "a closing ']'");
        String inside = text.substring(i + 1, close).strip();
        if (inside.equals("*")) {
          steps.add(new All());
        } else if (!inside.isEmpty() && inside.chars().allMatch(Character::isDigit)) {
          try {
            steps.add(new Index(Integer.parseInt(inside)));
          } catch (NumberFormatException e) {
            throw syntax(text, i + 1, "an index that fits in an int");
          }
        } else if (inside.indexOf('=') > 0) {
          int eq = inside.indexOf('=');
          String key = inside.substring(0, eq).strip();
          String value = inside.substring(eq + 1).strip();
          if (key.isEmpty() || !key.chars().allMatch(ch -> isNameChar((char) ch)) || value.isEmpty()) {
            throw syntax(text, i + 1, "[field=value], e.g. [id=lynas]");
          }
          steps.add(new Select(key, value));
        } else {
          throw syntax(text, i + 1, "an index, [field=value] (e.g. [id=lynas]) or [*]");
        }
        i = close + 1;
      } else {
        throw syntax(text, i, "'.' or '['");
      }
    }
    if (steps.isEmpty()) throw new PathException("the path is empty");
    return steps;
  }

  private static boolean isNameChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '-';
  }

  private static PathException syntax(String text, int at, String expected) {
    return new PathException("'" + text + "' is not a valid path: at character " + (at + 1) + " expected "
        + expected);
  }

  private static List<Step> pointer(String text) throws PathException {
    List<Step> steps = new ArrayList<>();
    for (String token : text.substring(1).split("/", -1)) {
      String name = token.replace("~1", "/").replace("~0", "~");
      if (name.isEmpty()) throw new PathException("'" + text + "' is not a valid JSON pointer: an empty step");
      // a pointer does not know lists from objects: a number selects a list entry, and is tried as a field too
      steps.add(new Field(name));
    }
    return steps;
  }

  /** A selected node: where it is and how to name it. */
  private record At(JsonNode node, JsonPointer pointer, String shown) {}

  /**
   * The pointers of every value the path selects in {@code root}, in document order.
   *
   * @throws PathException naming the path, the step that fails and what exists there
   */
  static List<JsonPointer> resolve(JsonNode root, String text) throws PathException {
    List<At> current = List.of(new At(root, JsonPointer.empty(), ""));
    for (Step step : parse(text)) {
      List<At> next = new ArrayList<>();
      for (At at : current) next.addAll(step(at, step, text));
      current = next;
    }
    List<JsonPointer> pointers = new ArrayList<>();
    for (At at : current) {
      if (at.node().isContainerNode()) {
        throw new PathException("'" + text + "' ends at " + (at.node().isArray()
            ? "a list (" + shown(at) + ", " + at.node().size() + " entries), not a value; choose entries with"
                + " [index], [id=...] or [*] and one of their fields"
            : "an object (" + shown(at) + "), not a value; choose one of its fields: " + fields(at.node())));
      }
      pointers.add(at.pointer());
    }
    return pointers;
  }

  private static String shown(At at) {
    return at.shown().isEmpty() ? "the scenario" : at.shown();
  }

  private static List<At> step(At at, Step step, String text) throws PathException {
    JsonNode node = at.node();
    String where = "'" + text + "' does not exist in the base scenario: ";
    if (step instanceof Field f) {
      if (node.isObject()) {
        if (!node.has(f.name())) {
          throw new PathException(where + shown(at) + " has no field '" + f.name() + "'; its fields are: "
              + fields(node));
        }
        return List.of(new At(node.get(f.name()), at.pointer().appendProperty(f.name()),
            FieldPaths.field(at.shown(), f.name())));
      }
      if (node.isArray() && text.startsWith("/") && f.name().chars().allMatch(Character::isDigit)) {
        return step(at, new Index(Integer.parseInt(f.name())), text);
      }
      if (node.isArray()) {
        throw new PathException(where + shown(at) + " is a list of " + node.size() + " entries, not an object;"
            + " choose entries with [index], [id=...] or [*] before ." + f.name());
      }
      throw new PathException(where + shown(at) + " is a value (" + node.asText() + "), not an object with"
          + " field '" + f.name() + "'");
    }
    if (!node.isArray()) {
      throw new PathException(where + shown(at) + " is not a list" + (node.isObject()
          ? "; its fields are: " + fields(node) : ""));
    }
    if (step instanceof Index ix) {
      if (ix.index() >= node.size()) {
        throw new PathException(where + shown(at) + (node.isEmpty() ? " is empty"
            : " has " + node.size() + " entries, [0] to [" + (node.size() - 1) + "]") + "; there is no ["
            + ix.index() + "]");
      }
      return List.of(entry(at, ix.index(), "[" + ix.index() + "]"));
    }
    List<At> selected = new ArrayList<>();
    if (step instanceof All) {
      for (int k = 0; k < node.size(); k++) selected.add(entry(at, k, "[*]"));
      if (selected.isEmpty()) throw new PathException(where + shown(at) + " is empty");
      return selected;
    }
    Select s = (Select) step;
    Set<String> seen = new LinkedHashSet<>();
    for (int k = 0; k < node.size(); k++) {
      JsonNode key = node.get(k).get(s.key());
      if (key == null || key.isContainerNode() || key.isNull()) continue;
      seen.add(key.asText());
      if (key.asText().equals(s.value())) selected.add(entry(at, k, "[" + s.key() + "=" + s.value() + "]"));
    }
    if (selected.isEmpty()) {
      if (seen.isEmpty()) {
        throw new PathException(where + "no entry of " + shown(at) + " has a field '" + s.key() + "'"
            + (node.size() > 0 && node.get(0).isObject() ? "; their fields are: " + fields(node.get(0)) : ""));
      }
      throw new PathException(where + "no entry of " + shown(at) + " has " + s.key() + " '" + s.value() + "'; "
          + s.key() + "s there: " + listed(seen));
    }
    return selected;
  }

  private static At entry(At list, int k, String shownStep) {
    return new At(list.node().get(k), list.pointer().appendIndex(k), list.shown() + shownStep);
  }

  private static String fields(JsonNode object) {
    Set<String> names = new LinkedHashSet<>();
    for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) names.add(it.next());
    return names.isEmpty() ? "(none)" : String.join(", ", names);
  }

  private static String listed(Set<String> values) {
    List<String> list = new ArrayList<>(values);
    if (list.size() <= 30) return String.join(", ", list);
    return String.join(", ", list.subList(0, 30)) + ", ... (" + list.size() + " in all)";
  }

  /** A pointer written as a dotted path, for messages: {@code /policies/0/cut} is {@code policies[0].cut}. */
  static String dotted(JsonPointer pointer, JsonNode root) {
    StringBuilder s = new StringBuilder();
    JsonNode node = root;
    for (JsonPointer p = pointer; p != null && !p.matches(); p = p.tail()) {
      if (node != null && node.isArray() && p.getMatchingIndex() >= 0) {
        s.append('[').append(p.getMatchingIndex()).append(']');
        node = node.get(p.getMatchingIndex());
      } else {
        if (s.length() > 0) s.append('.');
        s.append(p.getMatchingProperty());
        node = node == null ? null : node.get(p.getMatchingProperty());
      }
    }
    return s.toString();
  }
}
