package org.magflow.scenario;

import static com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL;
import static org.magflow.scenario.ScenarioDefaults.ids;
import static org.magflow.scenario.ScenarioDefaults.map;
import static org.magflow.scenario.ScenarioDefaults.or;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.magflow.policy.Rule;

/**
 * The exporting country's licence reaches exports from third countries: a shipment of the commodities that
 * crosses a border from a region other than the exporter's, and whose content mined, separated or made in
 * the exporter's region is at or above {@code threshold} by mass, needs the licence, with its own review
 * and approval odds. China's 0.1% de-minimis rule of October 2025.
 */
public record ExtraterritorialRuleSpec(String name, @JsonInclude(NON_NULL) String title,
    LocalDate start, LocalDate end, String exporter,
    List<String> commodities, Double threshold, DurationSpec reviewDays, Double approvalProbability,
    Map<String, Double> approvalByEndUse, String denied, String source) implements PolicySpec {
  /** China's October 2025 de-minimis threshold: 0.1% of content by mass. */
  public static final double THRESHOLD = 0.001;

  @Override
  public void validate(Checks check, String path) {
    check.ref(path + ".exporter", exporter(), check.regions);
    check.commodityList(path + ".commodities", commodities(), true);
    check.number(path + ".threshold", threshold(), Checks.Bound.FRACTION, false);
    check.licence(path, reviewDays(), true, approvalProbability(), approvalByEndUse(), denied());
  }

  @Override
  public ExtraterritorialRuleSpec withDefaults() {
    return new ExtraterritorialRuleSpec(name, title, start, end, exporter, ids(commodities), or(threshold, THRESHOLD),
        reviewDays, or(approvalProbability, ScenarioDefaults.APPROVAL_PROBABILITY), map(approvalByEndUse),
        or(denied, ScenarioDefaults.DENIED), or(source, ""));
  }

  @Override
  public List<Rule> compile(PolicyCompiler compiler) {
    int from = compiler.region(exporter);
    return List.of(new Rule.Licence(compiler.policy(name), "licences/" + name, from,
        compiler.regionsOrAllBut(List.of(), from), compiler.commodities(commodities), threshold,
        PolicyCompiler.delay(reviewDays), compiler.approvalByAgent(approvalProbability, approvalByEndUse),
        "write-off".equals(denied)));
  }
}
