package org.magflow.scenario;

import static com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL;
import static org.magflow.scenario.ScenarioDefaults.ids;
import static org.magflow.scenario.ScenarioDefaults.or;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;
import org.magflow.policy.Rule;

/**
 * Listed entities get nothing from the exporting region and, if {@code worldwide}, nobody anywhere may
 * transfer them items with content from the exporting region (China's ban on MP Materials, USA Rare Earth,
 * Aveox and others).
 *
 * @param entities producer or demand-sector ids
 * @param commodities the commodities covered; empty for all
 */
public record EntityBanSpec(String name, @JsonInclude(NON_NULL) String title,
    LocalDate start, LocalDate end, String exporter, List<String> entities,
    List<String> commodities, Boolean worldwide, String source) implements PolicySpec {
  @Override
  public void validate(Checks check, String path) {
    check.ref(path + ".exporter", exporter(), check.regions);
    check.agentList(path + ".entities", entities(), true);
    check.commodityList(path + ".commodities", commodities(), false);
  }

  @Override
  public EntityBanSpec withDefaults() {
    return new EntityBanSpec(name, title, start, end, exporter, ids(entities), ids(commodities), or(worldwide, true),
        or(source, ""));
  }

  @Override
  public List<Rule> compile(PolicyCompiler compiler) {
    return List.of(new Rule.BuyerBan(compiler.region(exporter), compiler.agents(entities),
        compiler.commoditiesOrAll(commodities), worldwide));
  }
}
