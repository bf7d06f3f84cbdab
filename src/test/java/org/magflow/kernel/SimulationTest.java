package org.magflow.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tests of the event order, clock, counts, argument checks and heap of {@link Simulation}. */
class SimulationTest {

  private final Simulation sim = new Simulation();
  private final List<String> log = new ArrayList<>();

  /** Returns an action that logs its name with the time it ran. */
  private Runnable logs(String name) {
    return () -> log.add(name + "@" + sim.now());
  }

  // ---- order ----

  @Test
  void runUntil_eventsAtDifferentTimes_runInTimeOrder() {
    sim.scheduleAt(3, 0, logs("c"));
    sim.scheduleAt(1, 0, logs("a"));
    sim.scheduleAt(2, 0, logs("b"));
    sim.runUntil(10);
    assertEquals(List.of("a@1.0", "b@2.0", "c@3.0"), log);
  }

  @Test
  void runUntil_sameTime_runsLowerPriorityNumberFirst() {
    sim.scheduleAt(1, 5, logs("five"));
    sim.scheduleAt(1, Simulation.MAX_PRIORITY, logs("max"));
    sim.scheduleAt(1, 0, logs("zero"));
    sim.scheduleAt(1, 2, logs("two"));
    sim.runUntil(1);
    assertEquals(List.of("zero@1.0", "two@1.0", "five@1.0", "max@1.0"), log);
  }

