package org.magflow.bench;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * The M/M/1 queue every engine runs: Poisson arrivals at rate 0.9, one exponential server at rate 1.0, first
 * come first served, 10<sup>6</sup> customers from an empty system, so exactly 2&times;10<sup>6</sup> events
 * (one arrival and one departure per customer).
 *
 * <p>This class holds the queue's state and statistics; an engine only decides when the handlers run. The
 * mean wait in queue has the analytic value rho / (mu - lambda) = 9.0, and {@link #check} fails the
 * benchmark unless 9.0 lies inside the run's 99% confidence interval (batch means: 50 batches of 20,000
 * customers, each about 50 times the correlation length of the waits at rho = 0.9). A benchmark that
 * computes the wrong thing is worthless.
 */
final class MM1 {
  static final double LAMBDA = 0.9;
  static final double MU = 1.0;
  static final int CUSTOMERS = 1_000_000;
  static final int EVENTS = 2 * CUSTOMERS;
  static final double EXPECTED_WAIT = LAMBDA / (MU * (MU - LAMBDA));
  private static final int BATCHES = 50;
  private static final int BATCH_SIZE = CUSTOMERS / BATCHES;
  private static final double T_99 = new TDistribution(BATCHES - 1).inverseCumulativeProbability(0.995);

  /** What a run measured. */
  record Result(double meanWait, double halfWidth99, long events) {
    boolean containsExpected() {
      return Math.abs(meanWait - EXPECTED_WAIT) <= halfWidth99;
    }

    @Override
    public String toString() {
      return String.format("mean wait %.4f, 99%% CI +-%.4f (expected %.1f), %d events", meanWait, halfWidth99,
          EXPECTED_WAIT, events);
    }
  }

  private final Rng arrivals = new Rng(0x5EED_0001L);
  private final Rng services = new Rng(0x5EED_0002L);

  // The waiting customers' arrival times, a ring buffer whose capacity is a power of two.
  private double[] queue = new double[1 << 10];
  private int head;
  private int waiting;

  private boolean busy;
  private int arrived;
  private long events;

  private final double[] batchMeans = new double[BATCHES];
  private double batchSum;
  private int served;

  double interarrivalTime() {
    return arrivals.exponential(1 / LAMBDA);
  }

  double serviceTime() {
    return services.exponential(1 / MU);
  }

  /** Called first by an arrival handler: whether another arrival follows (after {@link #interarrivalTime}). */
  boolean anotherArrival() {
    return ++arrived < CUSTOMERS;
  }

  /** A customer arrives at {@code now}; returns whether it starts service (then schedule a departure). */
  boolean arrive(double now) {
    events++;
    if (busy) {
      if (waiting == queue.length) grow();
      queue[(head + waiting++) & (queue.length - 1)] = now;
      return false;
    }
    busy = true;
    record(0.0);
    return true;
  }

  /** The customer in service leaves at {@code now}; returns whether the next starts service. */
  boolean depart(double now) {
    events++;
    if (waiting == 0) {
      busy = false;
      return false;
    }
    double arrivedAt = queue[head];
    head = (head + 1) & (queue.length - 1);
    waiting--;
    record(now - arrivedAt);
    return true;
  }

  private void record(double wait) {
    batchSum += wait;
    if (++served % BATCH_SIZE == 0) {
      batchMeans[served / BATCH_SIZE - 1] = batchSum / BATCH_SIZE;
      batchSum = 0;
    }
  }

  private void grow() {
    double[] larger = new double[queue.length * 2];
    for (int i = 0; i < waiting; i++) {
      larger[i] = queue[(head + i) & (queue.length - 1)];
    }
    queue = larger;
    head = 0;
  }

  Result result() {
    double mean = 0;
    for (double b : batchMeans) mean += b;
    mean /= BATCHES;
    double ss = 0;
    for (double b : batchMeans) ss += (b - mean) * (b - mean);
    double sd = Math.sqrt(ss / (BATCHES - 1));
    return new Result(mean, T_99 * sd / Math.sqrt(BATCHES), events);
  }

  /** Throws unless every customer was served, the event count is exact and 9.0 lies in the 99% CI. */
  static Result check(String engine, Result r) {
    if (r.events() != EVENTS || !r.containsExpected()) {
      throw new IllegalStateException("M/M/1 on " + engine + " computed the wrong thing: " + r);
    }
    return r;
  }
}
