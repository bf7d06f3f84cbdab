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
    try (Stream<Path> files = Files.list(SHIPPED)) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw InputException.at(SHIPPED.toString(), "cannot list the folder: " + e.getMessage());
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
    List<FitCharts.Panel> panels = new ArrayList<>();
    for (Comparison c : r.comparisons()) {
      List<LocalDate> days = c.months().stream().map(m -> m.atDay(15)).toList(); // a month's value mid-month
      panels.add(new FitCharts.Panel(c.series().name() + "  (MALE " + fixed(c.meanAbsLogError(), 2) + ")",
          unit(e, c), days, c.simulated(), c.observed()));
    }
    return new FitCharts().observedVsSimulated("backtest-" + e.name(), e.name() + ": simulated against observed",
        "Seed " + e.seed() + ", " + e.replications() + " replication(s) averaged · MALE: mean absolute log error",
        "Source: magflow " + MagflowVersion.current() + " · observed: " + e.fields().observed().getFileName(),
        panels);
  }

  private static String unit(Episode e, Comparison c) {
    return e.data().select(c.series().observed()).stream().map(ObservedData.Row::unit).findFirst().orElse("");
  }

  /** The tables of every episode, as the README shows them. */
  static String markdown(List<Result> results) {
    StringBuilder md = new StringBuilder();
    for (Result r : results) {
      Episode e = r.episode();
      md.append("#### ").append(e.name()).append(" (seed ").append(e.seed()).append(", ")
          .append(e.replications()).append(e.replications() == 1 ? " run" : " runs averaged").append(")\n\n");
      StringBuilder head = new StringBuilder("| month |");
      StringBuilder rule = new StringBuilder("|---|");
      for (Comparison c : r.comparisons()) {
        String u = unit(e, c);
        head.append(' ').append(c.series().name()).append(", simulated (").append(u).append(") | observed | log error |");
        rule.append("---:|---:|---:|");
      }
      md.append(head).append('\n').append(rule).append('\n');
      List<YearMonth> months = r.comparisons().get(0).months();
      for (int m = 0; m < months.size(); m++) {
        md.append("| ").append(months.get(m)).append(" |");
        for (Comparison c : r.comparisons()) {
          md.append(' ').append(shown(c.simulated()[m])).append(" | ").append(shown(c.observed()[m])).append(" | ")
              .append(Double.isNaN(c.logError(m)) ? "" : signed(c.logError(m))).append(" |");
        }
        md.append('\n');
      }
      md.append("\n| series | months compared | mean abs log error | moves in the observed direction | trough:"
          + " simulated / observed | recovery to 90% of pre-shock: simulated / observed |\n|---|---:|---:|---:|---|---|\n");
      for (Comparison c : r.comparisons()) {
        int[] d = c.directions();
        md.append("| ").append(c.series().name()).append(" | ").append(c.compared()).append(" | ")
            .append(fixed(c.meanAbsLogError(), 2)).append(" | ").append(d[0]).append(" of ").append(d[1])
            .append(" | ").append(dash(c.simulatedTrough())).append(" / ").append(dash(c.observedTrough()))
            .append(" | ").append(dash(c.simulatedRecovery())).append(" / ").append(dash(c.observedRecovery()))
            .append(" |\n");
      }
      md.append('\n');
    }
    return md.toString();
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
