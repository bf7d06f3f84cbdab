package org.magflow.event;

/**
 * The end-of-run mass balance of one commodity, in tonnes.
 *
 * <p>{@code residual = initial + produced - used - consumed - writtenOff - inTransit - finalStock}, which
 * must be zero up to floating-point rounding.
 */
public record ConservationAudit(String commodity, double initial, double produced, double used, double consumed,
                                double writtenOff, double inTransit, double finalStock) implements SimEvent {
  /** The name of the audit of rare-earth content through recipes, beside the commodities' audits. */
  public static final String CONTENT = "rare-earth content in recipes";

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

  /** Whether the residual is within rounding of the largest flow. */
  public boolean balanced() {
    double scale = Math.max(1.0, Math.max(initial + produced, used + consumed + finalStock));
    return Math.abs(residual()) <= 1e-9 * scale;
  }
}
