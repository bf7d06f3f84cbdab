package org.magflow.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.magflow.event.Observation;
import org.magflow.event.SimEvent;

/** The error measures of a backtest and the loss of a calibration, on series small enough to check by hand. */
class ComparisonTest {
  private static final double NAN = Double.NaN;
  private static final Selector TO_WORLD = new Selector("shipped", "CN", "*", "ndfeb_magnet", "");
  private static final SeriesMap SERIES = new SeriesMap("s", TO_WORLD, TO_WORLD, 1);
  private static final List<YearMonth> MONTHS = Comparison.months(YearMonth.of(2025, 1), YearMonth.of(2025, 6));

  private static Comparison of(double[] simulated, double[] observed) {
    return new Comparison(SERIES, MONTHS, simulated, observed, YearMonth.of(2025, 3));
  }

  @Test
  void logErrors_areSymmetricAndSkipUnobservedMonths() {
    Comparison c = of(new double[] {200, 100, 50, 100, 100, 100}, new double[] {100, NAN, 100, 100, NAN, 100});
    assertEquals(Math.log(2), c.logError(0), 1e-12);
    assertEquals(-Math.log(2), c.logError(2), 1e-12);
    assertTrue(Double.isNaN(c.logError(1)));
    assertEquals(4, c.compared());
    assertEquals(2 * Math.log(2) / 4, c.meanAbsLogError(), 1e-12);
    assertEquals(2 * Math.log(2) * Math.log(2) / 4, c.meanSquaredLogError(), 1e-12);
  }

  @Test
  void aSimulatedZero_costsABoundedError() {
    Comparison c = of(new double[] {0, 1, 1, 1, 1, 1}, new double[] {100, NAN, NAN, NAN, NAN, NAN});
    assertEquals(Math.log(Comparison.ZERO_FLOOR), c.logError(0), 1e-12);
  }

  @Test
  void directions_countOnlyMovesBetweenObservedMonths() {
    // observed: 100 -> (none) -> 50 -> 80 -> 60 -> 90: moves into months 3 (up), 4 (down), 5 (up)
    Comparison c = of(new double[] {100, 90, 40, 30, 70, 95}, new double[] {100, NAN, 50, 80, 60, 90});
    assertEquals(1, c.observedMove(3));
    assertEquals(-1, c.simulatedMove(3));
    assertEquals(0, c.observedMove(2), "month 1 is not observed");
    int[] d = c.directions();
    assertEquals(3, d[1]);
    assertEquals(1, d[0], "only the move into month 5 goes the observed way");
  }

  @Test
  void troughAndRecovery_countFromTheShockAgainstTheLevelBeforeIt() {
    // before the shock (Jan, Feb): observed 100 and 100, simulated 200 and 200 -> recovered at 90 and 180
    Comparison c = of(new double[] {200, 200, 20, 150, 190, 200}, new double[] {100, 100, 40, 10, 95, 100});
    assertEquals(YearMonth.of(2025, 4), c.observedTrough());
    assertEquals(YearMonth.of(2025, 3), c.simulatedTrough());
    assertEquals(YearMonth.of(2025, 5), c.observedRecovery());
    assertEquals(YearMonth.of(2025, 5), c.simulatedRecovery());
    Comparison never = of(new double[] {200, 200, 20, 30, 40, 50}, new double[] {NAN, NAN, 40, 10, 95, 100});
    assertNull(never.observedRecovery(), "nothing observed before the shock: no level to recover to");
  }

  @Test
  void simulatedSeries_sumFlowsToOtherRegionsAndTakeTheLastLevel() {
    LocalDate jan = LocalDate.of(2025, 1, 31);
    List<SimEvent> events = List.of(
        new Observation(jan, "shipped", "", "CN", "US", "ndfeb_magnet", "", 10, "t"),
        new Observation(jan, "shipped", "", "CN", "JP", "ndfeb_magnet", "", 5, "t"),
        new Observation(jan, "shipped", "", "CN", "CN", "ndfeb_magnet", "", 1000, "t"),
        new Observation(jan, "shipped", "", "JP", "US", "ndfeb_magnet", "", 7, "t"),
        new Observation(jan.plusDays(1), "price", "", "china", "", "ndpr_oxide", "", 50, "USD/kg"),
        new Observation(jan.plusDays(28), "price", "", "china", "", "ndpr_oxide", "", 60, "USD/kg"));
    List<YearMonth> months = Comparison.months(YearMonth.of(2025, 1), YearMonth.of(2025, 3));
    assertEquals(15, Comparison.simulated(events, TO_WORLD, months)[0], 1e-12, "exports leave out China's own");
    assertEquals(0, Comparison.simulated(events, TO_WORLD, months)[2], 1e-12, "no shipments: a flow of 0");
    double[] price = Comparison.simulated(events, new Selector("price", "china", "", "ndpr_oxide", ""), months);
    assertEquals(60, price[1], 1e-12);
    assertTrue(Double.isNaN(price[2]), "no price reported: no level");
  }

  @Test
  void aCommodityEndingInAStar_picksTheFamily_asCustomsCountBothMagnetGrades() {
    LocalDate jan = LocalDate.of(2025, 1, 31);
    List<SimEvent> events = List.of(
        new Observation(jan, "shipped", "", "CN", "US", "ndfeb_magnet", "", 10, "t"),
        new Observation(jan, "shipped", "", "CN", "US", "ndfeb_magnet_hf", "", 6, "t"),
        new Observation(jan, "shipped", "", "CN", "US", "ndpr_oxide", "", 100, "t"));
    List<YearMonth> months = Comparison.months(YearMonth.of(2025, 1), YearMonth.of(2025, 1));
    Selector both = new Selector("shipped", "CN", "US", "ndfeb_magnet*", "");
    assertEquals(16, Comparison.simulated(events, both, months)[0], 1e-12);
    assertEquals(10, Comparison.simulated(events, new Selector("shipped", "CN", "US", "ndfeb_magnet", ""), months)[0],
        1e-12, "without the star, the one commodity");
    assertEquals("shipped CN->US ndfeb_magnet*", both.text());
  }
}
