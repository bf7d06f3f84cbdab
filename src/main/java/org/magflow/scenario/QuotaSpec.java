package org.magflow.scenario;

import static com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL;
import static org.magflow.scenario.ScenarioDefaults.ids;
import static org.magflow.scenario.ScenarioDefaults.or;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;
import org.magflow.policy.Rule;

/**
 * Caps an exporting region's total exports of the commodities (to the destinations, or to every other
 * region), as China's export quotas did in 2010. The cap is spread evenly over the year.
 */
public record QuotaSpec(String name, @JsonInclude(NON_NULL) String title,
    LocalDate start, LocalDate end, String exporter, List<String> destinations,
    List<String> commodities, Double tonnesPerYear, String source) implements PolicySpec {
  @Override
  public void validate(Checks check, String path) {
    String exporter = check.ref(path + ".exporter", exporter(), check.regions);
    check.regionList(path + ".destinations", destinations(), false, exporter);
    check.commodityList(path + ".commodities", commodities(), true);
    check.number(path + ".tonnesPerYear", tonnesPerYear(), Checks.Bound.TONNES, true);
  }

  @Override
  public QuotaSpec withDefaults() {
    return new QuotaSpec(name, title, start, end, exporter, ids(destinations), ids(commodities), tonnesPerYear, or(source, ""));
  }

  @Override
  public List<Rule> compile(PolicyCompiler compiler) {
    int from = compiler.region(exporter);
    return List.of(new Rule.ExportQuota(from, compiler.regionsOrAllBut(destinations, from),
        compiler.commodities(commodities), tonnesPerYear));
  }
}
