package org.magflow.event;

/** Receives a run's events in the order they happen. */
@FunctionalInterface
public interface EventSink {
  void accept(SimEvent event);

  /**
   * Whether this sink wants the {@link Observation}s of {@code metric}; a run builds no rows of a metric its
   * sink does not want. Every metric by default. Other events are always sent.
   */
  default boolean wants(String metric) {
    return true;
  }
}
