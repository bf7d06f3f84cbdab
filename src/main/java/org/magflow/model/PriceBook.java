package org.magflow.model;

import java.util.List;

/**
 * The price of every commodity in every price zone, and the rule that moves it.
 *
 * <p>The rule, applied at each clearing for each zone and commodity: the <i>indicated</i> price is
 * <pre>reference × cover^(−coverExponent) × (1 + shortagePremium × unfilled) × (1 + glut)^(−coverExponent)</pre>
 * where {@code cover} is the lower of the zone's buyers' inventory position (stock plus material on its way
 * they expect to arrive, less what they owe) after the clearing over the position they order up to, and
 * their stock over the stock they aim to hold (so a long, uncertain pipeline cannot hide empty shelves);
 * {@code unfilled} is the share of their
 * orders left unfilled, and {@code glut} the stock the zone's sellers hold above their own needs and sales
 * cover, in units of the buyers' target position. The price moves toward the indicated price with time
 * constant {@code adjustmentDays} and stays within [{@code minMultiple}, {@code maxMultiple}] × reference, so it
 * is never negative. A balanced zone (buyers on target, orders filled, no unsold surplus) sits at its
 * reference. A zone cut off from supply bids its price up as its buyers' cover runs down and orders go
 * unfilled; a zone whose exports are blocked sees unsold stock back up with its sellers and its price fall.
 * Buyers rank sellers by the price in the seller's zone plus freight, so a cheap zone draws buyers from
 * others and, where trade is free, zone prices stay within freight of each other.
 */
public final class PriceBook {

  /** The price-adjustment rule's parameters; see the class comment. */
  public record Rule(double coverExponent, double shortagePremium, double adjustmentDays, double minMultiple,
                     double maxMultiple) {}

  private final Rule rule;
  private final List<String> zones;
  private final double[][] reference;
  private final double[][] price;

  /** @param referenceUsdPerKg reference prices by zone, then commodity */
  public PriceBook(Rule rule, List<String> zones, double[][] referenceUsdPerKg) {
    this.rule = rule;
    this.zones = List.copyOf(zones);
    this.reference = new double[referenceUsdPerKg.length][];
    this.price = new double[referenceUsdPerKg.length][];
    for (int z = 0; z < referenceUsdPerKg.length; z++) {
      reference[z] = referenceUsdPerKg[z].clone();
      price[z] = referenceUsdPerKg[z].clone();
    }
  }

  public List<String> zones() {
    return zones;
  }

  public double reference(int zone, int c) {
    return reference[zone][c];
  }

  public double price(int zone, int c) {
    return price[zone][c];
  }

  /** The price over its reference. */
  public double multiple(int zone, int c) {
    return price[zone][c] / reference[zone][c];
  }

  /** Moves one price by the rule after a clearing, {@code days} after the previous one. */
  void update(int zone, int c, double coverRatio, double unfilledShare, double glut, double days) {
    double cover = Math.max(coverRatio, 1e-6);
    double indicated = reference[zone][c] * StrictMath.pow(cover, -rule.coverExponent())
        * (1 + rule.shortagePremium() * unfilledShare) * StrictMath.pow(1 + glut, -rule.coverExponent());
    double p = price[zone][c];
    p += (indicated - p) * (1 - StrictMath.exp(-days / rule.adjustmentDays()));
    double lo = reference[zone][c] * rule.minMultiple();
    double hi = reference[zone][c] * rule.maxMultiple();
    price[zone][c] = Math.min(hi, Math.max(lo, p));
  }
}
