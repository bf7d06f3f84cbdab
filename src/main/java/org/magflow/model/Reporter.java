package org.magflow.model;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.magflow.event.EventSink;
import org.magflow.event.Metrics;
import org.magflow.event.Observation;

/**
 * Turns a run into tidy time-series rows, one reporting period at a time.
 *
 * <p>A weekly process's flow belongs to the week it covers, so a flow recorded for the interval
 * {@code [now, now + days)} is split across reporting periods in proportion to overlap. Without this, a month
 * with five clearings would show 25% more trade than one with four. Every flow is recorded at or before the
 * start of its interval, so a period's totals are complete when it closes. Levels (stocks, prices) are read
 * when the period closes. Flows before the first period (the warm-up) are not reported, nor the part of a
 * flow that falls after the last (an arrival's delivery spread over its week).
 */
final class Reporter {
  private final double[] periodStart;
  private final double[] periodEnd;
  private final LocalDate[] periodLastDay;
  private final SupplyChain world;
  private final EventSink sink;

  private final List<Observation> keys = new ArrayList<>(); // a template row per flow; value unused
  private final List<Boolean> emitOnlyOnceSeen = new ArrayList<>();
  private boolean[] seen = new boolean[0];
  private final double[][] totals;
  private int lastPeriod; // the period periodAt last found

  final int[][] production;
  final int[][] inputUse;
  final int[][] throughput;
  final int[][] capacityAvailable;
  private final boolean[][] hasStage; // [producer][stage]: whether it has a plant of that stage
  final int[][] delivered;
  final int[] demand;
  final int[] consumption;
  final int[] shortage;
  final int[][][] shipped;
  final int[][][] leaked;
  final int[][][] licencesApproved;
  final int[][][] licencesDenied;
  final int[][][] writtenOff;
  /** A licence-pending row is written for a lane once any material has waited on it. */
  private final boolean[][][] pendingSeen;

  /**
   * @param periodStart simulation time at which each reporting period starts
   * @param periodEnd simulation time at which each period ends (the next one's start)
   * @param periodLastDay the last day of each period, the date its rows carry
   */
  Reporter(SupplyChain world, double[] periodStart, double[] periodEnd, LocalDate[] periodLastDay, EventSink sink) {
    this.world = world;
    this.periodStart = periodStart.clone();
    this.periodEnd = periodEnd.clone();
    this.periodLastDay = periodLastDay.clone();
    this.sink = sink;
    this.totals = new double[periodEnd.length][];
    int commodities = world.commodities.size();
    int regions = world.regions.size();
    int stages = Stage.values().length;

    // the loops are methods of their own: a sweep makes a reporter per run, and the JIT compiled this constructor
    // whole again for each loop's entry (on-stack replacement)
    production = new int[world.producers.size()][commodities];
    inputUse = new int[world.producers.size()][commodities];
    throughput = new int[world.producers.size()][stages];
    capacityAvailable = new int[world.producers.size()][stages];
    hasStage = new boolean[world.producers.size()][stages];
    producerKeys(sink.wants(Metrics.UTILISATION));
    delivered = new int[world.agents.size()][commodities];
    demand = new int[world.sectors.size()];
    consumption = new int[world.sectors.size()];
    shortage = new int[world.sectors.size()];
    deliveredKeys();
    sectorKeys();
    shipped = laneKeys(Metrics.SHIPPED);
    leaked = laneKeys(Metrics.LEAKED);
    licencesApproved = laneKeys(Metrics.LICENCES_APPROVED);
    licencesDenied = laneKeys(Metrics.LICENCES_DENIED);
    writtenOff = laneKeys(Metrics.WRITTEN_OFF);
    pendingSeen = new boolean[regions][regions][commodities];
    seen = new boolean[keys.size()];
  }

