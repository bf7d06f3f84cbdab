package org.magflow.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A chain of scenario files merged into one tree by the rule {@link ScenarioSpec} states, remembering which file
 * wrote each value and where, so a problem found in the merged scenario is reported where its value was written.
 *
 * <p>Where a value came from is kept for each path a file set or appended (a field, a list entry); a path inside
 * it is found by walking up to the nearest such path. An object two files write keeps the file that first wrote
 * it, so a problem about an entry as a whole (a missing field) is placed at the entry in the file that created
 * it, while each field a later file changed is placed at that file's line.
 */
final class ScenarioMerge {
  /** One file of a chain: how problems name it, its tree (with {@code extends} removed) and where its fields are. */
  record Layer(String label, ObjectNode tree, LocationIndex index) {}

  /** The file (its index in the chain) and the path in it that wrote a value of the merged tree. */
  private record Origin(int layer, String path) {}

  /** Top-level lists whose entries are matched by their {@code id}. */
  private static final Set<String> ID_LISTS =
      Set.of("commodities", "regions", "recipes", "producers", "demand", "projects", "producers[].facilities");
  private static final Pattern TECHNOLOGIES = Pattern.compile("demandResponse\\.technologies\\.[^.\\[]+");
  /** A field path with at least one list index in it, as messages quote them: {@code policies[2].name}. */
  private static final Pattern INDEXED_PATH =
      Pattern.compile("\\b[A-Za-z][A-Za-z0-9_]*(?:\\.[A-Za-z0-9_-]+)*\\[\\d+\\](?:\\.[A-Za-z0-9_-]+|\\[\\d+\\])*");

  private final List<Layer> chain;
  private final ObjectNode tree = JsonNodeFactory.instance.objectNode();
  private final TreeMap<String, Origin> origins = new TreeMap<>();
  private final List<Problem> problems = new ArrayList<>();

  private ScenarioMerge(List<Layer> chain) {
    this.chain = chain;
  }

  /**
   * The field that identifies an entry of the list at {@code listPath} (a path of the merged tree, such as
   * {@code producers[3].facilities}), or null for a list that a file replaces whole (capacity points, routes,
   * reference prices, tags, a policy's destinations).
   */
  static String keyField(String listPath) {
    String shape = listPath.replaceAll("\\[\\d+\\]", "[]");
    if (shape.equals("policies")) return "name";
    if (ID_LISTS.contains(shape) || TECHNOLOGIES.matcher(shape).matches()) return "id";
    return null;
  }

  /** Merges the files, the loaded one first in {@code chain}, each base after the file that extends it. */
  static ScenarioMerge of(List<Layer> chain) {
    ScenarioMerge merge = new ScenarioMerge(chain);
    for (int layer = chain.size() - 1; layer >= 0; layer--) { // the deepest base first
      merge.mergeObject(merge.tree, chain.get(layer).tree(), "", "", layer);
    }
    return merge;
  }

  /** The merged tree. */
  ObjectNode tree() {
    return tree;
  }

  /**
   * Problems the merge itself found, placed: an entry that changes the type of the base's entry it names, and a
   * second entry of one file naming the same base entry. The entry is left out of the merge.
   */
  List<Problem> problems() {
    return problems;
  }

  private void mergeObject(ObjectNode into, ObjectNode from, String at, String local, int layer) {
    for (Iterator<Map.Entry<String, JsonNode>> it = from.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String name = field.getKey();
      JsonNode value = field.getValue();
      String path = FieldPaths.field(at, name);
      String localPath = FieldPaths.field(local, name);
      JsonNode before = into.get(name);
      if (before instanceof ObjectNode object && value instanceof ObjectNode changes) {
        mergeObject(object, changes, path, localPath, layer);
        continue;
      }
      String key = keyField(path);
      if (key != null && before instanceof ArrayNode list && (value.isNull() || value.isArray())) {
        mergeEntries(list, value, key, path, localPath, layer); // an empty or null list adds nothing
        continue;
      }
      into.set(name, value.deepCopy());
      setOrigin(path, layer, localPath);
    }
  }

