package org.magflow.output.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Choosing charts from a result folder: options, their checks against the run, and unreadable folders. */
class ChartsTest {
  @TempDir static Path tmp;
  static ResultData data;

  @BeforeAll
  static void readTheSampleRun() throws Exception {
    data = ResultData.load(SampleResult.write(tmp.resolve("sample"), true));
  }

  private static List<String> stems(ChartOptions options) throws ResultInputException {
    return new Charts().build(data, options).stream().map(Chart::fileStem).toList();
  }

  private static ChartOptions metric(String metric) {
    return new ChartOptions(metric, null, null, null, null, null);
  }

  @Test
  void load_readsTheScenarioPoliciesAndSeries() {
    assertEquals(SampleResult.NAME, data.scenarioName());
    assertEquals(42, data.seed());
    assertEquals("9.9.9-test", data.magflowVersion());
    assertEquals("month", data.period());
    assertEquals(List.of("china", "ex-china"), data.zones());
    assertEquals(List.of(SampleResult.SQUEEZE, SampleResult.QUOTA), data.policies().stream()
        .map(ResultData.PolicyWindow::name).toList());
    assertEquals(LocalDate.of(2026, 7, 1), data.policies().get(1).end());
    assertEquals("CN", data.policies().get(0).details().get("exporter"));
    assertTrue(data.hasCounterfactual());
    assertEquals(24, data.dates().size());
    assertEquals(50.0, data.referencePrice("ex-china", SampleResult.MAGNET).orElseThrow());
  }

  @Test
  void counterfactualCsv_holdsOnlyThePricesAndShipmentsOfTheRunWithoutPolicies() throws IOException {
    List<org.magflow.event.Observation> rows = new org.magflow.output.TimeSeriesCsv()
        .read(data.dir().resolve(org.magflow.output.TimeSeriesCsv.COUNTERFACTUAL_FILE_NAME));
    assertEquals(java.util.Set.of("price", "shipped"), rows.stream().map(org.magflow.event.Observation::metric)
        .collect(java.util.stream.Collectors.toSet()));
    assertTrue(rows.stream().anyMatch(o -> o.metric().equals("shipped") && o.partner().equals("US")
        && o.date().equals(LocalDate.of(2026, 1, 31)) && o.value() == 90), "the unsqueezed exports");
    assertEquals(data.counterfactualRows("price").size(),
        rows.stream().filter(o -> o.metric().equals("price")).count());
  }

  @Test
  void aChartKind_drawsOneChartPerCommodity_andCommoditiesNarrowIt() throws Exception {
    assertEquals(List.of("price-ndpr_oxide", "price-ndfeb_magnet"), stems(metric("price")));
    assertEquals(List.of("price-ndfeb_magnet"), stems(new ChartOptions("price", null, null,
        List.of(SampleResult.MAGNET), null, null)));
    assertEquals(List.of("production-shares"), stems(metric("production-shares")));
  }

  @Test
  void cover_ofAnotherCommodity_drawsThePlantsThatHoldIt() throws Exception {
    assertEquals(List.of("cover-ndpr_oxide"), stems(new ChartOptions("cover", null, null,
        List.of(SampleResult.OXIDE), null, null)));
  }

  @Test
  void aTimeSeriesMetric_isDrawnByRegion_orByAgentWhenAgentsAreGiven() throws Exception {
    assertEquals(List.of("inventory-ndpr_oxide", "inventory-ndfeb_magnet"), stems(metric("inventory")));
    assertEquals(List.of("throughput-mining", "throughput-manufacturing"), stems(metric("throughput")));
    assertEquals(List.of("inventory-ndfeb_magnet-by-agent"), stems(new ChartOptions("inventory",
        List.of("us-ev", "jp-ev"), null, null, null, null)));
    Chart byAgent = new Charts().build(data, new ChartOptions("cover", List.of("us-ev", "jp-ev"), null, null,
        null, null)).get(0);
    assertEquals("NdFeB magnets: buyers' stock cover by buyer", byAgent.title());
  }

  @Test
  void fromAndTo_setTheTimeAxis() throws Exception {
    Chart c = new Charts().build(data, new ChartOptions("price", null, null, List.of(SampleResult.MAGNET),
        LocalDate.of(2025, 6, 1), LocalDate.of(2025, 12, 31))).get(0);
    DateAxis axis = (DateAxis) ((XYPlot) c.chart().getPlot()).getDomainAxis();
    assertEquals(HouseStyle.millis(LocalDate.of(2025, 6, 1)), axis.getMinimumDate().getTime());
    assertEquals(HouseStyle.millis(LocalDate.of(2026, 1, 1)), axis.getMaximumDate().getTime());
  }

