package org.magflow.policy;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;

/**
 * An exporting region's sellers may fill only {@code 1 - cut} of each order from buyers in the
 * destinations; the refused part may be sought elsewhere.
 */
public record DestinationThrottle(String name, LocalDate start, LocalDate end, String exporter,
                                  Set<String> destinations, Set<String> commodities, double cut)
    implements Policy {
  public DestinationThrottle {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(start, "start");
    destinations = Set.copyOf(destinations);
    commodities = Set.copyOf(commodities);
    if (!(cut >= 0 && cut <= 1)) throw new IllegalArgumentException("cut must be in [0, 1], was " + cut);
  }

  @Override
  public String type() {
    return "destination-throttle";
  }

  @Override
  public void applyTo(TradeRules.Builder rules) {
    for (String destination : destinations) {
      for (String commodity : commodities) rules.throttle(exporter, destination, commodity, cut);
    }
  }
}
