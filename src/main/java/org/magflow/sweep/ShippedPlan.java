package org.magflow.sweep;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.magflow.output.ResultFolder;

/**
 * A plan as shipped to another machine: the file's bytes (a sweep, a calibration or an optimisation) and its
 * base scenario as resolved ({@code extends} merged, defaults filled in), so the machine needs none of the
 * user's files. It plans the file again from them, in a temporary folder, and checks that it resolved the same
 * base scenario. The file's own fields (a calibration's series, say) are not read again: they were checked where
 * the study started, and what a worker needs of them travels in its recipe.
 *
 * <p>Equal when the bytes are: the batches of one search ship equal plans, which a distributed executor builds
 * once per machine ({@link RunWorker.BatchRecipe}).
 *
 * @param kind the file's kind, as {@link SweepFile.Dialect#kind()}
 * @param fields the top-level fields its dialect allows
 * @param fileName the file's name (a sweep without {@code name} is named after it)
 * @param file the file's bytes, as the driver read them
 * @param resolvedBase the base scenario as resolved, as JSON
 * @param resolvedSha256 the driver's hash of the resolved base, which the rebuilt plan must match
 */
public record ShippedPlan(String kind, List<String> fields, String fileName, byte[] file, String resolvedBase,
                          String resolvedSha256) implements RunWorker.Shared<SweepPlan> {
  private static final long serialVersionUID = 1L;

  /** Plans the file again here. */
  @Override
  public SweepPlan build() throws Exception {
    Path dir = Files.createTempDirectory("magflow-sweep-");
    try {
      Path copy = Files.write(dir.resolve(fileName), file);
      Path base = Files.writeString(dir.resolve("base.json"), resolvedBase, StandardCharsets.UTF_8);
      SweepFile.Dialect dialect = kind.equals(SweepFile.Dialect.SWEEP.kind()) ? SweepFile.Dialect.SWEEP
          : new SweepFile.Dialect(kind, fields, (root, problem) -> { });
      SweepPlan plan = SweepPlan.create(copy, dialect, base);
      if (!plan.resolvedSha256().equals(resolvedSha256)) {
        throw new IllegalStateException("the base scenario resolved differently here than where the " + kind
            + " was started; is this the same magflow version?");
      }
      return plan;
    } finally {
      ResultFolder.deleteRecursively(dir);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ShippedPlan p && kind.equals(p.kind) && fields.equals(p.fields) && fileName.equals(p.fileName)
        && Arrays.equals(file, p.file) && resolvedBase.equals(p.resolvedBase) && resolvedSha256.equals(p.resolvedSha256);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, fileName, resolvedSha256, Arrays.hashCode(file));
  }

  @Override
  public String toString() {
    return "ShippedPlan[" + kind + " " + fileName + ", base " + resolvedSha256 + "]";
  }
}
