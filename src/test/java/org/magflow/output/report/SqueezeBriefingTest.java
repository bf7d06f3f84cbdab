package org.magflow.output.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magflow.output.Answer;
import org.magflow.output.chart.ResultData;
import org.magflow.run.RunJob;
import org.magflow.sweep.ScenarioOverrides;

/** The September 2025 squeeze's briefing, as issue 14 found it: the finding buried, noise shown as findings. */
class SqueezeBriefingTest {
  @TempDir static Path tmp;
  static ResultData squeeze;
  static Answer answer;
  static String html;

  @BeforeAll
  static void runTheSqueeze() throws Exception {
    Path out = tmp.resolve("squeeze");
    // To 2027: over the shipped horizon (2035) US plants, not Japan's, take most of the cut lane's orders, and
    // Japan -> US (+6,755 t) falls under the reroute noise threshold (1% of the commodity's trade); to 2030, as issue
    // 14 saw it, it did too once traders were served last (Market): +3,687 t. To 2027 it is +2,657 t, above it.
    new RunJob(ScenarioOverrides::apply).run(new RunJob.Request(Path.of("scenarios/september-2025-us-squeeze.yaml"),
        out, tmp, 42L, "test", List.of("end=2027-12-31"), false));
    squeeze = ResultData.load(out);
    answer = Findings.of(squeeze);
    html = new BriefingReport().render(List.of(squeeze));
  }

  @Test
  void theTargetedFlow_comesRightAfterWhoRunsShort() {
    List<Answer.Finding> f = answer.findings();
    assertTrue(f.size() >= 3 && f.size() <= 5, f.toString());
    assertEquals("No region runs short", f.get(0).lead());
    assertTrue(f.get(1).lead().startsWith("China \u2192 United States, NdFeB magnets \u2212"), f.get(1).lead());
    assertTrue(answer.headline().contains("China \u2192 United States, NdFeB magnets"), answer.headline());
  }

  @Test
  void reroutes_areRankedByTonnes_notByPercent() {
    Answer.Finding reroutes = answer.findings().stream().filter(x -> x.lead().equals("Trade reroutes")).findFirst()
        .orElseThrow();
    // Europe -> US grows most in percent (hundreds of %) but by far fewer tonnes than Japan -> US
    assertTrue(reroutes.detail().startsWith(", largest first: Japan \u2192 United States, NdFeB magnets +"),
        reroutes.detail());
    assertFalse(reroutes.detail().contains("Europe \u2192 United States"), "within noise: " + reroutes.detail());
  }

  @Test
  void noiseIsNotAFinding_norAHighlightedRow() {
    for (Answer.Finding f : answer.findings()) {
      assertFalse(f.text().contains("concentrate"), "the concentrate price moves before any policy: " + f.text());
      assertFalse(f.text().contains("Dy/Tb"), "other commodities' exports move within noise: " + f.text());
    }
    String exports = html.substring(html.indexOf("id=\"kpi-exports\""), html.indexOf("</table>",
        html.indexOf("id=\"kpi-exports\"")));
    assertFalse(exports.contains("<td>Europe</td><td>Dy/Tb oxide</td>"), "a 3 t change is not a row of its own");
    assertTrue(exports.contains("<td>United States</td><td>NdFeB magnets</td>"), "the targeted flow is");
    assertTrue(html.contains("within noise left out"), "and the table says what it leaves out");
  }

  @Test
  void theTargetedCommoditysCharts_comeFirst() {
    int magnets = html.indexOf("data-chart=\"price-ndfeb_magnet\"");
    int concentrate = html.indexOf("data-chart=\"price-reo\"");
    assertTrue(magnets > 0 && magnets < concentrate, "magnet charts before the others");
  }
}
