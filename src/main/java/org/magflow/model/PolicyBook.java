package org.magflow.model;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.magflow.event.PolicyChange;
import org.magflow.policy.Policies;
import org.magflow.policy.Policy;
import org.magflow.policy.TradeRules;

/**
 * Which policies are in force, and what changes in the world when that changes.
 *
 * <p>A policy is switched on and off by its dates; it is <i>in force</i> while switched on and not named by a
 * suspension that is switched on. Each change recomputes the {@link TradeRules} and applies them: to the
 * market's lanes, to plants' capacities (capacity events, technology bans), to price floors and to stockpile
 * holders. Every policy whose being in force changes is reported, suspended ones included.
 */
final class PolicyBook {
  private final SupplyChain world;
  private final List<Policy> policies;
  private final boolean[] switchedOn;
  private final boolean[] inForce;
  private TradeRules rules = TradeRules.NONE;
  /** [producer][commodity]: the guaranteed price, or NaN. */
  private final double[][] priceFloor;

  PolicyBook(SupplyChain world, List<Policy> policies) {
    this.world = world;
    this.policies = List.copyOf(policies);
    this.switchedOn = new boolean[policies.size()];
    this.inForce = new boolean[policies.size()];
    this.priceFloor = new double[world.producers.size()][world.commodities.size()];
    for (double[] row : priceFloor) java.util.Arrays.fill(row, Double.NaN);
  }

  List<Policy> policies() {
    return policies;
  }

  TradeRules rules() {
    return rules;
  }

  /** The guaranteed price of a producer's commodity in force, or NaN. */
  double priceFloor(Producer p, int c) {
    return priceFloor[p.index][c];
  }

  /** Switches policy {@code i} on or off at {@code now}; {@code date} is what the outputs report. */
  void switchPolicy(int i, boolean on, LocalDate date, double now) {
    switchedOn[i] = on;
    Set<String> suspended = new HashSet<>();
    for (int k = 0; k < policies.size(); k++) {
      if (switchedOn[k] && policies.get(k) instanceof Policies.Suspension s) suspended.addAll(s.suspends());
    }
    List<Policy> active = new ArrayList<>();
    for (int k = 0; k < policies.size(); k++) {
      Policy p = policies.get(k);
      boolean now2 = switchedOn[k] && !suspended.contains(p.name());
      if (now2 != inForce[k]) world.report(new PolicyChange(date, p.name(), p.type(), now2));
      inForce[k] = now2;
      if (now2) active.add(p);
    }
    rules = TradeRules.of(active);
    world.market().apply(rules);
    adjustPlants();
    setPriceFloors();
    updateStockpiles(now);
  }

  /** Tells stockpile holders whether their policy is in force at {@code now}. */
  void updateStockpiles(double now) {
    for (StockpileHolder h : world.stockpiles) h.update(rules.stockpileActive(h.id), now);
  }

  private void adjustPlants() {
    for (Producer p : world.producers) {
      for (Facility f : p.facilities) f.adjust(adjustments(f));
    }
  }

  private Facility.Adjustments adjustments(Facility f) {
    List<Facility.Expansion> expansions = new ArrayList<>();
    double available = 1;
    for (Policies.CapacityEvent e : rules.capacityEvents()) {
      if (!e.facility().equals(f.id)) continue;
      switch (e.kind()) {
        case "expansion" -> expansions.add(new Facility.Expansion(world.calendar.toSimTime(e.start()),
            e.tonnesPerYear(), e.rampDays()));
        case "outage" -> available *= e.availableFraction();
        default -> available = 0; // closure
      }
    }
    double banStart = Double.NaN;
    double delay = 0;
    double derate = 0;
    for (Policies.TechnologyBan b : rules.technologyBans()) {
      boolean region = b.regions().isEmpty() ? !f.site.id().equals(b.exporter()) : b.regions().contains(f.site.id());
      boolean stage = b.stages().isEmpty() || b.stages().contains(f.recipe.stage().id());
      if (!region || !stage) continue;
      // overlapping bans: the earliest start, the longest delay and the heaviest derate apply
      double start = world.calendar.toSimTime(b.start());
      banStart = Double.isNaN(banStart) ? start : Math.min(banStart, start);
      delay = Math.max(delay, b.delayDays());
      derate = Math.max(derate, b.derate());
    }
    if (expansions.isEmpty() && available == 1 && Double.isNaN(banStart)) return Facility.Adjustments.NONE;
    return new Facility.Adjustments(List.copyOf(expansions), available, banStart, delay, derate);
  }

  private void setPriceFloors() {
    for (Producer p : world.producers) {
      for (Commodity c : world.commodities) priceFloor[p.index][c.index()] = rules.priceFloor(p.id, c.id());
    }
  }
}
