package org.magflow.sweep;

import java.util.Arrays;
import java.util.List;

/**
 * How a sweep chooses its points from its parameters' domains.
 *
 * <ul>
 *   <li>{@code grid}: every combination of the parameters' values (lists and stepped ranges), the first
 *       parameter varying slowest;
 *   <li>{@code monte-carlo}: {@code samples} independent draws from every parameter;
 *   <li>{@code latin-hypercube}: {@code samples} draws such that each parameter's distribution, cut into
 *       {@code samples} equally likely strata, has exactly one draw in each stratum;
 *   <li>{@code sobol}: Saltelli's design for Sobol sensitivity indices: two base matrices A and B of
 *       {@code samples} rows each from a Sobol low-discrepancy sequence, and for each parameter i the matrix
 *       A_B^i (A with column i taken from B); {@code samples × (parameters + 2)} points;
 *   <li>{@code one-at-a-time}: the base scenario as written, then each parameter alone at its low and then its
 *       high end (first/last value, range ends, or a distribution's 5th/95th percentile), for tornado charts.
 * </ul>
 */
public enum Design {
  GRID("grid", false),
  MONTE_CARLO("monte-carlo", true),
  LATIN_HYPERCUBE("latin-hypercube", true),
  SOBOL("sobol", true),
  ONE_AT_A_TIME("one-at-a-time", false);

  private final String id;
  private final boolean sampled;

  Design(String id, boolean sampled) {
    this.id = id;
    this.sampled = sampled;
  }

  /** The name used in sweep files. */
  public String id() {
    return id;
  }

  /** Whether the design draws {@code samples} points from the parameters' distributions. */
  public boolean sampled() {
    return sampled;
  }

  /** Every design's name, as sweep files write it. */
  public static List<String> ids() {
    return Arrays.stream(values()).map(Design::id).toList();
  }

  /** The design a sweep file names, or null. */
  public static Design of(String id) {
    for (Design d : values()) {
      if (d.id.equals(id)) return d;
    }
    return null;
  }
}
