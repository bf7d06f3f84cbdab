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
import java.util.stream.Stream;

/**
 * The durable record of a sweep in progress, in a folder next to the result folder ({@code <result>.partial}):
 * every finished run is on disk before the next result is taken, so a crash or Ctrl-C loses only runs that had
 * not finished, and {@code --resume} runs only what is missing.
 *
 * <ul>
 *   <li>{@code plan.txt}: the sweep's fingerprint (sweep file, resolved base scenario, magflow version) and its
 *       run count; a resume must match it;
 *   <li>{@code journal.csv}: the header of runs.csv, then one runs.csv row per finished run, in the order runs
 *       finished, each appended and flushed to disk ({@code fsync});
 *   <li>{@code fan.bin}: each run's fan-chart series as doubles at the run's own offset, flushed before its row
 *       is appended, so a row in the journal always has its series;
 *   <li>{@code lock}: held while a sweep writes here, so two sweeps cannot share the folder.
 * </ul>
 * A row cut short by a crash (no line end) is dropped on resume. The final files are made from the journal,
 * in run order, so they do not depend on the order runs finished in.
 */
final class Journal implements Closeable {
  static final String PLAN = "plan.txt";
  static final String ROWS = "journal.csv";
  static final String FAN = "fan.bin";
  static final String LOCK = "lock";

  private final Path dir;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final FileChannel rows;
  private final FileChannel fan;
  private final int fanBytes;
  private final long[] offset; // per run, where its row starts in journal.csv; -1 if not finished
  private final int[] length;  // per run, its row's length in bytes without the line end
  private long end;
  private int done;

  private Journal(Path dir, FileChannel lockChannel, FileLock lock, FileChannel rows, FileChannel fan, int runs,
                  int fanCells) {
    this.dir = dir;
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
      Journal journal = new Journal(dir, lockChannel, lock, rows, fan, runs, fanCells);
      journal.load(header);
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

  /** Reads the rows already in the journal, dropping a last row cut short; writes the header if it is new. */
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
    while (at < size) {
      chunk.clear();
      int n = rows.read(chunk, at);
      if (n <= 0) break;
      byte[] bytes = chunk.array();
      for (int i = 0; i < n; i++) {
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
    if (lineStart < size) { // a row cut short by a crash
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

  /** Records a finished run durably: its series, then its row. A run already recorded is ignored. */
  void record(RunResult result, String row) throws IOException {
    int run = result.task().run();
    if (offset[run] >= 0) return;
    if (fanBytes > 0) {
      ByteBuffer b = ByteBuffer.allocate(fanBytes);
      for (double v : result.fan()) b.putDouble(v);
      b.flip();
      long at = (long) run * fanBytes;
      while (b.hasRemaining()) at += fan.write(b, at);
      fan.force(false);
    }
    byte[] line = (row + "\n").getBytes(StandardCharsets.UTF_8);
    long start = end;
    ByteBuffer b = ByteBuffer.wrap(line);
    long at = start;
    while (b.hasRemaining()) at += rows.write(b, at);
    rows.force(false);
    end = at;
    offset[run] = start;
    length[run] = line.length - 1;
    done++;
  }

  /** The runs.csv row of a finished run, without its line end. */
  String row(int run) throws IOException {
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
  public void close() throws IOException {
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
