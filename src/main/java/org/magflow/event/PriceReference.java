package org.magflow.event;

/** The reference price of a commodity in a price zone, against which price multiples are measured. */
public record PriceReference(String zone, String commodity, double usdPerKg) implements SimEvent {}
