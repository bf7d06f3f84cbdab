package org.magflow.scenario;

import static com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL;
import static org.magflow.scenario.ScenarioDefaults.or;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;
import org.magflow.policy.Rule;

/**
 * A strategic stock held in a region: it buys up to {@code targetTonnes} at no more than
 * {@code buildTonnesPerYear} from the start, and from {@code releaseFrom} offers its stock to buyers in its
 * region at up to {@code releaseTonnesPerYear}.
 *
 * @param priority its rank as a buyer while building (0–100; low so it does not starve industry)
 */
public record StockpileSpec(String name, @JsonInclude(NON_NULL) String title,
    LocalDate start, LocalDate end, String region, String commodity,
    Double initialTonnes, Double targetTonnes, Double buildTonnesPerYear, LocalDate releaseFrom,
    Double releaseTonnesPerYear, Integer priority, String source) implements PolicySpec {
  /** A stockpile ranks below every shipped demand sector when it buys, so building it starves no one. */
  public static final int PRIORITY = 30;

  @Override
  public void validate(Checks check, String path) {
    check.ref(path + ".region", region(), check.regions);
    check.ref(path + ".commodity", commodity(), check.commodities);
    check.number(path + ".initialTonnes", initialTonnes(), Checks.Bound.TONNES, false);
    check.number(path + ".targetTonnes", targetTonnes(), Checks.Bound.TONNES, true);
    check.number(path + ".buildTonnesPerYear", buildTonnesPerYear(), Checks.Bound.TONNES, true);
    if (releaseFrom() != null) {
      check.number(path + ".releaseTonnesPerYear", releaseTonnesPerYear(), Checks.Bound.TONNES, true);
    } else if (releaseTonnesPerYear() != null && releaseTonnesPerYear() != 0) { // 0, the default, is as none
      check.problem(path + ".releaseTonnesPerYear", "not used without releaseFrom: the stockpile never releases;"
          + " give releaseFrom or remove it, as the run would ignore it");
    }
    check.integer(path + ".priority", priority(), 0, ScenarioValidator.MAX_PRIORITY, false);
    if (releaseFrom() != null && start() != null && releaseFrom().isBefore(start())) {
      check.problem(path + ".releaseFrom", "expected a date on or after start (" + start() + "), found "
          + releaseFrom());
    }
    if (name() != null && check.agents != null && check.agents.contains(name())) {
      check.problem(path + ".name", "the stockpile's name '" + name() + "' is already an agent id; it names the"
          + " stockpile's holder, so choose another");
    }
  }

  @Override
  public StockpileSpec withDefaults() {
    return new StockpileSpec(name, title, start, end, region, commodity, or(initialTonnes, 0.0), targetTonnes,
        buildTonnesPerYear, releaseFrom, or(releaseTonnesPerYear, 0.0), or(priority, PRIORITY), or(source, ""));
  }

  /** The stock's holder is an agent of its own, which {@link ModelBuilder} makes; this lets it trade. */
  @Override
  public List<Rule> compile(PolicyCompiler compiler) {
    return List.of(new Rule.Stockpile(compiler.agent(name)));
  }
}
