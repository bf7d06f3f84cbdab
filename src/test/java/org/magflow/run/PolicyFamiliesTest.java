package org.magflow.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.magflow.run.RunSeries.lane;
import static org.magflow.run.RunSeries.region;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magflow.event.ConservationAudit;
import org.magflow.event.Metrics;
import org.magflow.event.Observation;

/**
 * Each policy family on the calibrated baseline, against the same scenario without it: what it does, in which
 * direction and roughly how much. Every run also conserves material.
 */
class PolicyFamiliesTest {
  private static final Path BASELINE = Path.of("scenarios/baseline.yaml").toAbsolutePath();
  private static final LocalDate FROM = LocalDate.of(2025, 5, 1);
  private static final LocalDate TO = LocalDate.of(2026, 4, 30);

  @TempDir Path tmp;

  /** The baseline with these policies (YAML list items), run with its counterfactual. */
  private ScenarioRun.Outcome run(String policies) throws IOException, InputException {
    Path file = tmp.resolve("policy.yaml");
    Files.writeString(file, "extends: " + BASELINE + "\nname: policy-test\npolicies:\n" + policies);
    ScenarioRun.Outcome outcome = new ScenarioRun().execute(RunJob.load(file), file.toString(), 42, 0);
    for (var record : new org.magflow.output.RunRecord[] {outcome.run(), outcome.counterfactual()}) {
      record.events().stream().filter(ConservationAudit.class::isInstance).map(ConservationAudit.class::cast)
          .forEach(a -> assertTrue(a.balanced(), a + " residual " + a.residual()));
    }
    return outcome;
  }

  private static double sum(ScenarioRun.Outcome o, boolean counterfactual, String metric, Predicate<Observation> f) {
    return new RunSeries(counterfactual ? o.counterfactual() : o.run()).sum(metric, f, FROM, TO);
  }

  private static double ratio(ScenarioRun.Outcome o, String metric, Predicate<Observation> f) {
    return sum(o, false, metric, f) / sum(o, true, metric, f);
  }

  private static Predicate<Observation> agent(String id) {
    return o -> o.agent().equals(id);
  }

  private static Predicate<Observation> commodity(String c) {
    return o -> o.commodity().equals(c);
  }

  @Test
  void licenceRegime_holdsExportsForReview_thenTheyResume() throws Exception {
    var o = run("""
          - {type: licence-regime, name: lic, start: 2025-04-04, exporter: CN, commodities: [ndfeb_magnet],
             reviewDays: {distribution: fixed, days: 60}, approvalProbability: 1.0}
        """);
    var run = new RunSeries(o.run());
    var base = new RunSeries(o.counterfactual());
    Predicate<Observation> exports = RunSeries.exportsFrom("CN", "ndfeb_magnet");
    LocalDate april = LocalDate.of(2025, 4, 30);
    LocalDate may = LocalDate.of(2025, 5, 31);
    // nothing leaves China for 60 days after 4 April except what was approved before: May is near zero
    assertTrue(run.at(Metrics.SHIPPED, exports, may) < 0.1 * base.at(Metrics.SHIPPED, exports, may),
        "May exports " + run.at(Metrics.SHIPPED, exports, may));
    assertTrue(run.at(Metrics.LICENCES_PENDING, o2 -> o2.region().equals("CN"), april) > 1000, "tonnes pending");
    // and once approvals flow, exports come back to around the counterfactual (catching up, even above it)
    LocalDate later = LocalDate.of(2025, 9, 30);
    assertEquals(1.0, run.sum(Metrics.SHIPPED, exports, later, LocalDate.of(2026, 6, 30))
        / base.sum(Metrics.SHIPPED, exports, later, LocalDate.of(2026, 6, 30)), 0.10);
  }

