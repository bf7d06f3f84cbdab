package org.magflow.scenario;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.magflow.scenario.ScenarioSpec.CapacityPointSpec;
import org.magflow.scenario.ScenarioSpec.DemandResponseSpec;
import org.magflow.scenario.ScenarioSpec.DemandSpec;
import org.magflow.scenario.ScenarioSpec.FacilitySpec;
import org.magflow.scenario.ScenarioSpec.OutageSpec;
import org.magflow.scenario.ScenarioSpec.ProducerSpec;
import org.magflow.scenario.ScenarioSpec.RecipeSpec;
import org.magflow.scenario.ScenarioSpec.SourcingSpec;
import org.magflow.scenario.ScenarioSpec.StockSpec;
import org.magflow.scenario.ScenarioSpec.SupplierShare;
import org.magflow.scenario.ScenarioSpec.SupplySpec;

/** The checks of what makes and uses material: recipes (and their cycles), producers and their plants, demand. */
class CastChecks extends Checks {
  CastChecks(String file) {
    super(file);
  }

  // ---- recipes -------------------------------------------------------------------------------------------

  void recipeList(List<RecipeSpec> list) {
    if (list == null) return;
    for (int i = 0; i < list.size(); i++) {
      String path = FieldPaths.index("recipes", i);
      RecipeSpec r = list.get(i);
      if (r == null) continue; // idList reported it
      if (r.id() != null) recipeById.putIfAbsent(r.id(), r);
      oneOf(path + ".stage", r.stage(), ScenarioValidator.STAGES, true);
      coefficients(path + ".inputs", r.inputs(), false);
      coefficients(path + ".outputs", r.outputs(), true);
      conserves(path + ".outputs", r, null);
    }
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) != null) alternatives(FieldPaths.index("recipes", i) + ".alternatives", list.get(i));
    }
  }

  /** A recipe's alternatives: other plain recipes of its stage, each named once. */
  private void alternatives(String path, RecipeSpec r) {
    if (r.alternatives() == null) return;
    Set<String> named = new HashSet<>();
    for (int k = 0; k < r.alternatives().size(); k++) {
      String at = FieldPaths.index(path, k);
      String id = ref(at, r.alternatives().get(k), recipes);
      RecipeSpec other = id == null ? null : recipeById.get(id);
      if (other == null) continue;
      if (id.equals(r.id())) {
        problem(at, "'" + id + "' is this recipe; expected another recipe its plants can run instead");
      } else if (!named.add(id)) {
        problem(at, "'" + id + "' is named twice; expected each alternative once");
      } else if (other.stage() != null && !other.stage().equals(r.stage())) {
        problem(at, "'" + id + "' is a " + other.stage() + " recipe; expected one of this recipe's stage ("
            + r.stage() + "): a plant runs its alternatives in the same capacity");
      } else if (other.alternatives() != null && !other.alternatives().isEmpty()) {
        problem(at, "'" + id + "' has alternatives of its own; expected a recipe without (list them all here)");
      }
    }
  }

  void coefficients(String path, Map<String, Double> map, boolean required) {
    if (map == null) {
      if (required) problem(path, "missing; expected at least one commodity: tonnes per tonne of activity");
      return;
    }
    if (required && map.isEmpty()) {
      problem(path, "expected at least one commodity: tonnes per tonne of activity, found none");
    }
    for (Map.Entry<String, Double> e : map.entrySet()) {
      String entry = FieldPaths.field(path, e.getKey());
      ref(entry, e.getKey(), commodities);
      number(entry, e.getValue(), Bound.COEFFICIENT, true);
    }
  }

  /** Reports each cycle of "made from" among commodities, in the direction material flows. */
  void recipeCycles(List<RecipeSpec> list) {
    if (list == null) return;
    // edges input -> output, each labelled with the recipe that makes it
    Map<String, Map<String, Integer>> next = new LinkedHashMap<>();
    for (int i = 0; i < list.size(); i++) {
      RecipeSpec r = list.get(i);
      if (r == null || r.inputs() == null || r.outputs() == null) continue;
      for (String in : r.inputs().keySet()) {
        for (String out : r.outputs().keySet()) {
          next.computeIfAbsent(in, k -> new LinkedHashMap<>()).putIfAbsent(out, i);
        }
      }
    }
    Set<String> done = new HashSet<>();
    for (String start : next.keySet()) {
      if (done.contains(start)) continue;
      // iterative depth-first search: a long chain of commodities must not overflow the stack
      List<String> onPath = new ArrayList<>();
      Deque<Iterator<Map.Entry<String, Integer>>> edges = new ArrayDeque<>();
      onPath.add(start);
      edges.push(next.getOrDefault(start, Map.of()).entrySet().iterator());
      while (!edges.isEmpty()) {
        Iterator<Map.Entry<String, Integer>> it = edges.peek();
        if (!it.hasNext()) {
          done.add(onPath.remove(onPath.size() - 1));
          edges.pop();
          continue;
        }
        Map.Entry<String, Integer> edge = it.next();
        String to = edge.getKey();
        int back = onPath.indexOf(to);
        if (back >= 0) {
          List<String> cycle = new ArrayList<>(onPath.subList(back, onPath.size()));
          cycle.add(to);
          problem(FieldPaths.index("recipes", edge.getValue()), "recipe cycle: " + String.join(" -> ", cycle));
        } else if (!done.contains(to)) {
          onPath.add(to);
          edges.push(next.getOrDefault(to, Map.of()).entrySet().iterator());
        }
      }
    }
  }

  // ---- producers -----------------------------------------------------------------------------------------

  void producerList(List<ProducerSpec> list, Ids agents) {
    if (required("producers", list, "a list of producers") == null) return;
    facilities = new Ids("facility", "facilities");
    for (int i = 0; i < list.size(); i++) {
      String path = FieldPaths.index("producers", i);
      ProducerSpec p = element(path, list.get(i), "a producer (id, region, facilities, ...)");
      if (p == null) continue;
      unique(path + ".id", p.id(), agents);
      ref(path + ".region", p.region(), regions);
      strings(path + ".tags", p.tags(), "a tag");
      List<FacilitySpec> fs = list(path + ".facilities", p.facilities(), true, false,
          "a list of facilities (an empty list for a producer that only holds stock)");
      if (fs != null) {
        if (fs.size() > ScenarioValidator.MAX_FACILITIES_PER_PRODUCER) {
          problem(path + ".facilities", "too many facilities: " + fs.size() + "; at most "
              + ScenarioValidator.MAX_FACILITIES_PER_PRODUCER + " per producer");
        }
        for (int j = 0; j < fs.size(); j++) {
          facility(FieldPaths.index(path + ".facilities", j), fs.get(j), facilities);
        }
      }
      if (p.stocks() != null) {
        for (Map.Entry<String, StockSpec> e : p.stocks().entrySet()) {
          String entry = FieldPaths.field(path + ".stocks", e.getKey());
          ref(entry, e.getKey(), commodities);
          stock(entry, e.getValue());
        }
      }
      supply(path + ".supply", p.supply());
      sourcing(path + ".sourcing", p.sourcing());
      suppliers(path + ".suppliers", p.suppliers());
      if (p.suppliers() != null && p.id() != null) {
        for (int k = 0; k < p.suppliers().size(); k++) {
          SupplierShare share = p.suppliers().get(k);
          if (share != null && p.id().equals(share.producer())) {
            problem(FieldPaths.index(path + ".suppliers", k) + ".producer", "a producer cannot supply itself");
          }
        }
      }
    }
  }

  void facility(String path, FacilitySpec f, Ids facilities) {
    f = element(path, f, "a facility (id, recipe, capacity, ...)");
    if (f == null) return;
    unique(path + ".id", f.id(), facilities);
    String recipe = ref(path + ".recipe", f.recipe(), recipes);
    if (f.id() != null && recipe != null && recipeById.containsKey(recipe)) {
      recipeByFacility.putIfAbsent(f.id(), recipeById.get(recipe));
    }
    if (f.region() != null) ref(path + ".region", f.region(), regions);
    List<CapacityPointSpec> capacity = list(path + ".capacity", f.capacity(), true, true,
        "a list of capacity points (date, tonnesPerYear)");
    if (capacity != null) {
      LocalDate previous = null;
      for (int k = 0; k < capacity.size(); k++) {
        String point = FieldPaths.index(path + ".capacity", k);
        CapacityPointSpec c = element(point, capacity.get(k), "a capacity point (date, tonnesPerYear)");
        if (c == null) continue;
        LocalDate date = date(point + ".date", c.date(), true);
        if (date != null && previous != null && date.isBefore(previous)) {
          problem(point + ".date", "expected a date on or after the previous point's (" + previous + "), found "
              + date);
        }
        if (date != null) previous = date;
        number(point + ".tonnesPerYear", c.tonnesPerYear(), Bound.TONNES, true);
      }
    }
    List<OutageSpec> outages = list(path + ".outages", f.outages(), false, false, "a list of outages");
    if (outages != null) {
      for (int k = 0; k < outages.size(); k++) {
        String outage = FieldPaths.index(path + ".outages", k);
        OutageSpec o = element(outage, outages.get(k), "an outage (from, to, availableFraction)");
        if (o == null) continue;
        LocalDate from = date(outage + ".from", o.from(), true);
        LocalDate to = date(outage + ".to", o.to(), true);
        if (from != null && to != null && !to.isAfter(from)) {
          problem(outage + ".to", "expected a date after from (" + from + "), found " + to);
        }
        number(outage + ".availableFraction", o.availableFraction(), Bound.FRACTION, true);
      }
    }
    yields(path + ".yields", f.yields(), recipe, Bound.YIELD);
  }

  void stock(String path, StockSpec s) {
    if (required(path, s, "an object with initialTonnes and targetCoverDays") == null) return;
    number(path + ".initialTonnes", s.initialTonnes(), Bound.TONNES, true);
    number(path + ".targetCoverDays", s.targetCoverDays(), Bound.DAYS, true);
  }

  void supply(String path, SupplySpec s) {
    if (s == null) return;
    number(path + ".normalUtilisation", s.normalUtilisation(), Bound.FRACTION, false);
    number(path + ".priceElasticity", s.priceElasticity(), Bound.ELASTICITY, false);
    number(path + ".maxCoverDays", s.maxCoverDays(), Bound.DAYS, false);
    number(path + ".adjustmentDays", s.adjustmentDays(), Bound.SOME_DAYS, false);
    number(path + ".orderAdjustmentDays", s.orderAdjustmentDays(), Bound.DAYS, false);
  }

  /** A firm's own sourcing rule: the regions it will not buy content from. */
  void sourcing(String path, SourcingSpec s) {
    if (s == null) return;
    regionList(path + ".excludedOrigins", s.excludedOrigins(), true, null);
  }

  // ---- demand --------------------------------------------------------------------------------------------

  void demandList(List<DemandSpec> list, Ids agents) {
    if (required("demand", list, "a list of demand sectors") == null) return;
    for (int i = 0; i < list.size(); i++) {
      String path = FieldPaths.index("demand", i);
      DemandSpec d = element(path, list.get(i), "a demand sector (id, region, sector, commodity, ...)");
      if (d == null) continue;
      unique(path + ".id", d.id(), agents);
      ref(path + ".region", d.region(), regions);
      id(path + ".sector", d.sector(), "a sector name such as ev or defence, of letters, digits, '-' or '_'");
      ref(path + ".commodity", d.commodity(), commodities);
      number(path + ".baseTonnesPerYear", d.baseTonnesPerYear(), Bound.TONNES, true);
      number(path + ".growthPerYear", d.growthPerYear(), Bound.GROWTH, true);
      number(path + ".priceElasticity", d.priceElasticity(), Bound.ELASTICITY, true);
      integer(path + ".priority", d.priority(), 0, ScenarioValidator.MAX_PRIORITY, true);
      oneOf(path + ".unmet", d.unmet(), ScenarioValidator.UNMET_RULES, true);
      stock(path + ".stock", d.stock());
      suppliers(path + ".suppliers", d.suppliers());
      strings(path + ".tags", d.tags(), "a tag");
    }
  }

  void suppliers(String path, List<? extends SupplierShare> list) {
    if (list(path, list, false, false, "a list of supplier shares (producer, share)") == null) return;
    double total = 0;
    boolean allValid = true;
    Set<String> seen = new HashSet<>();
    for (int k = 0; k < list.size(); k++) {
      String entry = FieldPaths.index(path, k);
      SupplierShare s = element(entry, list.get(k), "a supplier share (producer, share)");
      if (s == null) continue;
      String producer = ref(entry + ".producer", s.producer(), producers);
      if (producer != null && !seen.add(producer)) {
        problem(entry + ".producer", "producer '" + producer + "' is listed twice; give it one share");
      }
      allValid &= number(entry + ".share", s.share(), Bound.FRACTION, true);
      if (s.share() != null) total += s.share();
      if (list(entry + ".commodities", s.commodities(), false, true, "a list of commodity ids") != null) {
        for (int j = 0; j < s.commodities().size(); j++) {
          ref(FieldPaths.index(entry + ".commodities", j), s.commodities().get(j), commodities);
        }
      }
    }
    if (allValid && total > 1 + SHARE_TOLERANCE) {
      problem(path, "supplier shares add up to " + format(total) + "; expected at most 1");
    }
  }

  void demandResponse(DemandResponseSpec r) {
    if (r == null) return;
    number("demandResponse.substitutionThresholdMultiple", r.substitutionThresholdMultiple(), Bound.AT_LEAST_ONE,
        false);
    number("demandResponse.substitutionMaxShare", r.substitutionMaxShare(), Bound.FRACTION, false);
    number("demandResponse.substitutionRatePerYear", r.substitutionRatePerYear(), Bound.SHARE_PER_YEAR, false);
    number("demandResponse.noise", r.noise(), Bound.NOISE, false);
  }
}
