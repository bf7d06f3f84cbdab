package org.magflow.model;

import java.util.ArrayList;
import java.util.List;
import org.magflow.event.ConservationAudit;

/**
 * The mass balance of every commodity over a run: the only ways material appears or disappears.
 *
 * <p>Material enters as opening stock or recipe output, and leaves as recipe input, consumption by demand
 * sectors or an explicit write-off; at the end it is either in stock or in transit.
 */
final class Ledger {
  final double[] initial;
  final double[] produced;
  final double[] used;
  final double[] consumed;
  final double[] writtenOff;
  final double[] inTransit;

  Ledger(int commodities) {
    initial = new double[commodities];
    produced = new double[commodities];
    used = new double[commodities];
    consumed = new double[commodities];
    writtenOff = new double[commodities];
    inTransit = new double[commodities];
  }

  /**
   * The audit of each commodity given the stocks held at the end and {@code inTransitItems}, the tonnes of each
   * commodity in the shipments still awaiting a licence or on their way, counted one by one.
   */
  List<ConservationAudit> audit(List<Commodity> commodities, List<? extends Agent> agents, double[] inTransitItems) {
    List<ConservationAudit> audits = new ArrayList<>();
    for (Commodity commodity : commodities) {
      int c = commodity.index();
      double finalStock = 0;
      for (Agent a : agents) finalStock += a.inventory.tonnes(c);
      audits.add(new ConservationAudit(commodity.id(), initial[c], produced[c], used[c], consumed[c],
          writtenOff[c], inTransit[c], inTransitItems[c], finalStock));
    }
    return audits;
  }
}
