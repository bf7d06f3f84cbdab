package org.magflow.output;

import java.util.ArrayList;
import java.util.List;

/**
 * The CSV dialect of magflow's tables (timeseries.csv, the sweep outputs): UTF-8, {@code \n} line ends, and a
 * field quoted (RFC 4180) only when it holds a comma, a quote or a line break.
 */
public final class CsvLine {
  private CsvLine() {}

  /** One field as written. */
  public static String field(String text) {
    if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
      return text;
    }
    return '"' + text.replace("\"", "\"\"") + '"';
  }

  /** The fields joined into one line, without its line end. */
  public static String line(List<String> fields) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) s.append(',');
      s.append(field(fields.get(i)));
    }
    return s.toString();
  }

  /** Splits one line written by {@link #line} back into its fields. */
  public static List<String> split(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            current.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          current.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    fields.add(current.toString());
    return fields;
  }
}
