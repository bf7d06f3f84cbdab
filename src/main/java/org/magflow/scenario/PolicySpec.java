package org.magflow.scenario;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.LocalDate;
import java.util.List;

/**
 * A time-windowed policy as written in a scenario file, chosen by its {@code type} field.
 *
 * <p>Jackson ignores {@code permits}; {@code PolicySpecTest} keeps the two lists equal.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = PolicySpec.DestinationThrottleSpec.class, name = "destination-throttle"),
})
public sealed interface PolicySpec permits PolicySpec.DestinationThrottleSpec {
  String name();

  LocalDate start();

  /** The day the policy lapses (it is in force up to the day before), or null if it never does. */
  LocalDate end();

  /**
   * Cuts the share of orders that an exporting region's sellers may fill for buyers in the destinations,
   * as China cut magnets to the US by about 30% in September 2025.
   *
   * @param cut fraction of each order refused (0–1)
   */
  record DestinationThrottleSpec(String name, LocalDate start, LocalDate end, String exporter,
                                 List<String> destinations, List<String> commodities, Double cut,
                                 String source) implements PolicySpec {}
}
