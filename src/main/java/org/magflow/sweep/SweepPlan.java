package org.magflow.sweep;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.magflow.run.InputException;
import org.magflow.run.MagflowVersion;
import org.magflow.run.RunJob;
import org.magflow.scenario.FieldPaths;
import org.magflow.scenario.LoadResult;
import org.magflow.scenario.Problem;
import org.magflow.scenario.ScenarioLoader;
import org.magflow.scenario.ScenarioOverlay;
import org.magflow.scenario.ScenarioSpec;
import org.magflow.scenario.ScenarioWriter;
import org.magflow.scenario.SpecBinder;
import org.magflow.sweep.Parameter.Kind;
import org.magflow.sweep.SweepSpec.KpiSpec;
import org.magflow.sweep.SweepSpec.ParameterSpec;

/**
 * A sweep resolved against its base scenario and ready to run: the parameters with the scenario values they
 * set, the points of the design, the KPIs, the fan-chart layout, and the scenario of any point.
 *
 * <p>A point's scenario is the base scenario as resolved (its {@code extends} chain merged, every default
 * filled in, as {@code scenario.resolved.json} shows it) with the point's values written in, then bound and
 * validated again like any scenario file. Before anything runs, the plan checks that the first point and every
 * parameter's lowest and highest value give valid scenarios, so a bad range fails at once, not after hours.
 * Runs are numbered point by point: run {@code point × replications + replication}.
 */
public final class SweepPlan {
  private final SweepSpec spec;
  private final String baseSha256;
  private final String resolvedSha256;
  private final String sweepSha256;
  private final String fingerprint;
  private final ObjectNode baseTree;
  private final String baseName;
  private final long masterSeed;
  private final List<Parameter> parameters;
  private final Points points;
  private final List<Kpi> kpis;
  private final FanLayout fan;
  private final ScenarioLoader loader = new ScenarioLoader();
  private final List<Problem> baseWarnings;
  private final byte[] sweepFileBytes;
  private final SweepFile.Dialect dialect;

  private SweepPlan(SweepSpec spec, SweepFile.Dialect dialect, String baseSha256, String resolvedSha256,
                    byte[] sweepFileBytes, ObjectNode baseTree, String baseName, long masterSeed,
                    List<Parameter> parameters, Points points, List<Kpi> kpis, FanLayout fan,
                    List<Problem> baseWarnings) {
    this.spec = spec;
    this.dialect = dialect;
    this.baseWarnings = List.copyOf(baseWarnings);
    this.baseSha256 = baseSha256;
    this.resolvedSha256 = resolvedSha256;
    this.sweepFileBytes = sweepFileBytes;
    this.sweepSha256 = sha256(sweepFileBytes);
    this.baseTree = baseTree;
    this.baseName = baseName;
    this.masterSeed = masterSeed;
    this.parameters = parameters;
    this.points = points;
    this.kpis = kpis;
    this.fan = fan;
    this.fingerprint = sha256((this.sweepSha256 + "\n" + resolvedSha256 + "\n" + MagflowVersion.current())
        .getBytes(StandardCharsets.UTF_8));
  }

  /** Reads the sweep file and its base scenario, and plans the sweep; throws with every problem found. */
  public static SweepPlan create(Path sweepFile) throws InputException {
    return create(sweepFile, SweepFile.Dialect.SWEEP);
  }

  /**
   * Reads a file of another dialect (a calibration, an optimisation) and plans its parameters as a sweep's:
   * bound to the base scenario, both ends of every range checked; its own fields go to the dialect's reader.
   */
  public static SweepPlan create(Path sweepFile, SweepFile.Dialect dialect) throws InputException {
    return create(sweepFile, dialect, null);
  }

