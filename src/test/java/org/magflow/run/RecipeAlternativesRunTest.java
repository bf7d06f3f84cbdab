package org.magflow.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magflow.event.Metrics;
import org.magflow.event.Observation;

/**
 * Recipe alternatives in a whole run: China makes both magnet grades for two US buyers, one of each grade, who
 * buy from China's maker first; a US plant a project builds in 2025 can make either. It contracts its output to
 * both grades' buyers by their use, not to the grade its recipe names alone, so the US makes both.
 */
class RecipeAlternativesRunTest {
  private static final String WORLD = """
      name: grades
      start: 2025-01-01
      end: 2026-12-31
      seed: 42
      commodities:
        - {id: reo, unit: t REO}
        - {id: magnet, name: Magnets with Dy/Tb}
        - {id: plain, name: Heavy-free magnets}
      regions:
        - {id: CN, priceZone: CN}
        - {id: US, priceZone: XC}
      market:
        priceRule: {adjustmentDays: 28, maxMultiple: 10}
        referencePrices:
          - {commodity: reo, zone: CN, usdPerKg: 5}
          - {commodity: reo, zone: XC, usdPerKg: 5}
          - {commodity: magnet, zone: CN, usdPerKg: 50}
          - {commodity: magnet, zone: XC, usdPerKg: 50}
          - {commodity: plain, zone: CN, usdPerKg: 45}
          - {commodity: plain, zone: XC, usdPerKg: 45}
      trade:
        domestic: {transitDays: 3, freightUsdPerKg: 0.05}
        default: {transitDays: 30, freightUsdPerKg: 0.3}
      recipes:
        - {id: mine, stage: mining, outputs: {reo: 1}}
        - {id: make, stage: manufacturing, inputs: {reo: 2.5}, outputs: {magnet: 1}, alternatives: [make-plain]}
        - {id: make-plain, stage: manufacturing, inputs: {reo: 2.5}, outputs: {plain: 1}}
      producers:
        - id: cn-miner
          region: CN
          facilities: [{id: pit, recipe: mine, capacity: [{date: 2025-01-01, tonnesPerYear: 3000}]}]
          stocks: {reo: {initialTonnes: 200, targetCoverDays: 30}}
        - id: cn-maker
          region: CN
          facilities: [{id: cn-line, recipe: make, capacity: [{date: 2025-01-01, tonnesPerYear: 600}]}]
          stocks:
            reo: {initialTonnes: 100, targetCoverDays: 30}
            magnet: {initialTonnes: 10, targetCoverDays: 14}
            plain: {initialTonnes: 10, targetCoverDays: 14}
        - id: us-maker
          region: US
          facilities: []
          stocks: {reo: {initialTonnes: 0, targetCoverDays: 30}}
      demand:
        - {id: us-dy, region: US, sector: ev, commodity: magnet, baseTonnesPerYear: 150, growthPerYear: 0,
           priceElasticity: 0, priority: 50, unmet: lost, stock: {initialTonnes: 15, targetCoverDays: 30},
           suppliers: [{producer: cn-maker, share: 1.0}]}
        - {id: us-plain, region: US, sector: electronics, commodity: plain, baseTonnesPerYear: 150, growthPerYear: 0,
           priceElasticity: 0, priority: 40, unmet: lost, stock: {initialTonnes: 15, targetCoverDays: 30},
           suppliers: [{producer: cn-maker, share: 1.0}]}
      projects:
        - {id: us-line, owner: us-maker, site: US, recipe: make, tonnesPerYear: 200, status: building,
           firstOutput: 2025-06-01, offtakeUsdPerKg: 80, source: test}
      policies: []
      """;

  @TempDir Path tmp;

  @Test
  void aNewPlantWithAlternatives_contractsEachGradeByItsBuyersUse_andMakesBoth() throws Exception {
    RunSeries series = new RunSeries(TestRuns.balanced(tmp.resolve("grades.yaml"), WORLD));
    Predicate<Observation> usMaker = o -> o.agent().equals("us-maker");
    LocalDate from = LocalDate.of(2026, 1, 1);
    LocalDate to = LocalDate.of(2026, 12, 31);
    double dyGrade = series.sum(Metrics.PRODUCTION, usMaker.and(RunSeries.commodity("magnet")), from, to);
    double plain = series.sum(Metrics.PRODUCTION, usMaker.and(RunSeries.commodity("plain")), from, to);
    // its offtakes: 200 t a year at 85% use once ramped up (143 t in 2026), half to each grade's buyer by their
    // equal use
    assertTrue(dyGrade + plain > 100, "the US plant made " + (dyGrade + plain) + " t in 2026");
    assertEquals(0.5, plain / (dyGrade + plain), 0.1, "heavy-free share of the US plant's 2026 output: "
        + plain + " of " + (dyGrade + plain) + " t");
  }
}
