package org.magflow.bench;

import org.magflow.kernel.Simulation;
import sim.engine.Schedule;
import sim.engine.SimState;
import sim.engine.Steppable;
import umontreal.ssj.simevents.Event;
import umontreal.ssj.simevents.Simulator;

/**
 * The M/M/1 queue of {@link MM1} on each engine. Each engine is used the way its manual shows, at its best:
 * event objects are made once and rescheduled (no allocation per event in the model code), and each engine
 * keeps its default event list (SSJ: splay tree; MASON: binary heap of keys).
 */
final class MM1Engines {
  private MM1Engines() {}

  static MM1.Result run(String engine) {
    return switch (engine) {
      case "magflow" -> new OnMagflow().run();
      case "ssj" -> new OnSsj().run();
      case "mason" -> new OnMason().run();
      case "arrayHeap" -> new OnArrayHeap().run();
      default -> throw new IllegalArgumentException("unknown engine " + engine);
    };
  }

  /** magflow's kernel, as the model uses it: Runnables scheduled with a delay and a priority. */
  static final class OnMagflow {
    private static final int PRIORITY = 0;
    private final Simulation sim = new Simulation();
    private final MM1 queue = new MM1();
    private final Runnable arrival = this::arrival;
    private final Runnable departure = this::departure;

    MM1.Result run() {
      sim.schedule(queue.interarrivalTime(), PRIORITY, arrival);
      sim.runUntil(Double.POSITIVE_INFINITY);
      if (sim.eventsExecuted() != MM1.EVENTS) throw new IllegalStateException("events " + sim.eventsExecuted());
      return queue.result();
    }

    private void arrival() {
      double now = sim.now();
      if (queue.anotherArrival()) sim.schedule(queue.interarrivalTime(), PRIORITY, arrival);
      if (queue.arrive(now)) sim.schedule(queue.serviceTime(), PRIORITY, departure);
    }

    private void departure() {
      if (queue.depart(sim.now())) sim.schedule(queue.serviceTime(), PRIORITY, departure);
    }
  }

  /** SSJ 3.3.2: a Simulator with its default event list (a splay tree) and two reusable Events. */
  static final class OnSsj {
    private final Simulator sim = new Simulator();
    private final MM1 queue = new MM1();
    private final Event departure = new Event(sim) {
      @Override
      public void actions() {
        if (queue.depart(sim.time())) schedule(queue.serviceTime());
      }
    };
    private final Event arrival = new Event(sim) {
      @Override
      public void actions() {
        double now = sim.time();
        if (queue.anotherArrival()) schedule(queue.interarrivalTime());
        if (queue.arrive(now)) departure.schedule(queue.serviceTime());
      }
    };

    MM1.Result run() {
      sim.init();
      arrival.schedule(queue.interarrivalTime());
      sim.start(); // returns when the event list is empty
      return queue.result();
    }
  }

  /** MASON 14: a SimState's Schedule (a binary heap of time keys) and two Steppables, stepped to the end. */
  static final class OnMason {
    private final SimState state = new SimState(1);
    private final Schedule schedule = state.schedule;
    private final MM1 queue = new MM1();
    private final Steppable departure = new Steppable() {
      private static final long serialVersionUID = 1L;

      @Override
      public void step(SimState s) {
        double now = schedule.getTime();
        if (queue.depart(now)) schedule.scheduleOnce(now + queue.serviceTime(), this);
      }
    };
    private final Steppable arrival = new Steppable() {
      private static final long serialVersionUID = 1L;

      @Override
      public void step(SimState s) {
        double now = schedule.getTime();
        if (queue.anotherArrival()) schedule.scheduleOnce(now + queue.interarrivalTime(), this);
        if (queue.arrive(now)) schedule.scheduleOnce(now + queue.serviceTime(), departure);
      }
    };

    MM1.Result run() {
      schedule.scheduleOnce(Schedule.EPOCH + queue.interarrivalTime(), arrival);
      while (schedule.step(state)) {
        // each step runs the events at the next time: one here, as times are continuous
      }
      return queue.result();
    }
  }

  /**
   * The lower bound: the same queue on a hand-written 4-ary heap of (time, sequence) pairs in two primitive
   * arrays, with the event type in the key's low bit and a switch instead of a callback. No engine, no checks.
   */
  static final class OnArrayHeap {
    private static final long ARRIVAL = 0;
    private static final long DEPARTURE = 1;
    private final MM1 queue = new MM1();
    private double[] times = new double[16];
    private long[] keys = new long[16];
    private int size;
    private long sequence;
    private double now;

    MM1.Result run() {
      push(queue.interarrivalTime(), ARRIVAL);
      while (size > 0) {
        now = times[0];
        long key = keys[0];
        pop();
        if ((key & 1) == ARRIVAL) {
          if (queue.anotherArrival()) push(now + queue.interarrivalTime(), ARRIVAL);
          if (queue.arrive(now)) push(now + queue.serviceTime(), DEPARTURE);
        } else {
          if (queue.depart(now)) push(now + queue.serviceTime(), DEPARTURE);
        }
      }
      return queue.result();
    }

    private void push(double time, long type) {
      if (size == times.length) {
        times = java.util.Arrays.copyOf(times, size * 2);
        keys = java.util.Arrays.copyOf(keys, size * 2);
      }
      long key = (sequence++ << 1) | type;
      int i = size++;
      while (i > 0) {
        int parent = (i - 1) >>> 2;
        if (times[parent] < time || (times[parent] == time && keys[parent] < key)) break;
        times[i] = times[parent];
        keys[i] = keys[parent];
        i = parent;
      }
      times[i] = time;
      keys[i] = key;
    }

    private void pop() {
      int last = --size;
      double time = times[last];
      long key = keys[last];
      int i = 0;
      int child;
      while ((child = 4 * i + 1) < size) {
        int min = child;
        for (int c = child + 1, end = Math.min(child + 4, size); c < end; c++) {
          if (times[c] < times[min] || (times[c] == times[min] && keys[c] < keys[min])) min = c;
        }
        if (time < times[min] || (time == times[min] && key < keys[min])) break;
        times[i] = times[min];
        keys[i] = keys[min];
        i = min;
      }
      times[i] = time;
      keys[i] = key;
    }
  }
}
