package org.magflow.sweep;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.magflow.output.Decimals;

/**
 * A sweep parameter resolved against the base scenario: the values it selects, what kind of value they hold,
 * and how a point's value is written into a scenario tree.
 *
 * <p>Numbers written into a scenario are first rounded as the outputs print them ({@link Decimals}, nine
 * significant digits), so the value in {@code runs.csv} is exactly the value that ran. A whole-number field
 * (such as a priority) and a date offset take the nearest whole number of a sampled value.
 */
final class Parameter {
  /** The kind of value a parameter's targets hold in the base scenario. */
  enum Kind {
    NUMBER, WHOLE, TEXT, BOOLEAN, DATE_OFFSET, ANY;

    boolean numeric() {
      return this == NUMBER || this == WHOLE || this == DATE_OFFSET;
    }
  }

  private final String name;
  private final String path;
  private final List<JsonPointer> targets;
  private final Kind kind;
  private final boolean multiply;
  private final SweepSpec.Anchor anchor;
  private final JsonPointer anchorPointer; // null when the anchor is a fixed date
  private final LocalDate anchorDate;      // null when the anchor is a path
  private final Domain domain;
  private final JsonNode baseValue;

  Parameter(String name, String path, List<JsonPointer> targets, Kind kind, boolean multiply,
            SweepSpec.Anchor anchor, JsonPointer anchorPointer, LocalDate anchorDate, Domain domain,
            JsonNode baseValue) {
    this.name = name;
    this.path = path;
    this.targets = List.copyOf(targets);
    this.kind = kind;
    this.multiply = multiply;
    this.anchor = anchor;
    this.anchorPointer = anchorPointer;
    this.anchorDate = anchorDate;
    this.domain = domain;
    this.baseValue = baseValue;
  }

  /** A parameter over a domain alone, applied to nothing: for designs drawn without a scenario (tests). */
  static Parameter detached(String name, Domain domain) {
    return new Parameter(name, name, List.of(), Kind.NUMBER, false, null, null, null, domain, null);
  }

  String name() {
    return name;
  }

  String path() {
    return path;
  }

  List<JsonPointer> targets() {
    return targets;
  }

  Kind kind() {
    return kind;
  }

  boolean multiply() {
    return multiply;
  }

  SweepSpec.Anchor anchor() {
    return anchor;
  }

  Domain domain() {
    return domain;
  }

  /** Whether the value depends on another field of the point's scenario (a date counted from a path). */
  boolean anchoredToPath() {
    return anchorPointer != null;
  }

  /** The base scenario's own value in this parameter's terms, when all targets agree; else null. */
  JsonNode baseValue() {
    return baseValue;
  }

  /** Every value of a grid, normalised. */
  List<JsonNode> levels() {
    List<JsonNode> levels = domain.levels();
    if (levels == null) return null;
    List<JsonNode> result = new ArrayList<>(levels.size());
    for (JsonNode v : levels) result.add(normalise(v));
    return result;
  }

  JsonNode at(double u) {
    return normalise(domain.at(u));
  }

  JsonNode low() {
    return normalise(domain.low());
  }

  JsonNode high() {
    return normalise(domain.high());
  }

  /** The value as it runs: rounded to what the outputs print, whole where the field is whole. */
  JsonNode normalise(JsonNode v) {
    if (!v.isNumber()) return v;
    double x = v.doubleValue();
    if (!multiply && (kind == Kind.WHOLE || kind == Kind.DATE_OFFSET)) return LongNode.valueOf(Math.round(x));
    if (v.isIntegralNumber() && kind != Kind.NUMBER) return v;
    return DoubleNode.valueOf(Decimals.decimal(x).doubleValue());
  }

  /** The text of a value in a CSV cell: numbers as the outputs print them, null as an empty cell. */
  static String text(JsonNode v) {
    if (v == null || v.isNull()) return "";
    if (v.isIntegralNumber()) return v.asText();
    if (v.isNumber()) return Decimals.format(v.doubleValue());
    return v.asText();
  }

  /** Writes {@code value} (normalised) into every target of {@code tree}. */
  void applyTo(ObjectNode tree, JsonNode value) {
    for (JsonPointer target : targets) {
      JsonNode written = value;
      if (multiply) {
        double base = tree.at(target).doubleValue();
        double product = base * value.doubleValue();
        written = kind == Kind.WHOLE ? LongNode.valueOf(Math.round(product))
            : DoubleNode.valueOf(Decimals.decimal(product).doubleValue());
      } else if (kind == Kind.DATE_OFFSET) {
        LocalDate from = anchorDate != null ? anchorDate : LocalDate.parse(tree.at(anchorPointer).asText());
        long n = value.longValue();
        written = TextNode.valueOf((anchor.months() ? from.plusMonths(n) : from.plusDays(n)).toString());
      } else if (kind == Kind.NUMBER && value.isIntegralNumber()) {
        written = DoubleNode.valueOf(value.doubleValue()); // a whole number typed into a decimal field
      }
      set(tree, target, written);
    }
  }

  static void set(ObjectNode tree, JsonPointer target, JsonNode value) {
    JsonNode parent = tree.at(target.head());
    JsonPointer last = target.last();
    if (parent instanceof ObjectNode o) {
      o.set(last.getMatchingProperty(), value);
    } else if (parent instanceof ArrayNode a) {
      a.set(last.getMatchingIndex(), value);
    } else {
      throw new IllegalStateException("no parent for " + target);
    }
  }

  /** The date a text holds, or null. */
  static LocalDate date(JsonNode v) {
    if (v == null || !v.isTextual()) return null;
    try {
      return LocalDate.parse(v.asText());
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
