package org.magflow.sweep;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every sweep shipped in scenarios/sweeps/ plans: its paths exist in its base and its values fit. */
class ShippedSweepsTest {

  static Stream<Path> shippedSweeps() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("scenarios", "sweeps"))) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("shippedSweeps")
  void shippedSweep_plans(Path file) throws Exception {
    SweepPlan plan = SweepPlan.create(file);
    assertTrue(plan.runs() > 0);
    assertTrue(Files.readString(file).startsWith("#"), file + " starts with a header comment");
  }
}