  /** As {@link #create(Path, SweepFile.Dialect)}, with the base scenario read from {@code baseFile} if not null. */
  static SweepPlan create(Path sweepFile, SweepFile.Dialect dialect, Path baseFile) throws InputException {
    SweepFile.Checked checked = new SweepFile().read(sweepFile, dialect, baseFile);
    SweepSpec spec = checked.spec();
    List<Problem> problems = new ArrayList<>(checked.problems());
    if (spec.base() == null || !Files.isRegularFile(spec.base())) throw new InputException(problems);
    ScenarioSpec base;
    List<Problem> baseWarnings;
    try {
      LoadResult loaded = RunJob.loadChecked(spec.base());
      base = loaded.scenario();
      baseWarnings = loaded.warnings();
    } catch (InputException e) {
      problems.add(spec.locations().place(new Problem(spec.file().toString(), "base", 0, 0,
          "the base scenario has " + e.problems().size() + " problem(s), listed below")));
      problems.addAll(e.problems()); // each in the base file, at its own line
      throw new InputException(problems);
    }
    String json = new ScenarioWriter().toJson(base);
    ObjectNode tree;
    try {
      tree = (ObjectNode) JsonMapper.builder().build().readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a resolved scenario always parses", e);
    }
    List<Problem> found = new ArrayList<>();
    String label = spec.file().toString();
    dialect.againstBase().check(base, (path, message) -> found.add(new Problem(label, path, 0, 0, message)));
    List<Parameter> parameters = new ArrayList<>();
    for (ParameterSpec p : spec.parameters()) {
      Parameter resolved = resolve(p, tree, label, found);
      if (resolved != null) parameters.add(resolved);
    }
    Kpi.Facts facts = Kpi.Facts.of(tree);
    List<Kpi> kpis = new ArrayList<>();
    if (spec.kpis().isEmpty()) {
      for (String path : Kpi.defaults(tree, facts)) {
        try {
          kpis.add(Kpi.parse(path, path, facts));
        } catch (ScenarioPath.PathException e) {
          throw new IllegalStateException("a default KPI is always valid: " + e.getMessage(), e);
        }
      }
    } else {
      for (KpiSpec k : spec.kpis()) {
        try {
          kpis.add(Kpi.parse(k.name(), k.path(), facts));
        } catch (ScenarioPath.PathException e) {
          found.add(new Problem(label, k.at(), 0, 0, e.getMessage()));
        }
      }
    }
    Set<String> columns = new LinkedHashSet<>(SweepOutputs.RUN_KEY_COLUMNS);
    for (Parameter p : parameters) {
      if (!columns.add(p.name())) {
        found.add(new Problem(label, "parameters", 0, 0, "parameter name '" + p.name()
            + "' is also an output column; rename it"));
      }
    }
    for (Kpi k : kpis) {
      if (!columns.add(k.name())) {
        found.add(new Problem(label, "kpis", 0, 0, "KPI name '" + k.name() + "' is also a column; rename it"));
      }
    }
    problems.addAll(place(spec, found));
    if (!problems.isEmpty()) throw new InputException(sorted(problems));
    List<Integer> levels = new ArrayList<>();
    for (Parameter p : parameters) levels.add(p.levels() == null ? 1 : p.levels().size());
    long runs;
    try {
      runs = Math.multiplyExact(Points.count(spec.design(), levels, spec.samples() == null ? 0 : spec.samples()),
          (long) spec.replications());
    } catch (ArithmeticException e) {
      runs = Long.MAX_VALUE;
    }
    if (runs > SweepRunner.MAX_RUNS) {
      throw new InputException(place(spec, List.of(new Problem(label, "design", 0, 0, "the sweep has "
          + (runs == Long.MAX_VALUE ? "too many" : runs) + " runs; at most " + SweepRunner.MAX_RUNS
          + " are allowed in one sweep"))));
    }
    long seed = spec.seed() != null ? spec.seed() : base.seed();
    SweepPlan plan;
    try {
      byte[] sweepBytes = Files.readAllBytes(spec.file());
      plan = new SweepPlan(spec, dialect, sha256(Files.readAllBytes(spec.base())),
          sha256(json.getBytes(StandardCharsets.UTF_8)), sweepBytes, tree,
          base.name(), seed, List.copyOf(parameters),
          new Points(spec.design(), parameters, spec.samples() == null ? 0 : spec.samples(), seed),
          List.copyOf(kpis), FanLayout.of(tree), baseWarnings);
    } catch (IOException e) {
      throw new InputException(List.of(new Problem(label, "", 0, 0, "cannot read the file again: " + e)));
    }
    plan.preflight();
    return plan;
  }

