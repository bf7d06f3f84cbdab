package org.magflow.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The main class of {@code target/benchmarks.jar}: runs the JMH benchmarks (any JMH option may be given),
 * times {@code magflow run} as a whole process, and writes the raw results and a summary table.
 *
 * <pre>
 *   java -jar target/benchmarks.jar                 # everything, with -prof gc and CpuProfiler
 *   java -jar target/benchmarks.jar MM1Bench -f 1   # a subset; any JMH option works
 * </pre>
 *
 * <p>Writes {@code results/bench/jmh-result.json} (unless {@code -rff} names another file) and
 * {@code results/bench/summary.md}, the table of medians and peer ratios the README's Performance section
 * shows, with each target marked met or missed. Run it from the project root: the model benchmarks read
 * {@code scenarios/baseline.yaml}, and the process timing runs {@code target/magflow.jar} (skipped if that jar
 * is missing, or with {@code -Dbench.process=false}). {@code -h} and {@code -l} behave as in JMH.
 */
public final class RunBenchmarks {
  private static final Path OUT = Path.of("results", "bench");
  private static final Path PRODUCT_JAR = Path.of("target", "magflow.jar");
  private static final int PROCESS_RUNS = 5;

  private RunBenchmarks() {}

  public static void main(String[] args) throws Exception {
    List<String> a = Arrays.asList(args);
    if (a.contains("-h") || a.contains("-l") || a.contains("-lp") || a.contains("-lprof") || a.contains("-lrf")) {
      org.openjdk.jmh.Main.main(args);
      return;
    }
    CommandLineOptions cmd = new CommandLineOptions(args);
    Files.createDirectories(OUT);
    ChainedOptionsBuilder options = new OptionsBuilder().parent(cmd);
    if (cmd.getResult().hasValue() == false) options.result(OUT.resolve("jmh-result.json").toString());
    if (cmd.getResultFormat().hasValue() == false) options.resultFormat(ResultFormatType.JSON);
    if (cmd.getProfilers().isEmpty()) options.addProfiler(GCProfiler.class).addProfiler(CpuProfiler.class);
    String loadBefore = loadAverage();
    Collection<RunResult> results = new Runner(options.build()).run();
    String load = loadBefore + " before, " + loadAverage() + " after";

    double[] process = Boolean.parseBoolean(System.getProperty("bench.process", "true")) ? timeProcess() : null;
    String summary = new Summary(results, process, load).render();
    Files.writeString(OUT.resolve("summary.md"), summary);
    System.out.println();
    System.out.println(summary);
    System.out.println("Wrote " + OUT.resolve("summary.md"));
  }

