package org.magflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code magflow sweep} as a user meets it: files, progress, exit codes. */
class SweepCommandTest {
  private static final Path TINY = Path.of("src/test/resources/scenarios/tiny.yaml").toAbsolutePath();

  record Outcome(int exitCode, String out, String err) {}

  static Outcome magflow(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = MagflowCli.commandLine();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    return new Outcome(cmd.execute(args), out.toString(), err.toString());
  }

  private static Path sweepFile(Path dir, String body) throws IOException {
    Path file = dir.resolve("tiny-sweep.yaml");
    Files.writeString(file, "# a test sweep\nbase: " + TINY + "\n" + body);
    return file;
  }

  @Test
  void sweep_refusesAnUnknownBackendAndASparkMasterWithoutTheSparkBackend_beforeWritingAnything(@TempDir Path tmp)
      throws IOException {
    Path file = sweepFile(tmp, "design: grid\nparameters:\n  - {path: demand[*].priceElasticity, values: [0.1]}\n");
    Outcome unknown = magflow("sweep", file.toString(), "--results", tmp.toString(), "--backend", "hadoop");
    assertEquals(2, unknown.exitCode());
    assertEquals("error: --backend: expected local or spark, found 'hadoop'", unknown.err().strip());
    Outcome master = magflow("sweep", file.toString(), "--results", tmp.toString(), "--master", "local[2]");
    assertEquals(2, master.exitCode());
    assertEquals("error: --master is a Spark master; give it with --backend spark", master.err().strip());
    assertFalse(Files.exists(tmp.resolve("sweeps")));
  }

  @Test
  void sweep_writesItsFiles_andReportsProgressAsPlainLinesOffATerminal(@TempDir Path tmp) throws IOException {
    Path file = sweepFile(tmp, """
        design: monte-carlo
        samples: 4
        parameters:
          - name: elasticity
            path: demand[*].priceElasticity
            distribution: {type: uniform, min: 0, max: 0.4}
        """);
    Outcome o = magflow("sweep", file.toString(), "--results", tmp.toString(), "--threads", "2");
    assertEquals(0, o.exitCode(), o.err());
    Path out = tmp.resolve("sweeps/tiny-sweep");
    for (String f : List.of("runs.csv", "summary.csv", "fan.csv", "sweep.json")) {
      assertTrue(Files.isRegularFile(out.resolve(f)), f);
    }
    assertTrue(o.out().startsWith("Wrote " + out), o.out());
    assertTrue(o.err().contains("Running 4 runs on 2 threads"), o.err());
    assertTrue(o.err().contains("4/4 runs 100%"), o.err());
    assertFalse(o.err().contains("\r"), "no redrawing off a terminal");
    String sweepJson = Files.readString(out.resolve("sweep.json"));
    assertTrue(sweepJson.contains("\"command\": \"magflow sweep " + file), sweepJson);
    List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
    assertTrue(summary.get(1).startsWith("all,,,shortageByRegion[CN].shortagePercentOfDemand,4,"), summary.get(1));
  }

  @Test
  void badSweepFile_exitsWith2_andWritesNothing(@TempDir Path tmp) throws IOException {
    Path file = sweepFile(tmp, """
        design: grid
        parameters:
          - path: demand[0].elasticity
            values: [0.1]
        """);
    Outcome o = magflow("sweep", file.toString(), "-o", tmp.resolve("out").toString());
    assertEquals(2, o.exitCode());
    assertTrue(o.err().startsWith("error: " + file + ":5:5: parameters[0].path: 'demand[0].elasticity' does not"
        + " exist in the base scenario: demand[0] has no field 'elasticity'"), o.err());
    assertFalse(Files.exists(tmp.resolve("out")));
    assertFalse(Files.exists(tmp.resolve("out.partial")));
  }

  @Test
  void threadsBelowOne_isAUsageError(@TempDir Path tmp) throws IOException {
    Outcome o = magflow("sweep", sweepFile(tmp, "design: grid\n").toString(), "--threads", "0");
    assertEquals(2, o.exitCode());
    assertTrue(o.err().contains("--threads"), o.err());
  }
}
