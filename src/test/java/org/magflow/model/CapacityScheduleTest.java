package org.magflow.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

class CapacityScheduleTest {
  private static final double TOL = 1e-9;
  private static final double[] NONE = new double[0];

  private static CapacitySchedule points(double[] times, double[] tonnesPerYear) {
    return new CapacitySchedule(times, tonnesPerYear, NONE, NONE, NONE);
  }

  @Test
  void installedAt_betweenTwoPoints_rampsLinearly() {
    // 100 t/yr at day 10, 300 t/yr at day 20: +20 t/yr per day
    CapacitySchedule s = points(new double[] {10, 20}, new double[] {100, 300});
    assertEquals(100, s.installedAt(10), TOL);
    assertEquals(150, s.installedAt(12.5), TOL);
    assertEquals(200, s.installedAt(15), TOL);
    assertEquals(290, s.installedAt(19.5), TOL);
    assertEquals(300, s.installedAt(20), TOL);
  }

  @Test
  void installedAt_beforeFirstPoint_isZero() {
    CapacitySchedule s = points(new double[] {10, 20}, new double[] {100, 300});
    assertEquals(0, s.installedAt(9.999));
    assertEquals(0, s.installedAt(0));
    assertEquals(0, s.installedAt(-1e9));
  }

  @Test
  void installedAt_afterLastPoint_isConstant() {
    CapacitySchedule s = points(new double[] {10, 20}, new double[] {100, 300});
    assertEquals(300, s.installedAt(20.001));
    assertEquals(300, s.installedAt(1e9));
    assertEquals(300, s.installedAt(Double.POSITIVE_INFINITY));
  }

  @Test
  void installedAt_decliningRamp_interpolatesDownward() {
    // a closure: 400 t/yr at day 0 falling to 0 at day 100
    CapacitySchedule s = points(new double[] {0, 100}, new double[] {400, 0});
    assertEquals(300, s.installedAt(25), TOL);
    assertEquals(0, s.installedAt(100));
    assertEquals(0, s.installedAt(200));
  }

  @Test
  void installedAt_twoPointsAtEqualTimes_stepToTheLaterValue() {
    // flat 100 until day 10, a step to 500 at day 10, flat 500 to day 20
    CapacitySchedule s = points(new double[] {0, 10, 10, 20}, new double[] {100, 100, 500, 500});
    assertEquals(100, s.installedAt(5), TOL);
    assertEquals(100, s.installedAt(9.999999), TOL);
    assertEquals(500, s.installedAt(10), TOL);
    assertEquals(500, s.installedAt(15), TOL);
  }

  @Test
  void installedAt_stepAtTheFirstPoint_takesTheLaterValue() {
    CapacitySchedule s = points(new double[] {10, 10, 20}, new double[] {0, 200, 400});
    assertEquals(0, s.installedAt(9.9));
    assertEquals(200, s.installedAt(10));
    assertEquals(300, s.installedAt(15), TOL); // ramps from the later value of the step
  }

  @Test
  void installedAt_threePointsAtOneTime_takeTheLast() {
    CapacitySchedule s = points(new double[] {0, 10, 10, 10, 20}, new double[] {0, 10, 20, 30, 30});
    assertEquals(30, s.installedAt(10));
    assertEquals(5, s.installedAt(5), TOL);
  }

  @Test
  void installedAt_stepAtTheLastPoint_takesTheLaterValue() {
    CapacitySchedule s = points(new double[] {0, 10, 10}, new double[] {100, 100, 0});
    assertEquals(0, s.installedAt(10));
    assertEquals(0, s.installedAt(50));
    assertEquals(100, s.installedAt(9), TOL);
  }

