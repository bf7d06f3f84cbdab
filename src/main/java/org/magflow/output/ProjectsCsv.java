package org.magflow.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.magflow.event.ProjectStatus;
import org.magflow.event.SimEvent;

/**
 * {@code projects.csv}: one row per project of the investment pipeline, with its status at the start and at
 * the end and the date it reached each status on the way (empty if it never did).
 */
public final class ProjectsCsv {
  public static final String FILE_NAME = "projects.csv";
  static final List<String> HEADER = List.of("project", "name", "owner", "site", "stage", "tonnes_per_year",
      "status_at_start", "permitted", "decided", "operating", "cancelled", "status_at_end");

  /** One project's history. */
  public record Row(String project, String name, String owner, String site, String stage, double tonnesPerYear,
                    String statusAtStart, Map<String, LocalDate> reached, String statusAtEnd) {
    List<String> fields() {
      return List.of(project, name, owner, site, stage, Decimals.format(tonnesPerYear), statusAtStart,
          date("permitted"), date("building"), date("operating"), date("cancelled"), statusAtEnd);
    }

    private String date(String status) {
      LocalDate d = reached.get(status);
      return d == null ? "" : d.toString();
    }
  }

  /** The rows of a run's events, in the order the projects were first reported (file order). */
  public static List<Row> rows(List<SimEvent> events) {
    Map<String, Row> rows = new LinkedHashMap<>();
    for (SimEvent e : events) {
      if (!(e instanceof ProjectStatus s)) continue;
      Row before = rows.get(s.project());
      if (before == null) {
        rows.put(s.project(), new Row(s.project(), s.name(), s.owner(), s.site(), s.stage(), s.tonnesPerYear(),
            s.status(), Map.of(), s.status()));
      } else {
        Map<String, LocalDate> reached = new LinkedHashMap<>(before.reached());
        reached.putIfAbsent(s.status(), s.date());
        rows.put(s.project(), new Row(before.project(), before.name(), before.owner(), before.site(),
            before.stage(), before.tonnesPerYear(), before.statusAtStart(), reached, s.status()));
      }
    }
    return new ArrayList<>(rows.values());
  }

  /** Writes the rows of a run's events to {@code file}; a run with no projects writes none. */
  public static boolean write(List<SimEvent> events, Path file) throws IOException {
    List<Row> rows = rows(events);
    if (rows.isEmpty()) return false;
    StringBuilder text = new StringBuilder(CsvLine.line(HEADER)).append('\n');
    for (Row r : rows) text.append(CsvLine.line(r.fields())).append('\n');
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return true;
  }
}
