package org.magflow.output.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magflow.output.chart.Chart;
import org.magflow.output.chart.SampleSweep;
import org.magflow.output.chart.SweepChartOptions;
import org.magflow.output.chart.SweepCharts;
import org.magflow.output.chart.SweepData;

/** The sweep briefing: the question and design, the statistics per point, every chart, self-contained. */
class SweepReportTest {
  @TempDir static Path tmp;
  static SweepData grid;
  static String gridHtml;

  @BeforeAll
  static void renderTheGridBriefing() throws Exception {
    grid = SweepData.load(SampleSweep.grid(tmp.resolve("grid")));
    gridHtml = new SweepReport().render(grid);
  }

  @Test
  void containsEveryChartOfTheSweepFolder_embeddedAsSvgThatParses() throws Exception {
    List<Chart> charts = new SweepCharts().build(grid, SweepChartOptions.all());
    assertFalse(charts.isEmpty());
    for (Chart c : charts) {
      assertTrue(gridHtml.contains("data-chart=\"" + c.fileStem() + "\""), c.fileStem());
      assertTrue(gridHtml.contains("alt=\"" + Html.esc(c.title()) + "\""), c.title());
    }
    // and the heatmap of every KPI, not only the first
    assertTrue(gridHtml.contains("data-chart=\"heatmap-" + SampleSweep.US_PRICE + "\""));
    var factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    List<String> images = BriefingReportTest.images(gridHtml);
    assertEquals(charts.size() + 1, images.size());
    for (String src : images) {
      assertTrue(src.startsWith("data:image/svg+xml;base64,"), src.substring(0, 40));
      byte[] svg = Base64.getDecoder().decode(src.substring(src.indexOf(',') + 1));
      assertEquals("svg", factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg)).getDocumentElement()
          .getLocalName());
    }
  }

  @Test
  void isSelfContained() {
    BriefingReportTest.assertSelfContained(gridHtml);
    assertTrue(gridHtml.startsWith("<!DOCTYPE html>"));
  }

  @Test
  void statesTheQuestion_theDesign_andEveryParameterWithItsRange() {
    assertTrue(gridHtml.contains("<h1>grid</h1>"));
    assertTrue(gridHtml.contains("<p class=\"lede\">A test sweep of a US squeeze</p>"));
    // No sweep file at hand: the question is built from the description, parameters and KPIs.
    assertTrue(gridHtml.contains("<p class=\"question\">A test sweep of a US squeeze. How do US shortage and peak NdFeB "
        + "magnet price outside China respond when cut and months vary, starting from squeeze?</p>"), gridHtml);
    for (String fact : List.of("<th>Base scenario</th><td>squeeze (scenarios/squeeze.yaml)</td>",
        "<th>Design</th><td>grid: every combination of the parameters&#39; values, the first varying slowest</td>",
        "<th>Replications</th><td>1 per point", "<th>Runs</th><td>9</td>", "<th>Master seed</th><td>42</td>",
        "<td><b>cut</b></td><td><code>policies[name=squeeze].cut</code></td><td>0, 0.5, 1</td>",
        "<td><b>months</b></td><td><code>policies[name=squeeze].end, months after policies[name=squeeze].start</code>"
            + "</td><td>1, 6, 12</td>",
        "<td><b>us_shortage_pct</b></td><td>US shortage, % of demand</td>")) {
      assertTrue(gridHtml.contains(fact), fact);
    }
  }

  @Test
  void theQuestion_isTheSweepFilesOwn_whenItOpensWithOne(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("sweeps/grid.yaml");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "# How long a cut can buyers ride out?\n#\n# More notes.\nname: grid\n");
    SweepData d = SweepData.load(SampleSweep.grid(dir.resolve("grid")));
    List<ScenarioNotes.Notes> notes = ScenarioNotes.read(file.toString(), "");
    assertEquals("How long a cut can buyers ride out?", SweepReport.question(d, notes));
  }

  @Test
  void summaryTable_givesEveryKpiAtEachPoint_oneRunPerPoint_highestFirst() {
    int table = gridHtml.indexOf("id=\"summary-points\"");
    assertTrue(table > 0);
    String rows = gridHtml.substring(table, gridHtml.indexOf("</table>", table));
    assertTrue(rows.contains("Every point, highest mean us_shortage_pct first") || gridHtml.contains(
        "Every point, highest mean us_shortage_pct first"));
    // The highest US shortage (cut 1, months 12: 10%) comes first, with its price KPI beside it.
    int first = rows.indexOf("<tr><td class=\"n\">8</td><td class=\"n\">1</td><td class=\"n\">12</td>"
        + "<td class=\"n\">10</td><td class=\"n\">2</td></tr>");
    assertTrue(first > 0, rows);
    assertTrue(first < rows.indexOf("<tr><td class=\"n\">0</td>"), "point 0 (all zero) comes later");
  }

  @Test
  void summaryTable_withReplications_givesMeanCiAndPercentiles_andTheRowsOverEveryRun() throws Exception {
    String html = new SweepReport().render(SweepData.load(SampleSweep.monteCarlo(tmp.resolve("mc"))));
    assertTrue(html.contains("<h3>Over all 8 runs</h3>"));
    assertTrue(html.contains("<th class=\"n\">n</th><th class=\"n\">Mean</th><th class=\"n\">95% CI</th>"
        + "<th class=\"n\">p5</th><th class=\"n\">p50</th><th class=\"n\">p95</th>"));
    assertTrue(html.contains("<td class=\"n\">8</td><td class=\"n\"><b>3.5</b></td><td class=\"n\">2.5 to 4.5</td>"
        + "<td class=\"n\">1.8</td><td class=\"n\">3.4</td><td class=\"n\">5.6</td>"), "the all-runs row");
    assertTrue(html.contains("<b>US shortage</b>: mean 3.5% of demand over 8 runs (95% interval of the mean 2.5 to "
        + "4.5); 90% of runs between 1.8 and 5.6% of demand, median 3.4."), "the finding");
    // point 3 has the highest mean shortage (5), so it leads the per-point table
    int table = html.indexOf("id=\"summary-points\"");
    assertTrue(html.indexOf(">3</td><td class=\"setting\"", table) < html.indexOf(">0</td><td class=\"setting\"",
        table));
    BriefingReportTest.assertSelfContained(html);
  }

  @Test
  void summaryTable_ofManyPoints_showsTheTopRows_andSaysHowManyMore() throws Exception {
    String html = new SweepReport().render(SweepData.load(SampleSweep.bigGrid(tmp.resolve("big"))));
    assertTrue(html.contains("The 25 points with the highest mean us_shortage_pct of 60; 35 more in "
        + "<code>summary.csv</code>."), html.substring(html.indexOf("By point")));
    int table = html.indexOf("id=\"summary-points\"");
    String rows = html.substring(table, html.indexOf("</table>", table));
    assertEquals(25, rows.split("<tr><td").length - 1);
  }

  @Test
  void oneAtATimeAndSobol_briefings_carryTheirTornadoAndSobolCharts_andFindings() throws Exception {
    String oat = new SweepReport().render(SweepData.load(SampleSweep.oneAtATime(tmp.resolve("oat"))));
    assertTrue(oat.contains("data-chart=\"tornado-" + SampleSweep.US_SHORTAGE + "\""));
    assertTrue(oat.contains("<b>US shortage</b>: 3% of demand in the base scenario; most sensitive to <b>cover</b>: "
        + "18% of demand at 0.5, 0% of demand at 2."), "tornado finding");
    assertTrue(oat.contains("<th class=\"n\">Low</th><th class=\"n\">High</th>"), "the design's low and high ends");
    String sobol = new SweepReport().render(SweepData.load(SampleSweep.sobol(tmp.resolve("sobol"), true)));
    assertTrue(sobol.contains("data-chart=\"sobol-" + SampleSweep.US_SHORTAGE + "\""));
    assertTrue(sobol.contains("<b>cut</b> accounts for the largest share of its variance (total index 0.8, 95% "
        + "interval 0.6 to 0.95; first-order 0.7)."), "Sobol finding");
  }

  @Test
  void provenance_namesTheFilesHashesSeedAndVersion() {
    int at = gridHtml.indexOf("id=\"provenance\"");
    String p = gridHtml.substring(at);
    for (String fact : List.of("<th>Sweep file</th><td>sweeps/grid.yaml (SHA-256 abc)</td>",
        "<th>Base scenario</th><td>scenarios/squeeze.yaml (SHA-256 def)</td>", "<th>Master seed</th><td>42</td>",
        "<th>magflow</th><td>9.9.9-test on Java 17</td>", "<th>Command</th><td>magflow sweep grid.yaml</td>")) {
      assertTrue(p.contains(fact), fact);
    }
  }

  @Test
  void write_putsTheBriefingWhereAsked(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("out/sweep.html");
    new SweepReport().write(grid, file);
    assertEquals(gridHtml, Files.readString(file));
  }
}
