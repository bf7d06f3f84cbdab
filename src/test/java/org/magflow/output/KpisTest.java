package org.magflow.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.magflow.output.SyntheticRuns.APR;
import static org.magflow.output.SyntheticRuns.FEB;
import static org.magflow.output.SyntheticRuns.JAN;
import static org.magflow.output.SyntheticRuns.JUN;
import static org.magflow.output.SyntheticRuns.MAGNET;
import static org.magflow.output.SyntheticRuns.MAR;
import static org.magflow.output.SyntheticRuns.MAY;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.magflow.event.ConservationAudit;
import org.magflow.event.PriceReference;
import org.magflow.event.SimEvent;
import org.magflow.output.RunSummary.Export;
import org.magflow.output.RunSummary.Policy;
import org.magflow.output.RunSummary.Price;
import org.magflow.output.RunSummary.ProductionShare;
import org.magflow.output.RunSummary.Shortage;

class KpisTest {
  private static final double EXACT = 1e-12;

  private final RunSummary summary = Kpis.compute(SyntheticRuns.shocked(), SyntheticRuns.counterfactual());

  @Test void summary_carriesScenarioSeedAndPeriodRange() {
    assertEquals("synthetic", summary.scenarioName());
    assertEquals("scenarios/synthetic.yaml", summary.scenarioFile());
    assertEquals(42, summary.seed());
    assertEquals(JAN, summary.firstPeriodEnd());
    assertEquals(JUN, summary.lastPeriodEnd());
    assertTrue(summary.counterfactualCompared());
  }

  @Test void shortageByRegion_sumsSectors_andMeasuresTheEpisode() {
    assertEquals(List.of("china", "us"), summary.shortageByRegion().stream().map(Shortage::region).toList());
    Shortage us = summary.shortageByRegion().get(1);
    assertEquals("", us.sector());
    assertEquals(75.5, us.cumulativeShortageTonnes(), EXACT);  // 0.5 + 20 + 45 + 10
    assertEquals(660, us.cumulativeDemandTonnes(), EXACT);     // 6 × (100 + 10)
    assertEquals(100 * 75.5 / 660, us.shortagePercentOfDemand(), EXACT);
    assertEquals(45, us.peakShortageTonnes(), EXACT);          // April: 40 ev + 5 defence
    assertEquals(APR, us.peakShortageDate());
    assertEquals(100 * 45.0 / 110, us.peakShortagePercentOfPeriodDemand(), EXACT);
    assertEquals(3, us.periodsInShortage());                  // March, April, May; February is under 1%
    assertEquals(MAR, us.firstShortageDate());
    assertEquals(JUN, us.recoveryDate());
    assertEquals(3, us.shortageDurationMonths());
  }

  @Test void shortageByRegion_regionNeverShort_hasZerosAndNoDates() {
    Shortage china = summary.shortageByRegion().get(0);
    assertEquals(0, china.cumulativeShortageTonnes());
    assertEquals(1200, china.cumulativeDemandTonnes(), EXACT);
    assertEquals(0, china.shortagePercentOfDemand());
    assertEquals(0, china.peakShortageTonnes());
    assertNull(china.peakShortageDate());
    assertEquals(0, china.periodsInShortage());
    assertNull(china.firstShortageDate());
    assertNull(china.recoveryDate());
    assertNull(china.shortageDurationMonths());
  }

  @Test void shortageBySector_isSortedByRegionThenSector_andMeasuresEachSector() {
    assertEquals(List.of("china/ev", "us/defence", "us/ev"),
        summary.shortageBySector().stream().map(s -> s.region() + "/" + s.sector()).toList());
    Shortage defence = summary.shortageBySector().get(1);
    assertEquals(5, defence.cumulativeShortageTonnes(), EXACT);
    assertEquals(100 * 5.0 / 60, defence.shortagePercentOfDemand(), EXACT);
    assertEquals(50, defence.peakShortagePercentOfPeriodDemand(), EXACT);
    assertEquals(1, defence.periodsInShortage());
    assertEquals(APR, defence.firstShortageDate());
    assertEquals(MAY, defence.recoveryDate());
    assertEquals(1, defence.shortageDurationMonths());
    Shortage ev = summary.shortageBySector().get(2);
    assertEquals(70.5, ev.cumulativeShortageTonnes(), EXACT);
    assertEquals(11.75, ev.shortagePercentOfDemand(), EXACT);
    assertEquals(3, ev.periodsInShortage());
  }

