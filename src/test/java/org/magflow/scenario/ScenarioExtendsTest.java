package org.magflow.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magflow.scenario.ScenarioSpec.CapacityPointSpec;
import org.magflow.scenario.ScenarioSpec.DemandResponseSpec;
import org.magflow.scenario.ScenarioSpec.DemandSpec;
import org.magflow.scenario.ScenarioSpec.FacilitySpec;
import org.magflow.scenario.ScenarioSpec.ProducerSpec;
import org.magflow.scenario.ScenarioSpec.StockSpec;

/** A scenario that {@code extends} a base: how the files merge, and where problems in either are reported. */
class ScenarioExtendsTest {
  static final Path EXTENDS = Path.of("src/test/resources/scenarios/extends");
  static final Path TINY_YAML = Path.of("src/test/resources/scenarios/tiny.yaml");

  private final ScenarioLoader loader = new ScenarioLoader();

  private ScenarioSpec loaded(Path file) {
    LoadResult r = loader.load(file);
    assertEquals(List.of(), r.problems());
    return r.scenario();
  }

  private List<String> problems(Path file) {
    LoadResult r = loader.load(file);
    assertFalse(r.ok(), "loaded without problems");
    assertNull(r.scenario());
    return r.problems().stream().map(Problem::toString).toList();
  }

  /** tiny.yaml, renamed, written as {@code name} in {@code dir}. */
  private static Path tinyBase(Path dir, String name) throws IOException {
    Files.createDirectories(dir);
    return Files.writeString(dir.resolve(name), Files.readString(TINY_YAML).replace("name: tiny", "name: base"));
  }

  private static final String MAGNET_THROTTLE = """
      policies:
        - name: magnet-throttle
          type: destination-throttle
          start: 2025-10-01
          exporter: CN
          destinations: [US]
          commodities: [magnet]
          cut: 0.5
      """;

  @Test
  void aChildIsItsBaseWithTheChildsFieldsReplacedAndItsPoliciesAppended() {
    ScenarioSpec base = loaded(EXTENDS.resolve("base.yaml"));
    ScenarioSpec child = loaded(EXTENDS.resolve("child.yaml"));
    List<PolicySpec> policies = new ArrayList<>(base.policies());
    policies.add(new DestinationThrottleSpec("magnet-throttle", null, LocalDate.of(2025, 10, 1), null, "CN", List.of("US"),
        List.of("magnet"), 0.5, 0.0, "")); // the loader fills the source the file leaves out
    ScenarioSpec expected = new ScenarioSpec("extends-child",
        "The tiny world, and China also throttles magnets to the US.", base.start(), base.end(), base.seed(),
        base.clock(), base.commodities(), base.regions(), base.market(), base.trade(), base.recipes(),
        base.producers(), base.demand(), base.demandResponse(), policies, base.projects(),
        base.investment(), base.recycling());
    assertEquals(expected, child);
    assertEquals(List.of("reo-throttle", "magnet-throttle"), child.policies().stream().map(PolicySpec::name).toList());
  }

  @Test
  void aChainOfThreeFilesMergesEachOntoTheOneItExtends() {
    ScenarioSpec base = loaded(EXTENDS.resolve("base.yaml"));
    ScenarioSpec grandchild = loaded(EXTENDS.resolve("grandchild.yaml"));
    assertEquals("extends-grandchild", grandchild.name());
    assertEquals("The tiny world, and China also throttles magnets to the US.", grandchild.description());
    assertEquals(base.producers(), grandchild.producers());
    assertEquals(base.market(), grandchild.market());
    assertEquals(List.of("reo-throttle", "magnet-throttle", "late-throttle"),
        grandchild.policies().stream().map(PolicySpec::name).toList());
  }

  @Test
  void aChildOverridingEndAndAFieldOfDemandResponseKeepsTheBasesOtherDemandResponseFields() {
    ScenarioSpec base = loaded(EXTENDS.resolve("base.yaml"));
    ScenarioSpec grandchild = loaded(EXTENDS.resolve("grandchild.yaml"));
    assertEquals(LocalDate.of(2027, 1, 1), base.end());
    assertEquals(LocalDate.of(2026, 7, 1), grandchild.end());
    assertEquals(base.start(), grandchild.start());
    // objects merge field by field: the grandchild sets substitutionMaxShare, the base's noise stays, and the
    // fields neither writes take their defaults
    assertEquals(0.05, base.demandResponse().noise());
    assertEquals(new DemandResponseSpec(ScenarioDefaults.SUBSTITUTION_THRESHOLD_MULTIPLE, 0.2,
        ScenarioDefaults.SUBSTITUTION_RATE_PER_YEAR, 0.05, java.util.Map.of(), 0.0, 0.0), grandchild.demandResponse());
  }

