package org.magflow.event;

/**
 * The reference price of a commodity in a price zone, against which price multiples are measured, and the
 * highest price the market's rule lets it reach ({@code market.priceRule.maxMultiple} × reference). A price held
 * at that cap rations buyers: how high a clearing price would go, the model does not say.
 */
public record PriceReference(String zone, String commodity, double usdPerKg, double capUsdPerKg)
    implements SimEvent {}
