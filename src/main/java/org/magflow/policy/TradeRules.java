package org.magflow.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The restrictions on trade in force at one instant: what the active policies add up to.
 *
 * <p>Immutable; the model asks it for a new value whenever a policy starts or ends. Cuts from several
 * policies on the same lane compound: two 30% cuts leave 49% of the flow.
 */
public final class TradeRules {
  /** No restrictions at all. */
  public static final TradeRules NONE = new Builder().build();

  private final Map<String, Double> allowedShare; // key: exporter|destination|commodity
  private final List<String> activePolicies;

  private TradeRules(Map<String, Double> allowedShare, List<String> activePolicies) {
    this.allowedShare = Map.copyOf(allowedShare);
    this.activePolicies = List.copyOf(activePolicies);
  }

  /** The rules that the given active policies impose, in the order they are listed. */
  public static TradeRules of(List<Policy> active) {
    Builder builder = new Builder();
    for (Policy policy : active) {
      builder.activePolicies.add(policy.name());
      policy.applyTo(builder);
    }
    return builder.build();
  }

  /** The share of an order (0–1) that sellers in {@code exporter} may fill for buyers in {@code destination}. */
  public double allowedShare(String exporter, String destination, String commodity) {
    return allowedShare.getOrDefault(key(exporter, destination, commodity), 1.0);
  }

  public List<String> activePolicies() {
    return activePolicies;
  }

  private static String key(String exporter, String destination, String commodity) {
    return exporter + '|' + destination + '|' + commodity;
  }

  /** Collects the restrictions of the policies in force. */
  public static final class Builder {
    private final Map<String, Double> allowedShare = new TreeMap<>();
    private final List<String> activePolicies = new ArrayList<>();

    Builder() {}

    /** Cuts a lane by {@code cut}, compounding with cuts already on it. */
    public Builder throttle(String exporter, String destination, String commodity, double cut) {
      allowedShare.merge(key(exporter, destination, commodity), 1 - cut, (a, b) -> a * b);
      return this;
    }

    TradeRules build() {
      return new TradeRules(allowedShare, activePolicies);
    }
  }
}