  private static List<Problem> sorted(List<Problem> problems) {
    return problems.stream().distinct().sorted(Problem.IN_FILE_ORDER).toList();
  }

  private static List<Problem> place(SweepSpec spec, List<Problem> problems) {
    return problems.stream().map(spec.locations()::place).distinct().sorted(Problem.IN_FILE_ORDER).toList();
  }

  /** Resolves a parameter's path and anchor in the base tree and checks its values fit what they replace. */
  private static Parameter resolve(ParameterSpec p, ObjectNode tree, String label, List<Problem> problems) {
    String at = p.at();
    List<JsonPointer> targets;
    try {
      targets = ScenarioPath.resolve(tree, p.path());
    } catch (ScenarioPath.PathException e) {
      problems.add(new Problem(label, FieldPaths.field(at, "path"), 0, 0, e.getMessage()));
      return null;
    }
    if (p.domain() == null) return null; // its values are wrong, and reported
    for (JsonPointer t : targets) {
      String field = t.last().getMatchingProperty();
      if (t.head().matches() && (field.equals("seed") || field.equals("name"))) {
        problems.add(new Problem(label, FieldPaths.field(at, "path"), 0, 0, field.equals("seed")
            ? "a sweep sets the seed itself (its seed field, and replications); the scenario's seed is not used"
            : "the scenario's name is not a parameter"));
        return null;
      }
    }
    Set<String> types = new LinkedHashSet<>();
    List<JsonNode> bases = new ArrayList<>();
    for (JsonPointer t : targets) {
      JsonNode v = tree.at(t);
      bases.add(v);
      if (v.isNull()) continue;
      types.add(v.isIntegralNumber() ? "whole" : v.isNumber() ? "number" : v.isTextual() ? "text"
          : v.isBoolean() ? "boolean" : "other");
    }
    Kind kind;
    if (types.isEmpty()) kind = Kind.ANY;
    else if (types.size() == 1) kind = switch (types.iterator().next()) {
      case "whole" -> Kind.WHOLE;
      case "number" -> Kind.NUMBER;
      case "text" -> Kind.TEXT;
      case "boolean" -> Kind.BOOLEAN;
      default -> null;
    };
    else if (types.equals(Set.of("whole", "number"))) kind = Kind.NUMBER;
    else kind = null;
    String pathAt = FieldPaths.field(at, "path");
    if (kind == null) {
      problems.add(new Problem(label, pathAt, 0, 0, "'" + p.path() + "' selects values of different kinds ("
          + String.join(", ", types) + "); a parameter sets values of one kind"));
      return null;
    }
    JsonPointer anchorPointer = null;
    LocalDate anchorDate = null;
    if (p.anchor() != null) {
      String anchorAt = FieldPaths.field(at, p.anchor().field());
      for (JsonNode b : bases) {
        if (!b.isNull() && Parameter.date(b) == null) {
          problems.add(new Problem(label, anchorAt, 0, 0, "'" + p.path() + "' holds " + SpecBinder.describe(b)
              + ", not a date; " + p.anchor().field() + " is for date fields"));
          return null;
        }
      }
      String ref = p.anchor().reference();
      anchorDate = Parameter.date(TextNode.valueOf(ref));
      if (anchorDate == null) {
        try {
          List<JsonPointer> a = ScenarioPath.resolve(tree, ref);
          if (a.size() != 1 || Parameter.date(tree.at(a.get(0))) == null) {
            problems.add(new Problem(label, anchorAt, 0, 0, "expected a date YYYY-MM-DD or the path of one date"
                + " field; '" + ref + "' selects " + (a.size() != 1 ? a.size() + " values"
                : SpecBinder.describe(tree.at(a.get(0))))));
            return null;
          }
          anchorPointer = a.get(0);
        } catch (ScenarioPath.PathException e) {
          problems.add(new Problem(label, anchorAt, 0, 0, "expected a date YYYY-MM-DD or a path into the scenario: "
              + e.getMessage()));
          return null;
        }
      }
      kind = Kind.DATE_OFFSET;
    }
    String domainAt = FieldPaths.field(at, p.domainField());
    boolean numericDomain = !(p.domain() instanceof Domain.Values);
    if (p.multiply() && !(kind == Kind.NUMBER || kind == Kind.WHOLE)) {
      problems.add(new Problem(label, FieldPaths.field(at, "apply"), 0, 0, "apply: multiply needs numbers, but '"
          + p.path() + "' holds " + kindText(kind)));
      return null;
    }
    if (numericDomain && !kind.numeric() && !p.multiply()) {
      problems.add(new Problem(label, domainAt, 0, 0, "a " + p.domainField() + " gives numbers, but '" + p.path()
          + "' holds " + kindText(kind) + (kind == Kind.TEXT || kind == Kind.ANY
          ? "; list the values, or for a date count months or days from another date with monthsAfter or daysAfter"
          : "; list the values")));
      return null;
    }
    if (p.domain() instanceof Domain.Values v) {
      for (int k = 0; k < v.values().size(); k++) {
        String wrong = fits(v.values().get(k), kind, p.multiply());
        if (wrong != null) {
          problems.add(new Problem(label, FieldPaths.index(domainAt, k), 0, 0, wrong + " ('" + p.path() + "' holds "
              + kindText(kind) + ")"));
        }
      }
    }
    if (p.domain() instanceof Domain.Range r && !p.multiply() && (kind == Kind.WHOLE || kind == Kind.DATE_OFFSET)
        && (fractional(r.from()) || (r.step() != null && fractional(r.step())))) {
      problems.add(new Problem(label, domainAt, 0, 0, "'" + p.path() + "' holds whole numbers; give a range of whole"
          + " numbers (from and step)"));
    }
    JsonNode baseValue = null;
    boolean agree = bases.stream().distinct().count() == 1;
    if (p.multiply()) {
      baseValue = DoubleNode.valueOf(1.0);
    } else if (agree && kind != Kind.DATE_OFFSET) {
      baseValue = bases.get(0);
    } else if (agree && Parameter.date(bases.get(0)) != null) {
      LocalDate from = anchorDate != null ? anchorDate : Parameter.date(tree.at(anchorPointer));
      LocalDate to = Parameter.date(bases.get(0));
      baseValue = LongNode.valueOf(p.anchor().months() ? ChronoUnit.MONTHS.between(from, to)
          : ChronoUnit.DAYS.between(from, to));
    }
    return new Parameter(p.name(), p.path(), targets, kind, p.multiply(), p.anchor(), anchorPointer, anchorDate,
        p.domain(), baseValue);
  }

