package org.magflow.sweep;

import org.magflow.output.CsvLine;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.magflow.output.Decimals;
import org.magflow.output.chart.ChartWriter;
import org.magflow.random.RandomStreams;

/**
 * The files of a finished sweep, made from its journal in run order, so they are byte-identical whatever the
 * thread count and however often the sweep was interrupted and resumed ({@code sweep.json} aside, which
 * records when and how the sweep ran).
 *
 * <ul>
 *   <li>{@code runs.csv}: one row per run: {@code run, point, replication, seed}, the point's parameter values
 *       (one column per parameter, named as the sweep file names it), then one column per KPI;
 *   <li>{@code summary.csv}: one row per point and KPI: {@code point, label}, the parameter values, {@code kpi},
 *       and over the point's replications {@code n, mean, sd, ci95_low, ci95_high, p5, p50, p95}; for Monte
 *       Carlo and Latin hypercube designs the first rows, with point {@code all}, are over every run;
 *   <li>{@code fan.csv}: monthly percentiles of the fan-chart series ({@link FanLayout}) over every run (point
 *       {@code all}), and over each point's replications when there are several;
 *   <li>{@code sobol.csv} (design sobol): per KPI and parameter, the first-order and total indices with
 *       bootstrap 95% intervals;
 *   <li>{@code tornado.csv} (design one-at-a-time): per KPI and parameter, the KPI at the parameter's low and
 *       high values and at the base, largest swing first;
 *   <li>{@code sweep.json}: the resolved design and its provenance;
 *   <li>{@code charts/}: the sweep's charts, drawn from the files above by {@link SweepRunner} (or, if they cannot
 *       be drawn, a note saying why).
 * </ul>
 * Numbers are written by {@link Decimals}; a figure that does not exist is an empty cell.
 */
final class SweepOutputs {
  static final String RUNS = "runs.csv";
  static final String SUMMARY = "summary.csv";
  static final String FAN = "fan.csv";
  static final String SOBOL = "sobol.csv";
  static final String TORNADO = "tornado.csv";
  static final String SWEEP_JSON = "sweep.json";
  /** The charts drawn from the files above (fan charts, heatmap, tornado, Sobol indices), as PNG and SVG. */
  static final String CHARTS = ChartWriter.CHARTS_DIR;

  /** The first columns of runs.csv. */
  static final List<String> RUN_KEY_COLUMNS = List.of("run", "point", "replication", "seed");
  static final List<String> STAT_COLUMNS = List.of("n", "mean", "sd", "ci95_low", "ci95_high", "p5", "p50", "p95");
  static final List<String> FAN_COLUMNS = List.of("point", "date", "metric", "region", "commodity", "unit", "runs",
      "mean", "p5", "p25", "p50", "p75", "p95");
  static final double[] FAN_PERCENTILES = {0.05, 0.25, 0.5, 0.75, 0.95};
  /** Bootstrap resamples for Sobol intervals. */
  static final int BOOTSTRAP_RESAMPLES = 1000;
  /** The most cells of fan series held at once while computing percentiles across runs (32 MB of doubles). */
  static final int FAN_BUFFER_CELLS = 4_000_000;

  private SweepOutputs() {}

  /** How the sweep came about, for sweep.json. */
  record Provenance(String command, String startedAt, double wallSeconds, String executor, int resumedRuns,
                    String magflowVersion, String javaVersion) {}

  static String header(SweepPlan plan) {
    List<String> columns = new ArrayList<>(RUN_KEY_COLUMNS);
    for (Parameter p : plan.parameters()) columns.add(p.name());
    for (Kpi k : plan.kpis()) columns.add(k.name());
    return CsvLine.line(columns);
  }

  /** The parameter values of a point as written: a value the point leaves alone is the base scenario's. */
  static List<String> parameterTexts(SweepPlan plan, int point) {
    JsonNode[] values = plan.pointSet().values(point);
    List<String> texts = new ArrayList<>(values.length);
    for (int k = 0; k < values.length; k++) {
      texts.add(Parameter.text(values[k] != null ? values[k] : plan.parameters().get(k).baseValue()));
    }
    return texts;
  }

