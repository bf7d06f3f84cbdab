package org.magflow.output.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sweep charts drawn from hand-built sweep folders: which are drawn for which design, and what each shows. */
class SweepChartsTest {
  @TempDir static Path tmp;
  static SweepData grid;
  static SweepData monteCarlo;
  static SweepData oneAtATime;
  static SweepData sobol;
  static List<Chart> gridCharts;

  @BeforeAll
  static void loadTheSampleSweeps() throws Exception {
    grid = SweepData.load(SampleSweep.grid(tmp.resolve("grid")));
    monteCarlo = SweepData.load(SampleSweep.monteCarlo(tmp.resolve("mc")));
    oneAtATime = SweepData.load(SampleSweep.oneAtATime(tmp.resolve("oat")));
    sobol = SweepData.load(SampleSweep.sobol(tmp.resolve("sobol"), true));
    gridCharts = new SweepCharts().build(grid, SweepChartOptions.all());
  }

  private static List<String> stems(List<Chart> charts) {
    return charts.stream().map(Chart::fileStem).toList();
  }

  private static Chart chart(List<Chart> charts, String stem) {
    return charts.stream().filter(c -> c.fileStem().equals(stem)).findFirst()
        .orElseThrow(() -> new AssertionError(stem + " not in " + stems(charts)));
  }

  private static List<String> texts(Chart c) throws Exception {
    return ChartWriterTest.svgTexts(new ChartWriter().svg(c));
  }

  @Test
  void sweepData_readsTheDesign_andOnlyTheFanRowsOverEveryRun() {
    assertEquals("grid", grid.design());
    assertEquals(List.of("cut", "months"), grid.parameters().stream().map(SweepData.Parameter::name).toList());
    assertEquals("months after policies[name=squeeze].start", grid.parameters().get(1).anchor());
    assertEquals("0, 0.5, 1", grid.parameters().get(0).domain());
    assertEquals("US shortage, % of demand", grid.kpis().get(0).axisLabel());
    assertEquals("Peak NdFeB magnet price outside China, × reference", grid.kpis().get(1).axisLabel());
    assertEquals(18, grid.summary().size());
    assertEquals(4 * 12, grid.fan().size(), "point 0's fan rows are left out");
    assertEquals("uniform (min 0.02, max 0.3)", monteCarlo.parameters().get(0).domain());
    assertEquals("grid · grid, 9 runs · master seed 42", grid.subtitle());
    assertEquals("Source: magflow 9.9.9-test sweep · sweeps/grid.yaml · base scenarios/squeeze.yaml", grid.source());
  }

  @Test
  void kpiText_saysHowLongAPriceIsHeldAtTheCap_andLeavesItsDatesUnnamed() {
    var atCap = SweepData.KpiText.of("prices[ex-china/dytb_oxide].periodsAtCap").orElseThrow();
    assertEquals("Dy/Tb oxide price outside China at the cap", atCap.what());
    assertEquals("months", atCap.unit());
    assertTrue(SweepData.KpiText.of("prices[ex-china/dytb_oxide].firstAtCap").isEmpty(), "a date, not a KPI value");
  }

  @Test
  void grid_drawsPriceAndShortageFans_andTheHeatmap_forTheFirstKpi() {
    assertEquals(List.of("fan-price-ndfeb_magnet", "fan-shortage-US", "heatmap-" + SampleSweep.US_SHORTAGE),
        stems(gridCharts), "no shortage fan for Japan, which never ran short");
  }

  @Test
  void everySweepChart_isA1600by900Png_andAnSvgThatParses(@TempDir Path out) throws Exception {
    List<Chart> all = new java.util.ArrayList<>(gridCharts);
    all.addAll(new SweepCharts().build(oneAtATime, SweepChartOptions.all()));
    all.addAll(new SweepCharts().build(sobol, SweepChartOptions.all()));
    List<Path> files = new ChartWriter().write(all, out, Set.of(ChartFormat.PNG, ChartFormat.SVG));
    assertEquals(2 * all.size(), files.size());
    for (Path f : files) {
      if (f.toString().endsWith(".png")) {
        BufferedImage image = ImageIO.read(f.toFile());
        assertNotNull(image, f.toString());
        assertEquals(1600, image.getWidth(), f.toString());
        assertEquals(900, image.getHeight(), f.toString());
      } else {
        String svg = Files.readString(f);
        assertFalse(ChartWriterTest.svgTexts(svg).isEmpty(), f.toString());
        assertTrue(svg.contains("viewBox=\"0 0 1600 900\""), f.toString());
      }
      assertTrue(Files.size(f) > 5_000, f + " is " + Files.size(f) + " bytes");
    }
  }

