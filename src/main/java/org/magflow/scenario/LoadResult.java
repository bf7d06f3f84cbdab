package org.magflow.scenario;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of loading a scenario file: the scenario, complete, with any warnings about it; or every problem
 * found in it.
 *
 * @param scenario the validated scenario with every default filled in (see {@link ScenarioDefaults}), or null
 *     when there are problems
 * @param problems every problem found, in file order; empty when the file is good
 * @param warnings what a good file holds that the run will not use as written (a policy wholly outside the
 *     horizon), each placed as a problem is, in file order; empty when there are problems
 */
public record LoadResult(ScenarioSpec scenario, List<Problem> problems, List<Problem> warnings) {
  public LoadResult {
    problems = List.copyOf(problems);
    warnings = List.copyOf(warnings);
    if ((scenario == null) == problems.isEmpty()) {
      throw new IllegalArgumentException("a load result has either a scenario or problems, not both or neither");
    }
    if (scenario == null && !warnings.isEmpty()) {
      throw new IllegalArgumentException("warnings are about a scenario; a failed load has problems only");
    }
  }

  /** A result without warnings. */
  public LoadResult(ScenarioSpec scenario, List<Problem> problems) {
    this(scenario, problems, List.of());
  }

  static LoadResult failed(List<Problem> problems) {
    return new LoadResult(null, problems);
  }

  static LoadResult failed(String file, String message) {
    return failed(List.of(new Problem(file, "", 0, 0, message)));
  }

  static LoadResult loaded(ScenarioSpec scenario, List<Problem> warnings) {
    return new LoadResult(Objects.requireNonNull(scenario, "scenario"), List.of(), warnings);
  }

  /** Whether the file loaded with no problems (it may have warnings). */
  public boolean ok() {
    return problems.isEmpty();
  }
}
