package org.magflow.kernel;

/**
 * A process that runs at a time and says when it runs next.
 *
 * <p>Scheduled with {@link Simulation#scheduleRecurring}; the simulation re-inserts it after each
 * run without allocating, keeping the priority it was scheduled with.
 */
@FunctionalInterface
public interface Recurring {

  /**
   * Runs at {@code now}; returns the absolute time of the next run, or Double.NaN to stop recurring.
   *
   * <p>A returned time must be finite and strictly later than {@code now}: an equal time could
   * repeat forever within one instant, so the simulation rejects it.
   *
   * @param now the current simulation time
   * @return the absolute time of the next run, or {@link Double#NaN} to stop
   */
  double runAndReschedule(double now);
}