  static String row(SweepPlan plan, RunResult r) {
    RunTask t = r.task();
    List<String> fields = new ArrayList<>();
    fields.add(Integer.toString(t.run()));
    fields.add(Integer.toString(t.point()));
    fields.add(Integer.toString(t.replication()));
    fields.add(Long.toString(t.seed()));
    fields.addAll(parameterTexts(plan, t.point()));
    for (double v : r.kpis()) fields.add(number(v));
    return CsvLine.line(fields);
  }

  static String number(double v) {
    return Double.isNaN(v) ? "" : Decimals.format(v);
  }

  /**
   * Writes every output file into {@code dir}; returns their names, with {@code charts/} last when the charts
   * are to be drawn from these files (by the caller, after this).
   */
  static List<String> write(SweepPlan plan, Journal journal, Path dir, Provenance provenance, boolean charts)
      throws IOException {
    List<String> files = new ArrayList<>();
    int runs = plan.runs();
    int kpiCount = plan.kpis().size();
    double[][] kpis = new double[kpiCount][runs];
    try (Writer out = writer(dir.resolve(RUNS))) {
      out.write(header(plan));
      out.write('\n');
      for (int run = 0; run < runs; run++) {
        String row = journal.row(run);
        out.write(row);
        out.write('\n');
        List<String> fields = CsvLine.split(row);
        int first = fields.size() - kpiCount;
        for (int k = 0; k < kpiCount; k++) {
          String text = fields.get(first + k);
          kpis[k][run] = text.isEmpty() ? Double.NaN : Double.parseDouble(text);
        }
      }
    }
    files.add(RUNS);
    double[][] pointMeans = summary(plan, kpis, dir.resolve(SUMMARY));
    files.add(SUMMARY);
    if (plan.fan().cells() > 0) {
      fan(plan, journal, dir.resolve(FAN));
      files.add(FAN);
    }
    if (plan.design() == Design.SOBOL) {
      sobol(plan, pointMeans, dir.resolve(SOBOL));
      files.add(SOBOL);
    }
    if (plan.design() == Design.ONE_AT_A_TIME) {
      tornado(plan, pointMeans, dir.resolve(TORNADO));
      files.add(TORNADO);
    }
    files.add(SWEEP_JSON);
    // Drawn from these files once they are written (SweepRunner), into the same folder before it is swapped in.
    if (charts) files.add(CHARTS + "/");
    sweepJson(plan, provenance, files, dir.resolve(SWEEP_JSON));
    return files;
  }

