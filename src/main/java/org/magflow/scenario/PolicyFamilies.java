package org.magflow.scenario;

import com.fasterxml.jackson.databind.jsontype.NamedType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The registry of policy families: each family's {@code type} name, as scenario files write it, and the record
 * that holds the family (see {@link PolicySpec}). This is the one place a family is listed; the loader and the
 * writer register these names with Jackson, and the model reports a policy under its family's name.
 *
 * @param families each family once; error messages list them by name, sorted
 */
public record PolicyFamilies(List<Family> families) {
  /** One family: its name in scenario files and its record. */
  public record Family(String type, Class<? extends PolicySpec> spec) {
    public Family {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(spec, "spec");
    }
  }

  /** The families magflow ships. Adding one: its file, a line here, scenarios/reference.yaml, the README. */
  public static final PolicyFamilies SHIPPED = new PolicyFamilies(List.of(
      new Family("destination-throttle", DestinationThrottleSpec.class),
      new Family("quota", QuotaSpec.class),
      new Family("licence-regime", LicenceRegimeSpec.class),
      new Family("fast-track", FastTrackSpec.class),
      new Family("extraterritorial-rule", ExtraterritorialRuleSpec.class),
      new Family("entity-ban", EntityBanSpec.class),
      new Family("end-use-ban", EndUseBanSpec.class),
      new Family("procurement-ban", ProcurementBanSpec.class),
      new Family("origin-requirement", OriginRequirementSpec.class),
      new Family("tariff", TariffSpec.class),
      new Family("price-floor", PriceFloorSpec.class),
      new Family("stockpile", StockpileSpec.class),
      new Family("capacity-event", CapacityEventSpec.class),
      new Family("technology-ban", TechnologyBanSpec.class),
      new Family("suspension", SuspensionSpec.class)));

  public PolicyFamilies {
    families = List.copyOf(families);
    if (families.stream().map(Family::type).distinct().count() != families.size()
        || families.stream().map(Family::spec).distinct().count() != families.size()) {
      throw new IllegalArgumentException("a family name or record is registered twice: " + families);
    }
  }

  /** These families and one more, e.g. a family a test defines. */
  public PolicyFamilies with(String type, Class<? extends PolicySpec> spec) {
    List<Family> more = new ArrayList<>(families);
    more.add(new Family(type, spec));
    return new PolicyFamilies(more);
  }

  /** The registered type names, sorted, as error messages list them. */
  public List<String> names() {
    return families.stream().map(Family::type).sorted().toList();
  }

  /** The family name a policy is written under. */
  public String typeOf(PolicySpec policy) {
    for (Family f : families) if (f.spec() == policy.getClass()) return f.type();
    throw new IllegalArgumentException(policy.getClass().getName() + " is not a registered policy family");
  }

  /** The families as Jackson subtypes of {@link PolicySpec}, for reading and writing scenario files. */
  NamedType[] jsonSubtypes() {
    return families.stream().map(f -> new NamedType(f.spec(), f.type())).toArray(NamedType[]::new);
  }
}
