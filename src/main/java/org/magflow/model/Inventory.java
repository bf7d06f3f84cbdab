package org.magflow.model;

/**
 * An agent's stock of each commodity, with the mass-weighted origin of each.
 *
 * <p>Removing material leaves the origin mix of what stays unchanged; adding mixes in proportion to mass.
 * Quantities never go below zero: a removal larger than the stock is a programming error.
 */
final class Inventory {
  /** Below this many tonnes (a milligram) a stock is treated as empty, to absorb rounding. */
  static final double EPSILON_TONNES = 1e-9;

  private final double[] tonnes;
  private final double[][] origin;
  /** A copy of each origin mix handed out by {@link #take}, shared until the mix changes; null when there is none. */
  private final double[][] taken;
  private boolean tracksOrigin = true;

  Inventory(int commodities, int regions) {
    tonnes = new double[commodities];
    origin = new double[commodities][];
    taken = new double[commodities][];
    for (int c = 0; c < commodities; c++) origin[c] = Origin.empty(regions);
  }

  /**
   * Stops mixing origins from now on: the mixes stay as they are. For runs in which nothing reads them, where
   * mixing was a tenth of the time.
   */
  void ignoreOrigin() {
    tracksOrigin = false;
  }

  boolean tracksOrigin() {
    return tracksOrigin;
  }

  double tonnes(int c) {
    return tonnes[c];
  }

  /** The origin mix of commodity {@code c}, live: callers must not modify it. */
  double[] origin(int c) {
    return origin[c];
  }

  void add(int c, double quantity, double[] addedOrigin) {
    if (!(quantity >= 0)) throw new IllegalArgumentException("cannot add " + quantity + " t");
    if (tracksOrigin) {
      Origin.mixInto(origin[c], tonnes[c], addedOrigin, quantity);
      taken[c] = null;
    }
    tonnes[c] += quantity;
  }

  /**
   * Removes {@code quantity} of commodity {@code c}; returns a copy of its origin mix, which callers must not
   * modify.
   */
  // Performance: removing leaves the mix as it is, so every take until the next add shares one copy (a seller's
  // sales at a clearing, usually); a copy per shipment was half of a run's allocation.
  double[] take(int c, double quantity) {
    if (taken[c] == null) taken[c] = origin[c].clone();
    remove(c, quantity);
    return taken[c];
  }

  /** Removes {@code quantity} of commodity {@code c} without copying its origin. */
  void remove(int c, double quantity) {
    // rounding grows with the stock: a few units in the last place of a billion-tonne stock exceed a milligram
    if (!(quantity >= 0) || quantity > tonnes[c] * (1 + 1e-12) + EPSILON_TONNES) {
      throw new IllegalStateException("cannot remove " + quantity + " t from a stock of " + tonnes[c] + " t");
    }
    tonnes[c] = Math.max(0, tonnes[c] - quantity);
  }
}
