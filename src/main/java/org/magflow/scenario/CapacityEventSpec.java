package org.magflow.scenario;

import static com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL;
import static org.magflow.scenario.ScenarioDefaults.map;
import static org.magflow.scenario.ScenarioDefaults.or;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.magflow.policy.Rule;

/**
 * A change to one plant's capacity while in force: an {@code expansion} adds {@code tonnesPerYear}, ramping
 * up linearly over {@code rampDays}; an {@code outage} leaves {@code availableFraction} of it running; a
 * {@code closure} shuts it. An expansion with {@code yields} is a new plant at the same site running the
 * same recipe with those output yields (a heavy-rare-earth circuit beside a light one); it is named after
 * the policy.
 */
public record CapacityEventSpec(String name, @JsonInclude(NON_NULL) String title,
    LocalDate start, LocalDate end, String facility, String kind,
    Double tonnesPerYear, Double rampDays, Double availableFraction, Map<String, Double> yields,
    String source) implements PolicySpec {
  /** The kinds of capacity event, as files write them; each is a {@link Rule.CapacityChange.Kind}. */
  public static final List<String> KINDS = List.of("expansion", "outage", "closure");

  @Override
  public void validate(Checks check, String path) {
    check.ref(path + ".facility", facility(), check.facilities);
    check.oneOf(path + ".kind", kind(), KINDS, true);
    if (kind() == null) return;
    switch (kind()) {
      case "expansion" -> {
        check.number(path + ".tonnesPerYear", tonnesPerYear(), Checks.Bound.TONNES, true);
        check.number(path + ".rampDays", rampDays(), Checks.Bound.DAYS, false);
        expansionYields(check, path);
      }
      case "outage" -> check.number(path + ".availableFraction", availableFraction(), Checks.Bound.FRACTION, true);
      default -> { }
    }
    if (!KINDS.contains(kind())) return;
    List<String> uses = switch (kind()) {
      case "expansion" -> List.of("tonnesPerYear", "rampDays", "yields");
      case "outage" -> List.of("availableFraction");
      default -> List.of();
    };
    check.unused(path, "kind " + kind(), uses, Checks.fields("tonnesPerYear", tonnesPerYear(), "rampDays",
        rampDays(), "yields", yields(), "availableFraction", availableFraction()), DEFAULTS);
  }

  /** Yields of a new plant: outputs of the recipe of the plant it stands beside, and a new plant id. */
  private void expansionYields(Checks check, String path) {
    if (yields() == null || yields().isEmpty()) return;
    check.yields(path + ".yields", yields(), check.recipeByFacility.get(facility()), Checks.Bound.YIELD);
    if (name() != null && check.facilities != null && check.facilities.contains(name())) {
      check.problem(path + ".name", "an expansion with yields is a new plant named after the policy, but '"
          + name() + "' is already a facility id; choose another name");
    }
  }

  /** The defaults of the fields only some kinds read: each leaves capacity as it is. */
  private static final Map<String, Object> DEFAULTS =
      Map.of("tonnesPerYear", 0.0, "rampDays", 0.0, "availableFraction", 1.0);

  @Override
  public CapacityEventSpec withDefaults() {
    return new CapacityEventSpec(name, title, start, end, facility, kind, or(tonnesPerYear, 0.0), or(rampDays, 0.0),
        or(availableFraction, 1.0), map(yields), or(source, ""));
  }

  /** The plant whose capacity changes: the facility, or the new plant named after the policy for its yields. */
  String plant() {
    return yields.isEmpty() ? facility : name;
  }

  @Override
  public List<Rule> compile(PolicyCompiler compiler) {
    return List.of(new Rule.CapacityChange(compiler.plant(plant()),
        Rule.CapacityChange.Kind.valueOf(kind.toUpperCase(Locale.ROOT)), compiler.time(start), tonnesPerYear,
        rampDays, availableFraction));
  }
}
