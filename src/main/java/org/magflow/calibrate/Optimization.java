package org.magflow.calibrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.magflow.output.CsvLine;
import org.magflow.output.chart.ChartFormat;
import org.magflow.output.chart.ChartWriter;
import org.magflow.output.chart.FitCharts;
import org.magflow.run.InputException;
import org.magflow.run.MagflowVersion;
import org.magflow.scenario.FieldPaths;
import org.magflow.scenario.SpecBinder;
import org.magflow.sweep.RunExecutor;
import org.magflow.sweep.SweepFile;
import org.magflow.sweep.SweepPlan;

/**
 * {@code magflow optimize FILE}: the least a policy must do, found by search. It minimises a KPI's mean over the
 * replications, or a cost that is a weighted sum of the parameters, subject to constraints on KPIs that must
 * hold in a chosen share of the replications (robust to the model's noise):
 *
 * <pre>
 * minimize: {cost: {reserve_t: 1, release_t_per_yr: 0.1}}     # or {kpi: us_shortage_pct}
 * constraints:
 *   - {kpi: us_defence_shortage_pct, below: 5, share: 0.75}   # or above:
 * </pre>
 *
 * <p>Whole-number parameters (a field the base scenario writes as a whole number) take whole values; others
 * are continuous. A point that breaks a constraint scores above every point that keeps them all: its objective
 * plus a penalty that grows with how far it misses, so the search is led back to the feasible side.
 */
public final class Optimization {
  /**
   * How to optimise: where to write, threads, resume, the test hook, and where the evaluations run.
   *
   * @param runs the executor of the runs (Spark, say); null: {@code threads} local threads
   */
  public record Options(Path outDir, int threads, boolean resume, String command, boolean charts, int stopAfter,
                        RunExecutor runs) {
    RunExecutor executor() {
      return SearchFiles.executor(runs, threads);
    }
  }

  /** A constraint: the KPI's value must be below (or above) the bound in at least {@code share} of replications. */
  record Constraint(String kpi, boolean below, double bound, double share) {
    boolean holds(double v) {
      return below ? v < bound : v > bound;
    }
  }

  /** What an optimisation found: the best feasible point, or none. */
  public record Result(Path outDir, boolean complete, List<String> names, double[] optimum, double objective,
                       boolean feasible, Map<String, Double> kpiMeans, Map<String, Double> kpiShares,
                       int evaluations, int ranNow) {}

  record Goal(String kpi, Map<String, Double> cost, List<Constraint> constraints) {}

  static final List<String> OWN = List.of("kpis", "start", "method", "budget", "minimize", "constraints");