  @Test
  void licenceRegime_refusesDefence_andWriteOffDestroysWhatIsRefused() throws Exception {
    var o = run("""
          - {type: licence-regime, name: lic, start: 2025-04-04, exporter: CN, commodities: [ndfeb_magnet],
             reviewDays: {distribution: uniform, min: 20, max: 40}, approvalProbability: 0.9,
             approvalByEndUse: {defence: 0.0}, denied: write-off}
        """);
    // every Chinese magnet meant for US defence is refused, so defence buyers turn elsewhere and get less
    Predicate<Observation> usDefence = agent("us-defence");
    assertTrue(sum(o, false, Metrics.DELIVERED, usDefence) < sum(o, true, Metrics.DELIVERED, usDefence));
    double denied = sum(o, false, Metrics.LICENCES_DENIED, o2 -> true);
    double writtenOff = sum(o, false, Metrics.WRITTEN_OFF, o2 -> true);
    assertTrue(denied > 0, "some licences refused");
    assertEquals(denied, writtenOff, 1e-6 * denied, "write-off destroys exactly what was refused");
  }

  @Test
  void fastTrack_restoresFlowToValidatedBuyersOnly() throws Exception {
    String regime = """
          - {type: licence-regime, name: lic, start: 2025-04-04, exporter: CN, commodities: [ndfeb_magnet],
             reviewDays: {distribution: fixed, days: 90}}
        """;
    var without = run(regime);
    var with = run(regime + """
          - {type: fast-track, name: veu, start: 2025-04-04, buyers: [us-ev], reviewDays: {distribution: fixed, days: 2}}
        """);
    LocalDate june = LocalDate.of(2025, 6, 30);
    Predicate<Observation> usEv = agent("us-ev");
    Predicate<Observation> usIndustrial = agent("us-industrial");
    double evWith = new RunSeries(with.run()).at(Metrics.DELIVERED, usEv, june);
    double evWithout = new RunSeries(without.run()).at(Metrics.DELIVERED, usEv, june);
    assertTrue(evWith > 1.5 * evWithout, "validated us-ev " + evWith + " t vs " + evWithout + " t");
    double indWith = new RunSeries(with.run()).at(Metrics.DELIVERED, usIndustrial, june);
    double indWithout = new RunSeries(without.run()).at(Metrics.DELIVERED, usIndustrial, june);
    assertEquals(1.0, indWith / indWithout, 0.15, "us-industrial is not validated");
  }

  @Test
  void quota_capsTotalExportsAtItsRate() throws Exception {
    var o = run("""
          - {type: quota, name: q, start: 2025-04-01, exporter: CN, commodities: [ndfeb_magnet], tonnesPerYear: 30000}
        """);
    double exported = sum(o, false, Metrics.SHIPPED, RunSeries.exportsFrom("CN", "ndfeb_magnet"));
    // the window FROM..TO is 365 days: at most the quota, and well below the ~60 kt without it
    assertEquals(30_000, exported, 0.03 * 30_000);
  }

  @Test
  void entityBan_starvesListedFirmsOfChineseMaterial_unlessTheyHaveOtherSupply() throws Exception {
    var o = run("""
          - {type: entity-ban, name: ban, start: 2025-01-01, exporter: CN, entities: [mp-materials, usa-rare-earth]}
          - {type: entity-ban, name: ban-jp, start: 2025-01-01, exporter: CN, entities: [jp-magnets], worldwide: false}
        """);
    // the listed US firms get no oxide from China (they are its only US buyers of oxide)...
    for (String oxide : new String[] {"ndpr_oxide", "dytb_oxide"}) {
      assertTrue(sum(o, false, Metrics.SHIPPED, lane("CN", "US", oxide)) < 1e-6, oxide + " from China to the US");
    }
    // ...but MP keeps making magnets from its own NdPr and non-Chinese Dy/Tb (Lynas, rest of world)
    assertTrue(sum(o, false, Metrics.PRODUCTION, agent("mp-materials").and(commodity("ndfeb_magnet"))) > 0);
    // a ban that is not worldwide stops China's own sales only
    assertTrue(sum(o, false, Metrics.SHIPPED, lane("CN", "JP", "ndpr_oxide")) < 1e-6, "nothing from China to Japan's makers");
  }

