package org.magflow.scenario;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of loading a scenario file: the scenario, complete, or every problem found in it.
 *
 * @param scenario the validated scenario with every default filled in (see {@link ScenarioDefaults}), or null
 *     when there are problems
 * @param problems every problem found, in file order; empty when the file is good
 */
public record LoadResult(ScenarioSpec scenario, List<Problem> problems) {
  public LoadResult {
    problems = List.copyOf(problems);
    if ((scenario == null) == problems.isEmpty()) {
      throw new IllegalArgumentException("a load result has either a scenario or problems, not both or neither");
    }
  }

  static LoadResult failed(List<Problem> problems) {
    return new LoadResult(null, problems);
  }

  static LoadResult failed(String file, String message) {
    return failed(List.of(new Problem(file, "", 0, 0, message)));
  }

  static LoadResult loaded(ScenarioSpec scenario) {
    return new LoadResult(Objects.requireNonNull(scenario, "scenario"), List.of());
  }

  /** Whether the file loaded with no problems. */
  public boolean ok() {
    return problems.isEmpty();
  }
}