  @Test
  void fanCharts_showTheMedianAndBothBands_withDatesAndUnitsOnTheAxes() throws Exception {
    List<String> price = texts(chart(gridCharts, "fan-price-ndfeb_magnet"));
    for (String t : List.of("median", "middle 50% of runs (25th–75th percentile)", "90% of runs (5th–95th)",
        "End of month", "China domestic, USD/kg", "Outside China, USD/kg", "Feb 25", "Aug 25",
        "grid · grid, 9 runs · master seed 42",
        "Source: magflow 9.9.9-test sweep · sweeps/grid.yaml · base scenarios/squeeze.yaml")) {
      assertTrue(price.contains(t), t + " in " + price);
    }
    // The title reads the spread of the more volatile zone: outside China, its 95th percentile's peak.
    assertTrue(price.get(0).startsWith("NdFeB magnets outside China: 1 run in 20 passes "), price.get(0));

    List<String> shortage = texts(chart(gridCharts, "fan-shortage-US"));
    assertTrue(shortage.contains("Shortage, % of the month's demand"), shortage.toString());
    assertTrue(shortage.contains("90% of runs (5th–95th)"), shortage.toString());
    assertEquals("US shortage: median peaks at 2.0%, 1 run in 20 passes 6.0%", shortage.get(0));
  }

  @Test
  void heatmap_placesTheSecondParameterOnX_printsEveryCell_andLabelsItsColourScale() throws Exception {
    Chart heatmap = chart(gridCharts, "heatmap-" + SampleSweep.US_SHORTAGE);
    List<String> t = texts(heatmap);
    assertEquals("US shortage is highest at cut 1, months 12: 10%", t.get(0));
    for (String s : List.of("cut", "months", "US shortage, % of demand", "0", "0.5", "1", "6", "12", "0.4",
        "0.8", "2.5", "5.0", "10.0")) {
      assertTrue(t.contains(s), s + " in " + t);
    }
    assertTrue(heatmap.caption().contains("zero in 3 of 9 settings"), heatmap.caption());
  }

  @Test
  void heatmap_isDrawnOnlyForAGridOfTwoParameters_withoutErrorOtherwise() throws Exception {
    List<String> mc = stems(new SweepCharts().build(monteCarlo, SweepChartOptions.all()));
    assertTrue(mc.stream().noneMatch(s -> s.startsWith("heatmap")), mc.toString());
    assertTrue(mc.contains("fan-price-ndfeb_magnet"), mc.toString());
    List<String> oat = stems(new SweepCharts().build(oneAtATime, SweepChartOptions.all()));
    assertTrue(oat.stream().noneMatch(s -> s.startsWith("heatmap")), "three parameters: " + oat);
    // Asked for by name, the reason is given.
    ResultInputException e = assertThrows(ResultInputException.class, () -> new SweepCharts().build(monteCarlo,
        new SweepChartOptions("heatmap", null, null, null, null, null)));
    assertEquals("--metric", e.source());
    assertEquals("a heatmap needs a grid over exactly two parameters; this sweep is a Monte Carlo design over 1 "
        + "parameter", e.getMessage());
  }

  @Test
  void tornado_forOneAtATime_sortsBySwing_aroundTheBase() throws Exception {
    List<Chart> charts = new SweepCharts().build(oneAtATime, SweepChartOptions.all());
    assertTrue(stems(charts).contains("tornado-" + SampleSweep.US_SHORTAGE), stems(charts).toString());
    assertTrue(stems(gridCharts).stream().noneMatch(s -> s.startsWith("tornado")), "not for a grid");
    List<String> t = texts(chart(charts, "tornado-" + SampleSweep.US_SHORTAGE));
    assertEquals("cover moves US shortage most: 18 to 0% of demand", t.get(0));
    for (String s : List.of("parameter at its low end", "at its high end", "base scenario: 3",
        "US shortage, % of demand", "0.5 → 18", "2 → 0", "0.6 → 12", "0.02 → 3.2")) {
      assertTrue(t.stream().anyMatch(x -> x.strip().equals(s)), s + " in " + t);
    }
    // Largest swing on top: the parameter names come down the axis in tornado.csv's order.
    int cover = t.indexOf("cover");
    int approval = t.indexOf("approval");
    int elasticity = t.indexOf("elasticity");
    assertTrue(cover >= 0 && cover < approval && approval < elasticity, t.toString());
  }

  @Test
  void sobol_drawsFirstOrderAndTotalIndices_withAnErrorBarOnEachBar(@TempDir Path dir) throws Exception {
    List<Chart> charts = new SweepCharts().build(sobol, SweepChartOptions.all());
    Chart withBars = chart(charts, "sobol-" + SampleSweep.US_SHORTAGE);
    List<String> t = texts(withBars);
    assertEquals("cut drives most of the spread in US shortage", t.get(0));
    for (String s : List.of("first-order index (S1): the parameter alone", "total index (ST): with its interactions",
        "95% bootstrap interval", "Sobol index: share of the KPI's variance", "cut", "noise")) {
      assertTrue(t.contains(s), s + " in " + t);
    }
    // The same indices without intervals: each of the 4 bars loses its whisker and two caps.
    SweepData bare = SweepData.load(SampleSweep.sobol(dir.resolve("bare"), false));
    Chart without = chart(new SweepCharts().build(bare, SweepChartOptions.all()), "sobol-" + SampleSweep.US_SHORTAGE);
    assertEquals(4 * 3, lines(new ChartWriter().svg(withBars)) - lines(new ChartWriter().svg(without)));
  }

