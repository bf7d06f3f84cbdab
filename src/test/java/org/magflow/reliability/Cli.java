package org.magflow.reliability;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.magflow.cli.MagflowCli;
import picocli.CommandLine;

/** Runs {@code magflow} in this JVM, as CliTest does, and looks at what it left on disk. */
final class Cli {
  private Cli() {}

  /** What one command printed and returned. */
  record Outcome(int exitCode, String out, String err) {
    List<String> errLines() {
      return err.replace("\r\n", "\n").lines().toList();
    }
  }

  static Outcome magflow(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = MagflowCli.commandLine();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    int code = cmd.execute(args);
    return new Outcome(code, out.toString(), err.toString());
  }

  /** Every path under {@code dir} (files and folders, hidden ones too), relative to it, sorted. */
  static List<String> tree(Path dir) throws IOException {
    if (!Files.exists(dir)) return List.of();
    List<String> paths = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.filter(p -> !p.equals(dir)).forEach(p -> paths.add(dir.relativize(p).toString().replace('\\', '/')));
    }
    paths.sort(null);
    return paths;
  }

  /** Whether a text holds a Java stack trace or an exception's class name. */
  static boolean hasStackTrace(String text) {
    return text.contains("\tat ") || text.contains("Exception") || text.contains("java.lang.");
  }
}
