package org.magflow.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magflow.event.Observation;
import org.magflow.event.PriceReference;
import org.magflow.event.SimEvent;

class TimeSeriesCsvTest {
  private static final LocalDate JAN = LocalDate.of(2025, 1, 31);

  private final TimeSeriesCsv csv = new TimeSeriesCsv();

  @Test void write_threeRows_givesExactText(@TempDir Path dir) throws IOException {
    var run = SyntheticRuns.run(List.<SimEvent>of(
        new PriceReference("ex_china", "ndfeb_magnet", 50, 500), // not a row: skipped
        new Observation(JAN, "shortage", "us_ev", "us", "", "ndfeb_magnet", "ev", 12.5, "t"),
        new Observation(JAN, "shipped", "", "china", "us", "ndfeb_magnet", "", 0.1 + 0.2, "t"),
        new Observation(JAN, "price", "trader \"x\"", "ex,china", "", "ndfeb_magnet", "", 1234567.891, "USD/kg")));
    Path file = dir.resolve(TimeSeriesCsv.FILE_NAME);
    csv.write(run, file);
    assertEquals("date,metric,agent,region,partner,commodity,sector,value,unit\n"
        + "2025-01-31,shortage,us_ev,us,,ndfeb_magnet,ev,12.5,t\n"
        + "2025-01-31,shipped,,china,us,ndfeb_magnet,,0.3,t\n"
        + "2025-01-31,price,\"trader \"\"x\"\"\",\"ex,china\",,ndfeb_magnet,,1234567.89,USD/kg\n",
        Files.readString(file, StandardCharsets.UTF_8));
  }

  @Test void write_noObservations_writesTheHeaderOnly(@TempDir Path dir) throws IOException {
    Path file = dir.resolve(TimeSeriesCsv.FILE_NAME);
    csv.write(SyntheticRuns.run(List.of()), file);
    assertEquals("date,metric,agent,region,partner,commodity,sector,value,unit\n", Files.readString(file));
  }

  @Test void read_whatWriteWrote_givesTheSameObservationsInOrder(@TempDir Path dir) throws IOException {
    RunRecord run = SyntheticRuns.shocked();
    Path file = dir.resolve(TimeSeriesCsv.FILE_NAME);
    csv.write(run, file);
    List<Observation> expected = run.events().stream()
        .filter(e -> e instanceof Observation).map(e -> (Observation) e).toList();
    assertEquals(expected, csv.read(file));
  }

  @Test void read_fieldsWithCommasQuotesLineBreaksAndNonAscii_surviveTheRoundTrip(@TempDir Path dir)
      throws IOException {
    var row = new Observation(JAN, "inventory", "Société \"Générale\", a\nb", "eu", "", "reo", "", -2.5, "t");
    Path file = dir.resolve(TimeSeriesCsv.FILE_NAME);
    csv.write(SyntheticRuns.run(List.of(row)), file);
    assertEquals(List.of(row), csv.read(file));
  }

  @Test void read_roundsValuesToNineSignificantDigits(@TempDir Path dir) throws IOException {
    var row = new Observation(JAN, "price", "", "eu", "", "reo", "", 1.0 / 3, "USD/kg");
    Path file = dir.resolve(TimeSeriesCsv.FILE_NAME);
    csv.write(SyntheticRuns.run(List.of(row)), file);
    assertEquals(0.333333333, csv.read(file).get(0).value());
  }

  @Test void read_fileWithAnotherHeader_isRefused(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("other.csv");
    Files.writeString(file, "date,metric,value\n2025-01-31,price,3\n");
    assertThrows(IOException.class, () -> csv.read(file));
  }

  @Test void read_rowWithABadNumber_namesTheFileAndLine(@TempDir Path dir) throws IOException {
    Path file = dir.resolve(TimeSeriesCsv.FILE_NAME);
    Files.writeString(file, """
        date,metric,agent,region,partner,commodity,sector,value,unit
        2025-01-31,price,,eu,,reo,,12,USD/kg
        2025-02-28,price,,eu,,reo,,lots,USD/kg
        """);
    IOException e = assertThrows(IOException.class, () -> csv.read(file));
    assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
  }
}