  @Test void shortage_stillShortInTheLastPeriod_hasNoRecovery() {
    var events = new ArrayList<SimEvent>();
    events.addAll(SyntheticRuns.demand(JAN, "eu_wind", "eu", "wind", 100, 0));
    events.addAll(SyntheticRuns.demand(FEB, "eu_wind", "eu", "wind", 100, 30));
    events.addAll(SyntheticRuns.demand(MAR, "eu_wind", "eu", "wind", 100, 50));
    Shortage eu = Kpis.compute(SyntheticRuns.run(events), null).shortageByRegion().get(0);
    assertEquals(2, eu.periodsInShortage());
    assertEquals(FEB, eu.firstShortageDate());
    assertNull(eu.recoveryDate());
    assertNull(eu.shortageDurationMonths());
  }

  @Test void shortage_exactlyAtTheThreshold_isNotInShortage_justAboveIs() {
    var events = new ArrayList<SimEvent>();
    events.addAll(SyntheticRuns.demand(JAN, "eu_wind", "eu", "wind", 100, 1.0));
    events.addAll(SyntheticRuns.demand(FEB, "eu_wind", "eu", "wind", 100, 1.001));
    events.addAll(SyntheticRuns.demand(MAR, "eu_wind", "eu", "wind", 100, 0));
    Shortage eu = Kpis.compute(SyntheticRuns.run(events), null).shortageByRegion().get(0);
    assertEquals(1, eu.periodsInShortage());
    assertEquals(FEB, eu.firstShortageDate());
    assertEquals(MAR, eu.recoveryDate());
  }

  @Test void shortage_twoEpisodes_countsShortPeriodsAndRecoversAfterTheLast() {
    var events = new ArrayList<SimEvent>();
    double[] shortage = {10, 0, 10, 0, 0};
    for (int i = 0; i < shortage.length; i++) {
      events.addAll(SyntheticRuns.demand(SyntheticRuns.monthEnd(i), "eu_wind", "eu", "wind", 100, shortage[i]));
    }
    Shortage eu = Kpis.compute(SyntheticRuns.run(events), null).shortageByRegion().get(0);
    assertEquals(2, eu.periodsInShortage());
    assertEquals(JAN, eu.firstShortageDate());
    assertEquals(JAN, eu.peakShortageDate()); // a tie goes to the earliest period
    assertEquals(APR, eu.recoveryDate());
    assertEquals(3, eu.shortageDurationMonths());
  }

  @Test void prices_measurePeakEndAndMinAgainstReference() {
    assertEquals(List.of("china", "ex_china"), summary.prices().stream().map(Price::zone).toList());
    Price exChina = summary.prices().get(1);
    assertEquals(MAGNET, exChina.commodity());
    assertEquals(50, exChina.referenceUsdPerKg());
    assertEquals(300, exChina.peakUsdPerKg());
    assertEquals(APR, exChina.peakDate());
    assertEquals(6.0, exChina.peakMultiple(), EXACT);
    assertEquals(120, exChina.endUsdPerKg());
    assertEquals(1.0, exChina.minMultiple(), EXACT);
    Price china = summary.prices().get(0);
    assertEquals(JAN, china.peakDate()); // 50 in January and June: the earliest wins
    assertEquals(1.0, china.peakMultiple(), EXACT);
    assertEquals(0.8, china.minMultiple(), EXACT);
  }