  @Test
  void sobol_forAKpiThatNeverVaries_saysSo_insteadOfDrawingNothing() throws Exception {
    List<Chart> charts = new SweepCharts().build(sobol, new SweepChartOptions("sobol", List.of(SampleSweep.US_PRICE),
        null, null, null, null));
    assertEquals("Peak NdFeB magnet price outside China does not vary across the runs", charts.get(0).title());
  }

  private static int lines(String svg) {
    Matcher m = Pattern.compile("<line ").matcher(svg);
    int n = 0;
    while (m.find()) n++;
    return n;
  }

  @Test
  void options_chooseKpisAndSeries_andRefuseWhatTheSweepLacks() throws Exception {
    List<Chart> all = new SweepCharts().build(grid, new SweepChartOptions("heatmap", List.of("all"), null, null, null,
        null));
    assertEquals(List.of("heatmap-" + SampleSweep.US_SHORTAGE, "heatmap-" + SampleSweep.US_PRICE), stems(all));
    List<Chart> exChina = new SweepCharts().build(grid, new SweepChartOptions("fan-price", null, List.of("ex-china"),
        null, null, null));
    assertFalse(texts(exChina.get(0)).contains("China domestic, USD/kg"));

    ResultInputException kpi = assertThrows(ResultInputException.class, () -> new SweepCharts().build(grid,
        new SweepChartOptions(null, List.of("nope"), null, null, null, null)));
    assertEquals("unknown KPI 'nope'; this sweep's KPIs are us_shortage_pct, us_price_x (or all)", kpi.getMessage());
    ResultInputException metric = assertThrows(ResultInputException.class, () -> new SweepCharts().build(grid,
        new SweepChartOptions("price", null, null, null, null, null)));
    assertEquals("unknown sweep chart 'price'; a sweep folder's charts are fan-price, fan-shortage, heatmap, tornado,"
        + " sobol", metric.getMessage());
    ResultInputException region = assertThrows(ResultInputException.class, () -> new SweepCharts().build(grid,
        new SweepChartOptions(null, null, List.of("XX"), null, null, null)));
    assertTrue(region.getMessage().startsWith("unknown region 'XX'; this sweep's fan series cover regions US, JP"),
        region.getMessage());
    ResultInputException tornado = assertThrows(ResultInputException.class, () -> new SweepCharts().build(grid,
        new SweepChartOptions("tornado", null, null, null, null, null)));
    assertTrue(tornado.getMessage().startsWith("a tornado chart needs a one-at-a-time design"), tornado.getMessage());
  }

  @Test
  void load_refusesWhatIsNotACompleteSweepFolder_sayingWhy(@TempDir Path dir) throws Exception {
    ResultInputException none = assertThrows(ResultInputException.class, () -> SweepData.load(dir));
    assertEquals("not a magflow sweep folder: it has no sweep.json", none.getMessage());

    Path noSummary = SampleSweep.grid(dir.resolve("no-summary"));
    Files.delete(noSummary.resolve("summary.csv"));
    assertTrue(assertThrows(ResultInputException.class, () -> SweepData.load(noSummary)).getMessage()
        .startsWith("not a complete magflow sweep folder: it has sweep.json but no summary.csv"));

    Path broken = SampleSweep.grid(dir.resolve("broken"));
    Files.writeString(broken.resolve("sweep.json"), "{\"name\": ");
    assertTrue(assertThrows(ResultInputException.class, () -> SweepData.load(broken)).getMessage()
        .startsWith("cannot read sweep.json: "));

    Path badCsv = SampleSweep.grid(dir.resolve("bad-csv"));
    Files.writeString(badCsv.resolve("summary.csv"), "point,label,cut,months,kpi,n,mean,sd,ci95_low,ci95_high,p5,"
        + "p50,p95\n0,,0,1,us_shortage_pct,1,lots,,,,0,0,0\n", StandardCharsets.UTF_8);
    assertEquals("summary.csv:2: expected a number, found 'lots'",
        assertThrows(ResultInputException.class, () -> SweepData.load(badCsv)).getMessage());

    Path partial = Files.createDirectories(dir.resolve("sweep.partial"));
    Files.writeString(partial.resolve("journal.csv"), "run\n");
    assertTrue(assertThrows(ResultInputException.class, () -> SweepData.load(partial)).getMessage()
        .startsWith("an unfinished sweep"));
  }

  @Test
  void writeSweepCharts_drawsIntoTheFoldersChartsFolder() throws Exception {
    Path dir = SampleSweep.oneAtATime(tmp.resolve("oat-written"));
    List<Path> files = new ChartWriter().writeSweepCharts(dir);
    assertTrue(files.contains(dir.resolve("charts/tornado-" + SampleSweep.US_SHORTAGE + ".png")), files.toString());
    assertTrue(files.contains(dir.resolve("charts/tornado-" + SampleSweep.US_SHORTAGE + ".svg")), files.toString());
    assertTrue(ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(files.get(0)))) != null);
  }
}
