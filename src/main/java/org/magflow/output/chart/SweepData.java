package org.magflow.output.chart;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.magflow.output.CsvLine;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A sweep folder as {@code magflow sweep} writes it, read back from its files alone: {@code sweep.json} (the
 * design and its provenance), {@code summary.csv} (statistics per point and KPI), and where present
 * {@code fan.csv} (monthly percentiles across runs), {@code tornado.csv} and {@code sobol.csv}. Charts and the
 * sweep briefing are drawn from this, never from a live sweep.
 *
 * <p>Only the fan rows over every run (point {@code all}) are kept, so a sweep of many points with
 * replications reads in little memory.
 */
public final class SweepData {
  public static final String SWEEP_JSON = "sweep.json";
  public static final String SUMMARY = "summary.csv";
  public static final String FAN = "fan.csv";
  public static final String TORNADO = "tornado.csv";
  public static final String SOBOL = "sobol.csv";
  /** The journal of a sweep in progress (its {@code DIR.partial} folder). */
  static final String JOURNAL = "journal.csv";

  /** The fan series' metrics. */
  public static final String PRICE = "price";
  public static final String SHORTAGE_PERCENT = "shortage_percent";

  /**
   * A swept parameter as sweep.json records it.
   *
   * @param domain what it takes, in words: "0 to 1 in steps of 0.1", "1, 2, 3, 6", "uniform 0.02 to 0.3"
   * @param anchor for a date set as an offset: "months after policies[name=x].start"; else empty
   * @param baseValue the base scenario's value, as text ("—" for none)
   * @param low the one-at-a-time design's low value, or empty
   * @param high the one-at-a-time design's high value, or empty
   */
  public record Parameter(String name, String path, boolean multiply, String anchor, String domain,
                          String baseValue, String low, String high) {}

  /** A KPI: its column name and its path into a run's summary.json. */
  public record Kpi(String name, String path) {
    /** What it measures, in words ("US shortage"), from its path; the name if the path is not understood. */
    public String what() {
      return KpiText.of(path).map(KpiText::what).orElse(name);
    }

    /** Its unit ("% of demand", "× reference", "months"), or "" if the path is not understood. */
    public String unit() {
      return KpiText.of(path).map(KpiText::unit).orElse("");
    }

    /** The unit after a number in a sentence: "%", "% of demand", "×", " months"; "" if there is none. */
    public String unitAfterNumber() {
      String unit = unit();
      if (unit.isEmpty()) return "";
      if (unit.startsWith("%")) return unit.equals("%") ? "%" : "% " + unit.substring(1).strip();
      if (unit.startsWith("×")) return "×";
      return " " + unit;
    }

    /** An axis label: "US shortage, % of demand". */
    public String axisLabel() {
      return unit().isEmpty() ? what() : what() + ", " + unit();
    }
  }

  /**
   * One row of summary.csv: a point (or {@code all}, every run) and a KPI; statistics are NaN where the file
   * leaves the cell empty.
   */
  public record SummaryRow(String point, String label, List<String> values, String kpi, int n, double mean,
                           double sd, double ciLow, double ciHigh, double p5, double p50, double p95) {}

  /** One month of a fan series over every run. */
  public record FanRow(LocalDate date, String metric, String region, String commodity, String unit, int runs,
                       double mean, double p5, double p25, double p50, double p75, double p95) {}

  /** One row of tornado.csv: a KPI at a parameter's low and high values, and at the base. */
  public record TornadoRow(String kpi, String parameter, String low, String high, double atLow, double atBase,
                           double atHigh, double swing) {}

  /** One row of sobol.csv: first-order and total indices of a parameter for a KPI, with 95% intervals. */
  public record SobolRow(String kpi, String parameter, double s1, double s1Low, double s1High, double st,
                         double stLow, double stHigh, int samples) {}

  private final Path dir;
  private final JsonNode json;
  private final List<Parameter> parameters;
  private final List<Kpi> kpis;
  private final List<SummaryRow> summary;
  private final List<FanRow> fan;
  private final List<TornadoRow> tornado;
  private final List<SobolRow> sobol;

  private SweepData(Path dir, JsonNode json, List<Parameter> parameters, List<Kpi> kpis, List<SummaryRow> summary,
                    List<FanRow> fan, List<TornadoRow> tornado, List<SobolRow> sobol) {
    this.dir = dir;
    this.json = json;
    this.parameters = List.copyOf(parameters);
    this.kpis = List.copyOf(kpis);
    this.summary = List.copyOf(summary);
    this.fan = List.copyOf(fan);
    this.tornado = List.copyOf(tornado);
    this.sobol = List.copyOf(sobol);
  }