  private static boolean fractional(BigDecimal x) {
    return x.stripTrailingZeros().scale() > 0;
  }

  private static String kindText(Kind kind) {
    return switch (kind) {
      case NUMBER -> "numbers";
      case WHOLE -> "whole numbers";
      case TEXT -> "text";
      case BOOLEAN -> "true/false";
      case DATE_OFFSET -> "dates";
      case ANY -> "nothing (null)";
    };
  }

  private static String fits(JsonNode v, Kind kind, boolean multiply) {
    if (multiply) return v.isNumber() ? null : "expected a factor (a number), found " + SpecBinder.describe(v);
    return switch (kind) {
      case NUMBER -> v.isNumber() || v.isNull() ? null : "expected a number, found " + SpecBinder.describe(v);
      case WHOLE, DATE_OFFSET -> v.isIntegralNumber() || (v.isNull() && kind == Kind.WHOLE) ? null
          : "expected a whole number, found " + SpecBinder.describe(v);
      case TEXT -> v.isTextual() || v.isNull() ? null : "expected text, found " + SpecBinder.describe(v)
          + "; put it in quotes";
      case BOOLEAN -> v.isBoolean() ? null : "expected true or false, found " + SpecBinder.describe(v);
      case ANY -> null;
    };
  }

  // ---- the plan ------------------------------------------------------------------------------------------