  /** Each producer's output, input, throughput and capacity rows, -1 where it has none. */
  private void producerKeys(boolean utilisation) { // utilisation: the share of available capacity that ran
    for (Producer p : world.producers) {
      int i = world.producers.indexOf(p);
      for (Commodity c : world.commodities) {
        production[i][c.index()] = p.makes(c.index()) ? key(Metrics.PRODUCTION, p, "", c.id(), "", Metrics.TONNES) : -1;
        inputUse[i][c.index()] = p.buys(c.index()) ? key(Metrics.INPUT_USE, p, "", c.id(), "", Metrics.TONNES) : -1;
      }
      for (Stage s : Stage.values()) {
        boolean has = p.facilities.stream().anyMatch(f -> f.recipe.stage() == s);
        hasStage[i][s.ordinal()] = has;
        int ran = has ? key(Metrics.THROUGHPUT, p, "", "", s.id(), Metrics.TONNES) : -1;
        throughput[i][s.ordinal()] = has && ran < 0 && utilisation ? hiddenKey() : ran;
        capacityAvailable[i][s.ordinal()] = has && utilisation ? hiddenKey() : -1;
      }
    }
  }

  /** Each agent's deliveries by commodity, -1 for what it does not buy. */
  private void deliveredKeys() {
    for (Agent a : world.agents) {
      for (Commodity c : world.commodities) {
        delivered[a.index][c.index()] = a.buys(c.index())
            ? key(Metrics.DELIVERED, a, "", c.id(), sectorOf(a), Metrics.TONNES) : -1;
      }
    }
  }

  /** Each demand sector's demand, consumption and shortage rows. */
  private void sectorKeys() {
    for (int i = 0; i < world.sectors.size(); i++) {
      DemandSector s = world.sectors.get(i);
      String commodity = world.commodities.get(s.commodity).id();
      demand[i] = key(Metrics.DEMAND, s, "", commodity, s.sector, Metrics.TONNES);
      consumption[i] = key(Metrics.CONSUMPTION, s, "", commodity, s.sector, Metrics.TONNES);
      shortage[i] = key(Metrics.SHORTAGE, s, "", commodity, s.sector, Metrics.TONNES);
    }
  }

  /** A flow per lane (region to partner) and commodity, written once it has been non-zero. */
  private int[][][] laneKeys(String metric) {
    int regions = world.regions.size();
    int[][][] lane = new int[regions][regions][world.commodities.size()];
    if (!sink.wants(metric)) {
      for (int[][] from : lane) for (int[] to : from) Arrays.fill(to, -1); // flows to key -1 are dropped
      return lane;
    }
    for (Region from : world.regions) {
      for (Region to : world.regions) {
        for (Commodity c : world.commodities) {
          lane[from.index()][to.index()][c.index()] = keys.size();
          keys.add(row(metric, "", from.id(), to.id(), c.id(), "", Metrics.TONNES));
          emitOnlyOnceSeen.add(true);
        }
      }
    }
    return lane;
  }

  /** The key of a flow that is written, or -1 (the flow is dropped) if the sink does not want the metric. */
  private int key(String metric, Agent agent, String partner, String commodity, String sector, String unit) {
    if (!sink.wants(metric)) return -1;
    keys.add(row(metric, agent.id, agent.region.id(), partner, commodity, sector, unit));
    emitOnlyOnceSeen.add(false);
    return keys.size() - 1;
  }

  /** A flow that is accumulated for a derived metric but not written itself. */
  private int hiddenKey() {
    keys.add(null);
    emitOnlyOnceSeen.add(false);
    return keys.size() - 1;
  }

  private static Observation row(String metric, String agent, String region, String partner, String commodity,
                                 String sector, String unit) {
    return new Observation(LocalDate.EPOCH, metric, agent, region, partner, commodity, sector, 0, unit);
  }

  private static String sectorOf(Agent a) {
    return a instanceof DemandSector s ? s.sector : "";
  }

  /** Adds {@code tonnes} that flowed evenly over {@code [start, start + days)}; {@code days} may be 0. */
  void flow(int key, double start, double days, double tonnes) {
    if (key < 0 || tonnes == 0) return;
    if (days <= 0) {
      int k = periodAt(start);
      if (k >= 0) add(k, key, tonnes);
      return;
    }
    double end = start + days;
    for (int k = Math.max(0, periodAt(start)); k < periodEnd.length && periodStart[k] < end; k++) {
      double overlap = Math.min(end, periodEnd[k]) - Math.max(start, periodStart[k]);
      if (overlap > 0) add(k, key, tonnes * overlap / days);
    }
  }

