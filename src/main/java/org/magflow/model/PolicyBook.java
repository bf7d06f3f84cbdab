package org.magflow.model;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.magflow.event.PolicyChange;
import org.magflow.policy.Policy;
import org.magflow.policy.Rule;
import org.magflow.policy.TradeRules;

/**
 * Which policies are in force, and what changes in the world when that changes.
 *
 * <p>A policy is switched on and off by its times; it is <i>in force</i> while switched on and not suspended
 * by a policy that is switched on. Each change recomputes the {@link TradeRules} and applies them: to the
 * market's lanes, to plants' capacities (capacity changes, technology bans), to price floors and to stockpile
 * holders. Every policy whose being in force changes is reported, suspended ones included. Policies come
 * compiled (indices and simulation times), so a switch looks nothing up by name.
 */
final class PolicyBook {
  private final SupplyChain world;
  private final List<Policy> policies;
  private final boolean[] switchedOn;
  private final boolean[] inForce;
  private final boolean[] suspended;
  private TradeRules rules = TradeRules.NONE;
  /** [producer][commodity]: the guaranteed price, or NaN. */
  private final double[][] priceFloor;

  PolicyBook(SupplyChain world, List<Policy> policies) {
    this.world = world;
    this.policies = List.copyOf(policies);
    this.switchedOn = new boolean[policies.size()];
    this.inForce = new boolean[policies.size()];
    this.suspended = new boolean[policies.size()];
    this.priceFloor = new double[world.producers.size()][world.commodities.size()];
    for (double[] row : priceFloor) Arrays.fill(row, Double.NaN);
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
    Arrays.fill(suspended, false);
    for (int k = 0; k < policies.size(); k++) {
      if (switchedOn[k]) for (int s : policies.get(k).suspends()) suspended[s] = true;
    }
    List<Policy> active = new ArrayList<>();
    for (int k = 0; k < policies.size(); k++) {
      Policy p = policies.get(k);
      boolean applies = switchedOn[k] && !suspended[k];
      if (applies != inForce[k]) world.report(new PolicyChange(date, p.name(), p.type(), applies));
      inForce[k] = applies;
      if (applies) active.add(p);
    }
    rules = TradeRules.of(active);
    world.market().apply(rules);
    adjustPlants();
    setPriceFloors();
    updateStockpiles(now);
  }

  /** Tells stockpile holders whether their policy is in force at {@code now}. */
  void updateStockpiles(double now) {
    for (StockpileHolder h : world.stockpiles) h.update(rules.stockpileActive(h.index), now);
  }

  /** Plants are numbered in producer order, each producer's in its own order, as the compiled rules number them. */
  private void adjustPlants() {
    int plant = 0;
    for (Producer p : world.producers) {
      for (Facility f : p.facilities) f.adjust(adjustments(plant++));
    }
  }

  private Facility.Adjustments adjustments(int plant) {
    List<Facility.Expansion> expansions = new ArrayList<>();
    double available = 1;
    for (Rule.CapacityChange e : rules.capacityChanges()) {
      if (e.plant() != plant) continue;
      switch (e.kind()) {
        case EXPANSION -> expansions.add(new Facility.Expansion(e.start(), e.tonnesPerYear(), e.rampDays()));
        case OUTAGE -> available *= e.availableFraction();
        case CLOSURE -> available = 0;
      }
    }
    double banStart = Double.NaN;
    double delay = 0;
    double derate = 0;
    for (Rule.TechnologyBan b : rules.technologyBans()) {
      if (!b.plants()[plant]) continue;
      // overlapping bans: the earliest start, the longest delay and the heaviest derate apply
      banStart = Double.isNaN(banStart) ? b.start() : Math.min(banStart, b.start());
      delay = Math.max(delay, b.delayDays());
      derate = Math.max(derate, b.derate());
    }
    if (expansions.isEmpty() && available == 1 && Double.isNaN(banStart)) return Facility.Adjustments.NONE;
    return new Facility.Adjustments(List.copyOf(expansions), available, banStart, delay, derate);
  }

  private void setPriceFloors() {
    for (double[] row : priceFloor) Arrays.fill(row, Double.NaN);
    for (Rule.PriceFloor f : rules.priceFloors()) { // overlapping floors: the highest applies
      double before = priceFloor[f.producer()][f.commodity()];
      priceFloor[f.producer()][f.commodity()] = Double.isNaN(before) ? f.usdPerKg() : Math.max(before, f.usdPerKg());
    }
  }
}
