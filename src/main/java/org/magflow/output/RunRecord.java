package org.magflow.output;

import java.util.List;
import java.util.Objects;
import org.magflow.event.SimEvent;

/**
 * Everything the outputs know about one finished run: which scenario and seed, and the events it reported in
 * time order.
 *
 * @param scenarioName the scenario's name
 * @param scenarioFile the scenario file's name, without the folders (empty if it had none): outputs must not
 *     depend on how the path to it was written
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
