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
import org.magflow.scenario.ScenarioSpec.DemandResponseSpec;

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
  void aChildOverridingEndAndDemandResponseReplacesThemWhole() {
    ScenarioSpec base = loaded(EXTENDS.resolve("base.yaml"));
    ScenarioSpec grandchild = loaded(EXTENDS.resolve("grandchild.yaml"));
    assertEquals(LocalDate.of(2027, 1, 1), base.end());
    assertEquals(LocalDate.of(2026, 7, 1), grandchild.end());
    assertEquals(base.start(), grandchild.start());
    // nested objects are not merged: the base's noise is gone with the rest of its demandResponse, and the
    // loader fills the fields the grandchild leaves out with their defaults
    assertEquals(0.05, base.demandResponse().noise());
    assertEquals(new DemandResponseSpec(ScenarioDefaults.SUBSTITUTION_THRESHOLD_MULTIPLE, 0.2,
        ScenarioDefaults.SUBSTITUTION_RATE_PER_YEAR, ScenarioDefaults.NOISE, java.util.Map.of(), 0.0, 0.0), grandchild.demandResponse());
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
}
