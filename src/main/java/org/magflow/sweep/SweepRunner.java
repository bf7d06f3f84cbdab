package org.magflow.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.magflow.output.OutputTarget;
import org.magflow.output.ResultFolder;
import org.magflow.output.chart.ChartWriter;
import org.magflow.run.InputException;
import org.magflow.run.MagflowVersion;
import org.magflow.scenario.Problem;

/**
 * {@code magflow sweep}: plans a sweep, runs what is not yet done through a {@link RunExecutor}, records each
 * finished run durably in a {@link Journal}, and when every run is done writes the result folder at once
 * (through {@link ResultFolder#replace}, so an earlier result survives until the new one is complete): the data
 * files first, then the charts drawn from them.
 *
 * <p>Memory stays flat in the number of runs: at most a few runs per thread are in flight, each keeps only its
 * KPIs and monthly fan series once it finishes, and those go straight to disk.
 */
public final class SweepRunner {
  /** The most runs one sweep may make. */
  public static final long MAX_RUNS = 10_000_000L;
  /** The suffix of the folder, next to the result folder, that holds a sweep in progress. */
  public static final String PARTIAL_SUFFIX = ".partial";

  /**
   * How to run a sweep.
   *
   * @param outDir the result folder, or null for {@code resultsRoot/sweeps/<sweep name>}
   * @param threads threads of the local executor (ignored when {@code executor} is given)
   * @param resume continue an interrupted sweep in the same folder; without it, an interrupted sweep's folder
   *     is an error, so that finished runs are never thrown away by mistake
   * @param command the command line, recorded in sweep.json
   * @param executor where runs execute, or null for a {@link LocalRunExecutor} of {@code threads}
   * @param stopAfter for tests: stop as if killed once this many runs have finished in this go (0: never)
   * @param charts whether to draw the sweep's charts into {@code outDir/charts} once its data are written
   */
  public record Options(Path outDir, Path resultsRoot, int threads, boolean resume, String command,
                        Progress progress, RunExecutor executor, int stopAfter, boolean charts) {
    public Options {
      if (progress == null) progress = Progress.NONE;
      if (resultsRoot == null) resultsRoot = Path.of("results");
    }

    /** Options with every default: all cores, no resume, no progress output, charts drawn. */
    public static Options defaults() {
      return new Options(null, null, Runtime.getRuntime().availableProcessors(), false, "", Progress.NONE, null, 0,
          true);
    }

    public Options withOutDir(Path dir) {
      return new Options(dir, resultsRoot, threads, resume, command, progress, executor, stopAfter, charts);
    }

    public Options withThreads(int n) {
      return new Options(outDir, resultsRoot, n, resume, command, progress, executor, stopAfter, charts);
    }

    public Options withResume(boolean r) {
      return new Options(outDir, resultsRoot, threads, r, command, progress, executor, stopAfter, charts);
    }

    public Options withCharts(boolean c) {
      return new Options(outDir, resultsRoot, threads, resume, command, progress, executor, stopAfter, c);
    }

    Options withStopAfter(int runs) {
      return new Options(outDir, resultsRoot, threads, resume, command, progress, executor, runs, charts);
    }
  }

  /**
   * What a sweep did.
   *
   * @param complete whether every run is done and the result folder written; false when it stopped early
   * @param resumedRuns runs taken from an earlier, interrupted go
   * @param ranNow runs made in this go
   * @param files the files written into {@code outDir}
   * @param baseWarnings the base scenario file's warnings, once for the whole sweep
   */
  public record Result(Path outDir, Path partialDir, String name, int runs, int resumedRuns, int ranNow,
                       boolean complete, double wallSeconds, List<String> files, String chartProblem,
                       List<Problem> baseWarnings) {
    /** Whether the charts were drawn; if not, {@link #chartProblem} says why (the data are complete either way). */
    public boolean chartsDrawn() {
      return chartProblem.isEmpty();
    }
  }

