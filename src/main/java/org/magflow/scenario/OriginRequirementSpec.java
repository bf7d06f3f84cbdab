package org.magflow.scenario;

import static com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL;
import static org.magflow.scenario.ScenarioDefaults.ids;
import static org.magflow.scenario.ScenarioDefaults.or;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;
import org.magflow.policy.Rule;

/**
 * Buyers with the end uses, in the regions, accept only material with no content mined, separated or made
 * in the excluded regions: the US defence sourcing rule from 2027 (DFARS 252.225-7052).
 */
public record OriginRequirementSpec(String name, @JsonInclude(NON_NULL) String title,
    LocalDate start, LocalDate end, List<String> buyerRegions,
    List<String> endUses, List<String> commodities, List<String> excludedOrigins,
    String source) implements PolicySpec {
  @Override
  public void validate(Checks check, String path) {
    check.regionList(path + ".buyerRegions", buyerRegions(), true, null);
    check.endUseList(path + ".endUses", endUses());
    check.commodityList(path + ".commodities", commodities(), false);
    check.regionList(path + ".excludedOrigins", excludedOrigins(), true, null);
  }

  @Override
  public OriginRequirementSpec withDefaults() {
    return new OriginRequirementSpec(name, title, start, end, ids(buyerRegions), ids(endUses), ids(commodities),
        ids(excludedOrigins), or(source, ""));
  }

  @Override
  public List<Rule> compile(PolicyCompiler compiler) {
    return List.of(new Rule.OriginRequirement(compiler.agentsIn(compiler.regions(buyerRegions), endUses),
        compiler.commoditiesOrAll(commodities), excludedOrigins.stream().mapToInt(compiler::region).toArray()));
  }
}
