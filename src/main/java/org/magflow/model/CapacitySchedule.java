package org.magflow.model;

import java.util.Arrays;

/**
 * Installed capacity over simulation time, and the outages that take part of it offline.
 *
 * <p>Capacity is linear between points (a ramp), zero before the first point and constant after the last.
 * Two points at the same time make a step. Outages multiply capacity by their available fraction while
 * they last; overlapping outages compound.
 */
public final class CapacitySchedule {
  private final double[] times;
  private final double[] tonnesPerYear;
  private final double[] outageFrom;
  private final double[] outageTo;
  private final double[] outageAvailable;

  /**
   * @param times non-decreasing simulation times of the capacity points
   * @param tonnesPerYear capacity at each point, tonnes of activity per year
   */
  public CapacitySchedule(double[] times, double[] tonnesPerYear, double[] outageFrom, double[] outageTo,
                          double[] outageAvailable) {
    if (times.length == 0 || times.length != tonnesPerYear.length) {
      throw new IllegalArgumentException("need one capacity value per time, and at least one");
    }
    for (int i = 1; i < times.length; i++) {
      if (times[i] < times[i - 1]) throw new IllegalArgumentException("capacity times must not decrease");
    }
    if (outageFrom.length != outageTo.length || outageFrom.length != outageAvailable.length) {
      throw new IllegalArgumentException("outage arrays differ in length");
    }
    this.times = times.clone();
    this.tonnesPerYear = tonnesPerYear.clone();
    this.outageFrom = outageFrom.clone();
    this.outageTo = outageTo.clone();
    this.outageAvailable = outageAvailable.clone();
  }

  /** A constant capacity with no outages. */
  public static CapacitySchedule constant(double tonnesPerYear) {
    return new CapacitySchedule(new double[] {Double.NEGATIVE_INFINITY}, new double[] {tonnesPerYear},
        new double[0], new double[0], new double[0]);
  }

  /** Installed capacity at time {@code t}, tonnes per year, ignoring outages. */
  public double installedAt(double t) {
    if (Double.isNaN(t)) throw new IllegalArgumentException("time is NaN");
    t += 0.0; // -0.0 becomes 0.0, which binary search would otherwise order before a point at 0.0
    if (t < times[0]) return 0;
    int last = times.length - 1;
    if (t >= times[last]) return tonnesPerYear[last];
    // the last point at or before t; a step (equal times) takes the later value
    int i = Arrays.binarySearch(times, t);
    if (i >= 0) {
      while (i < last && times[i + 1] == t) i++;
      return tonnesPerYear[i];
    }
    int next = -i - 1;
    int prev = next - 1;
    if (Double.isInfinite(times[prev])) return tonnesPerYear[prev]; // a plant that existed before the run began
    double w = (t - times[prev]) / (times[next] - times[prev]);
    return tonnesPerYear[prev] + w * (tonnesPerYear[next] - tonnesPerYear[prev]);
  }

  /** Capacity that can run at time {@code t}: installed capacity less outages, tonnes per year. */
  public double availableAt(double t) {
    return installedAt(t) * outageFactor(t);
  }

  /** The share of installed capacity that the scheduled outages leave running at time {@code t}. */
  public double outageFactor(double t) {
    double factor = 1;
    for (int i = 0; i < outageFrom.length; i++) {
      if (t >= outageFrom[i] && t < outageTo[i]) factor *= outageAvailable[i];
    }
    return factor;
  }
}
