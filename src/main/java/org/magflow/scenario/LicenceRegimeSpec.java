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
 * Every export of the commodities from the exporting region (to the destinations, or to every other
 * region) waits for a licence: a review of random length, then approval with a probability that depends on
 * the buyer's end use (its sector, or any of its tags). Denied shipments go back to the seller or are
 * written off. China's April 2025 regime: ~45 working days, defence refused.
 *
 * @param approvalProbability the chance a licence is approved when no end use below matches
 * @param approvalByEndUse approval chances by end use (sector or tag), e.g. {@code defence: 0.0}
 * @param denied what happens to denied material: {@code return} (to the seller's stock) or {@code write-off}
 */
public record LicenceRegimeSpec(String name, @JsonInclude(NON_NULL) String title,
    LocalDate start, LocalDate end, String exporter,
    List<String> destinations, List<String> commodities, DurationSpec reviewDays, Double approvalProbability,
    Map<String, Double> approvalByEndUse, String denied, String source) implements PolicySpec {
  @Override
  public void validate(Checks check, String path) {
    String exporter = check.ref(path + ".exporter", exporter(), check.regions);
    check.regionList(path + ".destinations", destinations(), false, exporter);
    check.commodityList(path + ".commodities", commodities(), true);
    check.licence(path, reviewDays(), true, approvalProbability(), approvalByEndUse(), denied());
  }

  @Override
  public LicenceRegimeSpec withDefaults() {
    return new LicenceRegimeSpec(name, title, start, end, exporter, ids(destinations), ids(commodities), reviewDays,
        or(approvalProbability, ScenarioDefaults.APPROVAL_PROBABILITY), map(approvalByEndUse),
        or(denied, ScenarioDefaults.DENIED), or(source, ""));
  }

  @Override
  public List<Rule> compile(PolicyCompiler compiler) {
    int from = compiler.region(exporter);
    return List.of(new Rule.Licence(compiler.policy(name), "licences/" + name, from,
        compiler.regionsOrAllBut(destinations, from), compiler.commodities(commodities), Double.NaN,
        PolicyCompiler.delay(reviewDays), compiler.approvalByAgent(approvalProbability, approvalByEndUse),
        "write-off".equals(denied)));
  }
}