  SweepSpec spec() {
    return spec;
  }

  /** The sweep's name, which names its output folder. */
  public String name() {
    return spec.name();
  }

  public Design design() {
    return spec.design();
  }

  public int points() {
    return points.count();
  }

  public int replications() {
    return spec.replications();
  }

  /** How many runs the sweep makes: points × replications. */
  public int runs() {
    return Math.multiplyExact(points.count(), spec.replications());
  }

  public long masterSeed() {
    return masterSeed;
  }

  List<Parameter> parameters() {
    return parameters;
  }

  List<Kpi> kpis() {
    return kpis;
  }

  FanLayout fan() {
    return fan;
  }

  Points pointSet() {
    return points;
  }

  String baseName() {
    return baseName;
  }

  String baseSha256() {
    return baseSha256;
  }

  String resolvedSha256() {
    return resolvedSha256;
  }

  String sweepSha256() {
    return sweepSha256;
  }

  /** Identifies the sweep file, the resolved base scenario and the magflow version: what a resume must match. */
  String fingerprint() {
    return fingerprint;
  }

  /** The base scenario as resolved (extends merged, defaults filled in), as JSON. */
  String resolvedBaseJson() {
    return baseTree.toString();
  }

  /** The run a point and replication make. */
  RunTask task(int run) {
    return new RunTask(run, run / spec.replications(), run % spec.replications(), masterSeed);
  }

  /** The base scenario tree with a point's values written in; parameters anchored to a path go last. */
  ObjectNode tree(JsonNode[] values) {
    ObjectNode tree = baseTree.deepCopy();
    for (int pass = 0; pass < 2; pass++) {
      for (int k = 0; k < parameters.size(); k++) {
        Parameter p = parameters.get(k);
        if (values[k] == null || p.anchoredToPath() != (pass == 1)) continue;
        p.applyTo(tree, values[k]);
      }
    }
    return tree;
  }

  /** A point's scenario: the tree it was bound from and the validated spec with defaults. */
  record PointScenario(ObjectNode tree, ScenarioSpec spec) {}

  /** The validated scenario of a point, with defaults; throws with the problem placed at the parameters. */
  PointScenario scenario(int point) throws InputException {
    JsonNode[] values = points.values(point);
    return scenario(values, "at point " + point + " (" + settings(values) + ")");
  }

  PointScenario scenario(JsonNode[] values, String where) throws InputException {
    ObjectNode tree = tree(values);
    LoadResult loaded = loader.fromTree(baseName, tree);
    if (loaded.ok()) return new PointScenario(tree, loaded.scenario());
    throw new InputException(invalid(values, where, loaded.problems(), tree));
  }

  private String settings(JsonNode[] values) {
    StringBuilder s = new StringBuilder();
    for (int k = 0; k < parameters.size(); k++) {
      if (values[k] == null) continue;
      if (s.length() > 0) s.append(", ");
      s.append(parameters.get(k).name()).append('=').append(Parameter.text(values[k]));
    }
    return s.length() == 0 ? "the base scenario as written" : s.toString();
  }

  /** Each problem of an invalid point, placed at the parameter that set the field, else at parameters. */
  private List<Problem> invalid(JsonNode[] values, String where, List<Problem> found, ObjectNode tree) {
    String label = spec.file().toString();
    List<Problem> problems = new ArrayList<>();
    for (Problem p : found) {
      String at = "parameters";
      for (int k = 0; k < parameters.size(); k++) {
        if (values[k] == null) continue;
        for (JsonPointer t : parameters.get(k).targets()) {
          String dotted = ScenarioPath.dotted(t, tree);
          if (p.path().equals(dotted) || p.path().startsWith(dotted + ".") || p.path().startsWith(dotted + "[")) {
            ParameterSpec written = spec.parameters().get(specIndex(parameters.get(k)));
            at = FieldPaths.field(written.at(), written.domainField());
          }
        }
      }
      problems.add(new Problem(label, at, 0, 0, where + " the scenario is invalid: " + p.pathAndMessage()));
    }
    return place(spec, problems);
  }

