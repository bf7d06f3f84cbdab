package org.magflow.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.magflow.event.ConservationAudit;
import org.magflow.output.Kpis;
import org.magflow.output.RunSummary;
import org.magflow.output.RunSummary.Conservation;
import org.magflow.output.TerminalSummary;
import org.magflow.reliability.ContentScenarios;
import org.magflow.scenario.Problem;
import org.magflow.scenario.ScenarioSpec;
import org.magflow.scenario.ScenarioValidator;

/**
 * The end-of-run audit follows rare-earth content through recipes: a recipe that creates mass, planted past the
 * validator, fails it, although every commodity's own balance holds.
 */
class ContentAuditTest {
  /** tiny.yaml with known content: a magnet holds 0.3 t of oxide, made from 2.5 t of concentrate. */
  private static ScenarioSpec tiny(double magnetsPerActivity) {
    return ContentScenarios.tinyWith(Map.of("reo", 1.0), Map.of("reo", 0.3), 2.5, magnetsPerActivity, null);
  }

  private static RunSummary run(ScenarioSpec spec) {
    return Kpis.compute(new ScenarioRun().simulate(spec, "tiny.yaml", 7, 0), null);
  }

  private static Conservation contentRow(RunSummary summary) {
    return summary.conservation().stream().filter(c -> c.commodity().equals(ConservationAudit.CONTENT))
        .findFirst().orElseThrow();
  }

  @Test
  void conservingRecipe_passesTheContentAudit() {
    RunSummary summary = run(tiny(1));
    Conservation content = contentRow(summary);
    assertTrue(content.initial() > 0, "the magnet plant ran");
    assertEquals(0, content.residual(), 1e-9 * content.initial());
    assertTrue(summary.conserved());
  }

  @Test
  void massCreatingRecipe_isRefusedByValidation_andFailsTheAuditWhenPlantedPastIt() {
    ScenarioSpec planted = tiny(10); // 10 t of magnets, 3 t of oxide, from 2.5 t of concentrate
    List<Problem> problems = ScenarioValidator.validate(planted, "tiny.yaml");
    assertEquals(1, problems.size(), problems.toString());
    assertEquals("recipes[1].outputs", problems.get(0).path());
    assertTrue(problems.get(0).message().startsWith("makes more rare earths than it uses: a tonne of activity"
        + " yields 3 t of oxide (reo 3) from inputs holding 2.5 t of oxide (reo 2.5)"), problems.get(0).message());

    RunSummary summary = run(planted);
    for (Conservation c : summary.conservation()) {
      if (!c.commodity().equals(ConservationAudit.CONTENT)) assertTrue(c.balanced(), c.toString());
    }
    Conservation content = contentRow(summary);
    assertFalse(content.balanced(), content.toString());
    // 0.5 t of oxide created per tonne of activity, the activity being a fifth of what was fed (2.5 t each)
    assertEquals(-0.5 * content.initial() / 2.5, content.residual(), 1e-6 * content.initial());
    assertFalse(summary.conserved());
    assertTrue(TerminalSummary.render(summary).contains("Conservation  FAILED: " + ConservationAudit.CONTENT
        + " residual -"), TerminalSummary.render(summary));
  }
}
