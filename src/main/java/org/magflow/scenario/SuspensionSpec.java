package org.magflow.scenario;

import static com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL;
import static org.magflow.scenario.ScenarioDefaults.ids;
import static org.magflow.scenario.ScenarioDefaults.or;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;
import org.magflow.policy.Rule;

/** While in force, the named policies do not apply: Announcement 70's suspension of the October 2025 rules. */
public record SuspensionSpec(String name, @JsonInclude(NON_NULL) String title,
    LocalDate start, LocalDate end, List<String> suspends, String source) implements PolicySpec {
  @Override
  public void validate(Checks check, String path) {
    List<String> suspends = check.list(path + ".suspends", suspends(), true, true, "a list of policy names");
    for (int k = 0; suspends != null && k < suspends.size(); k++) {
      String entry = FieldPaths.index(path + ".suspends", k);
      String name = check.ref(entry, suspends.get(k), check.policyNames);
      if (name != null && name.equals(name())) check.problem(entry, "a suspension cannot suspend itself");
    }
  }

  @Override
  public SuspensionSpec withDefaults() {
    return new SuspensionSpec(name, title, start, end, ids(suspends), or(source, ""));
  }

  @Override
  public List<Rule> compile(PolicyCompiler compiler) {
    return List.of(new Rule.Suspension(suspends.stream().mapToInt(compiler::policy).toArray()));
  }
}
