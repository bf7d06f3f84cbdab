package org.magflow.model;

/**
 * Mass-weighted origin records: for each stage, the share of a quantity of material whose stage happened
 * in each region.
 *
 * <p>A record is a {@code double[Stage.count * regions]} laid out stage by stage. A stage's shares sum to 1
 * once the material has been through it, and to 0 before (concentrate has not been separated). Mixing is
 * proportional to mass. Marginal shares per stage are enough for the rules that use them: content touched
 * by China at any stage is at least the largest China share, and is zero exactly when every China share is.
 * These are static pure functions over arrays because inventories mix in place, once per movement, on the
 * hot path.
 */
final class Origin {
  static final int STAGES = Stage.values().length;

  private Origin() {}

  static double[] empty(int regions) {
    return new double[STAGES * regions];
  }

  /** Index of the share of {@code stage} happening in {@code region}. */
  static int slot(Stage stage, int region, int regions) {
    return stage.ordinal() * regions + region;
  }

  /** Mixes {@code addedTonnes} of material with origin {@code added} into {@code heldTonnes} of {@code held}. */
  static void mixInto(double[] held, double heldTonnes, double[] added, double addedTonnes) {
    double total = heldTonnes + addedTonnes;
    if (!(total > 0)) return;
    if (heldTonnes == 0) { // the same numbers as the weighted sum below, without the arithmetic
      System.arraycopy(added, 0, held, 0, held.length);
      return;
    }
    double wHeld = heldTonnes / total;
    double wAdded = addedTonnes / total;
    for (int i = 0; i < held.length; i++) held[i] = held[i] * wHeld + added[i] * wAdded;
  }

  /** Marks every share of {@code stage} as having happened in {@code region}. */
  static void stamp(double[] origin, Stage stage, int region, int regions) {
    int base = stage.ordinal() * regions;
    for (int r = 0; r < regions; r++) origin[base + r] = 0;
    origin[base + region] = 1;
  }

  /** The share of {@code stage} that happened in {@code region}. */
  static double share(double[] origin, Stage stage, int region, int regions) {
    return origin[slot(stage, region, regions)];
  }
}
