package org.magflow.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Sweep files for tests, written next to nothing: their base is the tiny test scenario, by absolute path. */
final class Sweeps {
  static final Path TINY = Path.of("src/test/resources/scenarios/tiny.yaml").toAbsolutePath();

  private Sweeps() {}

  /** Writes {@code body} after a {@code base:} line naming the tiny scenario; returns the file. */
  static Path write(Path dir, String name, String body) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, "base: " + TINY + "\n" + body);
    return file;
  }

  /** A grid over the tiny scenario's throttle: 3 cuts × 2 durations × 2 replications = 12 runs. */
  static Path grid(Path dir) throws IOException {
    return write(dir, "grid.yaml", """
        design: grid
        replications: 2
        seed: 11
        parameters:
          - name: cut
            path: policies[name=reo-throttle].cut
            values: [0.2, 0.6, 1]
          - name: months
            path: policies[name=reo-throttle].end
            monthsAfter: policies[name=reo-throttle].start
            range: {from: 2, to: 8, step: 6}
        """);
  }
}
