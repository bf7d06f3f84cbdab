package org.magflow.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.magflow.output.RunSummary.Export;
import org.magflow.output.RunSummary.Price;
import org.magflow.output.RunSummary.ProductionShare;
import org.magflow.output.RunSummary.Shortage;
import org.magflow.output.RunSummary;

/**
 * A key figure of a run that a sweep records: a path into the run's {@link RunSummary} (summary.json), naming
 * a list, the entry's keys in brackets separated by {@code /}, and a numeric field of the entry:
 *
 * <pre>
 * shortageByRegion[REGION].FIELD            e.g. shortageByRegion[US].shortagePercentOfDemand
 * shortageBySector[REGION/SECTOR].FIELD     e.g. shortageBySector[US/defence].periodsInShortage
 * prices[ZONE/COMMODITY].FIELD              e.g. prices[ex-china/ndfeb_magnet].peakMultiple
 * exportFlows[EXPORTER/DESTINATION/COMMODITY].FIELD   e.g. exportFlows[CN/US/ndfeb_magnet].dropPercent
 * exportTotals[EXPORTER/COMMODITY].FIELD    e.g. exportTotals[CN/ndfeb_magnet].dropPercent
 * productionShares[STAGE/REGION].FIELD      e.g. productionShares[manufacturing/CN].sharePercent
 * </pre>
 *
 * <p>FIELD is any numeric field of that entry in summary.json. A run whose summary lacks the entry or the
 * figure (no counterfactual, hence no drop; no flow at all) has no value: an empty cell, left out of the
 * statistics.
 */
final class Kpi {
  /** The lists of a run summary a KPI can read, with the keys that pick an entry. */
  enum Collection {
    SHORTAGE_BY_REGION("shortageByRegion", Shortage.class, RunSummary::shortageByRegion,
        e -> new String[] {((Shortage) e).region()}, "region"),
    SHORTAGE_BY_SECTOR("shortageBySector", Shortage.class, RunSummary::shortageBySector,
        e -> new String[] {((Shortage) e).region(), ((Shortage) e).sector()}, "region", "sector"),
    PRICES("prices", Price.class, RunSummary::prices,
        e -> new String[] {((Price) e).zone(), ((Price) e).commodity()}, "zone", "commodity"),
    EXPORT_FLOWS("exportFlows", Export.class, RunSummary::exportFlows,
        e -> new String[] {((Export) e).exporter(), ((Export) e).destination(), ((Export) e).commodity()},
        "exporter", "destination", "commodity"),
    EXPORT_TOTALS("exportTotals", Export.class, RunSummary::exportTotals,
        e -> new String[] {((Export) e).exporter(), ((Export) e).commodity()}, "exporter", "commodity"),
    PRODUCTION_SHARES("productionShares", ProductionShare.class, RunSummary::productionShares,
        e -> new String[] {((ProductionShare) e).stage(), ((ProductionShare) e).region()}, "stage", "region");

    final String id;
    final Class<?> type;
    final Function<RunSummary, List<?>> list;
    final Function<Object, String[]> keysOf;
    final List<String> keyNames;

    Collection(String id, Class<?> type, Function<RunSummary, List<?>> list, Function<Object, String[]> keysOf,
               String... keyNames) {
      this.id = id;
      this.type = type;
      this.list = list;
      this.keysOf = keysOf;
      this.keyNames = List.of(keyNames);
    }

    static Collection of(String id) {
      for (Collection c : values()) if (c.id.equals(id)) return c;
      return null;
    }

    List<String> numericFields() {
      List<String> names = new ArrayList<>();
      for (RecordComponent rc : type.getRecordComponents()) if (numeric(rc.getType())) names.add(rc.getName());
      return names;
    }
  }

  private final String name;
  private final String path;
  private final Collection collection;
  private final String[] keys;
  private final Method field;

  private Kpi(String name, String path, Collection collection, String[] keys, Method field) {
    this.name = name;
    this.path = path;
    this.collection = collection;
    this.keys = keys;
    this.field = field;
  }

  String name() {
    return name;
  }

  String path() {
    return path;
  }

  /** The KPI's value in a run, or NaN when the run's summary has no such entry or figure. */
  double value(RunSummary summary) {
    for (Object entry : collection.list.apply(summary)) {
      if (Arrays.equals(collection.keysOf.apply(entry), keys)) {
        try {
          Object v = field.invoke(entry);
          return v == null ? Double.NaN : ((Number) v).doubleValue();
        } catch (IllegalAccessException | InvocationTargetException e) {
          throw new IllegalStateException("cannot read " + path, e);
        }
      }
    }
    return Double.NaN;
  }

  private static boolean numeric(Class<?> c) {
    return c == double.class || c == Double.class || c == int.class || c == Integer.class || c == long.class
        || c == Long.class;
  }

