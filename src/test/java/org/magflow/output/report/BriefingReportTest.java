package org.magflow.output.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magflow.output.RunSummary;
import org.magflow.output.chart.Chart;
import org.magflow.output.chart.ChartOptions;
import org.magflow.output.chart.Charts;
import org.magflow.output.chart.ResultData;
import org.magflow.output.chart.SampleResult;

/** The HTML briefing: complete (every chart and key figure), self-contained, and honest about its sources. */
class BriefingReportTest {
  @TempDir static Path tmp;
  static ResultData squeeze;
  static ResultData plain;
  static String html;

  @BeforeAll
  static void renderTheSampleBriefing() throws Exception {
    squeeze = ResultData.load(SampleResult.write(tmp.resolve("squeeze"), true));
    plain = ResultData.load(SampleResult.write(tmp.resolve("plain/plain"), false));
    html = new BriefingReport().render(List.of(squeeze));
  }

  private static final Pattern IMG = Pattern.compile("<img src=\"([^\"]*)\"");

  static List<String> images(String html) {
    var srcs = new ArrayList<String>();
    Matcher m = IMG.matcher(html);
    while (m.find()) srcs.add(m.group(1));
    return srcs;
  }

  /** Checks what a browser would fetch: nothing but the file itself. */
  static void assertSelfContained(String html) {
    assertFalse(html.contains("src=\"http"), "no remote images");
    assertFalse(html.contains("<link"), "no linked style sheets or icons");
    assertFalse(html.contains("<script"), "no scripts");
    assertFalse(html.contains("@import"), "no imported styles");
    assertFalse(Pattern.compile("url\\((?!#)").matcher(html).find(), "no fonts or images by URL");
    Matcher href = Pattern.compile("href=\"([^\"]*)\"").matcher(html);
    while (href.find()) assertTrue(href.group(1).startsWith("#"), "only links within the page: " + href.group(1));
    Matcher src = Pattern.compile("src=\"([^\"]*)\"").matcher(html);
    while (src.find()) {
      assertTrue(src.group(1).startsWith("data:"), "only embedded data: " + src.group(1).substring(0, 30));
    }
  }