  @Test
  void runUntil_sameTimeAndPriority_keepsSchedulingOrder() {
    for (int i = 0; i < 100; i++) {
      sim.scheduleAt(1, 3, logs("e" + i));
    }
    sim.runUntil(1);
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      expected.add("e" + i + "@1.0");
    }
    assertEquals(expected, log);
  }

  @Test
  void runUntil_eventScheduledInsideEvent_followsTheOrderingRule() {
    sim.scheduleAt(1, 5, () -> {
      log.add("outer");
      sim.schedule(0, 5, logs("samePriority")); // after the already pending 5
      sim.schedule(0, 9, logs("higherNumber")); // later in this instant
      sim.schedule(0, 1, logs("lowerNumber")); // now the minimum: runs next
      sim.schedule(0.5, 0, logs("later"));
    });
    sim.scheduleAt(1, 5, logs("pendingFive"));
    sim.scheduleAt(2, 0, logs("atTwo"));
    sim.runUntil(10);
    assertEquals(
        List.of(
            "outer",
            "lowerNumber@1.0",
            "pendingFive@1.0",
            "samePriority@1.0",
            "higherNumber@1.0",
            "later@1.5",
            "atTwo@2.0"),
        log);
  }

  @Test
  void schedule_delay_isRelativeToNow() {
    sim.runUntil(4);
    sim.schedule(2.5, 0, logs("a"));
    sim.runUntil(10);
    assertEquals(List.of("a@6.5"), log);
  }

  @Test
  void runUntil_eventSchedulingExactlyOne_followsTheOrderingRule() {
    // An event that schedules one event hands it its place at the root; the order must not change.
    sim.scheduleAt(1, 5, () -> {
      log.add("a");
      sim.schedule(0, 5, () -> { // after the already pending 5
        log.add("a2");
        sim.schedule(0, 1, () -> { // before the pending 9: runs next
          log.add("a3");
          sim.schedule(0, 9, logs("a4")); // after the pending 9
        });
      });
    });
    sim.scheduleAt(1, 5, logs("pendingFive"));
    sim.scheduleAt(1, 9, logs("pendingNine"));
    sim.scheduleAt(2, 0, logs("atTwo"));
    sim.runUntil(10);
    assertEquals(List.of("a", "pendingFive@1.0", "a2", "a3", "pendingNine@1.0", "a4@1.0", "atTwo@2.0"), log);
  }

  @Test
  void recurring_schedulingAnEventWhileItRuns_keepsBothInOrder() {
    sim.scheduleRecurring(1, 5, now -> {
      log.add("recurring@" + now);
      sim.schedule(0, 1, logs("child")); // scheduled before the process itself is re-inserted
      return now < 2 ? now + 1 : Double.NaN;
    });
    sim.scheduleAt(1, 3, logs("three"));
    sim.runUntil(10);
    assertEquals(List.of("three@1.0", "recurring@1.0", "child@1.0", "recurring@2.0", "child@2.0"), log);
    assertEquals(0, sim.pendingEvents());
  }

  // ---- clock and counts ----

  @Test
  void runUntil_includesEventsAtExactlyUntil_andLeavesLaterOnesPending() {
    sim.scheduleAt(5, 0, logs("atUntil"));
    sim.scheduleAt(Math.nextUp(5.0), 0, logs("justAfter"));
    sim.runUntil(5);
    assertEquals(List.of("atUntil@5.0"), log);
    assertEquals(1, sim.pendingEvents());
  }

  @Test
  void runUntil_advancesNowToUntil_evenWithoutEvents() {
    assertEquals(0.0, sim.now());
    sim.scheduleAt(2, 0, logs("a"));
    sim.runUntil(7);
    assertEquals(7.0, sim.now());
    sim.runUntil(3); // an earlier until never moves the clock back
    assertEquals(7.0, sim.now());
  }

  @Test
  void runUntil_infinity_runsEverythingAndLeavesNowAtTheLastEvent() {
    sim.scheduleAt(2, 0, logs("a"));
    sim.scheduleAt(9, 0, logs("b"));
    sim.runUntil(Double.POSITIVE_INFINITY);
    assertEquals(9.0, sim.now());
    assertEquals(0, sim.pendingEvents());
  }

  @Test
  void eventsExecutedAndPendingEvents_countRunAndWaitingEvents() {
    assertEquals(0, sim.eventsExecuted());
    assertEquals(0, sim.pendingEvents());
    for (int i = 1; i <= 10; i++) {
      sim.scheduleAt(i, 0, () -> {});
    }
    sim.scheduleAt(1, 0, () -> sim.schedule(100, 0, () -> {}));
    assertEquals(11, sim.pendingEvents());
    sim.runUntil(4);
    assertEquals(5, sim.eventsExecuted());
    assertEquals(7, sim.pendingEvents());
    sim.runUntil(Double.POSITIVE_INFINITY);
    assertEquals(12, sim.eventsExecuted());
    assertEquals(0, sim.pendingEvents());
  }

  @Test
  void pendingEvents_insideAnEvent_excludesTheRunningEvent() {
    List<Integer> pending = new ArrayList<>();
    sim.scheduleAt(1, 0, () -> {
      pending.add(sim.pendingEvents());
      sim.schedule(1, 0, () -> pending.add(sim.pendingEvents()));
      pending.add(sim.pendingEvents());
      sim.schedule(2, 0, () -> {});
      pending.add(sim.pendingEvents());
    });
    sim.scheduleAt(5, 0, () -> {});
    sim.runUntil(2);
    assertEquals(List.of(1, 2, 3, 2), pending);
    assertEquals(2, sim.pendingEvents());
  }

  @Test
  void runUntil_actionThrowsAfterSchedulingOne_keepsThatEventAndLaterOnesPending() {
    sim.scheduleAt(1, 0, () -> {
      sim.schedule(0, 0, logs("scheduled"));
      throw new IllegalStateException("boom");
    });
    sim.scheduleAt(2, 0, logs("b"));
    assertThrows(IllegalStateException.class, () -> sim.runUntil(10));
    assertEquals(2, sim.pendingEvents());
    assertEquals(1, sim.eventsExecuted());
    sim.runUntil(10);
    assertEquals(List.of("scheduled@1.0", "b@2.0"), log);
  }

  @Test
  void runUntil_actionThrows_propagatesAndKeepsLaterEventsPending() {
    sim.scheduleAt(1, 0, () -> {
      throw new IllegalStateException("boom");
    });
    sim.scheduleAt(2, 0, logs("b"));
    assertThrows(IllegalStateException.class, () -> sim.runUntil(10));
    assertEquals(1.0, sim.now());
    assertEquals(1, sim.pendingEvents());
    sim.runUntil(10); // the simulation is still usable
    assertEquals(List.of("b@2.0"), log);
  }

  // ---- recurring processes ----

  @Test
  void recurring_runsAtTheTimesItReturns_andStopsOnNaN() {
    List<Double> runs = new ArrayList<>();
    sim.scheduleRecurring(1, 0, now -> {
      runs.add(now);
      return runs.size() < 4 ? now * 2 : Double.NaN;
    });
    sim.runUntil(100);
    assertEquals(List.of(1.0, 2.0, 4.0, 8.0), runs);
    assertEquals(0, sim.pendingEvents());
    assertEquals(4, sim.eventsExecuted());
  }

  @Test
  void recurring_keepsItsPriorityAtEachRun() {
    sim.scheduleRecurring(1, 1, now -> {
      log.add("recurring@" + now);
      return now < 3 ? now + 1 : Double.NaN;
    });
    for (int t = 1; t <= 3; t++) {
      sim.scheduleAt(t, 0, logs("zero"));
      sim.scheduleAt(t, 2, logs("two"));
    }
    sim.runUntil(10);
    assertEquals(
        List.of(
            "zero@1.0", "recurring@1.0", "two@1.0",
            "zero@2.0", "recurring@2.0", "two@2.0",
            "zero@3.0", "recurring@3.0", "two@3.0"),
        log);
  }

  @Test
  void recurring_returningItsCurrentTime_isRejected() {
    sim.scheduleRecurring(2, 0, now -> now);
    var e = assertThrows(IllegalArgumentException.class, () -> sim.runUntil(10));
    assertEquals(
        "recurring process returned next time 2.0, not finite and after 2.0", e.getMessage());
  }

  @Test
  void recurring_returningAnEarlierTime_isRejected() {
    sim.scheduleRecurring(2, 0, now -> now - 1);
    var e = assertThrows(IllegalArgumentException.class, () -> sim.runUntil(10));
    assertEquals(
        "recurring process returned next time 1.0, not finite and after 2.0", e.getMessage());
  }

  @Test
  void recurring_returningInfinity_isRejected() {
    sim.scheduleRecurring(2, 0, now -> Double.POSITIVE_INFINITY);
    var e = assertThrows(IllegalArgumentException.class, () -> sim.runUntil(10));
    assertEquals(
        "recurring process returned next time Infinity, not finite and after 2.0", e.getMessage());
  }

  // ---- argument checks ----

  @Test
  void schedule_negativeDelay_isRejected() {
    var e = assertThrows(IllegalArgumentException.class, () -> sim.schedule(-1, 0, () -> {}));
    assertEquals("delay must be non-negative, was -1.0", e.getMessage());
  }

  @Test
  void schedule_nanDelay_isRejected() {
    var e =
        assertThrows(IllegalArgumentException.class, () -> sim.schedule(Double.NaN, 0, () -> {}));
    assertEquals("delay must be non-negative, was NaN", e.getMessage());
  }

  @Test
  void schedule_infiniteDelay_isRejectedAsANonFiniteTime() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> sim.schedule(Double.POSITIVE_INFINITY, 0, () -> {}));
    assertEquals("time must be finite, was Infinity", e.getMessage());
  }

  @Test
  void scheduleAt_timeBeforeNow_isRejected() {
    sim.runUntil(5);
    var e = assertThrows(IllegalArgumentException.class, () -> sim.scheduleAt(4.5, 0, () -> {}));
    assertEquals("time 4.5 is before now, 5.0", e.getMessage());
  }

  @Test
  void scheduleAt_nonFiniteTime_isRejected() {
    double[] nonFinite = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
    for (double time : nonFinite) {
      var e = assertThrows(IllegalArgumentException.class, () -> sim.scheduleAt(time, 0, () -> {}));
      assertEquals("time must be finite, was " + time, e.getMessage());
    }
  }

  @Test
  void scheduleRecurring_nonFiniteOrPastFirstTime_isRejected() {
    sim.runUntil(1);
    var nan = assertThrows(
        IllegalArgumentException.class, () -> sim.scheduleRecurring(Double.NaN, 0, now -> now + 1));
    assertEquals("time must be finite, was NaN", nan.getMessage());
    var past = assertThrows(
        IllegalArgumentException.class, () -> sim.scheduleRecurring(0.5, 0, now -> now + 1));
    assertEquals("time 0.5 is before now, 1.0", past.getMessage());
  }

  @Test
  void schedule_nullAction_isRejected() {
    var relative = assertThrows(IllegalArgumentException.class, () -> sim.schedule(1, 0, null));
    var absolute = assertThrows(IllegalArgumentException.class, () -> sim.scheduleAt(1, 0, null));
    var recurring =
        assertThrows(IllegalArgumentException.class, () -> sim.scheduleRecurring(1, 0, null));
    for (var e : List.of(relative, absolute, recurring)) {
      assertEquals("action must not be null, was null", e.getMessage());
    }
    assertEquals(0, sim.pendingEvents());
  }

  @Test
  void schedule_priorityOutsideTwentyBits_isRejected() {
    int[] outside = {-1, Simulation.MAX_PRIORITY + 1, Integer.MIN_VALUE, Integer.MAX_VALUE};
    for (int priority : outside) {
      var e =
          assertThrows(IllegalArgumentException.class, () -> sim.schedule(1, priority, () -> {}));
      assertEquals("priority must be in 0..1048575, was " + priority, e.getMessage());
    }
    var recurring =
        assertThrows(IllegalArgumentException.class, () -> sim.scheduleRecurring(1, -1, now -> 2));
    assertEquals("priority must be in 0..1048575, was -1", recurring.getMessage());
  }

  @Test
  void runUntil_nan_isRejected() {
    var e = assertThrows(IllegalArgumentException.class, () -> sim.runUntil(Double.NaN));
    assertEquals("until must not be NaN", e.getMessage());
  }

  @Test
  void runUntil_calledFromInsideAnEvent_isRejected() {
    sim.scheduleAt(1, 0, () -> sim.runUntil(5));
    var e = assertThrows(IllegalStateException.class, () -> sim.runUntil(10));
    assertEquals("runUntil called from inside an event", e.getMessage());
  }

  // ---- heap under stress ----

  @Test
  void actions_stayWithTheirEvents_whileSlotsAreReusedByStoppingProcessesAndThrowingActions() {
    // Finished events give their place in the action table to new ones; each event must still run its own.
    List<List<Double>> processRuns = new ArrayList<>();
    for (int p = 0; p < 5; p++) {
      int id = p;
      List<Double> runs = new ArrayList<>();
      processRuns.add(runs);
      sim.scheduleRecurring(id, 0, now -> {
        runs.add(now);
        return runs.size() < 3 + id ? now + 1 + id : Double.NaN;
      });
    }
    List<List<Double>> oneShotRuns = new ArrayList<>();
    for (int e = 0; e < 20; e++) {
      int id = e;
      List<Double> runs = new ArrayList<>();
      oneShotRuns.add(runs);
      sim.schedule(id * 0.5, 1, () -> {
        runs.add(sim.now());
        if (id % 7 == 3) throw new IllegalStateException("boom " + id);
        sim.schedule(0.25, 1, () -> runs.add(sim.now())); // takes the slot this event just gave up
      });
    }
    int thrown = 0;
    while (true) {
      try {
        sim.runUntil(Double.POSITIVE_INFINITY);
        break;
      } catch (IllegalStateException e) {
        thrown++;
      }
    }
    assertEquals(3, thrown);
    for (int p = 0; p < 5; p++) {
      List<Double> expected = new ArrayList<>();
      for (int k = 0; k < 3 + p; k++) expected.add(p + k * (1.0 + p));
      assertEquals(expected, processRuns.get(p), "process " + p);
    }
    for (int e = 0; e < 20; e++) {
      assertEquals(e % 7 == 3 ? List.of(e * 0.5) : List.of(e * 0.5, e * 0.5 + 0.25), oneShotRuns.get(e),
          "event " + e);
    }
    assertEquals(0, sim.pendingEvents());
  }

  /** The kernel sifts down without branches in smaller heaps and with them in larger ones; both are tested. */
  @ParameterizedTest
  @ValueSource(ints = {Simulation.BRANCH_FREE_MAX, 0})
  void runUntil_randomizedStress_matchesAReferencePriorityQueue(int branchFreeMax) {
    Workload kernel = new KernelWorkload(branchFreeMax);
    Workload reference = new ReferenceWorkload();
    kernel.drive();
    reference.drive();
    assertTrue(kernel.ids.size() > 100_000, "too few events: " + kernel.ids.size());
    // Reports the first divergence rather than two lists of 200,000 entries.
    for (int i = 0; i < Math.min(reference.ids.size(), kernel.ids.size()); i++) {
      if (!reference.ids.get(i).equals(kernel.ids.get(i))
          || !reference.times.get(i).equals(kernel.times.get(i))) {
        fail(String.format("event %d: expected id %d at %s, was id %d at %s", i,
            reference.ids.get(i), reference.times.get(i), kernel.ids.get(i), kernel.times.get(i)));
      }
    }
    assertEquals(reference.ids.size(), kernel.ids.size(), "events run");
  }

  @ParameterizedTest
  @ValueSource(ints = {Simulation.BRANCH_FREE_MAX, 0})
  void runUntil_holdPattern_matchesAReferencePriorityQueue(int branchFreeMax) {
    // Every event schedules exactly one successor, the case where the successor replaces the running event at
    // the root; times and priorities tie often, as in the branching workload.
    Workload kernel = new KernelWorkload(branchFreeMax);
    Workload reference = new ReferenceWorkload();
    kernel.hold = true;
    reference.hold = true;
    kernel.drive();
    reference.drive();
    assertTrue(kernel.ids.size() > 100_000, "too few events: " + kernel.ids.size());
    assertEquals(reference.ids, kernel.ids, "ids");
    assertEquals(reference.times, kernel.times, "times");
  }

  /**
   * A seeded random branching workload, run once on the kernel and once on a reference queue.
   *
   * <p>Times are multiples of 1/8 and a quarter of delays are zero, so ties in time and in priority
   * are common and the tie-break rule is exercised, not just the time order.
   */
  private abstract static class Workload {
    final SplittableRandom random = new SplittableRandom(20_240_611L);
    final List<Long> ids = new ArrayList<>();
    final List<Double> times = new ArrayList<>();
    long nextId;
    boolean branching = true;
    boolean hold; // exactly one child per event, until branching ends

    abstract double now();

    abstract void schedule(double delay, int priority, long id);

    abstract void runUntil(double until);

    void scheduleRandom() {
      double delay = random.nextInt(4) == 0 ? 0 : random.nextInt(64) / 8.0;
      schedule(delay, random.nextInt(4), nextId++);
    }

    void fire(long id) {
      ids.add(id);
      times.add(now());
      // On average one child per event, so the heap neither empties nor explodes.
      int children = !branching ? 0 : hold ? 1 : random.nextInt(3);
      for (; children > 0; children--) {
        scheduleRandom();
      }
    }

    void drive() {
      for (int i = 0; i < 20_000; i++) { // grows the heap through several doublings
        scheduleRandom();
      }
      for (double until = 0; until < 30; until += 0.75) {
        runUntil(until);
        for (int i = 0; i < 100; i++) {
          scheduleRandom();
        }
      }
      branching = false; // so the drain ends
      runUntil(Double.POSITIVE_INFINITY);
    }
  }

  private static final class KernelWorkload extends Workload {
    final Simulation sim;

    KernelWorkload(int branchFreeMax) {
      sim = new Simulation(branchFreeMax);
    }

    @Override
    double now() {
      return sim.now();
    }

    @Override
    void schedule(double delay, int priority, long id) {
      sim.schedule(delay, priority, () -> fire(id));
    }

    @Override
    void runUntil(double until) {
      sim.runUntil(until);
    }
  }

  /** The same workload on java.util.PriorityQueue ordered by (time, priority, id). */
  private static final class ReferenceWorkload extends Workload {
    record Event(double time, int priority, long id) {}

    final PriorityQueue<Event> queue =
        new PriorityQueue<>(
            Comparator.comparingDouble(Event::time)
                .thenComparingInt(Event::priority)
                .thenComparingLong(Event::id));
    double now;

    @Override
    double now() {
      return now;
    }

    @Override
    void schedule(double delay, int priority, long id) {
      queue.add(new Event(now + delay, priority, id));
    }

    @Override
    void runUntil(double until) {
      while (!queue.isEmpty() && queue.peek().time() <= until) {
        Event event = queue.poll();
        now = event.time();
        fire(event.id());
      }
      if (Double.isFinite(until) && until > now) {
        now = until;
      }
    }
  }
}