  /** Stops a sweep as a kill would (test hook). */
  private static final class Stop extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Stop() {
      super(null, null, false, false);
    }
  }

  /** The folder that holds a sweep in progress for the result folder {@code outDir}. */
  public static Path partialDir(Path outDir) {
    Path abs = outDir.toAbsolutePath().normalize();
    return abs.resolveSibling(abs.getFileName() + PARTIAL_SUFFIX);
  }

  /** Runs the sweep in {@code sweepFile}; bad input throws {@link InputException} before anything runs. */
  public Result run(Path sweepFile, Options options) throws InputException, IOException, InterruptedException {
    Instant started = Instant.now();
    long t0 = System.nanoTime();
    SweepPlan plan = SweepPlan.create(sweepFile);
    Path outDir;
    try {
      outDir = options.outDir() != null ? options.outDir()
          : ResultFolder.resolveInside(options.resultsRoot().resolve("sweeps"), plan.name());
    } catch (IllegalArgumentException e) {
      throw new InputException(List.of(new Problem(sweepFile.toString(), "name", 0, 0, e.getMessage())));
    }
    Optional<String> refused = OutputTarget.replaceFolder(outDir, OutputTarget.Kind.SWEEP_FOLDER);
    if (refused.isPresent()) throw InputException.at(OutputTarget.shown(outDir), refused.get());
    Path partial = partialDir(outDir);
    if (Journal.inUse(partial)) {
      throw InputException.at(partial.toString(), "another magflow sweep is writing here now; wait for it to"
          + " finish, or stop it and run again with --resume");
    }
    if (!Journal.mayHold(partial)) {
      throw InputException.at(partial.toString(), "is in the way: a sweep keeps its finished runs in the folder"
          + " " + partial.getFileName() + " next to its result folder, and this one holds other files; move it"
          + " or choose another output folder");
    }
    if (!options.resume() && Files.exists(partial.resolve(Journal.PLAN))) {
      throw InputException.at(partial.toString(), "an unfinished sweep (" + Journal.finishedRuns(partial)
          + " runs done) is kept here: run again with --resume to finish it, or delete this folder to start over");
    }
    RunExecutor executor = options.executor() != null ? options.executor()
        : new LocalRunExecutor(Math.max(1, options.threads()));
    String executorText = executor instanceof LocalRunExecutor local
        ? local.threads() + " thread" + (local.threads() == 1 ? "" : "s") : executor.toString();
    Journal journal;
    try {
      journal = Journal.open(partial, plan.fingerprint(), plan.runs(), plan.fan().cells(),
          SweepOutputs.header(plan));
    } catch (Journal.Unusable e) {
      throw InputException.at(partial.toString(), e.getMessage());
    }
    int runs = plan.runs();
    int resumed = journal.done();
    int[] missing = new int[runs - resumed];
    for (int run = 0, m = 0; run < runs; run++) if (!journal.isDone(run)) missing[m++] = run;
    Progress progress = options.progress();
    progress.started(runs, resumed, executorText);
    int cached = executor instanceof LocalRunExecutor local ? local.threads() + 1 : 2;
    SweepWorker worker = new SweepWorker(plan, cached);
    int[] ranNow = {0};
    boolean complete = false;
    try {
      executor.execute(missing.length, i -> plan.task(missing[i]), worker, result -> {
        journal.record(result, SweepOutputs.row(plan, result));
        ranNow[0]++;
        progress.advanced(journal.done(), runs);
        if (options.stopAfter() > 0 && ranNow[0] >= options.stopAfter() && journal.done() < runs) throw new Stop();
      });
      complete = true;
    } catch (Stop stop) {
      journal.close();
      progress.ended(journal.done(), runs, false);
      return new Result(outDir, partial, plan.name(), runs, resumed, ranNow[0], false,
          (System.nanoTime() - t0) / 1e9, List.of(), "", plan.baseWarnings());
    } catch (InputException e) {
      // A point of the design is invalid: the same point fails again on --resume, so the finished runs are of no
      // use; the sweep file must change, which starts the sweep over.
      progress.failed();
      journal.delete();
      throw e;
    } catch (IOException | RuntimeException | Error e) {
      journal.close();
      progress.ended(journal.done(), runs, false);
      throw e;
    } catch (InterruptedException e) {
      journal.close();
      throw e;
    } catch (Exception e) {
      journal.close();
      throw new IllegalStateException("a run failed: " + e, e);
    }
    progress.ended(journal.done(), runs, complete);
    List<String> files = new ArrayList<>();
    String[] chartProblem = {""};
    try {
      ResultFolder.replace(outDir, dir -> {
        files.addAll(SweepOutputs.write(plan, journal, dir,
            new SweepOutputs.Provenance(options.command(), started.truncatedTo(ChronoUnit.MILLIS).toString(),
                (System.nanoTime() - t0) / 1e9, executorText, resumed, MagflowVersion.current(),
                System.getProperty("java.version")), options.charts()));
        // The data are written: the charts are drawn from them into the same folder, before it is swapped in.
        if (options.charts()) chartProblem[0] = drawCharts(dir, outDir);
      });
    } catch (IOException | RuntimeException | Error e) {
      journal.close(); // the finished runs stay in the journal for --resume
      throw e;
    }
    journal.delete();
    return new Result(outDir, partial, plan.name(), runs, resumed, ranNow[0], true, (System.nanoTime() - t0) / 1e9,
        List.copyOf(files), chartProblem[0], plan.baseWarnings());
  }

  /**
   * Draws the sweep's charts from the files just written into {@code dir}. Charts are a view of the data, so a
   * chart that cannot be drawn (no fonts in a slim image, a bug in a chart) must not cost the sweep its results:
   * the problem goes into {@code charts/CHARTS-NOT-DRAWN.txt} and is returned, and the folder is swapped in all
   * the same; {@code magflow chart} can draw the charts later.
   *
   * @param outDir the result folder's final name, for the advice in the note
   * @return "" if every chart was drawn, else what went wrong, in a line
   */
  static String drawCharts(Path dir, Path outDir) {
    String problem = ChartWriter.renderingProblem().map(p -> p + ". " + ChartWriter.FONT_ADVICE).orElse("");
    if (problem.isEmpty()) {
      try {
        new ChartWriter().writeSweepCharts(dir);
        return "";
      } catch (IOException | RuntimeException | LinkageError | java.awt.AWTError e) {
        problem = e.getMessage() == null || e.getMessage().isBlank() ? e.toString() : e.getMessage();
        // The folder is written under a temporary name; the user will look for it under its own.
        problem = problem.replace(dir.toString(), outDir.toString());
      }
    }
    try {
      Path charts = Files.createDirectories(dir.resolve(ChartWriter.CHARTS_DIR));
      Files.writeString(charts.resolve(ChartWriter.NOT_DRAWN), "No charts: " + problem + "\nThe sweep's data are "
          + "complete. Draw the charts with: magflow chart " + outDir + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      // the note is a courtesy; the caller reports the problem either way
    }
    return problem;
  }
}