  /** The ids a KPI's keys are checked against, from the base scenario. */
  record Facts(Set<String> regions, Set<String> demandRegions, Set<String> sectors, Set<String> zones,
               Set<String> commodities, Set<String> stages) {
    static Facts of(JsonNode scenario) {
      Set<String> regions = new TreeSet<>();
      Set<String> zones = new TreeSet<>();
      for (JsonNode r : scenario.path("regions")) {
        regions.add(r.path("id").asText());
        zones.add(r.path("priceZone").asText());
      }
      Set<String> demandRegions = new TreeSet<>();
      Set<String> sectors = new TreeSet<>();
      for (JsonNode d : scenario.path("demand")) {
        demandRegions.add(d.path("region").asText());
        sectors.add(d.path("sector").asText());
      }
      Set<String> commodities = new TreeSet<>();
      for (JsonNode c : scenario.path("commodities")) commodities.add(c.path("id").asText());
      Set<String> stages = new TreeSet<>();
      for (JsonNode r : scenario.path("recipes")) stages.add(r.path("stage").asText());
      return new Facts(regions, demandRegions, sectors, zones, commodities, stages);
    }
  }

  /**
   * Parses and checks a KPI path against the base scenario.
   *
   * @throws ScenarioPath.PathException with a message naming what is wrong and what would be accepted
   */
  static Kpi parse(String name, String path, Facts facts) throws ScenarioPath.PathException {
    int open = path.indexOf('[');
    int close = path.indexOf(']');
    List<String> lists = Arrays.stream(Collection.values()).map(c -> c.id).toList();
    if (open < 0 || close < open || close + 1 >= path.length() || path.charAt(close + 1) != '.') {
      throw new ScenarioPath.PathException("'" + path + "' is not a KPI path; expected LIST[KEYS].FIELD with LIST one"
          + " of " + String.join(", ", lists) + ", e.g. shortageByRegion[US].shortagePercentOfDemand");
    }
    Collection c = Collection.of(path.substring(0, open));
    if (c == null) {
      throw new ScenarioPath.PathException("unknown summary list '" + path.substring(0, open) + "'; expected one of: "
          + String.join(", ", lists));
    }
    String[] keys = path.substring(open + 1, close).split("/", -1);
    if (keys.length != c.keyNames.size()) {
      throw new ScenarioPath.PathException(c.id + " entries are picked by " + c.keyNames.size() + " key(s), "
          + String.join("/", c.keyNames).toUpperCase(Locale.ROOT) + ", found " + keys.length + " in '"
          + path + "'");
    }
    for (int i = 0; i < keys.length; i++) {
      Set<String> known = switch (c.keyNames.get(i)) {
        case "region" -> c == Collection.PRODUCTION_SHARES ? facts.regions() : facts.demandRegions();
        case "exporter", "destination" -> facts.regions();
        case "sector" -> facts.sectors();
        case "zone" -> facts.zones();
        case "commodity" -> facts.commodities();
        case "stage" -> facts.stages();
        default -> throw new IllegalStateException(c.keyNames.get(i));
      };
      if (!known.contains(keys[i])) {
        String what = c.keyNames.get(i).equals("region") && c != Collection.PRODUCTION_SHARES ? "region with demand"
            : c.keyNames.get(i);
        throw new ScenarioPath.PathException("unknown " + what + " '" + keys[i] + "' in '" + path + "'; known: "
            + String.join(", ", known));
      }
    }
    String fieldName = path.substring(close + 2);
    Method accessor = null;
    for (RecordComponent rc : c.type.getRecordComponents()) {
      if (rc.getName().equals(fieldName) && numeric(rc.getType())) accessor = rc.getAccessor();
    }
    if (accessor == null) {
      throw new ScenarioPath.PathException("'" + fieldName + "' is not a numeric field of " + c.id
          + " entries; expected one of: " + String.join(", ", c.numericFields()));
    }
    return new Kpi(name, path, c, keys, accessor);
  }

  /**
   * The default KPIs: every region's shortage as a percentage of its demand; the peak price multiple of every
   * commodity that demand sectors buy, in every price zone; and, for every policy that names an exporter,
   * destinations and commodities (a destination throttle, say), the drop of those exports against the
   * no-policy counterfactual.
   */
  static List<String> defaults(JsonNode scenario, Facts facts) {
    Set<String> paths = new LinkedHashSet<>();
    for (String region : facts.demandRegions()) {
      paths.add("shortageByRegion[" + region + "].shortagePercentOfDemand");
    }
    Set<String> bought = new TreeSet<>();
    for (JsonNode d : scenario.path("demand")) bought.add(d.path("commodity").asText());
    TreeMap<String, Set<String>> priced = new TreeMap<>();
    for (JsonNode p : scenario.path("market").path("referencePrices")) {
      priced.computeIfAbsent(p.path("zone").asText(), z -> new TreeSet<>()).add(p.path("commodity").asText());
    }
    for (var zone : priced.entrySet()) {
      for (String commodity : bought) {
        if (zone.getValue().contains(commodity)) {
          paths.add("prices[" + zone.getKey() + "/" + commodity + "].peakMultiple");
        }
      }
    }
    for (JsonNode policy : scenario.path("policies")) {
      JsonNode exporter = policy.get("exporter");
      if (exporter == null || !exporter.isTextual()) continue;
      for (JsonNode destination : policy.path("destinations")) {
        for (JsonNode commodity : policy.path("commodities")) {
          if (facts.regions().contains(destination.asText()) && facts.commodities().contains(commodity.asText())) {
            paths.add("exportFlows[" + exporter.asText() + "/" + destination.asText() + "/" + commodity.asText()
                + "].dropPercent");
          }
        }
      }
    }
    return List.copyOf(paths);
  }
}
