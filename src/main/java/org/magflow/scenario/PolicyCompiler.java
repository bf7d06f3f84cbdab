package org.magflow.scenario;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import org.magflow.policy.Delay;
import org.magflow.scenario.PolicySpec.DurationSpec;
import org.magflow.units.SimCalendar;

/**
 * What a policy family compiles against: the model's numbering of the scenario's ids, and its calendar.
 *
 * <p>Made by {@link ModelBuilder} once the agents and plants are built. Every id a family names becomes an
 * index (or a mask indexed by id) and every date a simulation time here, so the compiled rules carry no names
 * and no dates. The scenario was validated, so every id is known.
 */
final class PolicyCompiler {
  /** An agent as policies see it: its id, the index of its region, and its end uses (sector and tags). */
  record AgentInfo(String id, int region, List<String> endUses) {}

  /** A plant as policies see it: its id, the index of its site's region, and its stage's id. */
  record PlantInfo(String id, int region, String stage) {}

  private final SimCalendar calendar;
  private final Map<String, Integer> regions = new HashMap<>();
  private final Map<String, Integer> commodities = new HashMap<>();
  private final List<AgentInfo> agents;
  private final Map<String, Integer> agentIndex = new HashMap<>();
  private final List<PlantInfo> plants;
  private final Map<String, Integer> plantIndex = new HashMap<>();
  private final Map<String, Integer> policies = new HashMap<>();

  /**
   * @param agents every agent, in agent-index order (producers, stockpile holders, demand sectors)
   * @param plants every plant, numbered in producer order and each producer's own order
   * @param policies the policies' names, in scenario order
   */
  PolicyCompiler(SimCalendar calendar, List<String> regions, List<String> commodities, List<AgentInfo> agents,
                 List<PlantInfo> plants, List<String> policies) {
    this.calendar = calendar;
    for (String r : regions) this.regions.put(r, this.regions.size());
    for (String c : commodities) this.commodities.put(c, this.commodities.size());
    this.agents = List.copyOf(agents);
    for (AgentInfo a : agents) agentIndex.put(a.id(), agentIndex.size());
    this.plants = List.copyOf(plants);
    for (PlantInfo p : plants) plantIndex.put(p.id(), plantIndex.size());
    for (String p : policies) this.policies.put(p, this.policies.size());
  }

  /** The simulation time at the start of the day. */
  double time(LocalDate date) {
    return calendar.toSimTime(date);
  }

  int region(String id) {
    return index(regions, id, "region");
  }

  int commodity(String id) {
    return index(commodities, id, "commodity");
  }

  /** The agent index of a producer, demand sector or (by its policy's name) stockpile holder. */
  int agent(String id) {
    return index(agentIndex, id, "agent");
  }

  int plant(String id) {
    return index(plantIndex, id, "plant");
  }

  int policy(String name) {
    return index(policies, name, "policy");
  }

  /** The listed regions, as a mask by region index. */
  boolean[] regions(List<String> ids) {
    return mask(regions, ids, "region");
  }

  /** The listed regions, or every region if none is listed. */
  boolean[] regionsOrAll(List<String> ids) {
    return ids.isEmpty() ? all(regions.size()) : regions(ids);
  }

  /** The listed regions (every region if none is listed) but {@code except}. */
  boolean[] regionsOrAllBut(List<String> ids, int except) {
    boolean[] mask = regionsOrAll(ids);
    mask[except] = false;
    return mask;
  }

  boolean[] commodities(List<String> ids) {
    return mask(commodities, ids, "commodity");
  }

  /** The listed commodities, or every commodity if none is listed. */
  boolean[] commoditiesOrAll(List<String> ids) {
    return ids.isEmpty() ? all(commodities.size()) : commodities(ids);
  }

  /** The listed agents, as a mask by agent index. */
  boolean[] agents(List<String> ids) {
    return mask(agentIndex, ids, "agent");
  }

  /** The listed agents, or every agent if none is listed. */
  boolean[] agentsOrAll(List<String> ids) {
    return ids.isEmpty() ? all(agents.size()) : agents(ids);
  }

  /** The agents whose region is in the mask and, if {@code endUses} is given, with one of those end uses. */
  boolean[] agentsIn(boolean[] regionMask, List<String> endUses) {
    boolean[] mask = new boolean[agents.size()];
    for (int a = 0; a < mask.length; a++) {
      AgentInfo agent = agents.get(a);
      mask[a] = regionMask[agent.region()] && (endUses == null || agent.endUses().stream().anyMatch(endUses::contains));
    }
    return mask;
  }

  /** The agents with one of the end uses. */
  boolean[] agentsWithEndUse(List<String> endUses) {
    return agentsIn(all(regions.size()), endUses);
  }

  /** Each agent's approval chance: the lowest of {@code byEndUse} among its end uses, else {@code otherwise}. */
  double[] approvalByAgent(double otherwise, Map<String, Double> byEndUse) {
    double[] approval = new double[agents.size()];
    for (int a = 0; a < approval.length; a++) {
      double p = otherwise;
      boolean matched = false;
      for (String use : agents.get(a).endUses()) {
        Double q = byEndUse.get(use);
        if (q != null) {
          p = matched ? Math.min(p, q) : q;
          matched = true;
        }
      }
      approval[a] = p;
    }
    return approval;
  }

  /** The plants that {@code where} accepts, given each plant's region index and stage id. */
  boolean[] plantsWhere(BiPredicate<Integer, String> where) {
    boolean[] mask = new boolean[plants.size()];
    for (int p = 0; p < mask.length; p++) mask[p] = where.test(plants.get(p).region(), plants.get(p).stage());
    return mask;
  }

  /** A duration of the scenario file as the model draws it. */
  static Delay delay(DurationSpec d) {
    return switch (d.distribution()) {
      case "fixed" -> new Delay("fixed", d.days(), 0, 0);
      case "uniform" -> new Delay("uniform", d.min(), d.max(), 0);
      case "triangular" -> new Delay("triangular", d.min(), d.mode(), d.max());
      default -> new Delay("lognormal", d.mean(), d.sd(), 0);
    };
  }

  private static boolean[] all(int n) {
    boolean[] mask = new boolean[n];
    java.util.Arrays.fill(mask, true);
    return mask;
  }

  private static boolean[] mask(Map<String, Integer> index, List<String> ids, String what) {
    boolean[] mask = new boolean[index.size()];
    for (String id : ids) mask[index(index, id, what)] = true;
    return mask;
  }

  private static int index(Map<String, Integer> index, String id, String what) {
    Integer i = index.get(id);
    if (i == null) throw new IllegalArgumentException("unknown " + what + " '" + id + "': the scenario was not validated");
    return i;
  }
}
