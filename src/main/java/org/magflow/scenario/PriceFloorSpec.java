package org.magflow.scenario;

import static com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL;
import static org.magflow.scenario.ScenarioDefaults.or;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;
import org.magflow.policy.Rule;

/**
 * A guaranteed realised price for one producer's output, which keeps its output up when the market price
 * is lower: the DoD–MP Materials $110/kg NdPr floor.
 */
public record PriceFloorSpec(String name, @JsonInclude(NON_NULL) String title,
    LocalDate start, LocalDate end, String producer, String commodity,
    Double usdPerKg, String source) implements PolicySpec {
  @Override
  public void validate(Checks check, String path) {
    check.ref(path + ".producer", producer(), check.producers);
    check.ref(path + ".commodity", commodity(), check.commodities);
    check.number(path + ".usdPerKg", usdPerKg(), Checks.Bound.PRICE, true);
  }

  @Override
  public PriceFloorSpec withDefaults() {
    return new PriceFloorSpec(name, title, start, end, producer, commodity, usdPerKg, or(source, ""));
  }

  @Override
  public List<Rule> compile(PolicyCompiler compiler) {
    return List.of(new Rule.PriceFloor(compiler.agent(producer), compiler.commodity(commodity), usdPerKg));
  }
}
