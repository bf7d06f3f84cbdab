package org.magflow.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fixed scenario and seed give exactly the stored outputs. A change that moves any number shows up here as
 * a diff to review. To accept an intended change, regenerate the golden files and review the diff:
 * <pre>./mvnw -B test -Dtest=GoldenOutputTest -Dmagflow.updateGolden=true</pre>
 */
class GoldenOutputTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden/tiny-seed-7");

  @Test
  void tinyScenario_seed7_matchesGoldenOutputs(@TempDir Path tmp) throws IOException, InputException {
    Path out = tmp.resolve("tiny");
    new RunJob().run(new RunJob.Request(Path.of("src/test/resources/scenarios/tiny.yaml"), out, tmp, 7L, "test"));
    for (String file : new String[] {"timeseries.csv", "summary.json", "scenario.resolved.json"}) {
      String actual = Files.readString(out.resolve(file));
      if (Boolean.getBoolean("magflow.updateGolden")) {
        Files.createDirectories(GOLDEN);
        Files.writeString(GOLDEN.resolve(file), actual);
      }
      assertEquals(Files.readString(GOLDEN.resolve(file)), actual, file + " differs from " + GOLDEN);
    }
  }
}
