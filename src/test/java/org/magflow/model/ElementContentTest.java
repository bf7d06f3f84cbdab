package org.magflow.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ElementContentTest {
  @Test
  void separation_splitsUnseparatedContentIntoGroups_andMayLoseSome() {
    assertTrue(ElementContent.conserves(Map.of("reo", 1.0), Map.of("ndpr", 0.2, "dytb", 0.005)));
    assertEquals(0, ElementContent.created(Map.of("reo", 1.0), Map.of("ndpr", 0.6, "dytb", 0.4)));
  }

  @Test
  void separation_makingFiveTonnesOfNdPrFromOne_createsFour() {
    assertEquals(4.0, ElementContent.created(Map.of("reo", 1.0), Map.of("ndpr", 5.0)), 1e-12);
    assertFalse(ElementContent.conserves(Map.of("reo", 1.0), Map.of("ndpr", 5.0)));
  }

  @Test
  void magnet_holdsSeparatedGroupsUnseparated_upToTheirSum() {
    Map<String, Double> oxides = Map.of("ndpr", 0.29, "dytb", 0.02);
    assertTrue(ElementContent.conserves(oxides, Map.of("reo", 0.25)));
    assertEquals(0.5 - 0.31, ElementContent.created(oxides, Map.of("reo", 0.5)), 1e-12);
  }

  @Test
  void oneSeparatedGroup_neverBecomesAnother_evenWithTheTotalKept() {
    assertEquals(1.0, ElementContent.created(Map.of("ndpr", 1.0), Map.of("dytb", 1.0)), 1e-12);
    // unseparated content covers a group's shortfall
    assertEquals(0, ElementContent.created(Map.of("ndpr", 0.5, "reo", 0.5), Map.of("dytb", 0.5, "ndpr", 0.5)));
    assertEquals(0.25, ElementContent.created(Map.of("ndpr", 0.5, "reo", 0.25), Map.of("dytb", 0.5)), 1e-12);
  }
}
