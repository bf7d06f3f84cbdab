package org.magflow.run;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magflow.event.Metrics;

/**
 * A supplier share that names its commodities: China's maker takes half its light oxide from a Malaysian
 * separator under contract, as China's makers took Lynas's NdPr. The separator's heavy oxide, which the contract
 * does not cover, goes to the market, where the US maker, which China sells no heavy oxide, is short of it; a share covering everything the separator
 * makes sends China its heavy oxide too, first.
 */
class SupplierCommoditiesRunTest {
  private static final String WORLD = """
      name: offtake-commodities
      start: 2025-01-01
      end: 2026-12-31
      seed: 42
      commodities:
        - {id: light, name: Light oxide}
        - {id: heavy, name: Heavy oxide}
        - {id: magnet, name: Magnets}
      regions:
        - {id: CN, priceZone: CN}
        - {id: MY, priceZone: XC}
        - {id: US, priceZone: XC}
      market:
        priceRule: {adjustmentDays: 28, maxMultiple: 10}
        referencePrices:
          - {commodity: light, zone: CN, usdPerKg: 60}
          - {commodity: light, zone: XC, usdPerKg: 60}
          - {commodity: heavy, zone: CN, usdPerKg: 300}
          - {commodity: heavy, zone: XC, usdPerKg: 300}
          - {commodity: magnet, zone: CN, usdPerKg: 50}
          - {commodity: magnet, zone: XC, usdPerKg: 50}
      trade:
        domestic: {transitDays: 3, freightUsdPerKg: 0.05}
        default: {transitDays: 20, freightUsdPerKg: 0.3}
      recipes:
        - {id: separate, stage: separation, outputs: {light: 0.9, heavy: 0.1}}
        - {id: make, stage: manufacturing, inputs: {light: 0.3, heavy: 0.02}, outputs: {magnet: 1}}
      producers:
        - id: cn-separator
          region: CN
          facilities: [{id: cn-sep, recipe: separate, capacity: [{date: 2025-01-01, tonnesPerYear: 4000}]}]
          stocks: {light: {initialTonnes: 100, targetCoverDays: 14}, heavy: {initialTonnes: 10, targetCoverDays: 14}}
        - id: my-separator
          region: MY
          facilities: [{id: my-sep, recipe: separate, capacity: [{date: 2025-01-01, tonnesPerYear: 300}]}]
          stocks: {light: {initialTonnes: 30, targetCoverDays: 14}, heavy: {initialTonnes: 3, targetCoverDays: 14}}
        - id: cn-maker
          region: CN
          facilities: [{id: cn-line, recipe: make, capacity: [{date: 2025-01-01, tonnesPerYear: 8000}]}]
          suppliers: [%s]
          stocks:
            light: {initialTonnes: 150, targetCoverDays: 30}
            heavy: {initialTonnes: 10, targetCoverDays: 30}
            magnet: {initialTonnes: 200, targetCoverDays: 14}
        - id: us-maker
          region: US
          facilities: [{id: us-line, recipe: make, capacity: [{date: 2025-01-01, tonnesPerYear: 2000}]}]
          stocks:
            light: {initialTonnes: 40, targetCoverDays: 30}
            heavy: {initialTonnes: 3, targetCoverDays: 30}
            magnet: {initialTonnes: 50, targetCoverDays: 14}
      demand:
        - {id: cn-buyers, region: CN, sector: ev, commodity: magnet, baseTonnesPerYear: 6000, growthPerYear: 0,
           priceElasticity: 0, priority: 50, unmet: lost, stock: {initialTonnes: 500, targetCoverDays: 30}}
        - {id: us-buyers, region: US, sector: ev, commodity: magnet, baseTonnesPerYear: 1500, growthPerYear: 0,
           priceElasticity: 0, priority: 50, unmet: lost, stock: {initialTonnes: 120, targetCoverDays: 30}}
      policies:
        - {type: destination-throttle, name: no-heavy-to-us, start: 2025-01-01, exporter: CN, destinations: [US],
           commodities: [heavy], cut: 1.0}
      """;

  @TempDir Path tmp;

  private RunSeries run(String suppliers) throws Exception {
    return new RunSeries(TestRuns.balanced(tmp.resolve("world.yaml"), WORLD.formatted(suppliers)));
  }

  @Test
  void aShareNamingItsCommodities_leavesTheSuppliersOtherOutputsToTheMarket() throws Exception {
    RunSeries lightOnly = run("{producer: my-separator, share: 0.5, commodities: [light]}");
    RunSeries everything = run("{producer: my-separator, share: 0.5}");
    LocalDate from = LocalDate.of(2026, 1, 1);
    LocalDate to = LocalDate.of(2026, 12, 31);
    double heavyToChinaAll = everything.sum(Metrics.SHIPPED, RunSeries.lane("MY", "CN", "heavy"), from, to);
    double heavyToChina = lightOnly.sum(Metrics.SHIPPED, RunSeries.lane("MY", "CN", "heavy"), from, to);
    double heavyToUs = lightOnly.sum(Metrics.SHIPPED, RunSeries.lane("MY", "US", "heavy"), from, to);
    double heavyToUsAll = everything.sum(Metrics.SHIPPED, RunSeries.lane("MY", "US", "heavy"), from, to);
    // the separator makes under 30 t of heavy oxide a year, about the US maker's need; covering everything, the
    // contract sends China its share first (seed 42: 6.4 t to China, 23.6 t to the US; light only: 0 and 30.0 t)
    assertTrue(heavyToChinaAll > 5, "heavy oxide MY->CN under a share of everything: " + heavyToChinaAll + " t");
    assertTrue(heavyToChina < 0.1 * heavyToChinaAll, "heavy oxide MY->CN under a light-only share: " + heavyToChina
        + " t, against " + heavyToChinaAll + " t");
    assertTrue(heavyToUs > heavyToUsAll + 0.5 * heavyToChinaAll, "heavy oxide MY->US: " + heavyToUs + " t, against "
        + heavyToUsAll + " t");
    // the contract still covers the light oxide
    double lightToChina = lightOnly.sum(Metrics.SHIPPED, RunSeries.lane("MY", "CN", "light"), from, to);
    assertTrue(lightToChina > 150, "light oxide MY->CN under the contract: " + lightToChina + " t");
  }
}
