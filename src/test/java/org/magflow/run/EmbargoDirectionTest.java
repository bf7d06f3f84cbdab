package org.magflow.run;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.magflow.run.RunSeries.region;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.magflow.event.Metrics;
import org.magflow.event.Observation;
import org.magflow.output.RunSummary;
import org.magflow.scenario.ScenarioSpec;
import org.magflow.scenario.ScenarioSpec.CapacityPointSpec;
import org.magflow.scenario.ScenarioSpec.FacilitySpec;
import org.magflow.scenario.ScenarioSpec.ProducerSpec;
import org.magflow.scenario.ScenarioSpec.StockSpec;

/**
 * What must hold when China restricts exports (MODEL.md, "Must hold"), on a cut that cannot be routed around:
 * 90% of Chinese magnets and Dy/Tb oxide to every other region from 1 September 2025.
 */
class EmbargoDirectionTest {
  private static final LocalDate POLICY_START = LocalDate.of(2025, 9, 1);
  private static final LocalDate AUGUST = LocalDate.of(2025, 8, 31);
  private static final String FILE = "src/test/resources/scenarios/ex-china-embargo-severe.yaml";
  private static ScenarioRun.Outcome embargo;

  @BeforeAll
  static void run() throws InputException {
    embargo = new ScenarioRun().execute(RunJob.load(Path.of(FILE)), FILE, 42, 0);
  }

  private static double meanPrice(RunSeries series, String zone, String commodity, LocalDate from, LocalDate to) {
    Predicate<Observation> p = o -> o.region().equals(zone) && o.commodity().equals(commodity);
    return series.sum(Metrics.PRICE, p, from, to);
  }

  @Test
  void embargo_raisesExChinaPrices_andLowersChinas() {
    var run = new RunSeries(embargo.run());
    var base = new RunSeries(embargo.counterfactual());
    LocalDate from = LocalDate.of(2025, 12, 31);
    LocalDate to = LocalDate.of(2026, 12, 31);
    for (String c : List.of("ndfeb_magnet", "dytb_oxide")) {
      assertTrue(meanPrice(run, "ex-china", c, from, to) > 3 * meanPrice(base, "ex-china", c, from, to), c);
    }
    for (String c : List.of("ndfeb_magnet", "ndpr_oxide")) {
      assertTrue(meanPrice(run, "china", c, from, to) < meanPrice(base, "china", c, from, to), c);
    }
  }

  @Test
  void embargo_drawsDownStocksFirst_andRunsShortOnlyAfterCoverRunsOut() {
    RunSummary.Shortage us = usShortage(embargo.summary());
    assertNotNull(us.firstShortageDate(), "US buyers should run short");
    // a month at sea plus about six weeks of cover: nothing goes short in September or October
    assertTrue(us.firstShortageDate().isAfter(POLICY_START.plusMonths(2)), "first US shortage " + us.firstShortageDate());
    var run = new RunSeries(embargo.run());
    assertTrue(run.sum(Metrics.SHORTAGE, region("US"), LocalDate.of(2025, 1, 1), AUGUST) == 0, "no shortage before the cut");
    // the first sector to go short had used up its stock first
    RunSummary.Shortage first = embargo.summary().shortageBySector().stream()
        .filter(s -> s.region().equals("US") && us.firstShortageDate().equals(s.firstShortageDate()))
        .findFirst().orElseThrow();
    Predicate<Observation> sector = region("US").and(o -> o.sector().equals(first.sector()));
    double before = run.at(Metrics.INVENTORY, sector, AUGUST);
    double justBefore = run.at(Metrics.INVENTORY, sector, first.firstShortageDate().withDayOfMonth(1).minusDays(1));
    assertTrue(justBefore < 0.5 * before, first.sector() + " stock " + before + " t -> " + justBefore + " t");
  }

