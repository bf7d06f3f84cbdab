package org.magflow.sweep;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.magflow.scenario.Problem;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Where each field and list entry of a sweep file starts, found by walking its tokens once, so a problem found
 * later in the tree can be reported at its line and column. The walk also reports what a tree hides: syntax
 * errors, duplicate keys, YAML aliases and a second document.
 */
final class Locations {
  private final Map<String, int[]> byPath;

  private Locations(Map<String, int[]> byPath) {
    this.byPath = byPath;
  }

  /** The index, and the problems the walk found; {@code fatal} when the tree cannot be trusted. */
  record Scan(Locations index, List<Problem> problems, boolean fatal) {}

  static String field(String parent, String name) {
    return parent.isEmpty() ? name : parent + "." + name;
  }

  static String index(String parent, int i) {
    return parent + "[" + i + "]";
  }

  private static String parent(String path) {
    int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    return cut < 0 ? "" : path.substring(0, cut);
  }

  /** The problem placed at its path, or at the nearest enclosing field the file has. */
  Problem place(Problem p) {
    if (p.line() > 0) return p;
    for (String path = p.path(); ; path = parent(path)) {
      int[] at = byPath.get(path);
      if (at != null) return new Problem(p.file(), p.path(), at[0], at[1], p.message());
      if (path.isEmpty()) return p;
    }
  }

  private static final class Frame {
    final String path;
    final boolean list;
    final Set<String> names = new HashSet<>();
    int next;
    String fieldPath;

    Frame(String path, boolean list) {
      this.path = path;
      this.list = list;
    }
  }

  private static int[] at(JsonLocation l) {
    return l == null || l.getLineNr() < 1 ? null : new int[] {l.getLineNr(), Math.max(1, l.getColumnNr())};
  }

  static Scan scan(JsonParser parser, String file) {
    Map<String, int[]> byPath = new HashMap<>();
    List<Problem> problems = new ArrayList<>();
    Deque<Frame> open = new ArrayDeque<>();
    boolean done = false;
    try (parser) {
      for (JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) {
        int[] where = at(parser.currentTokenLocation());
        if (done) {
          problems.add(problem(file, "", where, "a second YAML document; a sweep file holds exactly one"));
          return new Scan(new Locations(byPath), problems, true);
        }
        if (t == JsonToken.FIELD_NAME) {
          Frame frame = open.peek();
          String name = parser.currentName();
          String path = field(frame.path, name);
          if (frame.names.add(name)) {
            if (where != null) byPath.put(path, where);
          } else {
            int[] first = byPath.getOrDefault(path, new int[] {0, 0});
            problems.add(problem(file, path, where, "duplicate field '" + name + "'; it is already given at line "
                + first[0] + ", column " + first[1]));
          }
          frame.fieldPath = path;
          continue;
        }
        if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
          open.pop();
          done = open.isEmpty();
          continue;
        }
        Frame frame = open.peek();
        String path = frame == null ? "" : frame.list ? index(frame.path, frame.next++) : frame.fieldPath;
        if (where != null) byPath.putIfAbsent(path, where);
        if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
          problems.add(problem(file, path, where, "YAML aliases (*" + parser.getText()
              + ") are not supported; write the value out in full"));
          return new Scan(new Locations(byPath), problems, true);
        }
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
          open.push(new Frame(path, t == JsonToken.START_ARRAY));
        } else {
          done = open.isEmpty();
        }
      }
    } catch (JacksonException e) {
      int[] where = at(e.getLocation());
      if (where == null) where = at(parser.currentLocation());
      String message = oneLine(e.getOriginalMessage());
      if (e.getCause() instanceof MarkedYAMLException m) {
        Mark mark = m.getProblemMark() != null ? m.getProblemMark() : m.getContextMark();
        if (mark != null) where = new int[] {mark.getLine() + 1, mark.getColumn() + 1};
        message = oneLine(m.getProblem());
        Mark c = m.getContextMark();
        if (m.getContext() != null) {
          message += " (" + oneLine(m.getContext())
              + (c == null ? "" : " at line " + (c.getLine() + 1) + ", column " + (c.getColumn() + 1)) + ")";
        }
      }
      problems.add(problem(file, "", where, "invalid YAML: " + message));
      return new Scan(new Locations(byPath), problems, true);
    } catch (IOException e) {
      problems.add(new Problem(file, "", 0, 0, "cannot read the file: " + e.getMessage()));
      return new Scan(new Locations(byPath), problems, true);
    }
    return new Scan(new Locations(byPath), problems, false);
  }

  private static Problem problem(String file, String path, int[] where, String message) {
    return where == null ? new Problem(file, path, 0, 0, message)
        : new Problem(file, path, where[0], where[1], message);
  }

  private static String oneLine(String s) {
    if (s == null) return "";
    String line = s.strip().replaceAll("\\s*\\R\\s*", " ");
    int source = line.indexOf(" at [Source:");
    return source > 0 ? line.substring(0, source) : line;
  }
}