  private int specIndex(Parameter p) {
    for (int i = 0; i < spec.parameters().size(); i++) {
      if (spec.parameters().get(i).name().equals(p.name())) return i;
    }
    throw new IllegalStateException(p.name());
  }

  /**
   * Checks the first point and, one at a time from it, each parameter's lowest and highest values, so that a
   * range or distribution reaching outside what the scenario allows is reported before anything runs.
   */
  private void preflight() throws InputException {
    JsonNode[] first = points.values(0);
    scenario(first, "at the first point (" + settings(first) + ")");
    for (int k = 0; k < parameters.size(); k++) {
      Parameter p = parameters.get(k);
      List<JsonNode> extremes = new ArrayList<>();
      List<JsonNode> levels = p.levels();
      if (levels != null && levels.size() <= 50) {
        extremes.addAll(levels);
      } else if (levels != null) {
        extremes.add(levels.get(0));
        extremes.add(levels.get(levels.size() - 1));
      } else {
        extremes.add(p.at(0));
        extremes.add(p.at(1));
      }
      if (spec.design() == Design.ONE_AT_A_TIME) {
        extremes.add(p.low());
        extremes.add(p.high());
      }
      Set<JsonNode> checked = new LinkedHashSet<>();
      for (JsonNode v : extremes) {
        if (!checked.add(v) || (first[k] != null && first[k].equals(v))) continue;
        JsonNode[] values = first.clone();
        values[k] = v;
        String end = "";
        if (levels == null && p.domain() instanceof Domain.Distribution d) {
          end = v.equals(p.at(0)) ? " (the lowest value it draws" : " (the highest value it draws";
          end += d.type().equals("normal") || d.type().equals("lognormal")
              ? "; truncate the distribution with min and max)" : ")";
        } else if (levels == null) {
          end = v.equals(p.at(0)) ? " (the start of its range)" : " (the end of its range)";
        }
        scenario(values, "with " + p.name() + "=" + Parameter.text(v) + end
            + (parameters.size() > 1 ? " and the other parameters as at the first point," : ","));
      }
    }
  }

  // ---- for searches: a calibration or optimisation evaluates points it chooses, not a design's ----------

  /** The parameters' names, in the file's order. */
  public List<String> parameterNames() {
    return parameters.stream().map(Parameter::name).toList();
  }

  /** The lowest value parameter {@code k} may take (the start of its range). */
  public double lower(int k) {
    return parameters.get(k).low().doubleValue();
  }

  /** The highest value parameter {@code k} may take (the end of its range). */
  public double upper(int k) {
    return parameters.get(k).high().doubleValue();
  }

  /** Whether parameter {@code k} takes whole numbers only (a whole-number field or a date offset). */
  public boolean whole(int k) {
    Parameter p = parameters.get(k);
    return !p.multiply() && (p.kind() == Kind.WHOLE || p.kind() == Kind.DATE_OFFSET);
  }

  /** The base scenario's own value of parameter {@code k} in its terms, or NaN when it has none. */
  public double baseValue(int k) {
    JsonNode v = parameters.get(k).baseValue();
    return v != null && v.isNumber() ? v.doubleValue() : Double.NaN;
  }

  /** The values a point runs with: {@code x} kept inside the ranges and rounded as the outputs print them. */
  public JsonNode[] values(double[] x) {
    JsonNode[] values = new JsonNode[parameters.size()];
    for (int k = 0; k < values.length; k++) {
      double clamped = Math.max(lower(k), Math.min(upper(k), x[k]));
      values[k] = parameters.get(k).normalise(DoubleNode.valueOf(clamped));
    }
    return values;
  }

