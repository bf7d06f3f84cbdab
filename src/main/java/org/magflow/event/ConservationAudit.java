package org.magflow.event;

/**
 * The end-of-run mass balance of one commodity, in tonnes.
 *
 * <p>{@code residual = initial + produced - used - consumed - writtenOff - inTransit - finalStock}, which
 * must be zero up to floating-point rounding.
 */
public record ConservationAudit(String commodity, double initial, double produced, double used, double consumed,
                                double writtenOff, double inTransit, double finalStock) implements SimEvent {
  public double residual() {
    return initial + produced - used - consumed - writtenOff - inTransit - finalStock;
  }

  /** Whether the residual is within rounding of the largest flow. */
  public boolean balanced() {
    double scale = Math.max(1.0, Math.max(initial + produced, used + consumed + finalStock));
    return Math.abs(residual()) <= 1e-9 * scale;
  }
}
