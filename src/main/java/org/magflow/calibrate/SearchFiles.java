package org.magflow.calibrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.magflow.output.OutputTarget;
import org.magflow.output.ResultFolder;
import org.magflow.run.InputException;
import org.magflow.run.MagflowVersion;
import org.magflow.scenario.FieldPaths;
import org.magflow.scenario.Problem;
import org.magflow.scenario.SpecBinder;
import org.magflow.sweep.LocalRunExecutor;
import org.magflow.sweep.RunExecutor;
import org.magflow.sweep.SweepFile;
import org.magflow.sweep.SweepRunner;

/**
 * What the calibrate and optimize files share besides the sweep's fields ({@code start}, {@code method},
 * {@code budget}), and where their results go: the result folder, checked before any run, and the journal
 * folder beside it.
 */
final class SearchFiles {
  private SearchFiles() {}

  /** The sweep's fields a search file shares. */
  static final List<String> SHARED = List.of("name", "description", "base", "seed", "replications", "parameters");
  /** The most evaluations a search may make. */
  static final int MAX_BUDGET = 100_000;

  /** The search settings as read: start values by parameter name, the method and the budget. */
  static final class Settings {
    final Map<String, Double> start = new LinkedHashMap<>();
    String method = "cma-es";
    int budget = 40;
  }

  /**
   * Reads start, method and budget; checks that every parameter is a range (a search needs bounds) and that
   * the start values name parameters and lie in their ranges.
   */
  static Settings read(ObjectNode root, SweepFile.ProblemSink problem) {
    Settings s = new Settings();
    Map<String, double[]> ranges = new LinkedHashMap<>();
    JsonNode parameters = root.path("parameters");
    for (int i = 0; i < parameters.size(); i++) {
      JsonNode p = parameters.get(i);
      String at = FieldPaths.index("parameters", i);
      String name = p.path("name").isTextual() ? p.path("name").asText() : p.path("path").asText();
      if (p.has("values") || p.has("distribution")) {
        problem.add(FieldPaths.field(at, p.has("values") ? "values" : "distribution"), "a search needs bounds:"
            + " give range: {from, to} (a step is not used)");
      } else if (p.path("range").path("from").isNumber() && p.path("range").path("to").isNumber()) {
        ranges.put(name, new double[] {p.path("range").path("from").doubleValue(),
            p.path("range").path("to").doubleValue()});
      }
    }
    JsonNode start = root.get("start");
    if (start != null) {
      if (!(start instanceof ObjectNode o)) {
        problem.add("start", "expected each parameter's start value by name, e.g. {approval: 0.4}, found "
            + SpecBinder.describe(start));
      } else {
        for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
          var e = it.next();
          String at = FieldPaths.field("start", e.getKey());
          double[] range = ranges.get(e.getKey());
          if (!e.getValue().isNumber()) {
            problem.add(at, "expected a number, found " + SpecBinder.describe(e.getValue()));
          } else if (range == null && !parameterNames(parameters).contains(e.getKey())) {
            problem.add(at, "no parameter is named '" + e.getKey() + "'; parameters: "
                + String.join(", ", parameterNames(parameters)));
          } else if (range != null && (e.getValue().doubleValue() < range[0] || e.getValue().doubleValue() > range[1])) {
            problem.add(at, "expected a value in the parameter's range " + range[0] + " to " + range[1] + ", found "
                + e.getValue().asText());
          } else {
            s.start.put(e.getKey(), e.getValue().doubleValue());
          }
        }
      }
    }
    JsonNode method = root.get("method");
    if (method != null) {
      if (method.isTextual() && Search.METHODS.contains(method.asText())) s.method = method.asText();
      else problem.add("method", "expected one of: " + String.join(", ", Search.METHODS) + " (CMA-ES for noisy"
          + " losses; BOBYQA where the loss is smooth), found " + SpecBinder.describe(method));
    }
    JsonNode budget = root.get("budget");
    if (budget != null) {
      if (budget.isIntegralNumber() && budget.canConvertToInt() && budget.intValue() >= 2
          && budget.intValue() <= MAX_BUDGET) {
        s.budget = budget.intValue();
      } else {
        problem.add("budget", "expected a whole number of evaluations from 2 to " + MAX_BUDGET + ", found "
            + SpecBinder.describe(budget));
      }
    }
    return s;
  }

  private static List<String> parameterNames(JsonNode parameters) {
    List<String> names = new ArrayList<>();
    for (JsonNode p : parameters) names.add(p.path("name").isTextual() ? p.path("name").asText() : p.path("path").asText());
    return names;
  }

  /**
   * Checks the result folder and its journal folder before any run; returns the journal folder.
   *
   * @param resume whether an unfinished search there may be continued
   */
  static Path checkTargets(Path outDir, boolean resume) throws InputException, IOException {
    Optional<String> refused = OutputTarget.replaceFolder(outDir, OutputTarget.Kind.STUDY_FOLDER);
    if (refused.isPresent()) throw InputException.at(OutputTarget.shown(outDir), refused.get());
    Path partial = SweepRunner.partialDir(outDir);
    if (!EvaluationJournal.mayHold(partial)) {
      throw InputException.at(partial.toString(), "is in the way: a search keeps its evaluations in the folder "
          + partial.getFileName() + " next to its result folder, and this one holds other files; move it or"
          + " choose another output folder");
    }
    if (!resume && EvaluationJournal.exists(partial)) {
      throw InputException.at(partial.toString(), "an unfinished search is kept here: run again with --resume to"
          + " finish it, or delete this folder to start over");
    }
    return partial;
  }

  /** A search's executor: the one given, else {@code threads} local threads. */
  static RunExecutor executor(RunExecutor given, int threads) {
    return given != null ? given : new LocalRunExecutor(Math.max(1, threads));
  }

  /** Opens the journal, turning a journal of another search into bad input. */
  static EvaluationJournal journal(Path partial, String fingerprint, int replications, int cells)
      throws InputException, IOException {
    try {
      return EvaluationJournal.open(partial, fingerprint, replications, cells);
    } catch (IllegalArgumentException e) {
      throw InputException.at(partial.toString(), e.getMessage());
    }
  }

  /** Writes the folder's marker: what wrote it. */
  static void writeStudy(Path dir, String kind, Path file, String command, long seed, int evaluations)
      throws IOException {
    ObjectNode study = JsonMapper.builder().build().createObjectNode();
    study.put("kind", kind).put("magflowVersion", MagflowVersion.current()).put("command", command)
        .put("file", file.toString()).put("seed", seed).put("evaluations", evaluations);
    Files.writeString(dir.resolve(OutputTarget.STUDY_JSON), study.toPrettyString() + "\n", StandardCharsets.UTF_8);
  }

  /** Writes a result folder whole and then drops the journal. */
  static void finish(Path outDir, Path partial, ResultFolder.IoAction write) throws IOException {
    ResultFolder.replace(outDir, write);
    try (var files = Files.list(partial)) {
      for (Path f : files.toList()) Files.delete(f);
    }
    Files.delete(partial);
  }

  /** The problems of a sink, as a list. */
  static SweepFile.ProblemSink into(List<Problem> problems, String label) {
    return (path, message) -> problems.add(new Problem(label, path, 0, 0, message));
  }
}
