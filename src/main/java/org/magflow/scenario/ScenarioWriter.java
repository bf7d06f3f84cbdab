package org.magflow.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a scenario as pretty JSON, as {@code scenario.resolved.json} records what a run used.
 *
 * <p>The output is deterministic: fields in record declaration order, map entries in file order, dates as
 * ISO strings, two-space indents and {@code \n} line ends on every platform. Loading the output gives an equal
 * {@link ScenarioSpec}.
 */
public final class ScenarioWriter {
  private final ObjectWriter writer;

  /** Creates a writer for the shipped policy families. */
  public ScenarioWriter() {
    this(PolicyFamilies.SHIPPED);
  }

  /** Creates a writer that names each policy by its family in {@code families}. */
  public ScenarioWriter(PolicyFamilies families) {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n"); // not the platform line separator
    DefaultPrettyPrinter pretty = new DefaultPrettyPrinter()
        .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));
    pretty.indentArraysWith(indenter);
    pretty.indentObjectsWith(indenter);
    writer = JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
        .registerSubtypes(families.jsonSubtypes())
        .build()
        .writer(pretty);
  }

  /** Returns the scenario as pretty JSON ending in a newline. */
  public String toJson(ScenarioSpec scenario) {
    try {
      return writer.writeValueAsString(scenario) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a scenario spec always serialises", e);
    }
  }

  /** Writes the scenario as pretty UTF-8 JSON to {@code file}, replacing it. */
  public void write(ScenarioSpec scenario, Path file) {
    try {
      Files.writeString(file, toJson(scenario), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
