package org.magflow.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.magflow.run.RunSeries.lane;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.magflow.event.Metrics;
import org.magflow.event.Observation;

/**
 * The shipped September 2025 US squeeze, against its own no-policy counterfactual: the lane is cut by about
 * 30% (observed: -28.7% m/m), other destinations are untouched, US buyers turn to Japanese makers, and
 * ex-China prices rise while China's do not.
 */
class UsSqueezeTest {
  private static final LocalDate FROM = LocalDate.of(2025, 9, 30);
  private static final LocalDate TO = LocalDate.of(2026, 8, 31);
  private static ScenarioRun.Outcome squeeze;

  @BeforeAll
  static void run() throws InputException {
    String file = "scenarios/september-2025-us-squeeze.yaml";
    squeeze = new ScenarioRun().execute(RunJob.load(Path.of(file)), file, 42, 0);
  }

  private static double ratio(String metric, Predicate<Observation> filter) {
    return new RunSeries(squeeze.run()).sum(metric, filter, FROM, TO)
        / new RunSeries(squeeze.counterfactual()).sum(metric, filter, FROM, TO);
  }

  @Test
  void squeeze_cutsChinasMagnetExportsToTheUsByAboutThirtyPercent() {
    assertEquals(0.70, ratio(Metrics.SHIPPED, lane("CN", "US", "ndfeb_magnet")), 0.05);
  }

  @Test
  void squeeze_inSeptember2025_isCloseToTheObservedMonth() {
    // observed: 589-590 t in August -> 420.5 t in September 2025 (sources §S2.6)
    double september = new RunSeries(squeeze.run()).at(Metrics.SHIPPED, lane("CN", "US", "ndfeb_magnet"),
        LocalDate.of(2025, 9, 30));
    assertEquals(420.5, september, 0.10 * 420.5);
  }

  @Test
  void squeeze_leavesOtherDestinationsAlone() {
    // within 5%: China's makers sell what the US cannot take elsewhere, so other lanes may gain a little
    assertEquals(1.0, ratio(Metrics.SHIPPED, lane("CN", "EU", "ndfeb_magnet")), 0.05);
    assertEquals(1.0, ratio(Metrics.SHIPPED, lane("CN", "JP", "ndfeb_magnet")), 0.05);
  }

  @Test
  void squeeze_sendsUsBuyersToJapaneseMakers() {
    assertTrue(ratio(Metrics.SHIPPED, lane("JP", "US", "ndfeb_magnet")) > 1.5);
  }

  @Test
  void squeeze_raisesTheExChinaMagnetPrice_andNotChinas() {
    Predicate<Observation> exChina = o -> o.region().equals("ex-china") && o.commodity().equals("ndfeb_magnet");
    Predicate<Observation> china = o -> o.region().equals("china") && o.commodity().equals("ndfeb_magnet");
    var run = new RunSeries(squeeze.run());
    var base = new RunSeries(squeeze.counterfactual());
    LocalDate end = LocalDate.of(2035, 12, 31);
    // The cut is routed around, through Japan at first and then through the plants the US builds, so the
    // premium is small: it stays under 0.2% to 2031 and grows to about 1% by 2035, as demand outgrows the
    // capacity outside China. (To 2030, on the world without investment, it reached 2% by 2030.)
    LocalDate lastYear = LocalDate.of(2035, 1, 1);
    assertTrue(run.sum(Metrics.PRICE, exChina, FROM, end) > base.sum(Metrics.PRICE, exChina, FROM, end));
    assertTrue(run.sum(Metrics.PRICE, exChina, lastYear, end) > 1.005 * base.sum(Metrics.PRICE, exChina, lastYear, end));
    assertTrue(run.sum(Metrics.PRICE, exChina, lastYear, end) < 1.03 * base.sum(Metrics.PRICE, exChina, lastYear, end));
    assertTrue(run.sum(Metrics.PRICE, china, FROM, end) <= 1.001 * base.sum(Metrics.PRICE, china, FROM, end));
  }
}
