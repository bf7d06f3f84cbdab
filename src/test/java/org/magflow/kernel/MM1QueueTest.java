package org.magflow.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Validates the kernel against queueing theory: an M/M/1 queue with lambda 0.9 and mu 1.0 must
 * reproduce the analytic mean wait in queue and mean time in system.
 *
 * <p>Ten independent replications of 200,000 customers after a warm-up of 20,000 give a Student t
 * 95% confidence interval; each analytic value must lie inside it. The seeds are fixed, so the
 * outcome is reproducible rather than failing 5% of the time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MM1QueueTest {

  private static final double LAMBDA = 0.9;
  private static final double MU = 1.0;
  private static final int REPLICATIONS = 10;
  private static final long WARM_UP = 20_000;
  private static final long CUSTOMERS = 200_000;

  private final SummaryStatistics waits = new SummaryStatistics();
  private final SummaryStatistics systemTimes = new SummaryStatistics();

  @BeforeAll
  void runReplications() {
    for (int seed = 1; seed <= REPLICATIONS; seed++) {
      MM1Queue.Result result =
          new MM1Queue(new Simulation(), LAMBDA, MU, seed).run(WARM_UP, CUSTOMERS);
      assertEquals(CUSTOMERS, result.customers());
      waits.addValue(result.meanWaitInQueue());
      systemTimes.addValue(result.meanTimeInSystem());
    }
  }

  @Test
  void mm1Queue_meanWaitInQueue_liesWithinTheConfidenceIntervalOfRhoOverMuMinusLambda() {
    double rho = LAMBDA / MU;
    assertInConfidenceInterval(rho / (MU - LAMBDA), waits, "mean wait in queue");
  }

  @Test
  void mm1Queue_meanTimeInSystem_liesWithinTheConfidenceIntervalOfOneOverMuMinusLambda() {
    assertInConfidenceInterval(1 / (MU - LAMBDA), systemTimes, "mean time in system");
  }

  private static void assertInConfidenceInterval(
      double expected, SummaryStatistics replications, String what) {
    long n = replications.getN();
    double t = new TDistribution(n - 1).inverseCumulativeProbability(0.975);
    double halfWidth = t * replications.getStandardDeviation() / Math.sqrt(n);
    double mean = replications.getMean();
    String interval =
        String.format("%s %.4f +- %.4f (95%%), analytic %.4f", what, mean, halfWidth, expected);
    assertTrue(Math.abs(mean - expected) <= halfWidth, interval);
    // The interval must also be tight enough to mean something: within 5% of the value.
    assertTrue(halfWidth < 0.05 * expected, "interval too wide: " + interval);
  }
}
