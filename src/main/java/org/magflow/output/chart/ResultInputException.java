package org.magflow.output.chart;

/**
 * A result folder, or an option asking for charts or a report from one, that cannot be used as given: the
 * user's mistake, not a bug. {@code source} names what is wrong (the folder, or the option such as
 * {@code --metric}); the message says why and what would be accepted.
 */
public final class ResultInputException extends Exception {
  private static final long serialVersionUID = 1L;
  private final String source;

  public ResultInputException(String source, String message) {
    super(message);
    this.source = source;
  }

  public ResultInputException(String source, String message, Throwable cause) {
    super(message, cause);
    this.source = source;
  }

  /** The folder, file or option the problem is in, as the user wrote it. */
  public String source() {
    return source;
  }
}
