package org.magflow.scenario;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.DoublePredicate;
import java.util.regex.Pattern;
import org.magflow.model.ElementContent;
import org.magflow.scenario.PolicySpec.DurationSpec;
import org.magflow.scenario.ScenarioSpec.RecipeSpec;

/**
 * The vocabulary every scenario check is written in, and the state of one validation run: the problems found
 * so far and the ids collected for reference checks.
 *
 * <p>Each building block checks one value at one path (presence, form, bounds, that an id names something),
 * reports what it finds wrong with a message that says what was expected and what was found, and returns the
 * value when it can be used further. A null anywhere is a missing field, never a crash. The checks of the
 * scenario's parts ({@link CastChecks}, {@link ScenarioValidator}) and each policy family's
 * {@link PolicySpec#validate} are written in it.
 */
class Checks {
  static final int MAX_LISTED_IDS = 20;
  static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]+");
  static final String ID_TEXT = "an id of letters, digits, '-' or '_'";
  static final double SHARE_TOLERANCE = 1e-9;
  /** The highest price a scenario may name, US dollars per kg. */
  static final double MAX_USD_PER_KG = 1e5;

  /** A bound on a number, with the words that describe it. */
  record Bound(String text, DoublePredicate test) {
    static final Bound NON_NEGATIVE = new Bound(">= 0", x -> x >= 0);
    static final Bound POSITIVE = new Bound("> 0", x -> x > 0);
    static final Bound FRACTION = new Bound("from 0 to 1", x -> x >= 0 && x <= 1);
    static final Bound MIN_MULTIPLE = new Bound("> 0 and <= 1", x -> x > 0 && x <= 1);
    // Upper bounds: each far beyond what a study of rare earths needs, and low enough that a run at the bound
    // keeps its sums finite (AtTheBoundsTest runs a scenario with every quantity at its bound).
    /** Demand growth: doubling every year, for a hundred years, stays finite; real markets grow by tens of %. */
    static final Bound GROWTH = new Bound("> -1 and <= 1 (a share a year)", x -> x > -1 && x <= 1);
    /** Price elasticities of demand and supply: observed short-run ones are below 1. */
    static final Bound ELASTICITY = new Bound("from 0 to 10", x -> x >= 0 && x <= 10);
    /** Tonnes, or tonnes a year, of anything: a thousand times the world's whole rare-earth output. */
    static final Bound TONNES = new Bound("from 0 to 1e9",
        x -> x >= 0 && x <= ScenarioValidator.MAX_DEMAND_TONNES_PER_YEAR);
    /** Days of transit, cover, ramp-up, delay or review: ten years, longer than any horizon a shock needs. */
    static final Bound DAYS = new Bound("from 0 to 3650 (days)", x -> x >= 0 && x <= 3650);
    /** A time constant in days: positive, at most ten years. */
    static final Bound SOME_DAYS = new Bound("> 0 and <= 3650 (days)", x -> x > 0 && x <= 3650);
    /** A price, US dollars per kg: well above any rare-earth price on record (Tb oxide peaked near $4,000). */
    static final Bound PRICE = new Bound("> 0 and <= 1e5 (USD/kg)", x -> x > 0 && x <= MAX_USD_PER_KG);
    /** Freight, US dollars per kg: at most the highest price. */
    static final Bound FREIGHT = new Bound("from 0 to 1e5 (USD/kg)", x -> x >= 0 && x <= MAX_USD_PER_KG);
    /** A price multiple a rule starts or stops at: a hundred times the reference. */
    static final Bound AT_LEAST_ONE = new Bound(">= 1 and <= 100", x -> x >= 1 && x <= 100);
    /** Exponents and premiums of the price rule: the price cap (maxMultiple) bounds what they do. */
    static final Bound PRICE_RESPONSE = new Bound("from 0 to 100", x -> x >= 0 && x <= 100);
    /** An ad-valorem tariff: 100 is 10,000%, beyond any tariff levied. */
    static final Bound RATE = new Bound("from 0 to 100", x -> x >= 0 && x <= 100);
    /**
     * Tonnes a recipe uses or makes per tonne of activity, and a plant's yields: a thousand, room for a recipe
     * written per tonne of metal that counts its ore.
     */
    static final Bound COEFFICIENT = new Bound("> 0 and <= 1000 (t per t of activity)", x -> x > 0 && x <= 1000);
    static final Bound YIELD = new Bound("from 0 to 1000 (t per t of activity)", x -> x >= 0 && x <= 1000);
    /** A share of demand a year (substitution, loss): ten, all of it in about five weeks. */
    static final Bound SHARE_PER_YEAR = new Bound("from 0 to 10 (a share a year)", x -> x >= 0 && x <= 10);
    static final Bound CONTENT = new Bound("from 0 to " + ScenarioValidator.MAX_CONTENT + " (t of oxide per t)",
        x -> x >= 0 && x <= ScenarioValidator.MAX_CONTENT);
    static final Bound NOISE = new Bound("from 0 to " + ScenarioValidator.MAX_NOISE,
        x -> x >= 0 && x <= ScenarioValidator.MAX_NOISE);
  }

  /** The ids of one list, in file order, with where each was first given. */
  record Ids(String singular, String plural, Map<String, String> firstPath) {
    Ids(String singular, String plural) {
      this(singular, plural, new LinkedHashMap<>());
    }

    boolean contains(String id) {
      return firstPath.containsKey(id);
    }
  }

  final String file;
  final List<Problem> problems = new ArrayList<>();
  // null when the list itself is missing: its absence is reported once, not at every reference
  Ids commodities;
  Ids regions;
  Ids recipes;
  Ids producers;
  Ids agents;
  Ids facilities;
  /** Demand sectors' sectors and every tag: the end uses a policy may name. */
  Set<String> endUses = new TreeSet<>();
  Map<String, RecipeSpec> recipeById = new HashMap<>();
  /** Each facility's recipe, for checking yields that policies give it. */
  Map<String, RecipeSpec> recipeByFacility = new HashMap<>();
  /** Each commodity's rare-earth content, for the mass balance of recipes; absent when unknown or malformed. */
  Map<String, Map<String, Double>> contentByCommodity = new HashMap<>();
  /** The commodities demand sectors use: what returns to recycling plants at the end of its life. */
  Set<String> demanded = new TreeSet<>();
  /** Names of the scenario's policies, for references between them; null until the policies are checked. */
  Ids policyNames;

  Checks(String file) {
    this.file = file;
  }

  void problem(String path, String message) {
    problems.add(new Problem(file, path, 0, 0, message));
  }

  // ---- id lists and durations, as policies use them ------------------------------------------------------

  void regionList(String path, List<String> list, boolean required, String notThis) {
    List<String> ids = list(path, list, required, required, "a list of region ids");
    for (int k = 0; ids != null && k < ids.size(); k++) {
      String entry = FieldPaths.index(path, k);
      String region = ref(entry, ids.get(k), regions);
      if (region == null) continue;
      if (ids.indexOf(region) != k) problem(entry, "region '" + region + "' is listed twice");
      if (region.equals(notThis)) problem(entry, "'" + region + "' is the policy's own " + ownRole(path) + " region");
    }
  }

  /** Names what the excluded region is in the list's policy, for the message: "the exporter", "the importer". */
  private static String ownRole(String listPath) {
    return listPath.endsWith(".exporters") ? "importing" : "exporting";
  }

  void commodityList(String path, List<String> list, boolean required) {
    List<String> ids = list(path, list, required, required, "a list of commodity ids");
    for (int k = 0; ids != null && k < ids.size(); k++) {
      String entry = FieldPaths.index(path, k);
      String commodity = ref(entry, ids.get(k), commodities);
      if (commodity != null && ids.indexOf(commodity) != k) problem(entry, "commodity '" + commodity + "' is listed twice");
    }
  }

  void agentList(String path, List<String> list, boolean required) {
    List<String> ids = list(path, list, required, required, "a list of producer or demand-sector ids");
    for (int k = 0; ids != null && k < ids.size(); k++) ref(FieldPaths.index(path, k), ids.get(k), agents);
  }

  void producerList(String path, List<String> list, boolean required) {
    List<String> ids = list(path, list, required, required, "a list of producer ids");
    for (int k = 0; ids != null && k < ids.size(); k++) ref(FieldPaths.index(path, k), ids.get(k), producers);
  }

  void endUseList(String path, List<String> list) {
    List<String> uses = list(path, list, true, true, "a list of end uses (demand sectors or tags)");
    for (int k = 0; uses != null && k < uses.size(); k++) endUse(FieldPaths.index(path, k), uses.get(k));
  }

  /** An end use must be some buyer's sector or tag, or the policy would silently match nobody. */
  void endUse(String path, String use) {
    if (id(path, use, "an end use (a demand sector or a tag)") == null) return;
    if (!endUses.contains(use)) {
      problem(path, "no buyer has the end use '" + use + "'; sectors and tags in this scenario: "
          + listed(List.copyOf(endUses)));
    }
  }

  /** A licence's review, approval chances and what becomes of denied material (licence regimes, fast tracks). */
  void licence(String path, DurationSpec review, boolean reviewRequired, Double approval,
               Map<String, Double> byEndUse, String denied) {
    duration(path + ".reviewDays", review, reviewRequired);
    number(path + ".approvalProbability", approval, Bound.FRACTION, false);
    if (byEndUse != null) {
      for (Map.Entry<String, Double> e : byEndUse.entrySet()) {
        String entry = FieldPaths.field(path + ".approvalByEndUse", e.getKey());
        endUse(entry, e.getKey());
        number(entry, e.getValue(), Bound.FRACTION, true);
      }
    }
    oneOf(path + ".denied", denied, ScenarioValidator.DENIED_RULES, false);
  }

  void duration(String path, DurationSpec d, boolean required) {
    if (d == null) {
      if (required) problem(path, "missing; expected a duration such as {distribution: fixed, days: 45}");
      return;
    }
    oneOf(path + ".distribution", d.distribution(), ScenarioValidator.DISTRIBUTIONS, true);
    if (d.distribution() == null) return;
    switch (d.distribution()) {
      case "fixed" -> number(path + ".days", d.days(), Bound.DAYS, true);
      case "uniform" -> ordered(path, d.min(), "min", d.max(), "max");
      case "triangular" -> {
        ordered(path, d.min(), "min", d.mode(), "mode");
        ordered(path, d.mode(), "mode", d.max(), "max");
      }
      case "lognormal" -> {
        number(path + ".mean", d.mean(), Bound.SOME_DAYS, true);
        number(path + ".sd", d.sd(), Bound.DAYS, true);
      }
      default -> {
        return;
      }
    }
    unused(path, "distribution " + d.distribution(), DURATION_FIELDS.get(d.distribution()), fields("days",
        d.days(), "min", d.min(), "mode", d.mode(), "max", d.max(), "mean", d.mean(), "sd", d.sd()), Map.of());
  }

  /** The fields each duration distribution draws from. */
  private static final Map<String, List<String>> DURATION_FIELDS = Map.of("fixed", List.of("days"),
      "uniform", List.of("min", "max"), "triangular", List.of("min", "mode", "max"), "lognormal",
      List.of("mean", "sd"));

  /**
   * Refuses each field given that the record's kind never reads, so that a value the run would silently ignore
   * is not mistaken for one that matters (an outage's tonnesPerYear, a fixed duration's max).
   *
   * @param kind the kind as the message names it, e.g. {@code kind outage}
   * @param uses the fields that kind reads, of those in {@code fields}
   * @param fields the kind-dependent fields by name (see {@link #fields}); null, or an empty map, is not given
   * @param defaults the value each field defaults to, if any: it counts as not given, since a resolved scenario
   *     writes every field's default whatever the kind, and must load back
   */
  void unused(String path, String kind, List<String> uses, Map<String, Object> fields, Map<String, Object> defaults) {
    fields.forEach((field, value) -> {
      if (uses.contains(field) || value == null || value instanceof Map<?, ?> map && map.isEmpty()
          || value.equals(defaults.get(field))) {
        return;
      }
      problem(path + "." + field, "not used by " + kind + ", which reads " + (uses.isEmpty() ? "none of "
          + listed(List.copyOf(fields.keySet())) : listed(uses)) + "; remove it, as the run would ignore it");
    });
  }

  /** Fields by name, in the order given, nulls kept: {@code fields("min", min, "max", max)}. */
  static Map<String, Object> fields(Object... namesAndValues) {
    Map<String, Object> fields = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
    return fields;
  }

  void ordered(String path, Double low, String lowName, Double high, String highName) {
    boolean ok = number(path + "." + lowName, low, Bound.DAYS, true)
        & number(path + "." + highName, high, Bound.DAYS, true);
    if (ok && low != null && high != null && high < low) {
      problem(path + "." + highName, "expected a number >= " + lowName + " (" + format(low) + "), found "
          + format(high));
    }
  }

  // ---- building blocks -----------------------------------------------------------------------------------

  <T> T required(String path, T value, String expected) {
    if (value == null) problem(path, "missing; expected " + expected);
    return value;
  }

  <T> T element(String path, T value, String expected) {
    if (value == null) problem(path, "empty entry; expected " + expected);
    return value;
  }

  <T> List<T> list(String path, List<T> value, boolean required, boolean nonEmpty, String expected) {
    if (value == null) {
      if (required) problem(path, "missing; expected " + expected);
      return null;
    }
    if (nonEmpty && value.isEmpty()) problem(path, "expected " + expected + ", found an empty list");
    return value;
  }

  /**
   * Checks a list whose entries are objects with ids; returns its ids, or null when the list is missing or
   * wrongly empty (then references to it are not checked: the list's own problem is the one to fix).
   */
  <T> Ids idList(String path, List<T> value, String singular, String plural, boolean nonEmpty,
                 java.util.function.Function<T, String> id) {
    if (list(path, value, true, nonEmpty, "a list of " + plural) == null || (nonEmpty && value.isEmpty())) {
      return null;
    }
    Ids ids = new Ids(singular, plural);
    for (int i = 0; i < value.size(); i++) {
      String entry = FieldPaths.index(path, i);
      T t = element(entry, value.get(i), "a " + singular + " with an id");
      if (t != null) unique(entry + ".id", id.apply(t), ids);
    }
    return ids;
  }

  /** Checks an id's presence and form and that it is not already taken; records it. */
  void unique(String path, String value, Ids ids) {
    String id = id(path, value, ID_TEXT);
    if (id == null) return;
    String first = ids.firstPath().putIfAbsent(id, path);
    if (first != null) {
      problem(path, "duplicate id '" + id + "'; " + first + " already uses it");
    }
  }

  /** Returns the id if present and well formed, else reports it and returns null. */
  String id(String path, String value, String expected) {
    if (value == null) {
      problem(path, "missing; expected " + expected);
      return null;
    }
    if (!ID.matcher(value).matches()) {
      problem(path, "expected " + expected + ", found '" + value + "'");
      return null;
    }
    return value;
  }

  /** Returns the id if it names one of {@code known}, else reports it and returns null. */
  String ref(String path, String value, Ids known) {
    String singular = known == null ? "id" : known.singular();
    String id = id(path, value, "a " + singular + " id");
    if (id == null || known == null) return id; // a missing list is reported once, not at every reference
    if (known.contains(id)) return id;
    Set<String> names = new TreeSet<>(known.firstPath().keySet());
    String listing = names.isEmpty() ? "no " + known.plural() + " are defined"
        : names.size() <= MAX_LISTED_IDS ? "known " + known.plural() + ": " + String.join(", ", names)
        : names.size() + " " + known.plural() + " are defined";
    problem(path, "unknown " + known.singular() + " '" + id + "'; " + listing);
    return null;
  }

  /**
   * A plant's own output yields: each an output of its recipe (when the recipe is known), within the bound, and
   * together making no more rare earths than the recipe's inputs hold.
   */
  void yields(String path, Map<String, Double> yields, String recipe, Bound bound) {
    yields(path, yields, recipe == null ? null : recipeById.get(recipe), bound);
  }

  void yields(String path, Map<String, Double> yields, RecipeSpec recipe, Bound bound) {
    if (yields == null) return;
    for (Map.Entry<String, Double> e : yields.entrySet()) {
      String entry = FieldPaths.field(path, e.getKey());
      if (recipe != null && recipe.outputs() != null && !recipe.outputs().containsKey(e.getKey())) {
        problem(entry, "'" + e.getKey() + "' is not an output of recipe '" + recipe.id() + "'; its outputs: "
            + String.join(", ", recipe.outputs().keySet()));
      }
      number(entry, e.getValue(), bound, true);
    }
    if (!yields.isEmpty()) conserves(path, recipe, yields);
  }

  /**
   * A recipe, or a plant's or project's yields replacing its outputs, may not make more rare earths than it uses
   * ({@link ElementContent}). A recycling recipe uses a tonne of end-of-life magnets (what demand sectors use)
   * per tonne of activity; mining brings material in. Not checked while a commodity's content is unknown or an
   * amount is malformed (that is reported on its own).
   */
  void conserves(String path, RecipeSpec recipe, Map<String, Double> yields) {
    if (recipe == null || recipe.outputs() == null) return;
    Map<String, Double> out = content(yields == null || yields.isEmpty() ? recipe.outputs() : yields);
    if (out == null) return;
    Map<String, Map<String, Double>> inputs = new LinkedHashMap<>(); // how the message names them -> tonnes
    if (recipe.inputs() != null && !recipe.inputs().isEmpty()) {
      inputs.put("inputs", recipe.inputs());
    } else if ("recycling".equals(recipe.stage())) {
      for (String scrap : demanded) inputs.put("a tonne of end-of-life " + scrap, Map.of(scrap, 1.0));
    }
    for (Map.Entry<String, Map<String, Double>> e : inputs.entrySet()) {
      Map<String, Double> in = content(e.getValue());
      if (in == null || ElementContent.conserves(in, out)) continue;
      problem(path, "makes more rare earths than it uses: a tonne of activity yields " + described(out)
          + " from " + e.getKey() + " holding " + described(in) + "; outputs may hold at most what the inputs do,"
          + " in each element group (content per tonne: " + contents(recipe, yields) + ")");
      return;
    }
  }

  /** The content of tonnes of commodities, by element group in a fixed order; null if any is unknown or malformed. */
  private Map<String, Double> content(Map<String, Double> tonnes) {
    Map<String, Double> sum = new TreeMap<>();
    for (Map.Entry<String, Double> e : tonnes.entrySet()) {
      Map<String, Double> perTonne = contentByCommodity.get(e.getKey());
      if (perTonne == null || e.getValue() == null || !(e.getValue() >= 0) || Double.isInfinite(e.getValue())) return null;
      perTonne.forEach((group, x) -> sum.merge(group, e.getValue() * x, Double::sum));
    }
    return sum;
  }

  /** Content as the message gives it, to six significant digits: "5.002 t of oxide (dytb 0.002, ndpr 5)". */
  private static String described(Map<String, Double> content) {
    String groups = groups(content);
    return rounded(ElementContent.total(content)) + " t of oxide" + (groups.equals("none") ? "" : " (" + groups + ")");
  }

  private static String groups(Map<String, Double> content) {
    List<String> groups = new ArrayList<>();
    content.forEach((group, x) -> { if (x > 0) groups.add(group + " " + rounded(x)); });
    return groups.isEmpty() ? "none" : String.join(", ", groups);
  }

  private static String rounded(double x) {
    return format(new BigDecimal(x).round(new java.math.MathContext(6)).doubleValue());
  }

  private String contents(RecipeSpec recipe, Map<String, Double> yields) {
    Set<String> involved = new TreeSet<>();
    if (recipe.inputs() != null) involved.addAll(recipe.inputs().keySet());
    involved.addAll((yields == null || yields.isEmpty() ? recipe.outputs() : yields).keySet());
    if (recipe.inputs() == null || recipe.inputs().isEmpty()) involved.addAll(demanded);
    List<String> parts = new ArrayList<>();
    for (String c : involved) parts.add(c + " " + groups(contentByCommodity.get(c)));
    return String.join("; ", parts);
  }

  void strings(String path, List<String> value, String expected) {
    if (value == null) return;
    for (int i = 0; i < value.size(); i++) {
      String s = value.get(i);
      if (s == null || s.isBlank()) problem(FieldPaths.index(path, i), "empty entry; expected " + expected);
    }
  }

  LocalDate date(String path, LocalDate value, boolean required) {
    if (value == null && required) problem(path, "missing; expected a date YYYY-MM-DD");
    return value;
  }

  /** Returns whether the number is present (or optional and absent), finite and within its bound. */
  boolean number(String path, Double value, Bound bound, boolean required) {
    if (value == null) {
      if (required) problem(path, "missing; expected a number " + bound.text());
      return !required;
    }
    if (!Double.isFinite(value)) {
      problem(path, "expected a finite number " + bound.text() + ", found " + format(value));
      return false;
    }
    if (!bound.test().test(value)) {
      problem(path, "expected a number " + bound.text() + ", found " + format(value));
      return false;
    }
    return true;
  }

  void integer(String path, Integer value, int min, int max, boolean required) {
    if (value == null) {
      if (required) problem(path, "missing; expected an integer from " + min + " to " + max);
    } else if (value < min || value > max) {
      problem(path, "expected an integer from " + min + " to " + max + ", found " + value);
    }
  }

  void oneOf(String path, String value, List<String> allowed, boolean required) {
    if (value == null) {
      if (required) problem(path, "missing; expected one of: " + String.join(", ", allowed));
    } else if (!allowed.contains(value)) {
      problem(path, "expected one of: " + String.join(", ", allowed) + "; found '" + value + "'");
    }
  }

  static double orZero(Double x) {
    return x == null ? 0 : x;
  }

  /** The list's entries that are not null; none for a null list. */
  static <T> List<T> nonNull(List<T> list) {
    return list == null ? List.of() : list.stream().filter(java.util.Objects::nonNull).toList();
  }

  static int size(List<?> list) {
    return list == null ? 0 : list.size();
  }

  /** Lists up to {@link #MAX_LISTED_IDS} items, then says how many more. */
  static String listed(List<String> items) {
    if (items.size() <= MAX_LISTED_IDS) return String.join(", ", items);
    return String.join(", ", items.subList(0, MAX_LISTED_IDS)) + " and " + (items.size() - MAX_LISTED_IDS) + " more";
  }

  /** A number as written: 12 rather than 12.0, NaN and Infinity by name. */
  static String format(double x) {
    if (!Double.isFinite(x)) return Double.toString(x);
    if (Math.abs(x) >= 1e15 || (x != 0 && Math.abs(x) < 1e-6)) return Double.toString(x);
    return BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
  }
}
