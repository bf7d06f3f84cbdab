package org.magflow.model;

/** A traded material; {@code index} is its position in every per-commodity array. */
public record Commodity(int index, String id, String name, String unit) {}
