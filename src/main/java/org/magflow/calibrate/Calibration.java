package org.magflow.calibrate;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.magflow.backtest.Comparison;
import org.magflow.backtest.Episode;
import org.magflow.backtest.ObservedData;
import org.magflow.backtest.SeriesFields;
import org.magflow.backtest.SeriesMap;
import org.magflow.output.CsvLine;
import org.magflow.output.Decimals;
import org.magflow.output.chart.ChartFormat;
import org.magflow.output.chart.ChartWriter;
import org.magflow.output.chart.FitCharts;
import org.magflow.run.InputException;
import org.magflow.run.MagflowVersion;
import org.magflow.scenario.Problem;
import org.magflow.sweep.RunExecutor;
import org.magflow.sweep.SweepFile;
import org.magflow.sweep.SweepPlan;

/**
 * {@code magflow calibrate FILE}: fits a base scenario's uncertain parameters to observed series.
 *
 * <p>The loss of a point is the weighted mean, over the series, of the mean squared log error
 * ln(simulated / observed)² over the observed months, the simulated value being the mean of the point's
 * replications (common random numbers, so two points differ by their parameters, not their noise). The search
 * starts at {@code start} (default: the middle of each range), runs CMA-ES or BOBYQA for {@code budget}
 * evaluations, and then profiles each parameter: the loss at {@value #PROFILE_POINTS} values across its range
 * with the others held at the fit. The 95% interval is the values where n·ln(loss / best loss) ≤ 3.84 (the
 * likelihood-ratio bound for log errors that are normal with a common spread, n the months compared), read off
 * that grid: a conditional profile, narrower than a full one when parameters trade off.
 */
public final class Calibration {
  /** Values per parameter in the profile. */
  static final int PROFILE_POINTS = 9;
  /** χ²(1) at 95%. */
  static final double CHI2_95 = 3.841;
  /** The fitted scenario's file name, without extension: an overlay (.yaml) and the scenario resolved (.json). */
  public static final String FITTED_SCENARIO = "fitted-scenario";

  /**
   * How to calibrate: where to write, threads, resume, the test hook, and where the evaluations run.
   *
   * @param runs the executor of the runs (Spark, say); null: {@code threads} local threads
   */
  public record Options(Path outDir, int threads, boolean resume, String command, boolean charts, int stopAfter,
                        RunExecutor runs) {
    RunExecutor executor() {
      return SearchFiles.executor(runs, threads);
    }
  }

  /** What a calibration found. */
  public record Result(Path outDir, boolean complete, List<String> names, double[] start, double[] handSet,
                       double[] fitted, double[] lower, double[] upper, double startLoss, double handSetLoss,
                       double fittedLoss, int evaluations, int ranNow) {}

  /** The file as read: the plan of its parameters, its search settings, its series and observations. */
  record Plan(SweepPlan sweep, SearchFiles.Settings settings, SeriesFields fields, ObservedData data,
              String fingerprint) {}

