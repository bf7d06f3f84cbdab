package org.magflow.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.magflow.reliability.Cli.Outcome;
import org.magflow.scenario.PolicyFamilies;
import org.magflow.scenario.Problem;
import org.magflow.scenario.ScenarioLoader;
import org.magflow.scenario.ScenarioSpec;
import org.magflow.scenario.ScenarioSpec.ProducerSpec;
import org.magflow.scenario.ScenarioValidator;

/**
 * Hostile input through the command line, as a user meets it: every case of the bad-input corpus
 * ({@code src/test/resources/bad}) and the cases too large to keep in the repository, generated here (a million
 * agents, a 100 MB file, a run that would take days, output paths that would replace other folders). Each must
 * exit with code 2, print one clear message per problem with its location and no stack trace (with or without
 * {@code --debug}), and write nothing: no result folder and no temporary folder.
 */
class HostileInputTest {
  static final Path BAD = Path.of("src/test/resources/bad");
  private static final String TINY = "src/test/resources/scenarios/tiny.yaml";

  @TempDir Path tmp;

  /** The corpus cases and the problem lines expected.txt gives for each (as ScenarioLoaderTest reads them). */
  static Stream<Arguments> corpus() throws IOException {
    Map<String, List<String>> cases = new LinkedHashMap<>();
    List<String> current = null;
    for (String line : Files.readAllLines(BAD.resolve("expected.txt"))) {
      if (line.startsWith("#") || line.isBlank()) continue;
      if (line.startsWith("== ")) {
        current = new ArrayList<>();
        cases.put(line.substring(3).strip(), current);
      } else {
        current.add(line.replace("{policy types}", String.join(", ", PolicyFamilies.SHIPPED.names())));
      }
    }
    return cases.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void corpusCase_run_exits2_printsItsProblemsWithLocations_noStackTrace_writesNothing(String file,
      List<String> expected) throws IOException {
    Path results = tmp.resolve("results");
    List<String> expectedErr = expected.stream().map(l -> "error: " + BAD + "/" + l).toList();
    for (boolean debug : new boolean[] {false, true}) {
      Outcome o = debug
          ? Cli.magflow("run", BAD.resolve(file).toString(), "--results", results.toString(), "--debug")
          : Cli.magflow("run", BAD.resolve(file).toString(), "--results", results.toString());
      assertEquals(2, o.exitCode(), o.err());
      assertEquals(String.join("\n", expectedErr), String.join("\n", o.errLines()));
      assertEquals("", o.out());
      assertFalse(Cli.hasStackTrace(o.err()), o.err());
      assertEquals(List.of(), Cli.tree(tmp), "nothing written");
    }
    Outcome v = Cli.magflow("validate", BAD.resolve(file).toString());
    assertEquals(2, v.exitCode());
    assertEquals(expectedErr, v.errLines());
  }

  /** Runs a generated scenario and checks the common contract; returns its error lines. */
  private List<String> refused(Path scenario, String... moreArgs) throws IOException {
    Path results = tmp.resolve("results");
    List<String> args = new ArrayList<>(List.of("run", scenario.toString(), "--results", results.toString()));
    args.addAll(List.of(moreArgs));
    Outcome o = Cli.magflow(args.toArray(String[]::new));
    assertEquals(2, o.exitCode(), o.err());
    assertEquals("", o.out());
    assertFalse(Cli.hasStackTrace(o.err()), o.err());
    assertFalse(Files.exists(results), "no result folder");
    try (Stream<Path> entries = Files.list(scenario.getParent())) {
      assertEquals(List.of(), entries.filter(p -> p.getFileName().toString().startsWith(".")).toList(), "no temp dirs");
    }
    for (String line : o.errLines()) assertTrue(line.startsWith("error: " + scenario), line);
    return o.errLines();
  }

  /**
   * A scenario whose producers and demand lists are written by the caller, one entry per line ({@code #} stands
   * for the entry's number). JSON for a {@code .json} file, which reads about ten times faster than YAML.
   */
  private static void writeScenario(Path file, String end, String clock, int producers, String producer,
      int demand, String demandEntry) throws IOException {
    boolean json = file.toString().endsWith(".json");
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      String head = """
          name: generated
          start: 2025-01-01
          end: %s
          clock: %s
          commodities: [{id: reo}]
          regions: [{id: CN, priceZone: CN}, {id: US, priceZone: XC}]
          market:
            referencePrices: [{commodity: reo, zone: CN, usdPerKg: 5}, {commodity: reo, zone: XC, usdPerKg: 6}]
          trade:
            domestic: {transitDays: 3, freightUsdPerKg: 0.05}
            default: {transitDays: 40, freightUsdPerKg: 0.5}
          recipes: [{id: mine, stage: mining, outputs: {reo: 1}}]
          """.formatted(end, clock);
      if (json) {
        w.write("{\"name\": \"generated\", \"start\": \"2025-01-01\", \"end\": \"" + end + "\",\n");
        w.write("\"clock\": " + jsonOf(clock) + ",\n");
        w.write("\"commodities\": [{\"id\": \"reo\"}],\n"
            + "\"regions\": [{\"id\": \"CN\", \"priceZone\": \"CN\"}, {\"id\": \"US\", \"priceZone\": \"XC\"}],\n"
            + "\"market\": {\"referencePrices\": [{\"commodity\": \"reo\", \"zone\": \"CN\", \"usdPerKg\": 5},"
            + " {\"commodity\": \"reo\", \"zone\": \"XC\", \"usdPerKg\": 6}]},\n"
            + "\"trade\": {\"domestic\": {\"transitDays\": 3, \"freightUsdPerKg\": 0.05},"
            + " \"default\": {\"transitDays\": 40, \"freightUsdPerKg\": 0.5}},\n"
            + "\"recipes\": [{\"id\": \"mine\", \"stage\": \"mining\", \"outputs\": {\"reo\": 1}}],\n");
      } else {
        w.write(head);
      }
      w.write(json ? "\"producers\": [\n" : "producers:\n");
      String producerText = json ? jsonOf(producer) : producer;
      String demandText = json ? jsonOf(demandEntry) : demandEntry;
      for (int i = 0; i < producers; i++) w.write(entry(json, producerText, i, i + 1 == producers));
      w.write(json ? "],\n\"demand\": [\n" : demand == 0 ? "demand: []\n" : "demand:\n");
      for (int i = 0; i < demand; i++) w.write(entry(json, demandText, i, i + 1 == demand));
      if (json) w.write("]}\n");
    }
  }