  @Test void prices_countThePeriodsHeldAtTheRulesCap() {
    // cap 150 (3x the reference): March and May end at it, April just under; without a period at it, none counted
    double[] path = {50, 90, 150, 150 * (1 - 1e-6), 150, 120};
    var events = new ArrayList<SimEvent>();
    events.add(new PriceReference("ex_china", MAGNET, 50, 150));
    for (int i = 0; i < path.length; i++) events.add(SyntheticRuns.price(SyntheticRuns.MONTHS.get(i), "ex_china", path[i]));
    Price capped = Kpis.compute(SyntheticRuns.run(events), null).prices().get(0);
    assertEquals(2, capped.periodsAtCap());
    assertEquals(MAR, capped.firstAtCap());
    assertEquals(MAY, capped.lastAtCap());

    events.set(0, new PriceReference("ex_china", MAGNET, 50, 500));
    Price below = Kpis.compute(SyntheticRuns.run(events), null).prices().get(0);
    assertEquals(0, below.periodsAtCap());
    assertNull(below.firstAtCap());
    assertNull(below.lastAtCap());
    assertEquals(3.0, below.peakMultiple(), EXACT);
  }

  @Test void prices_withoutReference_haveNoMultiples() {
    RunSummary s = Kpis.compute(SyntheticRuns.run(List.of(SyntheticRuns.price(JAN, "eu", 70))), null);
    Price eu = s.prices().get(0);
    assertNull(eu.referenceUsdPerKg());
    assertNull(eu.peakMultiple());
    assertNull(eu.minMultiple());
    assertNull(eu.periodsAtCap());
    assertEquals(70, eu.peakUsdPerKg());
  }

  @Test void exportFlows_compareEachCrossBorderFlowWithTheCounterfactual() {
    assertEquals(List.of("china->eu", "china->japan", "china->us"),
        summary.exportFlows().stream().map(e -> e.exporter() + "->" + e.destination()).toList());
    Export us = summary.exportFlows().get(2);
    assertEquals(380, us.tonnes(), EXACT);
    assertEquals(600, us.counterfactualTonnes(), EXACT);
    assertEquals(100 * 220.0 / 600, us.dropPercent(), EXACT);
    assertEquals(90, us.worstPeriodDropPercent(), EXACT);
    assertEquals(APR, us.worstPeriodDate());
    Export japan = summary.exportFlows().get(1);
    assertEquals(0, japan.dropPercent(), EXACT);
    assertEquals(JAN, japan.worstPeriodDate());
  }

  @Test void exportFlows_flowOnlyInTheCounterfactual_dropsByAHundredPercent() {
    Export eu = summary.exportFlows().get(0);
    assertEquals(0, eu.tonnes());
    assertEquals(60, eu.counterfactualTonnes(), EXACT);
    assertEquals(100, eu.dropPercent(), EXACT);
    assertEquals(100, eu.worstPeriodDropPercent(), EXACT);
    assertEquals(JAN, eu.worstPeriodDate());
  }

  @Test void exportTotals_sumEachExportersDestinations() {
    assertEquals(1, summary.exportTotals().size());
    Export china = summary.exportTotals().get(0);
    assertEquals("china", china.exporter());
    assertEquals("", china.destination());
    assertEquals(680, china.tonnes(), EXACT);
    assertEquals(960, china.counterfactualTonnes(), EXACT);
    assertEquals(100 * 280.0 / 960, china.dropPercent(), EXACT);
    assertEquals(62.5, china.worstPeriodDropPercent(), EXACT); // April: 60 t against 160 t
    assertEquals(APR, china.worstPeriodDate());
  }

  @Test void exports_worstPeriod_ignoresPeriodsWhereTheCounterfactualShippedUnderOneTonne() {
    var run = SyntheticRuns.run(List.of(
        SyntheticRuns.shipped(JAN, "us", "japan", 0), SyntheticRuns.shipped(FEB, "us", "japan", 9)));
    var counterfactual = SyntheticRuns.run(List.of(
        SyntheticRuns.shipped(JAN, "us", "japan", 0.5), SyntheticRuns.shipped(FEB, "us", "japan", 10)));
    Export flow = Kpis.compute(run, counterfactual).exportFlows().get(0);
    assertEquals(10, flow.worstPeriodDropPercent(), EXACT);
    assertEquals(FEB, flow.worstPeriodDate());
  }

