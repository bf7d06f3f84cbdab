package org.magflow.sweep;

import java.util.Arrays;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * The statistics of the sweep outputs. Sums run in the order values are given (run order), so results are the
 * same to the last bit on every run of a sweep.
 */
final class Stats {
  private Stats() {}

  /** Summary statistics of a sample; NaN where a figure does not exist (no values; sd of one value). */
  record Summary(int n, double mean, double sd, double ciLow, double ciHigh, double p5, double p50, double p95) {}

  /** The statistics of the non-NaN values among the first {@code count} of {@code values}. */
  static Summary summarise(double[] values, int count) {
    return summarise(values, count, new T975());
  }

  /** As {@link #summarise(double[], int)}, with t quantiles from {@code t}. */
  static Summary summarise(double[] values, int count, T975 t) {
    double[] x = new double[count];
    int n = 0;
    for (int i = 0; i < count; i++) if (!Double.isNaN(values[i])) x[n++] = values[i];
    if (n == 0) {
      return new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    double mean = mean(x, n);
    double sd = Double.NaN;
    double low = Double.NaN;
    double high = Double.NaN;
    if (n > 1) {
      double ss = 0;
      for (int i = 0; i < n; i++) ss += (x[i] - mean) * (x[i] - mean);
      sd = Math.sqrt(ss / (n - 1));
      double half = t.of(n - 1) * sd / Math.sqrt(n);
      low = mean - half;
      high = mean + half;
    }
    double[] sorted = Arrays.copyOf(x, n);
    Arrays.sort(sorted);
    return new Summary(n, mean, sd, low, high, quantile(sorted, n, 0.05), quantile(sorted, n, 0.5),
        quantile(sorted, n, 0.95));
  }

  static double mean(double[] x, int n) {
    double sum = 0;
    for (int i = 0; i < n; i++) sum += x[i];
    return sum / n;
  }

  /** Student's t quantile with {@code df} degrees of freedom (Commons Math, the same on every JVM). */
  static double tQuantile(double p, int df) {
    return new TDistribution(null, df).inverseCumulativeProbability(p);
  }

  /** The 97.5% t quantiles a summary needs, each computed once: every point of a sweep has the same few. */
  static final class T975 {
    private final java.util.Map<Integer, Double> byDf = new java.util.HashMap<>(); // looked up only

    double of(int df) {
      return byDf.computeIfAbsent(df, d -> tQuantile(0.975, d));
    }
  }

  /**
   * The p-quantile of the first {@code n} sorted values by linear interpolation between order statistics
   * (Hyndman and Fan's type 7, the default of R and NumPy).
   */
  static double quantile(double[] sorted, int n, double p) {
    if (n == 1) return sorted[0];
    double h = (n - 1) * p;
    int lo = (int) Math.floor(h);
    int hi = Math.min(n - 1, lo + 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }
}
