package org.magflow.reliability;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code magflow} in a separate JVM on this test run's class path, so a test can kill it (SIGTERM,
 * SIGKILL) or run it under another JDK. Output goes to files in the test's folder, not to pipes, so a
 * killed child cannot block on a full pipe.
 */
final class ChildJvm {
  private ChildJvm() {}

  /** The java launcher of the JVM running the tests. */
  static Path currentJava() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  /** The class path of this test run: magflow's classes and its dependencies. */
  static String classPath() {
    // surefire puts the real class path here; java.class.path may be a manifest-only booter jar
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
  }

  /**
   * Starts {@code java [jvmArgs] -cp CLASSPATH org.magflow.cli.MagflowCli args}, with stdout and stderr going to
   * {@code logs/<name>.out} and {@code .err} under {@code logDir}.
   */
  static Process start(Path java, Path logDir, String name, List<String> jvmArgs, String... args) throws IOException {
    return start(java, Path.of(""), logDir, name, jvmArgs, args);
  }

  /** As {@link #start(Path, Path, String, List, String...)}, in the working folder {@code workingDir}. */
  static Process start(Path java, Path workingDir, Path logDir, String name, List<String> jvmArgs, String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(classPath());
    command.add("org.magflow.cli.MagflowCli");
    command.addAll(List.of(args));
    Files.createDirectories(logDir);
    return new ProcessBuilder(command).directory(workingDir.toAbsolutePath().toFile()).redirectOutput(logDir.resolve(name + ".out").toFile())
        .redirectError(logDir.resolve(name + ".err").toFile()).redirectInput(ProcessBuilder.Redirect.from(
            new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null"))).start();
  }

  /** Runs to the end (at most {@code timeoutSeconds}) and returns the exit code. */
  static int run(Path java, Path logDir, String name, List<String> jvmArgs, long timeoutSeconds, String... args)
      throws IOException, InterruptedException {
    Process p = start(java, logDir, name, jvmArgs, args);
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      throw new AssertionError(name + " did not finish in " + timeoutSeconds + " s: " + log(logDir, name));
    }
    return p.exitValue();
  }

  /** What a child printed, for failure messages. */
  static String log(Path logDir, String name) {
    try {
      return "stdout: " + Files.readString(logDir.resolve(name + ".out")) + "\nstderr: "
          + Files.readString(logDir.resolve(name + ".err"));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }
}
