package org.magflow.model;

import java.util.Arrays;

/**
 * An agent's stock of each commodity, kept as lots of known origin and used first in, first out.
 *
 * <p>Each arrival, or each batch a plant makes, is a lot with its own origin mix; what leaves (a sale, a plant's
 * input, a buyer's use) is taken from the oldest lots first, and carries their origin. So one Chinese lot in a
 * stock taints what leaves only until that lot is used up, about one turnover of the stock, as with a firm that
 * keeps its lots apart; when a stock was one mixed pool, a lot taken in once left a trace that took a dozen
 * turnovers to fall below a millionth, and a US magnet maker that bought Chinese oxide once stayed closed to
 * buyers who must have no Chinese content for two years. Quantities never go below zero: a removal larger than
 * the stock is a programming error.
 */
final class Inventory {
  /** Below this many tonnes (a milligram) a stock is treated as empty, to absorb rounding. */
  static final double EPSILON_TONNES = 1e-9;
  /**
   * The most lots kept of one commodity; beyond it the newest two are merged (their origins mixed by mass), so
   * memory stays bounded and only the newest material is blended. A stock of a few weeks' cover, refilled
   * weekly, holds far fewer.
   */
  static final int MAX_LOTS = 32;

  private final double[] tonnes;
  /** Per commodity, the lots oldest first, in a ring: tonnes and origin (never modified once in a lot). */
  private final double[][] lotTonnes;
  private final double[][][] lotOrigin;
  private final int[] head;
  private final int[] lots;
  /** The mass-weighted origin of the whole stock, by commodity; null while it must be worked out again. */
  private final double[][] mix;
  private final int originLength;
  private boolean tracksOrigin = true;

  Inventory(int commodities, int regions) {
    tonnes = new double[commodities];
    originLength = Origin.empty(regions).length;
    lotTonnes = new double[commodities][4];
    lotOrigin = new double[commodities][4][];
    head = new int[commodities];
    lots = new int[commodities];
    mix = new double[commodities][];
  }

  /**
   * Stops following origins from now on: origin queries answer the mix as it stands. For runs in which nothing
   * reads them, where following them was a tenth of the time.
   */
  void ignoreOrigin() {
    tracksOrigin = false; // the lots stay as they are, and so does the mix worked out from them
  }

  boolean tracksOrigin() {
    return tracksOrigin;
  }

  double tonnes(int c) {
    return tonnes[c];
  }

  /** The mass-weighted origin of the whole stock of {@code c}, live: callers must not modify it. */
  double[] origin(int c) {
    if (mix[c] == null) {
      double[] m = new double[originLength];
      double held = 0;
      for (int k = 0; k < lots[c]; k++) {
        int i = slot(c, k);
        Origin.mixInto(m, held, lotOrigin[c][i], lotTonnes[c][i]);
        held += lotTonnes[c][i];
      }
      mix[c] = m;
    }
    return mix[c];
  }

  /** Adds a lot of {@code quantity} with origin {@code addedOrigin} (copied: the caller may reuse its array). */
  void add(int c, double quantity, double[] addedOrigin) {
    if (!(quantity >= 0)) throw new IllegalArgumentException("cannot add " + quantity + " t");
    tonnes[c] += quantity;
    if (!tracksOrigin || quantity <= 0) return;
    mix[c] = null;
    int n = lots[c];
    if (n > 0) {
      int newest = slot(c, n - 1);
      if (Arrays.equals(lotOrigin[c][newest], addedOrigin)) { // the same source again: one lot
        lotTonnes[c][newest] += quantity;
        return;
      }
    }
    if (n == MAX_LOTS) { // merge the newest lot into the one before it
      int newest = slot(c, n - 1);
      int before = slot(c, n - 2);
      double[] merged = lotOrigin[c][before].clone();
      Origin.mixInto(merged, lotTonnes[c][before], lotOrigin[c][newest], lotTonnes[c][newest]);
      lotOrigin[c][before] = merged;
      lotTonnes[c][before] += lotTonnes[c][newest];
      lots[c] = --n;
    }
    if (n == lotTonnes[c].length) grow(c);
    int i = slot(c, n);
    lotTonnes[c][i] = quantity;
    lotOrigin[c][i] = addedOrigin.clone();
    lots[c] = n + 1;
  }

  /**
   * Removes {@code quantity} of commodity {@code c}, oldest lots first; returns its origin, which callers must
   * not modify.
   */
  // Performance: a take from within the oldest lot hands out that lot's own origin array (never modified), so a
  // seller's sales at a clearing usually copy nothing; a copy per shipment was half of a run's allocation.
  double[] take(int c, double quantity) {
    if (!tracksOrigin) {
      remove(c, quantity);
      return origin(c);
    }
    checkRemovable(c, quantity);
    if (lots[c] > 0 && quantity <= lotTonnes[c][head[c]] * (1 + 1e-12)) {
      double[] o = lotOrigin[c][head[c]];
      remove(c, quantity);
      return o;
    }
    double[] o = new double[originLength];
    double taken = 0;
    for (int k = 0; k < lots[c] && taken < quantity; k++) {
      int i = slot(c, k);
      double part = Math.min(lotTonnes[c][i], quantity - taken);
      Origin.mixInto(o, taken, lotOrigin[c][i], part);
      taken += part;
    }
    remove(c, quantity);
    return o;
  }

  /** Removes {@code quantity} of commodity {@code c}, oldest lots first, without working out its origin. */
  void remove(int c, double quantity) {
    checkRemovable(c, quantity);
    tonnes[c] = Math.max(0, tonnes[c] - quantity);
    if (!tracksOrigin) return;
    mix[c] = null;
    double left = quantity;
    while (lots[c] > 0 && left > 0) {
      int i = head[c];
      if (lotTonnes[c][i] > left) {
        lotTonnes[c][i] -= left;
        break;
      }
      left -= lotTonnes[c][i];
      dropOldest(c);
    }
    // rounding between the stock and its lots: an empty stock has no lots
    if (tonnes[c] <= EPSILON_TONNES) while (lots[c] > 0) dropOldest(c);
  }

  private void dropOldest(int c) {
    lotOrigin[c][head[c]] = null;
    head[c] = (head[c] + 1) % lotTonnes[c].length;
    lots[c]--;
  }

  /** The number of lots of {@code c} held (for tests). */
  int lots(int c) {
    return lots[c];
  }

  private void checkRemovable(int c, double quantity) {
    // rounding grows with the stock: a few units in the last place of a billion-tonne stock exceed a milligram
    if (!(quantity >= 0) || quantity > tonnes[c] * (1 + 1e-12) + EPSILON_TONNES) {
      throw new IllegalStateException("cannot remove " + quantity + " t from a stock of " + tonnes[c] + " t");
    }
  }

  private int slot(int c, int k) {
    return (head[c] + k) % lotTonnes[c].length;
  }

  /** Doubles the ring of commodity {@code c}, oldest lot first. */
  private void grow(int c) {
    int n = lotTonnes[c].length;
    double[] t = new double[2 * n];
    double[][] o = new double[2 * n][];
    for (int k = 0; k < lots[c]; k++) {
      t[k] = lotTonnes[c][slot(c, k)];
      o[k] = lotOrigin[c][slot(c, k)];
    }
    lotTonnes[c] = t;
    lotOrigin[c] = o;
    head[c] = 0;
  }
}
