package org.magflow.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The designs choose the points they promise. */
class SweepDesignTest {

  private static List<String> texts(JsonNode[] values) {
    List<String> t = new ArrayList<>();
    for (JsonNode v : values) t.add(Parameter.text(v));
    return t;
  }

  @Test
  void grid_runsEveryCombination_firstParameterSlowest(@TempDir Path tmp) throws Exception {
    SweepPlan plan = SweepPlan.create(Sweeps.grid(tmp));
    assertEquals(6, plan.points());
    assertEquals(12, plan.runs());
    List<List<String>> points = new ArrayList<>();
    for (int p = 0; p < plan.points(); p++) points.add(texts(plan.pointSet().values(p)));
    assertEquals(List.of(List.of("0.2", "2"), List.of("0.2", "8"), List.of("0.6", "2"), List.of("0.6", "8"),
        List.of("1", "2"), List.of("1", "8")), points);
  }

  @Test
  void grid_writesEachPointsValuesIntoTheScenario(@TempDir Path tmp) throws Exception {
    SweepPlan plan = SweepPlan.create(Sweeps.grid(tmp));
    var scenario = plan.scenario(3).spec(); // cut 0.6, 8 months after 2025-09-01
    var throttle = (org.magflow.scenario.PolicySpec) scenario.policies().get(0);
    assertEquals("2026-05-01", throttle.end().toString());
    assertTrue(plan.scenario(3).tree().toString().contains("\"cut\":0.6"));
  }

  @Test
  void grid_range_stepsInDecimals() {
    var range = new Domain.Range(new BigDecimal("0"), new BigDecimal("1"), new BigDecimal("0.1"));
    List<String> levels = range.levels().stream().map(Parameter::text).toList();
    assertEquals(List.of("0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "1"), levels);
    assertEquals(0.3, range.levels().get(3).doubleValue()); // not 0.30000000000000004
  }

  @Test
  void latinHypercube_hasOneSamplePerStratumOfEveryDimension() {
    int n = 64;
    var uniform = Parameter.detached("u", new Domain.Range(BigDecimal.ZERO, BigDecimal.valueOf(n), null));
    var normal = Parameter.detached("z", new Domain.Distribution("normal", Map.of("mean", 5.0, "sd", 2.0)));
    var triangle = Parameter.detached("t", new Domain.Distribution("triangular",
        Map.of("min", 0.0, "mode", 1.0, "max", 4.0)));
    Points points = new Points(Design.LATIN_HYPERCUBE, List.of(uniform, normal, triangle), n, 42);
    assertEquals(n, points.count());
    var cdfNormal = new NormalDistribution(null, 5, 2);
    var cdfTriangle = new org.apache.commons.math3.distribution.TriangularDistribution(null, 0, 1, 4);
    List<Set<Integer>> strata = List.of(new HashSet<>(), new HashSet<>(), new HashSet<>());
    for (int i = 0; i < n; i++) {
      JsonNode[] v = points.values(i);
      strata.get(0).add((int) Math.floor(v[0].doubleValue()));
      strata.get(1).add((int) Math.floor(cdfNormal.cumulativeProbability(v[1].doubleValue()) * n));
      strata.get(2).add((int) Math.floor(cdfTriangle.cumulativeProbability(v[2].doubleValue()) * n));
    }
    for (Set<Integer> s : strata) {
      assertEquals(n, s.size(), "every stratum hit once: " + s);
      assertTrue(s.stream().allMatch(k -> k >= 0 && k < n));
    }
  }

  @Test
  void sampledDesigns_dependOnTheSeedAlone() {
    var u = Parameter.detached("u", new Domain.Distribution("uniform", Map.of("min", 0.0, "max", 1.0)));
    for (Design d : List.of(Design.MONTE_CARLO, Design.LATIN_HYPERCUBE)) {
      Points a = new Points(d, List.of(u, u), 20, 1);
      Points again = new Points(d, List.of(u, u), 20, 1);
      Points other = new Points(d, List.of(u, u), 20, 2);
      assertEquals(texts(a.values(7)), texts(again.values(7)), d.id());
      assertNotEquals(texts(a.values(7)), texts(other.values(7)), d.id());
    }
  }

  @Test
  void sobol_buildsA_B_andA_withOneColumnFromB() {
    var u = Parameter.detached("u", new Domain.Distribution("uniform", Map.of("min", 0.0, "max", 1.0)));
    var v = Parameter.detached("v", new Domain.Distribution("uniform", Map.of("min", 0.0, "max", 1.0)));
    Points points = new Points(Design.SOBOL, List.of(u, v), 8, 1);
    assertEquals(8 * 4, points.count());
    for (int j = 0; j < 8; j++) {
      JsonNode[] a = points.values(4 * j);
      JsonNode[] b = points.values(4 * j + 1);
      JsonNode[] ab0 = points.values(4 * j + 2);
      JsonNode[] ab1 = points.values(4 * j + 3);
      assertEquals(List.of("A", "B", "AB:u", "AB:v"), List.of(points.label(4 * j), points.label(4 * j + 1),
          points.label(4 * j + 2), points.label(4 * j + 3)));
      assertEquals(List.of(b[0], a[1]), List.of(ab0));
      assertEquals(List.of(a[0], b[1]), List.of(ab1));
      assertNotEquals(a[0], b[0]);
      assertNotEquals(a[1], b[1]);
    }
  }

  @Test
  void oneAtATime_swingsEachParameterAloneFromTheBase() {
    var values = Parameter.detached("a", new Domain.Values(List.of(
        com.fasterxml.jackson.databind.node.DoubleNode.valueOf(1), com.fasterxml.jackson.databind.node.DoubleNode.valueOf(3))));
    var normal = Parameter.detached("b", new Domain.Distribution("normal", Map.of("mean", 0.0, "sd", 1.0)));
    Points points = new Points(Design.ONE_AT_A_TIME, List.of(values, normal), 0, 1);
    assertEquals(5, points.count());
    assertNull(points.values(0)[0]);
    assertNull(points.values(0)[1]);
    assertEquals(List.of("1", ""), texts(points.values(1)));
    assertEquals(List.of("3", ""), texts(points.values(2)));
    assertEquals(-1.64485363, points.values(3)[1].doubleValue(), 1e-6); // the 5th percentile
    assertEquals(1.64485363, points.values(4)[1].doubleValue(), 1e-6);
    assertEquals("high:b", points.label(4));
  }
}
