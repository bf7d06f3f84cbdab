package org.magflow.calibrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.magflow.run.InputException;
import org.magflow.scenario.LoadResult;
import org.magflow.scenario.Problem;
import org.magflow.scenario.ScenarioLoader;
import org.magflow.scenario.ScenarioOverlay;
import org.magflow.scenario.ScenarioValidator;
import org.magflow.scenario.ScenarioWriter;
import org.magflow.sweep.SweepPlan;

/**
 * The scenario of a search's answer (the fitted values, the optimum), written twice into the result folder:
 * {@code STEM.yaml}, an overlay that {@code extends} the base scenario file and sets only the parameters' values
 * ({@link SweepPlan#overlay}), and {@code STEM.json}, the same scenario resolved and standing alone.
 *
 * <p>The overlay names its base by a path relative to the result folder, so it keeps working wherever the
 * project is checked out, but not once the result folder is moved without the base (the JSON does). It is loaded
 * as it will be read from the result folder and must give exactly the resolved scenario, so what is written runs
 * as is; a search checks this at its start point before it runs anything.
 *
 * @param stem the files' name without extension
 * @param json the resolved scenario
 * @param overlay the overlay file's text
 */
record AnswerScenario(String stem, String json, String overlay) {
  /**
   * The answer's scenario for the point {@code values} of {@code plan}, to be written into {@code outDir}.
   *
   * @param studyFile the calibration or optimisation file, where a problem is reported
   * @param name the scenario's name, which names the folder a run of it writes (not the base's: a run of the
   *     answer must not replace the base's results)
   * @param header the comment lines that open the overlay: what wrote it; how to run it follows
   * @throws InputException if the overlay would not give the resolved scenario: a parameter's path selects what
   *     the base file does not write (such as a producer the defaults add for a project's owner)
   */
  static AnswerScenario of(Path studyFile, Path outDir, SweepPlan plan, JsonNode[] values, String stem,
                           String name, String description, List<String> header) throws InputException {
    String json = new ScenarioWriter().toJson(plan.scenarioAt(values, name, description));
    ObjectNode fields = JsonNodeFactory.instance.objectNode().put("name", name).put("description", description);
    fields.setAll(plan.overlay(values));
    List<String> comments = new ArrayList<>(header);
    comments.addAll(List.of("extends names the base by its path from this folder: if the folder moves, change that"
        + " path,", "or run " + stem + ".json, the same scenario written out whole.",
        "Run: magflow run " + outDir.resolve(stem + ".yaml"), ""));
    String overlay = ScenarioOverlay.yaml(comments, baseReference(outDir, plan.baseFile()), fields);
    LoadResult again = new ScenarioLoader().load(outDir.resolve(stem + ".yaml"), overlay);
    if (!again.ok() || !new ScenarioWriter().toJson(again.scenario()).equals(json)) {
      throw new InputException(List.of(new Problem(studyFile.toString(), "parameters", 0, 0, "the answer cannot be"
          + " written as an overlay of " + plan.baseFile() + " that gives its scenario back" + (again.ok() ? "" : " (" + again.problems().stream()
              .map(p -> p.path() + ": " + p.message()).collect(Collectors.joining("; ")) + ")")
          + "; does a parameter's path select an entry the base file does not write, such as a producer added"
          + " for a project's owner?")));
    }
    return new AnswerScenario(stem, json, overlay);
  }

  /** Writes both files into {@code dir}, the result folder or its temporary sibling. */
  void writeInto(Path dir) throws IOException {
    Files.writeString(dir.resolve(stem + ".json"), json, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve(stem + ".yaml"), overlay, StandardCharsets.UTF_8);
  }

  /** The base file as a path from {@code folder}: relative where it can be, absolute across file-system roots. */
  static String baseReference(Path folder, Path base) {
    Path from = folder.toAbsolutePath().normalize();
    Path to = base.toAbsolutePath().normalize();
    try {
      return from.relativize(to).toString().replace('\\', '/');
    } catch (IllegalArgumentException e) { // another root (a Windows drive): no relative path exists
      return to.toString();
    }
  }

  /** A scenario name made of a study's name and a suffix, within the scenario name's length limit. */
  static String name(String study, String suffix) {
    int room = ScenarioValidator.MAX_NAME_LENGTH - suffix.length();
    return (study.length() > room ? study.substring(0, room) : study) + suffix;
  }
}