  /** Runs the optimisation in {@code file}. */
  public Result run(Path file, Options options) throws Exception {
    SearchFiles.Settings[] settings = {null};
    Goal[] goal = {null};
    List<String> allowed = new ArrayList<>(SearchFiles.SHARED);
    allowed.addAll(OWN);
    SweepFile.Dialect dialect = new SweepFile.Dialect("optimisation", allowed, (root, problem) -> {
      settings[0] = SearchFiles.read(root, problem);
      goal[0] = goal(root, problem);
    });
    SweepPlan plan = SweepPlan.create(file, dialect);
    Goal g = goal[0];
    Path outDir = options.outDir() != null ? options.outDir() : Path.of("results", "optimisations", plan.name());
    // that an overlay can hold the answer, at any point (the ranges' starts), before anything is written or run
    optimumScenario(file, outDir, plan, plan.values(new double[plan.parameterNames().size()]), true, List.of());
    Path partial = SearchFiles.checkTargets(outDir, options.resume());
    List<String> names = plan.parameterNames();
    List<String> kpis = plan.kpiNames();
    int d = names.size();
    double costSpan = 0;
    for (int k = 0; k < d; k++) costSpan += Math.abs(g.cost().getOrDefault(names.get(k), 0.0)) * (plan.upper(k) - plan.lower(k));
    double penalty = g.kpi() != null ? 1e3 : 10 * Math.max(1, costSpan);
    int cached = Math.max(1, options.threads()) + 1;
    try (EvaluationJournal journal = SearchFiles.journal(partial, plan.identity() + "/optimize",
        plan.replications(), kpis.size())) {
      Search search = new Search(plan, plan.replications(), plan.masterSeed(),
          options.executor(), journal, points -> plan.kpiWorker(points, cached),
          options.stopAfter());
      double[] start = new double[d];
      for (int k = 0; k < d; k++) {
        start[k] = settings[0].start.getOrDefault(names.get(k), (plan.lower(k) + plan.upper(k)) / 2);
      }
      JsonNode[][] best = {null};
      double[] bestObjective = {Double.POSITIVE_INFINITY};
      try {
        search.minimise(settings[0].method, search.unit(start), settings[0].budget, (values, numbers) ->
            objective(g, kpis, names, values, numbers) + penalty * violation(g, kpis, numbers));
      } catch (Search.Stop stop) {
        return new Result(outDir, false, names, null, Double.NaN, false, Map.of(), Map.of(), search.trace().size(),
            search.ranNow());
      }
      // the best point is the feasible one of least objective (ties: the first found)
      for (Search.Evaluation e : search.trace()) {
        double[][] numbers = search.evaluate(java.util.Collections.singletonList(e.values())).get(0);
        if (feasible(g, kpis, numbers) && objective(g, kpis, names, e.values(), numbers) < bestObjective[0]) {
          bestObjective[0] = objective(g, kpis, names, e.values(), numbers);
          best[0] = e.values();
        }
      }
      boolean feasible = best[0] != null;
      if (!feasible) best[0] = search.trace().stream().min((a, b) -> Double.compare(a.score(), b.score()))
          .orElseThrow().values();
      double[][] numbers = search.evaluate(java.util.Collections.singletonList(best[0])).get(0);
      Map<String, Double> means = new LinkedHashMap<>();
      Map<String, Double> shares = new LinkedHashMap<>();
      for (int i = 0; i < kpis.size(); i++) {
        means.put(kpis.get(i), mean(numbers, i));
        for (Constraint c : g.constraints()) {
          if (c.kpi().equals(kpis.get(i))) shares.put(c.kpi(), share(c, numbers, i));
        }
      }
      double[] optimum = Stream.of(best[0]).mapToDouble(JsonNode::doubleValue).toArray();
      Result result = new Result(outDir, true, names, optimum, objective(g, kpis, names, best[0], numbers), feasible,
          means, shares, search.trace().size(), search.ranNow());
      List<double[][]> traced = new ArrayList<>();
      for (Search.Evaluation e : search.trace()) {
        traced.add(search.evaluate(java.util.Collections.singletonList(e.values())).get(0));
      }
      AnswerScenario optimumScenario = optimumScenario(file, outDir, plan, best[0], feasible,
          overlayHeader(file, plan, settings[0], g, result));
      SearchFiles.finish(outDir, partial, dir -> {
        optimumScenario.writeInto(dir);
        List<String> rows = new ArrayList<>(List.of("parameter,start,optimum"));
        for (int k = 0; k < d; k++) {
          rows.add(CsvLine.line(List.of(names.get(k), Calibration.num(start[k]), Calibration.num(optimum[k]))));
        }
        rows.add(CsvLine.line(List.of("objective", "", Calibration.num(result.objective()))));
        rows.add(CsvLine.line(List.of("feasible", "", String.valueOf(feasible))));
        Files.write(dir.resolve("optimum.csv"), rows, StandardCharsets.UTF_8);
        List<String> kpiRows = new ArrayList<>(List.of(CsvLine.line(Stream.concat(Stream.of("replication"),
            kpis.stream()).toList())));
        for (int r = 0; r < numbers.length; r++) {
          List<String> row = new ArrayList<>(List.of(String.valueOf(r)));
          for (double v : numbers[r]) row.add(Calibration.num(v));
          kpiRows.add(CsvLine.line(row));
        }
        Files.write(dir.resolve("optimum-kpis.csv"), kpiRows, StandardCharsets.UTF_8);
        List<String> evals = new ArrayList<>(List.of(CsvLine.line(Stream.concat(Stream.of("evaluation"),
            Stream.concat(names.stream(), Stream.of("objective", "feasible", "score"))).toList())));
        double[] scores = new double[search.trace().size()];
        for (int i = 0; i < scores.length; i++) {
          Search.Evaluation e = search.trace().get(i);
          double[][] n = traced.get(i);
          scores[i] = e.score();
          List<String> row = new ArrayList<>(List.of(String.valueOf(i + 1)));
          for (JsonNode v : e.values()) row.add(Calibration.num(v.doubleValue()));
          row.addAll(List.of(Calibration.num(objective(g, kpis, names, e.values(), n)),
              String.valueOf(feasible(g, kpis, n)), Calibration.num(e.score())));
          evals.add(CsvLine.line(row));
        }
        Files.write(dir.resolve("evaluations.csv"), evals, StandardCharsets.UTF_8);
        SearchFiles.writeStudy(dir, "optimisation", file, options.command(), plan.masterSeed(), scores.length);
        if (options.charts()) {
          new ChartWriter().write(List.of(new FitCharts().lossByEvaluation("score", plan.name()
              + ": score by evaluation", "Objective, plus a penalty where a constraint fails · "
              + settings[0].method + ", " + plan.replications() + " replications each", "Source: magflow "
              + MagflowVersion.current() + " · " + file.getFileName(), scores)), dir.resolve(ChartWriter.CHARTS_DIR),
              Set.of(ChartFormat.PNG, ChartFormat.SVG));
        }
      });
      return result;
    }
  }

