package org.magflow.output;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The one way outputs turn a {@code double} into text: nine significant digits, rounded half-even, in plain
 * notation without trailing zeros.
 *
 * <p>Why not {@link Double#toString(double)}: its digits changed in JDK 19 (shortest repr), so the same run
 * would write different files on JDK 17 and 21. The exact binary value of a double, rounded by
 * {@link BigDecimal}, is the same on every JDK. Nine digits keep far more precision than any input has while
 * hiding floating-point noise such as {@code 0.1 + 0.2 = 0.30000000000000004}.
 */
public final class Decimals {
  /** Significant digits kept in every output number. */
  public static final int SIGNIFICANT_DIGITS = 9;

  private static final MathContext ROUNDING = new MathContext(SIGNIFICANT_DIGITS, RoundingMode.HALF_EVEN);

  private Decimals() {}

  /**
   * The text of {@code v}, e.g. {@code "0.3"}, {@code "123456789"}, {@code "0.000000000001"}; {@code "0"} for
   * zero and negative zero.
   *
   * @throws IllegalArgumentException if {@code v} is NaN or infinite, which a run must never produce
   */
  public static String format(double v) {
    return decimal(v).toPlainString();
  }

  /**
   * The value of {@code v} rounded as {@link #format} rounds it, for writing as a JSON number; its scale is
   * never negative, so even {@link BigDecimal#toString()} gives no exponent for whole numbers.
   *
   * @throws IllegalArgumentException if {@code v} is NaN or infinite
   */
  public static BigDecimal decimal(double v) {
    if (!Double.isFinite(v)) throw new IllegalArgumentException("an output number must be finite, was " + v);
    if (v == 0.0) return BigDecimal.ZERO; // -0.0 == 0.0 too: a signed zero carries no information
    BigDecimal rounded = new BigDecimal(v).round(ROUNDING).stripTrailingZeros();
    return rounded.scale() < 0 ? rounded.setScale(0) : rounded;
  }
}