  /** The 1, 5 and 15-minute load averages, or "unknown". */
  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " / " + f[1] + " / " + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  /** Wall seconds of {@code java -jar target/magflow.jar run scenarios/baseline.yaml}, after one unmeasured run. */
  private static double[] timeProcess() throws IOException, InterruptedException {
    if (!Files.isRegularFile(PRODUCT_JAR)) {
      System.out.println("No " + PRODUCT_JAR + ": build it with ./mvnw -q package -DskipTests to time the process.");
      return null;
    }
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path tmp = Files.createTempDirectory("magflow-process-");
    try {
      double[] seconds = new double[PROCESS_RUNS];
      for (int i = -1; i < PROCESS_RUNS; i++) {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(java.toString(), "-jar", PRODUCT_JAR.toString(), "run", Specs.BASELINE_FILE,
            "-o", tmp.resolve("baseline").toString()).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
          p.destroyForcibly();
          throw new IllegalStateException("magflow run failed or took over 60 s");
        }
        if (i >= 0) seconds[i] = (System.nanoTime() - t0) / 1e9;
      }
      return seconds;
    } finally {
      try (Stream<Path> paths = Files.walk(tmp)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
      }
    }
  }

  /** The summary table, from the results that were run; a missing benchmark leaves its rows out. */
  static final class Summary {
    private static final String[] ENGINES = {"magflow", "ssj", "mason", "arrayHeap"};
    private static final String[] PENDING = {"10", "1000", "100000", "1000000"};
    private final Collection<RunResult> results;
    private final double[] process;
    private final String load;
    private final StringBuilder out = new StringBuilder();

    Summary(Collection<RunResult> results, double[] process, String load) {
      this.results = results;
      this.process = process;
      this.load = load;
    }

    String render() {
      machine();
      kernel();
      model();
      return out.toString();
    }

    private void machine() {
      line("Machine: %d cores, %s, %.0f GiB; %s %s. Load average (1 / 5 / 15 min): %s.",
          Runtime.getRuntime().availableProcessors(), cpu(), memoryGiB(), System.getProperty("java.vm.name"),
          System.getProperty("java.version"), load);
      line("Medians over the JMH measurement iterations, one fork each: wall time, and in brackets CPU time "
          + "(the benchmark thread's CPU time plus GC pauses, per operation: what a quiet machine's wall time would "
          + "be, and the steadier figure when others share the machine; ratios and targets use it).");
      line("");
    }

    private void kernel() {
      if (find("MM1Bench.mm1", "engine", "magflow") == null && find("HoldBench.hold", "engine", "magflow") == null) {
        return;
      }
      line("| kernel, ns per event | magflow | SSJ 3.3.2 | MASON 14 | array heap | SSJ / magflow | MASON / magflow "
          + "| magflow / array heap | targets: SSJ/magflow >= 3, magflow/heap <= 1.5 |");
      line("|---|---|---|---|---|---|---|---|---|");
      kernelRow("M/M/1, 10^6 customers", "MM1Bench.mm1", null, true);
      for (String n : PENDING) {
        kernelRow("hold, N = " + pow10(n), "HoldBench.hold", n, Integer.parseInt(n) <= 100_000);
      }
      line("");
    }

    private void kernelRow(String label, String bench, String pending, boolean targeted) {
      double[] wall = new double[ENGINES.length];
      double[] cpu = new double[ENGINES.length];
      for (int i = 0; i < ENGINES.length; i++) {
        RunResult r = pending == null ? find(bench, "engine", ENGINES[i]) : find(bench, "engine", ENGINES[i],
            "pending", pending);
        wall[i] = r == null ? Double.NaN : median(r);
        cpu[i] = r == null ? Double.NaN : cpuMedian(r);
      }
      if (Double.isNaN(wall[0])) return;
      double[] basis = Double.isNaN(cpu[0]) ? wall : cpu;
      double ssj = basis[1] / basis[0];
      double mason = basis[2] / basis[0];
      double heap = basis[0] / basis[3];
      String verdict = (targeted ? "SSJ " + verdict(ssj >= 3, ssj) : "SSJ not targeted (N > 10^5)") + ", heap "
          + verdict(heap <= 1.5, heap);
      line("| %s | %s | %s | %s | %s | %s | %s | %s | %s |", label, both(wall[0], cpu[0]), both(wall[1], cpu[1]),
          both(wall[2], cpu[2]), both(wall[3], cpu[3]), ratio(ssj), ratio(mason), ratio(heap), verdict);
    }

    private static String verdict(boolean met, double ratio) {
      return Double.isNaN(ratio) ? "not measured" : met ? "met" : "missed";
    }

    private static String both(double wall, double cpu) {
      return Double.isNaN(cpu) ? f1(wall) : f1(wall) + " (" + f1(cpu) + ")";
    }

    private void model() {
      List<String> rows = new ArrayList<>();
      RunResult base = find("ScenarioBench.simulate", "scenario", "baseline");
      RunResult lng = find("ScenarioBench.simulate", "scenario", "long-horizon");
      RunResult kpiRows = find("ScenarioBench.simulate", "scenario", "baseline-kpi-rows");
      if (base != null) {
        rows.add(row("one baseline run, 2025-2030 (simulate, after warm-up)", ms(base) + alloc(base),
            "< 10 ms: " + (basis(base) < 10 ? "met" : "missed")));
      }
      if (kpiRows != null) {
        rows.add(row("one baseline run reporting only the rows its KPIs read (as in a sweep)",
            ms(kpiRows) + alloc(kpiRows), ""));
      }
      if (lng != null) {
        rows.add(row("one long run, 2025-2045", ms(lng) + alloc(lng), ""));
      }
      RunResult job = find("JobBench.runJob");
      if (job != null) {
        double cpu = secondaryMedian(job, "cpu.process.norm");
        rows.add(row("baseline `magflow run` in a warm JVM (load, run, KPIs, files, charts)",
            String.format(Locale.ROOT, "%.0f ms", median(job)), Double.isNaN(cpu) ? ""
                : String.format(Locale.ROOT, "%.0f ms CPU, all threads (charts draw in parallel)", cpu)));
      }
      if (process != null) {
        double[] sorted = process.clone();
        Arrays.sort(sorted);
        double med = sorted[sorted.length / 2];
        rows.add(row("`java -jar target/magflow.jar run scenarios/baseline.yaml`, whole process (" + PROCESS_RUNS
            + " runs)", String.format(Locale.ROOT, "%.2f s", med), "< 3 s: " + (med < 3 ? "met" : "missed")));
      }
      double perYear1 = Double.NaN;
      for (String y : new String[] {"1", "5", "10", "20"}) {
        RunResult r = find("ScalingBench.horizon", "years", y);
        if (r == null) continue;
        int simulated = Integer.parseInt(y) + 1; // and the baseline's one-year warm-up
        double perYear = basis(r) / simulated;
        if (Double.isNaN(perYear1)) perYear1 = perYear;
        rows.add(row("horizon " + y + " year" + (y.equals("1") ? "" : "s") + " (baseline from 2025)", ms(r),
            String.format(Locale.ROOT, "%.2f ms per simulated year, warm-up year included (%.2f× the first)",
                perYear, perYear / perYear1)));
      }
      double perAgent1 = Double.NaN;
      for (String k : new String[] {"1", "4", "16"}) {
        RunResult r = find("ScalingBench.agents", "cast", k);
        if (r == null) continue;
        double perK = basis(r) / Integer.parseInt(k);
        if (Double.isNaN(perAgent1)) perAgent1 = perK;
        rows.add(row("cast ×" + k + " (2025-2030)", ms(r),
            String.format(Locale.ROOT, "%.2f ms per baseline cast (%.2f× the first)", perK, perK / perAgent1)));
      }
      for (String bench : new String[] {"sweep", "simulateOnly"}) {
        double one = Double.NaN;
        for (String t : new String[] {"1", "2"}) {
          RunResult r = find("SweepBench." + bench, "threads", t);
          if (r == null) continue;
          double runsPerSecond = 1 / median(r);
          if (Double.isNaN(one)) one = runsPerSecond;
          double cpu = secondaryMedian(r, "cpu.process.norm");
          String note = (Double.isNaN(cpu) ? "" : String.format(Locale.ROOT, "%.1f ms CPU per run", cpu * 1000))
              + (t.equals("2") ? String.format(Locale.ROOT, "; %.2f× one thread; >= 200 runs/s: %s",
                  runsPerSecond / one, runsPerSecond >= 200 ? "met" : "missed") : "");
          String what = bench.equals("sweep")
              ? "`magflow sweep scenarios/sweeps/baseline-monte-carlo.yaml` (1,000 runs, in process), "
              : "1,000 `ScenarioRun.simulate` calls on a thread pool, ";
          rows.add(row(what + t + " thread" + (t.equals("1") ? "" : "s"),
              String.format(Locale.ROOT, "%.0f runs/s", runsPerSecond), note));
        }
      }
      if (rows.isEmpty()) return;
      line("| model benchmark | median | note |");
      line("|---|---|---|");
      rows.forEach(this::line);
    }

    private static String row(String what, String value, String note) {
      return "| " + what + " | " + value + " | " + note + " |";
    }

    private String alloc(RunResult r) {
      for (var e : r.getSecondaryResults().entrySet()) {
        if (e.getKey().endsWith("gc.alloc.rate.norm")) {
          Result<?> a = e.getValue();
          return String.format(Locale.ROOT, ", %.1f MB allocated", a.getStatistics().getPercentile(50) / 1e6);
        }
      }
      return "";
    }

    /** The result of a benchmark whose name ends with {@code bench} and whose params match the pairs. */
    private RunResult find(String bench, String... params) {
      outer:
      for (RunResult r : results) {
        if (!r.getParams().getBenchmark().endsWith("." + bench)) continue;
        for (int i = 0; i < params.length; i += 2) {
          if (!params[i + 1].equals(r.getParams().getParam(params[i]))) continue outer;
        }
        return r;
      }
      return null;
    }

    private static double median(RunResult r) {
      return r.getPrimaryResult().getStatistics().getPercentile(50);
    }

    /** The figure ratios use: CPU time if measured, else wall time. */
    private static double basis(RunResult r) {
      double cpu = cpuMedian(r);
      return Double.isNaN(cpu) ? median(r) : cpu;
    }

    private static double cpuMedian(RunResult r) {
      return secondaryMedian(r, "cpu.time.norm");
    }

    private static double secondaryMedian(RunResult r, String label) {
      Result<?> result = r.getSecondaryResults().get(label);
      return result == null ? Double.NaN : result.getStatistics().getPercentile(50);
    }

    private static String ms(RunResult r) {
      double cpu = cpuMedian(r);
      return String.format(Locale.ROOT, "%.2f ms", median(r))
          + (Double.isNaN(cpu) ? "" : String.format(Locale.ROOT, " (%.2f)", cpu));
    }

    private static String f1(double v) {
      return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String ratio(double v) {
      return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.2f×", v);
    }

    private static String pow10(String n) {
      int zeros = n.length() - 1;
      return n.equals("10") ? "10" : "10^" + zeros;
    }

    private static String cpu() {
      try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
        return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
            .findFirst().orElse(System.getProperty("os.arch"));
      } catch (IOException | RuntimeException e) {
        return System.getProperty("os.arch");
      }
    }

    private static double memoryGiB() {
      var os = ManagementFactory.getOperatingSystemMXBean();
      if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
        return sun.getTotalMemorySize() / (double) (1L << 30);
      }
      return Double.NaN;
    }

    private void line(String format, Object... args) {
      out.append(args.length == 0 ? format : String.format(Locale.ROOT, format, args)).append('\n');
    }
  }
}