  @Test
  void containsEveryChart_embeddedAsSvgThatParses() throws Exception {
    List<Chart> charts = new Charts().build(squeeze, ChartOptions.all());
    List<String> images = images(html);
    assertEquals(charts.size(), images.size());
    for (Chart c : charts) {
      assertTrue(html.contains("data-chart=\"" + c.fileStem() + "\""), c.fileStem());
      assertTrue(html.contains("alt=\"" + Html.esc(c.title()) + "\""), c.title());
    }
    var factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    for (String src : images) {
      assertTrue(src.startsWith("data:image/svg+xml;base64,"), src.substring(0, 40));
      byte[] svg = Base64.getDecoder().decode(src.substring(src.indexOf(',') + 1));
      assertEquals("svg", factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg)).getDocumentElement()
          .getLocalName());
    }
  }

  @Test
  void containsEveryKeyFigure_ofTheSummary() {
    RunSummary s = squeeze.summary();
    assertTrue(html.contains("id=\"kpi-shortage\""));
    assertTrue(html.contains("id=\"kpi-prices\""));
    assertTrue(html.contains("id=\"kpi-exports\""));
    for (RunSummary.Shortage x : s.shortageByRegion()) {
      assertTrue(html.contains("<td>" + squeeze.region(x.region()).name() + "</td><td class=\"n\">"
          + Html.tonnes(x.cumulativeShortageTonnes()) + "</td><td class=\"n\">"
          + Html.percent(x.shortagePercentOfDemand()) + "</td>"), x.region());
    }
    for (RunSummary.Price p : s.prices()) {
      assertTrue(html.contains(Html.multiple(p.peakMultiple())), p.toString());
    }
    for (RunSummary.Export e : s.exportFlows()) {
      if (!e.exporter().equals("CN")) continue;
      assertTrue(html.contains("<td>" + squeeze.region(e.destination()).name() + "</td>"), e.toString());
      assertTrue(html.contains(Html.change(-e.dropPercent())), e.toString());
    }
    // The sample's known figures, as a reader sees them.
    assertTrue(html.contains("United States runs 6.0% short of its own demand"), "finding on the US shortage");
    assertTrue(html.contains("<b>China → United States, NdFeB magnets −33.3% against the run without the policies"
        + "</b>"), "finding on the targeted flow");
  }

  @Test
  void showsTheQuestionScenarioTimelineAndAssumptions_fromTheScenarioFileAndItsBase() {
    assertTrue(html.contains("<p class=\"question\">" + Html.esc("What if China's magnet exports to the US stay cut "
        + "by half?") + "</p>"));
    assertTrue(html.contains(Html.esc(squeeze.description())));
    assertTrue(html.contains("<svg class=\"timeline\""));
    assertTrue(html.contains(">US magnet squeeze</text>"), "timeline label: the policy's title");
    assertTrue(html.contains("from 1 Sep 2025, to the end"));
    assertTrue(html.contains("1 Jan 2026 to 30 Jun 2026"));
    assertTrue(html.contains("<li>Demand: 100 t a month in the US [assumption].</li>"), "a listed assumption");
    assertTrue(html.contains("The sample base world: three regions and two commodities."), "the base file's notes");
    assertTrue(html.contains("<b>US magnet squeeze</b>: a made-up customs series"), "policy source");
  }

  @Test
  void isSelfContained_andPrintable() {
    assertSelfContained(html);
    assertTrue(html.startsWith("<!DOCTYPE html>"));
    assertTrue(html.contains("@media print"));
    assertTrue(html.contains("@page { size: A4 landscape;"));
  }

  @Test
  void withoutTheScenarioFile_omitsItsNotes_andSaysWhy(@TempDir Path dir) throws Exception {
    Path folder = SampleResult.write(dir.resolve("moved"), true);
    Files.delete(dir.resolve("moved.yaml"));
    String report = new BriefingReport().render(List.of(ResultData.load(folder)));
    assertFalse(report.contains("Demand: 100 t a month"));
    assertTrue(report.contains("is not at hand, so its comments on assumptions and sources are not shown"));
    assertTrue(report.contains("<p class=\"question\">If these policies come into force"), "a question built from "
        + "the policies instead");
  }

  @Test
  void severalRuns_areComparedSideBySide_withOverlaidPrices() throws Exception {
    String both = new BriefingReport().render(List.of(plain, squeeze));
    assertSelfContained(both);
    assertTrue(both.contains("<h1>Comparison of 2 scenarios</h1>"));
    assertTrue(both.contains("<th class=\"n\">sample-baseline</th><th class=\"n\">sample-squeeze</th>"));
    assertTrue(both.contains("<tr><td>United States</td><td class=\"n\">0.0%</td><td class=\"n\">6.0%</td></tr>"),
        "shortage compared");
    assertTrue(both.contains("<td class=\"n\">no policies</td><td class=\"n\">−33.3%</td>"), "exports compared");
    assertTrue(both.contains("data-chart=\"compare-price-ndfeb_magnet\""));
    assertTrue(both.contains("id=\"run-1\"") && both.contains("id=\"run-2\""), "each run in full after it");
    int perRun = new Charts().build(squeeze, ChartOptions.all()).size()
        + new Charts().build(plain, ChartOptions.all()).size();
    assertEquals(perRun + 2, images(both).size(), "each run's charts and one comparison per commodity");
  }

  @Test
  void write_replacesTheFileAtomically_leavingNoTemporaryFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("out/report.html");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "old");
    new BriefingReport().write(List.of(squeeze), file);
    assertTrue(Files.readString(file).startsWith("<!DOCTYPE html>"));
    try (Stream<Path> files = Files.list(file.getParent())) {
      assertEquals(List.of(file), files.toList());
    }
  }

  @Test
  void leadingComments_becomeParagraphsAndListItems_upToTheFirstContentLine() {
    assertEquals(List.of("A title.", "Two lines of one paragraph.", "- an item that wraps here", "- another"),
        ScenarioNotes.leadingComments(List.of("# A title.", "#", "# Two lines", "# of one paragraph.", "#",
            "# - an item that", "#   wraps here", "# - another", "", "name: x", "# not a leading comment")));
  }

  @Test
  void escapesWhatIsHtml() {
    assertEquals("a &lt;b&gt; &amp; &quot;c&quot; &#39;d&#39;", Html.esc("a <b> & \"c\" 'd'"));
    assertEquals("\u221223.1%", Html.change(-23.14));
    assertEquals("+4.0%", Html.change(4));
    assertTrue(html.contains("<meta charset=\"utf-8\">"));
  }
}
