package org.magflow.output;

import java.util.ArrayList;
import java.util.Locale;
import java.util.Set;

/**
 * A policy's name for readers (chart labels, briefings) when its scenario gives it no title: a readable form
 * of its id, e.g. {@code sep-2025-us-squeeze} is "Sep 2025 US squeeze".
 */
public final class PolicyTitles {
  private PolicyTitles() {}

  /**
   * A policy id as words: hyphens and underscores become spaces, the first word is capitalised, month
   * abbreviations too, and other two- or three-letter words that are not common English (region and agency
   * codes such as us, eu, dod, veu) are upper-cased.
   */
  public static String of(String id) {
    if (id == null || id.isBlank()) return "";
    var words = new ArrayList<String>();
    for (String w : id.strip().split("[-_\\s]+")) {
      if (w.isEmpty()) continue;
      String lower = w.toLowerCase(Locale.ROOT);
      boolean code = w.length() <= 3 && w.chars().allMatch(Character::isLetter) && !MONTHS.contains(lower)
          && !COMMON_WORDS.contains(lower);
      if (code) words.add(w.toUpperCase(Locale.ROOT));
      else if (MONTHS.contains(lower) || words.isEmpty()) words.add(Character.toUpperCase(w.charAt(0)) + w.substring(1));
      else words.add(w);
    }
    return String.join(" ", words);
  }

  /** Month abbreviations, capitalised in a readable title. */
  private static final Set<String> MONTHS = Set.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
      "oct", "nov", "dec");

  /** Short English words kept as they are in a readable title; other short words are taken as codes. */
  private static final Set<String> COMMON_WORDS = Set.of("a", "an", "to", "of", "in", "on", "at", "by", "no", "as",
      "or", "up", "and", "the", "for", "off", "cut", "ban", "end", "use", "tax", "new", "old", "all", "max", "min",
      "low", "raw", "two", "one", "six", "ten", "via", "per", "out", "day", "eve", "key", "big", "bis");
}
