package org.magflow.output.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The leading comment block of a scenario file and of the files it extends: where the scenario's authors
 * state what it models, why, and the sources of its figures. {@code scenario.resolved.json} drops comments,
 * so they are read from the original files, if these still exist.
 */
final class ScenarioNotes {
  /** One file's leading comments, as paragraphs of text. */
  record Notes(String file, List<String> paragraphs, boolean changedSinceRun) {}

  private static final int MAX_LINES = 400;
  private static final int MAX_DEPTH = 8;
  private static final Pattern EXTENDS = Pattern.compile("^extends:\\s*['\"]?([^'\"#\\s]+)['\"]?\\s*(#.*)?$");

  private ScenarioNotes() {}

  /** The notes of a file recorded by its path alone (a sweep's file), read relative to the working directory. */
  static List<Notes> read(String file, String sha256) {
    return read(file, "", sha256);
  }

  /**
   * The notes of {@code scenarioFile} and then of each base it extends, skipping files that no longer exist
   * or have no leading comments. Each file is named as the run recorded it, its bases relative to it, so the
   * notes read the same from any working directory.
   *
   * @param scenarioFile the scenario file as the run recorded it (as typed, perhaps relative to the working
   *     directory of the run)
   * @param scenarioPath the same file as an absolute path, where the run recorded one (else empty): it is read
   *     from there, so a briefing written from another directory finds it
   * @param sha256 the file's SHA-256 at the time of the run, to tell whether it has changed since; may be empty
   */
  static List<Notes> read(String scenarioFile, String scenarioPath, String sha256) {
    var result = new ArrayList<Notes>();
    if (scenarioFile == null || scenarioFile.isEmpty()) return result;
    Path shown = Path.of(scenarioFile);
    Path file = scenarioPath != null && !scenarioPath.isEmpty() && Files.isRegularFile(Path.of(scenarioPath))
        ? Path.of(scenarioPath) : shown;
    String expectedHash = sha256;
    for (int depth = 0; depth < MAX_DEPTH && file != null && Files.isRegularFile(file); depth++) {
      String base = null;
      try {
        List<String> lines = head(file);
        List<String> paragraphs = leadingComments(lines);
        boolean changed = expectedHash != null && !expectedHash.isEmpty() && !expectedHash.equals(sha256(file));
        if (!paragraphs.isEmpty()) result.add(new Notes(shown.toString(), paragraphs, changed));
        for (String line : lines) {
          Matcher m = EXTENDS.matcher(line);
          if (m.matches()) {
            base = m.group(1);
            break;
          }
        }
      } catch (IOException e) {
        break; // the notes are a courtesy: a file that cannot be read is left out
      }
      file = base == null ? null : besides(file, base);
      shown = base == null ? null : besides(shown, base);
      expectedHash = null; // run.json records only the top file's hash
    }
    return result;
  }

  /** A base file named in an {@code extends:} line of {@code file}: relative to the folder {@code file} is in. */
  private static Path besides(Path file, String base) {
    Path parent = file.getParent();
    return parent == null ? Path.of(base) : parent.resolve(base);
  }

  private static List<String> head(Path file) throws IOException {
    var lines = new ArrayList<String>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while (lines.size() < MAX_LINES && (line = in.readLine()) != null) lines.add(line);
    }
    return lines;
  }

  /**
   * The comment lines before the first line of content, as paragraphs: a blank comment line separates
   * paragraphs; a line starting with "- " starts a list item, kept as its own paragraph beginning "- ".
   */
  static List<String> leadingComments(List<String> lines) {
    var paragraphs = new ArrayList<String>();
    StringBuilder current = new StringBuilder();
    for (String raw : lines) {
      String line = raw.strip();
      if (line.isEmpty()) {
        flush(paragraphs, current);
        continue;
      }
      if (!line.startsWith("#")) break;
      String text = line.replaceFirst("^#+ ?", "");
      if (text.isBlank()) {
        flush(paragraphs, current);
      } else if (text.startsWith("- ")) {
        flush(paragraphs, current);
        current.append(text.strip());
      } else {
        if (current.length() > 0) current.append(' ');
        current.append(text.strip());
      }
    }
    flush(paragraphs, current);
    return paragraphs;
  }

  private static void flush(List<String> paragraphs, StringBuilder current) {
    if (current.length() > 0) paragraphs.add(current.toString());
    current.setLength(0);
  }

  private static String sha256(Path file) throws IOException {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
