package org.magflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.magflow.cli.SweepCommandTest.magflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code magflow backtest} as a user meets it: the shipped April episode, and bad input. */
class BacktestCommandTest {
  @Test
  void theAprilEpisode_findsTheMayTroughAndWritesItsTables(@TempDir Path tmp) throws IOException {
    Path out = tmp.resolve("bt");
    var run = magflow("backtest", "scenarios/episodes/april-2025-licences.yaml", "-o", out.toString(), "--no-charts");
    assertEquals(0, run.exitCode(), run.err());
    List<String> measures = Files.readAllLines(out.resolve("measures.csv"));
    // the simulated and the observed trough of China's exports are both May 2025
    assertTrue(measures.stream().anyMatch(l -> l.startsWith("april-2025-licences,cn-magnets-to-world,9,")
        && l.contains(",2025-05,2025-05,")), measures.toString());
    // simulated May 604 t, observed 1,238 t. 894 t while the 2035 world counted Lynas's heavy circuit twice and
    // from January 2025 (its Dy/Tb eased the licences' first months); 713 t before traders' orders stopped telling
    // sellers abroad to make more, 882 t before traders were served last (Market). Eight replications: 708 t.
    assertTrue(run.out().contains("| 2025-05 | 604 | 1,238 | −0.72 |"), run.out());
    assertTrue(Files.isRegularFile(out.resolve("study.json")));
    // a second backtest replaces the first
    assertEquals(0, magflow("backtest", "scenarios/episodes/april-2025-licences.yaml", "-o", out.toString(),
        "--no-charts").exitCode());
  }

  @Test
  void badEpisodes_reportEveryProblemAtItsPlace_exit2_andLeaveTheFolderAlone(@TempDir Path tmp) throws IOException {
    Path csv = tmp.resolve("obs.csv");
    Files.writeString(csv, "date,metric,agent,region,partner,commodity,sector,value,unit,source\n"
        + "2025-05-31,shipped,,CN,US,ndfeb_magnet,,-3,t,sources §S2.6\n"
        + "2025-06-15,shipped,,CN,US,ndfeb_magnet,,353,t,\n");
    Path episode = tmp.resolve("bad.yaml");
    Files.writeString(episode, """
        scenario: no-such-scenario.yaml
        observed: obs.csv
        from: 2025-13
        to: 2025-11
        colour: red
        series:
          - name: us
            observed: {metric: shipped, region: CN, partner: US, comodity: ndfeb_magnet}
            weight: -1
        """);
    Path out = Files.createDirectories(tmp.resolve("mine"));
    Files.writeString(out.resolve("notes.txt"), "keep");
    var run = magflow("backtest", episode.toString(), "-o", tmp.resolve("new").toString());
    assertEquals(2, run.exitCode(), run.err());
    String err = run.err();
    for (String expected : List.of(episode + ":1:1: scenario: scenario 'no-such-scenario.yaml' not found",
        episode + ":3:1: from: expected a month YYYY-MM, found '2025-13'",
        episode + ":5:1: colour: unknown field 'colour'",
        episode + ":8:58: series[0].observed.comodity: unknown field 'comodity'",
        episode + ":9:5: series[0].weight: expected a number > 0, found a number -1",
        csv + ":2:41: value: expected a number > 0 (a log error needs it), found '-3'",
        csv + ":3:1: date: expected the month's last day (2025-06-30)",
        csv + ":3:47: source: every observation names its source")) {
      assertTrue(err.contains(expected), "missing <" + expected + "> in:\n" + err);
    }
    assertTrue(Files.notExists(tmp.resolve("new")), "nothing written");
    // a simulated side that names no commodity of the scenario compares nothing
    Path noCommodity = tmp.resolve("no-commodity.yaml");
    Files.writeString(noCommodity, """
        scenario: %s
        observed: %s
        from: 2025-01
        to: 2025-11
        series:
          - name: world
            observed: {metric: shipped, region: CN, partner: "*", commodity: ndfeb_magnet}
            simulated: {metric: shipped, region: CN, partner: "*", commodity: "magnets*"}
        """.formatted(Path.of("scenarios/april-2025-licences.yaml").toAbsolutePath(),
            Path.of("scenarios/observed/cn-magnet-exports.csv").toAbsolutePath()));
    var none = magflow("backtest", noCommodity.toString(), "-o", tmp.resolve("new").toString());
    assertEquals(2, none.exitCode(), none.err());
    assertTrue(none.err().contains(noCommodity + ":8:60: series[0].simulated.commodity: 'magnets*' names no commodity"
        + " of the scenario; expected one of reo, ndpr_oxide, dytb_oxide, ndfeb_magnet, or the start of some ids"
        + " followed by '*'"), none.err());
    assertTrue(Files.notExists(tmp.resolve("new")), "nothing written");
    var refused = magflow("backtest", "scenarios/episodes/april-2025-licences.yaml", "-o", out.toString());
    assertEquals(2, refused.exitCode());
    assertTrue(refused.err().contains("exists and is not a folder magflow wrote"), refused.err());
    assertEquals("keep", Files.readString(out.resolve("notes.txt")));
  }
}
