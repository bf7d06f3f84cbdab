package org.magflow.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.DoubleRange;
import org.magflow.event.ConservationAudit;
import org.magflow.output.Kpis;
import org.magflow.output.RunSummary;
import org.magflow.output.RunSummary.Conservation;
import org.magflow.run.ScenarioRun;
import org.magflow.scenario.Problem;
import org.magflow.scenario.ScenarioDefaults;
import org.magflow.scenario.ScenarioSpec;
import org.magflow.scenario.ScenarioValidator;

/**
 * Mass balance over random recipes and yields: tiny.yaml's magnet plant with random rare-earth contents (by
 * element group) of its input and output, a random recipe and, half the time, random yields of its own. The
 * validator refuses exactly the plants that make more of some group than their inputs can supply (judged here by
 * a greedy allocation, written apart from the model's rule), and the run's content audit fails exactly for those,
 * planted past the validator.
 */
class MassBalancePropertyTest {
  private static final List<String> GROUPS = List.of("reo", "ndpr", "dytb");

  @Provide
  Arbitrary<Map<String, Double>> contents() {
    Arbitrary<Double> share = Arbitraries.doubles().between(0, 0.399).ofScale(3); // three groups: under the 1.2 t limit (0.4 x 3 rounds above it)
    return Arbitraries.maps(Arbitraries.of(GROUPS), share).ofMinSize(1).ofMaxSize(3);
  }

  @Property(tries = 40, seed = ScenarioPropertiesTest.SEED)
  void validatorRefuses_andAuditFails_exactlyWhenAPlantCreatesContent(
      @ForAll("contents") Map<String, Double> concentrate, @ForAll("contents") Map<String, Double> magnet,
      @ForAll @DoubleRange(min = 0.1, max = 5) double inputPerActivity,
      @ForAll @DoubleRange(min = 0.01, max = 5) double outputPerActivity,
      @ForAll @DoubleRange(min = 0, max = 5) double ownYield) {
    Double own = ownYield > 2.5 ? ownYield : null; // half the time the plant has its own yields
    Map<String, Double> in = scaled(concentrate, inputPerActivity);
    double scale = Math.max(1, in.values().stream().mapToDouble(x -> x).sum());
    double recipeShort = shortfall(in, scaled(magnet, outputPerActivity));
    double plantShort = own == null ? recipeShort : shortfall(in, scaled(magnet, own));
    for (double s : new double[] {recipeShort, plantShort}) Assume.that(s == 0 || s > 1e-6 * scale); // not at the edge of rounding

    ScenarioSpec spec = ContentScenarios.tinyWith(concentrate, magnet, inputPerActivity, outputPerActivity, own);
    List<Problem> problems = ScenarioValidator.validate(spec, "prop");
    List<String> expected = new ArrayList<>();
    if (recipeShort > 0) expected.add("recipes[1].outputs");
    if (own != null && plantShort > 0) expected.add("producers[1].facilities[0].yields");
    assertEquals(expected, problems.stream().map(p -> p.message().startsWith("makes more rare earths") ? p.path() : p.toString())
        .toList(), problems.toString());

    RunSummary summary = Kpis.compute(new ScenarioRun().simulate(ScenarioDefaults.apply(spec), "prop", 3, 0), null);
    Conservation content = summary.conservation().stream()
        .filter(c -> c.commodity().equals(ConservationAudit.CONTENT)).findFirst().orElse(null);
    Assume.that(content != null && content.initial() > 1e-3); // the plant ran
    Statistics.collect(plantShort > 0 ? "plant creates content" : "plant conserves");
    assertEquals(plantShort == 0, content.balanced(), content.toString());
  }

  /** What the outputs need beyond the inputs: each separated group from itself, then from unseparated content. */
  static double shortfall(Map<String, Double> in, Map<String, Double> out) {
    Map<String, Double> left = new HashMap<>(in);
    double missing = 0;
    for (String g : List.of("ndpr", "dytb")) {
      double need = out.getOrDefault(g, 0.0);
      for (String source : List.of(g, "reo")) {
        double take = Math.min(need, left.getOrDefault(source, 0.0));
        left.merge(source, -take, Double::sum);
        need -= take;
      }
      missing += need;
    }
    double unseparated = out.getOrDefault("reo", 0.0);
    for (double rest : left.values()) unseparated -= Math.min(unseparated, rest);
    return missing + unseparated;
  }

  private static Map<String, Double> scaled(Map<String, Double> content, double tonnes) {
    Map<String, Double> result = new TreeMap<>();
    content.forEach((g, x) -> result.put(g, x * tonnes));
    return result;
  }
}