  @Test
  void theResolvedScenarioHasNoExtendsField() {
    String json = new ScenarioWriter().toJson(ScenarioDefaults.apply(loaded(EXTENDS.resolve("child.yaml"))));
    assertFalse(json.contains("\"extends\""), json);
    assertTrue(json.contains("\"name\" : \"extends-child\"") || json.contains("\"name\": \"extends-child\""), json);
  }

  @Test
  void anEmptyOrNullPoliciesListInTheChildAddsNothing(@TempDir Path dir) throws IOException {
    tinyBase(dir, "base.yaml");
    for (String none : List.of("[]", "null", "~")) {
      Path child = Files.writeString(dir.resolve("child.yaml"), "extends: base.yaml\nname: child\npolicies: "
          + none + "\n");
      assertEquals(List.of("reo-throttle"), loaded(child).policies().stream().map(PolicySpec::name).toList(), none);
    }
  }

  @Test
  void aYamlChildMayExtendAJsonBaseInAnotherFolder(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("common"));
    Files.copy(Path.of("src/test/resources/scenarios/tiny.json"), dir.resolve("common/tiny.json"));
    Path child = Files.writeString(Files.createDirectories(dir.resolve("shocks")).resolve("child.yaml"),
        "extends: ../common/tiny.json\nname: child\n" + MAGNET_THROTTLE);
    ScenarioSpec spec = loaded(child);
    assertEquals("child", spec.name());
    assertEquals(loaded(TINY_YAML).producers(), spec.producers());
    assertEquals(2, spec.policies().size());
  }

  @Test
  void eightBasesAreAllowedAndANinthIsAProblem(@TempDir Path dir) throws IOException {
    tinyBase(dir, "f0.yaml");
    for (int i = 1; i <= 9; i++) {
      Files.writeString(dir.resolve("f" + i + ".yaml"), "extends: f" + (i - 1) + ".yaml\nname: f" + i + "\n");
    }
    assertEquals("f8", loaded(dir.resolve("f8.yaml")).name()); // f8 -> f7 -> ... -> f0: eight bases
    assertEquals(List.of(dir.resolve("f1.yaml") + ":1:1: extends: extends chain deeper than 8 bases:"
            + " f9.yaml -> f8.yaml -> f7.yaml -> f6.yaml -> f5.yaml -> f4.yaml -> f3.yaml -> f2.yaml -> f1.yaml"
            + " -> f0.yaml"),
        problems(dir.resolve("f9.yaml")));
  }

  // ---- problems with the extends field itself ----------------------------------------------------------------

  @Test
  void aMissingBaseIsReportedAtTheExtendsFieldWithWhereItWasLookedFor(@TempDir Path dir) throws IOException {
    Path child = Files.writeString(dir.resolve("child.yaml"), "name: child\nextends: baselin.yaml\n");
    assertEquals(List.of(child + ":2:1: extends: cannot read base scenario 'baselin.yaml': no such file (looked in "
        + dir.resolve("baselin.yaml") + ")"), problems(child));
  }

  @Test
  void aCycleIsReportedWithEveryFileInIt(@TempDir Path dir) throws IOException {
    Path a = Files.writeString(dir.resolve("a.yaml"), "extends: b.yaml\nname: a\n");
    Path b = Files.writeString(dir.resolve("b.yaml"), "name: b\nextends: a.yaml\n");
    assertEquals(List.of(b + ":2:1: extends: extends cycle: a.yaml -> b.yaml -> a.yaml"), problems(a));
  }

  @Test
  void aFileExtendingItselfIsACycle(@TempDir Path dir) throws IOException {
    Path a = Files.writeString(dir.resolve("a.yaml"), "extends: ./a.yaml\nname: a\n");
    assertEquals(List.of(a + ":1:1: extends: extends cycle: a.yaml -> a.yaml"), problems(a));
  }

  @Test
  void aBaseThatIsNotYamlOrJsonIsReportedAtTheExtendsField(@TempDir Path dir) throws IOException {
    tinyBase(dir, "base.txt");
    Path child = Files.writeString(dir.resolve("child.yaml"), "extends: base.txt\nname: child\n");
    assertEquals(List.of(child + ":1:1: extends: base scenario 'base.txt' is not a .yaml, .yml or .json file"),
        problems(child));
  }

  @Test
  void anExtendsThatIsNotAStringIsReported(@TempDir Path dir) throws IOException {
    Path list = Files.writeString(dir.resolve("list.yaml"), "name: child\nextends: [base.yaml]\n");
    assertEquals(List.of(list + ":2:1: extends: expected the path of a base scenario file, found a list"),
        problems(list));
    Path number = Files.writeString(dir.resolve("number.yaml"), "extends: 2025\nname: child\n");
    assertEquals(List.of(number + ":1:1: extends: expected the path of a base scenario file, found a number 2025"),
        problems(number));
    Path empty = Files.writeString(dir.resolve("empty.yaml"), "extends: ''\nname: child\n");
    assertEquals(List.of(empty + ":1:1: extends: expected the path of a base scenario file, found an empty value"),
        problems(empty));
  }

  @Test
  void scenarioTextWithNoFileCannotExtend() {
    LoadResult r = loader.parse("text.yaml", "name: child\nextends: base.yaml\n", false);
    assertEquals(List.of("text.yaml:2:1: extends: extends needs a file on disk: this scenario was given as text, so"
        + " there is no folder to find 'base.yaml' in"), r.problems().stream().map(Problem::toString).toList());
  }

  // ---- problems inside the files of a chain ------------------------------------------------------------------

  @Test
  void aBaseIsNamedByItsPathFromTheWorkingDirectory(@TempDir Path dir) throws IOException {
    Path base = tinyBase(dir, "base.yaml");
    Files.writeString(base, Files.readString(base).replace("recipe: make", "recipe: bake"));
    Path child = Files.writeString(Files.createDirectories(dir.resolve("shocks")).resolve("child.yaml"),
        "extends: ../base.yaml\nname: child\n");
    assertEquals(List.of(base + ":66:9: producers[1].facilities[0].recipe: unknown recipe 'bake'; known recipes:"
        + " make, mine"), problems(child));
  }

  @Test
  void aSyntaxErrorInTheBaseIsReportedInTheBase(@TempDir Path dir) throws IOException {
    Path base = Files.writeString(dir.resolve("base.yaml"), "name: base\nregions: [CN\n");
    Path child = Files.writeString(dir.resolve("child.yaml"), "extends: base.yaml\nname: child\n");
    List<String> found = problems(child);
    assertEquals(1, found.size(), found.toString());
    assertTrue(found.get(0).startsWith(base + ":"), found.get(0));
    assertTrue(found.get(0).contains("invalid YAML"), found.get(0));
  }

  @Test
  void aBaseThatIsNotUtf8IsReportedInTheBase(@TempDir Path dir) throws IOException {
    Path base = Files.write(dir.resolve("base.yaml"), new byte[] {'n', 'a', 'm', 'e', ':', ' ', (byte) 0xE9, '\n'});
    Path child = Files.writeString(dir.resolve("child.yaml"), "extends: base.yaml\nname: child\n");
    assertEquals(List.of(base + ":1:7: not valid UTF-8: byte 0xE9 at byte offset 6; save the file as UTF-8"),
        problems(child));
  }

  @Test
  void aProblemAboutTheWholeOfAFieldIsReportedInTheFileThatWroteIt(@TempDir Path dir) throws IOException {
    Path base = tinyBase(dir, "base.yaml");
    // the child adds a region in a new price zone; the base's market has no prices for it
    Path child = Files.writeString(dir.resolve("child.yaml"), """
        extends: base.yaml
        name: child
        regions:
          - {id: CN, priceZone: CN}
          - {id: US, priceZone: XC}
          - {id: JP, priceZone: JP}
        """);
    List<String> found = problems(child);
    assertEquals(1, found.size(), found.toString());
    assertTrue(found.get(0).startsWith(base + ":29:3: market.referencePrices: missing reference prices for"),
        found.get(0));
  }

  @Test
  void aMissingTopLevelFieldIsReportedInTheLoadedFile(@TempDir Path dir) throws IOException {
    Path base = tinyBase(dir, "base.yaml");
    Files.writeString(base, Files.readString(base).replace("start: 2025-01-01\n", ""));
    Path child = Files.writeString(dir.resolve("child.yaml"), "# a comment\nextends: base.yaml\nname: child\n");
    assertEquals(List.of(child + ":2:1: start: missing; expected a date YYYY-MM-DD"), problems(child));
  }

  @Test
  void aWrongTypeInTheChildsPolicyIsReportedAtItsPlaceInTheChild(@TempDir Path dir) throws IOException {
    tinyBase(dir, "base.yaml");
    Path child = Files.writeString(dir.resolve("child.yaml"),
        "extends: base.yaml\nname: child\n" + MAGNET_THROTTLE.replace("cut: 0.5", "cut: half"));
    assertEquals(List.of(child + ":10:5: policies[0].cut: expected a number, found a string 'half'"),
        problems(child));
  }

  // ---- lists of entries with ids merge by id --------------------------------------------------------------

  private static PolicySpec policy(ScenarioSpec s, String name) {
    return s.policies().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void aPolicyWithABasePolicysNameChangesTheFieldsItSetsAndKeepsTheRest(@TempDir Path dir) throws IOException {
    tinyBase(dir, "base.yaml");
    Path child = Files.writeString(dir.resolve("child.yaml"), """
        extends: base.yaml
        name: child
        policies:
          - {name: reo-throttle, cut: 0.8, end: 2026-03-01}
        """);
    ScenarioSpec base = loaded(dir.resolve("base.yaml"));
    DestinationThrottleSpec was = (DestinationThrottleSpec) policy(base, "reo-throttle");
    ScenarioSpec merged = loaded(child);
    assertEquals(List.of("reo-throttle"), merged.policies().stream().map(PolicySpec::name).toList(),
        "changed in place, not appended");
    assertEquals(new DestinationThrottleSpec("reo-throttle", was.title(), was.start(), LocalDate.of(2026, 3, 1),
        was.exporter(), was.destinations(), was.commodities(), 0.8, was.leakage(), was.source()),
        merged.policies().get(0));
  }

  @Test
  void anEntryWithANewIdIsAppendedAfterTheBasesAndOneWithAKnownIdStaysWhereTheBaseHasIt(@TempDir Path dir)
      throws IOException {
    tinyBase(dir, "base.yaml");
    Path child = Files.writeString(dir.resolve("child.yaml"), """
        extends: base.yaml
        name: child
        demand:
          - {id: us-defence, priority: 95}
          - {id: us-ev, region: US, sector: ev, commodity: magnet, baseTonnesPerYear: 30, growthPerYear: 0.1,
             priceElasticity: 0.2, priority: 40, unmet: lost, stock: {initialTonnes: 0, targetCoverDays: 10}}
        """ + MAGNET_THROTTLE.replace("policies:\n", "policies:\n  - {name: reo-throttle, cut: 0.4}\n"));
    ScenarioSpec merged = loaded(child);
    assertEquals(List.of("cn-ev", "us-defence", "us-ev"), merged.demand().stream().map(DemandSpec::id).toList());
    DemandSpec defence = merged.demand().get(1);
    assertEquals(95, defence.priority());
    assertEquals(20.0, defence.baseTonnesPerYear(), "the base's other fields stay");
    assertEquals(List.of(new ScenarioSpec.SupplierShareSpec("us-magnets", 0.8)), defence.suppliers());
    assertEquals(List.of("reo-throttle", "magnet-throttle"), merged.policies().stream().map(PolicySpec::name).toList());
    assertEquals(0.4, ((DestinationThrottleSpec) merged.policies().get(0)).cut());
  }

  @Test
  void nestedEntriesMergeByIdAndListsWithoutIdsAreReplacedWhole(@TempDir Path dir) throws IOException {
    tinyBase(dir, "base.yaml");
    Path child = Files.writeString(dir.resolve("child.yaml"), """
        extends: base.yaml
        name: child
        producers:
          - id: cn-miner
            facilities:
              - id: bayan-obo
                capacity: [{date: 2025-01-01, tonnesPerYear: 800}]
              - {id: mountain, recipe: mine, capacity: [{date: 2025-01-01, tonnesPerYear: 50}]}
            supply: {priceElasticity: 0.4}
            stocks:
              reo: {initialTonnes: 70}
        market:
          priceRule: {maxMultiple: 8}
        """);
    ScenarioSpec base = loaded(dir.resolve("base.yaml"));
    ScenarioSpec merged = loaded(child);
    ProducerSpec miner = merged.producers().get(0);
    assertEquals(List.of("bayan-obo", "mountain"), miner.facilities().stream().map(FacilitySpec::id).toList());
    FacilitySpec bayanObo = miner.facilities().get(0);
    assertEquals(List.of(new CapacityPointSpec(LocalDate.of(2025, 1, 1), 800.0)), bayanObo.capacity(),
        "capacity points have no ids: the child's list replaces the base's");
    assertEquals(base.producers().get(0).facilities().get(0).outages(), bayanObo.outages());
    assertEquals("mine", bayanObo.recipe());
    assertEquals(0.9, miner.supply().normalUtilisation(), "the base's supply field stays beside the child's");
    assertEquals(0.4, miner.supply().priceElasticity());
    assertEquals(new StockSpec(70.0, 30.0), miner.stocks().get("reo"));
    assertEquals(List.of("state-owned"), miner.tags());
    assertEquals(base.producers().get(1), merged.producers().get(1));
    assertEquals(8.0, merged.market().priceRule().maxMultiple());
    assertEquals(base.market().priceRule().adjustmentDays(), merged.market().priceRule().adjustmentDays());
    assertEquals(base.market().referencePrices(), merged.market().referencePrices());
  }

  @Test
  void aBadValueAChildSetsInABasesEntryIsReportedInTheChild_andTheBasesOwnValuesInTheBase(@TempDir Path dir)
      throws IOException {
    Path base = tinyBase(dir, "base.yaml");
    Files.writeString(base, Files.readString(base).replace("cut: 0.3", "cut: 3"));
    Path child = Files.writeString(dir.resolve("child.yaml"), """
        extends: base.yaml
        name: child
        demand:
          - id: us-defence
            priority: 900
            stok: {initialTonnes: 1}
        policies:
          - name: reo-throttle
            end: 2024-01-01
        """);
    assertEquals(List.of(
        base + ":105:5: policies[0].cut: expected a number from 0 to 1, found 3",
        child + ":5:5: demand[0].priority: expected an integer from 0 to 100, found 900",
        child + ":6:5: demand[0].stok: unknown field 'stok'; expected one of: baseTonnesPerYear, commodity,"
            + " growthPerYear, id, name, priceElasticity, priority, region, sector, stock, suppliers, tags, unmet",
        child + ":9:5: policies[0].end: expected a date after start (2025-09-01), found 2024-01-01"),
        problems(child).stream().sorted().toList());
  }

  @Test
  void aFieldMissingFromAnEntryIsReportedAtTheEntryInTheFileThatCreatedIt(@TempDir Path dir) throws IOException {
    Path base = tinyBase(dir, "base.yaml");
    Files.writeString(base, Files.readString(base).replace("    growthPerYear: 0\n", ""));
    Path child = Files.writeString(dir.resolve("child.yaml"), """
        extends: base.yaml
        name: child
        demand:
          - {id: us-defence, priority: 95}
          - {id: us-ev, region: US, sector: ev, commodity: magnet, growthPerYear: 0, priceElasticity: 0,
             priority: 1, unmet: lost}
        """);
    assertEquals(List.of(
        base + ":83:5: demand[1].growthPerYear: missing; expected a number > -1 and <= 1 (a share a year)",
        child + ":5:5: demand[1].baseTonnesPerYear: missing; expected a number from 0 to 1e9",
        child + ":5:5: demand[1].stock: missing; expected an object with initialTonnes and targetCoverDays"),
        problems(child).stream().sorted().toList());
  }

  @Test
  void anEntryCannotChangeTheTypeOfTheBasesEntryItNames(@TempDir Path dir) throws IOException {
    Path base = tinyBase(dir, "base.yaml");
    Path child = Files.writeString(dir.resolve("child.yaml"), """
        extends: base.yaml
        name: child
        policies:
          - {name: reo-throttle, type: quota, tonnesPerYear: 100}
        """);
    assertEquals(List.of(child + ":4:26: policies[0].type: 'reo-throttle' is a destination-throttle (policies[0]"
        + " in " + base + "); an entry with the name of a base's entry changes that entry's fields, not its type:"
        + " give a new quota another name"), problems(child));
  }

  @Test
  void anIdWrittenTwiceInOneChildIsStillADuplicate(@TempDir Path dir) throws IOException {
    tinyBase(dir, "base.yaml");
    Path child = Files.writeString(dir.resolve("child.yaml"), """
        extends: base.yaml
        name: child
        policies:
          - {name: reo-throttle, cut: 0.4}
          - {name: reo-throttle, cut: 0.5}
        regions:
          - {id: JP, priceZone: XC}
          - {id: JP, priceZone: XC}
        """);
    assertEquals(List.of(
        child + ":5:6: policies[1].name: duplicate id 'reo-throttle'; policies[0].name already uses it",
        child + ":8:6: regions[1].id: duplicate id 'JP'; regions[0].id already uses it"),
        problems(child));
  }
}
