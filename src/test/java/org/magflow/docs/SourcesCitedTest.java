package org.magflow.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every figure's citation can be checked in the repository: each "sources §S2.6" in the README, docs,
 * scenarios and source names a section heading of src/docs/sources.md, and nothing cites the calibration files
 * outside the repository (shared/data) or their old "facts §2.6" numbers, except in scenario {@code source:}
 * fields, which are data (they appear in scenario.resolved.json) and keep the old number of an existing section.
 */
class SourcesCitedTest {
  private static final Path SOURCES = Path.of("src/docs/sources.md");
  /** A section id: S2, S2.6, S3.B2. */
  private static final String SECTION = "S\\d+(?:\\.[A-Z]?\\d+)*";
  private static final Pattern HEADING = Pattern.compile("^#{2,4} (" + SECTION + ") ");
  private static final Pattern CITATION = Pattern.compile("§(" + SECTION + ")");
  private static final Pattern LEGACY = Pattern.compile("facts §(\\d+(?:\\.\\d+)?)");
  private static final Pattern DATA_LINE = Pattern.compile("^\\s*-?\\s*source:");

  record Problem(String file, int line, String message) {
    @Override
    public String toString() {
      return file + ":" + line + ": " + message;
    }
  }

  /** The section ids of a sources document: its "## S2 ..." and "### S2.6 ..." headings. */
  static Set<String> sections(List<String> lines) {
    Set<String> ids = new LinkedHashSet<>();
    for (String line : lines) {
      Matcher m = HEADING.matcher(line);
      if (m.find()) {
        ids.add(m.group(1));
      }
    }
    return ids;
  }

  /** What is wrong with the citations in one file's lines, each with its 1-based line number. */
  static List<Problem> problems(String file, List<String> lines, Set<String> sections) {
    List<Problem> found = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int n = i + 1;
      Matcher cited = CITATION.matcher(line);
      while (cited.find()) {
        if (!sections.contains(cited.group(1))) {
          found.add(new Problem(file, n, "cites §" + cited.group(1) + ", which is not a section of " + SOURCES));
        }
      }
      if (line.contains("shared/data")) {
        found.add(new Problem(file, n, "cites shared/data, which is not in the repository: cite a section of "
            + SOURCES + ", e.g. sources §S2.6"));
      }
      Matcher legacy = LEGACY.matcher(line);
      while (legacy.find()) {
        String now = "S" + legacy.group(1);
        if (!DATA_LINE.matcher(line).find()) {
          found.add(new Problem(file, n, "cites the old facts file (" + legacy.group() + "): cite sources §" + now));
        } else if (!sections.contains(now)) {
          found.add(new Problem(file, n, legacy.group() + " is " + now + ", which is not a section of " + SOURCES));
        }
      }
    }
    return found;
  }

  /** The files whose text may cite figures: the README, docs, scenarios and all source but these tests. */
  private static List<Path> citingFiles() throws IOException {
    List<Path> files = new ArrayList<>(List.of(Path.of("README.md")));
    // The citation checkers' own tests hold bad citations on purpose.
    Path checkers = Path.of("src/test/java/org/magflow/docs");
    for (String root : List.of("src/docs", "scenarios", "src/main", "src/test/java")) {
      try (Stream<Path> walk = Files.walk(Path.of(root))) {
        walk.filter(Files::isRegularFile)
            .filter(p -> p.toString().matches(".*\\.(md|yaml|yml|java)$"))
            .filter(p -> !p.startsWith(checkers))
            .sorted()
            .forEach(files::add);
      }
    }
    return files;
  }

  private static List<String> read(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void everyCitationInTheRepository_namesASectionOfTheSourcesDocument() throws IOException {
    Set<String> sections = sections(read(SOURCES));
    List<Problem> problems = new ArrayList<>();
    int citations = 0;
    for (Path file : citingFiles()) {
      List<String> lines = read(file);
      problems.addAll(problems(file.toString(), lines, sections));
      for (String line : lines) {
        citations += (int) CITATION.matcher(line).results().count();
      }
    }
    assertEquals(List.of(), problems, () -> "bad citations:\n" + String.join("\n",
        problems.stream().map(Problem::toString).toList()));
    // Not vacuous: the scenarios and README cite the document a few hundred times.
    assertTrue(citations > 100, "only " + citations + " citations found");
  }

  @Test
  void theSourcesDocument_hasTheSectionsTheOldNumbersMapTo() {
    Set<String> sections = sections(read(SOURCES));
    for (String id : List.of("S2.1", "S2.6", "S2.7", "S2.10", "S3.B2", "S3.B3", "S9.2", "S10", "S11")) {
      assertTrue(sections.contains(id), id + " missing from " + sections);
    }
  }

  @Test
  void aCitationOfAMissingSection_isReportedWithFileAndLine() {
    List<Problem> found = problems("scenarios/x.yaml",
        List.of("# fine (sources §S2.6, §S3.B2)", "    cut: 0.3   # bad (sources §S2.6, §S9.9)"),
        Set.of("S2.6", "S3.B2"));
    assertEquals(List.of(new Problem("scenarios/x.yaml", 2, "cites §S9.9, which is not a section of " + SOURCES)),
        found);
  }

  @Test
  void aCitationOfFilesOutsideTheRepository_isReported() {
    List<Problem> found = problems("README.md", List.of("calibrated to `shared/data/rare-earth-facts.md`"),
        Set.of("S2.6"));
    assertEquals(1, found.size());
    assertEquals(1, found.get(0).line());
    assertTrue(found.get(0).message().startsWith("cites shared/data"), found.get(0).message());
  }

  @Test
  void anOldFactsNumber_isReportedInCommentsButAllowedInSourceFieldsIfTheSectionExists() {
    Set<String> sections = Set.of("S2.6", "S2.7");
    List<String> lines = List.of(
        "    cut: 0.30   # US-bound -28.7% m/m (facts §2.6)",
        "    source: \"China customs via facts §2.6: 420.5 t\"",
        "  - source: \"Announcement 18 (facts §2.7)\"",
        "    source: \"nowhere (facts §2.99)\"");
    List<Problem> found = problems("s.yaml", lines, sections);
    assertEquals(List.of(1, 4), found.stream().map(Problem::line).toList(), found::toString);
    assertEquals("cites the old facts file (facts §2.6): cite sources §S2.6", found.get(0).message());
  }

  @Test
  void headings_areTheSectionIds() {
    assertEquals(Set.of("S2", "S2.6", "S3.B2"), sections(List.of(
        "# magflow sources", "## S2 Calibration facts", "### S2.6 China's magnet exports", "text §S7",
        "### S3.B2 April 2025", "## Not a section")));
  }
}
