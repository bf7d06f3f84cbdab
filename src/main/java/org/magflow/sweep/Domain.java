package org.magflow.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.RealDistribution;
import org.apache.commons.math3.distribution.TriangularDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;

/**
 * The values a sweep parameter takes: a list of values, a range, or a probability distribution.
 *
 * <p>Every domain maps a cumulative probability {@code u} in (0, 1) to a value, which is how the sampled designs
 * (Monte Carlo, Latin hypercube, Sobol) draw from it: a list and a stepped range are discrete uniform over their
 * values, a range without a step is continuous uniform, and a distribution is sampled by its inverse CDF. To
 * keep values finite, {@code u} is clamped to [{@link #U_MIN}, 1 − {@link #U_MIN}]: a normal distribution
 * reaches at most about six standard deviations from its mean.
 */
sealed interface Domain permits Domain.Values, Domain.Range, Domain.Distribution {
  /** The smallest and (one minus) the largest cumulative probability a sample is drawn at. */
  double U_MIN = 1e-9;

  /** Every value in order, as a grid enumerates them; null for a distribution, which cannot be enumerated. */
  List<JsonNode> levels();

  /** The value at cumulative probability {@code u}. */
  JsonNode at(double u);

  /** The low end of a one-at-a-time swing: the first value, the range's start, a distribution's 5th percentile. */
  JsonNode low();

  /** The high end of a one-at-a-time swing: the last value, the range's end, a distribution's 95th percentile. */
  JsonNode high();

  /** A description for sweep.json, in the file's own terms. */
  Map<String, Object> describe();

  /** A number as messages show it: {@code -1}, not {@code -1.0}. */
  static String shown(double x) {
    return Double.isFinite(x) ? org.magflow.output.Decimals.format(x) : Double.toString(x);
  }

  static double clamp(double u) {
    return Math.min(1 - U_MIN, Math.max(U_MIN, u));
  }

  /** An explicit list of values (numbers, strings, booleans or null). */
  record Values(List<JsonNode> values) implements Domain {
    public Values {
      values = List.copyOf(values);
    }

    @Override public List<JsonNode> levels() {
      return values;
    }

    @Override public JsonNode at(double u) {
      return values.get(Math.min(values.size() - 1, (int) Math.floor(clamp(u) * values.size())));
    }

    @Override public JsonNode low() {
      return values.get(0);
    }

    @Override public JsonNode high() {
      return values.get(values.size() - 1);
    }

    @Override public Map<String, Object> describe() {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("values", values);
      return d;
    }
  }

  /**
   * Numbers from {@code from} up to {@code to}: {@code from, from + step, ...} not beyond {@code to}, or, without
   * a step, every number in between (sampled designs only).
   */
  record Range(BigDecimal from, BigDecimal to, BigDecimal step) implements Domain {
    /** How many values a stepped range has. */
    int count() {
      return to.subtract(from).divideToIntegralValue(step).intValueExact() + 1;
    }

    @Override public List<JsonNode> levels() {
      if (step == null) return null;
      int n = count();
      List<JsonNode> levels = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        // decimal arithmetic, so 0.1 steps give 0.3 and not 0.30000000000000004
        levels.add(DoubleNode.valueOf(from.add(step.multiply(BigDecimal.valueOf(i))).doubleValue()));
      }
      return levels;
    }

    @Override public JsonNode at(double u) {
      if (step != null) {
        int n = count();
        int i = Math.min(n - 1, (int) Math.floor(clamp(u) * n));
        return DoubleNode.valueOf(from.add(step.multiply(BigDecimal.valueOf(i))).doubleValue());
      }
      double lo = from.doubleValue();
      double hi = to.doubleValue();
      return DoubleNode.valueOf(lo + clamp(u) * (hi - lo));
    }

    @Override public JsonNode low() {
      return DoubleNode.valueOf(from.doubleValue());
    }

    @Override public JsonNode high() {
      if (step == null) return DoubleNode.valueOf(to.doubleValue());
      return DoubleNode.valueOf(from.add(step.multiply(BigDecimal.valueOf(count() - 1))).doubleValue());
    }

