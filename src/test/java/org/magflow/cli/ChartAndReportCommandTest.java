package org.magflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code magflow run} writes charts; {@code magflow chart} and {@code report} as a user meets them. */
class ChartAndReportCommandTest {
  private static final String TINY = "src/test/resources/scenarios/tiny.yaml";

  @TempDir static Path tmp;
  static Path result;

  @BeforeAll
  static void runTheTinyScenario() {
    result = tmp.resolve("tiny");
    CliTest.Outcome o = CliTest.magflow("run", TINY, "-o", result.toString());
    assertEquals(0, o.exitCode(), o.err());
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void run_writesChartsAndTheCounterfactualIntoTheResultFolder() throws IOException {
    List<String> charts = names(result.resolve("charts"));
    for (String chart : List.of("price-magnet", "price-reo", "exports-cn-reo", "production-shares")) {
      assertTrue(charts.contains(chart + ".png") && charts.contains(chart + ".svg"), chart + " in " + charts);
    }
    // tiny.yaml has a policy, so its run also ran without it; charts draw that as a reference.
    assertTrue(Files.size(result.resolve("counterfactual.csv")) > 1000);
    assertTrue(Files.readString(result.resolve("charts/price-reo.svg")).contains("without policies"));
  }

  @Test
  void buildOut_isDrawnForARunWithProjects_only(@TempDir Path out) throws IOException {
    assertFalse(names(result.resolve("charts")).contains("build-out.png"), "tiny.yaml has no projects");
    CliTest.Outcome o = CliTest.magflow("run", "scenarios/reference.yaml", "-o", out.resolve("ref").toString());
    assertEquals(0, o.exitCode(), o.err());
    Path svg = out.resolve("ref/charts/build-out.svg");
    assertTrue(Files.exists(svg), "build-out chart of reference.yaml");
    String text = Files.readString(svg);
    // its one project is a US magnet plant: manufacturing outside China, with the United States in the stack
    assertTrue(text.contains("Capacity outside China by stage") && text.contains("Manufacturing")
        && text.contains("United States"), "build-out chart's title, stage and region");
  }

  @Test
  void chart_withOptions_writesJustThatChart_whereAsked(@TempDir Path out) throws IOException {
    CliTest.Outcome o = CliTest.magflow("chart", result.toString(), "--metric", "price", "--commodities", "reo",
        "--regions", "US", "--from", "2025-03-01", "--to", "2025-12-31", "--format", "svg", "-o", out.toString());
    assertEquals(0, o.exitCode(), o.err());
    assertEquals(List.of("price-reo.svg"), names(out));
    assertTrue(o.out().contains("Wrote 1 chart to " + out), o.out());
  }

  @Test
  void chart_aMetricOfTheTimeSeries_byAgent(@TempDir Path out) throws IOException {
    CliTest.Outcome o = CliTest.magflow("chart", result.toString(), "--metric", "inventory", "--agents",
        "us-magnets,cn-miner", "--format", "png", "-o", out.toString());
    assertEquals(0, o.exitCode(), o.err());
    assertFalse(names(out).isEmpty());
    assertTrue(names(out).stream().allMatch(n -> n.startsWith("inventory-") && n.endsWith("-by-agent.png")),
        names(out).toString());
  }

  @Test
  void chart_onAFolderThatIsNotAResult_exits2_sayingWhatIsMissing(@TempDir Path dir) {
    CliTest.Outcome o = CliTest.magflow("chart", dir.toString());
    assertEquals(2, o.exitCode());
    assertTrue(o.err().startsWith("error: " + dir + ": not a magflow result folder: it has no timeseries.csv"),
        o.err());
    assertFalse(o.err().contains("Exception"), o.err());
  }

  @Test
  void chart_badOptions_exit2_withClearMessages() {
    CliTest.Outcome metric = CliTest.magflow("chart", result.toString(), "--metric", "nope");
    assertEquals(2, metric.exitCode());
    assertTrue(metric.err().startsWith("error: --metric: unknown metric 'nope'; choose a chart (price, "),
        metric.err());

    CliTest.Outcome late = CliTest.magflow("chart", result.toString(), "--from", "2099-01-01");
    assertEquals(2, late.exitCode());
    assertTrue(late.err().startsWith("error: --from: 2099-01-01 is outside the run, which covers "), late.err());

    CliTest.Outcome date = CliTest.magflow("chart", result.toString(), "--to", "31/12/2025");
    assertEquals(2, date.exitCode());
    assertTrue(date.err().contains("'31/12/2025'"), date.err());

    CliTest.Outcome format = CliTest.magflow("chart", result.toString(), "--format", "pdf");
    assertEquals(2, format.exitCode());
    assertTrue(format.err().startsWith("error: Invalid value for option '--format': 'pdf'; choose png or svg"), format.err());
  }

  @Test
  void report_ofOneRun_defaultsToReportHtmlInTheResultFolder() throws IOException {
    CliTest.Outcome o = CliTest.magflow("report", result.toString());
    assertEquals(0, o.exitCode(), o.err());
    Path report = result.resolve("report.html");
    assertEquals("Wrote " + report + "\n", o.out().replace("\r\n", "\n"));
    String html = Files.readString(report);
    assertTrue(html.startsWith("<!DOCTYPE html>"));
    assertTrue(html.contains("<p class=\"kicker\">magflow briefing \u00b7 tiny</p>"), "names the scenario");
    assertTrue(html.contains("<h1>No region runs short"), "titled with its answer");
  }

  @Test
  void report_ofSeveralRuns_comparesThem_intoTheFileAsked(@TempDir Path dir) throws IOException {
    Path other = dir.resolve("tiny-seed-8");
    assertEquals(0, CliTest.magflow("run", TINY, "--seed", "8", "-o", other.toString()).exitCode());
    Path file = dir.resolve("briefing/compare.html");
    CliTest.Outcome o = CliTest.magflow("report", result.toString(), other.toString(), "-o", file.toString());
    assertEquals(0, o.exitCode(), o.err());
    String html = Files.readString(file);
    assertTrue(html.contains("<h1>Comparison of 2 scenarios</h1>"));
    assertTrue(html.contains("tiny (tiny, seed 42)") && html.contains("tiny (tiny-seed-8, seed 8)"), "runs told apart");
  }

  @Test
  void report_onBadFolders_exits2_listingEveryOne(@TempDir Path dir) {
    CliTest.Outcome o = CliTest.magflow("report", result.toString(), dir.resolve("missing").toString(), dir.toString());
    assertEquals(2, o.exitCode());
    List<String> lines = o.err().lines().toList();
    assertEquals("error: " + dir.resolve("missing") + ": no such result folder", lines.get(0));
    assertTrue(lines.get(1).startsWith("error: " + dir + ": not a magflow result folder"), o.err());
  }
}
