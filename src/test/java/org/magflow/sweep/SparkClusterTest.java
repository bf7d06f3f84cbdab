package org.magflow.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code magflow sweep --backend spark} on a real Spark standalone cluster on the loopback address: a master and
 * two workers (one core each) as JVMs of their own, whose executors are JVMs again, and the driver as a
 * {@code magflow} process. The sweep's runs.csv, summary.csv and fan.csv must be byte-identical to the local
 * executor's: on the whole cluster; with a worker and its executor killed mid-sweep (Spark runs the lost tasks
 * again elsewhere); and after the driver is killed mid-sweep and the sweep resumed.
 *
 * <p>Without a Spark distribution, the workers build their executors' class path from an empty
 * {@code SPARK_HOME/jars} and {@code SPARK_DIST_CLASSPATH}, set to this test run's class path.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class SparkClusterTest {
  static final Path SWEEP = Path.of("src/test/resources/sweeps/spark-cluster.yaml").toAbsolutePath();
  static final int RUNS = 48;
  static final List<String> COMPARED = List.of("runs.csv", "summary.csv", "fan.csv");
  /** What Spark's own launcher gives its JVMs on JDK 17 and later: access to the JDK internals Spark uses. */
  static final List<String> SPARK_JVM_OPTIONS = List.of("-XX:+IgnoreUnrecognizedVMOptions",
      "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
      "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
      "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
      "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
      "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
      "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED", "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
      "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED", "-Djdk.reflect.useDirectMethodHandle=false");

  /**
   * The test's JVMs live for seconds: the client compiler alone starts them quicker and takes less of the
   * machine's two cores than the optimising one would.
   */
  static final String QUICK_START = "-XX:TieredStopAtLevel=1";

  @TempDir Path tmp;

  @Test
  void aSweepOnAStandaloneClusterMatchesTheLocalExecutorWholeWithAWorkerLostAndResumed() throws Exception {
    Path local = tmp.resolve("local");
    new SweepRunner().run(SWEEP, SweepRunner.Options.defaults().withOutDir(local).withThreads(2).withCharts(false));
    try (Cluster cluster = new Cluster(tmp.resolve("cluster"))) {
      cluster.start(2);

      Path whole = tmp.resolve("whole");
      assertEquals(0, cluster.sweep("whole", whole).waitFor(), () -> cluster.log("whole"));
      assertSameFiles(local, whole);
      assertTrue(Files.readString(whole.resolve("sweep.json")).contains("\"Spark on " + cluster.masterUrl() + "\""));
      assertEquals(2, cluster.executorsThatRanTasks(), "both workers' executors ran runs");

      Path lostWorker = tmp.resolve("lost-worker");
      Process driver = cluster.sweep("lost-worker", lostWorker);
      int doneAtKill = waitForRuns(lostWorker, driver);
      cluster.killWorker(1);
      assertEquals(0, driver.waitFor(), () -> cluster.log("lost-worker"));
      assertTrue(doneAtKill < RUNS, "the worker was killed mid-sweep, at " + doneAtKill + " runs");
      assertTrue(cluster.log("lost-worker").contains("Lost executor"), () -> cluster.log("lost-worker"));
      assertSameFiles(local, lostWorker);

      Path resumed = tmp.resolve("resumed");
      driver = cluster.sweep("killed-driver", resumed);
      waitForRuns(resumed, driver);
      driver.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no journal close
      int kept = Journal.finishedRuns(SweepRunner.partialDir(resumed));
      assertTrue(kept > 0 && kept < RUNS, "the driver was killed mid-sweep, " + kept + " runs kept");
      assertFalse(Files.exists(resumed), "no result folder before the sweep is done");
      assertEquals(0, cluster.sweep("resume", resumed, "--resume").waitFor(), () -> cluster.log("resume"));
      assertSameFiles(local, resumed);
      String provenance = Files.readString(resumed.resolve("sweep.json"));
      assertTrue(provenance.contains("\"resumedRuns\": " + kept + ","), provenance);
    }
  }

  @Test
  void withoutSparkOnTheClassPathTheSparkBackendSaysHowToRunItAndWritesNothing() throws Exception {
    for (List<String> command : List.of(List.of("sweep", SWEEP.toString()),
        List.of("calibrate", Path.of("scenarios/calibrations/april-2025.yaml").toAbsolutePath().toString()),
        List.of("optimize", Path.of("scenarios/optimisations/embargo-reserve.yaml").toAbsolutePath().toString()))) {
      Path out = tmp.resolve(command.get(0));
      Path log = tmp.resolve(command.get(0) + "-no-spark.log");
      List<String> args = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          QUICK_START, "-cp", classPathWithoutSpark(), "org.magflow.cli.MagflowCli"));
      args.addAll(command);
      args.addAll(List.of("--backend", "spark", "-o", out.toString()));
      Process p = new ProcessBuilder(args).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
      String printed = Files.readString(log);
      assertEquals(2, p.exitValue(), printed);
      assertTrue(printed.contains("Apache Spark is not on the class path") && printed.contains("spark-submit --class"
          + " org.magflow.cli.MagflowCli magflow.jar " + command.get(0) + " " + command.get(1)), printed);
      assertFalse(Files.exists(out));
      assertFalse(Files.exists(SweepRunner.partialDir(out)));
    }
  }

  /** Waits until the sweep has journaled some runs (a few tasks' worth), and returns how many. */
  private static int waitForRuns(Path outDir, Process driver) throws InterruptedException {
    Path partial = SweepRunner.partialDir(outDir);
    while (true) {
      int done = Files.exists(partial) ? Journal.finishedRuns(partial) : 0;
      if (done >= 6) return done;
      if (!driver.isAlive()) throw new AssertionError("the driver ended before any run was journaled");
      Thread.sleep(20);
    }
  }

  private static void assertSameFiles(Path expected, Path actual) throws IOException {
    for (String file : COMPARED) {
      assertArrayEquals(Files.readAllBytes(expected.resolve(file)), Files.readAllBytes(actual.resolve(file)),
          file + " differs from the local executor's");
    }
  }

  /** A Spark standalone master and workers on 127.0.0.1, and magflow drivers submitting to it. */
  static final class Cluster implements AutoCloseable {
    private final Path dir;
    private final List<Process> started = new ArrayList<>();
    private final List<Process> workers = new ArrayList<>();
    private final int masterPort;

    Cluster(Path dir) throws IOException {
      this.dir = Files.createDirectories(dir);
      this.masterPort = freePort();
    }

    String masterUrl() {
      return "spark://127.0.0.1:" + masterPort;
    }

    void start(int workerCount) throws Exception {
      Files.createDirectories(dir.resolve("spark-home/jars"));
      Process master = java("master", List.of("-Dspark.master.rest.enabled=false"),
          "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", "" + masterPort,
          "--webui-port", "" + freePort());
      awaitLog("master", master, "I have been elected leader");
      for (int w = 0; w < workerCount; w++) {
        Process worker = java("worker-" + w, List.of(), "org.apache.spark.deploy.worker.Worker", masterUrl(),
            "--cores", "1", "--memory", "1g", "--host", "127.0.0.1", "--webui-port", "" + freePort(),
            "--work-dir", Files.createDirectories(dir.resolve("work-" + w)).toString());
        workers.add(worker);
      }
      for (int w = 0; w < workerCount; w++) awaitLog("worker-" + w, workers.get(w), "Successfully registered");
    }

    /** Starts {@code magflow sweep} on the cluster, one run per Spark task. */
    Process sweep(String name, Path outDir, String... more) throws IOException {
      List<String> args = new ArrayList<>(List.of("org.magflow.cli.MagflowCli", "sweep", SWEEP.toString(),
          "--backend", "spark", "--master", masterUrl(), "-o", outDir.toString(), "--no-charts"));
      args.addAll(List.of(more));
      return java(name, List.of("-Xmx512m", "-Dspark.magflow.runsPerTask=1",
          "-Dspark.executor.extraJavaOptions=" + QUICK_START), args.toArray(String[]::new));
    }

    /** Kills a worker and its executor at once, as losing the machine would. */
    void killWorker(int w) throws InterruptedException {
      Process worker = workers.get(w);
      worker.descendants().forEach(ProcessHandle::destroyForcibly);
      worker.destroyForcibly().waitFor();
    }

    /** How many executors' logs show a finished task. */
    long executorsThatRanTasks() throws IOException {
      try (Stream<Path> files = Files.walk(dir)) {
        return files.filter(f -> f.getFileName().toString().equals("stderr") && f.toString().contains("work-"))
            .filter(f -> read(f).contains("Finished task")).count();
      }
    }

    private static String read(Path file) {
      try {
        return Files.readString(file);
      } catch (IOException e) {
        return "";
      }
    }

    String log(String name) {
      return read(dir.resolve(name + ".log"));
    }

    private Process java(String name, List<String> jvmOptions, String... mainAndArgs) throws IOException {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(SPARK_JVM_OPTIONS);
      command.add(QUICK_START);
      command.addAll(jvmOptions);
      command.add("-cp");
      command.add(classPath());
      command.addAll(Arrays.asList(mainAndArgs));
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(dir.resolve(name + ".log").toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      Map<String, String> env = builder.environment();
      env.put("SPARK_HOME", dir.resolve("spark-home").toString());
      env.put("SPARK_DIST_CLASSPATH", classPath());
      env.put("SPARK_SCALA_VERSION", "2.13");
      env.put("SPARK_LOCAL_IP", "127.0.0.1");
      env.put("SPARK_LOCAL_DIRS", dir.resolve("local").toString());
      env.remove("SPARK_CONF_DIR");
      Process process = builder.start();
      started.add(process);
      return process;
    }

    private void awaitLog(String name, Process process, String line) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!log(name).contains(line)) {
        if (!process.isAlive()) throw new AssertionError(name + " ended: " + log(name));
        if (System.nanoTime() > deadline) throw new AssertionError(name + " did not start: " + log(name));
        Thread.sleep(50);
      }
    }

    @Override
    public void close() throws InterruptedException {
      for (Process p : started) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
      }
      for (Process p : started) p.waitFor(10, TimeUnit.SECONDS);
    }

    static String classPath() {
      String surefire = System.getProperty("surefire.test.class.path");
      return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    private static int freePort() throws IOException {
      try (ServerSocket socket = new ServerSocket(0)) {
        return socket.getLocalPort();
      }
    }
  }

  /** Keeps only the class path entries that are not Spark's, for {@code magflow.jar}'s view of the world. */
  static String classPathWithoutSpark() {
    return Arrays.stream(Cluster.classPath().split(File.pathSeparator))
        .filter(entry -> !entry.contains("/org/apache/spark/")).collect(Collectors.joining(File.pathSeparator));
  }
}
