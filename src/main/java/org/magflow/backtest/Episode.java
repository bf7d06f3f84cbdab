package org.magflow.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.magflow.run.InputException;
import org.magflow.run.RunJob;
import org.magflow.scenario.FieldPaths;
import org.magflow.scenario.Problem;
import org.magflow.scenario.ScenarioSpec;
import org.magflow.scenario.SpecBinder;
import org.magflow.sweep.SweepFile;

/**
 * An episode to backtest: a scenario, the observations of what happened, and how the two compare.
 *
 * <pre>
 * name: april-2025-licences              # optional: the file name
 * description: ...
 * scenario: ../april-2025-licences.yaml  # relative to this file
 * seed: 42                               # optional: the scenario's
 * replications: 1                        # optional: runs averaged month by month, replications 0, 1, ...
 * observed: ../observed/cn-magnet-exports.csv
 * from: 2025-01
 * to: 2025-11
 * shock: 2025-04
 * series: [...]                          # see SeriesFields
 * </pre>
 */
public record Episode(Path file, String name, String description, Path scenarioFile, ScenarioSpec scenario,
                     long seed, int replications, SeriesFields fields, ObservedData data) {
  static final List<String> FIELDS = List.of("name", "description", "scenario", "seed", "replications", "observed",
      "from", "to", "shock", "series");
  /** The most replications an episode averages. */
  static final int MAX_REPLICATIONS = 1000;

  /** Reads an episode file, its scenario and its observations; throws with every problem found in any of them. */
  public static Episode read(Path file) throws InputException {
    SweepFile.Tree tree = new SweepFile().readTree(file, "episode");
    String label = file.toString();
    List<Problem> problems = new ArrayList<>(tree.problems());
    List<Problem> found = new ArrayList<>();
    SweepFile.ProblemSink sink = (path, message) -> found.add(new Problem(label, path, 0, 0, message));
    if (!(tree.root() instanceof ObjectNode root)) {
      throw InputException.at(label, "expected an episode (fields scenario, observed, series), found "
          + SpecBinder.describe(tree.root()));
    }
    SeriesFields.unknown(root, "", FIELDS, sink);
    String fileName = file.getFileName().toString();
    String name = SeriesFields.text(root, "name", "", false, sink);
    if (name == null) name = fileName.substring(0, Math.max(0, fileName.lastIndexOf('.')));
    String description = SeriesFields.text(root, "description", "", false, sink);
    Path scenarioFile = null;
    String scenarioText = SeriesFields.text(root, "scenario", "", true, sink);
    if (scenarioText != null) {
      try {
        scenarioFile = file.resolveSibling(scenarioText).normalize();
        if (!Files.isRegularFile(scenarioFile)) {
          sink.add("scenario", "scenario '" + scenarioText + "' not found (looked for " + scenarioFile + ")");
          scenarioFile = null;
        }
      } catch (InvalidPathException e) {
        sink.add("scenario", "not a valid path: " + e.getReason());
      }
    }
    Long seed = null;
    JsonNode seedNode = root.get("seed");
    if (seedNode != null) {
      if (seedNode.isIntegralNumber() && seedNode.canConvertToLong()) seed = seedNode.longValue();
      else sink.add("seed", "expected a whole number, found " + SpecBinder.describe(seedNode));
    }
    int replications = wholeNumber(root, "replications", 1, MAX_REPLICATIONS, sink);
    SeriesFields fields = SeriesFields.read(root, file, sink);
    ScenarioSpec scenario = null;
    if (scenarioFile != null) {
      try {
        scenario = RunJob.load(scenarioFile);
      } catch (InputException e) {
        sink.add("scenario", "the scenario has " + e.problems().size() + " problem(s), listed below");
        problems.addAll(e.problems());
      }
    }
    if (scenario != null && fields != null) {
      SeriesFields.checkCommodities(fields, scenario, sink);
    }
    ObservedData data = null;
    if (fields != null) data = observations(fields, sink, problems);
    else SeriesFields.checkObservedFile(root, file, problems);
    problems.addAll(found.stream().map(tree.locations()::place).toList());
    if (!problems.isEmpty() || scenario == null || data == null) {
      throw new InputException(problems.stream().distinct().sorted(Problem.IN_FILE_ORDER).toList());
    }
    return new Episode(file, name, description == null ? "" : description, scenarioFile, scenario,
        seed != null ? seed : scenario.seed(), replications, fields, data);
  }

  /**
   * Reads the observed file and checks that every series has observations in the months compared; problems in
   * the file go to {@code problems} (at their lines there), problems of the series to {@code sink}.
   */
  public static ObservedData observations(SeriesFields fields, SweepFile.ProblemSink sink, List<Problem> problems) {
    ObservedData data;
    try {
      data = ObservedData.read(fields.observed());
    } catch (InputException e) {
      sink.add("observed", "the observed file has " + e.problems().size() + " problem(s), listed below");
      problems.addAll(e.problems());
      return null;
    }
    boolean ok = true;
    for (int i = 0; i < fields.series().size(); i++) {
      SeriesMap s = fields.series().get(i);
      long inWindow = data.select(s.observed()).stream()
          .filter(r -> !r.month().isBefore(fields.from()) && !r.month().isAfter(fields.to())).count();
      if (inWindow == 0) {
        sink.add(FieldPaths.field(FieldPaths.index("series", i), "observed"), "no rows of " + s.observed().text()
            + " in " + fields.observed() + " from " + fields.from() + " to " + fields.to());
        ok = false;
      }
    }
    return ok ? data : null;
  }

  static int wholeNumber(ObjectNode root, String field, int min, int max, SweepFile.ProblemSink sink) {
    JsonNode v = root.get(field);
    if (v == null) return min;
    if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < min || v.intValue() > max) {
      sink.add(field, "expected a whole number from " + min + " to " + max + ", found " + SpecBinder.describe(v));
      return min;
    }
    return v.intValue();
  }

  /** The comparisons of a run's events (one list per replication, averaged) with the observations. */
  public List<Comparison> compare(List<List<org.magflow.event.SimEvent>> runs) {
    return compare(fields, data, runs);
  }

  /** The comparisons of runs with observations, each series averaged over the runs month by month. */
  public static List<Comparison> compare(SeriesFields fields, ObservedData data,
                                         List<List<org.magflow.event.SimEvent>> runs) {
    var months = fields.months();
    List<Comparison> result = new ArrayList<>();
    for (SeriesMap s : fields.series()) {
      double[] mean = new double[months.size()];
      for (var events : runs) {
        double[] one = Comparison.simulated(events, s.simulated(), months);
        for (int m = 0; m < mean.length; m++) mean[m] += one[m] / runs.size();
      }
      result.add(new Comparison(s, months, mean, Comparison.observed(data.select(s.observed()), months),
          fields.shock()));
    }
    return result;
  }
}
