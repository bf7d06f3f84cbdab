package org.magflow.backtest;

import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import org.magflow.event.Observation;
import org.magflow.event.SimEvent;

/**
 * One series of a run set against its observations month by month, with the error measures a backtest
 * reports and a calibration minimises.
 *
 * <ul>
 *   <li>the <b>log error</b> of a month, ln(simulated / observed): symmetric in over- and undershoot and the same
 *       for a 100 t series as for a 6,000 t one; a simulated zero counts as {@value #ZERO_FLOOR} of the observed
 *       value, so one empty month costs a bounded error (−4.6) instead of an infinite one;
 *   <li>the <b>mean absolute log error</b> over the observed months (0.1 ≈ 10% off on average);
 *   <li>the <b>direction</b> of each move between two consecutive observed months: whether the simulation
 *       moves the same way (up, down) as the observations;
 *   <li>the <b>trough</b>, the lowest month from the shock on, and the <b>recovery</b>, the first month after
 *       the trough back to {@value #RECOVERED} of the level before the shock (the mean of the observed months
 *       before it, and of the simulated values in those months); none when no month before the shock is
 *       observed.
 * </ul>
 *
 * @param months the months compared, consecutive
 * @param simulated the run's value in each month (averaged over replications)
 * @param observed the observed value in each month, NaN where there is none
 * @param shock the month the episode's shock starts, or null for none (troughs are then over every month)
 */
public record Comparison(SeriesMap series, List<YearMonth> months, double[] simulated, double[] observed,
                         YearMonth shock) {
  /** A simulated zero counts as this share of the observed value. */
  public static final double ZERO_FLOOR = 0.01;
  /** The share of its level before the shock a series is back to when it has recovered. */
  public static final double RECOVERED = 0.9;

  /** The months from {@code first} to {@code last}, both included. */
  public static List<YearMonth> months(YearMonth first, YearMonth last) {
    int n = (int) first.until(last, java.time.temporal.ChronoUnit.MONTHS) + 1;
    return java.util.stream.IntStream.range(0, n).mapToObj(first::plusMonths).toList();
  }

  /**
   * A run's monthly values of the rows {@code s} picks, over {@code months}: the sum of a flow's rows, the last
   * of a level's; a month without rows is 0 for a flow and NaN for a level.
   */
  public static double[] simulated(List<SimEvent> events, Selector s, List<YearMonth> months) {
    double[] values = new double[months.size()];
    if (s.level()) Arrays.fill(values, Double.NaN);
    YearMonth first = months.get(0);
    for (SimEvent e : events) {
      if (!(e instanceof Observation o) || !s.matches(o)) continue;
      int m = (int) first.until(YearMonth.from(o.date()), java.time.temporal.ChronoUnit.MONTHS);
      if (m < 0 || m >= values.length) continue;
      values[m] = s.level() ? o.value() : values[m] + o.value(); // events come in time order
    }
    return values;
  }

  /** The observed values of {@code rows} laid over {@code months}; NaN where a month has none. */
  public static double[] observed(List<ObservedData.Row> rows, List<YearMonth> months) {
    double[] values = new double[months.size()];
    Arrays.fill(values, Double.NaN);
    for (ObservedData.Row r : rows) {
      int m = months.indexOf(r.month());
      if (m >= 0) values[m] = r.value();
    }
    return values;
  }

  /** ln(simulated / observed) in month {@code m}; NaN where nothing is observed or nothing simulated. */
  public double logError(int m) {
    double o = observed[m];
    double s = simulated[m];
    if (Double.isNaN(o) || Double.isNaN(s)) return Double.NaN;
    return Math.log(Math.max(s, ZERO_FLOOR * o) / o);
  }

  /** How many months have both an observation and a simulated value. */
  public int compared() {
    int n = 0;
    for (int m = 0; m < months.size(); m++) if (!Double.isNaN(logError(m))) n++;
    return n;
  }

  /** The mean of |ln(simulated / observed)| over the compared months; NaN when there are none. */
  public double meanAbsLogError() {
    return mean(true);
  }

  /** The mean of ln(simulated / observed)² over the compared months: the smooth loss a calibration fits. */
  public double meanSquaredLogError() {
    return mean(false);
  }

  private double mean(boolean absolute) {
    double sum = 0;
    int n = 0;
    for (int m = 0; m < months.size(); m++) {
      double e = logError(m);
      if (Double.isNaN(e)) continue;
      sum += absolute ? Math.abs(e) : e * e;
      n++;
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /** The sign of the observed move into month {@code m} from the month before; 0 where either is not observed. */
  public int observedMove(int m) {
    return m == 0 || Double.isNaN(observed[m]) || Double.isNaN(observed[m - 1]) ? 0
        : (int) Math.signum(observed[m] - observed[m - 1]);
  }

  /** The sign of the simulated move into month {@code m}, where an observed move is there to compare it with. */
  public int simulatedMove(int m) {
    return observedMove(m) == 0 || Double.isNaN(simulated[m]) || Double.isNaN(simulated[m - 1]) ? 0
        : (int) Math.signum(simulated[m] - simulated[m - 1]);
  }

  /** How many observed moves there are, and how many of them the simulation makes the same way. */
  public int[] directions() {
    int moves = 0;
    int agree = 0;
    for (int m = 1; m < months.size(); m++) {
      if (observedMove(m) == 0) continue;
      moves++;
      if (simulatedMove(m) == observedMove(m)) agree++;
    }
    return new int[] {agree, moves};
  }

  /** The observed trough: the lowest observed month from the shock on; null when none is observed. */
  public YearMonth observedTrough() {
    return trough(observed);
  }

  /** The simulated trough: the lowest simulated month from the shock to the last observed month. */
  public YearMonth simulatedTrough() {
    return trough(simulated);
  }

  public YearMonth observedRecovery() {
    return recovery(observed, observedTrough());
  }

  public YearMonth simulatedRecovery() {
    return recovery(simulated, simulatedTrough());
  }

  private int lastObserved() {
    for (int m = months.size() - 1; m >= 0; m--) if (!Double.isNaN(observed[m])) return m;
    return -1;
  }

  private boolean afterShock(int m) {
    return shock == null || !months.get(m).isBefore(shock);
  }

  private YearMonth trough(double[] values) {
    int best = -1;
    for (int m = 0; m <= lastObserved(); m++) {
      if (!afterShock(m) || Double.isNaN(values[m])) continue;
      if (best < 0 || values[m] < values[best]) best = m;
    }
    return best < 0 ? null : months.get(best);
  }

  private YearMonth recovery(double[] values, YearMonth trough) {
    if (trough == null || shock == null) return null;
    double sum = 0;
    int n = 0;
    for (int m = 0; m < months.size() && !afterShock(m); m++) {
      if (Double.isNaN(observed[m]) || Double.isNaN(values[m])) continue;
      sum += values[m];
      n++;
    }
    if (n == 0) return null;
    double level = RECOVERED * sum / n;
    for (int m = months.indexOf(trough) + 1; m <= lastObserved(); m++) {
      if (!Double.isNaN(values[m]) && values[m] >= level) return months.get(m);
    }
    return null;
  }
}
