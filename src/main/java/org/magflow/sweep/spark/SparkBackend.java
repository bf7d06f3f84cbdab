package org.magflow.sweep.spark;

import org.magflow.sweep.RunExecutor;

/**
 * Makes the Spark executor. Callers check first that Spark is on the class path: this class names Spark only
 * through {@link SparkRunExecutor}, which the JVM loads when this method runs, not before.
 */
public final class SparkBackend {
  private SparkBackend() {}

  /** A Spark executor on {@code master} (null: spark-submit's, else {@code local[localThreads]}). */
  public static RunExecutor executor(String master, int localThreads, String appName) {
    return new SparkRunExecutor(master, localThreads, appName);
  }
}
