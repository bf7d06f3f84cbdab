package org.magflow.scenario;

import static com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;
import org.magflow.policy.Rule;

/**
 * Cuts the share of normal trade that an exporting region's sellers may fill for buyers in the
 * destinations, as China cut magnets to the US by about 30% in September 2025.
 *
 * @param cut fraction of each buyer's normal trade refused (0–1)
 * @param leakage fraction of the refused trade that gets through anyway by grey routes (relabelled,
 *     transshipped through third countries), reported as the metric {@code leaked}; 0 by default
 */
public record DestinationThrottleSpec(String name, @JsonInclude(NON_NULL) String title, LocalDate start,
    LocalDate end, String exporter, List<String> destinations, List<String> commodities, Double cut, Double leakage,
    String source) implements PolicySpec {
  @Override
  public void validate(Checks check, String path) {
    String exporter = check.ref(path + ".exporter", exporter(), check.regions);
    check.regionList(path + ".destinations", destinations(), true, exporter);
    check.commodityList(path + ".commodities", commodities(), true);
    check.number(path + ".cut", cut(), Checks.Bound.FRACTION, true);
    check.number(path + ".leakage", leakage(), Checks.Bound.FRACTION, false);
  }

  @Override
  public DestinationThrottleSpec withDefaults() {
    return new DestinationThrottleSpec(name, title, start, end, exporter, List.copyOf(destinations), List.copyOf(commodities),
        cut, ScenarioDefaults.or(leakage, 0.0), ScenarioDefaults.or(source, ""));
  }

  @Override
  public List<Rule> compile(PolicyCompiler compiler) {
    return List.of(new Rule.LaneCut(compiler.region(exporter), compiler.regions(destinations),
        compiler.commodities(commodities), cut, leakage));
  }
}
