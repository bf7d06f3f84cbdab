package org.magflow.units;

/**
 * Unit conversions used across magflow, in one place.
 *
 * <p>Quantities of material are metric tonnes, prices US dollars per kilogram, durations days and rates
 * tonnes per year. Numeric names carry their unit ({@code transitDays}, {@code freightUsdPerKg}).
 */
public final class Units {
  public static final double KG_PER_TONNE = 1000.0;
  /** Days in a mean Gregorian year; converts annual rates to daily ones. */
  public static final double DAYS_PER_YEAR = 365.2425;

  private Units() {}

  /** Tonnes produced or used over {@code days} at {@code tonnesPerYear}. */
  public static double tonnesOver(double tonnesPerYear, double days) {
    return tonnesPerYear * days / DAYS_PER_YEAR;
  }

  /** The daily rate equivalent to an annual one. */
  public static double perDay(double tonnesPerYear) {
    return tonnesPerYear / DAYS_PER_YEAR;
  }

  /** Years elapsed in {@code days}. */
  public static double years(double days) {
    return days / DAYS_PER_YEAR;
  }

  /** Cost in US dollars of {@code tonnes} at {@code usdPerKg}. */
  public static double usd(double tonnes, double usdPerKg) {
    return tonnes * KG_PER_TONNE * usdPerKg;
  }
}
