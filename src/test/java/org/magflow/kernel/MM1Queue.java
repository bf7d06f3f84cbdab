package org.magflow.kernel;

import org.apache.commons.math3.distribution.ExponentialDistribution;
import org.apache.commons.math3.random.Well19937c;

/**
 * An M/M/1 queue on the simulation kernel: Poisson arrivals, one exponential server, first come
 * first served.
 *
 * <p>Each instance is one replication. Arrivals and services draw from two seeded Well19937c
 * streams, so replications with different seeds are independent and each is reproducible. Kept in
 * the test sources so benchmarks can reuse it as a realistic small workload.
 */
final class MM1Queue {

  /** Means over the customers measured after the warm-up. */
  record Result(double meanWaitInQueue, double meanTimeInSystem, long customers) {}

  private static final int PRIORITY = 0; // ties have probability zero with continuous times

  private final Simulation sim;
  private final ExponentialDistribution interarrival;
  private final ExponentialDistribution service;
  // Made once, so scheduling an arrival or a departure allocates nothing.
  private final Runnable arrive = this::arrive;
  private final Runnable depart = this::depart;

  // Arrival times of the customers waiting, a growable ring buffer (FIFO).
  private double[] waiting = new double[64];
  private int head;
  private int waitingCount;

  private boolean busy;
  private double inServiceArrival;
  private double inServiceStart;

  private long totalCustomers;
  private long warmUp;
  private long arrived;
  private long departed;
  private double sumWait;
  private double sumSystem;

  /**
   * Creates one replication on a simulation.
   *
   * @param lambda the arrival rate
   * @param mu the service rate
   * @param seed the replication's seed; distinct seeds give independent replications
   */
  MM1Queue(Simulation sim, double lambda, double mu, int seed) {
    this.sim = sim;
    this.interarrival =
        new ExponentialDistribution(new Well19937c(new int[] {seed, 1}), 1 / lambda);
    this.service = new ExponentialDistribution(new Well19937c(new int[] {seed, 2}), 1 / mu);
  }

  /**
   * Runs {@code warmUp + customers} customers from an empty system and returns the means over the
   * last {@code customers}, which were not in the warm-up.
   */
  Result run(long warmUp, long customers) {
    this.warmUp = warmUp;
    this.totalCustomers = warmUp + customers;
    sim.schedule(interarrival.sample(), PRIORITY, arrive);
    // Arrivals stop after the last customer, so the event list drains and the run ends.
    sim.runUntil(Double.POSITIVE_INFINITY);
    return new Result(sumWait / customers, sumSystem / customers, departed - warmUp);
  }

  private void arrive() {
    if (++arrived < totalCustomers) {
      sim.schedule(interarrival.sample(), PRIORITY, arrive);
    }
    if (busy) {
      enqueue(sim.now());
    } else {
      startService(sim.now());
    }
  }

  private void startService(double arrivalTime) {
    busy = true;
    inServiceArrival = arrivalTime;
    inServiceStart = sim.now();
    sim.schedule(service.sample(), PRIORITY, depart);
  }

  private void depart() {
    // First come first served, so the n-th departure is the n-th arrival.
    if (++departed > warmUp) {
      sumWait += inServiceStart - inServiceArrival;
      sumSystem += sim.now() - inServiceArrival;
    }
    busy = false;
    if (waitingCount > 0) {
      startService(dequeue());
    }
  }

  private void enqueue(double arrivalTime) {
    if (waitingCount == waiting.length) {
      double[] larger = new double[waiting.length * 2];
      for (int i = 0; i < waitingCount; i++) {
        larger[i] = waiting[(head + i) % waiting.length];
      }
      waiting = larger;
      head = 0;
    }
    waiting[(head + waitingCount++) % waiting.length] = arrivalTime;
  }

  private double dequeue() {
    double arrivalTime = waiting[head];
    head = (head + 1) % waiting.length;
    waitingCount--;
    return arrivalTime;
  }
}
