package org.magflow.bench;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.magflow.run.InputException;
import org.magflow.run.RunJob;
import org.magflow.scenario.Problem;
import org.magflow.scenario.ScenarioSpec;
import org.magflow.scenario.ScenarioSpec.CapacityPointSpec;
import org.magflow.scenario.ScenarioSpec.DemandSpec;
import org.magflow.scenario.ScenarioSpec.FacilitySpec;
import org.magflow.scenario.ScenarioSpec.InputSupplierSpec;
import org.magflow.scenario.ScenarioSpec.ProducerSpec;
import org.magflow.scenario.ScenarioSpec.StockSpec;
import org.magflow.scenario.ScenarioSpec.SupplierShare;
import org.magflow.scenario.ScenarioSpec.SupplierShareSpec;
import org.magflow.scenario.ScenarioValidator;

/**
 * The scenarios the model benchmarks run, all made from {@code scenarios/baseline.yaml} (read relative to the
 * working directory: run the benchmarks from the project root) by changing the spec records, and each
 * validated like a file.
 */
final class Specs {
  static final String BASELINE_FILE = "scenarios/baseline.yaml";

  private Specs() {}

  /** The baseline as {@code magflow run} loads it: validated, defaults applied. */
  static ScenarioSpec baseline() {
    try {
      return RunJob.load(Path.of(BASELINE_FILE));
    } catch (InputException e) {
      throw new IllegalStateException(BASELINE_FILE + " does not load; run from the project root", e);
    }
  }

  /** The baseline from 2025-01-01 over {@code years} whole years. */
  static ScenarioSpec baselineYears(int years) {
    ScenarioSpec b = baseline();
    return withEnd(b, b.start().plusYears(years).minusDays(1));
  }

  static ScenarioSpec withEnd(ScenarioSpec s, LocalDate end) {
    return valid(new ScenarioSpec(s.name(), s.description(), s.start(), end, s.seed(), s.clock(), s.commodities(),
        s.regions(), s.market(), s.trade(), s.recipes(), s.producers(), s.demand(), s.demandResponse(),
        s.policies(), s.projects(), s.investment(), s.recycling()));
  }

  /**
   * The same world with {@code k} times the agents: each producer and each demand sector split into k
   * identical firms, each with 1/k of the capacity, opening stocks and demand; a supplier share naming a
   * split producer is spread evenly over its k firms. Totals, and so the world's balance, are unchanged.
   */
  static ScenarioSpec splitCast(ScenarioSpec s, int k) {
    if (k == 1) return s;
    List<ProducerSpec> producers = new ArrayList<>();
    for (ProducerSpec p : s.producers()) {
      for (int j = 1; j <= k; j++) {
        List<FacilitySpec> facilities = new ArrayList<>();
        for (FacilitySpec f : p.facilities()) {
          List<CapacityPointSpec> capacity = new ArrayList<>();
          for (CapacityPointSpec c : f.capacity()) {
            capacity.add(new CapacityPointSpec(c.date(), c.tonnesPerYear() / k));
          }
          facilities.add(new FacilitySpec(firm(f.id(), j), f.recipe(), f.region(), capacity, f.outages(),
              f.yields()));
        }
        producers.add(new ProducerSpec(firm(p.id(), j), firm(p.name(), j), p.region(), p.tags(), facilities,
            stocks(p.stocks(), k), p.supply(), shares(p.suppliers(), k, (share, n) -> new InputSupplierSpec(
                firm(share.producer(), n), share.share() / k, share.commodities())), p.sourcing()));
      }
    }
    List<DemandSpec> demand = new ArrayList<>();
    for (DemandSpec d : s.demand()) {
      for (int j = 1; j <= k; j++) {
        demand.add(new DemandSpec(firm(d.id(), j), firm(d.name(), j), d.region(), d.sector(), d.commodity(),
            d.baseTonnesPerYear() / k, d.growthPerYear(), d.priceElasticity(), d.priority(), d.unmet(),
            stock(d.stock(), k), shares(d.suppliers(), k, (share, n) -> new SupplierShareSpec(
                firm(share.producer(), n), share.share() / k)), d.tags()));
      }
    }
    return valid(new ScenarioSpec(s.name() + "-x" + k, s.description(), s.start(), s.end(), s.seed(), s.clock(),
        s.commodities(), s.regions(), s.market(), s.trade(), s.recipes(), producers, demand, s.demandResponse(),
        s.policies(), s.projects(), s.investment(), s.recycling()));
  }

  private static String firm(String id, int j) {
    return id == null ? null : id + "-" + j;
  }

  private static Map<String, StockSpec> stocks(Map<String, StockSpec> stocks, int k) {
    if (stocks == null) return null;
    Map<String, StockSpec> split = new LinkedHashMap<>();
    stocks.forEach((commodity, stock) -> split.put(commodity, stock(stock, k)));
    return split;
  }

  private static StockSpec stock(StockSpec s, int k) {
    return s == null ? null : new StockSpec(s.initialTonnes() / k, s.targetCoverDays());
  }

  /** Each share split evenly among the {@code k} firms standing for its producer, made by {@code firmShare}. */
  private static <S extends SupplierShare> List<S> shares(List<S> shares, int k, BiFunction<S, Integer, S> firmShare) {
    if (shares == null) return null;
    List<S> split = new ArrayList<>();
    for (S share : shares) {
      for (int j = 1; j <= k; j++) split.add(firmShare.apply(share, j));
    }
    return split;
  }

  private static ScenarioSpec valid(ScenarioSpec s) {
    List<Problem> problems = ScenarioValidator.validate(s, "(benchmark)");
    if (!problems.isEmpty()) throw new IllegalStateException("benchmark scenario is invalid: " + problems);
    return s;
  }
}
