package org.magflow.scenario;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Where each field and list entry of an input file starts, found by walking the file's tokens once, so that a
 * problem found later in the tree, by its field path, can be reported at its line and column. Every file magflow
 * reads (scenarios, sweep files) is walked by this one class; {@link Limits} says what kind of file it is.
 *
 * <p>The walk also finds what binding cannot see: syntax errors, duplicate keys (a tree keeps only the last),
 * YAML aliases (Jackson reads {@code *name} as the string "name"), nesting deeper than the limit, and a second
 * document or trailing content.
 */
public final class LocationIndex {
  /** A 1-based line and column. */
  record Location(int line, int column) {
    static final Location UNKNOWN = new Location(0, 0);

    static Location of(JsonLocation l) {
      return l == null || l.getLineNr() < 1 ? UNKNOWN : new Location(l.getLineNr(), Math.max(l.getColumnNr(), 1));
    }
  }

  /**
   * The index and the problems the walk found.
   *
   * @param fatal whether the problems leave nothing trustworthy to bind (a syntax error, an alias, ...)
   */
  public record Scan(LocationIndex index, List<Problem> problems, boolean fatal) {}

  private final Map<String, Location> byPath;

  private LocationIndex(Map<String, Location> byPath) {
    this.byPath = byPath;
  }

  /** The location of a path, or of its nearest enclosing field or entry present in the file. */
  Location locate(String path) {
    for (String p = path; ; p = FieldPaths.parent(p)) {
      Location found = byPath.get(p);
      if (found != null) return found;
      if (p.isEmpty()) return Location.UNKNOWN;
    }
  }

  /** Returns the problem placed at its path's location, unless it already has one. */
  public Problem place(Problem p) {
    if (p.line() > 0) return p;
    Location at = locate(p.path());
    return new Problem(p.file(), p.path(), at.line(), at.column(), p.message());
  }

  /** One open object or list during the walk. */
  private static final class Frame {
    final String path;
    final boolean list;
    final Set<String> names = new HashSet<>();
    int nextIndex;
    String fieldPath;

    Frame(String path, boolean list) {
      this.path = path;
      this.list = list;
    }
  }

  /**
   * What kind of file is walked and the bounds the walk enforces, so that a hostile file is refused before it
   * is bound or checked.
   *
   * @param kind what the file holds, as messages name it: "scenario", "sweep"
   * @param maxDepth the deepest nesting of objects and lists
   * @param maxValues the most values (scalars, objects and lists) in the whole file
   * @param tooManyValues why {@code maxValues} is plenty, said after the count when a file passes it
   * @param entries a bound on the entries of some top-level lists together, or null for none
   */
  public record Limits(String kind, int maxDepth, int maxValues, String tooManyValues, EntryLimit entries) {
    /** Bounds on depth alone, for a file whose size limit already bounds how many values it can hold. */
    public static Limits depth(String kind, int maxDepth) {
      return new Limits(kind, maxDepth, Integer.MAX_VALUE, "", null);
    }
  }

  /**
   * At most {@code max} entries in the top-level lists {@code lists} together, such as a scenario's agents.
   *
   * @param refusal the whole message for a file with more
   */
  public record EntryLimit(Set<String> lists, int max, String refusal) {}

