package org.magflow.cli;

import java.nio.file.Path;
import org.magflow.sweep.RunExecutor;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The options calibrate and optimize share: where to write, threads, resume, charts, where the runs execute. */
final class SearchOptions {
  @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Result folder (default: under results/).")
  Path out;

  @Option(names = "--threads", paramLabel = "N", description = "Runs at a time (default: one per core). The results"
      + " do not depend on it.")
  Integer threads;

  @Option(names = "--resume", description = "Finish an interrupted search; points already evaluated are not run again.")
  boolean resume;

  @Option(names = "--no-charts", negatable = false, description = "Write the data only, without charts/.")
  boolean noCharts;

  @Mixin BackendOptions backend;

  /** A search given its thread count and executor (null: local threads). */
  @FunctionalInterface
  interface Search<R> {
    R run(int threads, RunExecutor executor) throws Exception;
  }

  /**
   * Runs {@code magflow COMMAND FILE} on the threads and executor the options choose, and stops the executor
   * after; null, with the problem printed, when an option is wrong (nothing has run).
   */
  <R> R run(CommandSpec spec, String command, Path file, Search<R> search) throws Exception {
    Integer n = threads(spec);
    if (n == null || !backend.check(spec.commandLine().getErr(), command, file)) return null;
    RunExecutor executor = backend.executor(n, "magflow " + command + " " + file.getFileName());
    try {
      return search.run(n, executor);
    } finally {
      BackendOptions.close(executor); // stops Spark
    }
  }

  /** The thread count, or null (with the problem printed) when it is out of range. */
  Integer threads(CommandSpec spec) {
    int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    if (n < 1 || n > 4096) {
      spec.commandLine().getErr().println("error: --threads: expected a number from 1 to 4096, found " + n);
      return null;
    }
    return n;
  }

  String command(CommandSpec spec) {
    return "magflow " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
  }
}
