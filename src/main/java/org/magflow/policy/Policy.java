package org.magflow.policy;

import java.time.LocalDate;

/**
 * A trade policy in force over a window of dates, in the form the model applies it.
 *
 * <p>Each permitted record says what it does to trade through {@link #applyTo}; a new family that does not
 * implement it does not compile, which is Java 17's way to keep the family exhaustive.
 */
public sealed interface Policy permits DestinationThrottle {
  String name();

  /** The family's identifier as written in scenario files, e.g. {@code destination-throttle}. */
  String type();

  LocalDate start();

  /** The first day the policy no longer applies, or null if it never lapses. */
  LocalDate end();

  /** Adds this policy's restrictions to {@code rules}, which are being assembled for one instant. */
  void applyTo(TradeRules.Builder rules);
}
