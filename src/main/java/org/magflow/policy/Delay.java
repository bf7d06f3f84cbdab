package org.magflow.policy;

/**
 * A random duration in days, such as a licence review.
 *
 * @param distribution fixed ({@code a} days), uniform ({@code a} to {@code b}), triangular (min {@code a},
 *     mode {@code b}, max {@code c}) or lognormal (mean {@code a}, standard deviation {@code b})
 */
public record Delay(String distribution, double a, double b, double c) {
  public static final Delay NONE = new Delay("fixed", 0, 0, 0);

  public Delay {
    if (!java.util.Set.of("fixed", "uniform", "triangular", "lognormal").contains(distribution)) {
      throw new IllegalArgumentException("unknown distribution " + distribution);
    }
  }

  /** The mean duration in days. */
  public double meanDays() {
    return switch (distribution) {
      case "fixed", "lognormal" -> a;
      case "uniform" -> (a + b) / 2;
      default -> (a + b + c) / 3;
    };
  }
}
