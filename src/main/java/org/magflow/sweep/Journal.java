package org.magflow.sweep;

import org.magflow.output.CsvLine;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * The durable record of a sweep in progress, in a folder next to the result folder ({@code <result>.partial}):
 * finished runs go to disk in batches (group commit), so a crash or Ctrl-C loses at most the runs of the batch
 * not yet on disk, and {@code --resume} runs those again with the ones that had not finished.
 *
 * <ul>
 *   <li>{@code plan.txt}: the sweep's fingerprint (sweep file, resolved base scenario, magflow version) and its
 *       run count; a resume must match it;
 *   <li>{@code journal.csv}: the header of runs.csv, then one runs.csv row per finished run, in the order runs
 *       finished;
 *   <li>{@code fan.bin}: each run's fan-chart series as doubles at the run's own offset;
 *   <li>{@code lock}: held while a sweep writes here, so two sweeps cannot share the folder.
 * </ul>
 *
 * <p>Group commit: a finished run's series is written to {@code fan.bin} at once, but its row is held in memory.
 * When {@link #BATCH_ROWS} rows are held, or {@link #BATCH_NANOS} (a second) has passed since the last commit
 * when a run finishes, and always on {@link #close}, {@code fan.bin} is flushed to disk ({@code fsync}), then the
 * held rows are appended to {@code journal.csv} and it is flushed. So a row is never in the journal before its
 * series is on disk, and a crash loses at most the held rows, whose runs {@code --resume} runs again (Ctrl-C
 * and SIGTERM lose none: a shutdown hook commits them; SIGKILL or a system crash loses the batch). One
 * {@code fsync} pair per batch instead of per run keeps the journal from serialising a sweep on an ordinary disk.
 *
 * <p>A row cut short by a crash (no line end) is dropped on resume, as is everything from a line holding NUL
 * bytes on (what a system crash can leave of a batch that was written but not yet flushed). The final files
 * are made from the journal, in run order, so they do not depend on the order runs finished in.
 */
final class Journal implements Closeable {
  static final String PLAN = "plan.txt";
  static final String ROWS = "journal.csv";
  static final String FAN = "fan.bin";
  static final String LOCK = "lock";
  /** Rows held before they are committed; bounds what a crash can lose and what the batch holds in memory. */
  static final int BATCH_ROWS = 1000;
  /** Time after which a finished run commits the held rows with it. */
  static final long BATCH_NANOS = 1_000_000_000L;

  private final Path dir;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final FileChannel rows;
  private final FileChannel fan;
  private final int fanBytes;
  private final long[] offset; // per run, where its row starts in journal.csv; -1 if not finished
  private final int[] length;  // per run, its row's length in bytes without the line end
  private final LongSupplier clock;
  private final ByteArrayOutputStream heldRows = new ByteArrayOutputStream(1 << 16);
  private int held;
  private long lastCommit;
  private long end; // where the next committed row starts in journal.csv
  private int done;
  /** Commits the held rows when the JVM shuts down on Ctrl-C or SIGTERM while the journal is open. */
  private final Thread commitOnExit = new Thread(this::commitQuietly, "magflow-journal-commit");

  private Journal(Path dir, FileChannel lockChannel, FileLock lock, FileChannel rows, FileChannel fan, int runs,
                  int fanCells, LongSupplier clock) {
    this.dir = dir;
    this.clock = clock;
    this.lastCommit = clock.getAsLong();
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.rows = rows;
    this.fan = fan;
    this.fanBytes = fanCells * Double.BYTES;
    this.offset = new long[runs];
    this.length = new int[runs];
    Arrays.fill(offset, -1);
  }

  /** Why a journal cannot be used; the message says what to do. */
  static final class Unusable extends Exception {
    private static final long serialVersionUID = 1L;

    Unusable(String message) {
      super(message);
    }
  }

  /** The finished runs a journal folder holds, without opening it for writing; 0 if it holds none. */
  static int finishedRuns(Path dir) {
    Path file = dir.resolve(ROWS);
    if (!Files.isRegularFile(file)) return 0;
    int lines = 0;
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 16];
      for (int n = in.read(buf); n > 0; n = in.read(buf)) {
        for (int i = 0; i < n; i++) if (buf[i] == '\n') lines++;
      }
    } catch (IOException e) {
      return 0;
    }
    return Math.max(0, lines - 1);
  }

  /** Whether a sweep is writing to the journal folder {@code dir} now (it holds the folder's lock). */
  static boolean inUse(Path dir) {
    if (!Files.isRegularFile(dir.resolve(LOCK))) return false;
    try (FileChannel channel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.WRITE)) {
      FileLock lock = channel.tryLock();
      if (lock == null) return true;
      lock.release();
      return false;
    } catch (OverlappingFileLockException e) {
      return true;
    } catch (IOException e) {
      return false; // cannot tell; opening the journal reports what is wrong
    }
  }

  /** Whether {@code dir} is missing or a folder holding nothing but a journal's files, which a sweep may use. */
  static boolean mayHold(Path dir) {
    if (!Files.exists(dir)) return true;
    if (!Files.isDirectory(dir)) return false;
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.allMatch(e -> List.of(PLAN, ROWS, FAN, LOCK).contains(e.getFileName().toString()));
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Opens the journal in {@code dir}: a new one if {@code dir} holds none, else the one there, which must be
   * of the same sweep.
   *
   * @param header the runs.csv header line
   */
  static Journal open(Path dir, String fingerprint, int runs, int fanCells, String header)
      throws IOException, Unusable {
    return open(dir, fingerprint, runs, fanCells, header, System::nanoTime);
  }

  /** As {@link #open(Path, String, int, int, String)}, timing batches by {@code clock} (nanoseconds). */
  static Journal open(Path dir, String fingerprint, int runs, int fanCells, String header, LongSupplier clock)
      throws IOException, Unusable {
    Files.createDirectories(dir);
    FileChannel lockChannel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = lockChannel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      lockChannel.close();
      throw new Unusable("another magflow sweep is writing to " + dir + "; wait for it to finish");
    }
    FileChannel rows = null;
    FileChannel fan = null;
    try {
      String planText = fingerprint + "\n" + runs + "\n" + fanCells + "\n";
      Path plan = dir.resolve(PLAN);
      boolean fresh = !Files.exists(plan);
      if (fresh) {
        Files.deleteIfExists(dir.resolve(ROWS));
        Files.deleteIfExists(dir.resolve(FAN));
        writeDurably(plan, planText);
      } else if (!Files.readString(plan, StandardCharsets.UTF_8).equals(planText)) {
        throw new Unusable("the unfinished sweep in " + dir + " was started from another sweep file, base scenario"
            + " or magflow version; delete " + dir + " to start over");
      }
      rows = FileChannel.open(dir.resolve(ROWS), StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
      fan = FileChannel.open(dir.resolve(FAN), StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
      Journal journal = new Journal(dir, lockChannel, lock, rows, fan, runs, fanCells, clock);
      journal.load(header);
      Runtime.getRuntime().addShutdownHook(journal.commitOnExit);
      return journal;
    } catch (IOException | Unusable | RuntimeException e) {
      if (rows != null) rows.close();
      if (fan != null) fan.close();
      lock.release();
      lockChannel.close();
      throw e;
    }
  }

  private static void writeDurably(Path file, String text) throws IOException {
    try (FileChannel c = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
      while (b.hasRemaining()) c.write(b);
      c.force(true);
    }
  }

  /** Reads the rows already in the journal, dropping a torn tail (see the class comment); writes a new header. */
  private void load(String header) throws IOException, Unusable {
    long size = rows.size();
    if (size == 0) {
      append((header + "\n").getBytes(StandardCharsets.UTF_8));
      end = rows.size();
      return;
    }
    int expectedFields = CsvLine.split(header).size();
    ByteBuffer chunk = ByteBuffer.allocate(1 << 20);
    ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    long lineStart = 0;
    long at = 0;
    int lineNo = 0;
    lines:
    while (at < size) {
      chunk.clear();
      int n = rows.read(chunk, at);
      if (n <= 0) break;
      byte[] bytes = chunk.array();
      for (int i = 0; i < n; i++) {
        if (bytes[i] == 0) break lines; // an unflushed batch's tail after a system crash: dropped from here on
        if (bytes[i] != '\n') {
          line.write(bytes[i]);
          continue;
        }
        String text = line.toString(StandardCharsets.UTF_8);
        if (lineNo == 0) {
          if (!text.equals(header)) {
            throw new Unusable("the journal in " + dir + " has other columns than this sweep; delete " + dir
                + " to start over");
          }
        } else {
          index(text, lineStart, line.size(), lineNo, expectedFields);
        }
        lineNo++;
        lineStart = at + i + 1;
        line.reset();
      }
      at += n;
    }
    if (lineNo == 0) throw new Unusable("the journal in " + dir + " has no header; delete " + dir + " to start over");
    if (lineStart < size) { // a row cut short by a crash, or a tail of NUL bytes
      rows.truncate(lineStart);
      rows.force(true);
    }
    end = lineStart;
  }

  private void index(String text, long start, int bytes, int lineNo, int expectedFields) throws Unusable {
    List<String> fields = CsvLine.split(text);
    int run;
    try {
      run = Integer.parseInt(fields.get(0));
    } catch (NumberFormatException e) {
      run = -1;
    }
    if (fields.size() != expectedFields || run < 0 || run >= offset.length) {
      throw new Unusable(dir.resolve(ROWS) + ", line " + (lineNo + 1) + ": not a run row; delete " + dir
          + " to start over");
    }
    if (offset[run] < 0) {
      offset[run] = start;
      length[run] = bytes;
      done++;
    }
  }

  private void append(byte[] bytes) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    long at = rows.size();
    while (b.hasRemaining()) at += rows.write(b, at);
    rows.force(false);
  }

  Path dir() {
    return dir;
  }

  /** How many runs have finished. */
  int done() {
    return done;
  }

  boolean isDone(int run) {
    return offset[run] >= 0;
  }

  /**
   * Records a finished run: its series is written at once, its row is held and committed with its batch (see
   * the class comment). A run already recorded is ignored.
   */
  synchronized void record(RunResult result, String row) throws IOException {
    int run = result.task().run();
    if (offset[run] >= 0) return;
    if (fanBytes > 0) {
      ByteBuffer b = ByteBuffer.allocate(fanBytes);
      for (double v : result.fan()) b.putDouble(v);
      b.flip();
      long at = (long) run * fanBytes;
      while (b.hasRemaining()) at += fan.write(b, at);
    }
    byte[] line = (row + "\n").getBytes(StandardCharsets.UTF_8);
    offset[run] = end + heldRows.size();
    length[run] = line.length - 1;
    heldRows.write(line);
    held++;
    done++;
    if (held >= BATCH_ROWS || clock.getAsLong() - lastCommit >= BATCH_NANOS) commit();
  }

  /** Puts the held rows on disk: the series first, then the rows that refer to them. */
  synchronized void commit() throws IOException {
    if (held > 0) {
      if (fanBytes > 0) fan.force(false);
      ByteBuffer b = ByteBuffer.wrap(heldRows.toByteArray());
      long at = end;
      while (b.hasRemaining()) at += rows.write(b, at);
      rows.force(false);
      end = at;
      heldRows.reset();
      held = 0;
    }
    lastCommit = clock.getAsLong();
  }

  private synchronized void commitQuietly() {
    try {
      if (rows.isOpen()) commit();
    } catch (IOException e) {
      // the JVM is going down; the held runs are run again on --resume
    }
  }

  /** The runs.csv row of a finished run, without its line end. */
  String row(int run) throws IOException {
    if (held > 0) commit();
    ByteBuffer b = ByteBuffer.allocate(length[run]);
    long at = offset[run];
    while (b.hasRemaining()) {
      int n = rows.read(b, at);
      if (n < 0) throw new IOException("journal ends early at run " + run);
      at += n;
    }
    return new String(b.array(), StandardCharsets.UTF_8);
  }

  /** Cells {@code from} to {@code from + count - 1} of a finished run's fan series, into {@code into}. */
  void fan(int run, int from, int count, double[] into) throws IOException {
    if (held > 0) commit();
    ByteBuffer b = ByteBuffer.allocate(count * Double.BYTES);
    long at = (long) run * fanBytes + (long) from * Double.BYTES;
    while (b.hasRemaining()) {
      int n = fan.read(b, at);
      if (n < 0) throw new IOException("fan series end early at run " + run);
      at += n;
    }
    b.flip();
    for (int i = 0; i < count; i++) into[i] = b.getDouble();
  }

  @Override
  public synchronized void close() throws IOException {
    try {
      if (rows.isOpen()) commit();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(commitOnExit);
      } catch (IllegalStateException e) {
        // the JVM is shutting down: the hook commits, or has committed, the held rows
      }
      closeFiles();
    }
  }

  private void closeFiles() throws IOException {
    try {
      rows.close();
      fan.close();
    } finally {
      try {
        if (lock.isValid()) lock.release();
      } finally {
        lockChannel.close();
      }
    }
  }

  /** Closes the journal and deletes its folder; the sweep's results are safely in place. */
  void delete() throws IOException {
    close();
    for (String f : List.of(ROWS, FAN, PLAN, LOCK)) Files.deleteIfExists(dir.resolve(f));
    Files.deleteIfExists(dir);
  }
}
