package org.magflow.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.magflow.output.OutputTarget;
import org.magflow.output.chart.ChartWriter;
import org.magflow.output.chart.ResultInputException;
import org.magflow.run.InputException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * What {@code chart} and {@code report} share: the one place that tells a sweep folder from a run's, and the way
 * their problems reach the user.
 */
final class ResultInputs {
  private ResultInputs() {}

  /** Whether {@code dir} is read as a sweep folder (finished or not) rather than a run's result folder. */
  static boolean isSweep(Path dir) {
    return OutputTarget.Kind.of(dir).isSweep();
  }

  /** A folder that cannot be read, as bad input. */
  static InputException badInput(ResultInputException e) {
    return InputException.at(e.source(), e.getMessage());
  }

  /** Refuses an output target before any work starts. */
  static void checkTarget(Path target, Optional<String> problem) throws InputException {
    if (problem.isPresent()) throw InputException.at(OutputTarget.shown(target), problem.get());
  }

  /** If this JVM cannot draw charts, says so and returns the exit code; else empty. */
  static Optional<Integer> cannotDraw(PrintWriter err) {
    var problem = ChartWriter.renderingProblem();
    if (problem.isEmpty()) return Optional.empty();
    err.println("magflow: cannot draw charts: " + problem.get() + ". " + ChartWriter.FONT_ADVICE);
    return Optional.of(MagflowCli.INTERNAL_ERROR);
  }

  /** An ISO date option, refused in words rather than with the parser's exception. */
  static final class IsoDate implements ITypeConverter<LocalDate> {
    @Override
    public LocalDate convert(String value) {
      try {
        return LocalDate.parse(value);
      } catch (DateTimeParseException e) {
        throw new TypeConversionException("expected a date that exists, written YYYY-MM-DD (e.g. 2025-06-30), found '"
            + value + "'");
      }
    }
  }
}
