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
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads a scenario file strictly and reports every problem in it at once, each with its field path, line and
 * column.
 *
 * <p>The steps: check the file (exists, size, UTF-8); walk its tokens once to index where every field starts
 * and to catch syntax errors; bind the tree to {@link ScenarioSpec}, collecting unknown fields and wrong
 * types; then run {@link ScenarioValidator}. A loader holds its own parser configuration and no other state,
 * so one instance may load many files, from any thread.
 */
public final class ScenarioLoader {
  /** The largest scenario file read, 10 MiB; the largest real scenario is a few hundred KiB. */
  public static final long MAX_FILE_BYTES = 10L * 1024 * 1024;
  /** The deepest nesting of objects and lists read; a scenario needs about six levels. */
  public static final int MAX_NESTING_DEPTH = 64;
  /** The most YAML aliases to collections SnakeYAML composes (billion-laughs guard; aliases are refused anyway). */
  static final int MAX_YAML_ALIASES = 50;

  private final YAMLFactory yamlFactory;
  private final JsonFactory jsonFactory;
  private final ObjectMapper mapper;

  /** Creates a loader with the strict settings described in the class comment. */
  public ScenarioLoader() {
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
  }

  /** Reads, checks and validates a {@code .yaml}, {@code .yml} or {@code .json} scenario file. */
  public LoadResult load(Path file) {
    String label = file.toString();
    if (Files.isDirectory(file)) {
      return LoadResult.failed(label, "is a directory; expected a .yaml, .yml or .json file");
    }
    if (!Files.exists(file)) return LoadResult.failed(label, "no such file");
    String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
    boolean json = name.endsWith(".json");
    if (!json && !name.endsWith(".yaml") && !name.endsWith(".yml")) {
      return LoadResult.failed(label, "expected a .yaml, .yml or .json file");
    }
    if (!Files.isReadable(file)) return LoadResult.failed(label, "cannot read the file: permission denied");
    byte[] bytes;
    try {
      long size = Files.size(file);
      if (size > MAX_FILE_BYTES) return LoadResult.failed(label, tooLarge(size));
      try (InputStream in = Files.newInputStream(file)) {
        bytes = in.readNBytes((int) MAX_FILE_BYTES + 1); // the file may have grown since it was measured
      }
    } catch (IOException e) {
      return LoadResult.failed(label, "cannot read the file: " + e);
    }
    if (bytes.length > MAX_FILE_BYTES) return LoadResult.failed(label, tooLarge(bytes.length));
    if (bytes.length == 0) return LoadResult.failed(label, "the file is empty");
    CharBuffer text = CharBuffer.allocate(bytes.length);
    Problem notUtf8 = decodeUtf8(label, bytes, text);
    if (notUtf8 != null) return LoadResult.failed(List.of(notUtf8));
    return parse(label, text.flip().toString(), json);
  }

  private static String tooLarge(long size) {
    return "the file is %d bytes (%.1f MiB); the limit is %d bytes (%d MiB)"
        .formatted(size, size / 1048576.0, MAX_FILE_BYTES, MAX_FILE_BYTES / 1048576);
  }

  /** Decodes strictly into {@code out}; returns the first bad byte as a problem, or null if all is UTF-8. */
  private static Problem decodeUtf8(String file, byte[] bytes, CharBuffer out) {
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

  /**
   * Parses and validates scenario text.
   *
   * @param fileLabel how problems name the file
   * @param json true for JSON (comments allowed), false for YAML
   */
  public LoadResult parse(String fileLabel, String text, boolean json) {
    if (text.startsWith("\uFEFF")) text = text.substring(1); // a byte-order mark some editors add
    if (text.isBlank()) return LoadResult.failed(fileLabel, "the file is empty");
    LocationIndex.Scan scan;
    JsonNode tree;
    try {
      scan = LocationIndex.scan(json ? jsonFactory.createParser(text) : yamlFactory.createParser(text), fileLabel,
          MAX_NESTING_DEPTH);
      if (scan.fatal()) return LoadResult.failed(sorted(scan.problems()));
      tree = mapper.readTree(json ? jsonFactory.createParser(text)
          : new YamlSpecialFloats(yamlFactory.createParser(text)));
    } catch (JacksonException e) {
      return LoadResult.failed(List.of(LocationIndex.syntaxProblem(fileLabel, e, !json)));
    } catch (IOException e) {
      return LoadResult.failed(fileLabel, "cannot read the file: " + e.getMessage());
    }
    LocationIndex index = scan.index();
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      return LoadResult.failed(fileLabel, "the file holds no scenario, only comments or blank lines");
    }
    if (!(tree instanceof ObjectNode root)) {
      return LoadResult.failed(List.of(index.place(new Problem(fileLabel, "", 0, 0,
          "expected a scenario (fields such as name, start, end), found " + SpecBinder.describe(tree)))));
    }
    List<Problem> problems = new ArrayList<>(scan.problems());
    SpecBinder.Result bound = new SpecBinder(mapper).bind(root, fileLabel);
    problems.addAll(bound.problems());
    if (bound.spec() != null) {
      for (Problem p : ScenarioValidator.validate(bound.spec(), fileLabel)) {
        // a value that failed to bind was taken out; "missing" or "unknown" about it would repeat the error
        if (bound.removed().stream().noneMatch(r -> FieldPaths.isWithin(p.path(), r))) problems.add(p);
      }
    }
    List<Problem> placed = problems.stream().map(index::place).toList();
    if (placed.isEmpty()) return LoadResult.loaded(bound.spec());
    return LoadResult.failed(sorted(placed));
  }

  private static List<Problem> sorted(List<Problem> problems) {
    return problems.stream().distinct().sorted(Problem.IN_FILE_ORDER).toList();
  }
}
