package org.magflow.output;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The JSON dialect of magflow's output files: pretty-printed with two-space indents and {@code \n} line ends
 * on every platform, ISO dates, properties in declaration order, and every floating-point number written by
 * {@link Decimals}, so a file is byte-identical on every JDK and OS.
 */
final class JsonText {
  private JsonText() {}

  /** A new writer of this dialect; build one per output class and keep it, as it is costly to make. */
  static ObjectWriter writer() {
    var decimals = new SimpleModule("magflow-decimals")
        .addSerializer(Double.class, new DecimalSerializer())
        .addSerializer(double.class, new DecimalSerializer());
    var mapper = JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .addModule(decimals)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS) // "2025-05-31", not [2025,5,31]
        .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)    // 0.000000000001, not 1E-12
        .build();
    // The default indenter uses the platform's line separator, which would make files differ on Windows.
    var lines = new DefaultIndenter("  ", "\n");
    var printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
        .withArrayEmptySeparator("")
        .withObjectEmptySeparator(""))
        .withObjectIndenter(lines)
        .withArrayIndenter(lines);
    return mapper.writer(printer);
  }

  /** The text of {@code value} in this dialect, ending with a line break. */
  static String toText(ObjectWriter writer, Object value) throws IOException {
    return writer.writeValueAsString(value) + "\n";
  }

  /** Writes {@code value} to {@code file} as UTF-8, replacing it. */
  static void write(ObjectWriter writer, Object value, Path file) throws IOException {
    Files.writeString(file, toText(writer, value), StandardCharsets.UTF_8);
  }

  /** Writes a double as the decimal {@link Decimals} gives, so no JDK's own double printing is used. */
  private static final class DecimalSerializer extends StdSerializer<Double> {
    DecimalSerializer() {
      super(Double.class);
    }

    @Override
    public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
      gen.writeNumber(Decimals.decimal(value));
    }
  }
}
