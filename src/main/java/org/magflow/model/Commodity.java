package org.magflow.model;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A traded material; {@code index} is its position in every per-commodity array.
 *
 * @param content tonnes of rare-earth oxide per tonne, by element group (see
 *     {@link org.magflow.model.ElementContent}); empty when unknown, and then recipes using or making it are not
 *     audited for content
 */
public record Commodity(int index, String id, String name, String unit, Map<String, Double> content) {
  public Commodity {
    content = Collections.unmodifiableMap(new TreeMap<>(content)); // sorted: sums in a fixed order
  }

  /** A commodity of unknown content. */
  public Commodity(int index, String id, String name, String unit) {
    this(index, id, name, unit, Map.of());
  }
}
