package org.magflow.scenario;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.magflow.scenario.ScenarioSpec.FacilitySpec;
import org.magflow.scenario.ScenarioSpec.OutageSpec;
import org.magflow.scenario.ScenarioSpec.ProducerSpec;

/**
 * Warnings about a valid scenario: policies (capacity events included) and plant outages wholly outside the
 * horizon, and projects whose first output comes after it. Such a file is not wrong (a copy of a scenario with
 * a shorter horizon, or {@code --set end=...}, keeps its old policies and projects) and it runs, but those
 * entries change nothing the run reports, which the user should hear of.
 *
 * <p>A window is {@code [from, to)}, as policies and outages are in force; the run simulates the end date
 * itself. One starting after the end never applies. One ending on or before the start: a policy never
 * applies, as the run does not switch it on at all, not even in the warm-up; an outage still cuts capacity in
 * the unreported warm-up if it overlaps it, which shapes the stocks the run starts from.
 */
final class HorizonWarnings {
  private final String file;
  private final LocalDate warmupStart;
  private final LocalDate start;
  private final LocalDate end;
  private final List<Problem> warnings = new ArrayList<>();

  private HorizonWarnings(String file, ScenarioSpec s) {
    this.file = file;
    this.warmupStart = s.start().minusDays(s.clock().warmupDays());
    this.start = s.start();
    this.end = s.end();
  }

  /** The warnings about a validated scenario with its defaults filled in, without locations (the loader adds them). */
  static List<Problem> of(ScenarioSpec s, String file) {
    HorizonWarnings w = new HorizonWarnings(file, s);
    for (int i = 0; i < s.policies().size(); i++) {
      PolicySpec p = s.policies().get(i);
      w.window(FieldPaths.index("policies", i), "policy '" + p.name() + "'", "start", p.start(), "end", p.end(),
          false);
    }
    for (int i = 0; i < s.projects().size(); i++) {
      ProjectSpec p = s.projects().get(i);
      if (p.firstOutput() != null && p.firstOutput().isAfter(w.end)) {
        w.warn(FieldPaths.index("projects", i) + ".firstOutput", "project '" + p.id() + "' first produces on "
            + p.firstOutput() + ", after the scenario ends (" + w.end + "): it never produces in this run");
      }
    }
    for (int i = 0; i < s.producers().size(); i++) {
      ProducerSpec p = s.producers().get(i);
      for (int j = 0; j < p.facilities().size(); j++) {
        FacilitySpec f = p.facilities().get(j);
        for (int k = 0; k < f.outages().size(); k++) {
          OutageSpec o = f.outages().get(k);
          String path = FieldPaths.index(FieldPaths.index(FieldPaths.index("producers", i) + ".facilities", j)
              + ".outages", k);
          w.window(path, "the outage of " + f.id(), "from", o.from(), "to", o.to(), true);
        }
      }
    }
    return List.copyOf(w.warnings);
  }

  /**
   * Warns if the window {@code [from, to)} (to null: open) lies wholly outside the horizon.
   *
   * @param inWarmup whether the entry acts during the warm-up (outages do; policies ending by the start do not)
   */
  private void window(String path, String what, String fromField, LocalDate from, String toField, LocalDate to,
                      boolean inWarmup) {
    if (from.isAfter(end)) {
      warn(path + "." + fromField, what + " starts on " + from + ", after the scenario ends (" + end
          + "): it never applies in this run");
    } else if (to != null && !to.isAfter(start)) {
      warn(path + "." + toField, what + " ends on " + to + ", by the time the scenario starts (" + start + "): "
          + (!inWarmup ? "it never applies in this run (a policy that ends by the start is not run in the warm-up"
              + " either)"
              : to.isAfter(warmupStart) ? "it applies only in the unreported warm-up from " + warmupStart
              : "it never applies in this run, not even in the warm-up from " + warmupStart));
    }
  }

  private void warn(String path, String message) {
    warnings.add(new Problem(file, path, 0, 0, message));
  }
}
