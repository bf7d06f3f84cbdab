package org.magflow.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import org.magflow.event.ConservationAudit;
import org.magflow.event.Observation;
import org.magflow.event.SimEvent;
import org.magflow.run.ScenarioRun;
import org.magflow.scenario.LoadResult;
import org.magflow.scenario.Problem;
import org.magflow.scenario.ScenarioDefaults;
import org.magflow.scenario.ScenarioSpec;
import org.magflow.scenario.ScenarioLoader;
import org.magflow.scenario.ScenarioValidator;
import org.magflow.scenario.ScenarioWriter;

/**
 * Invariants that hold for any valid scenario, checked on random ones ({@link RandomScenarios}): material is
 * conserved, no reported value is NaN or infinite, no stock, price or flow is negative, a seed fixes the run,
 * and the scenario's resolved file reads back as the same scenario. Scenarios the validator refuses are skipped
 * and counted; the counts are printed after the properties.
 */
class ScenarioPropertiesTest {
  /** Rounding allowed below zero, relative to a tonne or a dollar. */
  private static final double TOLERANCE = 1e-9;

  private static final AtomicInteger VALID = new AtomicInteger();
  private static final AtomicInteger REFUSED = new AtomicInteger();
  private static final AtomicInteger ROWS = new AtomicInteger();
  private static final AtomicInteger WITH_POLICIES = new AtomicInteger();

  @Provide
  Arbitrary<RandomScenarios.Shape> shapes() {
    // regions, price zones, commodities, producers, demand sectors, policies, months
    return Combinators.combine(Arbitraries.integers().between(1, 4), Arbitraries.integers().between(1, 2),
        Arbitraries.integers().between(1, 4), Arbitraries.integers().between(1, 6),
        Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, 3),
        Arbitraries.integers().between(1, 8)).as(RandomScenarios.Shape::new);
  }

  private static ScenarioSpec validOrSkip(RandomScenarios.Shape shape, long detail) {
    ScenarioSpec spec = RandomScenarios.generate(shape, detail);
    List<Problem> problems = ScenarioValidator.validate(spec, "prop");
    if (!problems.isEmpty()) REFUSED.incrementAndGet();
    Assume.that(problems.isEmpty());
    VALID.incrementAndGet();
    if (!spec.policies().isEmpty()) WITH_POLICIES.incrementAndGet();
    return ScenarioDefaults.apply(spec);
  }

  @Property(tries = 200, shrinking = ShrinkingMode.BOUNDED)
  void randomScenario_conservesMaterial_andReportsNoNaNNegativeStockOrNegativePrice(
      @ForAll("shapes") RandomScenarios.Shape shape, @ForAll long detail, @ForAll long seed) {
    ScenarioSpec spec = validOrSkip(shape, detail);
    ScenarioRun.Outcome outcome = new ScenarioRun().execute(spec, "prop", seed, 0);
    assertInvariants(outcome.run().events());
    if (outcome.counterfactual() != null) assertInvariants(outcome.counterfactual().events());
    assertTrue(outcome.summary().conserved(), outcome.summary().conservation().toString());
  }

  private static void assertInvariants(List<SimEvent> events) {
    int audits = 0;
    for (SimEvent e : events) {
      if (e instanceof ConservationAudit a) {
        audits++;
        assertTrue(a.balanced(), "not conserved: " + a + ", residual " + a.residual());
      } else if (e instanceof Observation o) {
        ROWS.incrementAndGet();
        assertTrue(Double.isFinite(o.value()), "not a finite number: " + o);
        assertTrue(o.value() >= -TOLERANCE * Math.max(1, Math.abs(o.value())), "negative: " + o);
        if (o.metric().equals("price")) assertTrue(o.value() > 0, "price not positive: " + o);
      }
    }
    assertTrue(audits > 0, "no conservation audit in the run");
  }

  @Property(tries = 60, shrinking = ShrinkingMode.BOUNDED)
  void randomScenario_sameSeedTwice_givesEqualEvents(
      @ForAll("shapes") RandomScenarios.Shape shape, @ForAll long detail, @ForAll long seed) {
    ScenarioSpec spec = validOrSkip(shape, detail);
    ScenarioRun.Outcome first = new ScenarioRun().execute(spec, "prop", seed, 0);
    ScenarioRun.Outcome second = new ScenarioRun().execute(spec, "prop", seed, 0);
    assertEquals(first.run().events(), second.run().events());
    assertEquals(first.summary(), second.summary());
  }

  @Property(tries = 100, shrinking = ShrinkingMode.BOUNDED)
  void randomScenario_itsResolvedFile_loadsBackToTheSameScenario(
      @ForAll("shapes") RandomScenarios.Shape shape, @ForAll long detail) {
    ScenarioSpec spec = validOrSkip(shape, detail);
    // scenario.resolved.json is what a run can be repeated from: read back, it is the scenario that ran
    LoadResult reloaded = new ScenarioLoader().parse("scenario.resolved.json", new ScenarioWriter().toJson(spec), true);
    assertEquals(List.of(), reloaded.problems());
    assertEquals(spec, ScenarioDefaults.apply(reloaded.scenario()));
  }

  @AfterContainer
  static void printCounts() {
    System.out.printf("ScenarioPropertiesTest: %d valid random scenarios checked (%d with policies), %d refused by"
        + " the validator and skipped, %d observation rows checked%n", VALID.get(), WITH_POLICIES.get(),
        REFUSED.get(), ROWS.get());
  }
}
