package org.magflow.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magflow.run.InputException;
import org.magflow.scenario.Problem;

/** A bad sweep file is reported all at once, each problem with its line, column and field path. */
class SweepFileErrorsTest {

  private static List<String> problems(Path file) {
    InputException e = assertThrows(InputException.class, () -> SweepPlan.create(file));
    return e.problems().stream().map(Problem::toString).toList();
  }

  @Test
  void unknownPath_namesThePathAndWhatExistsThere(@TempDir Path tmp) throws Exception {
    Path file = Sweeps.write(tmp, "s.yaml", """
        design: grid
        parameters:
          - path: market.priceRule.maxMultipel
            values: [5, 10]
          - path: producers[id=cn-minr].stocks.reo.initialTonnes
            values: [1]
          - path: /demand/7/priceElasticity
            values: [0.1]
          - path: demand[region=US].stock
            values: [0.1]
        """);
    assertEquals(List.of(
        file + ":4:5: parameters[0].path: 'market.priceRule.maxMultipel' does not exist in the base scenario:"
            + " market.priceRule has no field 'maxMultipel'; its fields are: coverExponent, shortagePremium,"
            + " adjustmentDays, minMultiple, maxMultiple",
        file + ":6:5: parameters[1].path: 'producers[id=cn-minr].stocks.reo.initialTonnes' does not exist in the"
            + " base scenario: no entry of producers has id 'cn-minr'; ids there: cn-miner, us-magnets",
        file + ":8:5: parameters[2].path: '/demand/7/priceElasticity' does not exist in the base scenario: demand"
            + " has 2 entries, [0] to [1]; there is no [7]",
        file + ":10:5: parameters[3].path: 'demand[region=US].stock' ends at an object (demand[region=US].stock),"
            + " not a value; choose one of its fields: initialTonnes, targetCoverDays"),
        problems(file));
  }

  @Test
  void badDistributionParameters_areEachReported(@TempDir Path tmp) throws Exception {
    Path file = Sweeps.write(tmp, "s.yaml", """
        design: monte-carlo
        samples: 10
        parameters:
          - path: demand[0].priceElasticity
            distribution: {type: normal, mean: 0.1, sd: -1}
          - path: demand[1].priceElasticity
            distribution: {type: triangular, min: 0, max: 1}
          - path: demand[0].growthPerYear
            distribution: {type: uniform, min: 0.2, max: 0.1}
          - path: demand[1].growthPerYear
            distribution: {type: lognormal, median: 0.05, sigma: 0.5, shape: 2}
          - path: market.priceRule.maxMultiple
            distribution: {type: gamma, shape: 2}
        """);
    assertEquals(List.of(
        file + ":6:5: parameters[0].distribution: bad normal distribution: sd must be > 0, found -1",
        file + ":8:5: parameters[1].distribution: missing field 'mode': a triangular distribution needs min, mode, max",
        file + ":10:5: parameters[2].distribution: bad uniform distribution: min must be below max, found min 0.2,"
            + " max 0.1",
        file + ":12:63: parameters[3].distribution.shape: unknown field 'shape' for a lognormal distribution;"
            + " expected one of: type, median, sigma, min, max",
        file + ":14:20: parameters[4].distribution.type: unknown distribution 'gamma'; expected one of: uniform,"
            + " normal, triangular, lognormal"),
        problems(file));
  }

  @Test
  void unknownDesign_andOtherTopLevelMistakes(@TempDir Path tmp) throws Exception {
    Path file = Sweeps.write(tmp, "s.yaml", """
        design: factorial
        replications: 0
        colour: red
        parameters:
          - path: demand[0].priceElasticity
            values: [0.1, 0.2]
        """);
    assertEquals(List.of(
        file + ":2:1: design: unknown design 'factorial'; expected one of: grid, monte-carlo, latin-hypercube,"
            + " sobol, one-at-a-time",
        file + ":3:1: replications: expected a whole number from 1 to 100000, found a number 0",
        file + ":4:1: colour: unknown field 'colour'; expected one of: name, description, base, seed, design,"
            + " samples, replications, parameters, kpis"),
        problems(file));
  }

  @Test
  void missingBase_isReportedAtTheBaseField(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("s.yaml");
    java.nio.file.Files.writeString(file, """
        # a sweep whose base is not there
        base: ../nope.yaml
        design: grid
        parameters:
          - path: demand[0].priceElasticity
            values: [0.1]
        """);
    assertEquals(List.of(file + ":2:1: base: base scenario '../nope.yaml' not found (looked for "
        + tmp.resolveSibling("nope.yaml") + ")"), problems(file));
  }

  @Test
  void missingBaseField_andNoParameters(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("s.yaml");
    java.nio.file.Files.writeString(file, "design: grid\n");
    assertEquals(List.of(file + ":1:1: missing field 'base'",
        file + ":1:1: missing field 'parameters': a sweep varies at least one parameter"), problems(file));
  }

