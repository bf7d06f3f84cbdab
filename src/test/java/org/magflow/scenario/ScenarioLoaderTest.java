package org.magflow.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.junit.jupiter.params.provider.ValueSource;

class ScenarioLoaderTest {
  static final Path TINY_YAML = Path.of("src/test/resources/scenarios/tiny.yaml");
  static final Path TINY_JSON = Path.of("src/test/resources/scenarios/tiny.json");
  static final Path BAD = Path.of("src/test/resources/bad");
  static final Path EXPECTED = BAD.resolve("expected.txt");

  private final ScenarioLoader loader = new ScenarioLoader();

  static ScenarioSpec tiny() {
    LoadResult r = new ScenarioLoader().load(TINY_YAML);
    assertEquals(List.of(), r.problems());
    return r.scenario();
  }

  @Test
  void load_tinyYaml_hasNoProblems() {
    LoadResult r = loader.load(TINY_YAML);
    assertEquals(List.of(), r.problems());
    assertTrue(r.ok());
    assertEquals("tiny", r.scenario().name());
    assertEquals(2, r.scenario().regions().size());
    assertEquals(1, r.scenario().policies().size());
  }

  @Test
  void load_tinyJson_givesTheSameSpecAsTinyYaml() {
    LoadResult json = loader.load(TINY_JSON);
    assertEquals(List.of(), json.problems());
    assertEquals(loader.load(TINY_YAML).scenario(), json.scenario());
  }

  @Test
  void load_sameLoaderTwice_givesEqualResults() {
    assertEquals(loader.load(TINY_YAML), loader.load(TINY_YAML));
    assertEquals(loader.load(BAD.resolve("unknown-fields-several.yaml")),
        loader.load(BAD.resolve("unknown-fields-several.yaml")));
  }

  /** Each corpus case: its file name and the lines expected.txt gives for it. */
  static Stream<Arguments> badCases() throws IOException {
    return expectations().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  static Map<String, List<String>> expectations() throws IOException {
    Map<String, List<String>> cases = new LinkedHashMap<>();
    List<String> current = null;
    for (String line : Files.readAllLines(EXPECTED)) {
      if (line.startsWith("#") || line.isBlank()) continue;
      if (line.startsWith("== ")) {
        current = new ArrayList<>();
        cases.put(line.substring(3).strip(), current);
      } else {
        current.add(line.replace("{policy types}", String.join(", ", PolicyFamilies.SHIPPED.names())));
      }
    }
    return cases;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badCases")
  void load_badFile_reportsExactlyTheExpectedProblems(String fileName, List<String> expected) {
    Path file = BAD.resolve(fileName);
    LoadResult r = loader.load(file);
    assertFalse(r.ok(), "loaded without problems");
    assertNull(r.scenario());
    List<String> actual = r.problems().stream()
        .map(p -> new Problem(corpusName(p.file()), p.path(), p.line(), p.column(), p.message()).toString())
        .toList();
    assertEquals(String.join("\n", expected), String.join("\n", actual));
  }

  /**
   * A problem's file as expected.txt names it: relative to the corpus folder, so a case's own file is named by
   * its file name and a base it extends by e.g. {@code bases/good.yaml}.
   */
  private static String corpusName(String file) {
    Path path = Path.of(file);
    assertTrue(path.startsWith(BAD), "a problem names a file outside the corpus: " + file);
    return BAD.relativize(path).toString().replace(java.io.File.separatorChar, '/');
  }

  @Test
  void badCorpus_everyFileHasExpectations_andEveryExpectationHasAFile() throws IOException {
    List<String> files;
    try (Stream<Path> list = Files.list(BAD)) {
      // folders (bases/) hold the files that cases extend; they are not cases themselves
      files = list.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
          .filter(n -> !n.equals("expected.txt")).sorted().toList();
    }
    assertEquals(files, expectations().keySet().stream().sorted().toList());
    assertTrue(files.size() >= 25, "the corpus has " + files.size() + " cases");
  }

  @Test
  void load_directory_isAProblem(@TempDir Path dir) {
    assertOneProblem(loader.load(dir), dir + ": is a directory; expected a .yaml, .yml or .json file");
  }

  @Test
  void load_missingFile_isAProblem(@TempDir Path dir) {
    Path missing = dir.resolve("nowhere.yaml");
    assertOneProblem(loader.load(missing), missing + ": no such file");
  }

  @ParameterizedTest
  @ValueSource(strings = {"scenario.txt", "scenario", "scenario.yaml.bak"})
  void load_otherExtension_isAProblem(String name, @TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve(name), Files.readString(TINY_YAML));
    assertOneProblem(loader.load(file), file + ": expected a .yaml, .yml or .json file");
  }

  @Test
  void load_ymlAndUpperCaseExtensions_areYaml(@TempDir Path dir) throws IOException {
    for (String name : List.of("tiny.yml", "TINY.YAML")) {
      Path file = Files.copy(TINY_YAML, dir.resolve(name));
      assertEquals(List.of(), loader.load(file).problems(), name);
    }
  }

  @Test
  void load_fileOverTheSizeLimit_saysTheSizeAndTheLimit(@TempDir Path dir) throws IOException {
    Path big = dir.resolve("big.yaml");
    try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
      f.setLength(ScenarioLoader.MAX_FILE_BYTES + 1); // sparse: no 10 MiB written
    }
    assertOneProblem(loader.load(big),
        big + ": the file is 10485761 bytes (10.0 MiB); the limit is 10485760 bytes (10 MiB)");
  }

