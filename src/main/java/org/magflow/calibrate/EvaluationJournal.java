package org.magflow.calibrate;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.magflow.output.CsvLine;

/**
 * The durable record of a search in progress, in a folder next to its result folder ({@code <result>.partial}),
 * as a sweep keeps its journal: {@code plan.txt} holds the search's fingerprint, and {@code evaluations.csv} one
 * line per evaluated point (its values as text, then each replication's numbers). A search evaluates points in
 * batches (a generation); each batch's lines are appended and flushed to disk ({@code fsync}) together before
 * the search goes on, so a crash loses at most the batch being evaluated.
 *
 * <p>A search is deterministic given its file and seed, so resuming runs it again from the start and takes each
 * point it has already evaluated from here instead of running it: the search retraces its steps at no cost and
 * carries on where it stopped, with the result it would have had without the interruption. A line cut short by
 * a crash is dropped.
 */
final class EvaluationJournal implements Closeable {
  static final String PLAN = "plan.txt";
  static final String ROWS = "evaluations.csv";

  private final FileChannel rows;
  private final Map<String, double[][]> done;

  private EvaluationJournal(FileChannel rows, Map<String, double[][]> done) {
    this.rows = rows;
    this.done = done;
  }

  /** Whether {@code dir} holds an unfinished search. */
  static boolean exists(Path dir) {
    return Files.isRegularFile(dir.resolve(PLAN));
  }

  /** Whether {@code dir} is missing or holds nothing but a journal's files. */
  static boolean mayHold(Path dir) throws IOException {
    if (!Files.exists(dir)) return true;
    if (!Files.isDirectory(dir)) return false;
    try (var entries = Files.list(dir)) {
      return entries.allMatch(e -> List.of(PLAN, ROWS).contains(e.getFileName().toString()));
    }
  }

  /**
   * Opens the journal in {@code dir}, new or the one there; throws {@link IllegalArgumentException} with a
   * message for the user when the one there belongs to another search.
   */
  static EvaluationJournal open(Path dir, String fingerprint, int replications, int cells) throws IOException {
    Files.createDirectories(dir);
    Path plan = dir.resolve(PLAN);
    String identity = fingerprint + "\n" + replications + "x" + cells + "\n";
    Map<String, double[][]> done = new LinkedHashMap<>();
    if (Files.isRegularFile(plan)) {
      if (!Files.readString(plan, StandardCharsets.UTF_8).equals(identity)) {
        throw new IllegalArgumentException("holds an unfinished search of another file, base scenario or magflow"
            + " version; delete it to start over");
      }
      String text = Files.readString(dir.resolve(ROWS), StandardCharsets.UTF_8);
      int end = text.lastIndexOf('\n') + 1; // a line without its end was cut short
      for (String line : text.substring(0, end).split("\n")) {
        if (line.isEmpty()) continue;
        List<String> f = CsvLine.split(line);
        double[][] values = new double[replications][cells];
        for (int r = 0, i = 1; r < replications; r++) {
          for (int c = 0; c < cells; c++) values[r][c] = Double.parseDouble(f.get(i++));
        }
        done.put(f.get(0), values);
      }
      try (FileChannel cut = FileChannel.open(dir.resolve(ROWS), StandardOpenOption.WRITE)) {
        cut.truncate(text.substring(0, end).getBytes(StandardCharsets.UTF_8).length);
      }
    } else {
      Files.writeString(dir.resolve(ROWS), "", StandardCharsets.UTF_8);
      Files.writeString(plan, identity, StandardCharsets.UTF_8);
    }
    FileChannel rows = FileChannel.open(dir.resolve(ROWS), StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    return new EvaluationJournal(rows, done);
  }

  /** The numbers of a point evaluated before, or null. */
  double[][] get(String key) {
    return done.get(key);
  }

  int size() {
    return done.size();
  }

  /** Records the numbers of a batch of points durably, with one flush to disk: {@code values[i]} of key i. */
  void record(List<String> keys, double[][][] values) throws IOException {
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < keys.size(); i++) {
      lines.append(CsvLine.field(keys.get(i)));
      for (double[] replication : values[i]) {
        for (double v : replication) lines.append(',').append(v); // exact: Double.toString round-trips
      }
      lines.append('\n');
    }
    ByteBuffer bytes = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
    while (bytes.hasRemaining()) rows.write(bytes);
    rows.force(false);
    for (int i = 0; i < keys.size(); i++) done.put(keys.get(i), values[i]);
  }

  @Override
  public void close() throws IOException {
    rows.close();
  }
}