  private void add(int period, int key, double tonnes) {
    if (totals[period] == null) totals[period] = new double[keys.size()];
    totals[period][key] += tonnes;
  }

  /** The period containing time {@code t}, or -1 if before the first; the last period if after the end. */
  private int periodAt(double t) {
    if (t < periodStart[0]) return -1;
    // Performance: flows come in time order, so the last answer nearly always holds; it is checked by the
    // rule the search applies (the number of period ends at or before t, at most the last period).
    int k = lastPeriod;
    int last = periodEnd.length - 1;
    if ((k == 0 || periodEnd[k - 1] <= t) && (k == last || t < periodEnd[k])) return k;
    int i = Arrays.binarySearch(periodEnd, t);
    k = Math.min(i >= 0 ? i + 1 : -i - 1, last);
    lastPeriod = k;
    return k;
  }

  /** Writes the rows of period {@code k}: its flows, then the levels at its end. */
  void closePeriod(int k) {
    LocalDate date = periodLastDay[k];
    double[] values = totals[k] != null ? totals[k] : new double[keys.size()];
    totals[k] = null; // a closed period is never touched again
    emitFlows(date, values);
    double now = periodEnd[k];
    emitProducerLevels(date, values, now);
    emitStocks(date);
    emitSectorLevels(date);
    emitPrices(date);
    emitPendingLicences(date);
    emitOrigins(date);
  }

  /** The period's summed flows, each once it has been non-zero if it waits for that. */
  private void emitFlows(LocalDate date, double[] values) {
    for (int key = 0; key < keys.size(); key++) {
      Observation template = keys.get(key);
      if (template == null) continue;
      if (values[key] != 0) seen[key] = true;
      if (emitOnlyOnceSeen.get(key) && !seen[key]) continue;
      emit(date, template, values[key]);
    }
  }

  private void emitPendingLicences(LocalDate date) {
    for (Region from : world.regions) {
      for (Region to : world.regions) {
        for (Commodity c : world.commodities) {
          double pending = world.pendingLicences(from.index(), to.index(), c.index());
          boolean[] seen = pendingSeen[from.index()][to.index()];
          if (pending > 0) seen[c.index()] = true;
          if (seen[c.index()]) {
            emit(date, Metrics.LICENCES_PENDING, "", from.id(), to.id(), c.id(), "", Math.max(0, pending),
                Metrics.TONNES);
          }
        }
      }
    }
  }

  private void emit(LocalDate date, Observation t, double value) {
    sink.accept(new Observation(date, t.metric(), t.agent(), t.region(), t.partner(), t.commodity(), t.sector(),
        value, t.unit()));
  }

  private void emit(LocalDate date, String metric, String agent, String region, String partner, String commodity,
                    String sector, double value, String unit) {
    if (!sink.wants(metric)) return;
    sink.accept(new Observation(date, metric, agent, region, partner, commodity, sector, value, unit));
  }

  private void emitProducerLevels(LocalDate date, double[] values, double now) {
    for (int i = 0; i < world.producers.size(); i++) {
      Producer p = world.producers.get(i);
      for (Stage s : Stage.values()) {
        if (!hasStage[i][s.ordinal()]) continue;
        if (sink.wants(Metrics.CAPACITY)) {
          double installed = 0;
          for (Facility f : p.facilities) if (f.recipe.stage() == s) installed += f.installedAt(now - 1e-9);
          emit(date, Metrics.CAPACITY, p.id, p.region.id(), "", "", s.id(), installed, Metrics.TONNES_PER_YEAR);
        }
        if (sink.wants(Metrics.UTILISATION)) {
          double possible = values[capacityAvailable[i][s.ordinal()]];
          double ran = values[throughput[i][s.ordinal()]];
          emit(date, Metrics.UTILISATION, p.id, p.region.id(), "", "", s.id(), possible > 0 ? ran / possible : 0,
              Metrics.SHARE);
        }
      }
      for (Facility f : p.facilities) {
        var thrifts = f.recipe.thrifts();
        for (int t = 0; t < thrifts.size(); t++) {
          emit(date, Metrics.INPUT_CUT, p.id, p.region.id(), f.id, world.commodities.get(thrifts.get(t).input()).id(),
              f.recipe.stage().id(), f.thrifted(t), Metrics.SHARE);
        }
      }
    }
  }

