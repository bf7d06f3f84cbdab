package org.magflow.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.function.Predicate;
import org.magflow.event.Metrics;
import org.magflow.event.Observation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Technology options by sector and demand lost for good, on the calibrated baseline under an embargo on China's exports to
 * the US and its allies that lapses after 18 months, each against a control where it must not act.
 */
class DemandResponseOverYearsTest {
  private static final Path BASELINE = Path.of("scenarios/baseline.yaml").toAbsolutePath();
  private static final String EMBARGO = """
      policies:
        - {name: embargo, type: destination-throttle, start: 2025-03-01, end: 2026-09-01, exporter: CN,
           destinations: [US, JP, KR, EU, AU, VN, MY], commodities: [reo, ndpr_oxide, dytb_oxide, ndfeb_magnet],
           cut: 1.0, source: test}
      """;
  private static final String RESPONSE = """
      demandResponse:
        substitutionThresholdMultiple: 1.5
        substitutionMaxShare: 0.3
        substitutionRatePerYear: 0.10
        noise: 0.03
        lossRatePerYear: %s
        lossMaxShare: 0.3
        technologies:
          ev:
            - {id: ferrite-motor, thresholdMultiple: 1.5, maxShare: 0.25, ratePerYear: 0.10}
            - {id: induction-motor, thresholdMultiple: 2.0, maxShare: 0.15, ratePerYear: 0.05}
      """;

  @TempDir Path tmp;

  private RunSeries run(boolean embargo, double lossRate) throws Exception {
    return new RunSeries(TestRuns.balanced(tmp.resolve("response.yaml"), "extends: " + BASELINE
        + "\nname: response-test\nend: 2027-12-31\n" + RESPONSE.formatted(lossRate) + (embargo ? EMBARGO : "")));
  }

  private static Predicate<Observation> agent(String id) {
    return o -> o.agent().equals(id);
  }

  private static Predicate<Observation> technology(String sector, String id) {
    return o -> o.agent().equals(sector) && o.partner().equals(id);
  }

  @Test
  void technologiesAreAdoptedWhereThePriceIsHigh_andStayAdoptedAfterItFalls() throws Exception {
    RunSeries embargo = run(true, 0);
    RunSeries calm = run(false, 0);
    LocalDate endOfEmbargo = LocalDate.of(2026, 8, 31);
    double usFerrite = embargo.at(Metrics.TECHNOLOGY_SHARE, technology("us-ev", "ferrite-motor"), endOfEmbargo);
    assertTrue(usFerrite > 0.03, "US EV ferrite share " + usFerrite);
    // sticky: a year after the embargo lapsed (and prices came down) the redesign is still in place
    double later = embargo.at(Metrics.TECHNOLOGY_SHARE, technology("us-ev", "ferrite-motor"), LocalDate.of(2027, 12, 31));
    assertTrue(later >= usFerrite, "later " + later + " < " + usFerrite);
    // the sector's substitution is the options' combined share, not the scenario-wide rule
    double induction = embargo.at(Metrics.TECHNOLOGY_SHARE, technology("us-ev", "induction-motor"), endOfEmbargo);
    assertEquals(1 - (1 - usFerrite) * (1 - induction),
        embargo.at(Metrics.SUBSTITUTION, agent("us-ev"), endOfEmbargo), 1e-9);
    // controls: China's EV makers see no scarcity, nor does anyone without the embargo
    double chinaFerrite = embargo.at(Metrics.TECHNOLOGY_SHARE, technology("cn-ev", "ferrite-motor"), endOfEmbargo);
    assertTrue(chinaFerrite < 0.05 * usFerrite, "China's EV ferrite share " + chinaFerrite);
    // (not exactly zero: the calm run's ex-China magnet price touches the threshold once in its first months)
    double calmFerrite = calm.at(Metrics.TECHNOLOGY_SHARE, technology("us-ev", "ferrite-motor"), endOfEmbargo);
    assertTrue(calmFerrite < 0.05 * usFerrite, "US EV ferrite share without the embargo " + calmFerrite);
    // sectors without options keep the scenario-wide substitution and report no technology rows
    assertEquals(0, embargo.rows().filter(o -> o.metric().equals(Metrics.TECHNOLOGY_SHARE)
        && o.agent().equals("us-wind")).count());
    assertTrue(embargo.at(Metrics.SUBSTITUTION, agent("us-wind"), endOfEmbargo) > 0);
  }

  @Test
  void demandShortForLong_isPartlyLostForGood_butNotABacklogSectors() throws Exception {
    RunSeries losing = run(true, 0.5);
    RunSeries keeping = run(true, 0);
    LocalDate end = LocalDate.of(2027, 12, 31);
    double lost = losing.at(Metrics.DEMAND_LOST, agent("us-industrial"), end);
    assertTrue(lost > 0.005 && lost <= 0.3, "US industrial lost " + lost);
    assertEquals(0, losing.rows().filter(o -> o.metric().equals(Metrics.DEMAND_LOST)
        && o.agent().equals("us-defence")).count(), "defence orders wait; they are never lost");
    assertEquals(0, losing.at(Metrics.DEMAND_LOST, agent("cn-industrial"), end), 1e-3, "China is not short");
    // demand after the embargo is lower by about the share lost
    LocalDate from = LocalDate.of(2027, 1, 1);
    double with = losing.sum(Metrics.DEMAND, agent("us-industrial"), from, end);
    double without = keeping.sum(Metrics.DEMAND, agent("us-industrial"), from, end);
    assertEquals(1 - lost, with / without, 0.02);
    assertEquals(0, keeping.rows().filter(o -> o.metric().equals(Metrics.DEMAND_LOST)).count());
  }
}