  @Test
  void regions_takeRegionOrZoneIds() throws Exception {
    assertEquals(List.of("price-ndpr_oxide", "price-ndfeb_magnet"), stems(new ChartOptions("price", null,
        List.of("ex-china"), null, null, null)));
    assertEquals(List.of("shortage-by-region-ndfeb_magnet"), stems(new ChartOptions("shortage-by-region", null,
        List.of("US"), null, null, null)));
  }

  private static ResultInputException bad(ChartOptions options) {
    return assertThrows(ResultInputException.class, () -> new Charts().build(data, options));
  }

  @Test
  void anUnknownMetric_isRefused_listingWhatIsAccepted() {
    ResultInputException e = bad(metric("prices"));
    assertEquals("--metric", e.source());
    assertTrue(e.getMessage().startsWith("unknown metric 'prices'; choose a chart (price, shortage-by-region, "
        + "shortage-by-sector, exports, cover, production-shares, build-out) or a time-series metric of this run ("),
        e.getMessage());
    assertTrue(e.getMessage().contains("inventory"), e.getMessage());
  }

  @Test
  void unknownAgentsRegionsAndCommodities_areRefused_withTheKnownOnes() {
    ResultInputException agent = bad(new ChartOptions(null, List.of("us-evv"), null, null, null, null));
    assertEquals("--agents", agent.source());
    assertTrue(agent.getMessage().startsWith("unknown agent 'us-evv'; this run's agents are cn-ev, "),
        agent.getMessage());
    ResultInputException region = bad(new ChartOptions(null, null, List.of("USA"), null, null, null));
    assertEquals("--regions", region.source());
    assertEquals("unknown region 'USA'; this run's regions are CN, US, JP and its price zones china, ex-china",
        region.getMessage());
    ResultInputException commodity = bad(new ChartOptions(null, null, null, List.of("magnets"), null, null));
    assertEquals("--commodities", commodity.source());
    assertEquals("unknown commodity 'magnets'; this run's commodities are ndpr_oxide, ndfeb_magnet",
        commodity.getMessage());
  }

  @Test
  void datesOutsideTheRun_orInTheWrongOrder_areRefused() {
    ResultInputException late = bad(new ChartOptions(null, null, null, null, LocalDate.of(2040, 1, 1), null));
    assertEquals("--from", late.source());
    assertEquals("2040-01-01 is outside the run, which covers 2025-01-01 to 2026-12-31", late.getMessage());
    ResultInputException early = bad(new ChartOptions(null, null, null, null, null, LocalDate.of(2024, 12, 31)));
    assertEquals("--to", early.source());
    ResultInputException order = bad(new ChartOptions(null, null, null, null, LocalDate.of(2026, 1, 1),
        LocalDate.of(2025, 1, 1)));
    assertEquals("--from 2026-01-01 must be before --to 2025-01-01", order.getMessage());
    ResultInputException empty = bad(new ChartOptions(null, null, null, null, LocalDate.of(2025, 1, 1),
        LocalDate.of(2025, 1, 20)));
    assertTrue(empty.getMessage().startsWith("no reporting period ends between"), empty.getMessage());
  }

  @Test
  void load_refusesAFolderThatIsNotAResultFolder_sayingWhatIsMissing(@TempDir Path dir) throws IOException {
    ResultInputException missing = assertThrows(ResultInputException.class, () -> ResultData.load(dir.resolve("nope")));
    assertEquals(dir.resolve("nope").toString(), missing.source());
    assertEquals("no such result folder", missing.getMessage());

    Path empty = Files.createDirectories(dir.resolve("empty"));
    ResultInputException notResult = assertThrows(ResultInputException.class, () -> ResultData.load(empty));
    assertTrue(notResult.getMessage().startsWith("not a magflow result folder: it has no timeseries.csv"),
        notResult.getMessage());

    Path file = Files.writeString(dir.resolve("file.txt"), "x");
    assertTrue(assertThrows(ResultInputException.class, () -> ResultData.load(file)).getMessage()
        .startsWith("not a folder"));
  }

  @Test
  void load_refusesMalformedFiles_namingTheFile(@TempDir Path dir) throws IOException {
    Path broken = SampleResult.write(dir.resolve("broken"), true);
    Files.writeString(broken.resolve("summary.json"), "{ not json");
    ResultInputException json = assertThrows(ResultInputException.class, () -> ResultData.load(broken));
    assertTrue(json.getMessage().startsWith("cannot read summary.json: "), json.getMessage());

    Path badCsv = SampleResult.write(dir.resolve("csv"), true);
    Files.writeString(badCsv.resolve("timeseries.csv"), "a,b\n1,2\n");
    ResultInputException csv = assertThrows(ResultInputException.class, () -> ResultData.load(badCsv));
    assertTrue(csv.getMessage().startsWith("cannot read timeseries.csv: "), csv.getMessage());
  }
}