  @Test
  void load_unreadableFile_isAProblem(@TempDir Path dir) throws IOException {
    Path file = Files.copy(TINY_YAML, dir.resolve("locked.yaml"));
    boolean locked = file.toFile().setReadable(false, false) && !Files.isReadable(file);
    assumeTrue(locked, "the file system or user (root) ignores permissions");
    assertOneProblem(loader.load(file), file + ": cannot read the file: permission denied");
  }

  @Test
  void parse_byteOrderMark_isIgnored() throws IOException {
    LoadResult r = loader.parse("tiny.yaml", "\uFEFF" + Files.readString(TINY_YAML), false);
    assertEquals(List.of(), r.problems());
  }

  @Test
  void parse_problemsNameTheFileAsGiven() {
    LoadResult r = loader.parse("my label", "name: x\n", false);
    assertFalse(r.ok());
    for (Problem p : r.problems()) assertEquals("my label", p.file());
  }

  @Test
  void parse_problemsComeInFileOrder() {
    LoadResult r = loader.load(BAD.resolve("unknown-fields-several.yaml"));
    assertEquals(r.problems().stream().sorted(Problem.IN_FILE_ORDER).toList(), r.problems());
  }

  @Test
  void parse_jsonComments_areAllowed() throws IOException {
    String json = "/* a block comment */\n" + Files.readString(TINY_JSON);
    assertEquals(List.of(), loader.parse("tiny.json", json, true).problems());
  }

  @Test
  void parse_jsonNaN_isASyntaxError_inWords_withoutTheParsersOwnSwitches() throws IOException {
    for (String nan : List.of("NaN", "Infinity", "-Infinity")) {
      String json = Files.readString(TINY_JSON).replace("\"cut\": 0.3", "\"cut\": " + nan);
      LoadResult r = loader.parse("tiny.json", json, true);
      assertEquals(1, r.problems().size());
      assertEquals("invalid JSON: '" + nan + "' is not a number JSON allows; give a finite number",
          r.problems().get(0).message());
    }
  }

  /** Paths of every required field in tiny.json, as JSON pointers. */
  static Stream<String> requiredFields() {
    return Stream.of("/name", "/start", "/end", "/commodities", "/commodities/0/id", "/regions", "/regions/1/id",
        "/regions/1/priceZone", "/market", "/market/referencePrices", "/market/referencePrices/2/commodity",
        "/market/referencePrices/2/zone", "/market/referencePrices/2/usdPerKg", "/trade", "/trade/domestic",
        "/trade/domestic/transitDays", "/trade/domestic/freightUsdPerKg", "/trade/default",
        "/trade/default/transitDays", "/trade/routes/0/from", "/trade/routes/0/to", "/trade/routes/0/transitDays",
        "/trade/routes/0/freightUsdPerKg", "/recipes", "/recipes/1/id", "/recipes/1/stage", "/recipes/1/outputs",
        "/producers", "/producers/0/id", "/producers/0/region", "/producers/0/facilities",
        "/producers/0/facilities/0/id", "/producers/0/facilities/0/recipe", "/producers/0/facilities/0/capacity",
        "/producers/0/facilities/0/capacity/1/date", "/producers/0/facilities/0/capacity/1/tonnesPerYear",
        "/producers/0/facilities/0/outages/0/from", "/producers/0/facilities/0/outages/0/to",
        "/producers/0/facilities/0/outages/0/availableFraction", "/producers/1/stocks/magnet/initialTonnes",
        "/producers/1/stocks/magnet/targetCoverDays", "/demand", "/demand/1/id", "/demand/1/region",
        "/demand/1/sector", "/demand/1/commodity", "/demand/1/baseTonnesPerYear", "/demand/1/growthPerYear",
        "/demand/1/priceElasticity", "/demand/1/priority", "/demand/1/unmet", "/demand/1/stock",
        "/demand/1/stock/initialTonnes", "/demand/1/stock/targetCoverDays", "/demand/1/suppliers/0/producer",
        "/demand/1/suppliers/0/share", "/policies/0/name", "/policies/0/type", "/policies/0/start",
        "/policies/0/exporter", "/policies/0/destinations", "/policies/0/commodities", "/policies/0/cut");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requiredFields")
  void parse_requiredFieldDeleted_isReportedAtItsPath(String pointer) throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode tree = (ObjectNode) json.readTree(Files.readString(TINY_JSON).lines()
        .filter(l -> !l.startsWith("//")).reduce("", (a, b) -> a + b + "\n"));
    JsonPointer ptr = JsonPointer.compile(pointer);
    JsonNode parent = tree.at(ptr.head());
    assertNotNull(((ObjectNode) parent).remove(ptr.last().getMatchingProperty()), pointer + " is not in tiny.json");
    LoadResult r = loader.parse("tiny.json", json.writeValueAsString(tree), true);
    String path = pointer.substring(1).replaceAll("/(\\d+)", "[$1]").replace('/', '.');
    assertTrue(r.problems().stream().anyMatch(p -> p.path().equals(path)),
        "no problem at " + path + " in " + r.problems());
    for (Problem p : r.problems()) assertTrue(p.line() > 0, "no location: " + p);
  }