  @Test
  void endUseBan_worldwide_cutsDefenceOffFromChineseContentEverywhere() throws Exception {
    var o = run("""
          - {type: end-use-ban, name: no-defence, start: 2025-04-01, exporter: CN, endUses: [defence]}
        """);
    // almost every magnet in the world has Chinese-separated content: defence buyers are starved
    double delivered = sum(o, false, Metrics.DELIVERED, agent("us-defence"));
    double before = sum(o, true, Metrics.DELIVERED, agent("us-defence"));
    assertTrue(delivered < 0.2 * before, "US defence deliveries " + delivered + " t vs " + before + " t");
    assertTrue(sum(o, false, Metrics.BACKLOG, agent("us-defence")) > 0, "defence orders wait");
    assertEquals(1.0, ratio(o, Metrics.DELIVERED, agent("us-ev")), 0.05, "civil buyers are not touched");
  }

  @Test
  void extraterritorialRule_cutsJapaneseMagnetExportsToUsDefence() throws Exception {
    var o = run("""
          - {type: extraterritorial-rule, name: de-minimis, start: 2025-04-01, exporter: CN, commodities: [ndfeb_magnet],
             threshold: 0.001, reviewDays: {distribution: fixed, days: 45}, approvalByEndUse: {defence: 0.0}}
          - {type: destination-throttle, name: no-cn-defence, start: 2025-04-01, exporter: CN, destinations: [US],
             commodities: [ndfeb_magnet], cut: 1.0}
        """);
    // with China's own magnets cut off, US buyers turn to Japan; Japan's magnets carry Chinese oxide, so each
    // export needs China's licence: civil ones pass after review, defence ones are refused
    double denied = sum(o, false, Metrics.LICENCES_DENIED, o2 -> o2.region().equals("JP") && o2.partner().equals("US"));
    double approved = sum(o, false, Metrics.LICENCES_APPROVED, o2 -> o2.region().equals("JP") && o2.partner().equals("US"));
    assertTrue(denied > 0 && approved > 2 * denied, "approved " + approved + " t, denied " + denied + " t");
    assertTrue(sum(o, false, Metrics.SHORTAGE, agent("us-defence")) > 0, "US defence runs short");
  }