  /** Reads a calibration file; throws with every problem in it, its base scenario and its observed file. */
  static Plan read(Path file) throws InputException {
    SearchFiles.Settings[] settings = {null};
    SeriesFields[] fields = {null};
    ObservedData[] data = {null};
    List<Problem> elsewhere = new ArrayList<>(); // problems in the observed file, at their own lines
    List<String> allowed = new ArrayList<>(SearchFiles.SHARED);
    allowed.addAll(List.of("start", "method", "budget"));
    allowed.addAll(SeriesFields.FIELDS);
    SweepFile.Dialect dialect = new SweepFile.Dialect("calibration", allowed, (root, problem) -> {
      settings[0] = SearchFiles.read(root, problem);
      fields[0] = SeriesFields.read(root, file, problem);
      if (fields[0] != null) data[0] = Episode.observations(fields[0], problem, elsewhere);
      else SeriesFields.checkObservedFile(root, file, elsewhere);
    }, (base, problem) -> {
      if (fields[0] != null) SeriesFields.checkCommodities(fields[0], base, problem);
    });
    SweepPlan sweep;
    try {
      sweep = SweepPlan.create(file, dialect);
    } catch (InputException e) {
      List<Problem> all = new ArrayList<>(e.problems());
      all.addAll(elsewhere);
      throw new InputException(all);
    }
    if (!elsewhere.isEmpty() || data[0] == null) throw new InputException(elsewhere);
    String fingerprint;
    try {
      fingerprint = sweep.identity() + "/" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(Files.readAllBytes(fields[0].observed())));
    } catch (IOException | NoSuchAlgorithmException e) {
      throw InputException.at(fields[0].observed().toString(), "cannot read the file again: " + e);
    }
    return new Plan(sweep, settings[0], fields[0], data[0], fingerprint);
  }

  /** Runs the calibration in {@code file}. */
  public Result run(Path file, Options options) throws Exception {
    Plan plan = read(file);
    SweepPlan sweep = plan.sweep();
    Path outDir = options.outDir() != null ? options.outDir() : Path.of("results", "calibrations", sweep.name());
    // that an overlay can hold the answer, at any point (the ranges' starts), before anything is written or run
    fittedScenario(file, outDir, sweep, sweep.values(new double[sweep.parameterNames().size()]), List.of());
    Path partial = SearchFiles.checkTargets(outDir, options.resume());
    List<YearMonth> months = plan.fields().months();
    List<SeriesMap> series = plan.fields().series();
    int cells = series.size() * months.size();
    int d = sweep.parameterNames().size();
    long seed = sweep.masterSeed();
    try (EvaluationJournal journal = SearchFiles.journal(partial, plan.fingerprint(), sweep.replications(), cells)) {
      Search search = new Search(sweep, sweep.replications(), seed,
          options.executor(), journal, points -> new SeriesWorker(sweep, series, months, points), options.stopAfter());
      double[] start = new double[d];
      double[] handSet = new double[d];
      for (int k = 0; k < d; k++) {
        String name = sweep.parameterNames().get(k);
        start[k] = plan.settings().start.getOrDefault(name, (sweep.lower(k) + sweep.upper(k)) / 2);
        handSet[k] = sweep.baseValue(k);
      }
      double startLoss;
      double handSetLoss;
      JsonNode[] best;
      List<List<double[]>> profile = new ArrayList<>();
      try {
        JsonNode[] startValues = sweep.values(start);
        startLoss = loss(plan, search.evaluate(List.<JsonNode[]>of(startValues)).get(0));
        boolean hasHandSet = Stream.of(handSet).allMatch(x -> java.util.Arrays.stream(x).allMatch(Double::isFinite));
        handSetLoss = hasHandSet ? loss(plan, search.evaluate(List.<JsonNode[]>of(sweep.values(handSet))).get(0))
            : Double.NaN;
        best = search.minimise(plan.settings().method, search.unit(numbers(startValues)), plan.settings().budget,
            (values, n) -> loss(plan, n));
        for (int k = 0; k < d; k++) {
          List<JsonNode[]> points = new ArrayList<>();
          double[] at = numbers(best);
          for (int i = 0; i < PROFILE_POINTS; i++) {
            at[k] = sweep.lower(k) + i * (sweep.upper(k) - sweep.lower(k)) / (PROFILE_POINTS - 1);
            points.add(sweep.values(at));
          }
          List<double[][]> evaluated = search.evaluate(points);
          List<double[]> rows = new ArrayList<>();
          for (int i = 0; i < points.size(); i++) {
            rows.add(new double[] {points.get(i)[k].doubleValue(), loss(plan, evaluated.get(i))});
          }
          profile.add(rows);
        }
      } catch (Search.Stop stop) {
        return new Result(outDir, false, sweep.parameterNames(), start, handSet, null, null, null, Double.NaN,
            Double.NaN, Double.NaN, search.trace().size(), search.ranNow());
      }
      double[] fitted = numbers(best);
      double bestLoss = loss(plan, search.evaluate(List.<JsonNode[]>of(best)).get(0));
      int n = 0;
      for (SeriesMap s : series) {
        n += (int) java.util.Arrays.stream(Comparison.observed(plan.data().select(s.observed()), months))
            .filter(v -> !Double.isNaN(v)).count();
      }
      double[] lower = new double[d];
      double[] upper = new double[d];
      for (int k = 0; k < d; k++) {
        lower[k] = fitted[k];
        upper[k] = fitted[k];
        for (double[] row : profile.get(k)) {
          if (n * Math.log(row[1] / bestLoss) <= CHI2_95) {
            lower[k] = Math.min(lower[k], row[0]);
            upper[k] = Math.max(upper[k], row[0]);
          }
        }
      }
      List<Comparison> fit = comparisons(plan, search.evaluate(List.<JsonNode[]>of(best)).get(0));
      Result result = new Result(outDir, true, sweep.parameterNames(), start, handSet, fitted, lower, upper,
          startLoss, handSetLoss, bestLoss, search.trace().size(), search.ranNow());
      AnswerScenario fittedScenario = fittedScenario(file, outDir, sweep, best, overlayHeader(file, plan, result));
      SearchFiles.finish(outDir, partial, dir -> write(dir, file, plan, result, search, profile, fit,
          fittedScenario, options));
      return result;
    }
  }

  /** The comparison of each series with the replications' mean. */
  static List<Comparison> comparisons(Plan plan, double[][] replications) {
    List<YearMonth> months = plan.fields().months();
    List<Comparison> result = new ArrayList<>();
    int s = 0;
    for (SeriesMap m : plan.fields().series()) {
      double[] mean = new double[months.size()];
      for (double[] r : replications) {
        for (int i = 0; i < mean.length; i++) mean[i] += r[s * months.size() + i] / replications.length;
      }
      result.add(new Comparison(m, months, mean, Comparison.observed(plan.data().select(m.observed()), months),
          plan.fields().shock()));
      s++;
    }
    return result;
  }

  static double loss(Plan plan, double[][] replications) {
    return loss(comparisons(plan, replications));
  }

  /** The weighted mean of the series' mean squared log errors. */
  public static double loss(List<Comparison> comparisons) {
    double sum = 0;
    double weights = 0;
    for (Comparison c : comparisons) {
      sum += c.series().weight() * c.meanSquaredLogError();
      weights += c.series().weight();
    }
    return sum / weights;
  }

  private static double[] numbers(JsonNode[] values) {
    return Stream.of(values).mapToDouble(JsonNode::doubleValue).toArray();
  }

  private static void write(Path dir, Path file, Plan plan, Result r, Search search, List<List<double[]>> profile,
                            List<Comparison> fit, AnswerScenario fitted, Options options) throws IOException {
    List<String> names = r.names();
    List<String> fitRows = new ArrayList<>(List.of("parameter,start,hand_set,fitted,ci95_low,ci95_high"));
    for (int k = 0; k < names.size(); k++) {
      fitRows.add(CsvLine.line(List.of(names.get(k), num(r.start()[k]), num(r.handSet()[k]), num(r.fitted()[k]),
          num(r.lower()[k]), num(r.upper()[k]))));
    }
    fitRows.add(CsvLine.line(List.of("loss", num(r.startLoss()), num(r.handSetLoss()), num(r.fittedLoss()), "", "")));
    Files.write(dir.resolve("fit.csv"), fitRows, StandardCharsets.UTF_8);
    List<String> evals = new ArrayList<>(List.of(CsvLine.line(Stream.concat(Stream.of("evaluation"),
        Stream.concat(names.stream(), Stream.of("loss"))).toList())));
    double[] losses = new double[search.trace().size()];
    for (int i = 0; i < losses.length; i++) {
      Search.Evaluation e = search.trace().get(i);
      losses[i] = e.score();
      List<String> row = new ArrayList<>(List.of(String.valueOf(i + 1)));
      for (JsonNode v : e.values()) row.add(num(v.doubleValue()));
      row.add(num(e.score()));
      evals.add(CsvLine.line(row));
    }
    Files.write(dir.resolve("evaluations.csv"), evals, StandardCharsets.UTF_8);
    List<String> prof = new ArrayList<>(List.of("parameter,value,loss"));
    for (int k = 0; k < names.size(); k++) {
      for (double[] row : profile.get(k)) prof.add(CsvLine.line(List.of(names.get(k), num(row[0]), num(row[1]))));
    }
    Files.write(dir.resolve("profile.csv"), prof, StandardCharsets.UTF_8);
    List<String> series = new ArrayList<>(List.of("series,month,observed,fitted,log_error"));
    for (Comparison c : fit) {
      for (int m = 0; m < c.months().size(); m++) {
        series.add(CsvLine.line(List.of(c.series().name(), c.months().get(m).toString(), num(c.observed()[m]),
            num(c.simulated()[m]), num(c.logError(m)))));
      }
    }
    Files.write(dir.resolve("fit-series.csv"), series, StandardCharsets.UTF_8);
    fitted.writeInto(dir);
    SearchFiles.writeStudy(dir, "calibration", file, options.command(), plan.sweep().masterSeed(), losses.length);
    if (options.charts()) {
      FitCharts charts = new FitCharts();
      List<FitCharts.Panel> panels = new ArrayList<>();
      for (Comparison c : fit) {
        String unit = plan.data().select(c.series().observed()).get(0).unit();
        panels.add(new FitCharts.Panel(c.series().name(), unit, c.months().stream().map(m -> m.atDay(15)).toList(),
            c.simulated(), c.observed()));
      }
      String source = "Source: magflow " + MagflowVersion.current() + " · " + file.getFileName();
      new ChartWriter().write(List.of(
          charts.observedVsSimulated("fit", plan.sweep().name() + ": fitted run against observed",
              "Fitted " + fittedText(r) + " · loss " + num(r.fittedLoss()) + " (hand-set " + num(r.handSetLoss())
                  + ")", source, panels),
          charts.lossByEvaluation("loss", plan.sweep().name() + ": loss by evaluation", plan.settings().method
              + ", " + losses.length + " evaluations, " + plan.sweep().replications() + " replication(s) each",
              source, losses)), dir.resolve(ChartWriter.CHARTS_DIR), Set.of(ChartFormat.PNG, ChartFormat.SVG));
    }
  }

  private static AnswerScenario fittedScenario(Path file, Path outDir, SweepPlan sweep, JsonNode[] values,
                                               List<String> header) throws InputException {
    return AnswerScenario.of(file, outDir, sweep, values, FITTED_SCENARIO, AnswerScenario.name(sweep.name(), "-fitted"),
        sweep.baseFile().getFileName() + " with the values calibration " + sweep.name() + " fitted", header);
  }

  /** What the fitted overlay's opening comment says: what wrote it, the fit, and how to run it. */
  private static List<String> overlayHeader(Path file, Plan plan, Result r) {
    List<String> lines = new ArrayList<>(List.of("Written by magflow calibrate " + file, "(seed "
        + plan.sweep().masterSeed() + ", " + plan.sweep().replications() + " replication(s), " + r.evaluations()
        + " evaluations by " + plan.settings().method + "): the base scenario with the fitted values set.",
        "Loss (mean squared log error) " + num(r.fittedLoss()) + "; hand-set values " + num(r.handSetLoss())
            + "; start " + num(r.startLoss()) + "."));
    for (int k = 0; k < r.names().size(); k++) {
      lines.add("  " + r.names().get(k) + " = " + num(r.fitted()[k]) + " (95% profile interval " + num(r.lower()[k])
          + " to " + num(r.upper()[k]) + ")");
    }
    return lines;
  }

  static String fittedText(Result r) {
    StringBuilder s = new StringBuilder();
    for (int k = 0; k < r.names().size(); k++) {
      if (k > 0) s.append(", ");
      s.append(r.names().get(k)).append(" = ").append(num(r.fitted()[k]));
    }
    return s.toString();
  }

  static String num(double v) {
    return Double.isNaN(v) ? "" : Decimals.format(v);
  }
}
