package org.magflow.event;

import java.time.LocalDate;

/** A policy coming into force ({@code active}) or lapsing on {@code date}. */
public record PolicyChange(LocalDate date, String policy, String type, boolean active) implements SimEvent {}
