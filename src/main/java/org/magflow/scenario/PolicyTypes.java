package org.magflow.scenario;

import java.util.List;

/** The policy {@code type} names a scenario file may use, from {@link PolicyFamilies#SHIPPED}. */
final class PolicyTypes {
  private PolicyTypes() {}

  /** The registered type names, sorted. */
  static List<String> names() {
    return PolicyFamilies.SHIPPED.names();
  }
}