  /** Whether {@code dir} is a sweep's result folder (it has a sweep.json), as against a run's. */
  public static boolean isSweepFolder(Path dir) {
    return Files.isRegularFile(dir.resolve(SWEEP_JSON));
  }

  /** Whether {@code dir} holds a sweep that has not finished (a {@code .partial} folder with its journal). */
  public static boolean isUnfinishedSweep(Path dir) {
    return Files.isRegularFile(dir.resolve(JOURNAL)) && !isSweepFolder(dir);
  }

  /**
   * Reads the sweep folder {@code dir}.
   *
   * @throws ResultInputException if {@code dir} is not a complete, readable sweep folder; the message names the
   *     file that is missing or malformed
   */
  public static SweepData load(Path dir) throws ResultInputException {
    String where = dir.toString();
    if (!Files.exists(dir)) throw new ResultInputException(where, "no such sweep folder");
    if (!Files.isDirectory(dir)) {
      throw new ResultInputException(where, "not a folder; give a sweep folder written by magflow sweep");
    }
    if (isUnfinishedSweep(dir)) {
      throw new ResultInputException(where, "an unfinished sweep (its journal, not its results): finish it with "
          + "magflow sweep SWEEP_FILE --resume, then use the folder it writes");
    }
    if (!isSweepFolder(dir)) {
      throw new ResultInputException(where, "not a magflow sweep folder: it has no " + SWEEP_JSON);
    }
    JsonNode json;
    try {
      json = JsonMapper.builder().build().readTree(dir.resolve(SWEEP_JSON).toFile());
    } catch (JsonProcessingException e) {
      throw new ResultInputException(where, "cannot read " + SWEEP_JSON + ": " + oneLine(e), e);
    } catch (IOException e) {
      throw new ResultInputException(where, "cannot read " + SWEEP_JSON + ": " + e, e);
    }
    if (json == null || !json.isObject() || !json.path("parameters").isArray() || !json.path("kpis").isArray()
        || !json.path("design").isTextual()) {
      throw new ResultInputException(where, SWEEP_JSON + " is not a sweep's record: it needs design, parameters "
          + "and kpis (as magflow sweep writes it)");
    }
    if (!Files.isRegularFile(dir.resolve(SUMMARY))) {
      throw new ResultInputException(where, "not a complete magflow sweep folder: it has " + SWEEP_JSON + " but no "
          + SUMMARY + " (a sweep folder holds runs.csv, summary.csv, sweep.json and, with monthly series, fan.csv)");
    }
    var parameters = new ArrayList<Parameter>();
    for (JsonNode p : json.path("parameters")) parameters.add(parameter(p));
    var kpis = new ArrayList<Kpi>();
    for (JsonNode k : json.path("kpis")) kpis.add(new Kpi(k.path("name").asText(), k.path("path").asText()));
    List<SummaryRow> summary = readSummary(dir.resolve(SUMMARY), parameters.size(), where);
    List<FanRow> fan = Files.isRegularFile(dir.resolve(FAN)) ? readFan(dir.resolve(FAN), where) : List.of();
    List<TornadoRow> tornado = Files.isRegularFile(dir.resolve(TORNADO))
        ? readTornado(dir.resolve(TORNADO), where) : List.of();
    List<SobolRow> sobol = Files.isRegularFile(dir.resolve(SOBOL)) ? readSobol(dir.resolve(SOBOL), where) : List.of();
    return new SweepData(dir, json, parameters, kpis, summary, fan, tornado, sobol);
  }

  // ---------------------------------------------------------------------------------------------- accessors

  public Path dir() {
    return dir;
  }

  /** The sweep's name (its result folder's default name). */
  public String name() {
    return json.path("name").asText(dir.getFileName() == null ? "sweep" : dir.getFileName().toString());
  }

  public String description() {
    return json.path("description").asText("");
  }

  /** {@code grid}, {@code monte-carlo}, {@code latin-hypercube}, {@code sobol} or {@code one-at-a-time}. */
  public String design() {
    return json.path("design").asText();
  }

  /** The design in words for a subtitle: "grid", "Monte Carlo", "Latin hypercube", "Sobol (Saltelli)". */
  public String designName() {
    return switch (design()) {
      case "grid" -> "grid";
      case "monte-carlo" -> "Monte Carlo";
      case "latin-hypercube" -> "Latin hypercube";
      case "sobol" -> "Sobol (Saltelli)";
      case "one-at-a-time" -> "one at a time";
      default -> design();
    };
  }

  public String magflowVersion() {
    return json.path("magflowVersion").asText("?");
  }

