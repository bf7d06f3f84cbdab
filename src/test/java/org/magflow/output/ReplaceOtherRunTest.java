package org.magflow.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whether a rerun may replace a result folder does not depend on the directory the earlier run started in. */
class ReplaceOtherRunTest {
  @TempDir Path tmp;

  /** A result folder whose run.json records {@code child.yaml} as typed in {@code tmp/world}, where it started. */
  private Path earlierRun(Path scenario) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("result"));
    new RunJson().write(new RunInfo("0.1.0", "child", "child.yaml", scenario.toString(), "ab12", "", 42, 0,
        "2026-01-05T09:30:00Z", 1.0, "17", "magflow run child.yaml", List.of()), dir.resolve(RunJson.FILE_NAME));
    return dir;
  }

  @Test
  void theSameFile_typedFromAnotherDirectory_isTheSameRun() throws Exception {
    Path scenario = Files.writeString(Files.createDirectories(tmp.resolve("world")).resolve("child.yaml"), "name: x\n");
    Path dir = earlierRun(scenario);
    assertTrue(Files.notExists(Path.of("child.yaml")), "the typed path does not resolve from this directory");
    assertEquals(Optional.empty(), OutputTarget.replaceOtherRun(dir, scenario, List.of()));

    Path other = Files.writeString(tmp.resolve("other.yaml"), "name: x\n");
    assertTrue(OutputTarget.replaceOtherRun(dir, other, List.of()).orElseThrow()
        .startsWith("holds the results of a run from another scenario file, child.yaml;"));
  }
}
