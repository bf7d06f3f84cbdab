package org.magflow.model;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A production step: tonnes of each commodity used and made per tonne of activity.
 *
 * <p>Arrays are indexed by {@link Commodity#index()}; a zero means the commodity is not involved.
 */
public final class Recipe {
  private final String id;
  private final Stage stage;
  private final double[] inputs;
  private final double[] outputs;
  private final List<Thrift> thrifts;
  private final List<Recipe> alternatives;

  /**
   * A way for the plants running a recipe to use less of one input per tonne made as its price stays high, as
   * magnet makers cut dysprosium by grain-boundary diffusion ({@link Adoption}).
   *
   * @param input the commodity cut
   * @param maxCut the most of the recipe's amount that can be cut
   * @param ratePerYear the fastest the cut grows, share of the recipe's amount per year
   */
  public record Thrift(int input, double thresholdMultiple, double maxCut, double ratePerYear) {}

  public Recipe(String id, Stage stage, double[] inputs, double[] outputs) {
    this(id, stage, inputs, outputs, List.of());
  }

  public Recipe(String id, Stage stage, double[] inputs, double[] outputs, List<Thrift> thrifts) {
    this(id, stage, inputs, outputs, thrifts, List.of());
  }

  private Recipe(String id, Stage stage, double[] inputs, double[] outputs, List<Thrift> thrifts,
                 List<Recipe> alternatives) {
    this.id = Objects.requireNonNull(id, "id");
    this.stage = Objects.requireNonNull(stage, "stage");
    if (inputs.length != outputs.length) throw new IllegalArgumentException("inputs and outputs differ in length");
    this.inputs = inputs.clone();
    this.outputs = outputs.clone();
    this.thrifts = List.copyOf(thrifts);
    this.alternatives = List.copyOf(alternatives);
    for (Recipe r : this.alternatives) {
      if (r.stage != stage || r.inputs.length != inputs.length || !r.alternatives.isEmpty()) {
        throw new IllegalArgumentException("an alternative is a plain recipe of the same stage");
      }
    }
    for (Thrift t : this.thrifts) {
      if (inputs[t.input()] <= 0) throw new IllegalArgumentException("a thrift cuts an input the recipe does not use");
    }
  }

  /** The same recipe with other output yields, e.g. for a deposit richer in heavy rare earths. */
  public Recipe withOutputs(double[] outputs) {
    return new Recipe(id, stage, inputs, outputs, thrifts, alternatives);
  }

  /**
   * The same recipe, whose plants can run any of {@code alternatives} instead within the same capacity, as a magnet
   * line makes heavy-free grades or grades holding dysprosium and terbium.
   */
  public Recipe withAlternatives(List<Recipe> alternatives) {
    return new Recipe(id, stage, inputs, outputs, thrifts, alternatives);
  }

  /** The recipes its plants can run instead of it within the same capacity; empty for most recipes. */
  public List<Recipe> alternatives() {
    return alternatives;
  }

  /** The ways its plants can cut inputs; empty for most recipes. */
  public List<Thrift> thrifts() {
    return thrifts;
  }

  public String id() {
    return id;
  }

  public Stage stage() {
    return stage;
  }

  /** Tonnes of commodity {@code c} used per tonne of activity. */
  public double input(int c) {
    return inputs[c];
  }

  /** The output that makes most of its value at the given prices, USD/kg by commodity (the first of equals). */
  public int mainOutput(double[] usdPerKg) {
    int best = 0;
    double bestValue = -1;
    for (int c = 0; c < outputs.length; c++) {
      double value = outputs[c] * usdPerKg[c];
      if (value > bestValue) {
        best = c;
        bestValue = value;
      }
    }
    return best;
  }

  /** Tonnes of commodity {@code c} made per tonne of activity. */
  public double output(int c) {
    return outputs[c];
  }

  public int commodityCount() {
    return inputs.length;
  }

  @Override
  public String toString() {
    return "Recipe[" + id + ", " + stage + ", in=" + Arrays.toString(inputs) + ", out=" + Arrays.toString(outputs) + "]";
  }
}
