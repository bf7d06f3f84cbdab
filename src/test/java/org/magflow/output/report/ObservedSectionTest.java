package org.magflow.output.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magflow.backtest.Backtest;
import org.magflow.event.Metrics;
import org.magflow.output.chart.ResultData;
import org.magflow.run.RunJob;
import org.magflow.sweep.ScenarioOverrides;

/**
 * A run's briefing against observed data: the episodes beside its scenario file that name it and that its months
 * cover, compared with the run's own rows. tiny.yaml (a mine in China, a magnet maker in the US) is copied into
 * a folder with an episodes/ folder of its own.
 */
class ObservedSectionTest {
  @TempDir static Path tmp;
  static Path world;

  @BeforeAll
  static void aScenarioWithEpisodes() throws Exception {
    world = tmp.resolve("world");
    Files.createDirectories(world.resolve("episodes"));
    Files.copy(Path.of("src/test/resources/scenarios/tiny.yaml"), world.resolve("tiny.yaml"));
    Files.writeString(world.resolve("other.yaml"), Files.readString(world.resolve("tiny.yaml")));
    Files.writeString(world.resolve("exports.csv"), """
        date,metric,agent,region,partner,commodity,sector,value,unit,source
        2025-03-31,shipped,,CN,US,reo,,40,t,made up for the test
        2025-04-30,shipped,,CN,US,reo,,50,t,made up for the test
        2025-05-31,shipped,,CN,US,reo,,45,t,made up for the test
        """);
    Files.writeString(world.resolve("episodes/spring.yaml"), episode("../tiny.yaml", "2025-03", "2025-05"));
    Files.writeString(world.resolve("episodes/of-another.yaml"), episode("../other.yaml", "2025-03", "2025-05"));
    Files.writeString(world.resolve("episodes/broken.yaml"), "scenario: ../tiny.yaml\nseries: [\n");
  }

  private static String episode(String scenario, String from, String to) {
    return "description: China's concentrate exports to the US\nscenario: " + scenario
        + "\nobserved: ../exports.csv\nfrom: " + from + "\nto: " + to + "\nseries:\n"
        + "  - name: cn-reo-to-us\n    observed: {metric: shipped, region: CN, partner: US, commodity: reo}\n";
  }

  private static ResultData run(String file, String end) throws Exception {
    Path out = tmp.resolve("runs").resolve(file + "-" + end);
    new RunJob(ScenarioOverrides::apply).run(new RunJob.Request(world.resolve(file), out, tmp, 42L, "test",
        List.of("end=" + end), false));
    return ResultData.load(out);
  }

  private static String section(String html) {
    int at = html.indexOf("Against observed data");
    return at < 0 ? "" : html.substring(at, html.indexOf("</section>", at));
  }

  @Test
  void aRunOfTheEpisodesScenario_isSetAgainstTheObservationsForItsOwnRows() throws Exception {
    ResultData d = run("tiny.yaml", "2025-12-31");
    String s = section(new BriefingReport(Backtest::against).render(List.of(d)));
    assertTrue(s.contains("<h3>spring: China&#39;s concentrate exports to the US</h3>"), s);
    assertTrue(s.contains("data-chart=\"backtest-spring\""), s);
    // April's row: the run's own CN -> US concentrate shipments against the observed 50 t
    double april = d.rows(Metrics.SHIPPED).stream().filter(o -> o.region().equals("CN") && o.partner().equals("US")
        && o.commodity().equals("reo") && o.date().equals(LocalDate.of(2025, 4, 30))).mapToDouble(o -> o.value()).sum();
    String shown = april >= 100 ? String.format(Locale.UK, "%,.0f", april) : String.format(Locale.UK, "%,.1f", april);
    assertTrue(s.contains("<tr><td>2025-04</td><td class=\"n\">" + shown + "</td><td class=\"n\">50.0</td>"), s);
    // only the episode that names this scenario; the unreadable one is named, not fatal
    assertFalse(s.contains("of-another"), s);
    assertTrue(s.contains("An episode file could not be read, so it is left out: broken.yaml: "), s);
    assertEquals(1, s.split("<figure", -1).length - 1, "one chart: one episode");
  }

  @Test
  void theShippedSqueeze_atTheEpisodesSeed_showsWhatMagflowBacktestShows() throws Exception {
    Path out = tmp.resolve("squeeze");
    new RunJob(ScenarioOverrides::apply).run(new RunJob.Request(Path.of("scenarios/september-2025-us-squeeze.yaml"),
        out, tmp, 42L, "test", List.of("end=2025-12-31"), false));
    String s = section(new BriefingReport(Backtest::against).render(List.of(ResultData.load(out))));
    String backtest = Backtest.tables(Path.of("scenarios/episodes/september-2025-us-squeeze.yaml"));
    String september = backtest.lines().filter(l -> l.startsWith("| 2025-09 |")).findFirst().orElseThrow();
    String[] cells = september.substring(2, september.length() - 2).split(" \\| ", -1);
    StringBuilder row = new StringBuilder("<tr><td>2025-09</td>");
    for (int c = 1; c < cells.length; c++) row.append("<td class=\"n\">").append(cells[c]).append("</td>");
    assertTrue(s.contains(row + "</tr>"), row + " in " + s);
  }

  @Test
  void aRunThatEndsBeforeTheEpisode_orOfAScenarioWithoutEpisodes_hasNoSuchSection() throws Exception {
    // tiny.yaml ending in April does not cover May: its episode is left out (the broken file is still named)
    String early = section(new BriefingReport(Backtest::against).render(List.of(run("tiny.yaml", "2025-04-30"))));
    assertFalse(early.contains("spring"), early);
    // the shipped baseline has no episodes naming it
    Path out = tmp.resolve("baseline");
    new RunJob(ScenarioOverrides::apply).run(new RunJob.Request(Path.of("scenarios/baseline.yaml"), out, tmp, 42L,
        "test", List.of("end=2025-06-30"), false));
    assertEquals("", section(new BriefingReport(Backtest::against).render(List.of(ResultData.load(out)))));
  }
}
