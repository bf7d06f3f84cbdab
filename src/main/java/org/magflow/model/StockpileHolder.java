package org.magflow.model;

import java.util.List;
import org.magflow.units.Units;

/**
 * The holder of a strategic stock of one commodity in one region, created by a stockpile policy.
 *
 * <p>While its policy is in force and before its release date it buys toward its target, never faster than
 * its build rate and at its own (low) priority; from the release date it offers its stock to buyers in its
 * region, never faster than its release rate. Outside its policy's window it neither buys nor sells.
 */
public final class StockpileHolder extends Agent {
  final int commodity;
  private final double targetTonnes;
  private final double buildPerDay;
  private final double releasePerDay;
  private final double releaseFrom;
  private final int priority;
  private boolean inForce;
  private double now;

  /**
   * @param releaseFrom simulation time from which it releases stock, or +infinity for never
   */
  public StockpileHolder(int index, String id, Region region, int commodity, double targetTonnes,
                         double buildTonnesPerYear, double releaseFrom, double releaseTonnesPerYear, int priority,
                         int commodities, int regions) {
    super(index, id, id, region, List.of(), commodities, regions);
    this.commodity = commodity;
    this.targetTonnes = targetTonnes;
    this.buildPerDay = Units.perDay(buildTonnesPerYear);
    this.releasePerDay = Units.perDay(releaseTonnesPerYear);
    this.releaseFrom = releaseFrom;
    this.priority = priority;
  }

  /** Tells the holder whether its policy is in force at {@code now}. */
  void update(boolean inForce, double now) {
    this.inForce = inForce;
    this.now = now;
  }

  private boolean building() {
    return inForce && now < releaseFrom;
  }

  private boolean releasing() {
    return inForce && now >= releaseFrom;
  }

  @Override
  int priority() {
    return priority;
  }

  @Override
  boolean buys(int c) {
    return c == commodity && building();
  }

  @Override
  double expectedUsePerDay(int c) {
    return 0;
  }

  @Override
  double targetPosition(int c, double reviewDays) {
    return buys(c) ? targetTonnes : 0;
  }

  @Override
  double orderQuantity(int c, double reviewDays) {
    return buys(c) ? Math.min(buildPerDay * reviewDays, super.orderQuantity(c, reviewDays)) : 0;
  }

  @Override
  double offer(int c, double reviewDays) {
    return c == commodity && releasing() ? Math.min(inventory.tonnes(c), releasePerDay * reviewDays) : 0;
  }
}
