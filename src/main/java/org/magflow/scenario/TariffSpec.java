package org.magflow.scenario;

import static com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL;
import static org.magflow.scenario.ScenarioDefaults.ids;
import static org.magflow.scenario.ScenarioDefaults.or;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;
import org.magflow.policy.Rule;

/**
 * An ad-valorem tariff on the commodities imported into a region (from the exporters, or from anywhere),
 * which raises their landed cost and so steers buyers to other sources.
 */
public record TariffSpec(String name, @JsonInclude(NON_NULL) String title,
    LocalDate start, LocalDate end, String importer, List<String> exporters,
    List<String> commodities, Double adValoremRate, String source) implements PolicySpec {
  @Override
  public void validate(Checks check, String path) {
    String importer = check.ref(path + ".importer", importer(), check.regions);
    check.regionList(path + ".exporters", exporters(), false, importer);
    check.commodityList(path + ".commodities", commodities(), true);
    check.number(path + ".adValoremRate", adValoremRate(), Checks.Bound.RATE, true);
  }

  @Override
  public TariffSpec withDefaults() {
    return new TariffSpec(name, title, start, end, importer, ids(exporters), ids(commodities), adValoremRate, or(source, ""));
  }

  @Override
  public List<Rule> compile(PolicyCompiler compiler) {
    return List.of(new Rule.Tariff(compiler.region(importer), compiler.regionsOrAll(exporters),
        compiler.commodities(commodities), adValoremRate));
  }
}
