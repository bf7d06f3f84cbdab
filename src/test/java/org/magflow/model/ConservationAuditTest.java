package org.magflow.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.magflow.model.TinyWorld.audits;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.magflow.event.ConservationAudit;
import org.magflow.event.Observation;
import org.magflow.event.SimEvent;

/**
 * The conservation audit counts what is in transit twice: as the running tally the ledger keeps, and item by item
 * over the shipments actually awaiting a licence or on their way. A shipment lost after it left balances the
 * tally (it was taken from the seller and added to the tally) but not the items, so the audit fails.
 */
class ConservationAuditTest {
  private static final LocalDate JUNE_END = LocalDate.of(2025, 6, 30);

  /** Magnets cross a 30-day route all year: at any time about a month of trade is at sea. */
  private static TinyWorld seaRoute() {
    return new TinyWorld().regions("A", "B").transit("A", "B", 30)
        .producer("mine", "A", CapacitySchedule.constant(1200), 100, 14)
        .sector("b", "B", 1000, 100, false, 100, 30);
  }

  @Test
  void audit_everyShipmentAccountedFor_tallyEqualsItemsInTransit_andBalances() {
    ConservationAudit a = audits(seaRoute().run()).get(0);
    // the buyer's last month of orders is still at sea: about 1000 t/yr × 30/365
    assertTrue(a.inTransitItems() > 40, a::toString);
    assertEquals(a.inTransit(), a.inTransitItems(), 1e-9 * a.inTransit());
    assertTrue(a.balanced(), a::toString);
  }

  @Test
  void audit_aShipmentLostAtSea_failsByExactlyItsTonnes() {
    SupplyChain chain = seaRoute().build();
    double[] lost = {0};
    List<SimEvent> events = new ArrayList<>();
    chain.run(e -> {
      events.add(e);
      // at the end of June, one shipment at sea vanishes: it never arrives and nothing records its loss
      if (lost[0] == 0 && e instanceof Observation o && o.date().equals(JUNE_END)) {
        SupplyChain.Shipment s = chain.outstanding.iterator().next();
        chain.outstanding.remove(s);
        lost[0] = s.tonnes();
      }
    });
    assertTrue(lost[0] > 0, "a shipment was at sea to lose");
    ConservationAudit a = audits(events).get(0);
    assertFalse(a.balanced(), "the audit must catch the lost shipment: " + a);
    // the tally still counts it (so the residual alone would not see it); the items do not
    assertEquals(0, a.residual(), 1e-6, a::toString);
    assertEquals(lost[0], a.inTransit() - a.inTransitItems(), 1e-9 * a.inTransit());
  }
}
