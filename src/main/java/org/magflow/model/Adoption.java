package org.magflow.model;

import org.magflow.units.Units;

/**
 * How buyers and plants take up a way of using fewer rare earths as a price stays high: toward a target share
 * that grows with the price's excess over a threshold, reaching its ceiling at twice the threshold, with a
 * first-order lag whose starting speed is the fastest rate observed; never back, as redesigned products and
 * retooled lines stay as they are when prices fall.
 */
final class Adoption {
  private Adoption() {}

  /**
   * The share adopted after {@code days} more at {@code priceMultiple}.
   *
   * @param adopted the share adopted so far
   * @param thresholdMultiple the price multiple above which adoption starts
   * @param maxShare the most that can be adopted
   * @param ratePerYear the fastest adoption, share per year
   */
  static double after(double adopted, double days, double priceMultiple, double thresholdMultiple, double maxShare,
                      double ratePerYear) {
    double excess = Math.max(0, priceMultiple - thresholdMultiple) / thresholdMultiple;
    double target = maxShare * Math.min(1, excess);
    if (target <= adopted || ratePerYear <= 0) return adopted;
    double lagYears = maxShare / ratePerYear;
    return adopted + (target - adopted) * (1 - StrictMath.exp(-Units.years(days) / lagYears));
  }
}
