package org.magflow.scenario;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Reads a date written as {@code YYYY-MM-DD} and nothing else.
 *
 * <p>JavaTimeModule's own reader also takes epoch days, {@code [2025, 1, 1]} arrays and lenient forms; a
 * scenario date is only ever an ISO date, so anything else is reported rather than guessed at.
 */
final class IsoDateDeserializer extends StdScalarDeserializer<LocalDate> {
  private static final long serialVersionUID = 1L;
  private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  IsoDateDeserializer() {
    super(LocalDate.class);
  }

  @Override
  public LocalDate deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    if (!p.hasToken(JsonToken.VALUE_STRING)) return (LocalDate) ctxt.handleUnexpectedToken(LocalDate.class, p);
    String text = p.getText();
    if (ISO_DATE.matcher(text).matches()) {
      try {
        return LocalDate.parse(text); // ISO_LOCAL_DATE resolves strictly: 2025-02-30 fails
      } catch (DateTimeParseException e) {
        // reported below, like any other malformed date
      }
    }
    throw InvalidFormatException.from(p, "not a date YYYY-MM-DD", text, LocalDate.class);
  }
}
