package org.magflow.scenario;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.CharBuffer;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads a scenario file strictly and reports every problem in it at once, each with its field path, line and
 * column.
 *
 * <p>The steps: check the file (exists, size, UTF-8); walk its tokens once to index where every field starts
 * and to catch syntax errors; follow {@code extends} to the base files, which get the same checks, and merge
 * their trees (see {@link ScenarioSpec}); bind the tree to {@link ScenarioSpec}, collecting unknown fields and
 * wrong types; run {@link ScenarioValidator}; place each problem in the file that wrote its value; and fill in
 * every default ({@link ScenarioDefaults}), so a loaded scenario is complete. A loader
 * holds its own parser configuration and no other state, so one instance may load many files, from any thread.
 */
public final class ScenarioLoader {
  /** The largest scenario file read, 10 MiB; the largest real scenario is a few hundred KiB. */
  public static final long MAX_FILE_BYTES = 10L * 1024 * 1024;
  /** The deepest nesting of objects and lists read; a scenario needs about six levels. */
  public static final int MAX_NESTING_DEPTH = 64;
  /**
   * The most values (fields, list entries and numbers, at any depth) in one file: room for about a hundred per
   * agent at the agent limit, while a file of millions of empty entries is refused before it fills the memory.
   */
  public static final int MAX_VALUES = 1_000_000;
  /** The most problems reported for one file; a file with more gets a last line saying how many were left out. */
  public static final int MAX_PROBLEMS = 200;
  /** The most YAML aliases to collections SnakeYAML composes (billion-laughs guard; aliases are refused anyway). */
  static final int MAX_YAML_ALIASES = 50;
  /** The most bases one chain of {@code extends} may pass through (a file, its base, ... up to 8 bases). */
  public static final int MAX_EXTENDS_DEPTH = 8;
  /** The top-level field naming a base scenario; it is read and removed before binding. */
  static final String EXTENDS = "extends";

  private static final LocationIndex.Limits SCAN_LIMITS = new LocationIndex.Limits("scenario", MAX_NESTING_DEPTH,
      MAX_VALUES, "a scenario at the agent limit needs far fewer", new LocationIndex.EntryLimit(
          Set.of("producers", "demand"), ScenarioValidator.MAX_AGENTS, "too many agents: more than "
          + ScenarioValidator.MAX_AGENTS + " producers and demand sectors; at most " + ScenarioValidator.MAX_AGENTS));

  private final YAMLFactory yamlFactory;
  private final JsonFactory jsonFactory;
  private final ObjectMapper mapper;

  /** Creates a loader with the strict settings described in the class comment, for the shipped policy families. */
  public ScenarioLoader() {
    this(PolicyFamilies.SHIPPED);
  }