  /** One list entry from its text with {@code #} for its number (JSON already converted). */
  private static String entry(boolean json, String text, int i, boolean last) {
    String e = text.replace("#", Integer.toString(i));
    return json ? e + (last ? "\n" : ",\n") : "  - " + e + "\n";
  }

  /** A YAML flow mapping of plain words and numbers, as JSON. */
  private static String jsonOf(String flowYaml) {
    return flowYaml.replaceAll("([A-Za-z_#][A-Za-z0-9_#-]*|\\d{4}-\\d{2}-\\d{2})", "\"$1\"")
        .replaceAll("\"(true|false)\"", "$1");
  }

  private static final String PRODUCER = "{id: p#, region: CN, facilities: [{id: f#, recipe: mine, capacity: "
      + "[{date: 2025-01-01, tonnesPerYear: 100}]}]}";
  private static final String DEMAND = "{id: d#, region: US, sector: ev, commodity: reo, baseTonnesPerYear: 10, "
      + "growthPerYear: 0, priceElasticity: 0, priority: 50, unmet: lost, stock: {initialTonnes: 1, "
      + "targetCoverDays: 30}}";

  @Test
  void aMillionAgents_writtenCompactly_failFast_withTheAgentLimit() throws IOException {
    Path file = tmp.resolve("million.yaml");
    try (BufferedWriter w = Files.newBufferedWriter(file)) {
      w.write(Files.readString(Path.of(TINY)).replaceAll("(?s)producers:.*", ""));
      w.write("producers: [");
      for (int i = 0; i < 1_000_000; i++) w.write(i == 0 ? "{}" : ",{}");
      w.write("]\ndemand: []\n");
    }
    assertTrue(Files.size(file) < ScenarioLoader.MAX_FILE_BYTES, "under the size limit, so the agent limit is met");
    List<String> err = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> refused(file));
    assertEquals(1, err.size(), err.toString());
    assertTrue(err.get(0).matches("error: .*million\\.yaml:\\d+:\\d+: producers\\[10000\\]: too many agents: more than"
        + " 10000 producers and demand sectors; at most 10000"), err.get(0));
  }

  @Test
  void aMillionAgents_inJson_failFast_withTheAgentLimit() throws IOException {
    Path file = tmp.resolve("million.json");
    try (BufferedWriter w = Files.newBufferedWriter(file)) {
      w.write("{\"name\": \"million\", \"demand\": [");
      for (int i = 0; i < 1_000_000; i++) w.write(i == 0 ? "{}" : ",{}");
      w.write("]}\n");
    }
    List<String> err = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> refused(file));
    assertEquals(List.of("error: " + file + ":1:30032: demand[10000]: too many agents: more than 10000 producers and"
        + " demand sectors; at most 10000"), err);
  }

  @Test
  void aMillionAgents_writtenInFull_areOverTheFileSizeLimit() throws IOException {
    Path file = tmp.resolve("million-full.json");
    writeScenario(file, "2026-01-01", "{}", 500_000, PRODUCER, 500_000, DEMAND);
    long size = Files.size(file);
    assertTrue(size > 100_000_000L, "written out, a million agents take " + size + " bytes");
    List<String> err = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> refused(file));
    assertEquals(List.of("error: " + file + ": the file is %d bytes (%.1f MiB); the limit is 10485760 bytes (10 MiB)"
        .formatted(size, size / 1048576.0)), err);
  }

  @Test
  void aMillionAgents_builtInCode_areRefusedByTheValidator_withOneMessage() {
    List<ProducerSpec> producers = new ArrayList<>(1_000_000);
    for (int i = 0; i < 1_000_000; i++) {
      producers.add(new ProducerSpec("p" + i, null, "CN", null, List.of(), null, null, null, null));
    }
    ScenarioSpec tiny = new ScenarioLoader().load(Path.of(TINY)).scenario();
    ScenarioSpec huge = new ScenarioSpec(tiny.name(), null, tiny.start(), tiny.end(), null, null, tiny.commodities(),
        tiny.regions(), tiny.market(), tiny.trade(), tiny.recipes(), producers, List.of(), null, List.of(), null, null, null);
    List<Problem> problems = assertTimeoutPreemptively(Duration.ofSeconds(20),
        () -> ScenarioValidator.validate(huge, "huge"));
    assertEquals(List.of("huge: producers: too many agents: 1000000 producers and demand sectors; at most 10000"),
        problems.stream().map(Problem::toString).toList());
  }

  @Test
  void aFileOf100MB_isRefusedBeforeItIsRead() throws IOException {
    Path file = tmp.resolve("huge.yaml");
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(100L * 1024 * 1024); // sparse: nothing is written
    }
    assertEquals(List.of("error: " + file + ": the file is 104857600 bytes (100.0 MiB); the limit is 10485760 bytes"
        + " (10 MiB)"), refused(file));
  }

  @Test
  void aDirectoryGivenAsTheScenario_isRefused() throws IOException {
    Path dir = Files.createDirectory(tmp.resolve("folder.yaml"));
    assertEquals(List.of("error: " + dir + ": is a directory; expected a .yaml, .yml or .json file"), refused(dir));
  }

  @Test
  void anEmptyFile_isRefused() throws IOException {
    Path file = Files.createFile(tmp.resolve("empty.json"));
    assertEquals(List.of("error: " + file + ": the file is empty"), refused(file));
  }

  @Test
  void aMillionValues_failFast_beforeTheyAreBound() throws IOException {
    Path file = tmp.resolve("values.json");
    try (BufferedWriter w = Files.newBufferedWriter(file)) {
      w.write("{\"name\": \"values\", \"extra\": [");
      for (int i = 0; i < ScenarioLoader.MAX_VALUES; i++) w.write(i == 0 ? "1" : ",1");
      w.write("]}\n");
    }
    List<String> err = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> refused(file));
    assertEquals(1, err.size(), err.toString());
    assertTrue(err.get(0).contains(": the file holds more than 1000000 values"), err.get(0));
  }

  @Test
  void thousandsOfBrokenEntries_reportTheFirst200_andHowManyMore() throws IOException {
    Path file = tmp.resolve("broken.yaml");
    writeScenario(file, "2026-01-01", "{clearingDays: 366}", 10_000, "{}", 0, ""); // under the work bound
    List<String> err = refused(file);
    assertEquals(ScenarioLoader.MAX_PROBLEMS + 1, err.size());
    assertTrue(err.get(0).startsWith("error: " + file + ":14:5: producers[0].facilities: missing;"), err.get(0));
    assertTrue(err.get(err.size() - 1).matches("error: .*broken\\.yaml: \\d+ more problems not shown; fix these and"
        + " check the file again"), err.get(err.size() - 1));
  }

  @Test
  void tenThousandAgents_clearingDailyFor100Years_isRefusedBeforeItRuns() throws IOException {
    Path file = tmp.resolve("days.json");
    writeScenario(file, "2124-12-31", "{productionDays: 1, clearingDays: 1, consumptionDays: 1}", 5_000, PRODUCER,
        5_000, DEMAND);
    List<String> err = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> refused(file));
    assertEquals(2, err.size(), err.toString());
    assertTrue(err.stream().anyMatch(l -> l.contains("clock.clearingDays: the run would take too long: 10000 agents,"
        + " 5000 of them producers, over 36889 market clearings")), err.toString());
    assertTrue(err.stream().anyMatch(l -> l.contains("clock.reporting: the run would report too much: 10000 agents"
        + " over 1200 monthly periods")), err.toString());
  }

  @Test
  void aRunOfTooManyAgentPairClearings_isRefused_withTheBound() throws IOException {
    Path file = tmp.resolve("pairs.json");
    writeScenario(file, "2026-01-01", "{clearingDays: 1}", 3_000, PRODUCER, 3_000, DEMAND);
    List<String> err = refused(file);
    assertEquals(List.of("error: " + file + ":2:11: clock.clearingDays: the run would take too long: 6000 agents, 3000"
        + " of them producers, over 731 market clearings (every 1 days for 365 days plus 365 days of warm-up) is 13158"
        + " million agent-pair clearings; at most 1000 million (about ten minutes). Clear less often, shorten the"
        + " horizon or aggregate agents"), err);
  }

  @Test
  void aRunThatWouldReportTooMuch_isRefused_withTheBound() throws IOException {
    Path file = tmp.resolve("rows.json");
    writeScenario(file, "2027-01-01", "{reporting: daily}", 1, PRODUCER, 2_000, DEMAND);
    List<String> err = refused(file);
    assertEquals(List.of("error: " + file + ":2:11: clock.reporting: the run would report too much: 2001 agents over"
        + " 731 daily periods is 1462731 agent-periods (about ten rows of timeseries.csv each); at most 1000000."
        + " Report less often, shorten the horizon or aggregate agents"), err);
  }

  @Test
  void theLongestHorizonADateCanHold_isRefused_withTheHorizonLimit() throws IOException {
    Path file = tmp.resolve("ages.yaml");
    Files.writeString(file, Files.readString(Path.of(TINY)).replace("start: 2025-01-01", "start: 0001-01-01")
        .replace("end: 2027-01-01", "end: 9999-12-31"));
    assertEquals(LocalDate.of(1, 1, 1).plusYears(9998), LocalDate.of(9999, 1, 1));
    assertEquals(List.of("error: " + file + ":6:1: end: expected a date at most 100 years after start (by 0101-01-01),"
        + " found 9999-12-31, 9998 years after"), refused(file));
  }

  // ---- output paths ----------------------------------------------------------------------------------------------

  @Test
  void aNameThatWouldLeaveTheResultsFolder_isRefused_andNothingIsWrittenAnywhere() throws IOException {
    Path root = Files.createDirectories(tmp.resolve("work/results"));
    for (String name : List.of("../x", "..", "/tmp/x", "a/b", "x\\\\y", ".hidden")) {
      Path file = tmp.resolve("named.yaml");
      Files.writeString(file, Files.readString(Path.of(TINY)).replace("name: tiny", "name: '" + name + "'"));
      Outcome o = Cli.magflow("run", file.toString(), "--results", root.toString());
      assertEquals(2, o.exitCode(), name + ": " + o.err());
      assertTrue(o.err().startsWith("error: " + file + ":3:1: name: expected letters, digits, '-' or '_' only"),
          o.err());
      assertEquals(List.of("named.yaml", "work", "work/results"), Cli.tree(tmp), name);
    }
  }

  @Test
  void theDefaultResultFolder_isDirectlyInsideResults_evenWhenResultsIsWrittenWithDots() throws IOException {
    Path root = tmp.resolve("a/../results");
    Outcome o = Cli.magflow("run", TINY, "--results", root.toString());
    assertEquals(0, o.exitCode(), o.err());
    assertTrue(Files.isRegularFile(tmp.resolve("results/tiny/run.json")));
    assertEquals(List.of("results", "results/tiny"),
        Cli.tree(tmp).stream().filter(p -> !p.startsWith("results/tiny/")).toList());
  }

  @Test
  void out_aFolderOfOtherFiles_isRefused_andLeftAsItWas() throws IOException {
    Path home = Files.createDirectories(tmp.resolve("home"));
    Files.writeString(home.resolve("thesis.docx"), "years of work");
    Files.createDirectories(tmp.resolve("work"));
    for (Path out : List.of(home, tmp.resolve("work/../home"), tmp)) {
      Outcome o = Cli.magflow("run", TINY, "-o", out.toString());
      assertEquals(2, o.exitCode(), o.err());
      assertEquals("error: " + out + ": exists and is not a magflow result folder (it has no run.json); a run"
          + " replaces the whole folder, so choose a new or empty folder, or one an earlier run wrote\n",
          o.err().replace("\r\n", "\n"));
      assertEquals(List.of("home", "home/thesis.docx", "work"), Cli.tree(tmp));
    }
  }

  @Test
  void out_aFileOrTheRoot_isRefused_withExit2() throws IOException {
    Path file = Files.writeString(tmp.resolve("notes.txt"), "notes");
    Outcome o = Cli.magflow("run", TINY, "-o", file.toString(), "--debug");
    assertEquals(2, o.exitCode(), o.err());
    assertEquals("error: " + file + ": exists and is not a folder; choose another output path\n", o.err());
    Outcome root = Cli.magflow("run", TINY, "-o", tmp.getRoot().toString());
    assertEquals(2, root.exitCode(), root.err());
    assertEquals("error: " + tmp.getRoot() + ": is a file-system root; choose a folder for the results\n", root.err());
    Outcome hidden = Cli.magflow("run", TINY, "-o", tmp.resolve(".out").toString());
    assertEquals(2, hidden.exitCode(), hidden.err());
    assertEquals(List.of("notes.txt"), Cli.tree(tmp));
  }

  @Test
  void out_anEmptyFolderOrAnEarlierResult_isWritten_anywhereTheUserChooses() throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("elsewhere/empty"));
    assertEquals(0, Cli.magflow("run", TINY, "-o", empty.toString()).exitCode());
    assertTrue(Files.isRegularFile(empty.resolve("run.json")));
    Outcome again = Cli.magflow("run", TINY, "-o", tmp.resolve("elsewhere/x/../empty").toString(), "--seed", "3");
    assertEquals(0, again.exitCode(), again.err());
    assertTrue(Files.readString(empty.resolve("run.json")).contains("\"seed\": 3"));
    assertEquals(List.of("elsewhere", "elsewhere/empty"),
        Cli.tree(tmp).stream().filter(p -> !p.startsWith("elsewhere/empty/")).toList(), "no temp dirs left");
  }
}
