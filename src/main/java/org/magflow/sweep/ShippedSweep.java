package org.magflow.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A sweep's worker as shipped to another machine: the sweep file's bytes and its base scenario as resolved
 * ({@code extends} merged, defaults filled in), so the machine needs none of the user's files. It plans the
 * sweep again from them, in a temporary folder, and checks that it resolved the same base scenario.
 *
 * @param fileName the sweep file's name (a sweep without {@code name} is named after it)
 * @param sweepFile the sweep file's bytes, as the driver read them
 * @param resolvedBase the base scenario as resolved, as JSON
 * @param resolvedSha256 the driver's hash of the resolved base, which the rebuilt plan must match
 * @param cachedCounterfactuals how many counterfactual runs the worker keeps for reuse
 */
record ShippedSweep(String fileName, byte[] sweepFile, String resolvedBase, String resolvedSha256,
                    int cachedCounterfactuals) implements RunWorker.Recipe {
  private static final long serialVersionUID = 1L;

  static ShippedSweep of(SweepPlan plan, int cachedCounterfactuals) {
    return new ShippedSweep(plan.spec().file().getFileName().toString(), plan.sweepFileBytes(),
        plan.resolvedBaseJson(), plan.resolvedSha256(), cachedCounterfactuals);
  }

  @Override
  public RunWorker build() throws Exception {
    Path dir = Files.createTempDirectory("magflow-sweep-");
    try {
      Path file = Files.write(dir.resolve(fileName), sweepFile);
      Path base = Files.writeString(dir.resolve("base.json"), resolvedBase, StandardCharsets.UTF_8);
      SweepPlan plan = SweepPlan.create(file, SweepFile.Dialect.SWEEP, base);
      if (!plan.resolvedSha256().equals(resolvedSha256)) {
        throw new IllegalStateException("the base scenario resolved differently here than where the sweep was"
            + " started; is this the same magflow version?");
      }
      return new SweepWorker(plan, cachedCounterfactuals);
    } finally {
      deleteTree(dir);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }
}
