package org.magflow.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.SobolSequenceGenerator;
import org.magflow.random.RandomStreams;

/**
 * The points of a design, computed on demand from the point's index so that no design, however many samples
 * it draws, is held in memory whole (a Latin hypercube keeps one permutation per parameter).
 *
 * <p>Random draws come from {@link RandomStreams} with the sweep's master seed and replication −1, which no run
 * uses, under stream names starting {@code sweep/}: the design depends on the seed alone, never on the thread
 * count or the order runs finish in. The Sobol design takes the first {@code samples} points of the Sobol
 * sequence in {@code 2 × parameters} dimensions (Joe–Kuo direction numbers, as Commons Math ships them) with a
 * random digital shift (each coordinate's bits XORed with a random mask drawn from the seed), which keeps the
 * sequence's balance, moves its all-zero first point, and makes A and B differ in every row; a power of two
 * samples gives the best balance.
 */
final class Points {
  /** The replication whose streams draw the design; runs use 0 and up. */
  static final int DESIGN_REPLICATION = -1;
  /** Commons Math's Sobol points are multiples of 2^-52. */
  private static final long SOBOL_SCALE = 1L << 52;

  private final Design design;
  private final List<Parameter> parameters;
  private final int samples;
  private final long seed;
  private final int[][] strata;                 // latin-hypercube: per parameter, the stratum of each sample
  private final SobolSequenceGenerator sobol;   // sobol: guarded by itself
  private final long[] shift;                   // sobol: the digital shift of each sequence dimension
  private final int count;

  Points(Design design, List<Parameter> parameters, int samples, long seed) {
    this.design = design;
    this.parameters = List.copyOf(parameters);
    this.samples = samples;
    this.seed = seed;
    int d = parameters.size();
    strata = design == Design.LATIN_HYPERCUBE ? strata(d, samples, seed) : null;
    sobol = design == Design.SOBOL ? new SobolSequenceGenerator(2 * d) : null;
    shift = new long[design == Design.SOBOL ? 2 * d : 0];
    if (design == Design.SOBOL) {
      RandomGenerator rng = new RandomStreams(seed, DESIGN_REPLICATION).stream("sweep/sobol/shift");
      for (int k = 0; k < shift.length; k++) shift[k] = rng.nextLong() & (SOBOL_SCALE - 1);
    }
    count = switch (design) {
      case GRID -> {
        long n = 1;
        for (Parameter p : parameters) n = Math.multiplyExact(n, p.levels().size());
        yield Math.toIntExact(n);
      }
      case MONTE_CARLO, LATIN_HYPERCUBE -> samples;
      case SOBOL -> Math.multiplyExact(samples, d + 2);
      case ONE_AT_A_TIME -> 1 + 2 * d;
    };
  }

  /** The number of points a design has, without drawing it; throws ArithmeticException past an int. */
  static long count(Design design, List<Integer> levelCounts, int samples) {
    return switch (design) {
      case GRID -> {
        long n = 1;
        for (int c : levelCounts) n = Math.multiplyExact(n, (long) c);
        yield n;
      }
      case MONTE_CARLO, LATIN_HYPERCUBE -> samples;
      case SOBOL -> (long) samples * (levelCounts.size() + 2);
      case ONE_AT_A_TIME -> 1 + 2L * levelCounts.size();
    };
  }

  private static int[][] strata(int d, int n, long seed) {
    RandomGenerator rng = new RandomStreams(seed, DESIGN_REPLICATION).stream("sweep/latin-hypercube/strata");
    int[][] strata = new int[d][n];
    for (int k = 0; k < d; k++) {
      int[] perm = strata[k];
      for (int i = 0; i < n; i++) perm[i] = i;
      for (int i = n - 1; i > 0; i--) { // Fisher–Yates
        int j = rng.nextInt(i + 1);
        int t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
      }
    }
    return strata;
  }

  int count() {
    return count;
  }

  int parameterCount() {
    return parameters.size();
  }

  /**
   * The values of every parameter at point {@code index}, normalised; an entry is null where the point leaves
   * the parameter as the base scenario has it (the base point of one-at-a-time, and the other parameters of
   * its swings).
   */
  JsonNode[] values(int index) {
    int d = parameters.size();
    JsonNode[] values = new JsonNode[d];
    switch (design) {
      case GRID -> {
        int rest = index;
        for (int k = d - 1; k >= 0; k--) { // the last parameter varies fastest
          List<JsonNode> levels = parameters.get(k).levels();
          values[k] = levels.get(rest % levels.size());
          rest /= levels.size();
        }
      }
      case MONTE_CARLO -> {
        RandomGenerator rng = new RandomStreams(seed, DESIGN_REPLICATION).stream("sweep/monte-carlo/" + index);
        for (int k = 0; k < d; k++) values[k] = parameters.get(k).at(rng.nextDouble());
      }
      case LATIN_HYPERCUBE -> {
        RandomGenerator rng = new RandomStreams(seed, DESIGN_REPLICATION).stream("sweep/latin-hypercube/" + index);
        for (int k = 0; k < d; k++) {
          double u = (strata[k][index] + rng.nextDouble()) / samples;
          values[k] = parameters.get(k).at(u);
        }
      }
      case SOBOL -> {
        int row = index / (d + 2);
        int matrix = index % (d + 2);
        double[] ab;
        synchronized (sobol) {
          ab = sobol.skipTo(row);
        }
        for (int k = 0; k < d; k++) {
          boolean fromB = matrix == 1 || matrix == 2 + k;
          int dim = fromB ? d + k : k;
          long bits = (long) (ab[dim] * SOBOL_SCALE) ^ shift[dim];
          values[k] = parameters.get(k).at((bits + 0.5) / SOBOL_SCALE);
        }
      }
      case ONE_AT_A_TIME -> {
        if (index > 0) {
          int k = (index - 1) / 2;
          values[k] = (index - 1) % 2 == 0 ? parameters.get(k).low() : parameters.get(k).high();
        }
      }
    }
    return values;
  }

  /**
   * What the point is within its design: empty for grid and Monte Carlo points; {@code A}, {@code B} or
   * {@code AB:<parameter>} for Sobol; {@code base}, {@code low:<parameter>} or {@code high:<parameter>} for
   * one-at-a-time.
   */
  String label(int index) {
    int d = parameters.size();
    return switch (design) {
      case GRID, MONTE_CARLO, LATIN_HYPERCUBE -> "";
      case SOBOL -> {
        int matrix = index % (d + 2);
        yield matrix == 0 ? "A" : matrix == 1 ? "B" : "AB:" + parameters.get(matrix - 2).name();
      }
      case ONE_AT_A_TIME -> index == 0 ? "base"
          : ((index - 1) % 2 == 0 ? "low:" : "high:") + parameters.get((index - 1) / 2).name();
    };
  }
}
