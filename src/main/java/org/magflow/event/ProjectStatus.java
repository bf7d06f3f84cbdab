package org.magflow.event;

import java.time.LocalDate;

/**
 * A capacity project's status on {@code date}: where it stands at the scenario start, and each change after.
 *
 * @param status studied, permitted, building, operating or cancelled
 * @param stage the production stage of the plant it builds
 * @param tonnesPerYear its nameplate capacity, tonnes of activity a year
 */
public record ProjectStatus(LocalDate date, String project, String name, String owner, String site, String stage,
                            double tonnesPerYear, String status) implements SimEvent {}
