package org.magflow.output.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magflow.output.Answer;
import org.magflow.output.TerminalSummary;
import org.magflow.output.chart.ChartOptions;
import org.magflow.output.chart.Charts;
import org.magflow.output.chart.ResultData;
import org.magflow.output.chart.SampleResult;
import org.magflow.scenario.PolicySpec;

/** The briefing leads with the answer, ranked, in words a reader trusts: the defects of issue 14, one a test. */
class FindingsTest {
  @TempDir Path tmp;

  private ResultData sample(boolean withPolicies) throws Exception {
    return ResultData.load(SampleResult.write(tmp.resolve(withPolicies ? "squeeze" : "plain/plain"), withPolicies));
  }

  private static String h1(String html) {
    Matcher m = Pattern.compile("<h1>(.*?)</h1>").matcher(html);
    assertTrue(m.find(), "a title");
    return m.group(1);
  }

  @Test
  void aShortRegion_isTheFirstFinding_inBoldThatEnds() throws Exception {
    String html = new BriefingReport().render(List.of(sample(true)));
    assertFalse(html.contains("&lt;/b&gt;"), "no escaped </b> in the text");
    String findings = html.substring(html.indexOf("<ol class=\"findings\">"), html.indexOf("</ol>"));
    assertEquals(count(findings, "<b>"), count(findings, "</b>"), findings);
    assertTrue(findings.startsWith("<ol class=\"findings\">\n<li><b>United States runs 6.0% short of its own demand</b>"),
        "who runs short, by how much of its own demand, first:\n" + findings);
    assertTrue(findings.contains("short from Oct 2025"), "from when");
  }

  @Test
  void theTitle_isTheGeneratedHeadline_notTheFileId() throws Exception {
    ResultData d = sample(true);
    String html = new BriefingReport().render(List.of(d));
    String title = h1(html);
    assertFalse(title.equals(d.scenarioName()), title);
    assertTrue(title.startsWith("United States runs 6.0% short of its own demand from Oct 2025 to Apr 2026"), title);
    assertTrue(html.contains("magflow briefing \u00b7 " + d.scenarioName()), "the file id is the kicker");
  }

  @Test
  void backticksInTheScenariosComments_areSetAsCode() throws Exception {
    ResultData d = sample(true);
    Path file = Path.of(d.scenarioFile());
    Files.writeString(file, "# To reproduce the one-month episode, give the policy `end: 2025-10-01`.\n#\n"
        + Files.readString(file));
    String html = new BriefingReport().render(List.of(d));
    assertTrue(html.contains("give the policy <code>end: 2025-10-01</code>."), "backticks as code");
    assertFalse(html.contains("`end"), "no raw backtick");
  }

  @Test
  void withNobodyShort_theShortageChartsGiveWayToOneLine() throws Exception {
    ResultData d = sample(false);
    assertTrue(new Charts().build(d, ChartOptions.all()).stream()
        .noneMatch(c -> c.fileStem().startsWith("shortage-")), "no empty shortage panels");
    String html = new BriefingReport().render(List.of(d));
    assertTrue(html.contains(Html.esc("No shortage of NdFeB magnets: every region's demand was met in"
        + " full in every month, so there are no shortage charts.")), "a one-line note");
    assertTrue(h1(html).startsWith("No region runs short"), h1(html));
  }

  @Test
  void policyLabels_useAReadableTitle() throws Exception {
    assertEquals("Sep 2025 US squeeze", org.magflow.output.PolicyTitles.of("sep-2025-us-squeeze"));
    assertEquals("Nov 2026 embargo US and allies", org.magflow.output.PolicyTitles.of("nov-2026-embargo-us-and-allies"));
    assertEquals("DOD MP ndpr floor", org.magflow.output.PolicyTitles.of("dod_mp_ndpr_floor"));
    String html = new BriefingReport().render(List.of(sample(true)));
    assertTrue(html.contains(">US magnet squeeze</text>"), "the timeline names the policy by its title");
  }

  @Test
  void theTerminalSummary_leadsWithTheSameAnswer() throws Exception {
    ResultData d = sample(true);
    Answer answer = Findings.of(d);
    String text = TerminalSummary.render(d.summary(), answer);
    List<String> lines = text.lines().toList();
    assertEquals(TerminalSummary.plain(answer.headline()), lines.get(0));
    for (int i = 0; i < answer.findings().size(); i++) {
      assertTrue(lines.get(1 + i).startsWith("  " + (i + 1) + ". "
          + TerminalSummary.plain(answer.findings().get(i).lead())), lines.get(1 + i));
    }
    assertTrue(text.chars().allMatch(c -> c < 128), "plain ASCII for any terminal");
  }

  @Test
  void aPriceHeldAtTheRulesCap_isSaidToBeTheCap_withItsMonths() throws Exception {
    // the sample's ex-China magnet spike reaches 2.5x its reference in February 2026 and holds to December
    ResultData capped = ResultData.load(SampleResult.write(tmp.resolve("capped"), true, 2.5));
    String html = new BriefingReport().render(List.of(capped));
    String findings = html.substring(html.indexOf("<ol class=\"findings\">"), html.indexOf("</ol>"));
    assertTrue(findings.contains("at the price rule&#39;s cap (2.50\u00d7) in 11 months between Feb 2026 and Dec 2026:"
        + " the price shown is the cap, and buyers are rationed rather than priced out"), findings);
    assertTrue(html.contains("<p class=\"note\" id=\"kpi-prices-cap\">"), "the price table says so too");
    String text = TerminalSummary.render(capped.summary(), Findings.of(capped));
    assertTrue(text.contains("2.50x cap"), text);
    assertTrue(text.contains("ndfeb_magnet ex-china at the price rule's cap in 11 periods, 2026-02-28 .. 2026-12-31"),
        text);
    // the same run under a cap out of its reach says nothing of one
    String free = new BriefingReport().render(List.of(sample(true)));
    assertFalse(free.contains("cap ("), "no cap in the findings");
    assertFalse(free.contains("kpi-prices-cap"), "no cap note");
    assertFalse(TerminalSummary.render(sample(true).summary()).contains(" cap"), "nor in the terminal");
  }

  @Test
  void aPriceOutsideItsBand_forOnePeriodAlone_isNoise_forTwoRunning_isAMove() {
    LocalDate start = LocalDate.of(2027, 1, 31);
    // gaps against the counterfactual of 0.01, 0.064, 0.03, 0.01 with a band of 0.05: out once, by chance
    List<Findings.PriceMove> once = path(start, 0.01, 0.064, 0.03, 0.01);
    assertTrue(Findings.widestSustained(once).isEmpty(), "one period outside the band is noise");
    // out for two periods running: the widest of them is the move
    List<Findings.PriceMove> twice = path(start, 0.01, 0.064, 0.055, 0.01);
    Findings.PriceMove move = Findings.widestSustained(twice).orElseThrow();
    assertEquals(start.plusMonths(1), move.date());
    assertEquals(0.064, move.gap(), 1e-12);
    // the last two periods count too
    assertTrue(Findings.widestSustained(path(start, 0.01, 0.01, 0.06, 0.07)).isPresent());
  }

  private static List<Findings.PriceMove> path(LocalDate start, double... gaps) {
    var path = new java.util.ArrayList<Findings.PriceMove>();
    for (int i = 0; i < gaps.length; i++) {
      path.add(new Findings.PriceMove("china", "reo", start.plusMonths(i), 1 - gaps[i], 1, 0.05));
    }
    return path;
  }

  private static int count(String s, String what) {
    return s.split(Pattern.quote(what), -1).length - 1;
  }
}
