package org.magflow.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.magflow.event.ConservationAudit;
import org.magflow.event.SimEvent;

class TerminalSummaryTest {
  private final String text =
      TerminalSummary.render(Kpis.compute(SyntheticRuns.shocked(), SyntheticRuns.counterfactual()));

  @Test void render_showsScenarioSeedConservationShortagePricesAndExportDrops() {
    assertTrue(text.contains("Scenario      synthetic (scenarios/synthetic.yaml)\n"), text);
    assertTrue(text.contains("Seed          42\n"), text);
    assertTrue(text.contains("Conservation  OK\n"), text);
    assertTrue(text.matches("(?s).*\\n  us +75\\.5 +11\\.4 +3 +2025-03-31 +2025-06-30\\n.*"), text);
    assertTrue(text.matches("(?s).*\\n  ndfeb_magnet +ex_china +50\\.0 +300\\.0 +6\\.00x +2025-04-30 +120\\.0\\n.*"), text);
    assertTrue(text.matches("(?s).*\\n  china -> us +ndfeb_magnet +380\\.0 +600\\.0 +36\\.7 +90\\.0 +2025-04-30\\n.*"),
        text);
  }

  @Test void render_isShortFixedWidthText() {
    List<String> lines = text.lines().toList();
    assertTrue(lines.size() <= 30, "lines: " + lines.size());
    for (String line : lines) assertFalse(line.endsWith(" "), "trailing space in: " + line);
    assertFalse(text.contains("\r"));
  }

  @Test void render_unbalancedAudit_saysConservationFailed() {
    var events = new ArrayList<SimEvent>(SyntheticRuns.shocked().events());
    events.add(new ConservationAudit("reo", 0, 10, 0, 0, 0, 0, 9));
    String failed = TerminalSummary.render(Kpis.compute(SyntheticRuns.run(events), null));
    assertTrue(failed.contains("Conservation  FAILED: reo residual 1.000000 t\n"), failed);
  }

  @Test void render_manyShortRegions_showsTheWorstAndCountsTheRest() {
    var events = new ArrayList<SimEvent>();
    for (int i = 1; i <= 8; i++) {
      events.addAll(SyntheticRuns.demand(SyntheticRuns.JAN, "r" + i, "r" + i, "ev", 100, i));
    }
    String many = TerminalSummary.render(Kpis.compute(SyntheticRuns.run(events), null));
    assertTrue(many.contains("\n  r8 "), many);
    assertFalse(many.contains("\n  r3 "), many);
    assertTrue(many.contains("  ... and 3 more in summary.json\n"), many);
  }

  @Test void fixed_roundsHalfEvenFromTheExactValue() {
    assertEquals("2.50", TerminalSummary.fixed(2.5, 2));
    assertEquals("0.0", TerminalSummary.fixed(-0.0, 1));
    assertEquals("0.1", TerminalSummary.fixed(0.15, 1)); // 0.15 is 0.1499999… in binary
  }
}
