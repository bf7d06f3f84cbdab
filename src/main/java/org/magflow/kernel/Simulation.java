package org.magflow.kernel;

import java.util.Arrays;

/**
 * A discrete-event simulation clock and future-event list.
 *
 * <p>Events run in a total order: by time; at equal times by priority, the lower number first; at
 * equal time and priority by scheduling order, first scheduled first (FIFO). Nothing else, such as
 * hash codes or heap layout, affects the order, so a seeded run is reproducible. An event scheduled
 * while another runs obeys the same rule: one at the current time with a lower priority number than
 * the running event runs next, one with a higher or equal number runs later in the same instant.
 *
 * <p>Priorities range from 0 to 2<sup>20</sup>&minus;1. Scheduling allocates nothing per event
 * beyond occasional doubling of the event arrays. Not thread-safe: a simulation belongs to one
 * thread.
 */
public final class Simulation {

  /** The largest priority number; priorities are packed into 20 bits of an event key. */
  static final int MAX_PRIORITY = (1 << 20) - 1;

  // Key layout, so one long comparison breaks ties: bit 63 zero (keys stay non-negative, so the
  // signed comparison is right), bits 62..43 priority, bits 42..1 sequence number, bit 0 the
  // recurring flag. The flag lies below the unique sequence number, so it never affects order.
  private static final int PRIORITY_SHIFT = 43;
  private static final long MAX_SEQUENCE = (1L << 42) - 1;
  private static final long RECURRING = 1L;
  private static final int INITIAL_CAPACITY = 64;
  /** The most pending events for which the smallest of four children is picked without branches (siftDown). */
  static final int BRANCH_FREE_MAX = 1 << 18;

  // The future-event list: a 4-ary min-heap of events. Event i of the heap is heap[2i], the raw bits of its
  // time, heap[2i + 1], its key, and slots[i], where its action is kept in the action table. Times are finite
  // and never negative (at least now, which starts at 0 and only grows; -0.0 is stored as 0.0), and the bits of
  // such doubles order as the doubles do, so a time compares as a long.
  // Performance: primitive arrays instead of entry objects mean no allocation or boxing per event. Time and
  // key side by side put the four children of a node, all that a step down the heap compares, in 64
  // contiguous bytes; against separate time and key arrays this measured 5 to 15% faster on the hold model
  // with 10^3 to 10^5 pending events. Four children per node halve the depth of a binary heap (3 to 15%
  // faster at 10^3 and 10^5). Actions stay where they were put: the heap moves only ints and longs, because
  // every move of a reference into an old array costs the garbage collector a card to mark and rescan; with
  // 10^6 pending events, moving the actions along took 1.6 times as long and twice the CPU.
  private long[] heap = new long[2 * INITIAL_CAPACITY];
  private int[] slots = new int[INITIAL_CAPACITY];
  private int size;

  // The action table: the action of each pending event (a Runnable, or a Recurring if flagged), at its slot,
  // and the free slots as a stack. Only pending events hold a slot, so it grows to the most ever pending.
  private Object[] table = new Object[INITIAL_CAPACITY];
  private int[] free = new int[INITIAL_CAPACITY];
  private int freeCount;
  private int slotsUsed;

  // Whether the heap's root is the event now running: it has left the order but stays at the root until the
  // first event it schedules takes its place, or it ends having scheduled none.
  // Performance: an event that schedules one more (the hold pattern) costs one move down from the root instead
  // of removing the root and adding the new event at a leaf; on the hold model 13% faster with 10 pending events
  // (26 against 30 ns a hold), 3 to 9% with 10^3.
  private boolean rootRunning;

  private long nextSequence;
  private double now;
  private long executed;
  private boolean running;

  private final int branchFreeMax;

  /** Creates a simulation at time 0 with no pending events. */
  public Simulation() {
    this(BRANCH_FREE_MAX);
  }

  /** For tests of both ways of sifting down: branch-free up to {@code branchFreeMax} pending events. */
  Simulation(int branchFreeMax) {
    this.branchFreeMax = branchFreeMax;
  }

  /** Returns the current simulation time, which starts at 0 and never decreases. */
  public double now() {
    return now;
  }

  /**
   * Schedules an action to run {@code delay} time units from now.
   *
   * @throws IllegalArgumentException if delay is negative or NaN, now + delay is not finite, the
   *     priority is outside 0..2<sup>20</sup>&minus;1, or the action is null
   */
  public void schedule(double delay, int priority, Runnable action) {
    if (!(delay >= 0)) { // written this way so NaN fails too
      throw new IllegalArgumentException("delay must be non-negative, was " + delay);
    }
    // Performance: now is finite, not negative and never -0.0, so now + delay is at least now and never -0.0;
    // only overflow to infinity is left of scheduleAt's checks on the time.
    double time = now + delay;
    if (time == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("time must be finite, was " + time);
    }
    insert(time, checkPriority(priority), checkAction(action), 0);
  }

