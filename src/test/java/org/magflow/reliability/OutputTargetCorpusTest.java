package org.magflow.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.magflow.reliability.Cli.Outcome;

/**
 * Every command that writes (run, sweep, chart, report) crossed with every kind of output target a user may give
 * with {@code -o}: each case asserts the exit code, the message, and exactly what is left on disk afterwards:
 * every file the user had, byte for byte, the new result where one was allowed, and nothing else (no
 * {@code *.partial} folder, no temporary file).
 *
 * <p>The empty path means the working folder, so those cases run in a child JVM working in the case's own folder:
 * a regression must cost the test its scratch folder, never the checkout it runs in (as {@code sweep -o ''} once
 * replaced the whole working folder with a sweep's results).
 */
class OutputTargetCorpusTest {
  private static final Path TINY = Path.of("src/test/resources/scenarios/tiny.yaml").toAbsolutePath();

  /**
   * What each command does with each target: the exit code and, for a refusal, the message after the path.
   * {@code {target}} stands for the target as given, {@code {file}} for the file it is inside, {@code {ro}} for
   * the read-only folder it is inside.
   */
  private static final String EXPECTED = """
      run    | missing          | 0 |
      run    | empty-folder     | 0 |
      run    | file             | 2 | exists and is not a folder; choose another output path
      run    | earlier-briefing | 2 | exists and is not a folder; choose another output path
      run    | foreign-folder   | 2 | exists and is not a magflow result folder (it has no run.json); a run replaces \
      the whole folder, so choose a new or empty folder, or one an earlier run wrote
      run    | run-folder       | 0 |
      run    | sweep-folder     | 2 | is a sweep's result folder (it has sweep.json); a run replaces the whole folder, \
      so choose a new or empty folder, or one an earlier run wrote
      run    | root             | 2 | is a file-system root; choose a folder for the results
      run    | read-only        | 2 | is read-only; magflow does not write over what is marked read-only
      run    | in-read-only     | 2 | cannot be written: {ro} is read-only
      run    | in-file          | 2 | is inside {file}, which is a file, not a folder
      run    | empty-string     | 2 | the output path is empty; give a path
      sweep  | missing          | 0 |
      sweep  | empty-folder     | 0 |
      sweep  | file             | 2 | exists and is not a folder; choose another output path
      sweep  | earlier-briefing | 2 | exists and is not a folder; choose another output path
      sweep  | foreign-folder   | 2 | exists and is not a magflow sweep folder (it has no sweep.json); a sweep replaces \
      the whole folder, so choose a new or empty folder, or one an earlier sweep wrote
      sweep  | run-folder       | 2 | is a run's result folder (it has run.json); a sweep replaces the whole folder, so \
      choose a new or empty folder, or one an earlier sweep wrote
      sweep  | sweep-folder     | 0 |
      sweep  | root             | 2 | is a file-system root; choose a folder for the results
      sweep  | read-only        | 2 | is read-only; magflow does not write over what is marked read-only
      sweep  | in-read-only     | 2 | cannot be written: {ro} is read-only
      sweep  | in-file          | 2 | is inside {file}, which is a file, not a folder
      sweep  | empty-string     | 2 | the output path is empty; give a path
      chart  | missing          | 0 |
      chart  | empty-folder     | 0 |
      chart  | file             | 2 | exists and is not a folder; choose a folder for the charts
      chart  | earlier-briefing | 2 | exists and is not a folder; choose a folder for the charts
      chart  | foreign-folder   | 0 |
      chart  | run-folder       | 0 |
      chart  | sweep-folder     | 0 |
      chart  | root             | 2 | is a file-system root; choose a folder for the results
      chart  | read-only        | 2 | is read-only; magflow does not write over what is marked read-only
      chart  | in-read-only     | 2 | cannot be written: {ro} is read-only
      chart  | in-file          | 2 | is inside {file}, which is a file, not a folder
      chart  | empty-string     | 2 | the output path is empty; give a path
      report | missing          | 0 |
      report | empty-folder     | 2 | is a folder; give the briefing's file name, e.g. {target}/report.html
      report | file             | 2 | exists and is not a briefing magflow wrote; choose a new file name (magflow \
      replaces only its own briefings)
      report | earlier-briefing | 0 |
      report | foreign-folder   | 2 | is a folder; give the briefing's file name, e.g. {target}/report.html
      report | run-folder       | 2 | is a folder; give the briefing's file name, e.g. {target}/report.html
      report | sweep-folder     | 2 | is a folder; give the briefing's file name, e.g. {target}/report.html
      report | root             | 2 | is a file-system root; choose a folder for the results
      report | read-only        | 2 | is read-only; magflow does not write over what is marked read-only
      report | in-read-only     | 2 | cannot be written: {ro} is read-only
      report | in-file          | 2 | is inside {file}, which is a file, not a folder
      report | empty-string     | 2 | the output path is empty; give a path
      """;