  /** Creates a loader that reads the given policy families, e.g. the shipped ones and a family of a test's own. */
  public ScenarioLoader(PolicyFamilies families) {
    // one level of slack: the token walk reports too-deep nesting itself, with its line and column
    StreamReadConstraints limits = StreamReadConstraints.builder()
        .maxNestingDepth(MAX_NESTING_DEPTH + 1).maxDocumentLength(MAX_FILE_BYTES).build();
    LoaderOptions yamlLimits = new LoaderOptions();
    yamlLimits.setMaxAliasesForCollections(MAX_YAML_ALIASES);
    yamlLimits.setNestingDepthLimit(MAX_NESTING_DEPTH);
    yamlLimits.setCodePointLimit((int) MAX_FILE_BYTES); // SnakeYAML's default (3 MiB) is below our size limit
    yamlLimits.setAllowDuplicateKeys(true); // the token walk reports duplicates, with both locations
    yamlFactory = YAMLFactory.builder().loaderOptions(yamlLimits).streamReadConstraints(limits)
        // "NO", "yes", "on" stay strings: only true and false are booleans (the "Norway problem")
        .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS).build();
    jsonFactory = JsonFactory.builder().streamReadConstraints(limits)
        .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS).build();       // a .json scenario can explain itself
    mapper = JsonMapper.builder(jsonFactory)
        .addModule(new JavaTimeModule())
        .addModule(new SimpleModule("iso-dates").addDeserializer(LocalDate.class, new IsoDateDeserializer()))
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)  // reported and skipped by SpecBinder
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)        // priority: 7.5 is an error, not 7
        .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)           // "12" is not a number
        .withCoercionConfig(LogicalType.Float, c -> c
            .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
        .withCoercionConfig(LogicalType.Integer, c -> c
            .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
        .withCoercionConfig(LogicalType.Boolean, c -> c
            .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
        // an id written 2024 or a region written true is a likely slip; quoting it costs nothing
        .withCoercionConfig(LogicalType.Textual, c -> c
            .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
        .build();
    mapper.registerSubtypes(families.jsonSubtypes());
  }

  /**
   * Reads, checks and validates a {@code .yaml}, {@code .yml} or {@code .json} scenario file, following its
   * {@code extends} chain (see {@link ScenarioSpec} for the merge rule and where problems are reported).
   */
  public LoadResult load(Path file) {
    String label = file.toString();
    Source top;
    try {
      top = read(file, label);
    } catch (Unreadable e) {
      return e.problem != null ? LoadResult.failed(List.of(e.problem)) : LoadResult.failed(label, e.getMessage());
    }
    return resolve(top);
  }

  /**
   * Reads {@code text} as if it were the file {@code file}: named so in problems, its {@code extends} found from
   * that file's folder, which must exist; the file itself need not. For checking a file before writing it.
   */
  public LoadResult load(Path file, String text) {
    return resolve(new Source(file, file.toString(), text, isJson(file)));
  }

  /** A scenario file's text, as read, and how problems name it. */
  private record Source(Path path, String label, String text, boolean json) {}

  /**
   * Why a file could not be read: a message about the file as a whole, or a problem placed in it (bad UTF-8).
   */
  private static final class Unreadable extends Exception {
    final transient Problem problem;

    Unreadable(String message) {
      super(message, null, false, false);
      this.problem = null;
    }

    Unreadable(Problem problem) {
      super(problem.message(), null, false, false);
      this.problem = problem;
    }
  }

  private static boolean isJson(Path file) {
    return lowerName(file).endsWith(".json");
  }

  private static boolean hasScenarioExtension(Path file) {
    String name = lowerName(file);
    return name.endsWith(".json") || name.endsWith(".yaml") || name.endsWith(".yml");
  }

  private static String lowerName(Path file) {
    return file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
  }

  /** Checks the file (kind, size, UTF-8) and reads its text. */
  private static Source read(Path file, String label) throws Unreadable {
    if (Files.isDirectory(file)) throw new Unreadable("is a directory; expected a .yaml, .yml or .json file");
    if (!Files.exists(file)) throw new Unreadable("no such file");
    if (!hasScenarioExtension(file)) throw new Unreadable("expected a .yaml, .yml or .json file");
    if (!Files.isReadable(file)) throw new Unreadable("cannot read the file: permission denied");
    byte[] bytes;
    try {
      long size = Files.size(file);
      if (size > MAX_FILE_BYTES) throw new Unreadable(tooLarge(size));
      try (InputStream in = Files.newInputStream(file)) {
        bytes = in.readNBytes((int) MAX_FILE_BYTES + 1); // the file may have grown since it was measured
      }
    } catch (IOException e) {
      throw new Unreadable("cannot read the file: " + e);
    }
    if (bytes.length > MAX_FILE_BYTES) throw new Unreadable(tooLarge(bytes.length));
    if (bytes.length == 0) throw new Unreadable("the file is empty");
    CharBuffer text = CharBuffer.allocate(bytes.length);
    Problem notUtf8 = LocationIndex.decodeUtf8(label, bytes, text);
    if (notUtf8 != null) throw new Unreadable(notUtf8);
    return new Source(file, label, text.flip().toString(), isJson(file));
  }

  private static String tooLarge(long size) {
    return "the file is %d bytes (%.1f MiB); the limit is %d bytes (%d MiB)"
        .formatted(size, size / 1048576.0, MAX_FILE_BYTES, MAX_FILE_BYTES / 1048576);
  }

  /**
   * Parses and validates scenario text. With no file system to look in, a scenario that {@code extends}
   * another is refused: use {@link #load(Path)}.
   *
   * @param fileLabel how problems name the file
   * @param json true for JSON (comments allowed), false for YAML
   */
  public LoadResult parse(String fileLabel, String text, boolean json) {
    return resolve(new Source(null, fileLabel, text, json));
  }

  /**
   * Binds and validates a scenario given as a JSON tree, such as a resolved scenario with a sweep's overrides
   * applied. The tree is not modified. Problems carry {@code label} and their field path but no line or column
   * (a tree has none); {@code extends} is refused, as the tree stands for the merged scenario.
   */
  public LoadResult fromTree(String label, JsonNode tree) {
    if (!(tree instanceof ObjectNode root)) {
      return LoadResult.failed(label, "expected a scenario (fields such as name, start, end), found "
          + (tree == null ? "nothing" : SpecBinder.describe(tree)));
    }
    if (root.has(EXTENDS)) {
      return LoadResult.failed(List.of(new Problem(label, EXTENDS, 0, 0,
          "a scenario given as a tree is already merged; extends is not allowed here")));
    }
    SpecBinder.Result<ScenarioSpec> bound =
        new SpecBinder<>(mapper, ScenarioSpec.class).bind(root.deepCopy(), label);
    List<Problem> found = new ArrayList<>(bound.problems());
    if (bound.spec() != null) {
      for (Problem p : ScenarioValidator.validate(bound.spec(), label)) {
        if (bound.removed().stream().noneMatch(r -> FieldPaths.isWithin(p.path(), r))) found.add(p);
      }
    }
    if (!found.isEmpty()) return LoadResult.failed(sorted(found));
    ScenarioSpec scenario = ScenarioDefaults.apply(bound.spec());
    return LoadResult.loaded(scenario, sorted(HorizonWarnings.of(scenario, label)));
  }

  /** A parsed file: its tree and index, or (tree null) the problems that stop it from being used. */
  private record Parsed(String label, ObjectNode tree, LocationIndex index, List<Problem> problems) {
    Problem at(String path, String message) {
      return index.place(new Problem(label, path, 0, 0, message));
    }
  }

  /** Reads the text's tokens and tree; every problem comes placed, in the file that holds it. */
  private Parsed parseTree(String fileLabel, String text, boolean json) {
    if (text.startsWith("\uFEFF")) text = text.substring(1); // a byte-order mark some editors add
    if (text.isBlank()) return failure(fileLabel, new Problem(fileLabel, "", 0, 0, "the file is empty"));
    LocationIndex.Scan scan;
    JsonNode tree;
    try {
      scan = LocationIndex.scan(json ? jsonFactory.createParser(text) : yamlFactory.createParser(text), fileLabel,
          SCAN_LIMITS);
      if (scan.fatal()) return new Parsed(fileLabel, null, scan.index(), scan.problems());
      tree = mapper.readTree(json ? jsonFactory.createParser(text)
          : new YamlSpecialFloats(yamlFactory.createParser(text)));
      if (!json) emptyAsNull(tree);
    } catch (JacksonException e) {
      return failure(fileLabel, LocationIndex.syntaxProblem(fileLabel, e, !json));
    } catch (IOException e) {
      return failure(fileLabel, new Problem(fileLabel, "", 0, 0, "cannot read the file: " + e.getMessage()));
    }
    LocationIndex index = scan.index();
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      return failure(fileLabel,
          new Problem(fileLabel, "", 0, 0, "the file holds no scenario, only comments or blank lines"));
    }
    if (!(tree instanceof ObjectNode root)) {
      return new Parsed(fileLabel, null, index, List.of(index.place(new Problem(fileLabel, "", 0, 0,
          "expected a scenario (fields such as name, start, end), found " + SpecBinder.describe(tree)))));
    }
    return new Parsed(fileLabel, root, index, scan.problems());
  }

  /**
   * Makes every empty YAML value null, as YAML means it: {@code policies:} with nothing after it is no policies.
   * (Jackson 2.18 reads an empty value as "" once PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS is on.) A quoted {@code ''}
   * becomes null too, which a scenario cannot tell apart: it has no field where an empty text means anything.
   */
  private static void emptyAsNull(JsonNode node) {
    if (node instanceof ObjectNode object) {
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (field.getValue().isTextual() && field.getValue().textValue().isEmpty()) {
          field.setValue(object.nullNode());
        } else {
          emptyAsNull(field.getValue());
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        if (array.get(i).isTextual() && array.get(i).textValue().isEmpty()) array.set(i, array.nullNode());
        else emptyAsNull(array.get(i));
      }
    }
  }

  private static Parsed failure(String fileLabel, Problem problem) {
    return new Parsed(fileLabel, null, null, List.of(problem));
  }

  /**
   * Parses the file and every base it extends, merges them (see {@link ScenarioSpec}), binds and validates
   * the result, and reports each problem in the file and at the line where its value was written.
   */
  private LoadResult resolve(Source top) {
    List<Parsed> chain = new ArrayList<>(); // the file first, then its base, then the base's base, ...
    List<Path> identities = new ArrayList<>(); // each file's real path, for cycles; null for text
    List<Problem> problems = new ArrayList<>();
    Source source = top;
    while (true) {
      Parsed parsed = parseTree(source.label(), source.text(), source.json());
      problems.addAll(parsed.problems());
      if (parsed.tree() == null) return LoadResult.failed(sorted(problems));
      chain.add(parsed);
      identities.add(source.path() == null ? null : identity(source.path()));
      JsonNode extendsNode = parsed.tree().remove(EXTENDS);
      if (extendsNode == null) break;
      Problem refused = null;
      Source base = null;
      if (!extendsNode.isTextual() || extendsNode.asText().isBlank()) {
        refused = parsed.at(EXTENDS, "expected the path of a base scenario file, found "
            + (extendsNode.isTextual() || extendsNode.isNull() ? "an empty value"
                : SpecBinder.describe(extendsNode)));
      } else if (source.path() == null) {
        refused = parsed.at(EXTENDS, "extends needs a file on disk: this scenario was given as text, so there is"
            + " no folder to find '" + extendsNode.asText() + "' in");
      } else if (chain.size() > MAX_EXTENDS_DEPTH) {
        refused = parsed.at(EXTENDS, "extends chain deeper than " + MAX_EXTENDS_DEPTH + " bases: "
            + chainText(top.path(), identities, null) + " -> " + extendsNode.asText());
      } else {
        try {
          base = readBase(source.path(), extendsNode.asText());
          int seen = identities.indexOf(identity(base.path()));
          if (seen >= 0) {
            refused = parsed.at(EXTENDS, "extends cycle: "
                + chainText(top.path(), identities.subList(seen, identities.size()), identities.get(seen)));
          }
        } catch (Unreadable e) {
          refused = e.problem != null ? e.problem : parsed.at(EXTENDS, e.getMessage());
        }
      }
      if (refused != null) {
        problems.add(refused);
        return LoadResult.failed(sorted(problems));
      }
      source = base;
    }
    ScenarioMerge merged = ScenarioMerge.of(chain.stream()
        .map(p -> new ScenarioMerge.Layer(p.label(), p.tree(), p.index())).toList());
    problems.addAll(merged.problems());
    SpecBinder.Result<ScenarioSpec> bound =
        new SpecBinder<>(mapper, ScenarioSpec.class).bind(merged.tree(), top.label());
    List<Problem> found = new ArrayList<>(bound.problems());
    if (bound.spec() != null) {
      for (Problem p : ScenarioValidator.validate(bound.spec(), top.label())) {
        // a value that failed to bind was taken out; "missing" or "unknown" about it would repeat the error
        if (bound.removed().stream().noneMatch(r -> FieldPaths.isWithin(p.path(), r))) found.add(p);
      }
    }
    for (Problem p : found) problems.add(merged.place(p));
    if (!problems.isEmpty()) return LoadResult.failed(sorted(problems));
    ScenarioSpec scenario = ScenarioDefaults.apply(bound.spec());
    return LoadResult.loaded(scenario,
        sorted(HorizonWarnings.of(scenario, top.label()).stream().map(merged::place).toList()));
  }

  /** Reads the base a file extends; a problem with the reference itself comes as a message, unplaced. */
  private static Source readBase(Path from, String reference) throws Unreadable {
    Path file;
    try {
      file = from.resolveSibling(reference).normalize();
    } catch (InvalidPathException e) {
      throw new Unreadable("cannot read base scenario '" + reference + "': not a valid path (" + e.getReason() + ")");
    }
    String label = file.toString();
    if (!hasScenarioExtension(file)) {
      throw new Unreadable("base scenario '" + reference + "' is not a .yaml, .yml or .json file");
    }
    try {
      return read(file, label);
    } catch (Unreadable e) {
      if (e.problem != null) throw e; // bad UTF-8: placed in the base file itself
      throw new Unreadable("cannot read base scenario '" + reference + "': " + e.getMessage() + " (looked in "
          + label + ")");
    }
  }

  /** The file's real path if it has one, else its absolute normal form. */
  private static Path identity(Path file) {
    try {
      return file.toRealPath();
    } catch (IOException | SecurityException e) {
      return file.toAbsolutePath().normalize();
    }
  }

  /** Files as written relative to the top file's folder, joined by arrows; {@code last} is appended if given. */
  private static String chainText(Path top, List<Path> files, Path last) {
    Path folder = identity(top).getParent();
    List<String> names = new ArrayList<>();
    for (Path f : files) names.add(relative(folder, f));
    if (last != null) names.add(relative(folder, last));
    return String.join(" -> ", names);
  }

  private static String relative(Path folder, Path file) {
    try {
      return folder == null ? file.toString() : folder.relativize(file).toString().replace('\\', '/');
    } catch (IllegalArgumentException e) { // another root
      return file.toString();
    }
  }

  /** Problems in file order, at most {@link #MAX_PROBLEMS} of them and then one line saying how many more. */
  private static List<Problem> sorted(List<Problem> problems) {
    List<Problem> all = problems.stream().distinct().sorted(Problem.IN_FILE_ORDER).toList();
    if (all.size() <= MAX_PROBLEMS) return all;
    List<Problem> shown = new ArrayList<>(all.subList(0, MAX_PROBLEMS));
    shown.add(new Problem(all.get(MAX_PROBLEMS - 1).file(), "", 0, 0, (all.size() - MAX_PROBLEMS)
        + " more problems not shown; fix these and check the file again"));
    return shown;
  }
}