  /**
   * Schedules an action to run at an absolute time.
   *
   * @throws IllegalArgumentException if time is not finite or is before {@link #now()}, the
   *     priority is outside 0..2<sup>20</sup>&minus;1, or the action is null
   */
  public void scheduleAt(double time, int priority, Runnable action) {
    insert(checkTime(time), checkPriority(priority), checkAction(action), 0);
  }

  /**
   * Schedules a process that first runs at {@code firstTime} and then at each time it returns,
   * keeping this priority, until it returns {@link Double#NaN}.
   *
   * @throws IllegalArgumentException as for {@link #scheduleAt}; and, from {@link #runUntil}, if
   *     the process returns a time that is not finite or not strictly after its current time
   */
  public void scheduleRecurring(double firstTime, int priority, Recurring process) {
    insert(checkTime(firstTime), checkPriority(priority), checkAction(process), RECURRING);
  }

  /**
   * Runs, in order, every pending event with time at most {@code until}, including events they
   * schedule; then advances {@link #now()} to {@code until} if that is finite and later.
   * {@code Double.POSITIVE_INFINITY} runs until no events remain. An exception thrown by an action
   * propagates; the events not yet run stay pending.
   *
   * @throws IllegalArgumentException if until is NaN, or a recurring process returns an invalid
   *     time
   * @throws IllegalStateException if called from inside an event
   */
  public void runUntil(double until) {
    if (Double.isNaN(until)) {
      throw new IllegalArgumentException("until must not be NaN");
    }
    if (running) {
      throw new IllegalStateException("runUntil called from inside an event");
    }
    running = true;
    try {
      while (size > 0) {
        double time = Double.longBitsToDouble(heap[0]);
        if (!(time <= until)) {
          break;
        }
        long key = heap[1];
        int slot = slots[0];
        Object action = table[slot];
        rootRunning = true;
        now = time;
        executed++;
        if ((key & RECURRING) == 0) {
          release(slot);
          ((Runnable) action).run();
        } else {
          rerun((Recurring) action, slot, time, key);
        }
        if (rootRunning) { // it scheduled nothing
          rootRunning = false;
          removeRoot();
        }
      }
      if (Double.isFinite(until) && until > now) {
        now = until;
      }
    } finally {
      if (rootRunning) { // an action threw before scheduling anything
        rootRunning = false;
        removeRoot();
      }
      running = false;
    }
  }

  /** Returns how many events have been run (each run of a recurring process counts once). */
  public long eventsExecuted() {
    return executed;
  }

  /** Returns how many events are scheduled and not yet run. */
  public int pendingEvents() {
    return rootRunning ? size - 1 : size;
  }

  private void rerun(Recurring process, int slot, double time, long key) {
    double next;
    try {
      next = process.runAndReschedule(time);
    } catch (RuntimeException | Error e) {
      release(slot);
      throw e;
    }
    if (Double.isNaN(next)) {
      release(slot);
      return; // the process has stopped
    }
    if (!(next > time) || next == Double.POSITIVE_INFINITY) {
      release(slot);
      throw new IllegalArgumentException(
          "recurring process returned next time " + next + ", not finite and after " + time);
    }
    // Performance: re-inserts the same process, in the slot it had, with its old priority; nothing
    // allocated and no reference stored.
    place(next, key(priority(key), RECURRING), slot);
  }

  private double checkTime(double time) {
    if (!Double.isFinite(time)) {
      throw new IllegalArgumentException("time must be finite, was " + time);
    }
    if (time < now) {
      throw new IllegalArgumentException("time " + time + " is before now, " + now);
    }
    return time + 0.0; // turns -0.0 into 0.0, so now() never reports negative zero
  }

  private static int checkPriority(int priority) {
    if (priority < 0 || priority > MAX_PRIORITY) {
      throw new IllegalArgumentException(
          "priority must be in 0.." + MAX_PRIORITY + ", was " + priority);
    }
    return priority;
  }

  private static <T> T checkAction(T action) {
    if (action == null) {
      throw new IllegalArgumentException("action must not be null, was null");
    }
    return action;
  }

  private void insert(double time, int priority, Object action, long flag) {
    long key = key(priority, flag);
    place(time, key, claim(action));
  }

  /** The key of a new event: its priority, the next sequence number and the flag. */
  private long key(int priority, long flag) {
    if (nextSequence > MAX_SEQUENCE) {
      throw new IllegalStateException("more than " + MAX_SEQUENCE + " events scheduled");
    }
    return ((long) priority << PRIORITY_SHIFT) | (nextSequence++ << 1) | flag;
  }

  private static int priority(long key) {
    return (int) (key >>> PRIORITY_SHIFT);
  }

  /** Puts {@code action} in a free slot of the action table and returns the slot. */
  private int claim(Object action) {
    int slot;
    if (freeCount > 0) {
      slot = free[--freeCount];
    } else {
      if (slotsUsed == table.length) {
        table = Arrays.copyOf(table, 2 * slotsUsed);
        free = Arrays.copyOf(free, 2 * slotsUsed);
      }
      slot = slotsUsed++;
    }
    table[slot] = action;
    return slot;
  }

