package org.magflow.run;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.magflow.event.ConservationAudit;
import org.magflow.output.RunRecord;

/** Runs a scenario written for a test: saved to its file, run at seed 42, every conservation audit balanced. */
final class TestRuns {
  private TestRuns() {}

  static RunRecord balanced(Path file, String text) throws Exception {
    Files.writeString(file, text);
    RunRecord run = new ScenarioRun().simulate(RunJob.load(file), file.toString(), 42, 0);
    run.events().stream().filter(ConservationAudit.class::isInstance).map(ConservationAudit.class::cast)
        .forEach(a -> assertTrue(a.balanced(), a + " residual " + a.residual()));
    return run;
  }
}
