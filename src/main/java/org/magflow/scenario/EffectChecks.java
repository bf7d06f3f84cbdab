package org.magflow.scenario;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.magflow.scenario.ScenarioSpec.DemandSpec;
import org.magflow.scenario.ScenarioSpec.FacilitySpec;
import org.magflow.scenario.ScenarioSpec.ProducerSpec;
import org.magflow.scenario.ScenarioSpec.RecipeSpec;
import org.magflow.scenario.ScenarioSpec.StockSpec;
import org.magflow.scenario.ScenarioSpec.SupplierShare;

/**
 * Refuses values that validate one by one yet could never have the effect they are written for: a supplier
 * share placed with a producer that has nothing the buyer buys, and suspensions that suspend each other.
 * Each check skips what the other checks already refused (a null, an unknown id).
 */
final class EffectChecks {
  private EffectChecks() {}

  static void check(ScenarioSpec s, Checks check) {
    Map<String, RecipeSpec> recipes = new HashMap<>();
    for (RecipeSpec r : Checks.nonNull(s.recipes())) if (r.id() != null) recipes.putIfAbsent(r.id(), r);
    Cast cast = Cast.of(s, recipes);
    for (int i = 0; s.demand() != null && i < s.demand().size(); i++) {
      DemandSpec d = s.demand().get(i);
      if (d == null || check.commodities == null || !check.commodities.contains(d.commodity())) continue;
      shares(check, FieldPaths.index("demand", i) + ".suppliers", d.id(), d.suppliers(), Set.of(d.commodity()),
          cast);
    }
    for (int i = 0; s.producers() != null && i < s.producers().size(); i++) {
      ProducerSpec p = s.producers().get(i);
      if (p == null || p.id() == null) continue;
      shares(check, FieldPaths.index("producers", i) + ".suppliers", p.id(), p.suppliers(),
          cast.buys.getOrDefault(p.id(), Set.of()), cast);
    }
    suspensionCycles(s.policies(), check);
  }

  /**
   * What each producer can sell (what its plants and projects make, and the stock it starts with) and what it
   * buys (its plants' and projects' inputs), by producer id.
   */
  private record Cast(Map<String, Set<String>> sells, Map<String, Set<String>> buys, Map<String, RecipeSpec> recipes) {
    static Cast of(ScenarioSpec s, Map<String, RecipeSpec> recipes) {
      Cast cast = new Cast(new HashMap<>(), new HashMap<>(), recipes);
      Map<String, String> ownerByFacility = new HashMap<>();
      for (ProducerSpec p : Checks.nonNull(s.producers())) {
        if (p.id() == null) continue;
        for (FacilitySpec f : Checks.nonNull(p.facilities())) {
          cast.plant(p.id(), recipes.get(f.recipe()), f.yields());
          if (f.id() != null) ownerByFacility.putIfAbsent(f.id(), p.id());
        }
        if (p.stocks() == null) continue;
        for (Map.Entry<String, StockSpec> e : p.stocks().entrySet()) {
          StockSpec stock = e.getValue();
          if (stock != null && stock.initialTonnes() != null && stock.initialTonnes() > 0) {
            cast.sells.computeIfAbsent(p.id(), k -> new TreeSet<>()).add(e.getKey());
          }
        }
      }
      for (ProjectSpec p : Checks.nonNull(s.projects())) {
        if (p.owner() != null) cast.plant(p.owner(), recipes.get(p.recipe()), p.yields());
      }
      for (PolicySpec policy : Checks.nonNull(s.policies())) { // an expansion with yields is a plant of its own
        if (policy instanceof CapacityEventSpec c && c.facility() != null && ownerByFacility.containsKey(c.facility())
            && c.yields() != null && !c.yields().isEmpty()) {
          FacilitySpec beside = facility(s, c.facility());
          cast.plant(ownerByFacility.get(c.facility()), beside == null ? null : recipes.get(beside.recipe()),
              c.yields());
        }
      }
      return cast;
    }

    /**
     * A plant of {@code owner}'s running {@code recipe}, its outputs replaced by {@code yields} (0: none), or any of
     * the recipe's alternatives.
     */
    void plant(String owner, RecipeSpec recipe, Map<String, Double> yields) {
      if (recipe == null) return;
      runs(owner, recipe, yields);
      for (String id : Checks.nonNull(recipe.alternatives())) {
        RecipeSpec alternative = recipes.get(id);
        if (alternative != null) runs(owner, alternative, null);
      }
    }

    /** What a plant of {@code owner}'s buys and sells running one recipe, its outputs replaced by {@code yields}. */
    private void runs(String owner, RecipeSpec recipe, Map<String, Double> yields) {
      if (recipe.inputs() != null) buys.computeIfAbsent(owner, k -> new TreeSet<>()).addAll(recipe.inputs().keySet());
      if (recipe.outputs() == null) return;
      for (String output : recipe.outputs().keySet()) {
        Double yield = yields == null ? null : yields.get(output);
        if (yield == null || yield > 0) sells.computeIfAbsent(owner, k -> new TreeSet<>()).add(output);
      }
    }

