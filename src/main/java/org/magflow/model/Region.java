package org.magflow.model;

/** A country or group of countries; its buyers pay the price of price zone {@code zone}. */
public record Region(int index, String id, String name, int zone, String zoneId) {}
