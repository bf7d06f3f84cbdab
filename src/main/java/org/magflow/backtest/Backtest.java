package org.magflow.backtest;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.magflow.event.SimEvent;
import org.magflow.output.CsvLine;
import org.magflow.output.Decimals;
import org.magflow.output.OutputTarget;
import org.magflow.output.ResultFolder;
import org.magflow.output.chart.Chart;
import org.magflow.output.chart.ChartFormat;
import org.magflow.output.chart.ChartWriter;
import org.magflow.output.chart.FitCharts;
import org.magflow.output.chart.ResultData;
import org.magflow.output.report.AgainstObserved;
import org.magflow.output.report.AgainstObserved.Table;
import org.magflow.output.RunInfo;
import org.magflow.run.InputException;
import org.magflow.run.MagflowVersion;
import org.magflow.run.ScenarioRun;
import org.magflow.scenario.Problem;

/**
 * {@code magflow backtest}: runs each episode's scenario, sets its series against the observations month by
 * month, and writes the comparison (backtest.csv), the error measures (measures.csv), the tables as Markdown
 * (backtest.md, which the README's backtest section is), and a chart per episode. The target folder is checked
 * before anything runs and replaced whole only when the new folder is complete.
 */
public final class Backtest {
  /** Where the shipped episodes are, relative to the working directory. */
  public static final Path SHIPPED = Path.of("scenarios", "episodes");

  /** One episode's result: its comparisons. */
  public record Result(Episode episode, List<Comparison> comparisons) {}

  /** The shipped episode files, in name order. */
  public static List<Path> shipped() throws InputException {
    if (!Files.isDirectory(SHIPPED)) {
      throw InputException.at(SHIPPED.toString(), "no episodes given and no shipped episodes here; run from the"
          + " project folder or name episode files");
    }
    try {
      return episodeFiles(SHIPPED);
    } catch (IOException e) {
      throw InputException.at(SHIPPED.toString(), "cannot list the folder: " + e.getMessage());
    }
  }

