package org.magflow.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.magflow.scenario.ScenarioSpec.ClockSpec;
import org.magflow.scenario.ScenarioSpec.DemandResponseSpec;
import org.magflow.scenario.ScenarioSpec.PriceRuleSpec;
import org.magflow.scenario.ScenarioSpec.SupplySpec;

class ScenarioDefaultsTest {
  private final ScenarioSpec tiny = asWritten(ScenarioLoaderTest.TINY_YAML);
  private final ScenarioSpec filled = ScenarioDefaults.apply(tiny);

  /** The scenario exactly as the file writes it: bound, with no defaults (the loader would fill them). */
  static ScenarioSpec asWritten(Path file) {
    try {
      ObjectMapper mapper = new ObjectMapper(new YAMLFactory()).registerModule(new JavaTimeModule());
      mapper.registerSubtypes(PolicyFamilies.SHIPPED.jsonSubtypes());
      return mapper.readValue(file.toFile(), ScenarioSpec.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void theLoader_appliesTheDefaults() {
    assertEquals(filled, ScenarioLoaderTest.tiny());
    assertNull(tiny.clock().consumptionDays()); // so the defaults did something
    assertNull(tiny.producers().get(1).facilities().get(0).region());
  }

  @Test
  void apply_fillsWhatIsMissing_andKeepsWhatIsGiven() {
    assertEquals(new ClockSpec(7, 7, 7, "monthly", ScenarioDefaults.WARMUP_DAYS), filled.clock());
    assertEquals(new PriceRuleSpec(1.0, 1.0, 28.0, 0.25, 10.0), filled.market().priceRule());
    assertEquals(new SupplySpec(0.9, 0.5, 90.0, 28.0, 0.0), filled.producers().get(0).supply());
    assertEquals(new SupplySpec(0.85, 0.5, 90.0, 28.0, 0.0), filled.producers().get(1).supply());
    assertEquals(new DemandResponseSpec(1.5, 0.3, 0.10, 0.05, java.util.Map.of(), 0.0, 0.0), filled.demandResponse());
    assertEquals(42L, filled.seed());
    assertEquals("Two regions, two commodities, one throttle.", filled.description());
  }

  @Test
  void apply_namesDefaultToIds_andUnitsToTonnes() {
    assertEquals("magnet", filled.commodities().get(1).name());
    assertEquals("t REO", filled.commodities().get(0).unit());
    assertEquals("cn-miner", filled.producers().get(0).name());
    assertEquals("us-defence", filled.demand().get(1).name());
    assertEquals("China", filled.regions().get(0).name());
  }

  @Test
  void apply_facilityRegion_isItsProducersRegion() {
    assertNull(tiny.producers().get(1).facilities().get(0).region());
    assertEquals("US", filled.producers().get(1).facilities().get(0).region());
  }

  @Test
  void apply_absentListsAndMaps_becomeEmpty() {
    var producer = filled.producers().get(1);
    assertEquals(List.of(), producer.tags());
    assertEquals(List.of(), producer.suppliers());
    assertEquals(List.of(), producer.facilities().get(0).outages());
    assertEquals(java.util.Map.of(), producer.facilities().get(0).yields());
    assertEquals(java.util.Map.of(), filled.recipes().get(0).inputs());
    assertEquals(List.of(), filled.demand().get(0).suppliers());
    assertEquals(List.of(), filled.demand().get(0).tags());
    assertEquals(false, filled.trade().routes().get(0).oneWay());
  }

  @Test
  void apply_policyEnd_staysNullMeaningNever() {
    var open = new DestinationThrottleSpec("p", null, tiny.start(), null, "CN", List.of("US"), List.of("reo"), 0.3, null, null);
    var policy = (DestinationThrottleSpec) ScenarioDefaults.apply(tiny.withPolicies(List.of(open))).policies().get(0);
    assertNull(policy.end());
    assertEquals("", policy.source());
  }

  @Test
  void apply_minimalScenario_fillsTheScenarioWideDefaults() {
    ScenarioSpec minimal = new ScenarioSpec(tiny.name(), null, tiny.start(), tiny.end(), null, null,
        tiny.commodities(), tiny.regions(), tiny.market(), tiny.trade(), tiny.recipes(), tiny.producers(),
        tiny.demand(), null, null, null, null, null);
    ScenarioSpec m = ScenarioDefaults.apply(minimal);
    assertEquals(ScenarioDefaults.SEED, m.seed());
    assertEquals("", m.description());
    assertEquals(List.of(), m.policies());
    assertEquals(new DemandResponseSpec(1.5, 0.3, 0.10, 0.0, java.util.Map.of(), 0.0, 0.0), m.demandResponse());
    assertEquals(new ClockSpec(7, 7, 7, "monthly", 365), m.clock());
  }

  @Test
  void apply_isIdempotent_andKeepsTheScenarioValid() {
    assertEquals(filled, ScenarioDefaults.apply(filled));
    assertEquals(List.of(), ScenarioValidator.validate(filled, "f"));
  }

  @Test
  void apply_keepsMapOrder_andReturnsUnmodifiableCollections() {
    var stocks = filled.producers().get(1).stocks();
    assertEquals(List.of("reo", "magnet"), List.copyOf(stocks.keySet()));
    assertThrows(UnsupportedOperationException.class, () -> stocks.remove("reo"));
    assertThrows(UnsupportedOperationException.class, () -> filled.producers().clear());
  }
}
