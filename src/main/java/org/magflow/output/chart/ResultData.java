package org.magflow.output.chart;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.magflow.event.Observation;
import org.magflow.output.RunInfo;
import org.magflow.output.RunJson;
import org.magflow.output.RunSummary;
import org.magflow.output.SummaryJson;
import org.magflow.output.TimeSeriesCsv;

/**
 * A finished run as its result folder records it: the time series, the summary, the scenario as run and how
 * the run came about. Charts and reports are drawn from this alone, never from a live model, so they can be
 * redrawn from any result folder at any later time.
 *
 * <p>Required: {@code timeseries.csv}, {@code summary.json} and {@code scenario.resolved.json}. Optional:
 * {@code run.json} (the magflow version and the scenario file; "unknown" without it) and
 * {@code counterfactual.csv} (the same run without its policies, written for scenarios that have policies).
 */
public final class ResultData {
  /** The scenario as run, as {@code magflow run} names it in a result folder. */
  public static final String RESOLVED_SCENARIO = "scenario.resolved.json";

  /** A commodity of the scenario: its id, its readable name and the unit its tonnes are counted in. */
  public record Commodity(String id, String name, String unit) {}

  /** A region of the scenario, with its readable name and the price zone it buys and sells in. */
  public record Region(String id, String name, String zone) {}

  /**
   * A policy of the scenario and the window it is in force.
   *
   * @param end the first day it no longer applies, or null if it stays in force
   * @param details every other field of the policy as written in the scenario, in file order, as text
   */
  public record PolicyWindow(String name, String type, LocalDate start, LocalDate end,
                             Map<String, String> details) {
    public PolicyWindow {
      details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** The name readers see: its {@code title} if the scenario gives one, else a readable form of its id. */
    public String title() {
      String title = details.get("title");
      return title != null && !title.isBlank() ? title : org.magflow.output.PolicyTitles.of(name);
    }
  }

  private final Path dir;
  private final JsonNode scenario;
  private final String scenarioName;
  private final String description;
  private final long seed;
  private final LocalDate start;
  private final LocalDate end;
  private final String period;
  private final List<Commodity> commodities;
  private final List<Region> regions;
  private final List<PolicyWindow> policies;
  private final Map<String, Double> referencePrices;
  private final RunSummary summary;
  private final RunInfo runInfo;
  private final Map<String, List<Observation>> byMetric;
  private final Map<String, List<Observation>> counterfactualByMetric;
  private final boolean hasCounterfactual;
  private final List<LocalDate> dates;

  private ResultData(Path dir, JsonNode scenario, RunSummary summary, RunInfo runInfo,
                     List<Observation> observations, List<Observation> counterfactual) throws ResultInputException {
    this.dir = dir;
    this.scenario = scenario;
    this.summary = summary;
    this.runInfo = runInfo;
    String file = dir.resolve(RESOLVED_SCENARIO).toString();
    this.scenarioName = text(scenario, "name", file);
    this.description = scenario.path("description").asText("");
    this.seed = runInfo != null ? runInfo.seed() : summary.seed();
    this.start = date(scenario, "start", file);
    this.end = date(scenario, "end", file);
    this.period = switch (scenario.path("clock").path("reporting").asText("monthly")) {
      case "daily" -> "day";
      case "weekly" -> "week";
      case "quarterly" -> "quarter";
      case "monthly" -> "month";
      default -> "period";
    };
    var commodityList = new ArrayList<Commodity>();
    for (JsonNode c : list(scenario, "commodities", file)) {
      String id = text(c, "id", file);
      commodityList.add(new Commodity(id, c.path("name").asText(id), c.path("unit").asText("t")));
    }
    this.commodities = List.copyOf(commodityList);
    var regionList = new ArrayList<Region>();
    for (JsonNode r : list(scenario, "regions", file)) {
      String id = text(r, "id", file);
      regionList.add(new Region(id, r.path("name").asText(id), r.path("priceZone").asText(id)));
    }
    this.regions = List.copyOf(regionList);
    var windows = new ArrayList<PolicyWindow>();
    for (JsonNode p : scenario.path("policies")) {
      var details = new LinkedHashMap<String, String>();
      for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
        var field = it.next();
        String key = field.getKey();
        JsonNode value = field.getValue();
        if (List.of("name", "type", "start", "end").contains(key) || value.isNull()) continue;
        details.put(key, value.isValueNode() ? value.asText() : value.toString());
      }
      windows.add(new PolicyWindow(text(p, "name", file), p.path("type").asText(""), date(p, "start", file),
          p.hasNonNull("end") ? date(p, "end", file) : null, details));
    }
    windows.sort((a, b) -> a.start().compareTo(b.start()));
    this.policies = List.copyOf(windows);
    var references = new LinkedHashMap<String, Double>();
    for (JsonNode ref : scenario.path("market").path("referencePrices")) {
      references.put(ref.path("zone").asText() + "|" + ref.path("commodity").asText(), ref.path("usdPerKg").asDouble());
    }
    this.referencePrices = Collections.unmodifiableMap(references);
    this.byMetric = index(observations);
    this.counterfactualByMetric = index(counterfactual);
    this.hasCounterfactual = !counterfactual.isEmpty();
    var allDates = new TreeSet<LocalDate>();
    for (Observation o : observations) allDates.add(o.date());
    if (allDates.isEmpty()) {
      throw new ResultInputException(dir.toString(), dir.resolve(TimeSeriesCsv.FILE_NAME)
          + " holds no rows: the run reported nothing to chart");
    }
    this.dates = List.copyOf(allDates);
  }

