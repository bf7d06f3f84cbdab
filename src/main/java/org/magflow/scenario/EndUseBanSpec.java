package org.magflow.scenario;

import static com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL;
import static org.magflow.scenario.ScenarioDefaults.ids;
import static org.magflow.scenario.ScenarioDefaults.or;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;
import org.magflow.policy.Rule;

/**
 * Buyers with the end uses (their sector, or any of their tags) get nothing from the exporting region and,
 * if {@code worldwide}, nothing with content from it: China's refusal of defence end users.
 */
public record EndUseBanSpec(String name, @JsonInclude(NON_NULL) String title,
    LocalDate start, LocalDate end, String exporter, List<String> endUses,
    List<String> commodities, Boolean worldwide, String source) implements PolicySpec {
  @Override
  public void validate(Checks check, String path) {
    check.ref(path + ".exporter", exporter(), check.regions);
    check.endUseList(path + ".endUses", endUses());
    check.commodityList(path + ".commodities", commodities(), false);
  }

  @Override
  public EndUseBanSpec withDefaults() {
    return new EndUseBanSpec(name, title, start, end, exporter, ids(endUses), ids(commodities), or(worldwide, true),
        or(source, ""));
  }

  @Override
  public List<Rule> compile(PolicyCompiler compiler) {
    return List.of(new Rule.BuyerBan(compiler.region(exporter), compiler.agentsWithEndUse(endUses),
        compiler.commoditiesOrAll(commodities), worldwide));
  }
}
