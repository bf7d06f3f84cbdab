package org.magflow.sweep;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.CharBuffer;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.magflow.run.InputException;
import org.magflow.scenario.FieldPaths;
import org.magflow.scenario.LocationIndex;
import org.magflow.scenario.Problem;
import org.magflow.scenario.ScenarioSpec;
import org.magflow.scenario.SpecBinder;
import org.magflow.sweep.SweepSpec.Anchor;
import org.magflow.sweep.SweepSpec.KpiSpec;
import org.magflow.sweep.SweepSpec.ParameterSpec;

/**
 * Reads a sweep file strictly and reports every problem in it at once, each with its line, column and field
 * path, as scenario files are read. Paths into the base scenario and the KPIs are checked later, against the
 * base scenario, by {@link SweepPlan}.
 */
public final class SweepFile {
  /** The largest sweep file read, 1 MiB. */
  public static final long MAX_FILE_BYTES = 1L << 20;
  /** The most values one parameter may list or a range may step through. */
  public static final int MAX_VALUES = 10_000;
  /** The most samples a sampled design may draw. */
  public static final int MAX_SAMPLES = 1_000_000;
  /** The most replications per point. */
  public static final int MAX_REPLICATIONS = 100_000;
  /** The most parameters a sweep may have (a Sobol design needs twice as many sequence dimensions). */
  public static final int MAX_PARAMETERS = 100;
  /** The deepest nesting of objects and lists read; a sweep file needs four levels. */
  static final int MAX_NESTING_DEPTH = 32;
  /** The file's size limit bounds how many values it holds, so only its depth is bounded while it is walked. */

  static final List<String> TOP_FIELDS = List.of("name", "description", "base", "seed", "design", "samples",
      "replications", "parameters", "kpis");
  static final List<String> PARAMETER_FIELDS = List.of("name", "path", "apply", "monthsAfter", "daysAfter",
      "values", "range", "distribution");
  static final List<String> RANGE_FIELDS = List.of("from", "to", "step");

  private final YAMLFactory yaml;
  private final ObjectMapper mapper;

