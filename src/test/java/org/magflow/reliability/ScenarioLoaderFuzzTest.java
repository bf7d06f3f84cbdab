package org.magflow.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.magflow.random.RandomStreams;
import org.magflow.scenario.LoadResult;
import org.magflow.scenario.ModelBuilder;
import org.magflow.scenario.Problem;
import org.magflow.scenario.ScenarioDefaults;
import org.magflow.scenario.ScenarioLoader;

/**
 * Fuzzes the scenario loader: whatever bytes it is given, as YAML or as JSON, it returns either a scenario or
 * a list of located problems, and never throws.
 *
 * <p>In a plain {@code ./mvnw test}, Jazzer runs {@link #parse} once on each stored input in
 * {@code src/test/resources/org/magflow/reliability/ScenarioLoaderFuzzTestInputs/parse/} (regression inputs,
 * among them every crash the fuzzer has found), and {@link #parse_everyCorpusFile_asYamlAndAsJson} feeds it the
 * bad-input corpus and every scenario in the repository. With {@code JAZZER_FUZZ=1} Jazzer fuzzes {@link #parse}
 * with coverage guidance for {@code maxDuration} (CI: 30 s; see the README for a longer run); a crash is written
 * to the inputs folder, where it becomes a regression input.
 */
class ScenarioLoaderFuzzTest {
  private static final ScenarioLoader LOADER = new ScenarioLoader();

  /** Where inputs are written as files for {@link ScenarioLoader#load}; emptied at exit. */
  private static final Path FILE_DIR = tempDir();

  private static Path tempDir() {
    try {
      Path dir = Files.createTempDirectory("magflow-fuzz");
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * The first byte chooses the format (bit 0: YAML or JSON) and the way in (bit 1: the text, or the bytes written
   * to a file, which also exercises the size, emptiness and UTF-8 checks); the rest is the file's bytes.
   */
  @FuzzTest(maxDuration = "30s")
  @DictionaryEntries({"name", "start", "end", "extends", "seed", "clock", "productionDays", "reporting",
      "commodities", "regions", "priceZone", "market", "priceRule", "referencePrices", "usdPerKg", "trade",
      "domestic", "default", "routes", "transitDays", "freightUsdPerKg", "oneWay", "recipes", "stage", "inputs",
      "outputs", "producers", "facilities", "capacity", "tonnesPerYear", "outages", "availableFraction", "yields",
      "stocks", "initialTonnes", "targetCoverDays", "supply", "suppliers", "share", "demand", "sector",
      "baseTonnesPerYear", "growthPerYear", "priceElasticity", "priority", "unmet", "backlog", "policies", "type",
      "destination-throttle", "exporter", "destinations", "cut", "2025-01-01", "9999-12-31", ".nan", "-.inf",
      "&a", "*a", "!!binary", "!!float", "---", "? ", "\u0000", "1e309"})
  void parse(byte[] input) {
    if (input.length == 0) return;
    boolean json = (input[0] & 1) == 1;
    byte[] file = java.util.Arrays.copyOfRange(input, 1, input.length);
    String text = new String(file, StandardCharsets.UTF_8);
    // a file that extends another would read files the fuzzer names: bases are covered by ScenarioExtendsTest
    if ((input[0] & 2) == 2 && !text.contains(ScenarioLoaderFuzzTest.EXTENDS)) {
      checkFile(file, json);
    } else {
      check(text, json);
    }
  }

  private static final String EXTENDS = "extends";

  /** The loader's contract on a file of any bytes. */
  static void checkFile(byte[] bytes, boolean json) {
    try {
      Path file = FILE_DIR.resolve(json ? "fuzz.json" : "fuzz.yaml");
      file.toFile().deleteOnExit();
      Files.write(file, bytes);
      LoadResult r = LOADER.load(file);
      assertEquals(r.ok(), r.scenario() != null);
      for (Problem p : r.problems()) {
        assertEquals(file.toString(), p.file());
        assertFalse(p.message().isBlank(), p.toString());
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The loader's contract on any text: a scenario and no problems, or problems that say where and what. */
  static LoadResult check(String text, boolean json) {
    String label = json ? "fuzz.json" : "fuzz.yaml";
    LoadResult r = LOADER.parse(label, text, json);
    assertNotNull(r);
    if (r.ok()) {
      assertTrue(r.problems().isEmpty());
      // a scenario the loader accepts must take its defaults and build without an exception
      new ModelBuilder().build(ScenarioDefaults.apply(r.scenario()), new RandomStreams(1, 0));
    } else {
      assertNull(r.scenario());
      assertFalse(r.problems().isEmpty());
      for (Problem p : r.problems()) {
        assertEquals(label, p.file());
        assertNotNull(p.path());
        assertNotNull(p.message());
        assertFalse(p.message().isBlank(), p.toString());
        assertTrue(p.line() >= 0 && p.column() >= 0, p.toString());
      }
    }
    return r;
  }

  /** Every file of the bad-input corpus and every scenario in the repository, as YAML and as JSON. */
  @Test
  void parse_everyCorpusFile_asYamlAndAsJson() throws IOException {
    List<Path> files = new ArrayList<>();
    for (String dir : List.of("src/test/resources/bad", "src/test/resources/scenarios", "scenarios")) {
      try (Stream<Path> walk = Files.walk(Path.of(dir))) {
        walk.filter(Files::isRegularFile).sorted().forEach(files::add);
      }
    }
    int runs = 0;
    for (Path f : files) {
      byte[] bytes = Files.readAllBytes(f);
      if (bytes.length > ScenarioLoader.MAX_FILE_BYTES) continue;
      for (boolean json : new boolean[] {false, true}) {
        byte[] input = new byte[bytes.length + 1];
        input[0] = (byte) (json ? 1 : 0);
        System.arraycopy(bytes, 0, input, 1, bytes.length);
        parse(input);
        input[0] |= 2; // and as a file
        parse(input);
        runs += 2;
      }
    }
    assertTrue(runs >= 240, "only " + runs + " corpus inputs");
    System.out.println("ScenarioLoaderFuzzTest: " + runs + " corpus inputs parsed without an exception");
  }
}
