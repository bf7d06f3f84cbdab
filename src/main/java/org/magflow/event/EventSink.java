package org.magflow.event;

/** Receives a run's events in the order they happen. */
@FunctionalInterface
public interface EventSink {
  void accept(SimEvent event);
}