  @Test
  void valuesOutsideWhatTheScenarioAllows_areFoundBeforeAnythingRuns(@TempDir Path tmp) throws Exception {
    Path file = Sweeps.write(tmp, "s.yaml", """
        design: latin-hypercube
        samples: 10
        parameters:
          - name: cut
            path: policies[name=reo-throttle].cut
            range: {from: 0.5, to: 1.5}
          - name: elasticity
            path: demand[0].priceElasticity
            distribution: {type: normal, mean: 0.1, sd: 0.05}
        """);
    assertEquals(List.of(
        file + ":7:5: parameters[0].range: with cut=1.5 (the end of its range) and the other parameters as at the"
            + " first point, the scenario is invalid: policies[0].cut: expected a number from 0 to 1, found 1.5"),
        problems(file));
    Path truncated = Sweeps.write(tmp, "t.yaml", """
        design: monte-carlo
        samples: 10
        parameters:
          - name: elasticity
            path: demand[0].priceElasticity
            distribution: {type: normal, mean: 0.1, sd: 0.05}
        """);
    List<String> found = problems(truncated);
    assertEquals(1, found.size());
    assertEquals(truncated + ":7:5: parameters[0].distribution: with elasticity=-0.199890351 (the lowest value it"
        + " draws; truncate the distribution with min and max), the scenario is invalid: demand[0].priceElasticity:"
        + " expected a number from 0 to 10, found -0.199890351", found.get(0));
  }

  @Test
  void kindMismatches_andBadKpis(@TempDir Path tmp) throws Exception {
    Path file = Sweeps.write(tmp, "s.yaml", """
        design: grid
        parameters:
          - path: clock.reporting
            range: {from: 1, to: 2, step: 1}
          - path: demand[0].priority
            values: [50, 60.5]
          - path: demand[0].unmet
            values: [lost, 3]
        kpis:
          - shortageByRegion[USA].shortagePercentOfDemand
          - prices[XC/magnet].peak
          - exportFlows[CN/US].dropPercent
        """);
    assertEquals(List.of(
        file + ":5:5: parameters[0].range: a range gives numbers, but 'clock.reporting' holds text; list the values,"
            + " or for a date count months or days from another date with monthsAfter or daysAfter",
        file + ":7:18: parameters[1].values[1]: expected a whole number, found a number 60.5"
            + " ('demand[0].priority' holds whole numbers)",
        file + ":9:20: parameters[2].values[1]: expected text, found a number 3; put it in quotes"
            + " ('demand[0].unmet' holds text)",
        file + ":11:5: kpis[0]: unknown region with demand 'USA' in"
            + " 'shortageByRegion[USA].shortagePercentOfDemand'; known: CN, US",
        file + ":12:5: kpis[1]: 'peak' is not a numeric field of prices entries; expected one of: referenceUsdPerKg,"
            + " peakUsdPerKg, peakMultiple, endUsdPerKg, minMultiple, periodsAtCap",
        file + ":13:5: kpis[2]: exportFlows entries are picked by 3 key(s), EXPORTER/DESTINATION/COMMODITY, found 2"
            + " in 'exportFlows[CN/US].dropPercent'"),
        problems(file));
  }

  @Test
  void syntaxErrors_andDuplicateFields_haveLocations(@TempDir Path tmp) throws Exception {
    Path file = Sweeps.write(tmp, "s.yaml", """
        design: grid
        design: sobol
        parameters: []
        """);
    assertEquals(List.of(file + ":2:1: design: design sobol needs samples: how many points to draw",
        file + ":3:1: design: duplicate field 'design'; it is already given at line 2, column 1",
        file + ":4:1: parameters: expected a list of at least one parameter, found an empty list"), problems(file));
    Path broken = Sweeps.write(tmp, "b.yaml", """
        design: grid
        parameters:
          - path: [unclosed
        """);
    List<String> found = problems(broken);
    assertEquals(1, found.size());
    assertTrue(found.get(0).startsWith(broken + ":5:1: invalid YAML: "), found.get(0));
  }

  /** Sweep files are walked by the scenario loader's {@code LocationIndex}: what it refuses, they refuse too. */
  @Test
  void aliasesSecondDocumentsAndDeepNesting_areRefusedWhereTheyStand(@TempDir Path tmp) throws Exception {
    Path alias = Sweeps.write(tmp, "a.yaml", """
        design: &d grid
        parameters:
          - path: demand[0].priceElasticity
            values: [0.1]
        kpis: [*d]
        """);
    assertEquals(List.of(alias + ":6:8: kpis[0]: YAML aliases (*d) are not supported; write the value out in full"),
        problems(alias));
    Path twoDocuments = Sweeps.write(tmp, "two.yaml", """
        design: grid
        ---
        design: sobol
        """);
    assertEquals(List.of(twoDocuments + ":4:1: a second YAML document; a sweep file holds exactly one"),
        problems(twoDocuments));
    Path deep = Sweeps.write(tmp, "deep.yaml", "kpis: " + "[".repeat(40) + "]".repeat(40) + "\n");
    assertEquals(List.of(deep + ":2:38: nested more than 32 levels deep; a sweep needs fewer than ten"),
        problems(deep));
  }

  @Test
  void notUtf8_isPlacedAtTheBadByte(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("latin1.yaml");
    byte[] head = "design: grid\nname: caf".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] bytes = java.util.Arrays.copyOf(head, head.length + 2);
    bytes[head.length] = (byte) 0xE9; // 'é' in Latin-1
    bytes[head.length + 1] = '\n';
    java.nio.file.Files.write(file, bytes);
    assertEquals(List.of(file + ":2:10: not valid UTF-8: byte 0xE9 at byte offset 22; save the file as UTF-8"),
        problems(file));
  }
}
