package org.magflow.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.magflow.scenario.FieldPaths;
import org.magflow.scenario.ScenarioSpec;
import org.magflow.scenario.SpecBinder;
import org.magflow.sweep.SweepFile.ProblemSink;

/**
 * The fields by which an episode or a calibration names what it is compared with: the observed file, the
 * months compared ({@code from}, {@code to}, and the {@code shock} that troughs are counted from), and the
 * series, each an observed selection, the simulated selection that corresponds, and a weight:
 *
 * <pre>
 * observed: observed/cn-magnet-exports.csv
 * from: 2025-01
 * to: 2025-11
 * shock: 2025-04
 * series:
 *   - name: cn-exports-world
 *     observed: {metric: shipped, region: CN, partner: "*", commodity: ndfeb_magnet}
 *     simulated: {...}          # optional: the observed keys
 *     weight: 1                 # optional
 * </pre>
 */
public record SeriesFields(Path observed, YearMonth from, YearMonth to, YearMonth shock, List<SeriesMap> series) {
  /** The fields this record reads, in the order a file writes them. */
  public static final List<String> FIELDS = List.of("observed", "from", "to", "shock", "series");
  static final List<String> SERIES_FIELDS = List.of("name", "observed", "simulated", "weight");
  static final List<String> SELECTOR_FIELDS = List.of("metric", "region", "partner", "commodity", "sector");
  /** The most months a comparison spans: 50 years. */
  static final int MAX_MONTHS = 600;

  /** The months compared. */
  public List<YearMonth> months() {
    return Comparison.months(from, to);
  }

  /**
   * Reads the fields from {@code root}, a file at {@code file}; reports each problem at its field path and
   * returns null when any is wrong.
   */
  public static SeriesFields read(ObjectNode root, Path file, ProblemSink problem) {
    int[] count = {0};
    ProblemSink counted = (path, message) -> {
      count[0]++;
      problem.add(path, message);
    };
    Path observed = null;
    String text = text(root, "observed", "", true, counted);
    if (text != null) {
      try {
        observed = file.resolveSibling(text).normalize();
      } catch (InvalidPathException e) {
        counted.add("observed", "not a valid path: " + e.getReason());
      }
    }
    YearMonth from = month(root, "from", counted);
    YearMonth to = month(root, "to", counted);
    YearMonth shock = root.has("shock") ? month(root, "shock", counted) : null;
    if (from != null && to != null) {
      if (to.isBefore(from)) counted.add("to", "expected a month at or after from (" + from + "), found " + to);
      else if (from.until(to, java.time.temporal.ChronoUnit.MONTHS) >= MAX_MONTHS) {
        counted.add("to", "at most " + MAX_MONTHS + " months are compared");
      }
      if (shock != null && (shock.isBefore(from) || shock.isAfter(to))) {
        counted.add("shock", "expected a month from " + from + " to " + to + ", found " + shock);
      }
    }
    List<SeriesMap> series = series(root.get("series"), counted);
    return count[0] > 0 ? null : new SeriesFields(observed, from, to, shock, series);
  }

  /**
   * Reads the observed file alone, when the other fields are wrong, so that its problems are reported with
   * theirs; adds them to {@code problems}.
   */
  public static void checkObservedFile(ObjectNode root, Path file, List<org.magflow.scenario.Problem> problems) {
    JsonNode v = root.get("observed");
    if (v == null || !v.isTextual() || v.asText().isBlank()) return;
    try {
      ObservedData.read(file.resolveSibling(v.asText()).normalize());
    } catch (org.magflow.run.InputException e) {
      problems.addAll(e.problems());
    } catch (InvalidPathException e) {
      // reported with the field
    }
  }

