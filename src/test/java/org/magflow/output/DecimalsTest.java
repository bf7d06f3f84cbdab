package org.magflow.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
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
}
