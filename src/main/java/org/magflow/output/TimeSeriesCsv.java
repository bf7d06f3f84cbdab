package org.magflow.output;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.magflow.event.Metrics;
import org.magflow.event.Observation;
import org.magflow.event.SimEvent;

/**
 * The tidy time series of a run as a CSV file: one row per reporting date, metric and keys.
 *
 * <p>Columns are {@code date,metric,agent,region,partner,commodity,sector,value,unit}, so pandas, R and Excel
 * can pivot it without reshaping. Rows keep the run's event order; dates are ISO; values are written by
 * {@link Decimals} (nine significant digits, identical on every JDK); keys that do not apply are empty. The
 * file is UTF-8 with {@code \n} line ends, and a field is quoted (RFC 4180) only if it holds a comma, a quote
 * or a line break.
 */
public final class TimeSeriesCsv {
  /** The file's name in a result directory. */
  public static final String FILE_NAME = "timeseries.csv";
  /**
   * The file, next to {@link #FILE_NAME}, that holds the counterfactual run's (the same scenario, seed and
   * streams without policies) prices and shipments, which charts draw as reference lines.
   */
  public static final String COUNTERFACTUAL_FILE_NAME = "counterfactual.csv";

  // A mapper is costly to build and safe to share, so each instance keeps one; nothing here is static state.
  private final CsvMapper mapper = CsvMapper.builder()
      .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING) // quote only where RFC 4180 needs it
      .enable(CsvParser.Feature.FAIL_ON_MISSING_COLUMNS)
      .build();
  private final CsvSchema schema = mapper.schemaFor(Row.class)
      .withHeader()
      .withStrictHeaders(true) // a file with other columns is not ours; say so rather than misread it
      .withLineSeparator("\n");

  /** One CSV line; every field is text so the file's exact characters are decided here, not by Jackson. */
  @JsonPropertyOrder({"date", "metric", "agent", "region", "partner", "commodity", "sector", "value", "unit"})
  record Row(String date, String metric, String agent, String region, String partner, String commodity,
             String sector, String value, String unit) {
    static Row of(Observation o) {
      return new Row(o.date().toString(), o.metric(), o.agent(), o.region(), o.partner(), o.commodity(),
          o.sector(), Decimals.format(o.value()), o.unit());
    }

    Observation toObservation() {
      return new Observation(LocalDate.parse(date), metric, agent, region, partner, commodity, sector,
          Double.parseDouble(value), unit);
    }
  }

  /** Writes the {@link Observation} rows of {@code run} to {@code file}, replacing it. */
  public void write(RunRecord run, Path file) throws IOException {
    write(run, file, o -> true);
  }

  /**
   * Writes the counterfactual run's {@link Metrics#PRICE} and {@link Metrics#SHIPPED} rows to {@code file}
   * (normally {@link #COUNTERFACTUAL_FILE_NAME}), in this format: all that charts draw as a no-policy reference,
   * at a tenth of the full series' size.
   */
  public void writeCounterfactual(RunRecord counterfactual, Path file) throws IOException {
    write(counterfactual, file, o -> o.metric().equals(Metrics.PRICE) || o.metric().equals(Metrics.SHIPPED));
  }

  private void write(RunRecord run, Path file, Predicate<Observation> keep) throws IOException {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
         SequenceWriter rows = mapper.writer(schema).writeValues(out)) {
      for (SimEvent event : run.events()) {
        if (event instanceof Observation o && keep.test(o)) rows.write(Row.of(o));
      }
    }
  }

  /**
   * Reads a file written by {@link #write}. Values come back as written, i.e. rounded to nine significant
   * digits.
   *
   * @throws IOException if the file cannot be read, its header is not this format's, or a row is malformed
   */
  public List<Observation> read(Path file) throws IOException {
    ObjectReader reader = mapper.readerFor(Row.class).with(schema);
    var observations = new ArrayList<Observation>();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
         MappingIterator<Row> rows = reader.readValues(in)) {
      while (rows.hasNextValue()) {
        long line = rows.getCurrentLocation().getLineNr(); // where the row starts, before it is consumed
        Row row = rows.nextValue();
        try {
          observations.add(row.toObservation());
        } catch (DateTimeParseException | NumberFormatException | NullPointerException e) {
          throw new IOException(file + ", line " + line + ": not a time-series row: " + e.getMessage(), e);
        }
      }
    }
    return List.copyOf(observations);
  }
}
