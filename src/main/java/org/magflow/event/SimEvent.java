package org.magflow.event;

/**
 * Something a run reports to its outputs. Outputs see only these records, never the model, so a new chart
 * or table cannot change a result.
 */
public sealed interface SimEvent permits Observation, PolicyChange, PriceReference, ConservationAudit, ProjectStatus {}
