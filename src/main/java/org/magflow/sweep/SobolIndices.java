package org.magflow.sweep;

import java.util.Arrays;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * First-order and total Sobol sensitivity indices from Saltelli's design, with Jansen's estimators and
 * bootstrap confidence intervals.
 *
 * <p>With f evaluated on the rows of A, B and each A_B^i (A with column i from B), N rows each, and V the
 * variance of f over A and B together:
 * <pre>
 *   S_i  = (V − (1/2N) Σ_j (f(B)_j − f(A_B^i)_j)²) / V     first order: the share of V due to x_i alone
 *   ST_i = (1/2N) Σ_j (f(A)_j − f(A_B^i)_j)² / V           total: the share due to x_i and its interactions
 * </pre>
 * (Jansen 1999; Saltelli et al. 2010, table 2). Confidence intervals are the 2.5th and 97.5th percentiles of
 * the estimates over {@code resamples} bootstrap resamples of the N rows.
 */
final class SobolIndices {
  private SobolIndices() {}

  /** Indices and 95% intervals per parameter; NaN when V is zero or a value is missing. */
  record Result(double[] first, double[] firstLow, double[] firstHigh, double[] total, double[] totalLow,
                double[] totalHigh) {}

  /**
   * Estimates the indices.
   *
   * @param a f on the rows of A
   * @param b f on the rows of B
   * @param ab {@code ab[i]} is f on the rows of A_B^i
   */
  static Result estimate(double[] a, double[] b, double[][] ab, int resamples, RandomGenerator rng) {
    int d = ab.length;
    int n = a.length;
    double[] s = new double[d];
    double[] st = new double[d];
    boolean missing = hasNaN(a) || hasNaN(b);
    for (double[] row : ab) missing |= hasNaN(row);
    if (missing) return nanResult(d);
    int[] identity = new int[n];
    for (int j = 0; j < n; j++) identity[j] = j;
    if (!indices(a, b, ab, identity, s, st)) return nanResult(d);
    double[][] bootFirst = new double[d][resamples];
    double[][] bootTotal = new double[d][resamples];
    int[] rows = new int[n];
    double[] bs = new double[d];
    double[] bst = new double[d];
    int kept = 0;
    for (int r = 0; r < resamples; r++) {
      for (int j = 0; j < n; j++) rows[j] = rng.nextInt(n);
      if (!indices(a, b, ab, rows, bs, bst)) continue; // a resample with no variance says nothing
      for (int i = 0; i < d; i++) {
        bootFirst[i][kept] = bs[i];
        bootTotal[i][kept] = bst[i];
      }
      kept++;
    }
    double[] sLow = new double[d];
    double[] sHigh = new double[d];
    double[] stLow = new double[d];
    double[] stHigh = new double[d];
    for (int i = 0; i < d; i++) {
      if (kept == 0) {
        sLow[i] = sHigh[i] = stLow[i] = stHigh[i] = Double.NaN;
        continue;
      }
      double[] f = Arrays.copyOf(bootFirst[i], kept);
      double[] t = Arrays.copyOf(bootTotal[i], kept);
      Arrays.sort(f);
      Arrays.sort(t);
      sLow[i] = Stats.quantile(f, kept, 0.025);
      sHigh[i] = Stats.quantile(f, kept, 0.975);
      stLow[i] = Stats.quantile(t, kept, 0.025);
      stHigh[i] = Stats.quantile(t, kept, 0.975);
    }
    return new Result(s, sLow, sHigh, st, stLow, stHigh);
  }

  /** The estimates over the given rows (with repeats); false when the variance is zero. */
  private static boolean indices(double[] a, double[] b, double[][] ab, int[] rows, double[] s, double[] st) {
    int n = rows.length;
    double sum = 0;
    for (int j : rows) sum += a[j] + b[j];
    double mean = sum / (2.0 * n);
    double ss = 0;
    for (int j : rows) ss += (a[j] - mean) * (a[j] - mean) + (b[j] - mean) * (b[j] - mean);
    double v = ss / (2.0 * n);
    if (!(v > 0)) return false;
    for (int i = 0; i < ab.length; i++) {
      double first = 0;
      double total = 0;
      for (int j : rows) {
        double db = b[j] - ab[i][j];
        double da = a[j] - ab[i][j];
        first += db * db;
        total += da * da;
      }
      s[i] = (v - first / (2.0 * n)) / v;
      st[i] = total / (2.0 * n) / v;
    }
    return true;
  }

  private static boolean hasNaN(double[] x) {
    for (double v : x) if (Double.isNaN(v)) return true;
    return false;
  }

  private static Result nanResult(int d) {
    double[] nan = new double[d];
    Arrays.fill(nan, Double.NaN);
    return new Result(nan, nan, nan, nan, nan, nan);
  }
}