  private static Writer writer(Path file) throws IOException {
    return new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16);
  }

  // ---- summary.csv -----------------------------------------------------------------------------------------

  /** Writes summary.csv; returns each point's mean of each KPI ({@code [kpi][point]}). */
  private static double[][] summary(SweepPlan plan, double[][] kpis, Path file) throws IOException {
    int reps = plan.replications();
    int points = plan.points();
    List<Kpi> list = plan.kpis();
    double[][] means = new double[list.size()][points];
    Stats.T975 t = new Stats.T975();
    List<String> header = new ArrayList<>(List.of("point", "label"));
    for (Parameter p : plan.parameters()) header.add(p.name());
    header.add("kpi");
    header.addAll(STAT_COLUMNS);
    try (Writer out = writer(file)) {
      out.write(CsvLine.line(header));
      out.write('\n');
      if (plan.design() == Design.MONTE_CARLO || plan.design() == Design.LATIN_HYPERCUBE) {
        List<String> blank = new ArrayList<>();
        for (int k = 0; k < plan.parameters().size(); k++) blank.add("");
        for (int k = 0; k < list.size(); k++) {
          statsRow(out, "all", "", blank, list.get(k).name(), Stats.summarise(kpis[k], kpis[k].length, t));
        }
      }
      double[] buffer = new double[reps];
      for (int point = 0; point < points; point++) {
        List<String> values = parameterTexts(plan, point);
        String label = plan.pointSet().label(point);
        for (int k = 0; k < list.size(); k++) {
          System.arraycopy(kpis[k], point * reps, buffer, 0, reps);
          Stats.Summary s = Stats.summarise(buffer, reps, t);
          means[k][point] = s.n() == reps ? s.mean() : Double.NaN;
          statsRow(out, Integer.toString(point), label, values, list.get(k).name(), s);
        }
      }
    }
    return means;
  }

  private static void statsRow(Writer out, String point, String label, List<String> values, String kpi,
                               Stats.Summary s) throws IOException {
    List<String> fields = new ArrayList<>();
    fields.add(point);
    fields.add(label);
    fields.addAll(values);
    fields.add(kpi);
    fields.add(Integer.toString(s.n()));
    for (double v : new double[] {s.mean(), s.sd(), s.ciLow(), s.ciHigh(), s.p5(), s.p50(), s.p95()}) {
      fields.add(number(v));
    }
    out.write(CsvLine.line(fields));
    out.write('\n');
  }

  // ---- fan.csv ---------------------------------------------------------------------------------------------

  private static void fan(SweepPlan plan, Journal journal, Path file) throws IOException {
    int reps = plan.replications();
    try (Writer out = writer(file)) {
      out.write(CsvLine.line(FAN_COLUMNS));
      out.write('\n');
      fanGroup(out, "all", plan.fan(), journal, 0, plan.runs());
      if (reps > 1 && plan.points() > 1) {
        for (int point = 0; point < plan.points(); point++) {
          fanGroup(out, Integer.toString(point), plan.fan(), journal, point * reps, reps);
        }
      }
    }
  }

  /** Percentile rows over runs {@code first} to {@code first + count - 1}, a chunk of cells at a time. */
  private static void fanGroup(Writer out, String point, FanLayout layout, Journal journal, int first, int count)
      throws IOException {
    int cells = layout.cells();
    int chunk = Math.max(1, Math.min(cells, FAN_BUFFER_CELLS / Math.max(1, count)));
    double[] slice = new double[chunk];
    double[][] byCell = new double[chunk][count];
    for (int from = 0; from < cells; from += chunk) {
      int n = Math.min(chunk, cells - from);
      for (int r = 0; r < count; r++) {
        journal.fan(first + r, from, n, slice);
        for (int c = 0; c < n; c++) byCell[c][r] = slice[c];
      }
      for (int c = 0; c < n; c++) fanRow(out, point, layout, from + c, byCell[c], count);
    }
  }

  private static void fanRow(Writer out, String point, FanLayout layout, int cell, double[] values, int count)
      throws IOException {
    double[] x = new double[count];
    int n = 0;
    double sum = 0;
    for (int i = 0; i < count; i++) {
      if (!Double.isNaN(values[i])) {
        x[n++] = values[i];
        sum += values[i];
      }
    }
    if (n == 0) return;
    Arrays.sort(x, 0, n);
    FanLayout.Series s = layout.series().get(cell / layout.months());
    List<String> fields = new ArrayList<>(List.of(point, layout.date(cell % layout.months()).toString(), s.metric(),
        s.region(), s.commodity(), s.unit(), Integer.toString(n), number(sum / n)));
    for (double p : FAN_PERCENTILES) fields.add(number(Stats.quantile(x, n, p)));
    out.write(CsvLine.line(fields));
    out.write('\n');
  }

  // ---- sobol.csv and tornado.csv ---------------------------------------------------------------------------

  private static void sobol(SweepPlan plan, double[][] means, Path file) throws IOException {
    int d = plan.parameters().size();
    int n = plan.points() / (d + 2);
    try (Writer out = writer(file)) {
      out.write(CsvLine.line(List.of("kpi", "parameter", "S1", "S1_low", "S1_high", "ST", "ST_low", "ST_high", "samples")));
      out.write('\n');
      for (int k = 0; k < plan.kpis().size(); k++) {
        double[] a = new double[n];
        double[] b = new double[n];
        double[][] ab = new double[d][n];
        for (int j = 0; j < n; j++) {
          int base = j * (d + 2);
          a[j] = means[k][base];
          b[j] = means[k][base + 1];
          for (int i = 0; i < d; i++) ab[i][j] = means[k][base + 2 + i];
        }
        // one bootstrap stream per KPI, so adding a KPI changes no other KPI's intervals
        var rng = new RandomStreams(plan.masterSeed(), Points.DESIGN_REPLICATION)
            .stream("sweep/sobol-bootstrap/" + plan.kpis().get(k).name());
        SobolIndices.Result r = SobolIndices.estimate(a, b, ab, BOOTSTRAP_RESAMPLES, rng);
        for (int i = 0; i < d; i++) {
          out.write(CsvLine.line(List.of(plan.kpis().get(k).name(), plan.parameters().get(i).name(),
              number(r.first()[i]), number(r.firstLow()[i]), number(r.firstHigh()[i]),
              number(r.total()[i]), number(r.totalLow()[i]), number(r.totalHigh()[i]), Integer.toString(n))));
          out.write('\n');
        }
      }
    }
  }

  private static void tornado(SweepPlan plan, double[][] means, Path file) throws IOException {
    int d = plan.parameters().size();
    try (Writer out = writer(file)) {
      out.write(CsvLine.line(List.of("kpi", "parameter", "low", "high", "at_low", "at_base", "at_high", "swing")));
      out.write('\n');
      for (int k = 0; k < plan.kpis().size(); k++) {
        double base = means[k][0];
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < d; i++) order.add(i);
        final double[] row = means[k];
        Comparator<Integer> bySwing = Comparator.comparingDouble(i -> {
          double swing = Math.abs(row[2 + 2 * i] - row[1 + 2 * i]);
          return Double.isNaN(swing) ? Double.NEGATIVE_INFINITY : -swing;
        });
        order.sort(bySwing); // stable: equal swings keep the sweep file's order
        for (int i : order) {
          Parameter p = plan.parameters().get(i);
          double low = row[1 + 2 * i];
          double high = row[2 + 2 * i];
          out.write(CsvLine.line(List.of(plan.kpis().get(k).name(), p.name(), Parameter.text(p.low()),
              Parameter.text(p.high()), number(low), number(base), number(high), number(high - low))));
          out.write('\n');
        }
      }
    }
  }

  // ---- sweep.json ------------------------------------------------------------------------------------------

  /** The largest design listed point by point in sweep.json; bigger ones are in runs.csv and summary.csv. */
  static final int MAX_LISTED_POINTS = 10_000;

  private static void sweepJson(SweepPlan plan, Provenance p, List<String> files, Path file) throws IOException {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode root = f.objectNode();
    SweepSpec spec = plan.spec();
    root.put("name", spec.name());
    root.put("description", spec.description());
    root.put("magflowVersion", p.magflowVersion());
    root.put("javaVersion", p.javaVersion());
    root.put("command", p.command());
    root.put("startedAt", p.startedAt());
    root.set("wallSeconds", f.numberNode(Decimals.decimal(p.wallSeconds())));
    root.put("executor", p.executor());
    root.put("resumedRuns", p.resumedRuns());
    ObjectNode sweepFile = root.putObject("sweepFile");
    sweepFile.put("path", spec.file().toString().replace('\\', '/'));
    sweepFile.put("sha256", plan.sweepSha256());
    ObjectNode base = root.putObject("baseScenario");
    base.put("path", spec.base().toString().replace('\\', '/'));
    base.put("name", plan.baseName());
    base.put("sha256", plan.baseSha256());
    base.put("resolvedSha256", plan.resolvedSha256());
    root.put("masterSeed", plan.masterSeed());
    root.put("design", plan.design().id());
    if (spec.samples() != null) root.put("samples", spec.samples());
    root.put("replications", plan.replications());
    root.put("points", plan.points());
    root.put("runs", plan.runs());
    root.put("commonRandomNumbers", "replication k of every point uses the streams of (masterSeed, k)");
    ArrayNode params = root.putArray("parameters");
    for (Parameter param : plan.parameters()) {
      ObjectNode o = params.addObject();
      o.put("name", param.name());
      o.put("path", param.path());
      ArrayNode targets = o.putArray("targets");
      for (var t : param.targets()) targets.add(t.toString());
      o.put("apply", param.multiply() ? "multiply" : "set");
      if (param.anchor() != null) o.put(param.anchor().field(), param.anchor().reference());
      for (Map.Entry<String, Object> e : param.domain().describe().entrySet()) o.set(e.getKey(), json(e.getValue()));
      JsonNode baseValue = param.baseValue();
      o.set("baseValue", baseValue == null ? f.nullNode() : json(baseValue));
      if (plan.design() == Design.ONE_AT_A_TIME) {
        o.set("low", json(param.low()));
        o.set("high", json(param.high()));
      }
    }
    ArrayNode kpis = root.putArray("kpis");
    for (Kpi k : plan.kpis()) {
      ObjectNode o = kpis.addObject();
      o.put("name", k.name());
      o.put("path", k.path());
    }
    ObjectNode fan = root.putObject("fan");
    fan.put("from", plan.fan().date(0).toString());
    fan.put("to", plan.fan().date(plan.fan().months() - 1).toString());
    ArrayNode series = fan.putArray("series");
    for (FanLayout.Series s : plan.fan().series()) {
      ObjectNode o = series.addObject();
      o.put("metric", s.metric());
      o.put("region", s.region());
      o.put("commodity", s.commodity());
      o.put("unit", s.unit());
    }
    ArrayNode outputs = root.putArray("files");
    for (String name : files) outputs.add(name);
    if (plan.points() <= MAX_LISTED_POINTS) {
      ArrayNode list = root.putArray("pointList");
      for (int point = 0; point < plan.points(); point++) {
        ObjectNode o = list.addObject();
        o.put("point", point);
        String label = plan.pointSet().label(point);
        if (!label.isEmpty()) o.put("label", label);
        ObjectNode values = o.putObject("values");
        JsonNode[] v = plan.pointSet().values(point);
        for (int k = 0; k < v.length; k++) {
          JsonNode shown = v[k] != null ? v[k] : plan.parameters().get(k).baseValue();
          values.set(plan.parameters().get(k).name(), shown == null ? f.nullNode() : json(shown));
        }
      }
    }
    Files.writeString(file, JSON.writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
  }

  private static final ObjectWriter JSON = JsonMapper.builder()
      .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build()
      .writer(new DefaultPrettyPrinter(Separators.createDefaultInstance()
          .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
          .withArrayEmptySeparator("").withObjectEmptySeparator(""))
          .withObjectIndenter(new DefaultIndenter("  ", "\n"))
          .withArrayIndenter(new DefaultIndenter("  ", "\n")));

  /** A value for sweep.json, with every floating-point number written by {@link Decimals}. */
  private static JsonNode json(Object value) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (value == null) return f.nullNode();
    if (value instanceof JsonNode n) {
      if (n.isFloatingPointNumber()) return f.numberNode(Decimals.decimal(n.doubleValue()));
      if (n.isArray()) {
        ArrayNode a = f.arrayNode();
        for (JsonNode e : n) a.add(json(e));
        return a;
      }
      return n;
    }
    if (value instanceof Double d) return f.numberNode(Decimals.decimal(d));
    if (value instanceof BigDecimal d) return f.numberNode(d.stripTrailingZeros().scale() < 0
        ? d.setScale(0) : d.stripTrailingZeros());
    if (value instanceof String s) return f.textNode(s);
    if (value instanceof List<?> list) {
      ArrayNode a = f.arrayNode();
      for (Object e : list) a.add(json(e));
      return a;
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode o = f.objectNode();
      for (Map.Entry<?, ?> e : map.entrySet()) o.set(e.getKey().toString(), json(e.getValue()));
      return o;
    }
    return f.textNode(value.toString());
  }
}
