package org.magflow.output;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The {@link RunInfo} of a run as a pretty-printed JSON file, {@code run.json}.
 *
 * <p>This is the one output file that is <em>not</em> byte-identical between two runs of the same scenario
 * and seed: {@code startedAt} and {@code wallSeconds} record when and how fast this particular run happened.
 * Determinism checks compare every other file in a result directory and must skip this one.
 */
public final class RunJson {
  /** The file's name in a result directory. */
  public static final String FILE_NAME = "run.json";

  private final ObjectWriter writer = JsonText.writer();

  /** The JSON text of {@code info}, ending with a line break. */
  public String toJson(RunInfo info) throws IOException {
    return JsonText.toText(writer, info);
  }

  /**
   * The run.json {@code file} as written by this or an earlier magflow (fields it does not know are skipped).
   *
   * @throws IOException if it cannot be read or is not a run.json
   */
  public static RunInfo read(Path file) throws IOException {
    return JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build()
        .readValue(file.toFile(), RunInfo.class);
  }

  /** Writes {@code info} to {@code file} as UTF-8, replacing it. */
  public void write(RunInfo info, Path file) throws IOException {
    JsonText.write(writer, info, file);
  }
}
