package org.magflow.policy;

import java.time.LocalDate;

/**
 * A trade policy in force over a window of dates, in the form the model applies it.
 *
 * <p>Each family says what it adds to the rules in force through {@link #applyTo}; a new family that does
 * not implement it does not compile, which is Java 17's way to keep the family exhaustive. Policies speak in
 * the scenario's ids (regions, commodities, producers, demand sectors, end uses) and dates, never in model
 * objects.
 */
public sealed interface Policy permits Policies.DestinationThrottle, Policies.Quota, Policies.LicenceRegime,
    Policies.FastTrack, Policies.ExtraterritorialRule, Policies.BuyerBan, Policies.ProcurementBan,
    Policies.OriginRequirement, Policies.Tariff, Policies.PriceFloor, Policies.Stockpile, Policies.CapacityEvent,
    Policies.TechnologyBan, Policies.Suspension {
  String name();

  /** The family's identifier as written in scenario files, e.g. {@code destination-throttle}. */
  String type();

  LocalDate start();

  /** The first day the policy no longer applies, or null if it never lapses. */
  LocalDate end();

  /** Adds this policy's restrictions to {@code rules}, which are being assembled for one instant. */
  void applyTo(TradeRules.Builder rules);

  /**
   * Whether the policy looks at where material was mined, separated or made. A run keeps track of origins only
   * if one of its policies does, or its outputs report them.
   */
  default boolean readsOrigin() {
    return false;
  }
}