  /**
   * Reads the result folder {@code dir}.
   *
   * @throws ResultInputException if {@code dir} is not a readable magflow result folder; the message names
   *     the file that is missing or malformed
   */
  public static ResultData load(Path dir) throws ResultInputException {
    String where = dir.toString();
    if (!Files.exists(dir)) throw new ResultInputException(where, "no such result folder");
    if (!Files.isDirectory(dir)) {
      throw new ResultInputException(where, "not a folder; give a result folder written by magflow run");
    }
    for (String required : List.of(TimeSeriesCsv.FILE_NAME, SummaryJson.FILE_NAME, RESOLVED_SCENARIO)) {
      if (!Files.isRegularFile(dir.resolve(required))) {
        throw new ResultInputException(where, "not a magflow result folder: it has no " + required
            + " (a result folder, as magflow run writes it, holds timeseries.csv, summary.json, "
            + "scenario.resolved.json and run.json)");
      }
    }
    ObjectMapper mapper = JsonMapper.builder()
        .addModule(new JavaTimeModule())
        // Tolerant of fields a later magflow adds; the fields read here are checked where they are used.
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build();
    JsonNode scenario = readJson(mapper, dir.resolve(RESOLVED_SCENARIO), where);
    RunSummary summary;
    try {
      summary = mapper.readValue(dir.resolve(SummaryJson.FILE_NAME).toFile(), RunSummary.class);
    } catch (IOException | RuntimeException e) {
      throw new ResultInputException(where, "cannot read " + SummaryJson.FILE_NAME + ": " + oneLine(e), e);
    }
    RunInfo runInfo = null;
    Path runJson = dir.resolve(RunJson.FILE_NAME);
    if (Files.isRegularFile(runJson)) {
      try {
        runInfo = mapper.readValue(runJson.toFile(), RunInfo.class);
      } catch (IOException | RuntimeException e) {
        throw new ResultInputException(where, "cannot read " + RunJson.FILE_NAME + ": " + oneLine(e), e);
      }
    }
    var csv = new TimeSeriesCsv();
    List<Observation> observations = readCsv(csv, dir.resolve(TimeSeriesCsv.FILE_NAME), where);
    Path counterfactualFile = dir.resolve(TimeSeriesCsv.COUNTERFACTUAL_FILE_NAME);
    List<Observation> counterfactual = Files.isRegularFile(counterfactualFile)
        ? readCsv(csv, counterfactualFile, where)
        : List.of();
    return new ResultData(dir, scenario, summary, runInfo, observations, counterfactual);
  }

