package org.magflow.reliability;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.magflow.scenario.ScenarioLoader;
import org.magflow.scenario.ScenarioSpec;
import org.magflow.scenario.ScenarioSpec.CommoditySpec;
import org.magflow.scenario.ScenarioSpec.FacilitySpec;
import org.magflow.scenario.ScenarioSpec.ProducerSpec;
import org.magflow.scenario.ScenarioSpec.RecipeSpec;

/** tiny.yaml's magnet plant with given rare-earth contents and recipe, built as a spec so that it may bypass validation. */
public final class ContentScenarios {
  private ContentScenarios() {}

  /**
   * tiny.yaml with the concentrate's and the magnet's content, the magnet recipe making {@code output} t from
   * {@code input} t of concentrate, and the magnet plant's own yield when {@code ownYield} is not null.
   */
  public static ScenarioSpec tinyWith(Map<String, Double> concentrate, Map<String, Double> magnet, double input,
                                    double output, Double ownYield) {
    ScenarioSpec s = new ScenarioLoader().load(Path.of("src/test/resources/scenarios/tiny.yaml")).scenario();
    List<CommoditySpec> commodities = s.commodities().stream()
        .map(c -> new CommoditySpec(c.id(), c.name(), c.unit(), c.id().equals("magnet") ? magnet : concentrate))
        .toList();
    List<RecipeSpec> recipes = s.recipes().stream()
        .map(r -> r.id().equals("make") ? new RecipeSpec("make", r.stage(), Map.of("reo", input), Map.of("magnet", output), null, null) : r)
        .toList();
    List<ProducerSpec> producers = s.producers().stream().map(p -> new ProducerSpec(p.id(), p.name(), p.region(),
        p.tags(), p.facilities().stream().map(f -> f.recipe().equals("make") && ownYield != null
            ? new FacilitySpec(f.id(), f.recipe(), f.region(), f.capacity(), f.outages(), Map.of("magnet", ownYield))
            : f).toList(), p.stocks(), p.supply(), p.suppliers(), p.sourcing())).toList();
    // half a year after a month's warm-up: long enough for the plant to run, short enough to run many
    ScenarioSpec.ClockSpec c = s.clock();
    ScenarioSpec.ClockSpec clock = new ScenarioSpec.ClockSpec(c.productionDays(), c.clearingDays(), c.consumptionDays(),
        c.reporting(), 30);
    return new ScenarioSpec(s.name(), s.description(), s.start(), s.start().plusMonths(6), s.seed(), clock, commodities,
        s.regions(), s.market(), s.trade(), recipes, producers, s.demand(), s.demandResponse(), s.policies(),
        s.projects(), s.investment(), s.recycling());
  }
}
