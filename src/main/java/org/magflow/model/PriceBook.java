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
 *
 * <p>Producers that lose orders, as China's do when its exports are blocked, cut output; with a zone's and
 * commodity's {@code lostSalesExponent} above 0 they also cut its price, competing for the orders left: the indicated
 * price is multiplied by {@code (orders / (0.9 × usual orders))^lostSalesExponent} while the zone's producers of
 * the commodity get less than 90% of their usual orders (their orders smoothed over {@code salesMemoryDays};
 * smaller dips are the ordinary swings of lumpy orders). As the usual orders come down to the new level the cut
 * fades: output takes a lasting loss, the price a transient share of it. Left at 0 for concentrate: mines
 * already cut output with price ({@link Producer.SupplyResponse}), and a price cut on top of that rang.
 */
public final class PriceBook {

  /**
   * The price-adjustment rule's parameters; see the class comment.
   *
   * @param lostSalesExponent by zone, then commodity, how far producers cut their price as their orders fall
   *     below their usual orders (0, or past an array's end: not at all, they cut output only)
   * @param salesMemoryDays the time constant of their usual orders
   */
  public record Rule(double coverExponent, double shortagePremium, double adjustmentDays, double minMultiple,
                     double maxMultiple, double[][] lostSalesExponent, double salesMemoryDays) {
    public Rule {
      lostSalesExponent = java.util.Arrays.stream(lostSalesExponent).map(double[]::clone).toArray(double[][]::new);
    }

    /** How far producers of {@code c} in {@code zone} cut their price as their orders fall below the usual. */
    public double lostSalesExponent(int zone, int c) {
      return zone < lostSalesExponent.length && c < lostSalesExponent[zone].length ? lostSalesExponent[zone][c] : 0;
    }

    /** Whether producers of {@code c} in some zone cut their price as they lose orders. */
    boolean cutsOnLostSales(int c) {
      for (int z = 0; z < lostSalesExponent.length; z++) if (lostSalesExponent(z, c) > 0) return true;
      return false;
    }

    /** A rule under which producers answer lost orders by cutting output only. */
    public Rule(double coverExponent, double shortagePremium, double adjustmentDays, double minMultiple,
                double maxMultiple) {
      this(coverExponent, shortagePremium, adjustmentDays, minMultiple, maxMultiple, new double[0][], 365);
    }
  }

  /** Orders within this share below the usual are ordinary swings (lumpy orders, demand noise), not lost sales. */
  static final double LOST_SALES_BAND = 0.1;

  private final Rule rule;
  private final List<String> zones;
  private final double[][] reference;
  private final double[][] price;
  /** The zone's producers' usual output of each commodity: their planned output over the sales memory. */
  private final double[][] usualOutput;
  /** Days over which each usual output has been followed. */
  private final double[][] outputDays;

  /** @param referenceUsdPerKg reference prices by zone, then commodity */
  public PriceBook(Rule rule, List<String> zones, double[][] referenceUsdPerKg) {
    this.rule = rule;
    this.zones = List.copyOf(zones);
    this.reference = new double[referenceUsdPerKg.length][];
    this.price = new double[referenceUsdPerKg.length][];
    int commodities = referenceUsdPerKg.length == 0 ? 0 : referenceUsdPerKg[0].length;
    this.usualOutput = new double[referenceUsdPerKg.length][commodities];
    this.outputDays = new double[referenceUsdPerKg.length][commodities];
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

  /** The highest price the rule allows: {@code maxMultiple} × reference. */
  public double cap(int zone, int c) {
    return reference[zone][c] * rule.maxMultiple();
  }

  /** The price over its reference. */
  public double multiple(int zone, int c) {
    return price[zone][c] / reference[zone][c];
  }

  Rule rule() {
    return rule;
  }

  /**
   * Moves one price by the rule after a clearing, {@code days} after the previous one.
   *
   * @param plannedOutput the zone's producers' planned output of {@code c}, tonnes a day
   */
  void update(int zone, int c, double coverRatio, double unfilledShare, double glut, double plannedOutput, double days) {
    double salesRatio = 1;
    if (rule.lostSalesExponent(zone, c) > 0) {
      // the usual output is the mean so far until the memory is full, so the plans settling during the
      // warm-up are not taken for lost sales
      outputDays[zone][c] += days;
      double memory = Math.min(rule.salesMemoryDays(), outputDays[zone][c]);
      double usual = usualOutput[zone][c];
      usualOutput[zone][c] = usual + (plannedOutput - usual) * (1 - StrictMath.exp(-days / memory));
      if (usual > 0) salesRatio = plannedOutput / usual;
    }
    double cover = Math.max(coverRatio, 1e-6);
    double premium = 1 + rule.shortagePremium() * unfilledShare;
    double indicated = reference[zone][c] * StrictMath.pow(cover, -rule.coverExponent()) * premium
        * StrictMath.pow(1 + glut, -rule.coverExponent());
    // At a steep exponent one power overflows and the other underflows (infinity times zero); the power of their
    // product is the same number without the overflow. Only then, so that ordinary runs keep their exact results.
    if (Double.isNaN(indicated)) {
      indicated = reference[zone][c] * StrictMath.pow(cover * (1 + glut), -rule.coverExponent()) * premium;
    }
    double k = rule.lostSalesExponent(zone, c);
    if (salesRatio < 1 - LOST_SALES_BAND && k > 0) {
      indicated *= StrictMath.pow(Math.max(salesRatio, 1e-6) / (1 - LOST_SALES_BAND), k);
    }
    double p = price[zone][c];
    p += (indicated - p) * (1 - StrictMath.exp(-days / rule.adjustmentDays()));
    double lo = reference[zone][c] * rule.minMultiple();
    price[zone][c] = Math.min(cap(zone, c), Math.max(lo, p));
  }
}
