package org.magflow.run;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.magflow.event.EventSink;
import org.magflow.event.SimEvent;
import org.magflow.output.Kpis;
import org.magflow.output.RunRecord;
import org.magflow.output.RunSummary;
import org.magflow.random.RandomStreams;
import org.magflow.scenario.ModelBuilder;
import org.magflow.scenario.ScenarioSpec;

/**
 * One run of a scenario with one seed, together with its counterfactual: the same scenario, seed and random
 * streams with every policy removed, against which export drops are measured.
 */
public final class ScenarioRun {

  /** What a run produced: its events, the counterfactual's (null when the scenario has no policies), KPIs. */
  public record Outcome(RunRecord run, RunRecord counterfactual, RunSummary summary) {}

  private final ModelBuilder builder = new ModelBuilder();
  // Performance: a run's list of events starts as large as the last one's (a scenario's counterfactual, the next
  // run of a benchmark), rather than growing by copies to tens of thousands. Only a size hint, so a racy read
  // from another thread does no harm.
  private int eventsLastTime = 16;

  /**
   * Runs {@code scenario}, whose defaults have been applied.
   *
   * @param scenarioFile the file name recorded in the outputs
   * @param replication the replication number, which selects independent random streams
   */
  public Outcome execute(ScenarioSpec scenario, String scenarioFile, long seed, int replication) {
    RunRecord run = simulate(scenario, scenarioFile, seed, replication);
    RunRecord counterfactual = scenario.policies().isEmpty()
        ? null
        : simulate(scenario.withPolicies(List.of()), scenarioFile, seed, replication);
    return new Outcome(run, counterfactual, Kpis.compute(run, counterfactual));
  }

  /** Builds a fresh model and runs it, keeping every event it reports. */
  public RunRecord simulate(ScenarioSpec scenario, String scenarioFile, long seed, int replication) {
    return simulate(scenario, scenarioFile, seed, replication, metric -> true);
  }

  /**
   * Builds a fresh model and runs it, keeping the rows of the metrics {@code reported} accepts and every other
   * event. The rows kept are exactly those a full run has of those metrics.
   */
  public RunRecord simulate(ScenarioSpec scenario, String scenarioFile, long seed, int replication,
                            Predicate<String> reported) {
    List<SimEvent> events = new ArrayList<>(eventsLastTime);
    builder.build(scenario, new RandomStreams(seed, replication)).run(new EventSink() {
      @Override
      public void accept(SimEvent event) {
        events.add(event);
      }

      @Override
      public boolean wants(String metric) {
        return reported.test(metric);
      }
    });
    eventsLastTime = events.size();
    return new RunRecord(scenario.name(), scenarioFile, seed, events);
  }
}
