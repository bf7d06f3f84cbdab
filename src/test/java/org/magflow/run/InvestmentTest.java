package org.magflow.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Predicate;
import org.magflow.event.Metrics;
import org.magflow.event.Observation;
import org.magflow.output.ProjectsCsv;
import org.magflow.output.RunRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The investment pipeline on the tiny world (a Chinese mine feeding a US magnet maker), each lever shown both
 * ways: a project that the market's signal does not reach stalls and is cancelled; the same project goes ahead
 * when a sustained scarcity, a price floor, an offtake or capital support makes it worth it; its capacity comes
 * only after its lead time, and it brings the scarce price down while the restriction still stands.
 */
class InvestmentTest {
  private static final Path TINY = Path.of("src/test/resources/scenarios/tiny.yaml");
  /** A US concentrate embargo from March 2025 that never lapses. */
  private static final String EMBARGO = """
        - {name: embargo, type: destination-throttle, start: 2025-03-01, exporter: CN, destinations: [US],
           commodities: [reo], cut: 1.0, source: test}
      """;
  /** Short lead times so a mine goes from permitted to operating within the run: 6 + 12 months. */
  private static final String INVESTMENT = """
      investment:
        leadTimes:
          mining: {permittingMonths: 6, financingMonths: 6, buildingMonths: 12, rampMonths: 6}
      """;

  @TempDir Path tmp;

  /** The tiny world to 2030 with these policies (YAML list items, or none) and one US mine project. */
  private RunRecord run(String policies, String projectExtras) throws Exception {
    String tiny = Files.readString(TINY);
    String world = tiny.substring(0, tiny.indexOf("policies:")).replace("end: 2027-01-01", "end: 2030-12-31");
    String text = world + "policies:\n" + (policies.isBlank() ? "  []\n" : policies) + INVESTMENT + """
        projects:
          - {id: us-mine, owner: us-miner, site: US, recipe: mine, tonnesPerYear: 600, status: permitted%s}
        """.formatted(projectExtras);
    return TestRuns.balanced(tmp.resolve("invest.yaml"), text);
  }

  private static ProjectsCsv.Row project(RunRecord run) {
    List<ProjectsCsv.Row> rows = ProjectsCsv.rows(run.events());
    assertEquals(1, rows.size());
    return rows.get(0);
  }

  private static final Predicate<Observation> US_MINER_OUTPUT =
      o -> o.agent().equals("us-miner") && o.commodity().equals("reo");

  @Test
  void withoutASignal_theProjectStallsAndIsCancelled_andBuildsNothing() throws Exception {
    RunRecord run = run("", "");
    ProjectsCsv.Row row = project(run);
    assertEquals("permitted", row.statusAtStart());
    assertEquals("cancelled", row.statusAtEnd());
    // cancelled after 36 months of prices below its incentive (1.35x reference): in early 2028
    LocalDate cancelled = row.reached().get("cancelled");
    assertTrue(cancelled.isAfter(LocalDate.of(2027, 12, 1)) && cancelled.isBefore(LocalDate.of(2028, 2, 1)),
        "cancelled " + cancelled);
    assertEquals(0, new RunSeries(run).sum(Metrics.PRODUCTION, US_MINER_OUTPUT, LocalDate.of(2025, 1, 1),
        LocalDate.of(2030, 12, 31)));
  }

  @Test
  void aSustainedScarcity_bringsTheMineAfterItsLeadTime_andThePriceComesBackDown() throws Exception {
    RunRecord run = run(EMBARGO, "");
    ProjectsCsv.Row row = project(run);
    assertEquals("operating", row.statusAtEnd());
    LocalDate decided = row.reached().get("building");
    LocalDate operating = row.reached().get("operating");
    // 6 favourable months of financing after the forward view passes the incentive, then 12 of building
    assertTrue(decided.isAfter(LocalDate.of(2025, 9, 1)), "decided " + decided);
    assertEquals(12, java.time.temporal.ChronoUnit.MONTHS.between(decided, operating), 1);
    var series = new RunSeries(run);
    assertEquals(0, series.sum(Metrics.PRODUCTION, US_MINER_OUTPUT, LocalDate.of(2025, 1, 1), operating.minusDays(1)));
    double madeLater = series.sum(Metrics.PRODUCTION, US_MINER_OUTPUT, operating.plusMonths(12),
        LocalDate.of(2030, 12, 31));
    assertTrue(madeLater > 500, "made " + madeLater);
    // the US concentrate price peaks under the embargo, then falls back by half or more while it stands
    Predicate<Observation> usReo = o -> o.region().equals("XC") && o.commodity().equals("reo");
    double peak = series.monthly(Metrics.PRICE, usReo).stream().mapToDouble(m -> m[1]).max().orElseThrow();
    double last = series.at(Metrics.PRICE, usReo, LocalDate.of(2030, 12, 31));
    assertTrue(last < 0.5 * peak, "peak " + peak + ", end " + last);
  }

  @Test
  void aPriceFloorOrAnOfftakeOrCapitalSupport_eachMakesItGoAheadWithoutScarcity() throws Exception {
    String floor = """
          - {name: floor, type: price-floor, start: 2025-01-01, producer: us-miner, commodity: reo, usdPerKg: 9,
             source: test}
        """;
    assertEquals("operating", project(run(floor, "")).statusAtEnd());
    assertEquals("operating", project(run("", ", offtakeUsdPerKg: 9")).statusAtEnd());
    // support of 60% of capital: the incentive falls from 1.35x to 1.35 x (1 - 0.5 x 0.6) = 0.945x reference
    assertEquals("operating", project(run("", ", support: 0.6")).statusAtEnd());
    // control: a floor below the incentive (8.1 USD/kg) does nothing
    String lowFloor = floor.replace("usdPerKg: 9", "usdPerKg: 7");
    assertEquals("cancelled", project(run(lowFloor, "")).statusAtEnd());
  }

  @Test
  void aTechnologyBanOnTheSite_delaysAndDeratesWhatTheProjectBuilds() throws Exception {
    String ban = """
          - {name: ban, type: technology-ban, start: 2025-01-01, exporter: CN, regions: [US], delayDays: 365,
             derate: 0.5, source: test}
        """;
    var free = new RunSeries(run(EMBARGO, ""));
    var banned = new RunSeries(run(EMBARGO + ban, ""));
    double freeOutput = free.sum(Metrics.PRODUCTION, US_MINER_OUTPUT, LocalDate.of(2025, 1, 1), LocalDate.of(2030, 12, 31));
    double bannedOutput = banned.sum(Metrics.PRODUCTION, US_MINER_OUTPUT, LocalDate.of(2025, 1, 1), LocalDate.of(2030, 12, 31));
    assertTrue(freeOutput > 1000, "free " + freeOutput);
    assertTrue(bannedOutput < 0.75 * freeOutput, "banned " + bannedOutput + " vs " + freeOutput);
  }
}