  /** The episode files ({@code .yaml}) in a folder, in name order. */
  private static List<Path> episodeFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  /** Reads every episode (all problems of all files at once), runs them and writes {@code outDir}. */
  public List<Result> run(List<Path> files, Path outDir, String command, boolean charts)
      throws InputException, IOException {
    Optional<String> refused = OutputTarget.replaceFolder(outDir, OutputTarget.Kind.STUDY_FOLDER);
    if (refused.isPresent()) throw InputException.at(OutputTarget.shown(outDir), refused.get());
    List<Episode> episodes = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Path f : files) {
      try {
        Episode e = Episode.read(f);
        if (names.contains(e.name())) {
          problems.add(new Problem(f.toString(), "name", 0, 0, "a second episode named '" + e.name() + "'"));
        }
        names.add(e.name());
        episodes.add(e);
      } catch (InputException e) {
        problems.addAll(e.problems());
      }
    }
    if (!problems.isEmpty()) throw new InputException(problems);
    List<Result> results = new ArrayList<>();
    for (Episode e : episodes) results.add(new Result(e, e.compare(simulate(e))));
    ResultFolder.replace(outDir, dir -> write(results, dir, command, charts));
    return results;
  }

  /** One episode's tables as the README shows them, computed without writing anything. */
  public static String tables(Path episodeFile) throws InputException {
    Episode e = Episode.read(episodeFile);
    return markdown(List.of(new Result(e, e.compare(simulate(e))))).strip();
  }

  /** Where a scenario's episodes are: the folder {@code episodes} beside the scenario file. */
  public static final String EPISODES_DIR = "episodes";

  /**
   * A run against observed data, for its briefing: the episodes in {@link #EPISODES_DIR} beside its scenario file
   * that name that file and whose months the run covers, each compared with the run's own rows (its seed, not the
   * episode's). An episode file there that cannot be read is named in the notes and left out.
   */
  public static AgainstObserved.Found against(ResultData run) {
    String scenarioPath = run.runInfo().map(RunInfo::scenarioPath).filter(p -> !p.isEmpty())
        .orElse(run.scenarioFile());
    if (scenarioPath.isEmpty()) return AgainstObserved.NONE.of(run);
    Path scenario = Path.of(scenarioPath).toAbsolutePath().normalize();
    Path dir = scenario.resolveSibling(EPISODES_DIR);
    if (!Files.isDirectory(dir)) return AgainstObserved.NONE.of(run);
    List<String> notes = new ArrayList<>();
    List<Path> files;
    try {
      files = episodeFiles(dir);
    } catch (IOException e) {
      return new AgainstObserved.Found(List.of(), List.of(dir + ": " + e.getMessage()));
    }
    List<SimEvent> events = new ArrayList<>();
    for (String metric : run.metrics()) events.addAll(run.rows(metric));
    YearMonth first = YearMonth.from(run.start());
    YearMonth last = YearMonth.from(run.end());
    List<AgainstObserved.Comparison> found = new ArrayList<>();
    for (Path f : files) {
      try {
        Episode e = Episode.read(f);
        if (!e.scenarioFile().toAbsolutePath().normalize().equals(scenario)) continue;
        if (e.fields().from().isBefore(first) || e.fields().to().isAfter(last)) continue;
        Result r = new Result(e, e.compare(List.of(events)));
        found.add(new AgainstObserved.Comparison(e.name() + (e.description().isEmpty() ? "" : ": " + e.description()),
            chart(r, "This run (seed " + run.seed() + ") · MALE: mean absolute log error"), tables(r)));
      } catch (InputException e) {
        notes.add(f.getFileName() + ": " + e.problems().get(0).message());
      }
    }
    return new AgainstObserved.Found(found, notes);
  }

  /** The episode's runs, replications 0 to n−1, each keeping only the rows its series read. */
  static List<List<SimEvent>> simulate(Episode e) {
    List<List<SimEvent>> runs = new ArrayList<>();
    List<String> metrics = e.fields().series().stream().map(s -> s.simulated().metric()).distinct().toList();
    String file = e.scenarioFile().getFileName().toString();
    for (int r = 0; r < e.replications(); r++) {
      runs.add(new ScenarioRun().simulate(e.scenario(), file, e.seed(), r, metrics::contains).events());
    }
    return runs;
  }

  static void write(List<Result> results, Path dir, String command, boolean charts) throws IOException {
    List<String> rows = new ArrayList<>();
    rows.add("episode,series,month,observed,simulated,log_error,observed_move,simulated_move");
    List<String> measures = new ArrayList<>();
    measures.add("episode,series,months_compared,mean_abs_log_error,moves_agreeing,moves,observed_trough,"
        + "simulated_trough,observed_recovery,simulated_recovery");
    for (Result r : results) {
      for (Comparison c : r.comparisons()) {
        for (int m = 0; m < c.months().size(); m++) {
          rows.add(CsvLine.line(List.of(r.episode().name(), c.series().name(), c.months().get(m).toString(),
              number(c.observed()[m]), number(c.simulated()[m]), number(c.logError(m)), move(c.observedMove(m)),
              move(c.simulatedMove(m)))));
        }
        int[] d = c.directions();
        measures.add(CsvLine.line(List.of(r.episode().name(), c.series().name(), String.valueOf(c.compared()),
            number(c.meanAbsLogError()), String.valueOf(d[0]), String.valueOf(d[1]), month(c.observedTrough()),
            month(c.simulatedTrough()), month(c.observedRecovery()), month(c.simulatedRecovery()))));
      }
    }
    Files.write(dir.resolve("backtest.csv"), rows, StandardCharsets.UTF_8);
    Files.write(dir.resolve("measures.csv"), measures, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("backtest.md"), markdown(results), StandardCharsets.UTF_8);
    ObjectNode study = JsonMapper.builder().build().createObjectNode();
    study.put("kind", "backtest");
    study.put("magflowVersion", MagflowVersion.current());
    study.put("command", command);
    ArrayNode episodes = study.putArray("episodes");
    for (Result r : results) {
      episodes.addObject().put("name", r.episode().name()).put("file", r.episode().file().toString())
          .put("scenario", r.episode().scenarioFile().toString()).put("seed", r.episode().seed())
          .put("replications", r.episode().replications());
    }
    Files.writeString(dir.resolve(OutputTarget.STUDY_JSON), study.toPrettyString() + "\n", StandardCharsets.UTF_8);
    if (charts) {
      List<Chart> drawn = new ArrayList<>();
      for (Result r : results) drawn.add(chart(r));
      new ChartWriter().write(drawn, dir.resolve(ChartWriter.CHARTS_DIR), java.util.Set.of(ChartFormat.PNG,
          ChartFormat.SVG));
    }
  }

  static Chart chart(Result r) {
    Episode e = r.episode();
    return chart(r, "Seed " + e.seed() + ", " + e.replications() + " replication(s) averaged · MALE: mean absolute"
        + " log error");
  }

  private static Chart chart(Result r, String subtitle) {
    Episode e = r.episode();
    List<FitCharts.Panel> panels = new ArrayList<>();
    for (Comparison c : r.comparisons()) {
      List<LocalDate> days = c.months().stream().map(m -> m.atDay(15)).toList(); // a month's value mid-month
      panels.add(new FitCharts.Panel(c.series().name() + "  (MALE " + fixed(c.meanAbsLogError(), 2) + ")",
          unit(e, c), days, c.simulated(), c.observed()));
    }
    return new FitCharts().observedVsSimulated("backtest-" + e.name(), e.name() + ": simulated against observed",
        subtitle, "Source: magflow " + MagflowVersion.current() + " · observed: " + e.fields().observed().getFileName(),
        panels);
  }

  private static String unit(Episode e, Comparison c) {
    return e.data().select(c.series().observed()).stream().map(ObservedData.Row::unit).findFirst().orElse("");
  }

  /**
   * An episode's two tables: month by month, each series simulated, observed and the log error; then each
   * series' error measures, directions, troughs and recoveries.
   */
  public static List<Table> tables(Result r) {
    Episode e = r.episode();
    List<String> head = new ArrayList<>(List.of("month"));
    for (Comparison c : r.comparisons()) {
      head.addAll(List.of(c.series().name() + ", simulated (" + unit(e, c) + ")", "observed", "log error"));
    }
    List<List<String>> monthRows = new ArrayList<>();
    List<YearMonth> months = r.comparisons().get(0).months();
    for (int m = 0; m < months.size(); m++) {
      List<String> row = new ArrayList<>(List.of(months.get(m).toString()));
      for (Comparison c : r.comparisons()) {
        row.addAll(List.of(shown(c.simulated()[m]), shown(c.observed()[m]),
            Double.isNaN(c.logError(m)) ? "" : signed(c.logError(m))));
      }
      monthRows.add(row);
    }
    List<List<String>> measureRows = new ArrayList<>();
    for (Comparison c : r.comparisons()) {
      int[] d = c.directions();
      measureRows.add(List.of(c.series().name(), Integer.toString(c.compared()), fixed(c.meanAbsLogError(), 2),
          d[0] + " of " + d[1], dash(c.simulatedTrough()) + " / " + dash(c.observedTrough()),
          dash(c.simulatedRecovery()) + " / " + dash(c.observedRecovery())));
    }
    return List.of(new Table(head, monthRows), new Table(List.of("series", "months compared",
        "mean abs log error", "moves in the observed direction", "trough: simulated / observed",
        "recovery to 90% of pre-shock: simulated / observed"), measureRows));
  }

  /** The tables of every episode, as the README shows them. */
  static String markdown(List<Result> results) {
    StringBuilder md = new StringBuilder();
    for (Result r : results) {
      Episode e = r.episode();
      md.append("#### ").append(e.name()).append(" (seed ").append(e.seed()).append(", ")
          .append(e.replications()).append(e.replications() == 1 ? " run" : " runs averaged").append(")\n\n");
      List<Table> tables = tables(r);
      markdown(md, tables.get(0), "---:|");
      md.append('\n');
      markdown(md, tables.get(1), "---:|", "---:|", "---:|", "---|", "---|");
      md.append('\n');
    }
    return md.toString();
  }

  /** A Markdown table; the first column left-aligned, the others as {@code rules} say (the last repeats). */
  private static void markdown(StringBuilder md, Table t, String... rules) {
    md.append("| ").append(String.join(" | ", t.header())).append(" |\n|---|");
    for (int c = 1; c < t.header().size(); c++) md.append(rules[Math.min(c - 1, rules.length - 1)]);
    md.append('\n');
    for (List<String> row : t.rows()) {
      md.append("| ").append(String.join(" | ", row)).append(" |\n");
    }
  }

  private static String number(double v) {
    return Double.isNaN(v) ? "" : Decimals.format(v);
  }

  private static String move(int sign) {
    return sign > 0 ? "up" : sign < 0 ? "down" : "";
  }

  private static String month(YearMonth m) {
    return m == null ? "" : m.toString();
  }

  private static String dash(YearMonth m) {
    return m == null ? "—" : m.toString();
  }

  private static String shown(double v) {
    if (Double.isNaN(v)) return "—";
    DecimalFormat f = new DecimalFormat(Math.abs(v) >= 100 ? "#,##0" : "#,##0.0", DecimalFormatSymbols.getInstance(Locale.UK));
    return f.format(v);
  }

  private static String signed(double v) {
    return (v >= 0 ? "+" : "−") + fixed(Math.abs(v), 2);
  }

  static String fixed(double v, int decimals) {
    return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%." + decimals + "f", v);
  }
}