  public String javaVersion() {
    return json.path("javaVersion").asText("");
  }

  public String command() {
    return json.path("command").asText("");
  }

  public String startedAt() {
    return json.path("startedAt").asText("");
  }

  public double wallSeconds() {
    return json.path("wallSeconds").asDouble(Double.NaN);
  }

  public String executor() {
    return json.path("executor").asText("");
  }

  public int resumedRuns() {
    return json.path("resumedRuns").asInt(0);
  }

  /** The sweep file as the sweep recorded it. */
  public String sweepFile() {
    return json.path("sweepFile").path("path").asText("");
  }

  public String sweepSha256() {
    return json.path("sweepFile").path("sha256").asText("");
  }

  public String baseScenarioFile() {
    return json.path("baseScenario").path("path").asText("");
  }

  public String baseScenarioName() {
    return json.path("baseScenario").path("name").asText("");
  }

  public String baseScenarioSha256() {
    return json.path("baseScenario").path("sha256").asText("");
  }

  public String resolvedScenarioSha256() {
    return json.path("baseScenario").path("resolvedSha256").asText("");
  }

  public long masterSeed() {
    return json.path("masterSeed").asLong();
  }

  /** How many points a sampled design drew, if it drew any. */
  public Optional<Integer> samples() {
    return json.hasNonNull("samples") ? Optional.of(json.get("samples").asInt()) : Optional.empty();
  }

  public int replications() {
    return json.path("replications").asInt(1);
  }

  public int points() {
    return json.path("points").asInt(0);
  }

  public int runs() {
    return json.path("runs").asInt(0);
  }

  /** The first and last month of the fan series, if recorded. */
  public Optional<LocalDate> fanFrom() {
    return optionalDate(json.path("fan").path("from").asText(""));
  }

  public Optional<LocalDate> fanTo() {
    return optionalDate(json.path("fan").path("to").asText(""));
  }

  /** The files the sweep wrote, as sweep.json lists them. */
  public List<String> files() {
    var files = new ArrayList<String>();
    for (JsonNode f : json.path("files")) files.add(f.asText());
    return files;
  }

  public List<Parameter> parameters() {
    return parameters;
  }

  public List<Kpi> kpis() {
    return kpis;
  }

  /** The KPI of this name, if the sweep has it. */
  public Optional<Kpi> kpi(String name) {
    return kpis.stream().filter(k -> k.name().equals(name)).findFirst();
  }

  /** Every row of summary.csv, in file order. */
  public List<SummaryRow> summary() {
    return summary;
  }

  /** The fan rows over every run, in file order (series by series, month by month). */
  public List<FanRow> fan() {
    return fan;
  }

  public List<TornadoRow> tornado() {
    return tornado;
  }

  public List<SobolRow> sobol() {
    return sobol;
  }

  /** "cut-size-duration · grid, 99 runs (99 points × 1) · master seed 42": the subtitle of every sweep chart. */
  public String subtitle() {
    String size = runs() + " runs";
    if (replications() > 1) size += " (" + points() + " points × " + replications() + " replications)";
    return name() + " · " + designName() + ", " + size + " · master seed " + masterSeed();
  }

  /** The source line: which program and sweep file made the figures. */
  public String source() {
    String file = sweepFile().isEmpty() ? name() : sweepFile();
    String base = baseScenarioFile().isEmpty() ? "" : " · base " + baseScenarioFile();
    return "Source: magflow " + magflowVersion() + " sweep · " + file + base;
  }

  // ---------------------------------------------------------------------------------------------- reading

  private static Parameter parameter(JsonNode p) {
    String anchor = "";
    if (p.hasNonNull("monthsAfter")) anchor = "months after " + p.get("monthsAfter").asText();
    else if (p.hasNonNull("daysAfter")) anchor = "days after " + p.get("daysAfter").asText();
    String domain;
    if (p.has("values")) {
      var values = new ArrayList<String>();
      for (JsonNode v : p.get("values")) values.add(text(v));
      domain = String.join(", ", values);
    } else if (p.has("range")) {
      JsonNode r = p.get("range");
      domain = text(r.path("from")) + " to " + text(r.path("to"))
          + (r.hasNonNull("step") ? " in steps of " + text(r.get("step")) : ", drawn uniformly");
    } else if (p.has("distribution")) {
      JsonNode d = p.get("distribution");
      var fields = new ArrayList<String>();
      for (Iterator<Map.Entry<String, JsonNode>> it = d.fields(); it.hasNext(); ) {
        var e = it.next();
        if (!e.getKey().equals("type")) fields.add(e.getKey() + " " + text(e.getValue()));
      }
      domain = d.path("type").asText("distribution") + " (" + String.join(", ", fields) + ")";
    } else {
      domain = "";
    }
    return new Parameter(p.path("name").asText(), p.path("path").asText(), "multiply".equals(p.path("apply").asText()),
        anchor, domain, p.hasNonNull("baseValue") ? text(p.get("baseValue")) : "\u2014",
        p.hasNonNull("low") ? text(p.get("low")) : "", p.hasNonNull("high") ? text(p.get("high")) : "");
  }

