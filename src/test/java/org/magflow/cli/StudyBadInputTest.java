package org.magflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.magflow.cli.SweepCommandTest.magflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magflow.output.OutputTarget;
import org.magflow.sweep.SweepRunner;

/**
 * The bad-input corpus of calibration and optimisation files (src/test/resources/bad-studies): each file's
 * every problem at once, at its line and column, exit 2, nothing written or overwritten. expected.txt holds a block per case:
 * {@code == FILE COMMAND}, then the error lines without "error: " and the folder.
 */
class StudyBadInputTest {
  private static final Path CORPUS = Path.of("src/test/resources/bad-studies");

  @Test
  void everyCase_reportsExactlyItsExpectedProblems(@TempDir Path tmp) throws IOException {
    List<String> lines = Files.readAllLines(CORPUS.resolve("expected.txt"));
    int cases = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).startsWith("== ")) continue;
      String[] head = lines.get(i).substring(3).split(" ");
      List<String> expected = new ArrayList<>();
      for (int j = i + 1; j < lines.size() && !lines.get(j).isBlank() && !lines.get(j).startsWith("== "); j++) {
        expected.add(lines.get(j));
      }
      Path out = tmp.resolve("out" + cases);
      var run = magflow(head[1], CORPUS.resolve(head[0]).toString(), "-o", out.toString());
      assertEquals(2, run.exitCode(), head[0] + ": " + run.err());
      List<String> actual = run.err().lines().map(l -> l.replace("error: " + CORPUS + "/", "")).toList();
      assertEquals(expected, actual, head[0]);
      assertTrue(Files.notExists(out), "nothing written for " + head[0]);
      // an earlier result in the target folder stays as it was
      Path earlier = Files.createDirectories(tmp.resolve("earlier" + cases));
      Files.writeString(earlier.resolve(OutputTarget.STUDY_JSON), "{\"kind\": \"" + head[1] + "\"}\n");
      Files.writeString(earlier.resolve("evaluations.csv"), "evaluation,loss\n1,0.5\n");
      assertEquals(2, magflow(head[1], CORPUS.resolve(head[0]).toString(), "-o", earlier.toString()).exitCode());
      try (var files = Files.list(earlier)) {
        assertEquals(2, files.count(), head[0]);
      }
      assertEquals("evaluation,loss\n1,0.5\n", Files.readString(earlier.resolve("evaluations.csv")), head[0]);
      assertTrue(Files.notExists(SweepRunner.partialDir(earlier)), "no journal started for " + head[0]);
      cases++;
    }
    assertEquals(3, cases);
  }

  @Test
  void calibrateAndOptimize_refuseAnUnknownBackendAndASparkMasterWithoutTheSparkBackend_asSweepDoes(@TempDir Path tmp) {
    for (String[] study : List.of(new String[] {"calibrate", "scenarios/calibrations/april-2025.yaml"},
        new String[] {"optimize", "scenarios/optimisations/embargo-reserve.yaml"})) {
      Path out = tmp.resolve(study[0]);
      var unknown = magflow(study[0], study[1], "-o", out.toString(), "--backend", "hadoop");
      assertEquals(2, unknown.exitCode(), unknown.err());
      assertEquals("error: --backend: expected local or spark, found 'hadoop'", unknown.err().strip());
      var master = magflow(study[0], study[1], "-o", out.toString(), "--master", "local[2]");
      assertEquals(2, master.exitCode(), master.err());
      assertEquals("error: --master is a Spark master; give it with --backend spark", master.err().strip());
      assertTrue(Files.notExists(out) && Files.notExists(SweepRunner.partialDir(out)), "nothing written");
    }
  }
}