  private static List<SeriesMap> series(JsonNode node, ProblemSink problem) {
    List<SeriesMap> result = new ArrayList<>();
    if (node == null) {
      problem.add("", "missing field 'series': the observed series to compare, each with name and observed");
      return result;
    }
    if (!node.isArray() || node.isEmpty()) {
      problem.add("series", "expected a list of at least one series, found " + SpecBinder.describe(node));
      return result;
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < node.size(); i++) {
      String at = FieldPaths.index("series", i);
      if (!(node.get(i) instanceof ObjectNode s)) {
        problem.add(at, "expected a series {name, observed, simulated, weight}, found "
            + SpecBinder.describe(node.get(i)));
        continue;
      }
      unknown(s, at, SERIES_FIELDS, problem);
      String name = text(s, "name", at, true, problem);
      if (name != null && !name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
        problem.add(FieldPaths.field(at, "name"), "expected a name of letters, digits, '.', '-' or '_' (it names"
            + " files), found '" + name + "'");
        name = null;
      } else if (name != null && !names.add(name)) {
        problem.add(FieldPaths.field(at, "name"), "two series are named '" + name + "'");
      }
      Selector observed = selector(s, "observed", at, true, problem);
      Selector simulated = s.has("simulated") ? selector(s, "simulated", at, true, problem) : observed;
      double weight = 1;
      JsonNode w = s.get("weight");
      if (w != null) {
        if (w.isNumber() && w.doubleValue() > 0 && Double.isFinite(w.doubleValue())) weight = w.doubleValue();
        else problem.add(FieldPaths.field(at, "weight"), "expected a number > 0, found " + SpecBinder.describe(w));
      }
      if (name != null && observed != null && simulated != null) {
        result.add(new SeriesMap(name, observed, simulated, weight));
      }
    }
    return result;
  }

  /**
   * Reports each series whose simulated rows name no commodity of the scenario (nor a family of them, with a closing
   * {@code *}): its simulated side would be zero every month, a comparison of nothing.
   */
  public static void checkCommodities(SeriesFields fields, ScenarioSpec scenario, ProblemSink problem) {
    List<String> commodityIds = scenario.commodities().stream().map(c -> c.id()).toList();
    for (int i = 0; i < fields.series().size(); i++) {
      SeriesMap s = fields.series().get(i);
      if (s.simulated().picksAnyOf(commodityIds)) continue;
      String side = s.simulated() == s.observed() ? "observed" : "simulated";
      problem.add(FieldPaths.field(FieldPaths.field(FieldPaths.index("series", i), side), "commodity"), "'"
          + s.simulated().commodity() + "' names no commodity of the scenario; expected one of "
          + String.join(", ", commodityIds) + ", or the start of some ids followed by '*'"
          + (side.equals("observed") ? " (or a simulated selector naming the run's own)" : ""));
    }
  }

  private static Selector selector(ObjectNode s, String field, String at, boolean required, ProblemSink problem) {
    String path = FieldPaths.field(at, field);
    JsonNode node = s.get(field);
    if (node == null) {
      if (required) problem.add(at, "missing field '" + field + "': the keys of its rows, e.g. {metric: shipped,"
          + " region: CN, partner: US, commodity: ndfeb_magnet}");
      return null;
    }
    if (!(node instanceof ObjectNode o)) {
      problem.add(path, "expected the keys of rows {metric, region, partner, commodity, sector}, found "
          + SpecBinder.describe(node));
      return null;
    }
    unknown(o, path, SELECTOR_FIELDS, problem);
    String[] keys = new String[SELECTOR_FIELDS.size()];
    boolean ok = true;
    for (int k = 0; k < keys.length; k++) {
      JsonNode v = o.get(SELECTOR_FIELDS.get(k));
      if (v == null) continue;
      if (!v.isTextual()) {
        problem.add(FieldPaths.field(path, SELECTOR_FIELDS.get(k)), "expected text, found " + SpecBinder.describe(v));
        ok = false;
      } else {
        keys[k] = v.asText();
      }
    }
    if (keys[0] == null || keys[0].isBlank()) {
      if (ok && !o.has("metric")) problem.add(path, "missing field 'metric', e.g. shipped or price");
      return null;
    }
    return ok ? new Selector(keys[0], keys[1], keys[2], keys[3], keys[4]) : null;
  }

  private static YearMonth month(ObjectNode root, String field, ProblemSink problem) {
    String text = text(root, field, "", true, problem);
    if (text == null) return null;
    try {
      return YearMonth.parse(text);
    } catch (DateTimeParseException e) {
      problem.add(field, "expected a month YYYY-MM, found '" + text + "'");
      return null;
    }
  }

  static String text(ObjectNode node, String field, String at, boolean required, ProblemSink problem) {
    JsonNode v = node.get(field);
    if (v == null) {
      if (required) problem.add(at, "missing field '" + field + "'");
      return null;
    }
    if (!v.isTextual() || v.asText().isBlank()) {
      problem.add(FieldPaths.field(at, field), "expected text, found "
          + (v.isTextual() ? "an empty string" : SpecBinder.describe(v)));
      return null;
    }
    return v.asText();
  }

  static void unknown(ObjectNode node, String at, List<String> known, ProblemSink problem) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!known.contains(f)) {
        problem.add(FieldPaths.field(at, f), "unknown field '" + f + "'; expected one of: " + String.join(", ", known));
      }
    }
  }
}
