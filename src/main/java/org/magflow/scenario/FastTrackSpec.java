package org.magflow.scenario;

import static com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL;
import static org.magflow.scenario.ScenarioDefaults.ids;
import static org.magflow.scenario.ScenarioDefaults.or;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;
import org.magflow.policy.Rule;

/**
 * Validated end users or general licences: shipments to the named buyers (from the named sellers, or any)
 * that a licence rule would hold are reviewed faster and approved with their own chance.
 *
 * @param buyers producer or demand-sector ids
 * @param sellers producer ids; empty for any seller
 */
public record FastTrackSpec(String name, @JsonInclude(NON_NULL) String title,
    LocalDate start, LocalDate end, List<String> buyers, List<String> sellers,
    DurationSpec reviewDays, Double approvalProbability, String source) implements PolicySpec {
  /** With no review given, a fast-tracked shipment is decided at once. */
  static final DurationSpec NO_REVIEW = new DurationSpec("fixed", 0.0, null, null, null, null, null);

  @Override
  public void validate(Checks check, String path) {
    check.agentList(path + ".buyers", buyers(), true);
    check.producerList(path + ".sellers", sellers(), false);
    check.licence(path, reviewDays(), false, approvalProbability(), null, null);
  }

  @Override
  public FastTrackSpec withDefaults() {
    return new FastTrackSpec(name, title, start, end, ids(buyers), ids(sellers), or(reviewDays, NO_REVIEW),
        or(approvalProbability, ScenarioDefaults.APPROVAL_PROBABILITY), or(source, ""));
  }

  @Override
  public List<Rule> compile(PolicyCompiler compiler) {
    return List.of(new Rule.FastTrack(compiler.agents(buyers), compiler.agentsOrAll(sellers),
        PolicyCompiler.delay(reviewDays), approvalProbability));
  }
}
