package org.magflow.sweep;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/** Hears how a sweep is getting on. Calls come from one thread at a time. */
public interface Progress {
  /** The sweep starts: {@code total} runs, of which {@code alreadyDone} finished in an earlier, interrupted go. */
  void started(int total, int alreadyDone, String executor);

  /** One more run finished; {@code done} of {@code total} have now finished. */
  void advanced(int done, int total);

  /** Running is over: every run finished ({@code complete}), or the sweep stopped early. */
  void ended(int done, int total, boolean complete);

  /** The sweep failed on bad input, and its finished runs are not kept: nothing is left to resume. */
  default void failed() {}

  /** Hears nothing. */
  Progress NONE = new Progress() {
    @Override public void started(int total, int alreadyDone, String executor) {}

    @Override public void advanced(int done, int total) {}

    @Override public void ended(int done, int total, boolean complete) {}
  };

  /**
   * Prints progress: on a terminal, one line redrawn in place with a bar, the rate and the time left; elsewhere
   * (a log, CI), a plain line every tenth of the runs or every 30 seconds, whichever comes first.
   */
  final class Printer implements Progress {
    static final long REDRAW_NANOS = 200_000_000L;
    static final long LINE_NANOS = 30_000_000_000L;
    static final int BAR = 30;

    private final PrintWriter out;
    private final boolean terminal;
    private final LongSupplier clock;
    private long startNanos;
    private long lastPrint;
    private int startDone;
    private int lastDone;
    private boolean drawn;

    /**
     * @param terminal true to redraw one line (System.console() != null), false for plain lines
     * @param clock nanoseconds, {@code System::nanoTime} outside tests
     */
    public Printer(PrintWriter out, boolean terminal, LongSupplier clock) {
      this.out = out;
      this.terminal = terminal;
      this.clock = clock;
    }

    @Override
    public void started(int total, int alreadyDone, String executor) {
      startNanos = clock.getAsLong();
      lastPrint = startNanos;
      startDone = alreadyDone;
      lastDone = alreadyDone;
      if (alreadyDone > 0) {
        out.printf("Resuming: %d of %d runs already done; running the other %d on %s%n", alreadyDone, total,
            total - alreadyDone, executor);
      } else {
        out.printf("Running %d runs on %s%n", total, executor);
      }
      out.flush();
    }

    @Override
    public void advanced(int done, int total) {
      long now = clock.getAsLong();
      if (terminal) {
        if (now - lastPrint >= REDRAW_NANOS || done == total) {
          out.print("\r" + line(done, total, now));
          out.flush();
          drawn = true;
          lastPrint = now;
        }
      } else {
        int step = Math.max(1, (total + 9) / 10);
        if (done / step != lastDone / step || now - lastPrint >= LINE_NANOS || done == total) {
          out.println(line(done, total, now));
          out.flush();
          lastPrint = now;
        }
      }
      lastDone = done;
    }

    @Override
    public void ended(int done, int total, boolean complete) {
      if (terminal && drawn) out.println();
      if (!complete) {
        out.printf("Stopped with %d of %d runs done; they are kept: run again with --resume to finish%n", done,
            total);
      }
      out.flush();
    }

    @Override
    public void failed() {
      if (terminal && drawn) out.println(); // the error follows on a line of its own
      out.flush();
    }

    /** The progress line: a bar on a terminal, then runs, percent, rate and time left. */
    String line(int done, int total, long now) {
      double seconds = (now - startNanos) / 1e9;
      int ranNow = done - startDone;
      double rate = seconds > 0 ? ranNow / seconds : 0;
      String eta = rate > 0 ? duration((total - done) / rate) : "?";
      StringBuilder s = new StringBuilder();
      if (terminal) {
        int filled = total == 0 ? BAR : (int) ((long) BAR * done / total);
        s.append('[').append("#".repeat(filled)).append(".".repeat(BAR - filled)).append("] ");
      }
      s.append(String.format(Locale.ROOT, "%d/%d runs %3d%%  %.2f runs/s  ETA %s", done, total,
          total == 0 ? 100 : (int) (100L * done / total), rate, eta));
      if (terminal) s.append("   "); // clears what a longer previous line left
      return s.toString();
    }

    static String duration(double seconds) {
      long s = Math.round(seconds);
      if (s < 60) return s + "s";
      if (s < 3600) return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
      return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }
  }
}