  /** The optimum scenario's file name, without extension: an overlay (.yaml) and the scenario resolved (.json). */
  public static final String OPTIMUM_SCENARIO = "optimum-scenario";

  private static AnswerScenario optimumScenario(Path file, Path outDir, SweepPlan plan, JsonNode[] values,
                                                boolean feasible, List<String> header) throws InputException {
    return AnswerScenario.of(file, outDir, plan, values, OPTIMUM_SCENARIO, AnswerScenario.name(plan.name(),
        "-optimum"), plan.baseFile().getFileName() + " with the " + (feasible ? "optimum" : "least infeasible point")
        + " of optimisation " + plan.name(), header);
  }

  /** What the optimum overlay's opening comment says: what wrote it, the answer, and how to run it. */
  private static List<String> overlayHeader(Path file, SweepPlan plan, SearchFiles.Settings settings, Goal g,
                                            Result r) {
    List<String> lines = new ArrayList<>(List.of("Written by magflow optimize " + file, "(seed "
        + plan.masterSeed() + ", " + plan.replications() + " replication(s), " + r.evaluations() + " evaluations by "
        + settings.method + "): the base scenario with the optimum's values set.",
        r.feasible() ? "Objective " + Calibration.num(r.objective()) + ", every constraint kept:"
            : "No point evaluated kept every constraint; this is the one that came closest:"));
    for (Constraint c : g.constraints()) {
      lines.add("  " + c.kpi() + (c.below() ? " below " : " above ") + Calibration.num(c.bound()) + " in at least "
          + Calibration.num(100 * c.share()) + "% of replications: in " + Calibration.num(100 * r.kpiShares()
              .get(c.kpi())) + "% (mean " + Calibration.num(r.kpiMeans().get(c.kpi())) + ")");
    }
    for (int k = 0; k < r.names().size(); k++) {
      lines.add("  " + r.names().get(k) + " = " + Calibration.num(r.optimum()[k]));
    }
    return lines;
  }

  static double objective(Goal g, List<String> kpis, List<String> names, JsonNode[] values, double[][] numbers) {
    if (g.kpi() != null) return mean(numbers, kpis.indexOf(g.kpi()));
    double cost = 0;
    for (int k = 0; k < names.size(); k++) cost += g.cost().getOrDefault(names.get(k), 0.0) * values[k].doubleValue();
    return cost;
  }

  static boolean feasible(Goal g, List<String> kpis, double[][] numbers) {
    for (Constraint c : g.constraints()) if (share(c, numbers, kpis.indexOf(c.kpi())) < c.share()) return false;
    return true;
  }

  /** How far a point is from keeping its constraints: 0 when it keeps them all. */
  static double violation(Goal g, List<String> kpis, double[][] numbers) {
    double v = 0;
    for (Constraint c : g.constraints()) {
      int i = kpis.indexOf(c.kpi());
      double missing = Math.max(0, c.share() - share(c, numbers, i));
      double excess = 0;
      for (double[] r : numbers) excess += Math.max(0, c.below() ? r[i] - c.bound() : c.bound() - r[i]);
      v += missing + excess / numbers.length / Math.max(1e-9, Math.abs(c.bound()));
    }
    return v;
  }

  static double share(Constraint c, double[][] numbers, int i) {
    int holds = 0;
    for (double[] r : numbers) if (!Double.isNaN(r[i]) && c.holds(r[i])) holds++;
    return (double) holds / numbers.length;
  }

  static double mean(double[][] numbers, int i) {
    double s = 0;
    for (double[] r : numbers) s += r[i];
    return s / numbers.length;
  }

