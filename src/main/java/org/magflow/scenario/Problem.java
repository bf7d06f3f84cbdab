package org.magflow.scenario;

import java.util.Comparator;

/**
 * One thing wrong with an input file: where, and what was expected.
 *
 * @param file the file as the user named it
 * @param path the field path inside the file, e.g. {@code producers[2].facilities[0].capacity}; empty for
 *     the file as a whole
 * @param line 1-based line, or 0 when unknown
 * @param column 1-based column, or 0 when unknown
 */
public record Problem(String file, String path, int line, int column, String message) {
  /** Problems in file order, then by path. */
  public static final Comparator<Problem> IN_FILE_ORDER = Comparator.comparing(Problem::file)
      .thenComparingInt(Problem::line).thenComparingInt(Problem::column).thenComparing(Problem::path);

  /** Formatted as compilers do, so editors can jump to it: {@code file:line:column: path: message}. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(file);
    if (line > 0) s.append(':').append(line).append(':').append(column);
    return s.append(": ").append(pathAndMessage()).toString();
  }

  /** What is wrong where, without the file: {@code path: message}, or the message alone for the whole file. */
  public String pathAndMessage() {
    return path.isEmpty() ? message : path + ": " + message;
  }
}
