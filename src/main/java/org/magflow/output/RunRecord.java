package org.magflow.output;

import java.util.List;
import java.util.Objects;
import org.magflow.event.SimEvent;

/**
 * Everything the outputs know about one finished run: which scenario and seed, and the events it reported in
 * time order.
 *
 * @param scenarioName the scenario's name
 * @param scenarioFile the path of the scenario file as the user gave it (empty if it had none)
 * @param seed the master seed of the run
 * @param events the run's events in the order they happened
 */
public record RunRecord(String scenarioName, String scenarioFile, long seed, List<SimEvent> events) {
  public RunRecord {
    Objects.requireNonNull(scenarioName, "scenarioName");
    Objects.requireNonNull(scenarioFile, "scenarioFile");
    events = List.copyOf(events);
  }
}
