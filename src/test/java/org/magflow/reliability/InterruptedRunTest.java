package org.magflow.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magflow.output.RunJson;

/**
 * Runs killed part-way, in a child JVM: Ctrl-C (SIGINT) and SIGTERM leave no partial output and the earlier
 * result byte-identical; SIGKILL at any moment leaves the earlier result or the new one, never a mix, and
 * whatever a killed run left behind is cleaned up by the next run of the same result folder.
 */
class InterruptedRunTest {
  private static final boolean POSIX = !System.getProperty("os.name").startsWith("Windows");

  @TempDir Path tmp;
  private Path scenario;
  private Path out;
  private Path logs;

  @BeforeEach
  void longScenario() throws IOException {
    // the baseline: a second or two of simulation, then a few seconds of writing (data, then charts)
    scenario = Files.writeString(tmp.resolve("long.yaml"), "extends: "
        + Path.of("scenarios/baseline.yaml").toAbsolutePath() + "\nname: long-run\n");
    out = tmp.resolve("results/long-run");
    logs = tmp.resolve("logs");
  }

  /** Every file under {@code dir} by its relative path, with its bytes. */
  private static Map<String, byte[]> snapshot(Path dir) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
        files.put(dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
      }
    }
    return files;
  }

  /** The snapshot without run.json, whose time stamps differ between two runs of the same inputs. */
  private static Map<String, byte[]> content(Map<String, byte[]> snapshot) {
    Map<String, byte[]> content = new TreeMap<>(snapshot);
    content.remove(RunJson.FILE_NAME);
    return content;
  }

  private static boolean same(Map<String, byte[]> a, Map<String, byte[]> b) {
    if (!a.keySet().equals(b.keySet())) return false;
    for (String k : a.keySet()) if (!java.util.Arrays.equals(a.get(k), b.get(k))) return false;
    return true;
  }

  private static void assertSame(Map<String, byte[]> expected, Map<String, byte[]> actual) {
    assertEquals(expected.keySet(), actual.keySet());
    for (String k : expected.keySet()) assertArrayEquals(expected.get(k), actual.get(k), k);
  }

  /** Hidden siblings of the result folder: temporary and backup folders of a replacement. */
  private List<String> leftovers() throws IOException {
    try (Stream<Path> entries = Files.list(out.getParent())) {
      return entries.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).sorted().toList();
    }
  }

  private Map<String, byte[]> writeEarlierResult() throws IOException {
    Cli.Outcome o = Cli.magflow("run", scenario.toString(), "-o", out.toString(), "--seed", "1");
    assertEquals(0, o.exitCode(), o.err());
    return snapshot(out);
  }

  private Process startNewRun(String name) throws IOException {
    return startNewRun(name, 2);
  }

  private Process startNewRun(String name, int seed) throws IOException {
    return ChildJvm.start(ChildJvm.currentJava(), logs, name, List.of(), "run", scenario.toString(), "-o",
        out.toString(), "--seed", Integer.toString(seed));
  }

  /** Waits until a hidden sibling matching {@code kind} exists, or the process ends; returns whether it appeared. */
  private boolean awaitLeftover(Process p, Predicate<String> kind, long timeoutMillis)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (System.nanoTime() < deadline && p.isAlive()) {
      if (leftovers().stream().anyMatch(kind)) return true;
      Thread.sleep(2);
    }
    return false;
  }

  /** Whether a hidden sibling is the temporary folder of the process {@code p} (not of an earlier, killed one). */
  private static Predicate<String> tempOf(Process p) {
    return name -> name.startsWith(".long-run.tmp-" + p.pid() + "-");
  }

  private static int exit(Process p) throws InterruptedException {
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child did not end");
    return p.exitValue();
  }

  @Test
  void sigterm_duringTheSimulation_leavesTheEarlierResultByteIdentical_andNoPartialOutput() throws Exception {
    Map<String, byte[]> before = writeEarlierResult();
    Process p = startNewRun("term-sim");
    Thread.sleep(700); // started, still loading or simulating: nothing is written before the run completes
    assertTrue(p.isAlive(), "the run ended too soon to be interrupted: " + ChildJvm.log(logs, "term-sim"));
    assertEquals(List.of(), leftovers());
    p.destroy(); // SIGTERM
    int code = exit(p);
    if (POSIX) assertEquals(143, code, ChildJvm.log(logs, "term-sim"));
    assertFalse(ChildJvm.log(logs, "term-sim").contains("internal error"), "an interruption is no bug");
    assertSame(before, snapshot(out));
    assertEquals(List.of(), leftovers());
  }

  @Test
  void sigterm_whileTheResultIsBeingWritten_deletesTheTemporaryFolder_andKeepsTheEarlierResult() throws Exception {
    Map<String, byte[]> before = writeEarlierResult();
    Process p = startNewRun("term-write");
    assertTrue(awaitLeftover(p, tempOf(p), 60_000),
        "never saw the temporary folder: " + ChildJvm.log(logs, "term-write"));
    p.destroy();
    int code = exit(p);
    if (POSIX) assertEquals(143, code, ChildJvm.log(logs, "term-write"));
    assertFalse(ChildJvm.log(logs, "term-write").contains("internal error"), "an interruption is no bug");
    assertSame(before, snapshot(out));
    assertEquals(List.of(), leftovers(), "the shutdown hook removes the temporary folder");
  }

  /**
   * Whether this JVM ignores SIGINT, as a process started in the background by a shell without job control does;
   * its children then ignore it too (a JVM keeps an ignored SIGINT ignored), though a terminal's Ctrl-C is not.
   */
  private static boolean sigintIgnored() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("SigIgn:")) return (Long.parseLong(line.substring(7).strip(), 16) & 0x2) != 0;
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: assume the default disposition
    }
    return false;
  }

  @Test
  void ctrlC_whileTheResultIsBeingWritten_leavesNoPartialOutput() throws Exception {
    assumeTrue(POSIX && Files.isExecutable(Path.of("/bin/kill")), "needs kill(1) to send SIGINT");
    assumeTrue(!sigintIgnored(), "these tests run with SIGINT ignored (started in the background), so a child"
        + " would ignore Ctrl-C; SIGTERM, tested above, takes the same path");
    Map<String, byte[]> before = writeEarlierResult();
    Process p = startNewRun("int-write");
    assertTrue(awaitLeftover(p, tempOf(p), 60_000), ChildJvm.log(logs, "int-write"));
    new ProcessBuilder("/bin/kill", "-INT", Long.toString(p.pid())).start().waitFor();
    assertEquals(130, exit(p), ChildJvm.log(logs, "int-write"));
    assertSame(before, snapshot(out));
    assertEquals(List.of(), leftovers());
  }

  @Test
  void sigkill_atSeveralMoments_leavesTheOldResultOrTheNewOne_neverAMix_andTheNextRunCleansUp() throws Exception {
    Map<String, byte[]> current = writeEarlierResult(); // seed 1
    // the runs alternate between seeds 2 and 3, so each run's result differs from the one it replaces
    Map<Integer, Map<String, byte[]>> fresh = new TreeMap<>();
    for (int seed : new int[] {2, 3}) {
      Path reference = tmp.resolve("reference-" + seed);
      assertEquals(0, Cli.magflow("run", scenario.toString(), "-o", reference.toString(), "--seed",
          Integer.toString(seed)).exitCode());
      fresh.put(seed, content(snapshot(reference)));
    }
    assertTrue(!same(content(current), fresh.get(2)) && !same(fresh.get(2), fresh.get(3)), "seeds differ");

    List<String> seen = new ArrayList<>();
    String[] moments = {"simulating", "temp folder created", "writing +300 ms", "swapped in", "finished"};
    int seed = 2;
    for (String moment : moments) {
      Process p = startNewRun("kill-" + seen.size(), seed);
      switch (moment) {
        case "simulating" -> Thread.sleep(500);
        case "temp folder created" -> awaitLeftover(p, tempOf(p), 60_000);
        case "writing +300 ms" -> {
          awaitLeftover(p, tempOf(p), 60_000);
          Thread.sleep(300);
        }
        case "swapped in" -> { // the temporary folder has just been renamed into place
          awaitLeftover(p, tempOf(p), 60_000);
          while (p.isAlive() && leftovers().stream().anyMatch(tempOf(p))) Thread.onSpinWait();
        }
        default -> p.waitFor(60, TimeUnit.SECONDS);
      }
      p.destroyForcibly(); // SIGKILL: no shutdown hook runs
      exit(p);
      Map<String, byte[]> now = snapshot(out);
      assertTrue(now.containsKey(RunJson.FILE_NAME), moment + ": the result folder has its run.json");
      boolean isOld = same(current, now); // byte for byte, run.json included: untouched
      boolean isNew = same(fresh.get(seed), content(now));
      assertTrue(isOld || isNew, moment + ": the result folder is neither the earlier result nor the new one: "
          + now.keySet() + "; leftovers " + leftovers());
      seen.add(moment + " -> " + (isOld ? "earlier" : "new") + " result, leftovers " + leftovers());
      if (isNew) {
        current = now;
        seed = 5 - seed; // 2 <-> 3
      }
    }
    System.out.println("InterruptedRunTest: SIGKILL " + String.join("; ", seen));
    assertTrue(seen.get(0).contains("-> earlier"), seen.get(0));
    assertTrue(seen.get(seen.size() - 1).contains("-> new"), seen.get(seen.size() - 1));

    // the next run cleans up whatever the killed ones left, and leaves exactly its own result
    assertEquals(0, Cli.magflow("run", scenario.toString(), "-o", out.toString(), "--seed", "2").exitCode());
    assertSame(fresh.get(2), content(snapshot(out)));
    assertEquals(List.of(), leftovers());
  }
}
