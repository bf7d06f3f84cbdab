package org.magflow.backtest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.magflow.output.CsvLine;
import org.magflow.run.InputException;
import org.magflow.scenario.Problem;

/**
 * Observed monthly figures in the time series' own tidy format, plus the source of each row: {@code date,
 * metric, agent, region, partner, commodity, sector, value, unit, source}. A partner of {@code *} means every
 * other region (a country's exports to the world). Read strictly: every problem at once, each at its line and
 * column.
 */
public record ObservedData(Path file, List<Row> rows) {
  public static final List<String> HEADER = List.of("date", "metric", "agent", "region", "partner", "commodity",
      "sector", "value", "unit", "source");
  /** The largest file read, 4 MiB: observed series are a few hundred rows. */
  static final long MAX_BYTES = 4L << 20;

  /** One observation: a month's value of a selection of the time series, and where it comes from. */
  public record Row(YearMonth month, Selector key, double value, String unit, String source) {}

  /** The observations of one selection by month, in month order; a month appears at most once. */
  public List<Row> select(Selector key) {
    return rows.stream().filter(r -> r.key().equals(key)).sorted((a, b) -> a.month().compareTo(b.month())).toList();
  }

  /** Reads the file; throws with every problem in it. */
  public static ObservedData read(Path file) throws InputException {
    String label = file.toString();
    List<String> lines;
    try {
      if (!Files.isRegularFile(file)) throw InputException.at(label, Files.isDirectory(file)
          ? "is a directory; expected a CSV file of observations" : "no such file");
      if (Files.size(file) > MAX_BYTES) {
        throw InputException.at(label, "the file is " + Files.size(file) + " bytes; the limit is " + MAX_BYTES);
      }
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw InputException.at(label, "cannot read the file as UTF-8 text: " + e.getMessage());
    }
    List<Problem> problems = new ArrayList<>();
    if (lines.isEmpty() || !CsvLine.split(strip(lines.get(0))).equals(HEADER)) {
      throw new InputException(List.of(new Problem(label, "", 1, 1, "expected the header "
          + String.join(",", HEADER))));
    }
    List<Row> rows = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) continue;
      int n = i + 1;
      List<String> f = CsvLine.split(line);
      if (f.size() != HEADER.size()) {
        problems.add(new Problem(label, "", n, 1, "expected " + HEADER.size() + " fields, found " + f.size()));
        continue;
      }
      int before = problems.size();
      YearMonth month = null;
      try {
        LocalDate date = LocalDate.parse(f.get(0));
        month = YearMonth.from(date);
        if (!date.equals(month.atEndOfMonth())) {
          problems.add(at(label, n, line, 0, "date", "expected the month's last day (" + month.atEndOfMonth()
              + "), as the time series dates a month, found " + f.get(0)));
        }
      } catch (DateTimeParseException e) {
        problems.add(at(label, n, line, 0, "date", "expected a date YYYY-MM-DD, found '" + f.get(0) + "'"));
      }
      if (f.get(1).isBlank()) problems.add(at(label, n, line, 1, "metric", "expected a metric, found nothing"));
      double value = Double.NaN;
      try {
        value = Double.parseDouble(f.get(7));
      } catch (NumberFormatException e) {
        // reported below
      }
      if (!(value > 0) || Double.isInfinite(value)) {
        problems.add(at(label, n, line, 7, "value", "expected a number > 0 (a log error needs it), found '"
            + f.get(7) + "'"));
      }
      if (f.get(9).isBlank()) {
        problems.add(at(label, n, line, 9, "source", "every observation names its source, e.g. sources §S2.6"));
      }
      if (problems.size() > before) continue;
      Selector key = new Selector(f.get(1), f.get(3), f.get(4), f.get(5), f.get(6));
      if (!seen.add(month + "\0" + key)) {
        problems.add(at(label, n, line, 0, "date", "a second row for " + month + " of " + key.text()));
        continue;
      }
      rows.add(new Row(month, key, value, f.get(8), f.get(9)));
    }
    if (!problems.isEmpty()) throw new InputException(problems);
    return new ObservedData(file, List.copyOf(rows));
  }

  private static String strip(String header) {
    return header.startsWith("\uFEFF") ? header.substring(1) : header;
  }

  /** A problem in field {@code k} of a line, at the column where that field starts. */
  private static Problem at(String file, int line, String text, int k, String field, String message) {
    int column = 1;
    boolean quoted = false;
    for (int i = 0, seen = 0; i < text.length() && seen < k; i++) {
      char c = text.charAt(i);
      if (c == '"') quoted = !quoted;
      else if (c == ',' && !quoted && ++seen == k) column = i + 2;
    }
    return new Problem(file, field, line, column, message);
  }
}
