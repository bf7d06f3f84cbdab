package org.magflow.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Same inputs and seed give byte-identical outputs: run after run, with runs side by side on several threads,
 * with one processor or many, and on another JDK when the machine has one (this JVM's major version is compared
 * with every JDK under {@code /usr/lib/jvm}, or with {@code -Dmagflow.otherJava=/path/to/bin/java}). run.json
 * records what is needed to reproduce a run, and re-running its command gives the same outputs.
 */
class ReproducibilityTest {
  private static final String SQUEEZE = "scenarios/september-2025-us-squeeze.yaml";
  /** Small, with a policy (so a counterfactual too) and demand noise (so the seed matters): fast to run often. */
  private static final String TINY = "src/test/resources/scenarios/tiny.yaml";

  @TempDir Path tmp;

  /** Every file of a result folder but run.json (whose time stamps differ), by relative path; or its data only. */
  static List<String> comparedFiles(Path dir, boolean dataOnly) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/'))
          .filter(n -> !n.equals("run.json"))
          .filter(n -> !dataOnly || n.endsWith(".csv") || n.endsWith(".json")).sorted().toList();
    }
  }

  /**
   * The two result folders hold the same files with the same bytes, run.json aside. Across JDKs only the data
   * (CSV and JSON) is compared: charts are pictures, whose font rendering is the JDK's own business.
   */
  private static void assertSameOutputs(Path expected, Path actual, boolean dataOnly) throws IOException {
    List<String> files = comparedFiles(expected, dataOnly);
    assertEquals(files, comparedFiles(actual, dataOnly));
    assertTrue(files.containsAll(List.of("timeseries.csv", "summary.json", "scenario.resolved.json")),
        files.toString());
    for (String f : files) {
      assertArrayEquals(Files.readAllBytes(expected.resolve(f)), Files.readAllBytes(actual.resolve(f)),
          f + " differs between " + expected + " and " + actual);
    }
  }

  private static void assertSameOutputs(Path expected, Path actual) throws IOException {
    assertSameOutputs(expected, actual, false);
  }

  @Test
  void runsSideBySideOnFourThreads_giveTheSameBytesAsOneAfterAnother() throws Exception {
    assertEquals(0, Cli.magflow("run", TINY, "-o", tmp.resolve("alone").toString(), "--seed", "5").exitCode());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> runs = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        Path out = tmp.resolve("parallel-" + i);
        runs.add(pool.submit(() -> Cli.magflow("run", TINY, "-o", out.toString(), "--seed", "5").exitCode()));
      }
      for (Future<Integer> run : runs) assertEquals(0, run.get());
    } finally {
      pool.shutdownNow();
    }
    for (int i = 0; i < 4; i++) assertSameOutputs(tmp.resolve("alone"), tmp.resolve("parallel-" + i));
  }

  @Test
  void oneProcessorOrEight_giveTheSameBytes() throws Exception {
    Path logs = tmp.resolve("logs");
    for (int cpus : new int[] {1, 8}) {
      int code = ChildJvm.run(ChildJvm.currentJava(), logs, "cpus-" + cpus, List.of("-XX:ActiveProcessorCount=" + cpus,
          "-Djava.util.concurrent.ForkJoinPool.common.parallelism=" + cpus), 120, "run", TINY, "-o",
          tmp.resolve("cpus-" + cpus).toString(), "--seed", "5");
      assertEquals(0, code, ChildJvm.log(logs, "cpus-" + cpus));
    }
    assertSameOutputs(tmp.resolve("cpus-1"), tmp.resolve("cpus-8"));
  }

  /** The java launcher of a JDK whose major version differs from this JVM's, if the machine has one. */
  static Optional<Path> otherJava() throws IOException {
    String given = System.getProperty("magflow.otherJava");
    if (given != null && !given.isBlank()) return Optional.of(Path.of(given));
    int current = Runtime.version().feature();
    Path jvms = Path.of("/usr/lib/jvm");
    if (!Files.isDirectory(jvms)) return Optional.empty();
    Pattern version = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");
    try (Stream<Path> homes = Files.list(jvms)) {
      for (Path home : homes.sorted().toList()) {
        Path release = home.resolve("release");
        Path java = home.resolve("bin/java");
        if (!Files.isRegularFile(release) || !Files.isExecutable(java)) continue;
        Matcher m = version.matcher(Files.readString(release));
        if (m.find() && Integer.parseInt(m.group(1)) != current && Integer.parseInt(m.group(1)) >= 17) {
          return Optional.of(java);
        }
      }
    }
    return Optional.empty();
  }

  @Test
  void anotherJdk_givesTheSameBytes() throws Exception {
    Optional<Path> other = otherJava();
    assumeTrue(other.isPresent(), "no second JDK (17 or later) under /usr/lib/jvm; set -Dmagflow.otherJava to test");
    Path logs = tmp.resolve("logs");
    assertEquals(0, ChildJvm.run(ChildJvm.currentJava(), logs, "this", List.of(), 120, "run", SQUEEZE, "-o",
        tmp.resolve("this-jdk").toString(), "--seed", "5"), ChildJvm.log(logs, "this"));
    assertEquals(0, ChildJvm.run(other.get(), logs, "other", List.of(), 120, "run", SQUEEZE, "-o",
        tmp.resolve("other-jdk").toString(), "--seed", "5"), ChildJvm.log(logs, "other"));
    assertSameOutputs(tmp.resolve("this-jdk"), tmp.resolve("other-jdk"), true);
    JsonNode otherRun = new ObjectMapper().readTree(tmp.resolve("other-jdk/run.json").toFile());
    System.out.println("ReproducibilityTest: Java " + Runtime.version() + " and " + otherRun.get("javaVersion").asText()
        + " (" + other.get() + ") give byte-identical " + comparedFiles(tmp.resolve("other-jdk"), true));
    assertTrue(!otherRun.get("javaVersion").asText().equals(System.getProperty("java.version")));
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  @Test
  void runJson_recordsWhatIsNeededToReproduce_andItsCommandReproducesTheOutputs() throws Exception {
    Path first = tmp.resolve("first dir");
    assertEquals(0, Cli.magflow("run", TINY, "-o", first.toString(), "--seed", "11").exitCode());
    JsonNode run = new ObjectMapper().readTree(first.resolve("run.json").toFile());
    assertEquals(TINY, run.get("scenarioFile").asText());
    assertEquals(sha256(Path.of(TINY)), run.get("scenarioSha256").asText());
    // for a scenario that extends a base, only the resolved scenario's hash covers both files
    assertEquals(sha256(first.resolve("scenario.resolved.json")), run.get("resolvedScenarioSha256").asText());
    assertEquals(11, run.get("seed").asLong());
    assertEquals(0, run.get("replication").asInt());
    assertEquals(System.getProperty("java.version"), run.get("javaVersion").asText());
    assertTrue(run.get("magflowVersion").asText().length() > 0);
    String command = run.get("command").asText();
    assertEquals("magflow run " + TINY + " -o '" + first + "' --seed 11", command);

    // the recorded command, as a shell would split it, run again into another folder, gives the same bytes
    List<String> args = new ArrayList<>();
    Matcher word = Pattern.compile("'([^']*)'|(\\S+)").matcher(command.substring("magflow ".length()));
    while (word.find()) args.add(word.group(1) != null ? word.group(1) : word.group(2));
    Path again = tmp.resolve("again");
    args.set(args.indexOf("-o") + 1, again.toString());
    assertEquals(0, Cli.magflow(args.toArray(String[]::new)).exitCode());
    assertSameOutputs(first, again);
  }
}