  /** Creates a reader. */
  public SweepFile() {
    // one level of slack: the token walk reports too-deep nesting itself, with its line and column
    StreamReadConstraints limits = StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH + 1)
        .maxDocumentLength(MAX_FILE_BYTES).build();
    yaml = YAMLFactory.builder().streamReadConstraints(limits)
        .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS).build();
    mapper = JsonMapper.builder().build();
  }

  /**
   * A sweep file as read: its spec and the problems found, placed at their lines. The spec leaves out what
   * is wrong (a bad parameter, an unknown design as null), so the rest can still be checked against the base.
   */
  record Checked(SweepSpec spec, List<Problem> problems) {}

  /**
   * A kind of file that shares the sweep's fields (name, description, base, seed, replications, parameters)
   * and adds its own, such as a calibration or an optimisation: its parameters are read and bound exactly as a
   * sweep's, so there is one parser of parameter paths and bounds.
   *
   * @param kind what the file holds, as messages name it
   * @param fields the top-level fields it allows: the sweep's it shares, then its own
   * @param own reads the file's own fields and reports their problems by field path, to be placed and listed
   *     with the rest; called once, before the parameters are bound
   * @param againstBase checks the file's own fields against the base scenario once it is loaded, reporting as
   *     {@code own} does (a backtest series naming a commodity the scenario lacks)
   */
  public record Dialect(String kind, List<String> fields, OwnFields own, BaseCheck againstBase) {
    static final Dialect SWEEP = new Dialect("sweep", TOP_FIELDS, (root, problem) -> { });

    /** A dialect whose own fields need no check against the base scenario. */
    public Dialect(String kind, List<String> fields, OwnFields own) {
      this(kind, fields, own, (base, problem) -> { });
    }

    /** Whether the file is a sweep proper, with a design; other kinds search the parameters' ranges. */
    boolean sweep() {
      return fields.contains("design");
    }
  }

  /** Reads the fields a {@link Dialect} adds to the sweep's. */
  @FunctionalInterface
  public interface OwnFields {
    void read(ObjectNode root, ProblemSink problem);
  }

  /** Checks a {@link Dialect}'s own fields against the base scenario as loaded. */
  @FunctionalInterface
  public interface BaseCheck {
    void check(ScenarioSpec base, ProblemSink problem);
  }

  /** Takes a problem at a field path (dotted, with [i] for list entries), to be placed at its line. */
  @FunctionalInterface
  public interface ProblemSink {
    void add(String path, String message);
  }

  /**
   * A YAML file read strictly: its tree, where each field stands, and the problems found while walking it.
   * Throws when nothing can be made of it (not UTF-8, a syntax error, too deep, only comments).
   */
  public record Tree(JsonNode root, LocationIndex locations, List<Problem> problems) {}

  /** Reads a sweep-like YAML file ({@code kind} names it in messages) into a tree, with every field's place. */
  public Tree readTree(Path file, String kind) throws InputException {
    String label = file.toString();
    String text = text(file, label, kind);
    LocationIndex.Scan scan;
    JsonNode tree;
    try {
      scan = LocationIndex.scan(yaml.createParser(text), label, LocationIndex.Limits.depth(kind, MAX_NESTING_DEPTH));
      if (scan.fatal()) throw new InputException(scan.problems());
      tree = mapper.readTree(yaml.createParser(text));
    } catch (JacksonException e) {
      throw new InputException(List.of(LocationIndex.syntaxProblem(label, e, true)));
    } catch (IOException e) {
      throw new InputException(List.of(new Problem(label, "", 0, 0, "cannot read the file: " + e.getMessage())));
    }
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      throw new InputException(List.of(new Problem(label, "", 0, 0, "the file holds no " + kind
          + ", only comments")));
    }
    return new Tree(tree, scan.index(), scan.problems());
  }

  /** Reads and checks a sweep file; throws only when nothing can be made of it (a syntax error, say). */
  public Checked read(Path file) throws InputException {
    return read(file, Dialect.SWEEP);
  }

  /** Reads and checks a file of the given dialect; throws only when nothing can be made of it. */
  Checked read(Path file, Dialect dialect) throws InputException {
    return read(file, dialect, null);
  }

  /**
   * As {@link #read(Path, Dialect)}, with the base scenario taken from {@code baseFile} instead of the file's
   * {@code base} (which must still be given): a copy of the sweep shipped to another machine, with its base
   * scenario as resolved beside it.
   */
  Checked read(Path file, Dialect dialect, Path baseFile) throws InputException {
    Tree tree = readTree(file, dialect.kind());
    Check check = new Check(file.toString(), file, tree.locations(), dialect, baseFile);
    check.problems.addAll(tree.problems());
    SweepSpec spec = check.sweep(tree.root());
    if (spec == null) throw new InputException(check.placed());
    return new Checked(spec, check.placed());
  }

  private static String text(Path file, String label, String kind) throws InputException {
    String problem = null;
    if (Files.isDirectory(file)) problem = "is a directory; expected a " + kind + " file (.yaml or .yml)";
    else if (!Files.exists(file)) problem = "no such file";
    else {
      String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
      if (!name.endsWith(".yaml") && !name.endsWith(".yml")) problem = "expected a .yaml or .yml " + kind + " file";
    }
    if (problem == null) {
      try {
        if (Files.size(file) > MAX_FILE_BYTES) {
          problem = "the file is " + Files.size(file) + " bytes; the limit for a sweep file is " + MAX_FILE_BYTES;
        } else {
          byte[] bytes = Files.readAllBytes(file);
          CharBuffer decoded = CharBuffer.allocate(bytes.length);
          Problem notUtf8 = LocationIndex.decodeUtf8(label, bytes, decoded);
          if (notUtf8 != null) throw new InputException(List.of(notUtf8));
          String text = decoded.flip().toString();
          if (text.startsWith("\uFEFF")) text = text.substring(1);
          if (text.isBlank()) problem = "the file is empty";
          else return text;
        }
      } catch (IOException e) {
        problem = "cannot read the file: " + e.getMessage();
      }
    }
    throw new InputException(List.of(new Problem(label, "", 0, 0, problem)));
  }

  /** One check of one file: the problems found so far. */
  private static final class Check {
    final String label;
    final Path file;
    final LocationIndex locations;
    final Dialect dialect;
    final Path baseFile; // null: the file's own base
    final List<Problem> problems = new ArrayList<>();

    Check(String label, Path file, LocationIndex locations, Dialect dialect, Path baseFile) {
      this.label = label;
      this.file = file;
      this.locations = locations;
      this.dialect = dialect;
      this.baseFile = baseFile;
    }

    void problem(String path, String message) {
      problems.add(new Problem(label, path, 0, 0, message));
    }

    List<Problem> placed() {
      return problems.stream().map(locations::place).distinct().sorted(Problem.IN_FILE_ORDER).toList();
    }

    SweepSpec sweep(JsonNode tree) {
      if (!(tree instanceof ObjectNode root)) {
        problem("", "expected a " + dialect.kind() + " (fields such as " + String.join(", ",
            dialect.sweep() ? List.of("base", "design", "parameters") : dialect.fields().subList(2, 6)) + "), found "
            + SpecBinder.describe(tree));
        return null;
      }
      unknownFields(root, "", dialect.fields(), "");
      dialect.own().read(root, this::problem);
      String name = text(root, "name", false);
      if (name != null && !name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
        problem("name", "expected a folder name of letters, digits, '.', '-' or '_', found '" + name + "'");
      }
      if (name == null) {
        String fileName = file.getFileName().toString();
        name = fileName.substring(0, fileName.lastIndexOf('.'));
      }
      String description = text(root, "description", false);
      Path base = null;
      String baseText = text(root, "base", true);
      if (baseText != null) {
        try {
          base = baseFile != null ? baseFile : file.resolveSibling(baseText).normalize();
          if (!Files.isRegularFile(base)) {
            problem("base", "base scenario '" + baseText + "' not found (looked for " + base + ")");
          }
        } catch (InvalidPathException e) {
          problem("base", "not a valid path: " + e.getReason());
        }
      }
      Long seed = null;
      JsonNode seedNode = root.get("seed");
      if (seedNode != null) {
        if (seedNode.isIntegralNumber() && seedNode.canConvertToLong()) seed = seedNode.longValue();
        else problem("seed", "expected a whole number, found " + SpecBinder.describe(seedNode));
      }
      // A search (calibration, optimisation) has no design: its parameters are ranges to search, and the plan
      // checks both ends of each, as a one-at-a-time design does.
      Design design = dialect.sweep() ? null : Design.ONE_AT_A_TIME;
      String designText = dialect.sweep() ? text(root, "design", true) : null;
      if (designText != null) {
        design = Design.of(designText);
        if (design == null) {
          problem("design", "unknown design '" + designText + "'; expected one of: " + String.join(", ", Design.ids()));
        }
      }
      Integer samples = integer(root, "samples", 1, MAX_SAMPLES);
      if (design != null && design.sampled() && samples == null && !root.has("samples")) {
        problem("design", "design " + design.id() + " needs samples: how many points to draw");
      }
      if (design != null && !design.sampled() && root.has("samples") && dialect.sweep()) {
        problem("samples", "design " + design.id() + " takes no samples; only monte-carlo, latin-hypercube and"
            + " sobol draw samples");
      }
      if (design == Design.SOBOL && samples != null && samples < 2) {
        problem("samples", "a sobol design needs at least 2 samples, found " + samples);
      }
      Integer replications = integer(root, "replications", 1, MAX_REPLICATIONS);
      List<ParameterSpec> parameters = parameters(root.get("parameters"), design);
      List<KpiSpec> kpis = kpis(root.get("kpis"));
      return new SweepSpec(file, name, description == null ? "" : description, base, seed, design, samples,
          replications == null ? 1 : replications, parameters, kpis, locations);
    }

    List<ParameterSpec> parameters(JsonNode node, Design design) {
      List<ParameterSpec> result = new ArrayList<>();
      if (node == null) {
        problem("", "missing field 'parameters': a sweep varies at least one parameter");
        return result;
      }
      if (!node.isArray() || node.isEmpty()) {
        problem("parameters", "expected a list of at least one parameter, found "
            + (node.isArray() ? "an empty list" : SpecBinder.describe(node)));
        return result;
      }
      if (node.size() > MAX_PARAMETERS) {
        problem("parameters", "at most " + MAX_PARAMETERS + " parameters, found " + node.size());
        return result;
      }
      Set<String> names = new HashSet<>();
      for (int i = 0; i < node.size(); i++) {
        String at = FieldPaths.index("parameters", i);
        ParameterSpec p = parameter(node.get(i), i, at, design);
        if (p == null) continue;
        if (!names.add(p.name())) {
          problem(FieldPaths.field(at, node.get(i).has("name") ? "name" : "path"),
              "two parameters are named '" + p.name() + "'; give each a distinct name");
        }
        result.add(p);
      }
      return result;
    }

    ParameterSpec parameter(JsonNode node, int i, String at, Design design) {
      if (!(node instanceof ObjectNode p)) {
        problem(at, "expected a parameter (fields path and one of values, range, distribution), found "
            + SpecBinder.describe(node));
        return null;
      }
      int before = problems.size();
      unknownFields(p, at, PARAMETER_FIELDS, "");
      String path = text(p, "path", true, at);
      String name = text(p, "name", false, at);
      String apply = text(p, "apply", false, at);
      boolean multiply = false;
      if (apply != null) {
        if (apply.equals("multiply")) multiply = true;
        else if (!apply.equals("set")) {
          problem(FieldPaths.field(at, "apply"), "expected set or multiply, found '" + apply + "'");
        }
      }
      Anchor anchor = null;
      for (String f : List.of("monthsAfter", "daysAfter")) {
        String ref = text(p, f, false, at);
        if (ref == null) continue;
        if (anchor != null) {
          problem(FieldPaths.field(at, f), "give monthsAfter or daysAfter, not both");
        } else {
          anchor = new Anchor(f.equals("monthsAfter"), ref);
        }
      }
      if (anchor != null && multiply) {
        problem(FieldPaths.field(at, "apply"), "a date parameter (" + anchor.field() + ") cannot multiply");
      }
      List<String> given = new ArrayList<>();
      for (String f : List.of("values", "range", "distribution")) if (p.has(f)) given.add(f);
      Domain domain = null;
      String domainField = null;
      if (given.isEmpty()) {
        problem(at, "missing the parameter's values: give one of values, range or distribution");
      } else if (given.size() > 1) {
        problem(FieldPaths.field(at, given.get(1)), "give only one of values, range or distribution; found "
            + String.join(" and ", given));
      } else {
        domainField = given.get(0);
        String dat = FieldPaths.field(at, domainField);
        domain = switch (domainField) {
          case "values" -> values(p.get("values"), dat);
          case "range" -> range(p.get("range"), dat, design);
          default -> distribution(p.get("distribution"), dat);
        };
        if (domain != null && design == Design.GRID && domain.levels() == null) {
          problem(dat, domain instanceof Domain.Range
              ? "a grid needs a step in a range, to know which values to run"
              : "a grid cannot enumerate a distribution; give values or a range with a step, or use design"
                  + " monte-carlo, latin-hypercube or sobol");
        }
        if (domain != null && (anchor != null) && domain instanceof Domain.Values v) {
          for (int k = 0; k < v.values().size(); k++) {
            JsonNode value = v.values().get(k);
            if (!(value.isIntegralNumber())) {
              problem(FieldPaths.index(dat, k), "with " + anchor.field() + " a value is a whole number of "
                  + (anchor.months() ? "months" : "days") + ", found " + SpecBinder.describe(value));
            }
          }
        }
      }
      if (path == null) return null;
      // a parameter with problems keeps only its path, which is still checked against the base scenario
      boolean ok = problems.size() == before;
      return new ParameterSpec(i, name != null ? name : path, path, multiply, anchor, ok ? domain : null,
          domainField);
    }

    Domain values(JsonNode node, String at) {
      if (!node.isArray() || node.isEmpty()) {
        problem(at, "expected a list of at least one value, found " + SpecBinder.describe(node));
        return null;
      }
      if (node.size() > MAX_VALUES) {
        problem(at, "at most " + MAX_VALUES + " values, found " + node.size());
        return null;
      }
      List<JsonNode> values = new ArrayList<>();
      boolean ok = true;
      for (int k = 0; k < node.size(); k++) {
        JsonNode v = node.get(k);
        if (v.isContainerNode()) {
          problem(FieldPaths.index(at, k), "expected a number, text, true, false or null, found "
              + SpecBinder.describe(v));
          ok = false;
        } else if (v.isNumber() && !Double.isFinite(v.doubleValue())) {
          problem(FieldPaths.index(at, k), "expected a finite number, found " + v.asText());
          ok = false;
        }
        values.add(v);
      }
      return ok ? new Domain.Values(values) : null;
    }

    Domain range(JsonNode node, String at, Design design) {
      if (!(node instanceof ObjectNode r)) {
        problem(at, "expected {from, to, step}, found " + SpecBinder.describe(node));
        return null;
      }
      int before = problems.size();
      unknownFields(r, at, RANGE_FIELDS, " in a range");
      BigDecimal from = decimal(r, "from", at, true);
      BigDecimal to = decimal(r, "to", at, true);
      BigDecimal step = decimal(r, "step", at, false);
      if (problems.size() > before) return null;
      if (from.compareTo(to) > 0) {
        problem(FieldPaths.field(at, "to"), "expected to >= from (" + from.toPlainString() + "), found "
            + to.toPlainString());
        return null;
      }
      if (step != null) {
        if (step.signum() <= 0) {
          problem(FieldPaths.field(at, "step"), "expected a step > 0, found " + step.toPlainString());
          return null;
        }
        BigDecimal count = to.subtract(from).divideToIntegralValue(step).add(BigDecimal.ONE);
        if (count.compareTo(BigDecimal.valueOf(MAX_VALUES)) > 0) {
          problem(FieldPaths.field(at, "step"), "the range has " + count.toPlainString() + " values; at most "
              + MAX_VALUES);
          return null;
        }
      } else if (design == Design.ONE_AT_A_TIME || design == null || design.sampled()) {
        if (from.compareTo(to) == 0) {
          problem(FieldPaths.field(at, "to"), "a range without a step needs to > from");
          return null;
        }
      }
      return new Domain.Range(from, to, step);
    }

    Domain distribution(JsonNode node, String at) {
      if (!(node instanceof ObjectNode d)) {
        problem(at, "expected {type, ...}, found " + SpecBinder.describe(node));
        return null;
      }
      String type = text(d, "type", true, at);
      if (type == null) return null;
      if (!Domain.Distribution.TYPES.contains(type)) {
        problem(FieldPaths.field(at, "type"), "unknown distribution '" + type + "'; expected one of: "
            + String.join(", ", Domain.Distribution.TYPES));
        return null;
      }
      int before = problems.size();
      List<String> required = Domain.Distribution.REQUIRED.get(type);
      List<String> optional = Domain.Distribution.OPTIONAL.get(type);
      List<String> allowed = new ArrayList<>(List.of("type"));
      allowed.addAll(required);
      allowed.addAll(optional);
      unknownFields(d, at, allowed, " for a " + type + " distribution");
      Map<String, Double> fields = new LinkedHashMap<>();
      for (String f : allowed) {
        if (f.equals("type")) continue;
        BigDecimal v = decimal(d, f, at, false);
        if (v == null && required.contains(f) && !d.has(f)) {
          problem(at, "missing field '" + f + "': a " + type + " distribution needs " + String.join(", ", required)
              + (optional.isEmpty() ? "" : " (optional: " + String.join(", ", optional) + ")"));
        }
        if (v != null) fields.put(f, v.doubleValue());
      }
      if (problems.size() > before) return null;
      String wrong = Domain.Distribution.check(type, fields);
      if (wrong != null) {
        problem(at, "bad " + type + " distribution: " + wrong);
        return null;
      }
      return new Domain.Distribution(type, fields);
    }

    List<KpiSpec> kpis(JsonNode node) {
      List<KpiSpec> result = new ArrayList<>();
      if (node == null) return result;
      if (!node.isArray() || node.isEmpty()) {
        problem("kpis", "expected a list of KPI paths (leave kpis out for the default set), found "
            + SpecBinder.describe(node));
        return result;
      }
      Set<String> names = new HashSet<>();
      for (int i = 0; i < node.size(); i++) {
        String at = FieldPaths.index("kpis", i);
        JsonNode k = node.get(i);
        String name;
        String path;
        if (k.isTextual()) {
          name = path = k.asText();
        } else if (k instanceof ObjectNode o) {
          unknownFields(o, at, List.of("name", "path"), " in a KPI");
          path = text(o, "path", true, at);
          name = text(o, "name", false, at);
          if (path == null) continue;
          if (name == null) name = path;
        } else {
          problem(at, "expected a KPI path such as shortageByRegion[US].shortagePercentOfDemand, or {name, path},"
              + " found " + SpecBinder.describe(k));
          continue;
        }
        if (path.isBlank()) {
          problem(at, "expected a KPI path, found an empty string");
          continue;
        }
        if (!names.add(name)) {
          problem(at, "KPI '" + name + "' is listed twice");
          continue;
        }
        result.add(new KpiSpec(i, name, path));
      }
      return result;
    }

    // ---- field helpers ---------------------------------------------------------------------------------

    void unknownFields(ObjectNode node, String at, List<String> known, String where) {
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        if (!known.contains(f)) {
          problem(FieldPaths.field(at, f), "unknown field '" + f + "'" + where + "; expected one of: "
              + String.join(", ", known));
        }
      }
    }

    String text(ObjectNode node, String field, boolean required) {
      return text(node, field, required, "");
    }

    String text(ObjectNode node, String field, boolean required, String at) {
      JsonNode v = node.get(field);
      String path = FieldPaths.field(at, field);
      if (v == null) {
        if (required) problem(at, "missing field '" + field + "'");
        return null;
      }
      if (!v.isTextual() || v.asText().isBlank()) {
        problem(path, "expected text, found " + (v.isTextual() ? "an empty string" : SpecBinder.describe(v)));
        return null;
      }
      return v.asText();
    }

    Integer integer(ObjectNode node, String field, int min, int max) {
      JsonNode v = node.get(field);
      if (v == null) return null;
      if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < min || v.intValue() > max) {
        problem(field, "expected a whole number from " + min + " to " + max + ", found " + SpecBinder.describe(v));
        return null;
      }
      return v.intValue();
    }

    BigDecimal decimal(ObjectNode node, String field, String at, boolean required) {
      JsonNode v = node.get(field);
      if (v == null) {
        if (required) problem(at, "missing field '" + field + "'");
        return null;
      }
      if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
        problem(FieldPaths.field(at, field), "expected a number, found " + SpecBinder.describe(v));
        return null;
      }
      return v.isIntegralNumber() ? new BigDecimal(v.bigIntegerValue()) : BigDecimal.valueOf(v.doubleValue());
    }
  }
}