  private static JsonNode readJson(ObjectMapper mapper, Path file, String where) throws ResultInputException {
    try {
      JsonNode node = mapper.readTree(file.toFile());
      if (node == null || !node.isObject()) {
        throw new ResultInputException(where, file.getFileName() + " is not a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new ResultInputException(where, "cannot read " + file.getFileName() + ": " + oneLine(e), e);
    } catch (IOException e) {
      throw new ResultInputException(where, "cannot read " + file.getFileName() + ": " + e, e);
    }
  }

  private static List<Observation> readCsv(TimeSeriesCsv csv, Path file, String where)
      throws ResultInputException {
    try {
      return csv.read(file);
    } catch (IOException | RuntimeException e) {
      throw new ResultInputException(where, "cannot read " + file.getFileName() + ": " + oneLine(e), e);
    }
  }

  private static String oneLine(Exception e) {
    String message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse("");
  }

  private static Map<String, List<Observation>> index(List<Observation> observations) {
    var map = new LinkedHashMap<String, List<Observation>>();
    for (Observation o : observations) map.computeIfAbsent(o.metric(), k -> new ArrayList<>()).add(o);
    map.replaceAll((k, v) -> List.copyOf(v));
    return Collections.unmodifiableMap(map);
  }

  private static String text(JsonNode node, String field, String file) throws ResultInputException {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual() || value.asText().isEmpty()) {
      throw new ResultInputException(file, "expected a text field '" + field + "' in " + abbreviate(node));
    }
    return value.asText();
  }

  private static LocalDate date(JsonNode node, String field, String file) throws ResultInputException {
    String value = text(node, field, file);
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new ResultInputException(file, "field '" + field + "': expected an ISO date, found '" + value + "'");
    }
  }

  private static Iterable<JsonNode> list(JsonNode node, String field, String file) throws ResultInputException {
    JsonNode value = node.get(field);
    if (value == null || !value.isArray()) {
      throw new ResultInputException(file, "expected a list '" + field + "'");
    }
    return value;
  }

  private static String abbreviate(JsonNode node) {
    String s = node.toString();
    return s.length() > 80 ? s.substring(0, 77) + "..." : s;
  }

  /** The result folder this was read from. */
  public Path dir() {
    return dir;
  }

  /** The scenario as run ({@code scenario.resolved.json}), for fields this class does not interpret. */
  public JsonNode scenario() {
    return scenario;
  }

  public String scenarioName() {
    return scenarioName;
  }

  /** The scenario's description; empty if it has none. */
  public String description() {
    return description;
  }

  public long seed() {
    return seed;
  }

  /** The scenario's first day. */
  public LocalDate start() {
    return start;
  }

  /** The scenario's last day. */
  public LocalDate end() {
    return end;
  }

  /** The reporting period in words: month, quarter, week, day. */
  public String period() {
    return period;
  }

  /** The magflow version that wrote the result, from run.json ("unknown" without it). */
  public String magflowVersion() {
    return runInfo == null ? "unknown" : runInfo.magflowVersion();
  }

  /** The scenario file as the user named it when running, from run.json; empty if unknown. */
  public String scenarioFile() {
    return runInfo != null ? runInfo.scenarioFile() : summary.scenarioFile();
  }

  /** How the run came about, if the folder has a run.json. */
  public Optional<RunInfo> runInfo() {
    return Optional.ofNullable(runInfo);
  }

  public RunSummary summary() {
    return summary;
  }

  public List<Commodity> commodities() {
    return commodities;
  }

  public List<Region> regions() {
    return regions;
  }

  /** The policies in order of their start dates. */
  public List<PolicyWindow> policies() {
    return policies;
  }

  /** Whether the folder holds the counterfactual run's series (the scenario has policies). */
  public boolean hasCounterfactual() {
    return hasCounterfactual;
  }

  /** The rows of one metric, in file order (empty if the run reported none). */
  public List<Observation> rows(String metric) {
    return byMetric.getOrDefault(metric, List.of());
  }

  /** The counterfactual run's rows of one metric (empty if there is no counterfactual or no such row). */
  public List<Observation> counterfactualRows(String metric) {
    return counterfactualByMetric.getOrDefault(metric, List.of());
  }

  /** The metrics the run reported, in file order. */
  public List<String> metrics() {
    return List.copyOf(byMetric.keySet());
  }

  /** The reporting dates (period ends), ascending. */
  public List<LocalDate> dates() {
    return dates;
  }

  /** The reference price of a commodity in a zone, if the scenario sets one. */
  public Optional<Double> referencePrice(String zone, String commodity) {
    return Optional.ofNullable(referencePrices.get(zone + "|" + commodity));
  }

  /** The commodity with this id, or one named after the id if the scenario does not list it. */
  public Commodity commodity(String id) {
    return commodities.stream().filter(c -> c.id().equals(id)).findFirst().orElse(new Commodity(id, id, "t"));
  }

  /** The region with this id, or one named after the id if the scenario does not list it. */
  public Region region(String id) {
    return regions.stream().filter(r -> r.id().equals(id)).findFirst().orElse(new Region(id, id, id));
  }

  /** The price zones in the order their first region is listed. */
  public List<String> zones() {
    return regions.stream().map(Region::zone).distinct().toList();
  }
}