  /** Reads minimize and constraints, checking the names against the parameters and KPIs written in the file. */
  static Goal goal(ObjectNode root, SweepFile.ProblemSink problem) {
    List<String> parameters = new ArrayList<>();
    for (JsonNode p : root.path("parameters")) {
      parameters.add(p.path("name").isTextual() ? p.path("name").asText() : p.path("path").asText());
    }
    List<String> kpis = new ArrayList<>();
    for (JsonNode k : root.path("kpis")) {
      kpis.add(k.isTextual() ? k.asText() : k.path("name").isTextual() ? k.path("name").asText() : k.path("path").asText());
    }
    if (!root.has("kpis")) problem.add("", "missing field 'kpis': the KPIs the objective and constraints name");
    String kpi = null;
    Map<String, Double> cost = new LinkedHashMap<>();
    JsonNode min = root.get("minimize");
    if (!(min instanceof ObjectNode m) || m.size() != 1 || !(m.has("kpi") || m.has("cost"))) {
      problem.add(min == null ? "" : "minimize", (min == null ? "missing field 'minimize': " : "expected ")
          + "{kpi: NAME} or {cost: {PARAMETER: WEIGHT, ...}}" + (min == null ? "" : ", found " + SpecBinder.describe(min)));
    } else if (m.has("kpi")) {
      if (!m.get("kpi").isTextual() || !kpis.contains(m.get("kpi").asText())) {
        problem.add("minimize.kpi", "expected one of the kpis (" + String.join(", ", kpis) + "), found "
            + SpecBinder.describe(m.get("kpi")));
      } else {
        kpi = m.get("kpi").asText();
      }
    } else if (!(m.get("cost") instanceof ObjectNode c) || c.isEmpty()) {
      problem.add("minimize.cost", "expected weights by parameter name, e.g. {reserve_t: 1}, found "
          + SpecBinder.describe(m.get("cost")));
    } else {
      for (Iterator<Map.Entry<String, JsonNode>> it = c.fields(); it.hasNext(); ) {
        var e = it.next();
        String at = FieldPaths.field("minimize.cost", e.getKey());
        if (!parameters.contains(e.getKey())) {
          problem.add(at, "no parameter is named '" + e.getKey() + "'; parameters: " + String.join(", ", parameters));
        } else if (!e.getValue().isNumber() || !Double.isFinite(e.getValue().doubleValue())) {
          problem.add(at, "expected a number, found " + SpecBinder.describe(e.getValue()));
        } else {
          cost.put(e.getKey(), e.getValue().doubleValue());
        }
      }
    }
    List<Constraint> constraints = new ArrayList<>();
    JsonNode list = root.get("constraints");
    if (list != null && !list.isArray()) problem.add("constraints", "expected a list, found " + SpecBinder.describe(list));
    for (int i = 0; list != null && list.isArray() && i < list.size(); i++) {
      String at = FieldPaths.index("constraints", i);
      JsonNode c = list.get(i);
      if (!(c instanceof ObjectNode o)) {
        problem.add(at, "expected {kpi, below or above, share}, found " + SpecBinder.describe(c));
        continue;
      }
      for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        if (!List.of("kpi", "below", "above", "share").contains(f)) {
          problem.add(FieldPaths.field(at, f), "unknown field '" + f + "'; expected one of: kpi, below, above, share");
        }
      }
      String name = o.path("kpi").asText(null);
      if (name == null || !kpis.contains(name)) {
        problem.add(o.has("kpi") ? FieldPaths.field(at, "kpi") : at, "expected one of the kpis (" + String.join(", ", kpis)
            + "), found " + (o.has("kpi") ? SpecBinder.describe(o.get("kpi")) : "nothing"));
      }
      boolean below = o.has("below");
      JsonNode bound = below ? o.get("below") : o.get("above");
      if (o.has("below") == o.has("above")) {
        problem.add(at, "give one of below or above: the bound the KPI must keep");
      } else if (!bound.isNumber()) {
        problem.add(FieldPaths.field(at, below ? "below" : "above"), "expected a number, found " + SpecBinder.describe(bound));
      }
      double share = 1;
      if (o.has("share")) {
        JsonNode s = o.get("share");
        if (s.isNumber() && s.doubleValue() > 0 && s.doubleValue() <= 1) share = s.doubleValue();
        else problem.add(FieldPaths.field(at, "share"), "expected the share of replications in which it must hold,"
            + " a number > 0 and <= 1, found " + SpecBinder.describe(s));
      }
      if (name != null && kpis.contains(name) && bound != null && bound.isNumber() && o.has("below") != o.has("above")) {
        constraints.add(new Constraint(name, below, bound.doubleValue(), share));
      }
    }
    return new Goal(kpi, cost, constraints);
  }
}