  @Test
  void parse_wrongTypesEverywhere_reportsEachAndNothingElseAboutThem() {
    String yaml = """
        name: x
        start: 2025-01-01
        end: 2026-01-01
        seed: many
        commodities: [{id: reo}]
        regions: [{id: CN, priceZone: CN}]
        market: {referencePrices: [{commodity: reo, zone: CN, usdPerKg: five}]}
        trade: {domestic: {transitDays: 1, freightUsdPerKg: 0}, default: [1, 2]}
        recipes: []
        producers: [plain]
        demand: []
        """;
    LoadResult r = loader.parse("x.yaml", yaml, false);
    assertEquals(List.of(
        "x.yaml:4:1: seed: expected an integer, found a string 'many'",
        "x.yaml:7:55: market.referencePrices[0].usdPerKg: expected a number, found a string 'five'",
        "x.yaml:8:57: trade.default: expected an object with fields transitDays, freightUsdPerKg, found a list",
        "x.yaml:10:13: producers[0]: expected an object with fields id, name, region, tags, facilities, stocks,"
            + " supply, suppliers, sourcing, found a string 'plain'"),
        r.problems().stream().map(Problem::toString).toList());
  }

  @Test
  void parse_manyLaughs_stopAtTheFirstAlias() {
    StringBuilder yaml = new StringBuilder("a: &a [x, x]\n");
    for (int i = 0; i < 30; i++) yaml.append("k").append(i).append(": [*a, *a, *a]\n");
    LoadResult r = loader.parse("laughs.yaml", yaml.toString(), false);
    assertEquals(List.of("laughs.yaml:2:6: k0[0]: YAML aliases (*a) are not supported; write the value out in full"),
        r.problems().stream().map(Problem::toString).toList());
  }

  @Test
  void parse_deepJsonNesting_isRefusedWithItsLocation() {
    String json = "{\"name\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}";
    LoadResult r = loader.parse("deep.json", json, true);
    assertEquals(List.of("deep.json:1:73: nested more than 64 levels deep; a scenario needs fewer than ten"),
        r.problems().stream().map(Problem::toString).toList());
  }

  @Test
  void parse_duplicateKeysInJson_areReported() {
    LoadResult r = loader.parse("dup.json", "{\"name\": \"a\",\n \"name\": \"b\"}", true);
    assertTrue(r.problems().stream().map(Problem::toString)
        .anyMatch("dup.json:2:2: name: duplicate field 'name'; it is already given at line 1, column 2"::equals),
        r.problems().toString());
  }

  @Test
  void parse_trailingJson_isReported() {
    LoadResult r = loader.parse("t.json", "{\"name\": \"a\"} {\"name\": \"b\"}", true);
    assertEquals(List.of("t.json:1:15: content after the end of the scenario"),
        r.problems().stream().map(Problem::toString).toList());
  }

  @Test
  void loadResult_hasEitherAScenarioOrProblems() {
    ScenarioSpec tiny = tiny();
    Problem p = new Problem("f", "", 0, 0, "m");
    assertTrue(LoadResult.loaded(tiny, List.of()).ok());
    assertFalse(LoadResult.failed(List.of(p)).ok());
    assertThrows(IllegalArgumentException.class,
        () -> new LoadResult(tiny, List.of(p)));
    assertThrows(IllegalArgumentException.class,
        () -> new LoadResult(null, List.of()));
  }

  private static void assertOneProblem(LoadResult r, String expected) {
    assertEquals(List.of(expected), r.problems().stream().map(Problem::toString).toList());
    assertNull(r.scenario());
  }
}
