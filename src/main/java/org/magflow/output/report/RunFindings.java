package org.magflow.output.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.magflow.output.RunInfo;
import org.magflow.output.chart.ResultData;

/** What a run says in words: the question it answers, its policies' settings, what its description gets wrong. */
final class RunFindings {
  /** The exporter whose exports the briefing follows: China, the subject of the questions. */
  static final String EXPORTER = "CN";

  private RunFindings() {}

  /**
   * The question the run answers: the scenario file's own "What this file asks" paragraph if it has one,
   * otherwise one built from its policies.
   */
  static String question(ResultData d, List<ScenarioNotes.Notes> notes) {
    if (!notes.isEmpty()) {
      for (String p : notes.get(0).paragraphs()) {
        String lower = p.toLowerCase(java.util.Locale.ROOT);
        for (String lead : List.of("what this file asks:", "question:", "the question:")) {
          if (lower.startsWith(lead)) {
            String q = p.substring(lead.length()).strip();
            return Character.toUpperCase(q.charAt(0)) + q.substring(1);
          }
        }
      }
    }
    if (d.policies().isEmpty()) {
      return "With no policy shocks between " + Html.day(d.start()) + " and " + Html.day(d.end())
          + ": where is production concentrated, who trades with whom, do prices hold near their reference, "
          + "and does anyone run short?";
    }
    String policies = d.policies().stream()
        .map(p -> p.title() + " (" + p.type() + ", " + PolicyTimeline.inForce(p) + ")")
        .collect(Collectors.joining("; "));
    return "If these policies come into force — " + policies + " — who runs short, by how much, from when and "
        + "for how long; what happens to prices; and how do China's exports shift, compared with the same world "
        + "without them?";
  }

  /** A policy's settings as the resolved scenario holds them, without its title and source (shown apart). */
  static Map<String, String> details(ResultData.PolicyWindow p) {
    var shown = new LinkedHashMap<String, String>();
    p.details().forEach((key, value) -> {
      if (!key.equals("source") && !key.equals("title")) shown.put(key, readable(value));
    });
    return shown;
  }

  /** A setting as a reader writes it: a list as "US, JP", an object's fields without the empty ones. */
  private static String readable(String value) {
    if (!value.startsWith("[") && !value.startsWith("{")) return value;
    try {
      JsonNode node = JSON.readTree(value);
      var parts = new ArrayList<String>();
      if (node.isArray()) node.forEach(n -> parts.add(n.isValueNode() ? n.asText() : n.toString()));
      else node.fields().forEachRemaining(f -> {
        if (!f.getValue().isNull()) parts.add(f.getKey() + " " + f.getValue().asText(f.getValue().toString()));
      });
      return node.isArray() ? (parts.isEmpty() ? "(all)" : String.join(", ", parts)) : "{" + String.join(", ", parts) + "}";
    } catch (JsonProcessingException e) {
      return value;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What the description says that the policies as run do not: each date it names that no policy starts or
   * ends on (nor the horizon), as a note for the reader. The description is free text written with the file;
   * an override or an edited copy can leave it telling another story.
   */
  static List<String> descriptionNotes(ResultData d) {
    Set<LocalDate> known = new HashSet<>(List.of(d.start(), d.end()));
    for (ResultData.PolicyWindow p : d.policies()) {
      known.add(p.start());
      if (p.end() != null) {
        known.add(p.end());
        known.add(p.end().minusDays(1));
      }
    }
    var notes = new ArrayList<String>();
    Matcher m = DATE_IN_WORDS.matcher(d.description());
    while (m.find()) {
      LocalDate date;
      try {
        date = m.group(1) != null ? LocalDate.parse(m.group(1))
            : LocalDate.parse(m.group(2) + " " + m.group(3) + " " + m.group(4), WORDS);
      } catch (DateTimeParseException e) {
        continue;
      }
      if (!known.contains(date)) {
        notes.add("The description above names " + m.group() + ", on which no policy of this run starts or ends:"
            + " it was written for the file, and what ran is in the policy timeline below.");
      }
    }
    List<String> overrides = d.runInfo().map(RunInfo::overrides).orElse(List.of());
    if (!overrides.isEmpty()) {
      notes.add("The description is the scenario file's own; this run changed " + String.join(", ", overrides)
          + ", so where they differ the policy timeline below states what ran.");
    }
    return notes;
  }

  private static final Pattern DATE_IN_WORDS = Pattern.compile("\\b(\\d{4}-\\d{2}-\\d{2})\\b|\\b(\\d{1,2}) "
      + "(January|February|March|April|May|June|July|August|September|October|November|December) (\\d{4})\\b");
  private static final DateTimeFormatter WORDS = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

  /** A commodity's name as a sentence uses it: "NdFeB magnets", "rare-earth concentrate". */
  static String shortName(ResultData d, String commodity) {
    return switch (commodity) {
      case "ndfeb_magnet" -> "NdFeB magnets";
      case "ndpr_oxide" -> "NdPr oxide";
      case "dytb_oxide" -> "Dy/Tb oxide";
      case "reo" -> "rare-earth concentrate";
      default -> d.commodity(commodity).name();
    };
  }
}
