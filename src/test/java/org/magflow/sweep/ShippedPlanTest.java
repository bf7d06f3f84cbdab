package org.magflow.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plan shipped to another machine: planned there again alike, and a search's points sent with it intact. */
class ShippedPlanTest {
  @Test
  void aShippedPlanIsPlannedAgainAlike_equalToAnotherShippingOfIt_andItsPointsComeBackAsTheyWere(@TempDir Path tmp)
      throws Exception {
    SweepPlan plan = SweepPlan.create(Sweeps.grid(tmp));
    ShippedPlan shipped = plan.shipped();
    // equal, not the same object: what lets an executor build it once for every batch of a search
    assertEquals(shipped, plan.shipped());
    assertEquals(shipped.hashCode(), plan.shipped().hashCode());
    assertNotEquals(shipped, SweepPlan.create(Sweeps.write(tmp, "other.yaml", "design: grid\nparameters:\n"
        + "  - {path: \"policies[name=reo-throttle].cut\", values: [0.5]}\n")).shipped());

    SweepPlan again = shipped.build();
    assertEquals(plan.identity(), again.identity(), "the same file and resolved base");

    // cut is a decimal, months a whole number of months: JSON gives the latter back as an int, the plan a long
    List<JsonNode[]> points = List.of(plan.pointSet().values(0), plan.pointSet().values(5));
    List<JsonNode[]> back = again.points(SweepPlan.pointsText(points));
    assertEquals(2, back.size());
    for (int p = 0; p < points.size(); p++) {
      for (int k = 0; k < 2; k++) assertEquals(points.get(p)[k], back.get(p)[k], "point " + p + ", value " + k);
    }
    assertEquals(LongNode.class, back.get(1)[1].getClass());
  }
}