  private static String text(JsonNode v) {
    if (v == null || v.isNull() || v.isMissingNode()) return "null";
    return v.isValueNode() ? v.asText() : v.toString();
  }

  /** The lines of a CSV file split into fields, header checked against the columns expected. */
  private interface RowReader<T> {
    T read(List<String> fields, String file, int line) throws ResultInputException;
  }

  private static <T> List<T> read(Path file, List<String> expectedPrefix, String where, java.util.function.Predicate<String> keep,
                                  RowReader<T> reader) throws ResultInputException {
    var rows = new ArrayList<T>();
    String name = file.getFileName().toString();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String header = in.readLine();
      if (header == null) throw new ResultInputException(where, name + " is empty");
      List<String> columns = CsvLine.split(header);
      if (columns.size() < expectedPrefix.size()
          || !columns.subList(0, expectedPrefix.size()).equals(expectedPrefix)) {
        throw new ResultInputException(where, name + " has an unexpected header: expected it to start with "
            + String.join(",", expectedPrefix) + ", found " + header);
      }
      String line;
      int number = 1;
      while ((line = in.readLine()) != null) {
        number++;
        if (line.isEmpty() || !keep.test(line)) continue;
        List<String> fields = CsvLine.split(line);
        if (fields.size() != columns.size()) {
          throw new ResultInputException(where, name + ":" + number + ": expected " + columns.size()
              + " fields, found " + fields.size());
        }
        rows.add(reader.read(fields, name, number));
      }
    } catch (IOException e) {
      throw new ResultInputException(where, "cannot read " + name + ": " + e, e);
    }
    return rows;
  }

  private static List<SummaryRow> readSummary(Path file, int parameterCount, String where)
      throws ResultInputException {
    return read(file, List.of("point", "label"), where, line -> true, (f, name, line) -> {
      int k = 2 + parameterCount;
      if (f.size() != k + 9) {
        throw new ResultInputException(where, name + ":" + line + ": expected " + (k + 9) + " fields for "
            + parameterCount + " parameters, found " + f.size());
      }
      return new SummaryRow(f.get(0), f.get(1), List.copyOf(f.subList(2, k)), f.get(k),
          (int) number(f.get(k + 1), name, line), number(f.get(k + 2), name, line), number(f.get(k + 3), name, line),
          number(f.get(k + 4), name, line), number(f.get(k + 5), name, line), number(f.get(k + 6), name, line),
          number(f.get(k + 7), name, line), number(f.get(k + 8), name, line));
    });
  }

  private static List<FanRow> readFan(Path file, String where) throws ResultInputException {
    return read(file, List.of("point", "date", "metric", "region", "commodity", "unit", "runs", "mean", "p5", "p25",
        "p50", "p75", "p95"), where, line -> line.startsWith("all,"), (f, name, line) -> {
          LocalDate date;
          try {
            date = LocalDate.parse(f.get(1));
          } catch (DateTimeParseException e) {
            throw new ResultInputException(where, name + ":" + line + ": date: expected an ISO date, found '"
                + f.get(1) + "'");
          }
          return new FanRow(date, f.get(2), f.get(3), f.get(4), f.get(5), (int) number(f.get(6), name, line),
              number(f.get(7), name, line), number(f.get(8), name, line), number(f.get(9), name, line),
              number(f.get(10), name, line), number(f.get(11), name, line), number(f.get(12), name, line));
        });
  }

  private static List<TornadoRow> readTornado(Path file, String where) throws ResultInputException {
    return read(file, List.of("kpi", "parameter", "low", "high", "at_low", "at_base", "at_high", "swing"), where,
        line -> true, (f, name, line) -> new TornadoRow(f.get(0), f.get(1), f.get(2), f.get(3),
            number(f.get(4), name, line), number(f.get(5), name, line), number(f.get(6), name, line),
            number(f.get(7), name, line)));
  }

  private static List<SobolRow> readSobol(Path file, String where) throws ResultInputException {
    return read(file, List.of("kpi", "parameter", "S1", "S1_low", "S1_high", "ST", "ST_low", "ST_high", "samples"),
        where, line -> true, (f, name, line) -> new SobolRow(f.get(0), f.get(1), number(f.get(2), name, line),
            number(f.get(3), name, line), number(f.get(4), name, line), number(f.get(5), name, line),
            number(f.get(6), name, line), number(f.get(7), name, line), (int) number(f.get(8), name, line)));
  }

  /** A number cell: empty is NaN (a figure that does not exist). */
  private static double number(String text, String file, int line) throws ResultInputException {
    if (text.isEmpty()) return Double.NaN;
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new ResultInputException(file, file + ":" + line + ": expected a number, found '" + text + "'");
    }
  }

  private static Optional<LocalDate> optionalDate(String text) {
    try {
      return text.isEmpty() ? Optional.empty() : Optional.of(LocalDate.parse(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static String oneLine(Exception e) {
    String m = e.getMessage() == null ? e.toString() : e.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  // ---------------------------------------------------------------------------------------------- KPI text

  /**
   * What a KPI path measures, in words, for axis labels and tables: {@code shortageByRegion[US].
   * shortagePercentOfDemand} is "US shortage" in "% of demand".
   */
  record KpiText(String what, String unit) {
    private static final Pattern PATH = Pattern.compile("^(\\w+)\\[([^\\]]*)\\]\\.(\\w+)$");

    static Optional<KpiText> of(String path) {
      Matcher m = PATH.matcher(path == null ? "" : path.strip());
      if (!m.matches()) return Optional.empty();
      String list = m.group(1);
      String[] keys = m.group(2).split("/", -1);
      String field = m.group(3);
      return switch (list) {
        case "shortageByRegion", "shortageBySector" -> {
          String who = String.join(" ", keys);
          yield shortage(who, field);
        }
        case "prices" -> {
          if (keys.length != 2) yield Optional.empty();
          String zone = switch (keys[0]) {
            case "china" -> "in China";
            case "ex-china" -> "outside China";
            default -> "in " + keys[0];
          };
          yield price(HouseStyle.singularName(keys[1]) + " price " + zone, field);
        }
        case "exportFlows", "exportTotals" -> {
          String flow = list.equals("exportFlows") && keys.length == 3
              ? keys[0] + "\u2192" + keys[1] + " " + HouseStyle.singularName(keys[2])
              : keys[0] + " " + HouseStyle.singularName(keys[keys.length - 1]);
          yield export(flow + " exports", field);
        }
        case "productionShares" -> keys.length == 2 && field.equals("sharePercent")
            ? Optional.of(new KpiText(keys[1] + " share of " + keys[0], "%")) : Optional.empty();
        default -> Optional.empty();
      };
    }

    private static Optional<KpiText> shortage(String who, String field) {
      return Optional.ofNullable(switch (field) {
        case "shortagePercentOfDemand" -> new KpiText(who + " shortage", "% of demand");
        case "cumulativeShortageTonnes" -> new KpiText(who + " shortage", "t");
        case "cumulativeDemandTonnes" -> new KpiText(who + " demand", "t");
        case "peakShortageTonnes" -> new KpiText(who + " worst month's shortage", "t");
        case "peakShortagePercentOfPeriodDemand" -> new KpiText(who + " worst month's shortage", "% of its demand");
        case "periodsInShortage" -> new KpiText(who + " months in shortage", "months");
        case "shortageDurationMonths" -> new KpiText(who + " shortage duration", "months");
        default -> null;
      });
    }

    private static Optional<KpiText> price(String what, String field) {
      return Optional.ofNullable(switch (field) {
        case "peakMultiple" -> new KpiText("Peak " + what, "× reference");
        case "minMultiple" -> new KpiText("Lowest " + what, "× reference");
        case "peakUsdPerKg" -> new KpiText("Peak " + what, "USD/kg");
        case "endUsdPerKg" -> new KpiText("Final " + what, "USD/kg");
        case "referenceUsdPerKg" -> new KpiText("Reference " + what, "USD/kg");
        case "periodsAtCap" -> new KpiText(what + " at the cap", "months");
        default -> null;
      });
    }

    private static Optional<KpiText> export(String what, String field) {
      return Optional.ofNullable(switch (field) {
        case "dropPercent" -> new KpiText("Drop in " + what, "% vs no policy");
        case "worstPeriodDropPercent" -> new KpiText("Worst month's drop in " + what, "% vs no policy");
        case "tonnes" -> new KpiText(Character.toUpperCase(what.charAt(0)) + what.substring(1), "t");
        case "counterfactualTonnes" -> new KpiText(Character.toUpperCase(what.charAt(0)) + what.substring(1)
            + " without policies", "t");
        default -> null;
      });
    }
  }
}
