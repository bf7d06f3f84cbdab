package org.magflow.output;

import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The {@link RunSummary} of a run as a pretty-printed JSON file.
 *
 * <p>Properties appear in declaration order, dates are ISO, absent figures are {@code null}, and every number
 * goes through {@link Decimals}, so the same summary gives the same bytes on every JDK and OS.
 */
public final class SummaryJson {
  /** The file's name in a result directory. */
  public static final String FILE_NAME = "summary.json";

  private final ObjectWriter writer = JsonText.writer();

  /** The JSON text of {@code summary}, ending with a line break. */
  public String toJson(RunSummary summary) throws IOException {
    return JsonText.toText(writer, summary);
  }

  /** Writes {@code summary} to {@code file} as UTF-8, replacing it. */
  public void write(RunSummary summary, Path file) throws IOException {
    JsonText.write(writer, summary, file);
  }
}
