package org.magflow.sweep;

import java.nio.file.Path;
import java.util.List;
import org.magflow.scenario.FieldPaths;
import org.magflow.scenario.LocationIndex;

/**
 * A sweep file as written and checked on its own (the paths it names are checked against the base scenario
 * when the sweep is planned, see {@link SweepPlan}).
 *
 * @param file the sweep file as the user named it
 * @param name names the output folder: the {@code name} field, or the file name without its extension
 * @param base the base scenario file, resolved against the sweep file's folder
 * @param seed the master seed, or null for the base scenario's
 * @param samples base samples of a sampled design, or null
 * @param kpis the KPIs asked for; empty for the default set
 */
record SweepSpec(Path file, String name, String description, Path base, Long seed, Design design,
                 Integer samples, int replications, List<ParameterSpec> parameters, List<KpiSpec> kpis,
                 LocationIndex locations) {

  /**
   * One parameter as written.
   *
   * @param index its place in {@code parameters}, for locating problems
   * @param name the column name in the outputs: the {@code name} field or the path
   * @param multiply whether a value multiplies the base scenario's value ({@code apply: multiply}) rather than
   *     replacing it
   * @param anchor for a date field, the date the value counts months or days from; null otherwise
   * @param domain the values it takes; null when they are wrong (then only the path is checked further)
   * @param domainField which of values, range and distribution gives the domain
   */
  record ParameterSpec(int index, String name, String path, boolean multiply, Anchor anchor, Domain domain,
                       String domainField) {
    String at() {
      return FieldPaths.index("parameters", index);
    }
  }

  /**
   * A date parameter's origin: the value is a number of months ({@code monthsAfter}) or days
   * ({@code daysAfter}) after {@code reference}, an ISO date or a path into the scenario.
   */
  record Anchor(boolean months, String reference) {
    String field() {
      return months ? "monthsAfter" : "daysAfter";
    }
  }

  /** One KPI as written: a path into the run summary and the column name (the path unless named). */
  record KpiSpec(int index, String name, String path) {
    String at() {
      return FieldPaths.index("kpis", index);
    }
  }
}
