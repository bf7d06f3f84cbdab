package org.magflow.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * src/docs/pipeline-projects.yaml, the project pipeline the investment model reads, keeps to its schema: known
 * fields only, the enumerated regions, recipes and statuses, unique kebab-case ids, dates that parse, shares
 * in [0, 1], and a source that is a section of src/docs/sources.md.
 */
class PipelineProjectsTest {
  private static final Path PIPELINE = Path.of("src/docs/pipeline-projects.yaml");
  private static final Set<String> REQUIRED =
      Set.of("id", "name", "owner", "site", "recipe", "tonnesPerYear", "status", "source");
  private static final Set<String> OPTIONAL = Set.of("statusDate", "firstOutput", "rampMonths",
      "incentiveUsdPerKg", "offtakeUsdPerKg", "support");
  private static final Set<String> SITES = Set.of("CN", "MM", "US", "JP", "KR", "VN", "AU", "MY", "EU", "ROW");
  private static final Set<String> RECIPES =
      Set.of("mine", "separate", "make-magnets", "metal", "recycle-magnets", "recycle-oxides");
  private static final Set<String> STATUSES = Set.of("studied", "permitted", "financed", "building");
  private static final Pattern KEBAB = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  private static final Pattern SOURCE = Pattern.compile("^sources §(S\\d+(?:\\.[A-Z]?\\d+)*)$");

  /** What is wrong with a pipeline document, each naming the project's path. */
  static List<String> problems(JsonNode doc, Set<String> sections) {
    List<String> found = new ArrayList<>();
    JsonNode projects = doc.path("projects");
    if (!projects.isArray()) {
      return List.of("projects: expected a list");
    }
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < projects.size(); i++) {
      JsonNode p = projects.get(i);
      String at = "projects[" + i + "] (" + p.path("id").asText("?") + ")";
      for (String field : REQUIRED) {
        if (!p.has(field)) {
          found.add(at + ": missing " + field);
        }
      }
      for (Iterator<String> names = p.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!REQUIRED.contains(name) && !OPTIONAL.contains(name)) {
          found.add(at + "." + name + ": unknown field");
        }
      }
      String id = p.path("id").asText();
      if (!KEBAB.matcher(id).matches() || !ids.add(id)) {
        found.add(at + ".id: expected a unique kebab-case id");
      }
      if (!KEBAB.matcher(p.path("owner").asText()).matches()) {
        found.add(at + ".owner: expected a kebab-case id");
      }
      oneOf(found, at, p, "site", SITES);
      oneOf(found, at, p, "recipe", RECIPES);
      oneOf(found, at, p, "status", STATUSES);
      if (!p.path("tonnesPerYear").isNumber() || p.path("tonnesPerYear").asDouble() < 0) {
        found.add(at + ".tonnesPerYear: expected tonnes a year, 0 or more");
      }
      if (p.has("support") && !(p.get("support").asDouble(-1) >= 0 && p.get("support").asDouble(-1) <= 1)) {
        found.add(at + ".support: expected a share from 0 to 1");
      }
      LocalDate status = date(found, at, p, "statusDate");
      LocalDate first = date(found, at, p, "firstOutput");
      if (status != null && first != null && first.isBefore(status)) {
        found.add(at + ".firstOutput: before statusDate");
      }
      Matcher source = SOURCE.matcher(p.path("source").asText());
      if (!source.matches() || !sections.contains(source.group(1))) {
        found.add(at + ".source: expected \"sources §Sx\" naming a section of src/docs/sources.md");
      }
    }
    return found;
  }

  private static void oneOf(List<String> found, String at, JsonNode p, String field, Set<String> allowed) {
    if (p.has(field) && !allowed.contains(p.get(field).asText())) {
      found.add(at + "." + field + ": expected one of " + new TreeSet<>(allowed));
    }
  }

  private static LocalDate date(List<String> found, String at, JsonNode p, String field) {
    if (!p.has(field)) {
      return null;
    }
    try {
      return LocalDate.parse(p.get(field).asText());
    } catch (DateTimeParseException e) {
      found.add(at + "." + field + ": expected a date YYYY-MM-DD");
      return null;
    }
  }

  private static JsonNode yaml(String text) throws IOException {
    return new ObjectMapper(new YAMLFactory()).readTree(text);
  }

  private static Set<String> sections() throws IOException {
    return SourcesCitedTest.sections(Files.readAllLines(Path.of("src/docs/sources.md"), StandardCharsets.UTF_8));
  }

  @Test
  void theShippedPipeline_keepsToTheSchema_andCoversEveryStage() throws IOException {
    JsonNode doc = yaml(Files.readString(PIPELINE, StandardCharsets.UTF_8));
    assertEquals(List.of(), problems(doc, sections()));
    assertTrue(doc.get("projects").size() >= 30, "fewer than 30 projects");
    Set<String> recipes = new HashSet<>();
    doc.get("projects").forEach(p -> recipes.add(p.get("recipe").asText()));
    assertEquals(RECIPES, recipes);
  }

  @Test
  void aBadProject_isReportedByPathAndField() throws IOException {
    JsonNode doc = yaml("""
        projects:
          - {id: a-mine, name: A, owner: a, site: AU, recipe: mine, tonnesPerYear: 10, status: studied,
             source: "sources §S9.1"}
          - {id: a-mine, name: B, owner: Bad Owner, site: Brazil, recipe: smelt, tonnesPerYear: -1,
             status: producing, statusDate: 2026-01-01, firstOutput: 2025-01-01, support: 1.5,
             source: "sources §S99", capexUsd: 5}
        """);
    assertEquals(List.of(
        "projects[1] (a-mine).capexUsd: unknown field",
        "projects[1] (a-mine).id: expected a unique kebab-case id",
        "projects[1] (a-mine).owner: expected a kebab-case id",
        "projects[1] (a-mine).site: expected one of " + new TreeSet<>(SITES),
        "projects[1] (a-mine).recipe: expected one of " + new TreeSet<>(RECIPES),
        "projects[1] (a-mine).status: expected one of " + new TreeSet<>(STATUSES),
        "projects[1] (a-mine).tonnesPerYear: expected tonnes a year, 0 or more",
        "projects[1] (a-mine).support: expected a share from 0 to 1",
        "projects[1] (a-mine).firstOutput: before statusDate",
        "projects[1] (a-mine).source: expected \"sources §Sx\" naming a section of src/docs/sources.md"),
        problems(doc, Set.of("S9.1")));
  }
}