  /** Merges each entry whose key a base's entry has into it; appends the others. */
  private void mergeEntries(ArrayNode list, JsonNode entries, String key, String at, String local, int layer) {
    Map<String, Integer> before = new HashMap<>(); // the bases' entries by key; not this file's own
    for (int i = 0; i < list.size(); i++) {
      String id = keyOf(list.get(i), key);
      if (id != null) before.putIfAbsent(id, i);
    }
    Map<String, String> here = new HashMap<>(); // this file's keys: where it first wrote each
    for (int k = 0; k < entries.size(); k++) {
      JsonNode entry = entries.get(k);
      String id = keyOf(entry, key);
      String localEntry = FieldPaths.index(local, k);
      String first = id == null ? null : here.putIfAbsent(id, localEntry);
      Integer i = id == null ? null : before.get(id);
      if (first != null && i != null) { // two changes to one base entry: which is meant is not clear
        Layer file = chain.get(layer);
        problems.add(file.index().place(new Problem(file.label(), FieldPaths.field(localEntry, key), 0, 0,
            "duplicate id '" + id + "'; " + FieldPaths.field(first, key) + " already uses it")));
      } else if (first != null || i == null) { // a new entry; a new id given twice the validator reports
        list.add(entry.deepCopy());
        setOrigin(FieldPaths.index(at, list.size() - 1), layer, localEntry);
      } else if (sameType(list.get(i), entry, id, key, FieldPaths.index(at, i), localEntry, layer)) {
        mergeObject((ObjectNode) list.get(i), (ObjectNode) entry, FieldPaths.index(at, i), localEntry, layer);
      }
    }
  }

  private static String keyOf(JsonNode entry, String key) {
    JsonNode id = entry instanceof ObjectNode o ? o.get(key) : null;
    return id != null && id.isTextual() ? id.asText() : null;
  }

  /**
   * Whether an entry that names a base's entry keeps its type (a policy's family); if not, reports it at the
   * entry's type: a file changes the fields of an entry it names, and a new kind of entry needs a new name.
   */
  private boolean sameType(JsonNode base, JsonNode entry, String id, String key, String at, String localEntry,
                           int layer) {
    JsonNode was = base.get("type");
    JsonNode is = entry.get("type");
    if (was == null || is == null || was.equals(is)) return true;
    Layer file = chain.get(layer);
    problems.add(file.index().place(new Problem(file.label(), FieldPaths.field(localEntry, "type"), 0, 0,
        "'" + id + "' is a " + was.asText() + " (" + whereWritten(at) + "); an entry with the " + key + " of a"
            + " base's entry changes that entry's fields, not its type: give a new " + is.asText() + " another "
            + key)));
    return false;
  }

  /** Records that {@code layer} wrote the value at {@code path}, replacing what was known of values inside it. */
  private void setOrigin(String path, int layer, String localPath) {
    origins.subMap(path + ".", path + "/").clear();  // '/' follows '.'
    origins.subMap(path + "[", path + "\\").clear(); // '\' follows '['
    origins.put(path, new Origin(layer, localPath));
  }

  /** Where a merged path was written: the nearest recorded path at or above it, and the rest below that. */
  private Origin originOf(String path) {
    for (String p = path; ; p = FieldPaths.parent(p)) {
      Origin o = origins.get(p);
      if (o != null) return new Origin(o.layer(), o.path() + path.substring(p.length()));
      if (p.isEmpty()) return new Origin(0, path); // in no file (a missing field): the loaded file
    }
  }

  /** A merged path as a file that did not write it reads: its own path there, and its file's name. */
  private String whereWritten(String path) {
    Origin o = originOf(path);
    return o.path() + " in " + chain.get(o.layer()).label();
  }

  /** The problem, found at a path of the merged tree, placed in the file and at the path where it was written. */
  Problem place(Problem p) {
    if (p.line() > 0) return p;
    Origin o = originOf(p.path());
    Layer file = chain.get(o.layer());
    String message = chain.size() == 1 ? p.message() : localMessage(p.message(), o.layer());
    return file.index().place(new Problem(file.label(), o.path(), 0, 0, message));
  }

  /**
   * Rewrites each indexed path a message quotes (another policy, the first of two duplicates) to the numbering
   * of the file that wrote it, naming that file if it is not the one the problem is reported in.
   */
  private String localMessage(String message, int layer) {
    Matcher m = INDEXED_PATH.matcher(message);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String path = m.group();
      String replacement = path;
      String top = path.split("[.\\[]", 2)[0];
      if (tree.has(top)) {
        Origin o = originOf(path);
        replacement = o.path() + (o.layer() == layer ? "" : " in " + chain.get(o.layer()).label());
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    return m.appendTail(out).toString();
  }
}
