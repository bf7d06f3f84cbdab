package org.magflow.bench;

import org.magflow.kernel.Simulation;
import sim.engine.Schedule;
import sim.engine.SimState;
import sim.engine.Steppable;
import umontreal.ssj.simevents.Event;
import umontreal.ssj.simevents.Simulator;

/**
 * The hold model on each engine: N pending events; each event, when it runs, schedules one new event an
 * exponential(1) time later, so the event list always holds N. One hold is one event run plus one scheduled;
 * {@link Hold#holds} runs exactly {@code count} holds and leaves the N events pending for the next call.
 */
final class HoldEngines {
  private HoldEngines() {}

  /** An engine loaded with N pending events. */
  interface Hold {
    /** Runs exactly {@code count} holds. */
    void holds(long count);

    /** Events run so far; checked against the holds asked for. */
    long executed();
  }

  static Hold create(String engine, int pending, long seed) {
    return switch (engine) {
      case "magflow" -> new OnMagflow(pending, seed);
      case "ssj" -> new OnSsj(pending, seed);
      case "mason" -> new OnMason(pending, seed);
      case "arrayHeap" -> new OnArrayHeap(pending, seed);
      default -> throw new IllegalArgumentException("unknown engine " + engine);
    };
  }

  /**
   * magflow's kernel. It has no stop(): {@link Simulation#runUntil} returns when an action throws, leaving
   * the events not yet run pending (its documented contract), so the last hold of a call schedules its
   * successor and then throws a preallocated exception. That costs about a microsecond per call of 10^6
   * holds, under 0.001 ns a hold.
   */
  static final class OnMagflow implements Hold {
    private static final RuntimeException STOP = new RuntimeException("enough holds", null, false, false) {
      private static final long serialVersionUID = 1L;
    };
    private final Simulation sim = new Simulation();
    private final Rng rng;
    private final Runnable hold = this::hold;
    private long remaining;

    OnMagflow(int pending, long seed) {
      rng = new Rng(seed);
      for (int i = 0; i < pending; i++) sim.schedule(rng.exponential(1.0), 0, hold);
    }

    @Override
    public void holds(long count) {
      remaining = count;
      try {
        sim.runUntil(Double.POSITIVE_INFINITY);
      } catch (RuntimeException e) {
        if (e != STOP) throw e;
      }
    }

    private void hold() {
      sim.schedule(rng.exponential(1.0), 0, hold);
      if (--remaining == 0) throw STOP;
    }

    @Override
    public long executed() {
      return sim.eventsExecuted();
    }
  }

  /** SSJ: N Event objects on the default splay tree, each rescheduling itself; stop() ends a call. */
  static final class OnSsj implements Hold {
    private final Simulator sim = new Simulator();
    private final Rng rng;
    private long remaining;
    private long executed;

    OnSsj(int pending, long seed) {
      rng = new Rng(seed);
      sim.init();
      for (int i = 0; i < pending; i++) {
        new Event(sim) {
          @Override
          public void actions() {
            executed++;
            schedule(rng.exponential(1.0));
            if (--remaining == 0) sim.stop();
          }
        }.schedule(rng.exponential(1.0));
      }
    }

    @Override
    public void holds(long count) {
      remaining = count;
      sim.start();
    }

    @Override
    public long executed() {
      return executed;
    }
  }

  /** MASON: one Steppable scheduled N times; each step of the Schedule runs the one event due next. */
  static final class OnMason implements Hold {
    private final SimState state = new SimState(1);
    private final Schedule schedule = state.schedule;
    private final Rng rng;
    private long executed;
    private final Steppable hold = new Steppable() {
      private static final long serialVersionUID = 1L;

      @Override
      public void step(SimState s) {
        executed++;
        schedule.scheduleOnce(schedule.getTime() + rng.exponential(1.0), this);
      }
    };

    OnMason(int pending, long seed) {
      rng = new Rng(seed);
      for (int i = 0; i < pending; i++) schedule.scheduleOnce(Schedule.EPOCH + rng.exponential(1.0), hold);
    }

    @Override
    public void holds(long count) {
      for (long i = 0; i < count; i++) schedule.step(state);
    }

    @Override
    public long executed() {
      return executed;
    }
  }

  /** The lower bound: a 4-ary heap of (time, sequence) in primitive arrays, pop then push, no callback. */
  static final class OnArrayHeap implements Hold {
    private final double[] times;
    private final long[] keys;
    private final Rng rng;
    private int size;
    private long sequence;
    private long executed;

    OnArrayHeap(int pending, long seed) {
      rng = new Rng(seed);
      times = new double[pending];
      keys = new long[pending];
      for (int i = 0; i < pending; i++) push(rng.exponential(1.0));
    }

    @Override
    public void holds(long count) {
      for (long n = 0; n < count; n++) {
        double now = times[0];
        pop();
        executed++;
        push(now + rng.exponential(1.0));
      }
    }

    @Override
    public long executed() {
      return executed;
    }

    private void push(double time) {
      long key = sequence++;
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
