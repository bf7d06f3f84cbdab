package org.magflow.model;

import java.util.Map;

/**
 * The rule every recipe keeps: what it makes holds no more rare earths than what it uses.
 *
 * <p>Content is tonnes of rare-earth oxide by element group (e.g. {@code ndpr}, {@code dytb}). The group
 * {@link #UNSEPARATED} is content not yet split into groups, or no longer told apart: a mixed concentrate,
 * whose split is the deposit's, or a magnet, whose split is the grade's. Separation may turn unseparated
 * content into any group, and any group may end up unseparated (in a magnet), but one separated group never
 * becomes another. Recipes without inputs (mining, recycling fed from end-of-life magnets) bring material in,
 * so the rule is about recipes that transform inputs.
 */
public final class ElementContent {
  /** The group of content not split into element groups. */
  public static final String UNSEPARATED = "reo";
  /** Content created, relative to the inputs' content, that counts as rounding rather than creation. */
  public static final double TOLERANCE = 1e-9;

  private ElementContent() {}

  /**
   * The least content the outputs hold beyond what the inputs can supply, in tonnes of oxide: zero when the
   * transformation conserves. Separated groups must each be covered by the same group or by unseparated
   * content, and the total by the total.
   */
  public static double created(Map<String, Double> in, Map<String, Double> out) {
    double inTotal = total(in);
    double outTotal = 0;
    double separatedShort = 0; // separated groups made beyond the same group used
    for (Map.Entry<String, Double> e : out.entrySet()) {
      outTotal += e.getValue();
      if (!UNSEPARATED.equals(e.getKey())) separatedShort += Math.max(0, e.getValue() - in.getOrDefault(e.getKey(), 0.0));
    }
    return Math.max(0, Math.max(outTotal - inTotal, separatedShort - in.getOrDefault(UNSEPARATED, 0.0)));
  }

  /** Whether a transformation from {@code in} to {@code out} creates no content beyond rounding. */
  public static boolean conserves(Map<String, Double> in, Map<String, Double> out) {
    return created(in, out) <= TOLERANCE * Math.max(1, total(in));
  }

  public static double total(Map<String, Double> content) {
    double sum = 0;
    for (double v : content.values()) sum += v;
    return sum;
  }
}
