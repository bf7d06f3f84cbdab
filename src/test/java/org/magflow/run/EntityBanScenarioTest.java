package org.magflow.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.magflow.event.Metrics;
import org.magflow.event.Observation;
import org.magflow.scenario.ScenarioSpec;

/**
 * China's June 2026 listing of MP Materials, USA Rare Earth and US defence buyers, against the same world without
 * it. The listing is the harsher policy, so US defence buyers must not end up less short under it. They did, when
 * MP bought Chinese oxide whenever it was cheaper: its magnets then carried Chinese content that the October 2025
 * defence end-use ban forbids, while the listing, by forbidding MP that content, kept them eligible. With MP
 * sourcing China-free for the DoD from 2027 (DFARS, world-2035.yaml) the listing does what a harsher policy should.
 */
class EntityBanScenarioTest {
  private static final Path SUSPENDED = Path.of("scenarios/october-2025-suspended.yaml");
  private static final Path LISTED = Path.of("scenarios/entity-ban-us-defence.yaml");
  private static final String DFARS = "dfars-2027-mp-sources-china-free";
  private static final LocalDate LISTING = LocalDate.of(2026, 6, 22);
  private static final LocalDate END = LocalDate.of(2035, 12, 31);
  private static final Predicate<Observation> US_DEFENCE = o -> o.agent().equals("us-defence");
  private static RunSeries suspended;
  private static RunSeries listed;
  private static RunSeries suspendedWithoutDfars;

  @BeforeAll
  static void run() throws InputException {
    suspended = simulate(RunJob.load(SUSPENDED), SUSPENDED);
    listed = simulate(RunJob.load(LISTED), LISTED);
    ScenarioSpec spec = RunJob.load(SUSPENDED);
    assertEquals(1, spec.policies().stream().filter(p -> p.name().equals(DFARS)).count(), "the sourcing rule is shipped");
    suspendedWithoutDfars = simulate(spec.withPolicies(spec.policies().stream()
        .filter(p -> !p.name().equals(DFARS)).toList()), SUSPENDED);
  }

  private static RunSeries simulate(ScenarioSpec spec, Path file) {
    return new RunSeries(new ScenarioRun().simulate(spec, file.toString(), 42, 0));
  }

  private static double usDefenceShort(RunSeries run, LocalDate from, LocalDate to) {
    return run.sum(Metrics.SHORTAGE, US_DEFENCE, from, to) / run.sum(Metrics.DEMAND, US_DEFENCE, from, to);
  }

  @Test
  void theListing_leavesUsDefenceBuyersAtLeastAsShort() {
    double without = usDefenceShort(suspended, LISTING, END);
    double with = usDefenceShort(listed, LISTING, END);
    assertTrue(with >= without, "US defence short " + with + " with the listing, " + without + " without");
    assertTrue(with > 0.05, "the listing cuts US defence buyers off China and from Chinese content: " + with);
  }

  /** The mechanism: MP's China-free feed is what keeps US-made magnets open to US defence buyers after 2031. */
  @Test
  void withoutChinaFreeSourcing_usDefenceRunsShortAgainFrom2032() {
    LocalDate from = LocalDate.of(2032, 1, 1);
    assertTrue(usDefenceShort(suspended, from, END) < 0.005, "2032-35 with MP sourcing China-free: "
        + usDefenceShort(suspended, from, END));
    assertTrue(usDefenceShort(suspendedWithoutDfars, from, END) > 0.1, "2032-35 with MP buying Chinese oxide: "
        + usDefenceShort(suspendedWithoutDfars, from, END));
  }
}