  private void emitStocks(LocalDate date) {
    if (!sink.wants(Metrics.INVENTORY) && !sink.wants(Metrics.COVER_DAYS)) return;
    for (Agent a : world.agents) {
      for (Commodity c : world.commodities) {
        int ci = c.index();
        boolean relevant = a.buys(ci) || (a instanceof Producer p && p.makes(ci)) || a.inventory.tonnes(ci) > 0;
        if (!relevant) continue;
        double stock = a.inventory.tonnes(ci);
        emit(date, Metrics.INVENTORY, a.id, a.region.id(), "", c.id(), sectorOf(a), stock, Metrics.TONNES);
        double use = a.buys(ci) ? a.expectedUsePerDay(ci) : 0;
        if (use > 0) {
          emit(date, Metrics.COVER_DAYS, a.id, a.region.id(), "", c.id(), sectorOf(a), stock / use, Metrics.DAYS);
        }
      }
    }
  }

  private void emitSectorLevels(LocalDate date) {
    for (DemandSector s : world.sectors) {
      String commodity = world.commodities.get(s.commodity).id();
      emit(date, Metrics.BACKLOG, s.id, s.region.id(), "", commodity, s.sector, s.backlog, Metrics.TONNES);
      emit(date, Metrics.SUBSTITUTION, s.id, s.region.id(), "", commodity, s.sector, s.substitution,
          Metrics.SHARE);
      List<DemandSector.Technology> options = s.technologies();
      for (int i = 0; i < options.size(); i++) {
        emit(date, Metrics.TECHNOLOGY_SHARE, s.id, s.region.id(), options.get(i).id(), commodity, s.sector,
            s.adopted(i), Metrics.SHARE);
      }
      if (s.respondsWithLoss()) {
        emit(date, Metrics.DEMAND_LOST, s.id, s.region.id(), "", commodity, s.sector, s.lost, Metrics.SHARE);
      }
    }
  }

  private void emitPrices(LocalDate date) {
    PriceBook prices = world.prices;
    for (int z = 0; z < prices.zones().size(); z++) {
      for (Commodity c : world.commodities) {
        emit(date, Metrics.PRICE, "", prices.zones().get(z), "", c.id(), "", prices.price(z, c.index()),
            Metrics.USD_PER_KG);
      }
    }
  }

  /** Mass-weighted origin of all stock held in each region, per commodity and stage; zero shares omitted. */
  private void emitOrigins(LocalDate date) {
    if (!sink.wants(Metrics.ORIGIN_SHARE)) return;
    int regions = world.regions.size();
    for (Region holder : world.regions) {
      for (Commodity c : world.commodities) {
        double held = 0;
        double[] mix = Origin.empty(regions);
        for (Agent a : world.agents) {
          if (a.region.index() != holder.index()) continue;
          double t = a.inventory.tonnes(c.index());
          if (t <= 0) continue;
          Origin.mixInto(mix, held, a.inventory.origin(c.index()), t);
          held += t;
        }
        if (held <= 0) continue;
        for (Stage s : Stage.values()) {
          for (Region origin : world.regions) {
            double share = Origin.share(mix, s, origin.index(), regions);
            if (share > 0) {
              emit(date, Metrics.ORIGIN_SHARE, "", holder.id(), origin.id(), c.id(), s.originLabel(), share,
                  Metrics.SHARE);
            }
          }
        }
      }
    }
  }
}
