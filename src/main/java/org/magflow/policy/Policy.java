package org.magflow.policy;

import java.util.List;
import java.util.Objects;

/**
 * A trade policy compiled for the model: what it does, as {@link Rule}s over indices, and when, in simulation
 * time.
 *
 * <p>The scenario's families compile to this form once, when the model is built ({@code ModelBuilder}); the
 * model never sees a scenario id or a date of a policy, so switching one on or off looks nothing up by name.
 * The name and type are kept only to report the switch.
 *
 * @param name the policy's name, unique in its scenario
 * @param type the family's name as written in scenario files, e.g. {@code destination-throttle}
 * @param start the simulation time it is switched on
 * @param end the simulation time it is switched off, or +infinity if it never is
 * @param rules what it adds to the rules in force while it is
 */
public record Policy(String name, String type, double start, double end, List<Rule> rules) {
  public Policy {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    rules = List.copyOf(rules);
  }

  /** Whether the policy looks at where material was mined, separated or made; a run tracks origins only then. */
  public boolean readsOrigin() {
    return rules.stream().anyMatch(Rule::readsOrigin);
  }

  /** The indices of the policies that do not apply while this one is switched on. */
  public int[] suspends() {
    return rules.stream().flatMapToInt(r -> java.util.Arrays.stream(r.suspends())).toArray();
  }
}