  @Test
  void embargo_hitsLowPrioritySectorsFirst() {
    // priorities in the baseline: electronics 40 < wind 45 < ev 50 < industrial 60 < defence 90
    double electronics = percentShort("electronics");
    double wind = percentShort("wind");
    double ev = percentShort("ev");
    double industrial = percentShort("industrial");
    double defence = percentShort("defence");
    String all = "electronics " + electronics + ", wind " + wind + ", ev " + ev + ", industrial " + industrial
        + ", defence " + defence + " (% short)";
    assertTrue(electronics > industrial && industrial > defence, all);
    // wind (45) and EV (50) sit between; near each other they may trade places by noise
    assertTrue(Math.min(wind, ev) > industrial && Math.max(wind, ev) <= electronics + 1, all);
  }

  @Test
  void embargo_leavesChinaSupplied() {
    RunSummary.Shortage china = embargo.summary().shortageByRegion().stream()
        .filter(s -> s.region().equals("CN")).findFirst().orElseThrow();
    assertTrue(china.shortagePercentOfDemand() < 0.1, "China short " + china.shortagePercentOfDemand() + "%");
  }

  @Test
  void embargo_easesWhenCapacityElsewhereRampsUp() throws InputException {
    // a heavy-rare-earth separator and a magnet plant outside China, ramping through 2026
    ScenarioSpec spec = RunJob.load(Path.of(FILE));
    List<ProducerSpec> producers = new ArrayList<>(spec.producers());
    producers.add(new ProducerSpec("new-ex-china", "New ex-China chain", "AU", List.of(), List.of(
        new FacilitySpec("new-heavy-separation", "separate", "AU", ramp(40_000), List.of(),
            Map.of("ndpr_oxide", 0.22, "dytb_oxide", 0.05)),
        new FacilitySpec("new-magnets", "make-magnets", "AU", ramp(30_000), List.of(), Map.of())),
        Map.of("reo", new StockSpec(0.0, 21.0), "ndpr_oxide", new StockSpec(0.0, 30.0),
            "dytb_oxide", new StockSpec(0.0, 30.0), "ndfeb_magnet", new StockSpec(0.0, 14.0)),
        spec.producers().get(0).supply(), List.of(), null));
    ScenarioSpec withBuildout = new ScenarioSpec(spec.name(), spec.description(), spec.start(), spec.end(),
        spec.seed(), spec.clock(), spec.commodities(), spec.regions(), spec.market(), spec.trade(), spec.recipes(),
        producers, spec.demand(), spec.demandResponse(), spec.policies(), spec.projects(), spec.investment(),
        spec.recycling());
    var buildout = new RunSeries(new ScenarioRun().simulate(withBuildout, FILE, 42, 0));
    var without = new RunSeries(embargo.run());
    Predicate<Observation> exChina = o -> !o.region().equals("CN");
    LocalDate from = LocalDate.of(2027, 1, 1);
    LocalDate to = LocalDate.of(2030, 12, 31);
    double shortWith = buildout.sum(Metrics.SHORTAGE, exChina, from, to);
    double shortWithout = without.sum(Metrics.SHORTAGE, exChina, from, to);
    assertTrue(shortWith < 0.8 * shortWithout, "ex-China shortage 2027-30: " + shortWithout + " t -> " + shortWith + " t");
  }

  private static List<CapacityPointSpec> ramp(double tonnesPerYear) {
    return List.of(new CapacityPointSpec(LocalDate.of(2026, 1, 1), 0.0),
        new CapacityPointSpec(LocalDate.of(2026, 12, 31), tonnesPerYear));
  }

  private static RunSummary.Shortage usShortage(RunSummary summary) {
    return summary.shortageByRegion().stream().filter(s -> s.region().equals("US")).findFirst().orElseThrow();
  }

  private static double percentShort(String sector) {
    return embargo.summary().shortageBySector().stream()
        .filter(s -> s.region().equals("US") && s.sector().equals(sector))
        .mapToDouble(RunSummary.Shortage::shortagePercentOfDemand).findFirst().orElseThrow();
  }
}
