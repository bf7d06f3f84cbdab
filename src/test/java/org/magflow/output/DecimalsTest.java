package org.magflow.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DecimalsTest {
  @Test void format_floatingPointNoise_isRoundedAwayAtNineDigits() {
    assertEquals("0.3", Decimals.format(0.1 + 0.2));
  }

  @Test void format_zeroAndNegativeZero_areBothPlainZero() {
    assertEquals("0", Decimals.format(0.0));
    assertEquals("0", Decimals.format(-0.0));
  }

  @Test void format_tinyNumber_isPlainNotScientific() {
    assertEquals("0.000000000001", Decimals.format(1e-12));
  }

  @Test void format_largeNumber_keepsNineSignificantDigits() {
    assertEquals("123456789", Decimals.format(123456789.123));
    assertEquals("1234567890000", Decimals.format(1234567890123.0));
  }

  @Test void format_wholeNumber_hasNoDecimalPointOrExponent() {
    assertEquals("100", Decimals.format(100.0));
    assertEquals("-2.5", Decimals.format(-2.5));
  }

  @Test void format_repeatingFractions_roundToNineDigits() {
    assertEquals("0.333333333", Decimals.format(1.0 / 3));
    assertEquals("0.666666667", Decimals.format(2.0 / 3));
  }

  @Test void format_exactTie_roundsHalfToEven() {
    assertEquals("1234567880", Decimals.format(1234567885.0));
    assertEquals("1234567900", Decimals.format(1234567895.0));
  }

  @Test void format_nanOrInfinity_throws() {
    assertThrows(IllegalArgumentException.class, () -> Decimals.format(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> Decimals.format(Double.POSITIVE_INFINITY));
    assertThrows(IllegalArgumentException.class, () -> Decimals.decimal(Double.NEGATIVE_INFINITY));
  }

  @Test void decimal_isTheSameValueAsFormat_withoutExponentInToString() {
    assertEquals(new BigDecimal("0.3"), Decimals.decimal(0.1 + 0.2));
    assertEquals("100", Decimals.decimal(100.0).toString());
    assertEquals(BigDecimal.ZERO, Decimals.decimal(-0.0));
  }

  /** The rule as first written, exact and slow; the fast path must agree with it on every number. */
  private static BigDecimal exact(double v) {
    if (v == 0.0) return BigDecimal.ZERO;
    BigDecimal r = new BigDecimal(v).round(new MathContext(9, RoundingMode.HALF_EVEN)).stripTrailingZeros();
    return r.scale() < 0 ? r.setScale(0) : r;
  }

  private static void assertSameAsExact(double v) {
    BigDecimal expected = exact(v);
    assertEquals(expected, Decimals.decimal(v), () -> "decimal(" + v + ")");
    assertEquals(expected.toPlainString(), Decimals.format(v), () -> "format(" + v + ")");
  }

  @Test void formatAndDecimal_agreeWithExactRounding_onMillionsOfNumbersTiesAndBoundariesIncluded() {
    SplittableRandom random = new SplittableRandom(20251123);
    for (int i = 0; i < 200_000; i++) {
      double any = Double.longBitsToDouble(random.nextLong());
      if (Double.isFinite(any)) assertSameAsExact(any);
      double scale = Math.pow(10, random.nextInt(-16, 32));
      assertSameAsExact(random.nextDouble() * scale);
      assertSameAsExact(-random.nextDouble() * scale);
      assertSameAsExact(random.nextLong(1, 100_000_000_000L) / Math.pow(10, random.nextInt(0, 20)));
      assertSameAsExact((random.nextLong(1, 2_000_000_000L) + 0.5) * Math.pow(10, random.nextInt(-12, 12)));
      assertSameAsExact(random.nextLong(1, 1L << 53));
      for (double edge : new double[] {Math.pow(10, random.nextInt(-15, 30)),
          999999999.5 * Math.pow(10, random.nextInt(-20, 20)), 99999999.95 * Math.pow(10, random.nextInt(-20, 20))}) {
        assertSameAsExact(edge);
        assertSameAsExact(Math.nextUp(edge));
        assertSameAsExact(Math.nextDown(edge));
      }
    }
  }
}
