package org.magflow.scenario;

import static com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL;
import static org.magflow.scenario.ScenarioDefaults.ids;
import static org.magflow.scenario.ScenarioDefaults.or;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;
import org.magflow.policy.Rule;

/**
 * The exporting country bans the export of its technology: plants in the affected regions (every other
 * region if none is listed) at the stages (all if none) see capacity they add after the start delayed by
 * {@code delayDays} and derated by {@code derate} (0–1; 1 means the additions fail).
 */
public record TechnologyBanSpec(String name, @JsonInclude(NON_NULL) String title,
    LocalDate start, LocalDate end, String exporter, List<String> regions,
    List<String> stages, Double delayDays, Double derate, String source) implements PolicySpec {
  @Override
  public void validate(Checks check, String path) {
    String exporter = check.ref(path + ".exporter", exporter(), check.regions);
    check.regionList(path + ".regions", regions(), false, exporter);
    List<String> stages = check.list(path + ".stages", stages(), false, false, "a list of stages");
    for (int k = 0; stages != null && k < stages.size(); k++) {
      check.oneOf(FieldPaths.index(path + ".stages", k), stages.get(k), ScenarioValidator.STAGES, true);
    }
    check.number(path + ".delayDays", delayDays(), Checks.Bound.DAYS, false);
    check.number(path + ".derate", derate(), Checks.Bound.FRACTION, false);
    if (Checks.orZero(delayDays()) == 0 && Checks.orZero(derate()) == 0) {
      check.problem(path, "a technology ban needs delayDays > 0 or derate > 0; with neither it does nothing");
    }
  }

  @Override
  public TechnologyBanSpec withDefaults() {
    return new TechnologyBanSpec(name, title, start, end, exporter, ids(regions), ids(stages), or(delayDays, 0.0),
        or(derate, 0.0), or(source, ""));
  }

  @Override
  public List<Rule> compile(PolicyCompiler compiler) {
    int from = compiler.region(exporter);
    boolean[] listed = compiler.regions(regions);
    boolean[] plants = compiler.plantsWhere((region, stage) -> (regions.isEmpty() ? region != from : listed[region])
        && (stages.isEmpty() || stages.contains(stage)));
    return List.of(new Rule.TechnologyBan(plants, compiler.time(start), delayDays, derate));
  }
}
