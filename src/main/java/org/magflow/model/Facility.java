package org.magflow.model;

import java.util.Objects;

/** A plant that runs one recipe at a site, within a capacity that changes over time. */
public final class Facility {
  final String id;
  final Recipe recipe;
  final Region site;
  final CapacitySchedule capacity;
  /** Tonnes of activity per day the plant is set to run; it moves toward what its owner's sales call for. */
  double plannedPerDay;

  public Facility(String id, Recipe recipe, Region site, CapacitySchedule capacity) {
    this.id = Objects.requireNonNull(id, "id");
    this.recipe = Objects.requireNonNull(recipe, "recipe");
    this.site = Objects.requireNonNull(site, "site");
    this.capacity = Objects.requireNonNull(capacity, "capacity");
  }

  public String id() {
    return id;
  }

  public Recipe recipe() {
    return recipe;
  }

  public Region site() {
    return site;
  }
}
