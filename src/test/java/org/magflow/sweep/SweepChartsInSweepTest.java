package org.magflow.sweep;

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
import org.magflow.output.chart.ChartWriter;

/** A finished sweep draws its charts into its own folder, after its data and without risking them. */
class SweepChartsInSweepTest {
  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aGridOfTwoParameters_getsFanChartsAndAHeatmap_inItsChartsFolder(@TempDir Path tmp) throws Exception {
    Path file = Sweeps.write(tmp, "grid.yaml", """
        design: grid
        seed: 11
        parameters:
          - name: cut
            path: policies[name=reo-throttle].cut
            values: [0.2, 1]
          - name: months
            path: policies[name=reo-throttle].end
            monthsAfter: policies[name=reo-throttle].start
            values: [2, 8]
        kpis:
          - {name: us_shortage_pct, path: "shortageByRegion[US].shortagePercentOfDemand"}
        """);
    Path out = tmp.resolve("out");
    SweepRunner.Result r = new SweepRunner().run(file, SweepRunner.Options.defaults().withOutDir(out).withThreads(2));
    assertTrue(r.chartsDrawn(), r.chartProblem());
    assertEquals("charts/", r.files().get(r.files().size() - 1));
    assertTrue(Files.readString(out.resolve("sweep.json")).contains("\"charts/\""));
    List<String> charts = names(out.resolve("charts"));
    for (String c : List.of("heatmap-us_shortage_pct", "fan-price-magnet", "fan-price-reo")) {
      assertTrue(charts.contains(c + ".png") && charts.contains(c + ".svg"), c + " in " + charts);
    }
    assertFalse(charts.contains(ChartWriter.NOT_DRAWN));
    assertFalse(Files.exists(SweepRunner.partialDir(out)), "the journal is gone once done");
  }

  @Test
  void withoutCharts_theFolderHoldsTheDataOnly(@TempDir Path tmp) throws Exception {
    Path file = Sweeps.write(tmp, "oat.yaml", """
        design: one-at-a-time
        parameters:
          - name: cut
            path: policies[name=reo-throttle].cut
            values: [0.2, 1]
        """);
    Path out = tmp.resolve("out");
    SweepRunner.Result r = new SweepRunner().run(file, SweepRunner.Options.defaults().withOutDir(out)
        .withCharts(false));
    assertFalse(Files.exists(out.resolve("charts")));
    assertFalse(r.files().contains("charts/"));
    assertTrue(Files.isRegularFile(out.resolve("tornado.csv")));
  }

  @Test
  void chartsThatCannotBeDrawn_leaveTheDataAlone_andANoteSayingWhy(@TempDir Path tmp) throws Exception {
    // A folder whose data the charts cannot read: as if a chart failed after the data were written.
    Path dir = Files.createDirectories(tmp.resolve("sweep"));
    Files.writeString(dir.resolve("sweep.json"), "{\"design\": \"grid\", \"parameters\": [], \"kpis\": []}");
    Files.writeString(dir.resolve("summary.csv"), "not,a,summary\n");
    String problem = SweepRunner.drawCharts(dir, tmp.resolve("final"));
    assertTrue(problem.contains("summary.csv has an unexpected header"), problem);
    assertEquals("not,a,summary\n", Files.readString(dir.resolve("summary.csv")), "data untouched");
    String note = Files.readString(dir.resolve("charts").resolve(ChartWriter.NOT_DRAWN));
    assertTrue(note.startsWith("No charts: cannot chart " + tmp.resolve("final") + ": "), note);
    assertTrue(note.contains("The sweep's data are complete. Draw the charts with: magflow chart "
        + tmp.resolve("final")), note);
  }
}
