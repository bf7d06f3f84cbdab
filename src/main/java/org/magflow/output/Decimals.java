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
    long rounded = roundFast(v);
    if (rounded == SLOW) return decimal(v).toPlainString();
    return plain(v < 0, rounded >>> 32, (int) rounded);
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
    long fast = roundFast(v);
    if (fast != SLOW) {
      long digits = v < 0 ? -(fast >>> 32) : fast >>> 32;
      int exponent = (int) fast;
      return exponent > 0 ? BigDecimal.valueOf(digits * LONG_POW10[exponent]) : BigDecimal.valueOf(digits, -exponent);
    }
    BigDecimal rounded = new BigDecimal(v).round(ROUNDING).stripTrailingZeros();
    return rounded.scale() < 0 ? rounded.setScale(0) : rounded;
  }

  // Performance: the exact path above costs a microsecond or more a number (the exact binary expansion of a
  // double has up to 767 digits), and a run writes tens of thousands of numbers. The fast path below gives the
  // same result for almost every number with a few floating-point operations, and hands the rest to it.
  // DecimalsTest checks the two paths agree on millions of numbers, ties and powers of ten included.

  /** What {@link #roundFast} returns when the number needs the exact path. */
  private static final long SLOW = -1;
  /** The powers of ten a double holds exactly, 10^0 to 10^22. */
  private static final double[] POW10 = new double[23];
  /** 10^0 to 10^18 as longs. */
  private static final long[] LONG_POW10 = new long[19];
  private static final double LOW = 1e8;
  private static final double HIGH = 1e9;
  /** Distance from .5 within which a scaled value's rounding is left to the exact path. */
  private static final double TIE_MARGIN = 0x1.0p-22;

  static {
    double d = 1;
    for (int i = 0; i < POW10.length; i++, d *= 10) POW10[i] = d;
    long l = 1;
    for (int i = 0; i < LONG_POW10.length; i++, l *= 10) LONG_POW10[i] = l;
  }

  /**
   * |v| (finite, non-zero) rounded half-even to nine significant digits as {@code digits × 10^exponent} with
   * no trailing zero in the digits, packed as {@code digits << 32 | exponent}; or {@link #SLOW} when that is
   * not certain from double arithmetic.
   *
   * <p>Why it is exact: {@code |v| × 10^-k}, with {@code 10^|k|} exact (|k| <= 22), is one correctly rounded
   * operation, so the computed {@code scaled} is within 2^-24 of the true value below 2^30 > 10^9. Rounding
   * to the nearest whole number can then only differ when the true fraction is within 2^-24 of one half, which
   * the margin sends to the exact path. Rounding is monotonic and 10^8 and 10^9 are doubles, so a computed value
   * strictly inside [10^8, 10^9] means the true one is too, and one equal to either end rounds, as the true one
   * would (through a carry if need be), to the digits 1 and the same exponent.
   */
  private static long roundFast(double v) {
    double a = Math.abs(v);
    if (!(a >= 1e-13 && a < 1e30)) return SLOW; // also NaN and infinity, which decimal() rejects
    int k = (int) Math.floor(Math.getExponent(a) * 0.30102999566398120) - 8; // log10(2); may be off by one
    double scaled = 0;
    for (int tries = 0; ; tries++) {
      if (k < -22 || k > 22 || tries == 3) return SLOW;
      scaled = k <= 0 ? a * POW10[-k] : a / POW10[k];
      if (scaled < LOW) {
        k--;
      } else if (scaled > HIGH) {
        k++;
      } else {
        break;
      }
    }
    double whole = Math.floor(scaled);
    double fraction = scaled - whole; // exact: both are doubles below 2^30 with the same exponent or less
    if (Math.abs(fraction - 0.5) <= TIE_MARGIN) return SLOW;
    long digits = (long) whole + (fraction > 0.5 ? 1 : 0);
    if (digits == 1_000_000_000L) {
      digits = 100_000_000L;
      k++;
    }
    while (digits % 10 == 0) {
      digits /= 10;
      k++;
    }
    if (k > 18 - 9) return SLOW; // keeps digits × 10^k within a long for decimal()
    return digits << 32 | (k & 0xFFFFFFFFL);
  }

  /** The plain text of ±digits × 10^exponent, as {@link BigDecimal#toPlainString()} writes it. */
  private static String plain(boolean negative, long digits, int exponent) {
    String d = Long.toString(digits);
    StringBuilder out = new StringBuilder(d.length() + Math.abs(exponent) + 3);
    if (negative) out.append('-');
    if (exponent >= 0) {
      out.append(d);
      for (int i = 0; i < exponent; i++) out.append('0');
    } else {
      int point = d.length() + exponent; // digits before the decimal point
      if (point > 0) {
        out.append(d, 0, point).append('.').append(d, point, d.length());
      } else {
        out.append("0.");
        for (int i = point; i < 0; i++) out.append('0');
        out.append(d);
      }
    }
    return out.toString();
  }
}
