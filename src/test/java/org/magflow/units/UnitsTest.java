package org.magflow.units;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UnitsTest {
  private static final double TOL = 1e-12;

  @Test
  void constants_areKgPerTonneAndMeanGregorianYear() {
    assertEquals(1000.0, Units.KG_PER_TONNE);
    // 400-year Gregorian cycle: 146097 days / 400 years
    assertEquals(146097.0 / 400, Units.DAYS_PER_YEAR);
  }

  @Test
  void tonnesOver_wholeYear_givesAnnualRate() {
    assertEquals(1000.0, Units.tonnesOver(1000, Units.DAYS_PER_YEAR), TOL);
  }

  @Test
  void tonnesOver_oneWeek_isSevenOver365point2425OfAnnual() {
    // 36524.25 t/yr = 100 t/day, so 7 days = 700 t
    assertEquals(700.0, Units.tonnesOver(36524.25, 7), TOL);
    assertEquals(0.0, Units.tonnesOver(36524.25, 0));
  }

  @Test
  void perDay_andBack_roundTrips() {
    assertEquals(100.0, Units.perDay(36524.25), TOL);
    for (double annual : new double[] {0, 1, 365.2425, 12_345.678, 1e6}) {
      assertEquals(annual, Units.perDay(annual) * Units.DAYS_PER_YEAR, 1e-9 * Math.max(1, annual));
      assertEquals(Units.perDay(annual) * 7, Units.tonnesOver(annual, 7), 1e-12 * Math.max(1, annual));
    }
  }

  @Test
  void years_andBack_roundTrips() {
    assertEquals(1.0, Units.years(365.2425), TOL);
    assertEquals(0.5, Units.years(182.62125), TOL);
    assertEquals(-1.0, Units.years(-365.2425), TOL);
    for (double days : new double[] {-400, 0, 1, 30, 3652.425}) {
      assertEquals(days, Units.years(days) * Units.DAYS_PER_YEAR, 1e-9);
    }
  }

  @Test
  void usd_convertsTonnesAtUsdPerKg() {
    // 2.5 t = 2500 kg at $110/kg = $275,000
    assertEquals(275_000.0, Units.usd(2.5, 110), TOL);
    assertEquals(0.0, Units.usd(0, 110));
    // and back: usd / (t * 1000) is the price
    assertEquals(110.0, Units.usd(2.5, 110) / (2.5 * Units.KG_PER_TONNE), TOL);
  }
}
