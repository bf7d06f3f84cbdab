package org.magflow.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magflow.event.Metrics;
import org.magflow.event.Observation;
import org.magflow.event.PolicyChange;
import org.magflow.event.SimEvent;
import org.magflow.random.RandomStreams;

/**
 * Keeps the worked example of src/docs/ARCHITECTURE.md honest: {@link ExportBanSpec}, registered with one line, loads,
 * validates, runs and stops the trade it should, and the document shows its code as it is.
 */
class AddAPolicyFamilyTest {
  private static final Path TINY = Path.of("src/test/resources/scenarios/tiny.yaml").toAbsolutePath();
  private static final Path ARCHITECTURE = Path.of("src/docs/ARCHITECTURE.md");
  private static final LocalDate BAN_START = LocalDate.of(2025, 6, 1);

  /** The registry line of the example. */
  private static final PolicyFamilies FAMILIES = PolicyFamilies.SHIPPED.with("export-ban", ExportBanSpec.class);

  @TempDir Path dir;

  private Path scenario(String policy) throws IOException {
    Path file = dir.resolve("export-ban.yaml");
    Files.writeString(file, "extends: " + TINY + "\nname: export-ban\npolicies:\n" + policy);
    return file;
  }

  private static List<SimEvent> run(ScenarioSpec spec) {
    List<SimEvent> events = new ArrayList<>();
    new ModelBuilder(FAMILIES).build(spec, new RandomStreams(spec.seed(), 0)).run(events::add);
    return events;
  }

  /** Tonnes of concentrate shipped from China to the US in the days {@code from} (inclusive) to {@code to}. */
  private static double reoShippedToUs(List<SimEvent> events, LocalDate from, LocalDate to) {
    double tonnes = 0;
    for (SimEvent e : events) {
      if (e instanceof Observation o && o.metric().equals(Metrics.SHIPPED) && o.region().equals("CN")
          && o.partner().equals("US") && o.commodity().equals("reo") && !o.date().isBefore(from)
          && o.date().isBefore(to)) {
        tonnes += o.value();
      }
    }
    return tonnes;
  }

  @Test
  void theExampleFamily_loadsWithItsDefaults_andStopsTheTradeItBans() throws IOException {
    LoadResult loaded = new ScenarioLoader(FAMILIES).load(scenario("""
          - name: stop-reo
            type: export-ban
            start: 2025-06-01
            exporter: CN
            commodities: [reo]
        """));
    assertEquals(List.of(), loaded.problems());
    ScenarioSpec spec = loaded.scenario();
    assertEquals(new ExportBanSpec("stop-reo", null, BAN_START, null, "CN", List.of("reo"), ""), spec.policies().get(1));

    List<SimEvent> banned = run(spec);
    assertTrue(banned.contains(new PolicyChange(BAN_START, "stop-reo", "export-ban", true)));
    LocalDate end = spec.end();
    assertTrue(reoShippedToUs(banned, spec.start(), BAN_START) > 0, "trade before the ban");
    assertEquals(0.0, reoShippedToUs(banned, BAN_START.plusMonths(1), end), "trade under the ban");
    List<SimEvent> free = run(spec.withPolicies(spec.policies().subList(0, 1)));
    assertTrue(reoShippedToUs(free, BAN_START.plusMonths(1), end) > 0, "the same months without the ban trade");
  }

  @Test
  void theExampleFamily_reportsBadInputWithItsPathAndLine() throws IOException {
    LoadResult loaded = new ScenarioLoader(FAMILIES).load(scenario("""
          - name: stop-reo
            type: export-ban
            start: 2025-06-01
            exporter: XX
        """));
    assertEquals(1, loaded.problems().size(), loaded.problems().toString());
    Problem p = loaded.problems().get(0);
    assertEquals("policies[0].exporter", p.path());
    assertEquals(7, p.line());
    assertTrue(p.message().startsWith("unknown region 'XX'"), p.message());
  }

  @Test
  void withoutItsRegistryLine_theTypeIsUnknown() throws IOException {
    LoadResult loaded = new ScenarioLoader().load(scenario("""
          - name: stop-reo
            type: export-ban
            start: 2025-06-01
            exporter: CN
        """));
    assertTrue(loaded.problems().get(0).message().startsWith("unknown policy type 'export-ban'"),
        loaded.problems().toString());
  }

  @Test
  void theDocument_showsTheExampleAsItIs() throws IOException {
    String source = Files.readString(Path.of("src/test/java/org/magflow/scenario/ExportBanSpec.java"));
    String record = source.substring(source.indexOf("public record ExportBanSpec"));
    assertTrue(Files.readString(ARCHITECTURE).contains(record),
        ARCHITECTURE + " must show ExportBanSpec's record as it is in the test sources");
    assertTrue(Files.readString(ARCHITECTURE).contains("PolicyFamilies.SHIPPED.with(\"export-ban\", ExportBanSpec.class)"));
  }
}