  @TempDir static Path fixtures;
  private static Path sweepFile;
  private static Path earlierRun;
  private static Path earlierSweep;
  private static Path earlierBriefing;

  @TempDir Path workspace;

  /** An earlier run, sweep and briefing, copied into each case that needs one. */
  @BeforeAll
  static void earlierResults() throws IOException {
    sweepFile = Files.writeString(fixtures.resolve("two-cuts.yaml"), "base: " + TINY + """

        design: grid
        seed: 11
        parameters:
          - {name: cut, path: "policies[name=reo-throttle].cut", values: [0.2, 1]}
        """);
    earlierRun = fixtures.resolve("earlier-run");
    assertEquals(0, Cli.magflow("run", TINY.toString(), "-o", earlierRun.toString(), "--seed", "1").exitCode());
    earlierSweep = fixtures.resolve("earlier-sweep");
    Outcome sweep = Cli.magflow("sweep", sweepFile.toString(), "-o", earlierSweep.toString(), "--threads", "1",
        "--no-charts");
    assertEquals(0, sweep.exitCode(), sweep.err());
    earlierBriefing = fixtures.resolve("earlier-briefing.html");
    assertEquals(0, Cli.magflow("report", earlierRun.toString(), "-o", earlierBriefing.toString()).exitCode());
  }