  @Test
  void installedAt_firstPointAtMinusInfinity_isFlatUntilTheNextPoint() {
    // the form ModelBuilder gives a plant that existed before the run: flat 50, then 150 from day 100
    CapacitySchedule s = points(new double[] {Double.NEGATIVE_INFINITY, 100}, new double[] {50, 150});
    for (double t : new double[] {-1e12, -365, 0, 50, 99.999}) {
      double c = s.installedAt(t);
      assertFalse(Double.isNaN(c), "NaN at " + t);
      assertEquals(50, c, 0.0, "t=" + t);
    }
    assertEquals(150, s.installedAt(100));
    assertEquals(150, s.installedAt(1000));
  }

  @Test
  void constant_isTheSameCapacityAtEveryTime() {
    CapacitySchedule s = CapacitySchedule.constant(1234);
    for (double t : new double[] {Double.NEGATIVE_INFINITY, -1e6, -1, 0, 1, 1e6}) {
      assertEquals(1234, s.installedAt(t), 0.0, "t=" + t);
      assertEquals(1234, s.availableAt(t), 0.0, "t=" + t);
    }
  }

  @Test
  void availableAt_duringOutage_multipliesByAvailableFraction_butInstalledIsUnchanged() {
    CapacitySchedule s = new CapacitySchedule(new double[] {0}, new double[] {1000},
        new double[] {10}, new double[] {20}, new double[] {0.5});
    assertEquals(1000, s.availableAt(9.999));
    assertEquals(500, s.availableAt(10), TOL); // from is inclusive
    assertEquals(500, s.availableAt(19.999), TOL);
    assertEquals(1000, s.availableAt(20)); // to is exclusive
    assertEquals(1000, s.installedAt(15));
  }

  @Test
  void availableAt_overlappingOutages_compound() {
    // 0.5 on [10,20), 0.4 on [15,25): 1000 → 500 → 200 (overlap) → 400 → 1000
    CapacitySchedule s = new CapacitySchedule(new double[] {0}, new double[] {1000},
        new double[] {10, 15}, new double[] {20, 25}, new double[] {0.5, 0.4});
    assertEquals(1000, s.availableAt(5), TOL);
    assertEquals(500, s.availableAt(12), TOL);
    assertEquals(200, s.availableAt(15), TOL);
    assertEquals(200, s.availableAt(19), TOL);
    assertEquals(400, s.availableAt(20), TOL);
    assertEquals(1000, s.availableAt(25), TOL);
    assertEquals(1000, s.installedAt(17), TOL);
  }

  @Test
  void availableAt_fullOutageOnARamp_isZero_andRampResumesAfter() {
    CapacitySchedule s = new CapacitySchedule(new double[] {0, 100}, new double[] {0, 1000},
        new double[] {40}, new double[] {60}, new double[] {0.0});
    assertEquals(300, s.availableAt(30), TOL);
    assertEquals(0, s.availableAt(50), TOL);
    assertEquals(500, s.installedAt(50), TOL);
    assertEquals(600, s.availableAt(60), TOL);
  }

  @Test
  void constructor_rejectsBadArrays() {
    assertThrows(IllegalArgumentException.class, () -> points(new double[0], new double[0]));
    assertThrows(IllegalArgumentException.class, () -> points(new double[] {0, 1}, new double[] {1}));
    assertThrows(IllegalArgumentException.class, () -> points(new double[] {10, 5}, new double[] {1, 2}));
    assertThrows(IllegalArgumentException.class, () -> new CapacitySchedule(new double[] {0}, new double[] {1},
        new double[] {0}, new double[0], new double[] {0.5}));
  }

  @Test
  void constructor_copiesItsArrays() {
    double[] times = {0, 10};
    double[] tonnes = {0, 100};
    CapacitySchedule s = points(times, tonnes);
    tonnes[1] = 999;
    times[1] = 1;
    assertEquals(50, s.installedAt(5), TOL);
  }

  @Test
  void installedAt_negativeZero_withFirstPointAtZero_isTheFirstValue() {
    // t < times[0] is false for -0.0 < 0.0, but Arrays.binarySearch puts -0.0 before 0.0 → prev = -1
    CapacitySchedule s = points(new double[] {0, 10}, new double[] {100, 200});
    assertEquals(100, s.installedAt(-0.0), TOL);
  }
}