    private static FacilitySpec facility(ScenarioSpec s, String id) {
      for (ProducerSpec p : Checks.nonNull(s.producers())) {
        for (FacilitySpec f : Checks.nonNull(p.facilities())) if (id.equals(f.id())) return f;
      }
      return null;
    }
  }

  /** Refuses each share placed with a producer that never has any of what the buyer buys. */
  private static void shares(Checks check, String path, String buyer, List<? extends SupplierShare> shares,
                             Set<String> buys, Cast cast) {
    for (int k = 0; shares != null && k < shares.size(); k++) {
      SupplierShare share = shares.get(k);
      if (share == null || share.producer() == null || check.producers == null
          || !check.producers.contains(share.producer())) {
        continue;
      }
      Set<String> sells = cast.sells.getOrDefault(share.producer(), Set.of());
      Set<String> both = intersection(sells, buys);
      if (share.commodities() != null && !both.isEmpty()) { // with none in common, the producer itself is refused
        for (int j = 0; j < share.commodities().size(); j++) {
          String c = share.commodities().get(j);
          if (c == null || check.commodities == null || !check.commodities.contains(c)
              || (sells.contains(c) && buys.contains(c))) {
            continue;
          }
          check.problem(FieldPaths.index(FieldPaths.index(path, k) + ".commodities", j), "'" + c + "' is not "
              + (buys.contains(c) ? "something producer '" + share.producer() + "' makes or holds" : "something '"
              + buyer + "' buys") + ", so this share would never cover it; expected one of "
              + Checks.listed(List.copyOf(both)));
        }
      }
      if (!both.isEmpty()) continue;
      String buying = buys.isEmpty() ? "nothing, as its plants use no inputs" : Checks.listed(List.copyOf(buys));
      check.problem(FieldPaths.index(path, k) + ".producer", "producer '" + share.producer() + "' never has what '"
          + buyer + "' buys (" + buying + "): " + (sells.isEmpty() ? "it makes nothing and holds no stock"
          : "it makes or holds only " + Checks.listed(List.copyOf(sells)))
          + ", so this share would never be placed; remove it or name a producer that does");
    }
  }

  /** What {@code a} and {@code b} hold both, in order. */
  private static Set<String> intersection(Set<String> a, Set<String> b) {
    Set<String> both = new TreeSet<>(a);
    both.retainAll(b);
    return both;
  }

  /**
   * Refuses suspensions that suspend each other, in a cycle, while in force together. The run switches a policy
   * off while any switched-on suspension names it, suspended or not, so over the days they overlap none of
   * them applies and the policies they were written to suspend run unsuspended: no file means that.
   */
  private static void suspensionCycles(List<PolicySpec> policies, Checks check) {
    if (policies == null) return;
    Map<String, Integer> index = new LinkedHashMap<>();
    for (int i = 0; i < policies.size(); i++) {
      if (policies.get(i) instanceof SuspensionSpec s && s.name() != null) index.putIfAbsent(s.name(), i);
    }
    for (int first : index.values()) {
      List<Integer> cycle = shortestCycle(first, policies, index);
      if (cycle == null) continue;
      LocalDate from = null;
      LocalDate to = null;
      boolean open = true;
      for (int i : cycle) {
        PolicySpec p = policies.get(i);
        if (p.start() == null) return; // reported as missing
        if (from == null || p.start().isAfter(from)) from = p.start();
        if (p.end() != null && (open || p.end().isBefore(to))) {
          to = p.end();
          open = false;
        }
      }
      if (!open && !to.isAfter(from)) continue; // never in force together: each suspends only a switched-off policy
      List<String> names = new ArrayList<>();
      for (int i : cycle) names.add(policies.get(i).name());
      names.add(policies.get(first).name());
      SuspensionSpec s = (SuspensionSpec) policies.get(first);
      String next = policies.get(cycle.get(1)).name();
      check.problem(FieldPaths.index(FieldPaths.index("policies", first) + ".suspends", s.suspends().indexOf(next)),
          "suspensions that suspend each other: " + String.join(" -> ", names) + ". From " + from
          + (open ? "" : " to " + to) + " they are in force together, and a suspended suspension still suspends,"
          + " so none of them applies and what they suspend runs unsuspended; suspend in one direction only");
    }
  }

  /**
   * The shortest cycle of suspensions from {@code first} back to it, through later policies only (so each cycle
   * is found once, from its first member), as policy indices starting with {@code first}; null if none.
   */
  private static List<Integer> shortestCycle(int first, List<PolicySpec> policies, Map<String, Integer> index) {
    Map<Integer, Integer> parent = new HashMap<>();
    Deque<Integer> queue = new ArrayDeque<>(List.of(first));
    while (!queue.isEmpty()) {
      int at = queue.poll();
      for (String name : Checks.nonNull(((SuspensionSpec) policies.get(at)).suspends())) {
        Integer next = index.get(name);
        if (next == null || next < first || next == at) continue;
        if (next == first) {
          List<Integer> cycle = new ArrayList<>();
          for (Integer k = at; k != null; k = parent.get(k)) cycle.add(0, k);
          return cycle;
        }
        if (parent.putIfAbsent(next, at) == null) queue.add(next);
      }
    }
    return null;
  }
}
