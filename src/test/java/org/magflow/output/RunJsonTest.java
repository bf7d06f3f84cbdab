package org.magflow.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunJsonTest {
  @Test void write_givesPrettyJsonInDeclarationOrder(@TempDir Path dir) throws IOException {
    var info = new RunInfo("0.1.0", "april-2025", "scenarios/april-2025.yaml", "ab12", 42, 3,
        "2026-01-05T09:30:00Z", 12.3456789012, "17.0.15", "magflow run scenarios/april-2025.yaml --seed 42");
    Path file = dir.resolve(RunJson.FILE_NAME);
    new RunJson().write(info, file);
    assertEquals("""
        {
          "magflowVersion": "0.1.0",
          "scenarioName": "april-2025",
          "scenarioFile": "scenarios/april-2025.yaml",
          "scenarioSha256": "ab12",
          "seed": 42,
          "replication": 3,
          "startedAt": "2026-01-05T09:30:00Z",
          "wallSeconds": 12.3456789,
          "javaVersion": "17.0.15",
          "command": "magflow run scenarios/april-2025.yaml --seed 42"
        }
        """, Files.readString(file));
  }
}