  /** The values as text, as runs.csv writes them: {@code name=value, ...}. */
  public String settingsText(JsonNode[] values) {
    return settings(values);
  }

  /** The validated scenario of a point given by its values; throws with the problem placed at the parameters. */
  public ScenarioSpec scenarioAt(JsonNode[] values) throws InputException {
    return scenario(values, "at " + settings(values)).spec();
  }

  /**
   * A point's scenario renamed: the base scenario as resolved with the point's values and another name and
   * description, the scenario {@link #overlay} gives when it extends the base file.
   */
  public ScenarioSpec scenarioAt(JsonNode[] values, String name, String description) throws InputException {
    ObjectNode tree = tree(values);
    tree.put("name", name).put("description", description);
    LoadResult loaded = loader.fromTree(baseName, tree);
    if (loaded.ok()) return loaded.scenario();
    throw new InputException(invalid(values, "at " + settings(values), loaded.problems(), tree));
  }

  /**
   * The values a point sets, as the fields of an overlay of the base scenario file ({@link ScenarioOverlay}):
   * each parameter's targets and nothing else, list entries named by their ids.
   */
  public ObjectNode overlay(JsonNode[] values) {
    List<JsonPointer> targets = new ArrayList<>();
    for (Parameter p : parameters) targets.addAll(p.targets());
    return ScenarioOverlay.of(tree(values), targets);
  }

  /** The base scenario file's warnings (see {@link LoadResult#warnings}); a sweep prints them once, not per run. */
  public List<Problem> baseWarnings() {
    return baseWarnings;
  }

  /** The base scenario file as the sweep file names it, resolved against the sweep file's folder. */
  public Path baseFile() {
    return spec.base();
  }

  /** The KPIs' names, in the order a run's {@link RunResult#kpis()} holds their values. */
  public List<String> kpiNames() {
    return kpis.stream().map(Kpi::name).toList();
  }

  /**
   * A worker that runs {@code points} (a task's point indexes the list), keeping their KPIs; its recipe ships
   * this plan and the points, so it runs on a distributed executor too.
   */
  public RunWorker kpiWorker(List<JsonNode[]> points, int cachedCounterfactuals) {
    return new SweepWorker(this, cachedCounterfactuals, List.copyOf(points));
  }

  /** This plan as shipped to another machine, to be planned again there. */
  public ShippedPlan shipped() {
    return new ShippedPlan(dialect.kind(), List.copyOf(dialect.fields()), spec.file().getFileName().toString(),
        sweepFileBytes.clone(), resolvedBaseJson(), resolvedSha256);
  }

  /** Points as text, to ship with a batch's recipe: a JSON list of each point's values. */
  public static String pointsText(List<JsonNode[]> points) {
    ArrayNode list = JsonNodeFactory.instance.arrayNode();
    for (JsonNode[] p : points) list.addArray().addAll(List.of(p));
    return list.toString();
  }

  /**
   * Points {@link #pointsText} wrote, each value normalised by its parameter as {@link #values} gives it: JSON
   * reads a whole number back as an int, which the parameter makes the long it was.
   */
  public List<JsonNode[]> points(String text) {
    JsonNode list;
    try {
      list = JsonMapper.builder().build().readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a list of points: " + e.getOriginalMessage(), e);
    }
    List<JsonNode[]> points = new ArrayList<>(list.size());
    for (JsonNode p : list) {
      if (p.size() != parameters.size()) {
        throw new IllegalArgumentException("a point has " + p.size() + " values, the plan " + parameters.size()
            + " parameters");
      }
      JsonNode[] values = new JsonNode[p.size()];
      for (int k = 0; k < values.length; k++) values[k] = parameters.get(k).normalise(p.get(k));
      points.add(values);
    }
    return points;
  }

  /** Identifies the file, the resolved base scenario and the magflow version: what a resume must match. */
  public String identity() {
    return fingerprint;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
