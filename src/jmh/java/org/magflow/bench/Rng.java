package org.magflow.bench;

import java.util.SplittableRandom;

/**
 * The random numbers every engine in the kernel benchmarks draws: exponential variates from the JDK's
 * {@link SplittableRandom#nextExponential()} (Java 17's ziggurat method, a few ns a draw).
 *
 * <p>One generator for all engines, so they do the same work, draw for draw: with the same seeds the M/M/1
 * runs of magflow, SSJ, MASON and the plain heap loop produce bit-identical results, and any difference in
 * time is the engine's. A cheap generator keeps the shared work small, so it does not hide the engines'
 * differences (inversion, {@code -log(u)}, would add about 10 ns to every event on every engine).
 */
final class Rng {
  private final SplittableRandom random;

  Rng(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** An exponential variate with this mean; never negative. */
  double exponential(double mean) {
    return mean * random.nextExponential();
  }
}
