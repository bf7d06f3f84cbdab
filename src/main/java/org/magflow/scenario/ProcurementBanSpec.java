package org.magflow.scenario;

import static com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL;
import static org.magflow.scenario.ScenarioDefaults.ids;
import static org.magflow.scenario.ScenarioDefaults.or;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;
import org.magflow.policy.Rule;

/**
 * Buyers in the regions may not buy from the listed producers, as China's finance ministry barred
 * purchases from 46 US firms.
 */
public record ProcurementBanSpec(String name, @JsonInclude(NON_NULL) String title,
    LocalDate start, LocalDate end, List<String> buyerRegions,
    List<String> sellers, List<String> commodities, String source) implements PolicySpec {
  @Override
  public void validate(Checks check, String path) {
    check.regionList(path + ".buyerRegions", buyerRegions(), true, null);
    check.producerList(path + ".sellers", sellers(), true);
    check.commodityList(path + ".commodities", commodities(), false);
  }

  @Override
  public ProcurementBanSpec withDefaults() {
    return new ProcurementBanSpec(name, title, start, end, ids(buyerRegions), ids(sellers), ids(commodities), or(source, ""));
  }

  @Override
  public List<Rule> compile(PolicyCompiler compiler) {
    return List.of(new Rule.ProcurementBan(compiler.regions(buyerRegions), compiler.agents(sellers),
        compiler.commoditiesOrAll(commodities)));
  }
}