  /** Frees a slot whose event has left the heap. */
  private void release(int slot) {
    table[slot] = null; // lets the action be garbage collected
    free[freeCount++] = slot;
  }

  /** Adds the event (time, key, slot) to the heap. */
  private void place(double time, long key, int slot) {
    long bits = Double.doubleToRawLongBits(time);
    if (rootRunning) {
      rootRunning = false;
      siftDown(bits, key, slot, size);
      return;
    }
    if (size == slots.length) {
      heap = Arrays.copyOf(heap, 4 * size);
      slots = Arrays.copyOf(slots, 2 * size);
    }
    long[] h = heap;
    int[] s = slots;
    // Performance: moves a hole up instead of swapping, one write per level.
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 2;
      long parentBits = h[2 * parent];
      long parentKey = h[2 * parent + 1];
      if (before(parentBits, parentKey, bits, key)) {
        break;
      }
      h[2 * i] = parentBits;
      h[2 * i + 1] = parentKey;
      s[i] = s[parent];
      i = parent;
    }
    h[2 * i] = bits;
    h[2 * i + 1] = key;
    s[i] = slot;
  }

  /** Removes the first event from the heap; its slot stays claimed. */
  private void removeRoot() {
    long[] h = heap;
    int[] s = slots;
    int last = --size;
    if (last == 0) {
      return;
    }
    siftDown(h[2 * last], h[2 * last + 1], s[last], last);
  }

  /**
   * Puts the event (bits, key, slot) at the root of the first n heap entries, in place of the root's event,
   * and moves it down to its place.
   */
  private void siftDown(long bits, long key, int slot, int n) {
    long[] h = heap;
    int[] s = slots;
    // Performance: moves a hole down from the root, as in place; the smallest child is carried in locals.
    int i = 0;
    int child;
    while ((child = 4 * i + 1) < n) {
      int min;
      long minBits;
      long minKey;
      if (child + 4 <= n && n <= branchFreeMax) {
        // Performance: which of four children comes first is random, so a branch on it is often mispredicted;
        // picked with masks instead of branches, pairs first, the hold model ran 30 to 40% faster with 10^3
        // and 10^5 pending events (48 against 74 and 90 against 140 ns a hold). In a heap too large for the
        // caches, a predicted branch lets the processor fetch the next level while it waits for this one; the
        // masks make it wait, and at 10^6 pending events the hold took 1.3 times as long.
        int c = 2 * child;
        long b0 = h[c], k0 = h[c + 1], b1 = h[c + 2], k1 = h[c + 3];
        long b2 = h[c + 4], k2 = h[c + 5], b3 = h[c + 6], k3 = h[c + 7];
        long m = firstMask(b1, k1, b0, k0);
        long ba = b0 ^ ((b0 ^ b1) & m), ka = k0 ^ ((k0 ^ k1) & m);
        int ia = child - (int) m;
        m = firstMask(b3, k3, b2, k2);
        long bb = b2 ^ ((b2 ^ b3) & m), kb = k2 ^ ((k2 ^ k3) & m);
        int ib = child + 2 - (int) m;
        m = firstMask(bb, kb, ba, ka);
        minBits = ba ^ ((ba ^ bb) & m);
        minKey = ka ^ ((ka ^ kb) & m);
        min = ia ^ ((ia ^ ib) & (int) m);
      } else {
        min = child;
        minBits = h[2 * child];
        minKey = h[2 * child + 1];
        for (int c = child + 1, end = Math.min(child + 4, n); c < end; c++) {
          long cBits = h[2 * c];
          long cKey = h[2 * c + 1];
          if (before(cBits, cKey, minBits, minKey)) {
            min = c;
            minBits = cBits;
            minKey = cKey;
          }
        }
      }
      if (!before(minBits, minKey, bits, key)) {
        break;
      }
      h[2 * i] = minBits;
      h[2 * i + 1] = minKey;
      s[i] = s[min];
      i = min;
    }
    h[2 * i] = bits;
    h[2 * i + 1] = key;
    s[i] = slot;
  }

  /**
   * Returns whether event (t1, k1) runs before event (t2, k2), times given as the bits of non-negative
   * doubles; keys are unique, so never a tie.
   */
  private static boolean before(long t1, long k1, long t2, long k2) {
    return t1 < t2 || (t1 == t2 && k1 < k2);
  }

  /**
   * As {@link #before} without a branch: -1 (all bits set) if event (t1, k1) runs before (t2, k2), else 0.
   * Times and keys are non-negative, so the differences cannot overflow: (t1, k1) - (t2, k2) as one 128-bit
   * number, the keys' borrow taken from the times' difference, is negative exactly when (t1, k1) comes first.
   */
  private static long firstMask(long t1, long k1, long t2, long k2) {
    return ((t1 - t2) - ((k1 - k2) >>> 63)) >> 63;
  }
}
