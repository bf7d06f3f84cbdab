package org.magflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magflow.output.chart.SampleResult;
import org.magflow.output.chart.SampleSweep;

/** {@code magflow chart} and {@code magflow report} on a sweep folder, as a user meets them. */
class SweepChartAndReportCommandTest {
  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void chart_onASweepFolder_drawsItsCharts_intoItsChartsFolder(@TempDir Path tmp) throws IOException {
    Path sweep = SampleSweep.grid(tmp.resolve("grid"));
    CliTest.Outcome o = CliTest.magflow("chart", sweep.toString(), "--format", "svg");
    assertEquals(0, o.exitCode(), o.err());
    assertEquals(List.of("fan-price-ndfeb_magnet.svg", "fan-shortage-US.svg", "heatmap-us_shortage_pct.svg"),
        names(sweep.resolve("charts")));
    assertTrue(o.out().contains("Wrote 3 charts to " + sweep.resolve("charts")), o.out());
  }

  @Test
  void chart_onASweepFolder_takesAChartAndKpis(@TempDir Path tmp) throws IOException {
    Path sweep = SampleSweep.grid(tmp.resolve("grid"));
    Path out = tmp.resolve("slides");
    CliTest.Outcome o = CliTest.magflow("chart", sweep.toString(), "--metric", "heatmap", "--kpi", "us_price_x",
        "--format", "png", "-o", out.toString());
    assertEquals(0, o.exitCode(), o.err());
    assertEquals(List.of("heatmap-us_price_x.png"), names(out));
  }

  @Test
  void chart_onASweepFolder_refusesWhatDoesNotApply_withExit2(@TempDir Path tmp) throws IOException {
    Path sweep = SampleSweep.monteCarlo(tmp.resolve("mc"));
    CliTest.Outcome heatmap = CliTest.magflow("chart", sweep.toString(), "--metric", "heatmap");
    assertEquals(2, heatmap.exitCode());
    assertEquals("error: --metric: a heatmap needs a grid over exactly two parameters; this sweep is a Monte Carlo "
        + "design over 1 parameter", heatmap.err().strip());
    CliTest.Outcome kpi = CliTest.magflow("chart", sweep.toString(), "--kpi", "nope");
    assertEquals(2, kpi.exitCode());
    assertTrue(kpi.err().startsWith("error: --kpi: unknown KPI 'nope'; this sweep's KPIs are us_shortage_pct, "
        + "us_price_x"), kpi.err());
    CliTest.Outcome agents = CliTest.magflow("chart", sweep.toString(), "--agents", "us-magnets");
    assertEquals(2, agents.exitCode());
    assertTrue(agents.err().startsWith("error: --agents: a sweep folder has no agents' series"), agents.err());
    Path run = SampleResult.write(tmp.resolve("run"), false);
    CliTest.Outcome runKpi = CliTest.magflow("chart", run.toString(), "--kpi", "us_shortage_pct");
    assertEquals(2, runKpi.exitCode());
    assertEquals("error: --kpi: --kpi applies to sweep folders (with sweep.json); " + run + " is not one",
        runKpi.err().strip());
  }

  @Test
  void report_onASweepFolder_writesItsBriefing_intoTheFolder(@TempDir Path tmp) throws IOException {
    Path sweep = SampleSweep.oneAtATime(tmp.resolve("oat"));
    CliTest.Outcome o = CliTest.magflow("report", sweep.toString());
    assertEquals(0, o.exitCode(), o.err());
    Path report = sweep.resolve("report.html");
    assertEquals("Wrote " + report + "\n", o.out().replace("\r\n", "\n"));
    String html = Files.readString(report);
    assertTrue(html.contains("<p class=\"kicker\">magflow sweep briefing</p>"));
    assertTrue(html.contains("data-chart=\"tornado-us_shortage_pct\""));
    assertTrue(html.contains("id=\"summary-points\""));
  }

  @Test
  void report_onABadSweepFolder_exits2_sayingWhatIsWrong(@TempDir Path tmp) throws IOException {
    Path noSummary = SampleSweep.grid(tmp.resolve("no-summary"));
    Files.delete(noSummary.resolve("summary.csv"));
    CliTest.Outcome missing = CliTest.magflow("report", noSummary.toString());
    assertEquals(2, missing.exitCode());
    assertTrue(missing.err().startsWith("error: " + noSummary + ": not a complete magflow sweep folder: it has "
        + "sweep.json but no summary.csv"), missing.err());
    assertFalse(missing.err().contains("Exception"), missing.err());
    assertFalse(Files.exists(noSummary.resolve("report.html")));

    Path broken = SampleSweep.grid(tmp.resolve("broken"));
    Files.writeString(broken.resolve("sweep.json"), "{ not json");
    CliTest.Outcome json = CliTest.magflow("report", broken.toString());
    assertEquals(2, json.exitCode());
    assertTrue(json.err().startsWith("error: " + broken + ": cannot read sweep.json: "), json.err());

    Path partial = Files.createDirectories(tmp.resolve("sweep.partial"));
    Files.writeString(partial.resolve("journal.csv"), "run\n");
    CliTest.Outcome unfinished = CliTest.magflow("report", partial.toString());
    assertEquals(2, unfinished.exitCode());
    assertTrue(unfinished.err().startsWith("error: " + partial + ": an unfinished sweep"), unfinished.err());

    Path sweep = SampleSweep.grid(tmp.resolve("grid"));
    CliTest.Outcome mixed = CliTest.magflow("report", sweep.toString(), tmp.resolve("some-run").toString());
    assertEquals(2, mixed.exitCode());
    assertTrue(mixed.err().startsWith("error: " + sweep + ": a sweep folder is reported on its own"), mixed.err());
  }
}