    @Override public Map<String, Object> describe() {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("from", from);
      r.put("to", to);
      if (step != null) r.put("step", step);
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("range", r);
      return d;
    }
  }

  /**
   * A continuous distribution from Apache Commons Math, optionally truncated to [min, max].
   *
   * <ul>
   *   <li>{@code uniform}: {@code min}, {@code max};
   *   <li>{@code normal}: {@code mean}, {@code sd}, optional {@code min}, {@code max} (truncation);
   *   <li>{@code triangular}: {@code min}, {@code mode}, {@code max};
   *   <li>{@code lognormal}: {@code median}, {@code sigma} (the standard deviation of the logarithm: ln X is
   *       normal with mean ln median), optional {@code min}, {@code max} (truncation).
   * </ul>
   */
  final class Distribution implements Domain {
    /** The distribution types and the fields each takes (required first, then optional). */
    static final Map<String, List<String>> REQUIRED = Map.of(
        "uniform", List.of("min", "max"),
        "normal", List.of("mean", "sd"),
        "triangular", List.of("min", "mode", "max"),
        "lognormal", List.of("median", "sigma"));
    static final Map<String, List<String>> OPTIONAL = Map.of(
        "uniform", List.of(),
        "normal", List.of("min", "max"),
        "triangular", List.of(),
        "lognormal", List.of("min", "max"));
    static final List<String> TYPES = List.of("uniform", "normal", "triangular", "lognormal");

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

    private final String type;
    private final Map<String, Double> fields;
    private final RealDistribution dist; // null for lognormal, computed here for accuracy
    private final double mu;
    private final double sigma;
    private final double pLow;
    private final double pHigh;

    /**
     * A checked distribution; call {@link #check} first.
     *
     * @param fields the given fields in file order, {@code type} excluded
     */
    Distribution(String type, Map<String, Double> fields) {
      this.type = type;
      this.fields = new LinkedHashMap<>(fields);
      Double lower = null;
      Double upper = null;
      switch (type) {
        case "uniform" -> {
          dist = new UniformRealDistribution(null, fields.get("min"), fields.get("max"));
          mu = sigma = 0;
        }
        case "triangular" -> {
          dist = new TriangularDistribution(null, fields.get("min"), fields.get("mode"), fields.get("max"));
          mu = sigma = 0;
        }
        case "normal" -> {
          dist = new NormalDistribution(null, fields.get("mean"), fields.get("sd"));
          mu = sigma = 0;
          lower = fields.get("min");
          upper = fields.get("max");
        }
        case "lognormal" -> {
          dist = null;
          mu = Math.log(fields.get("median"));
          sigma = fields.get("sigma");
          lower = fields.get("min");
          upper = fields.get("max");
        }
        default -> throw new IllegalArgumentException("unknown distribution " + type);
      }
      pLow = lower == null ? 0 : cdf(lower);
      pHigh = upper == null ? 1 : cdf(upper);
    }

    /** What is wrong with these fields for this type, or null if nothing. */
    static String check(String type, Map<String, Double> f) {
      switch (type) {
        case "uniform" -> {
          if (!(f.get("min") < f.get("max"))) {
            return "min must be below max, found min " + shown(f.get("min")) + ", max " + shown(f.get("max"));
          }
        }
        case "triangular" -> {
          double a = f.get("min");
          double c = f.get("mode");
          double b = f.get("max");
          if (!(a < b)) return "min must be below max, found min " + shown(a) + ", max " + shown(b);
          if (!(a <= c && c <= b)) {
            return "mode must lie from min to max, found " + shown(c) + " outside " + shown(a) + " to " + shown(b);
          }
        }
        case "normal" -> {
          if (!(f.get("sd") > 0)) return "sd must be > 0, found " + shown(f.get("sd"));
        }
        case "lognormal" -> {
          if (!(f.get("median") > 0)) return "median must be > 0, found " + shown(f.get("median"));
          if (!(f.get("sigma") > 0)) return "sigma must be > 0, found " + shown(f.get("sigma"));
          if (f.get("min") != null && f.get("min") < 0) {
            return "min must be >= 0 for a lognormal, found " + shown(f.get("min"));
          }
        }
        default -> {
          return "unknown distribution type '" + type + "'; expected one of: " + String.join(", ", TYPES);
        }
      }
      Double lo = f.get("min");
      Double hi = f.get("max");
      if ((type.equals("normal") || type.equals("lognormal")) && lo != null && hi != null && !(lo < hi)) {
        return "min must be below max, found min " + shown(lo) + ", max " + shown(hi);
      }
      if (type.equals("normal") || type.equals("lognormal")) {
        Distribution d = new Distribution(type, f);
        if (!(d.pHigh - d.pLow > 1e-6)) {
          return "min and max leave almost none of the distribution (probability " + (d.pHigh - d.pLow)
              + "); widen them or move the distribution";
        }
      }
      return null;
    }

    private double cdf(double x) {
      if (dist != null) return dist.cumulativeProbability(x);
      return x <= 0 ? 0 : STANDARD_NORMAL.cumulativeProbability((Math.log(x) - mu) / sigma);
    }

    private double quantile(double p) {
      if (dist != null) return dist.inverseCumulativeProbability(p);
      return Math.exp(mu + sigma * STANDARD_NORMAL.inverseCumulativeProbability(p));
    }

    String type() {
      return type;
    }

    @Override public List<JsonNode> levels() {
      return null;
    }

    @Override public JsonNode at(double u) {
      return DoubleNode.valueOf(quantile(pLow + clamp(u) * (pHigh - pLow)));
    }

    @Override public JsonNode low() {
      return DoubleNode.valueOf(quantile(pLow + 0.05 * (pHigh - pLow)));
    }

    @Override public JsonNode high() {
      return DoubleNode.valueOf(quantile(pLow + 0.95 * (pHigh - pLow)));
    }

    @Override public Map<String, Object> describe() {
      Map<String, Object> dist = new LinkedHashMap<>();
      dist.put("type", type);
      dist.putAll(fields);
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("distribution", dist);
      return d;
    }
  }
}