  @Test
  void originRequirement_usDefenceAcceptsOnlyNonChineseMagnets() throws Exception {
    var o = run("""
          - {type: origin-requirement, name: dfars, start: 2027-01-01, buyerRegions: [US], endUses: [defence],
             commodities: [ndfeb_magnet], excludedOrigins: [CN]}
        """);
    var run = new RunSeries(o.run());
    double before2027 = run.sum(Metrics.DELIVERED, agent("us-defence"), LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31));
    double after = run.sum(Metrics.DELIVERED, agent("us-defence"), LocalDate.of(2027, 4, 1), LocalDate.of(2028, 3, 31));
    assertTrue(after < 0.2 * before2027, "US defence deliveries 2026 " + before2027 + " t, from 2027 " + after + " t");
  }

  @Test
  void procurementBan_stopsChineseBuyersBuyingFromTheListedFirm() throws Exception {
    var o = run("""
          - {type: procurement-ban, name: no-mp, start: 2025-04-15, buyerRegions: [CN], sellers: [mp-materials]}
        """);
    assertTrue(sum(o, false, Metrics.SHIPPED, lane("US", "CN", "reo")) < 1e-6, "no MP concentrate to China");
    assertTrue(sum(o, true, Metrics.SHIPPED, lane("US", "CN", "reo")) > 10_000, "about 37 kt a year without the ban");
  }

  @Test
  void tariff_steersUsBuyersAwayFromChineseMagnets() throws Exception {
    var o = run("""
          - {type: tariff, name: t, start: 2025-01-01, importer: US, exporters: [CN], commodities: [ndfeb_magnet],
             adValoremRate: 0.5}
        """);
    // contract shares still go to China first; the spot remainder turns to Japan
    assertTrue(ratio(o, Metrics.SHIPPED, lane("JP", "US", "ndfeb_magnet")) >= 1.0);
    assertTrue(ratio(o, Metrics.SHIPPED, lane("CN", "US", "ndfeb_magnet")) <= 1.0);
  }

  @Test
  void priceFloor_keepsMpsNdprOutputUpWhenPricesFall() throws Exception {
    // a glut: China exports all its NdPr and the ex-China price falls; MP's floor keeps it producing
    var glut = """
          - {type: capacity-event, name: more-ndpr, start: 2025-01-01, facility: kuantan, kind: expansion,
             tonnesPerYear: 60000}
        """;
    var without = run(glut);
    var with = run(glut + """
          - {type: price-floor, name: floor, start: 2025-01-01, producer: mp-materials, commodity: ndpr_oxide, usdPerKg: 110}
        """);
    Predicate<Observation> mpNdpr = agent("mp-materials").and(commodity("ndpr_oxide"));
    assertTrue(sum(with, false, Metrics.PRODUCTION, mpNdpr) > 1.1 * sum(without, false, Metrics.PRODUCTION, mpNdpr));
  }

  @Test
  void stockpile_buildsThenReleasesDuringAShortage() throws Exception {
    var o = run("""
          - {type: destination-throttle, name: cut, start: 2026-01-01, exporter: CN, destinations: [US],
             commodities: [ndfeb_magnet, dytb_oxide], cut: 0.9}
          - {type: destination-throttle, name: cut-jp, start: 2026-01-01, exporter: CN, destinations: [JP, KR, VN, EU],
             commodities: [dytb_oxide], cut: 0.9}
          - {type: stockpile, name: us-reserve, start: 2025-01-01, region: US, commodity: ndfeb_magnet,
             targetTonnes: 3000, buildTonnesPerYear: 3000, releaseFrom: 2026-01-01, releaseTonnesPerYear: 6000}
        """);
    var run = new RunSeries(o.run());
    Predicate<Observation> reserve = agent("us-reserve");
    assertEquals(3000, run.at(Metrics.INVENTORY, reserve, LocalDate.of(2025, 12, 31)), 150, "built to target");
    assertTrue(run.at(Metrics.INVENTORY, reserve, LocalDate.of(2026, 12, 31)) < 500, "released in 2026");
  }

  @Test
  void capacityEvents_expandCutAndClosePlants() throws Exception {
    var o = run("""
          - {type: capacity-event, name: grow, start: 2026-01-01, facility: jp-magnet-plants, kind: expansion,
             tonnesPerYear: 10000, rampDays: 365}
          - {type: capacity-event, name: down, start: 2025-06-01, end: 2025-09-01, facility: mountain-pass-mine,
             kind: outage, availableFraction: 0.0}
          - {type: capacity-event, name: shut, start: 2026-01-01, facility: eu-magnet-plants, kind: closure}
        """);
    var run = new RunSeries(o.run());
    Predicate<Observation> jp = agent("jp-magnets");
    assertEquals(21_500 + 10_000, run.at(Metrics.CAPACITY, jp, LocalDate.of(2027, 1, 31)), 100);
    assertEquals(21_500 + 5_000, run.at(Metrics.CAPACITY, jp, LocalDate.of(2026, 7, 2).withDayOfMonth(1).minusDays(1)), 500);
    Predicate<Observation> mine = agent("mp-materials").and(o2 -> o2.sector().equals("mining"));
    assertEquals(0, run.at(Metrics.THROUGHPUT, mine, LocalDate.of(2025, 7, 31)), 1e-6);
    assertTrue(run.at(Metrics.THROUGHPUT, mine, LocalDate.of(2025, 10, 31)) > 0, "the mine restarts");
    // (January still shows the last week of December's output, reported over the days it covers)
    assertEquals(0, run.sum(Metrics.PRODUCTION, agent("eu-magnets"), LocalDate.of(2026, 2, 28), LocalDate.of(2030, 12, 31)), 1e-6);
  }

  @Test
  void capacityEvent_withYields_addsAPlantWithItsOwnYields() throws Exception {
    // a heavy circuit beside Lynas' light separator: it makes Dy/Tb at its own yield, and no NdPr
    var o = run("""
          - {type: capacity-event, name: heavy-circuit, start: 2025-01-01, facility: kuantan, kind: expansion,
             tonnesPerYear: 2000, yields: {ndpr_oxide: 0.0, dytb_oxide: 0.1}}
          - {type: destination-throttle, name: no-cn-dytb, start: 2025-01-01, exporter: CN,
             destinations: [US, JP, KR, VN, EU, ROW, AU, MY], commodities: [dytb_oxide], cut: 0.9}
        """);
    Predicate<Observation> lynasDytb = agent("lynas").and(commodity("dytb_oxide"));
    double with = sum(o, false, Metrics.PRODUCTION, lynasDytb);
    // Kuantan alone makes ~40 t a year at 0.003; the circuit, pushed by a scarce ex-China market, adds most of 200
    assertTrue(with > 150, "Lynas Dy/Tb over a year: " + with + " t");
    assertTrue(sum(o, true, Metrics.PRODUCTION, lynasDytb) < 60, "without the circuit");
  }

  @Test
  void technologyBan_delaysAndDeratesCapacityAddedOutsideChina() throws Exception {
    String expansion = """
          - {type: capacity-event, name: grow, start: 2026-01-01, facility: jp-magnet-plants, kind: expansion,
             tonnesPerYear: 10000, rampDays: 365}
        """;
    var o = run(expansion + """
          - {type: technology-ban, name: tech, start: 2025-10-09, exporter: CN, delayDays: 365, derate: 0.5}
        """);
    var run = new RunSeries(o.run());
    Predicate<Observation> jp = agent("jp-magnets");
    // a year late and half the size: nothing added by end-2026, 5,000 t by end-2027
    assertEquals(21_500, run.at(Metrics.CAPACITY, jp, LocalDate.of(2026, 12, 31)), 100);
    assertEquals(21_500 + 5_000, run.at(Metrics.CAPACITY, jp, LocalDate.of(2028, 1, 31)), 100);
    // China's own plants are untouched
    assertEquals(1.0, ratio(o, Metrics.CAPACITY, agent("cn-magnets")), 1e-9);
  }

  @Test
  void suspension_liftsThePolicyItNamesWhileInForce() throws Exception {
    var o = run("""
          - {type: destination-throttle, name: cut, start: 2025-04-01, exporter: CN, destinations: [US],
             commodities: [ndfeb_magnet], cut: 1.0}
          - {type: suspension, name: truce, start: 2025-07-01, end: 2026-07-01, suspends: [cut]}
        """);
    var run = new RunSeries(o.run());
    Predicate<Observation> cnUs = lane("CN", "US", "ndfeb_magnet");
    assertTrue(run.at(Metrics.SHIPPED, cnUs, LocalDate.of(2025, 5, 31)) < 1e-6, "cut in force");
    assertTrue(run.at(Metrics.SHIPPED, cnUs, LocalDate.of(2025, 10, 31)) > 300, "suspended");
    assertTrue(run.at(Metrics.SHIPPED, cnUs, LocalDate.of(2026, 9, 30)) < 1e-6, "in force again");
    long changes = o.run().events().stream().filter(org.magflow.event.PolicyChange.class::isInstance)
        .map(org.magflow.event.PolicyChange.class::cast).filter(p -> p.policy().equals("cut")).count();
    assertEquals(3, changes, "cut: on, off while suspended, on again");
  }

  @Test
  void policyFreeRegions_areUntouched() throws Exception {
    var o = run("""
          - {type: destination-throttle, name: cut, start: 2025-04-01, exporter: CN, destinations: [US],
             commodities: [ndfeb_magnet], cut: 0.5}
        """);
    assertEquals(1.0, ratio(o, Metrics.CONSUMPTION, region("CN")), 0.01);
  }
}
