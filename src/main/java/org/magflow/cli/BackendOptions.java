package org.magflow.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.magflow.sweep.RunExecutor;
import org.magflow.sweep.spark.SparkBackend;
import picocli.CommandLine.Option;

/** Where the runs execute, {@code --backend} and {@code --master}: the options sweep, calibrate and optimize share. */
final class BackendOptions {
  @Option(names = "--backend", paramLabel = "local|spark", defaultValue = "local",
      description = "Where the runs execute: local threads, or Apache Spark (needs Spark on the class path, as"
          + " spark-submit gives it). The results do not depend on it. Default: ${DEFAULT-VALUE}.")
  String backend;

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master for --backend spark: local[N], spark://HOST:PORT, yarn, k8s://https://HOST:PORT"
          + " (default: the one spark-submit gives, else local[--threads]).")
  String master;

  /** The class whose absence means Spark is not on the class path. */
  static final String SPARK_CLASS = "org.apache.spark.SparkContext";

  /**
   * Whether the options can be used: false, with the problem printed, for an unknown backend, a master without
   * Spark, or Spark asked for but not on the class path; {@code command} and {@code file} say how to run it.
   */
  boolean check(PrintWriter err, String command, Path file) {
    if (!backend.equals("local") && !backend.equals("spark")) {
      err.println("error: --backend: expected local or spark, found '" + backend + "'");
      return false;
    }
    if (master != null && !spark()) {
      err.println("error: --master is a Spark master; give it with --backend spark");
      return false;
    }
    if (spark() && !sparkOnClassPath()) {
      err.println("error: --backend spark: Apache Spark is not on the class path; magflow.jar does not bundle it."
          + " Run it with spark-submit (spark-submit --class org.magflow.cli.MagflowCli magflow.jar " + command + " "
          + file + " --backend spark), or with Spark's jars on the class path (java -cp"
          + " 'magflow.jar:$SPARK_HOME/jars/*' org.magflow.cli.MagflowCli " + command + " ...); see the README,"
          + " \"Sweeps on a Spark cluster\". Without Spark, leave out --backend spark to run on this machine's"
          + " threads.");
      return false;
    }
    return true;
  }

  /** The executor the options choose, once {@link #check}ed: Spark's, or null for local threads. */
  RunExecutor executor(int threads, String appName) {
    return spark() ? SparkBackend.executor(master, threads, appName) : null;
  }

  /** Stops an executor's machinery (Spark) when it has any. */
  static void close(RunExecutor executor) throws Exception {
    if (executor instanceof AutoCloseable closeable) closeable.close();
  }

  private boolean spark() {
    return backend.equals("spark");
  }

  private static boolean sparkOnClassPath() {
    try {
      Class.forName(SPARK_CLASS, false, BackendOptions.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
