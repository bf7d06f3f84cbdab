package org.magflow.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.magflow.random.RandomStreams;

/** Saltelli's design and Jansen's estimators recover the Ishigami function's known indices. */
class SobolIndicesTest {
  private static final double A = 7;
  private static final double B = 0.1;

  private static double ishigami(double x1, double x2, double x3) {
    return Math.sin(x1) + A * Math.sin(x2) * Math.sin(x2) + B * Math.pow(x3, 4) * Math.sin(x1);
  }

  @Test
  void ishigami_firstOrderAndTotalIndices_matchThePublishedValues() {
    var uniform = new Domain.Distribution("uniform", Map.of("min", -Math.PI, "max", Math.PI));
    List<Parameter> xs = List.of(Parameter.detached("x1", uniform), Parameter.detached("x2", uniform),
        Parameter.detached("x3", uniform));
    int n = 1 << 13;
    Points points = new Points(Design.SOBOL, xs, n, 42);
    double[] a = new double[n];
    double[] b = new double[n];
    double[][] ab = new double[3][n];
    for (int j = 0; j < n; j++) {
      for (int m = 0; m < 5; m++) {
        JsonNode[] x = points.values(j * 5 + m);
        double y = ishigami(x[0].doubleValue(), x[1].doubleValue(), x[2].doubleValue());
        if (m == 0) a[j] = y;
        else if (m == 1) b[j] = y;
        else ab[m - 2][j] = y;
      }
    }
    var result = SobolIndices.estimate(a, b, ab, 300, new RandomStreams(1, 0).stream("bootstrap"));
    // Ishigami (a = 7, b = 0.1): S1 = 0.3139, 0.4424, 0; ST = 0.5576, 0.4424, 0.2437 (Saltelli et al. 2008)
    double[] s1 = {0.3139, 0.4424, 0.0};
    double[] st = {0.5576, 0.4424, 0.2437};
    for (int i = 0; i < 3; i++) {
      assertEquals(s1[i], result.first()[i], 0.01, "S1 of x" + (i + 1));
      assertEquals(st[i], result.total()[i], 0.01, "ST of x" + (i + 1));
      assertTrue(result.firstLow()[i] <= result.first()[i] && result.first()[i] <= result.firstHigh()[i]);
      assertTrue(result.totalLow()[i] <= result.total()[i] && result.total()[i] <= result.totalHigh()[i]);
      assertTrue(result.totalHigh()[i] - result.totalLow()[i] < 0.1, "a narrow interval with 8192 samples");
    }
  }

  @Test
  void constantOutput_hasNoIndices() {
    double[] same = {1, 1, 1, 1};
    var r = SobolIndices.estimate(same, same, new double[][] {same}, 10, new RandomStreams(1, 0).stream("b"));
    assertTrue(Double.isNaN(r.first()[0]) && Double.isNaN(r.total()[0]));
  }
}
