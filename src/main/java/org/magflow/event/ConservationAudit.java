package org.magflow.event;

/**
 * The end-of-run mass balance of one commodity, in tonnes.
 *
 * <p>{@code residual = initial + produced - used - consumed - writtenOff - inTransit - finalStock}, which
 * must be zero up to floating-point rounding. {@code inTransit} is the running tally of what was sold and has
 * not yet arrived or been refused; {@code inTransitItems} is the same counted item by item over the shipments
 * actually awaiting a licence or on their way at the end. A shipment lost after it left still balances the
 * tally, but not the items: the audit is balanced only if both agree.
 */
public record ConservationAudit(String commodity, double initial, double produced, double used, double consumed,
                                double writtenOff, double inTransit, double inTransitItems, double finalStock)
    implements SimEvent {
  /** The name of the audit of rare-earth content through recipes, beside the commodities' audits. */
  public static final String CONTENT = "rare-earth content in recipes";

  /** An audit whose in-transit tally was reconciled with the shipments, item by item, before it was made. */
  public ConservationAudit(String commodity, double initial, double produced, double used, double consumed,
                           double writtenOff, double inTransit, double finalStock) {
    this(commodity, initial, produced, used, consumed, writtenOff, inTransit, inTransit, finalStock);
  }

  /**
   * The audit of rare-earth content through the recipes that transform inputs (the model's ElementContent), in
   * tonnes of oxide: what they were fed ({@code initial}) either ends in their products ({@code finalStock}) or
   * is lost in processing ({@code writtenOff}). Content they {@code created} is the residual, with a minus sign.
   */
  public static ConservationAudit ofContent(double fed, double inProducts, double created) {
    return new ConservationAudit(CONTENT, fed, 0, 0, 0, fed - inProducts + created, 0, inProducts);
  }

  public double residual() {
    return initial + produced - used - consumed - writtenOff - inTransit - finalStock;
  }

  /** Whether the residual, and the tally against the items in transit, are within rounding of the largest flow. */
  public boolean balanced() {
    double scale = Math.max(1.0, Math.max(initial + produced, used + consumed + finalStock));
    return Math.abs(residual()) <= 1e-9 * scale && Math.abs(inTransit - inTransitItems) <= 1e-9 * scale;
  }
}