  static Stream<Arguments> corpus() {
    List<Arguments> cases = new ArrayList<>();
    for (String line : EXPECTED.strip().split("\n")) {
      String[] f = line.split("\\|", 4);
      cases.add(Arguments.of(f[0].strip(), f[1].strip(), Integer.parseInt(f[2].strip()), f[3].strip()));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} -o {1}")
  @MethodSource("corpus")
  void command_crossedWithTarget(String command, String kind, int exit, String message) throws Exception {
    Path ro = workspace.resolve("locked");
    Path file = Files.writeString(workspace.resolve("notes.txt"), "the user's notes");
    Path target = target(kind, ro, file);
    Map<String, String> before = snapshot(workspace);
    List<String> rootBefore = names(Path.of("/"));
    List<String> cwdBefore = names(Path.of("."));
    try {
      Outcome o = target.toString().isEmpty() ? inChildWorkingIn(workspace, args(command, target))
          : Cli.magflow(args(command, target));
      assertEquals(exit, o.exitCode(), o.err());
      Map<String, String> after = snapshot(workspace);
      if (exit != 0) {
        String shown = target.toString().isEmpty() ? "''" : target.toString();
        String expected = message.replace("{target}", target.toString()).replace("{ro}", ro.toString())
            .replace("{file}", file.toString());
        assertEquals("error: " + shown + ": " + expected, o.err().strip());
        assertEquals("", o.out());
        assertEquals(before, after, "nothing written, nothing lost");
      } else {
        assertResultWritten(command, kind, target, before, after);
      }
      assertEquals(rootBefore, names(Path.of("/")), "nothing written at the root");
      assertEquals(cwdBefore, names(Path.of(".")), "nothing written in the working folder");
      for (String p : after.keySet()) {
        String name = Path.of(p).getFileName().toString();
        assertFalse(name.endsWith(".partial") || name.startsWith("."), "stray " + p);
      }
    } finally {
      if (Files.exists(ro)) Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  /** Makes the target of its kind inside the workspace (or names it, for the root and the empty path). */
  private Path target(String kind, Path ro, Path file) throws IOException {
    Path t = workspace.resolve("out");
    switch (kind) {
      case "missing" -> t = workspace.resolve("new/deeper/out");
      case "empty-folder" -> Files.createDirectory(t);
      case "file" -> Files.writeString(t, "scenario: my own");
      case "earlier-briefing" -> Files.copy(earlierBriefing, t);
      case "foreign-folder" -> Files.writeString(Files.createDirectory(t).resolve("thesis.docx"), "years of work");
      case "run-folder" -> copyTree(earlierRun, t);
      case "sweep-folder" -> copyTree(earlierSweep, t);
      case "root" -> t = Path.of("/");
      case "read-only", "in-read-only" -> {
        Files.createDirectory(ro);
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        t = kind.equals("read-only") ? ro : ro.resolve("out");
      }
      case "in-file" -> t = file.resolve("out");
      case "empty-string" -> t = Path.of("");
      default -> throw new IllegalArgumentException(kind);
    }
    return t;
  }

  private static String[] args(String command, Path target) {
    String out = target.toString();
    return switch (command) {
      case "run" -> new String[] {"run", TINY.toString(), "-o", out};
      case "sweep" -> new String[] {"sweep", sweepFile.toString(), "-o", out, "--threads", "1", "--no-charts"};
      case "chart" -> new String[] {"chart", earlierRun.toString(), "-o", out, "--metric", "price", "--format", "svg"};
      case "report" -> new String[] {"report", earlierRun.toString(), "-o", out};
      default -> throw new IllegalArgumentException(command);
    };
  }

  /** Runs magflow in a child JVM whose working folder is {@code dir}; its logs go elsewhere. */
  private static Outcome inChildWorkingIn(Path dir, String... args) throws Exception {
    Path logs = fixtures.resolve("logs");
    String name = "child-" + System.nanoTime();
    Process p = ChildJvm.start(ChildJvm.currentJava(), dir, logs, name, List.of(), args);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      throw new AssertionError("the child did not end: " + ChildJvm.log(logs, name));
    }
    int code = p.exitValue();
    return new Outcome(code, Files.readString(logs.resolve(name + ".out")),
        Files.readString(logs.resolve(name + ".err")));
  }

  /** Every file the user had is still there, byte for byte, except what the command was allowed to replace. */
  private void assertResultWritten(String command, String kind, Path target, Map<String, String> before,
      Map<String, String> after) throws IOException {
    String relative = workspace.relativize(target).toString();
    String prefix = relative + "/";
    boolean replaces = !command.equals("chart"); // run, sweep, report replace their target; chart adds to it
    Map<String, String> kept = new TreeMap<>(before);
    Map<String, String> now = new TreeMap<>(after);
    if (replaces) kept.keySet().removeIf(p -> p.equals(relative) || p.startsWith(prefix));
    // what is new: the target, what is in it, and the folders made to reach it
    now.keySet().removeIf(p -> !kept.containsKey(p) && (p.equals(relative) || p.startsWith(prefix)
        || relative.startsWith(p + "/")));
    assertEquals(kept, now, "the user's files are untouched and nothing else appears");
    List<String> written = names(target);
    switch (command) {
      case "run" -> assertEquals(List.of("charts", "counterfactual.csv", "run.json", "scenario.resolved.json",
          "summary.json", "timeseries.csv"), written);
      case "sweep" -> assertEquals(List.of("fan.csv", "runs.csv", "summary.csv", "sweep.json"), written);
      case "chart" -> {
        List<String> added = written.stream().filter(n -> !before.containsKey(prefix + n)).toList();
        assertFalse(added.isEmpty(), "charts drawn");
        for (String n : added) assertTrue(n.matches("price-[a-z_]+\\.svg"), n);
      }
      case "report" -> assertTrue(Files.readString(target).contains("<meta name=\"generator\" content=\"magflow"),
          "a briefing");
      default -> throw new IllegalArgumentException(command);
    }
    if (kind.equals("run-folder") && command.equals("run")) {
      assertTrue(Files.readString(target.resolve("run.json")).contains("\"seed\": 42"), "the earlier run replaced");
    }
  }

  private static List<String> names(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) return List.of();
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** Every path under {@code dir}, relative, with its SHA-256 (folders as "folder"). */
  private static Map<String, String> snapshot(Path dir) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk.filter(p -> !p.equals(dir))::iterator) {
        files.put(dir.relativize(p).toString(), Files.isDirectory(p) ? "folder" : sha256(Files.readAllBytes(p)));
      }
    }
    return files;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Files.copy(p, to.resolve(from.relativize(p).toString()), StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
  }
}