  /** Walks every token of {@code parser} (which this closes) and indexes the paths it meets. */
  public static Scan scan(JsonParser parser, String file, Limits limits) {
    int maxDepth = limits.maxDepth();
    Map<String, Location> byPath = new HashMap<>();
    List<Problem> problems = new ArrayList<>();
    Deque<Frame> open = new ArrayDeque<>();
    boolean rootDone = false;
    int values = 0;
    int counted = 0;
    try (parser) {
      for (JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) {
        Location at = Location.of(parser.currentTokenLocation());
        if (rootDone) {
          problems.add(problem(file, "", at, parser instanceof YAMLParser
              ? "a second YAML document; a " + limits.kind() + " file holds exactly one"
              : "content after the end of the " + limits.kind()));
          return new Scan(new LocationIndex(byPath), problems, true);
        }
        if (t == JsonToken.FIELD_NAME) {
          Frame frame = open.peek();
          String name = parser.currentName();
          String path = FieldPaths.field(frame.path, name);
          if (frame.names.add(name)) {
            byPath.put(path, at);
          } else {
            Location first = byPath.getOrDefault(path, Location.UNKNOWN);
            problems.add(problem(file, path, at, "duplicate field '" + name + "'; it is already given at line "
                + first.line() + ", column " + first.column()));
          }
          frame.fieldPath = path;
          continue;
        }
        if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
          open.pop();
          rootDone = open.isEmpty();
          continue;
        }
        String path;
        Frame frame = open.peek();
        if (frame == null) {
          path = "";
        } else if (frame.list) {
          path = FieldPaths.index(frame.path, frame.nextIndex++);
        } else {
          path = frame.fieldPath;
        }
        // Counted before indexing: a file of a million empty entries must fail here, fast, not run out of memory.
        if (++values > limits.maxValues()) {
          problems.add(problem(file, path, at, "the file holds more than " + limits.maxValues() + " values (fields,"
              + " entries and numbers); " + limits.tooManyValues()));
          return new Scan(new LocationIndex(byPath), problems, true);
        }
        EntryLimit entries = limits.entries();
        if (entries != null && frame != null && frame.list && open.size() == 2 && entries.lists().contains(frame.path)
            && ++counted > entries.max()) {
          problems.add(problem(file, path, at, entries.refusal()));
          return new Scan(new LocationIndex(byPath), problems, true);
        }
        byPath.putIfAbsent(path, at);
        if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
          problems.add(problem(file, path, at, "YAML aliases (*" + parser.getText()
              + ") are not supported; write the value out in full"));
          return new Scan(new LocationIndex(byPath), problems, true);
        }
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
          if (open.size() >= maxDepth) {
            problems.add(problem(file, "", at, "nested more than " + maxDepth + " levels deep; a " + limits.kind()
                + " needs fewer than ten"));
            return new Scan(new LocationIndex(byPath), problems, true);
          }
          open.push(new Frame(path, t == JsonToken.START_ARRAY));
        } else {
          rootDone = open.isEmpty();
        }
      }
    } catch (JacksonException e) {
      Problem p = syntaxProblem(file, e, parser instanceof YAMLParser);
      if (p.line() == 0) p = problem(file, "", Location.of(parser.currentLocation()), p.message());
      problems.add(p);
      return new Scan(new LocationIndex(byPath), problems, true);
    } catch (IOException e) {
      problems.add(new Problem(file, "", 0, 0, "cannot read the file: " + e.getMessage()));
      return new Scan(new LocationIndex(byPath), problems, true);
    }
    return new Scan(new LocationIndex(byPath), problems, false);
  }

  /**
   * Decodes strictly into {@code out}; returns the first bad byte as a problem placed at its line and column, or
   * null if all is UTF-8.
   */
  public static Problem decodeUtf8(String file, byte[] bytes, CharBuffer out) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) result = decoder.flush(out);
    if (!result.isError()) return null;
    int offset = in.position();
    int line = 1;
    int column = 1;
    for (int i = 0; i < out.position(); i++) { // count characters, not bytes, as editors do
      if (out.get(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return new Problem(file, "", line, column, "not valid UTF-8: byte 0x%02X at byte offset %d; save the file as UTF-8"
        .formatted(bytes[offset] & 0xFF, offset));
  }

  private static Problem problem(String file, String path, Location at, String message) {
    return new Problem(file, path, at.line(), at.column(), message);
  }

  private static final Pattern JACKSON_LOCATION =
      Pattern.compile("\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]");

  /** A syntax error as one readable line, placed where the parser stopped. */
  public static Problem syntaxProblem(String file, JacksonException e, boolean yaml) {
    Location at = Location.of(e.getLocation());
    if (e instanceof StreamConstraintsException) {
      return problem(file, "", at, "the file is too large or too deeply nested to read: " + e.getOriginalMessage());
    }
    if (e.getCause() instanceof MarkedYAMLException m) {
      Mark mark = m.getProblemMark() != null ? m.getProblemMark() : m.getContextMark();
      if (mark != null) at = new Location(mark.getLine() + 1, mark.getColumn() + 1);
      StringBuilder message = new StringBuilder("invalid YAML: ").append(oneLine(m.getProblem()));
      if (m.getContext() != null) {
        message.append(" (").append(oneLine(m.getContext()));
        Mark c = m.getContextMark();
        if (c != null) {
          message.append(" at line ").append(c.getLine() + 1).append(", column ").append(c.getColumn() + 1);
        }
        message.append(')');
      }
      return problem(file, "", at, message.toString());
    }
    if (e.getCause() instanceof YAMLException y) {
      return problem(file, "", at, "invalid YAML: " + oneLine(y.getMessage()));
    }
    // Jackson's advice names its own switches ("enable `JsonReadFeature.X` to allow"), which a user cannot set
    String text = oneLine(e.getOriginalMessage()).replaceFirst("Non-standard token '([^']*)': enable `[^`]*` to allow",
        "'$1' is not a number JSON allows; give a finite number")
        .replaceFirst(": enable `[^`]*` to allow", ": JSON does not allow it");
    Matcher m = JACKSON_LOCATION.matcher(text);
    return problem(file, "", at, (yaml ? "invalid YAML: " : "invalid JSON: ") + m.replaceAll("line $1, column $2"));
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
