package org.magflow.event;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One row of the tidy time series: the value of a metric for one set of keys in one reporting period.
 *
 * <p>{@code date} is the last day of the period. Flows (production, shipments, shortage…) are totals over
 * the period; levels (inventory, price, backlog…) are values at the end of that day. Keys that do not apply
 * are empty strings, never null, so every row has every column.
 *
 * @param metric one of {@link Metrics}
 * @param agent producer or demand-sector id
 * @param region the agent's region; for prices, the price zone
 * @param partner the other region of a flow (the destination of a shipment)
 * @param commodity commodity id
 * @param sector demand sector; for capacity rows, the production stage
 */
public record Observation(LocalDate date, String metric, String agent, String region, String partner,
                          String commodity, String sector, double value, String unit) implements SimEvent {
  public Observation {
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(partner, "partner");
    Objects.requireNonNull(commodity, "commodity");
    Objects.requireNonNull(sector, "sector");
    Objects.requireNonNull(unit, "unit");
  }
}