  @Test void exports_withoutCounterfactual_haveNoComparison() {
    RunSummary s = Kpis.compute(SyntheticRuns.shocked(), null);
    assertFalse(s.counterfactualCompared());
    assertEquals(List.of("china->japan", "china->us"),
        s.exportFlows().stream().map(e -> e.exporter() + "->" + e.destination()).toList());
    Export us = s.exportFlows().get(1);
    assertEquals(380, us.tonnes(), EXACT);
    assertNull(us.counterfactualTonnes());
    assertNull(us.dropPercent());
    assertNull(us.worstPeriodDropPercent());
    assertNull(us.worstPeriodDate());
  }

  @Test void productionShares_areSortedByShareWithinEachStage() {
    assertEquals(List.of(
            new ProductionShare("mining", "china", 420, 70),
            new ProductionShare("mining", "us", 120, 20),
            new ProductionShare("mining", "australia", 60, 10)),
        summary.productionShares().stream()
            .map(p -> new ProductionShare(p.stage(), p.region(), p.throughputTonnes(),
                Math.round(p.sharePercent() * 1e9) / 1e9))
            .toList());
  }

  @Test void productionShares_countOnlyTheFirstTwelveMonths() {
    var events = new ArrayList<SimEvent>();
    for (int i = 0; i < 14; i++) {
      // Months 13 and 14 (January and February 2026) are all US and must not count.
      events.add(SyntheticRuns.throughput(SyntheticRuns.monthEnd(i), i < 12 ? "china" : "us", "separation", 90));
    }
    List<ProductionShare> shares = Kpis.compute(SyntheticRuns.run(events), null).productionShares();
    assertEquals(List.of(new ProductionShare("separation", "china", 1080, 100)), shares);
  }

  @Test void policies_areListedInDateOrder() {
    assertEquals(List.of(
        new Policy("april-licences", "licence", LocalDate.of(2025, 4, 1), true),
        new Policy("april-licences", "licence", LocalDate.of(2025, 6, 1), false)), summary.policies());
  }

  @Test void conservation_balancedAudits_areConserved() {
    assertEquals(1, summary.conservation().size());
    assertEquals(0, summary.conservation().get(0).residual());
    assertTrue(summary.conservation().get(0).balanced());
    assertTrue(summary.conserved());
  }

  @Test void conservation_oneUnbalancedAudit_isNotConserved() {
    RunSummary s = Kpis.compute(SyntheticRuns.run(List.of(
        new ConservationAudit("reo", 0, 10, 0, 0, 0, 0, 10),
        new ConservationAudit("dytb_oxide", 0, 10, 0, 0, 0, 0, 9))), null);
    assertEquals(List.of("dytb_oxide", "reo"), s.conservation().stream().map(c -> c.commodity()).toList());
    assertEquals(1, s.conservation().get(0).residual(), EXACT);
    assertFalse(s.conservation().get(0).balanced());
    assertFalse(s.conserved());
  }

  @Test void conservation_noAudit_isNotConserved() {
    assertFalse(Kpis.compute(SyntheticRuns.run(List.of()), null).conserved());
  }

  @Test void compute_rowsOutOfDateOrder_areRefused() {
    List<SimEvent> events = List.of(SyntheticRuns.shipped(FEB, "CN", "US", 5), SyntheticRuns.shipped(JAN, "CN", "US", 5));
    var e = assertThrows(IllegalArgumentException.class, () -> Kpis.compute(SyntheticRuns.run(events), null));
    assertTrue(e.getMessage().startsWith("the run's rows are not in date order"), e.getMessage());
  }

  @Test void compute_sameEvents_giveEqualSummaries() {
    assertEquals(summary, Kpis.compute(SyntheticRuns.shocked(), SyntheticRuns.counterfactual()));
  }
}
