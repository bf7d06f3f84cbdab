package org.magflow.scenario;

import static com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;
import org.magflow.policy.Rule;

/**
 * The worked example of src/docs/ARCHITECTURE.md, "Adding a policy family": exports of the commodities (all if none
 * is listed) from the exporting region stop, to every other region. {@code AddAPolicyFamilyTest} registers it,
 * loads, validates and runs it, and checks that the document shows this file's code.
 */
public record ExportBanSpec(String name, @JsonInclude(NON_NULL) String title, LocalDate start, LocalDate end,
                            String exporter, List<String> commodities, String source) implements PolicySpec {
  @Override
  public void validate(Checks check, String path) {
    check.ref(path + ".exporter", exporter, check.regions);
    check.commodityList(path + ".commodities", commodities, false);
  }

  @Override
  public ExportBanSpec withDefaults() {
    return new ExportBanSpec(name, title, start, end, exporter, ScenarioDefaults.ids(commodities),
        ScenarioDefaults.or(source, ""));
  }

  @Override
  public List<Rule> compile(PolicyCompiler compiler) {
    int from = compiler.region(exporter);
    return List.of(new Rule.LaneCut(from, compiler.regionsOrAllBut(List.of(), from),
        compiler.commoditiesOrAll(commodities), 1.0));
  }
}
