package org.magflow.model;

import java.util.Locale;

/** A step of the mine-to-magnet chain; origin records note where each one happened. */
public enum Stage {
  MINING("mined"),
  SEPARATION("separated"),
  MANUFACTURING("made"),
  /** Recovery from end-of-life magnets: recycled material has no mined, separated or made origin of its own. */
  RECYCLING("recycled");

  private final String originLabel;

  Stage(String originLabel) {
    this.originLabel = originLabel;
  }

  /** The stage's name in scenario files and outputs: {@code mining}, {@code separation}, {@code manufacturing}, {@code recycling}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** How origin outputs name material that went through this stage: mined, separated, made, recycled. */
  public String originLabel() {
    return originLabel;
  }

  /** The stage with this id. */
  public static Stage fromId(String id) {
    for (Stage stage : values()) if (stage.id().equals(id)) return stage;
    throw new IllegalArgumentException("unknown stage '" + id + "'");
  }
}
