package org.magflow.model;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A participant in the supply chain that holds stock and buys: a producer or a demand sector.
 *
 * <p>Buyers follow an order-up-to rule at every clearing: they order enough to bring their inventory
 * position (stock plus material on its way, less what they owe) up to their expected use over the target
 * cover, the expected lead time and the review interval (a producer with an order adjustment time closes only a
 * share of that gap each clearing, see {@link Producer#orderQuantity}). They learn from experience: the expected lead time
 * follows arrivals, so a buyer facing new delays orders further ahead, and the share of what is on its way
 * that actually arrives follows arrivals and refused licences, so a buyer whose shipments are often refused
 * counts on less of its pipeline and orders more, as buyers who filed several licence applications did in
 * 2025.
 */
public abstract sealed class Agent permits Producer, DemandSector, StockpileHolder {
  /**
   * How fast the expected lead time follows observed ones: an arrival weighs by its tonnes against this many days
   * of the agent's use, so a week's supply weighs about 0.2, and a small lot from a far supplier next to nothing.
   */
  private static final double LEAD_TIME_MEMORY_DAYS = 28;
  /** The weight of an arrival for an agent that uses nothing yet. */
  private static final double LEAD_TIME_LEARNING = 0.2;
  /** How fast the expected share of a pipeline that arrives follows arrivals and refusals. */
  private static final double RELIABILITY_LEARNING = 0.1;

  final int index;
  final String id;
  final String name;
  final Region region;
  final List<String> tags;
  final Inventory inventory;
  final double[] inTransit;
  final double[] targetCoverDays;
  final double[] leadDays;
  /** The share of what is on its way this agent expects to arrive, per commodity (refusals lower it). */
  final double[] reliability;
  /** Producer indices and shares of orders placed first with each (contracts, established ties). */
  int[] suppliers = new int[0];
  double[] supplierShares = new double[0];
  /** By supplier, the commodities its share covers; null for every commodity the supplier makes. */
  boolean[][] supplierCovers = new boolean[0][];

  Agent(int index, String id, String name, Region region, List<String> tags, int commodities, int regions) {
    this.index = index;
    this.id = Objects.requireNonNull(id, "id");
    this.name = Objects.requireNonNull(name, "name");
    this.region = Objects.requireNonNull(region, "region");
    this.tags = List.copyOf(tags);
    this.inventory = new Inventory(commodities, regions);
    this.inTransit = new double[commodities];
    this.targetCoverDays = new double[commodities];
    this.leadDays = new double[commodities];
    this.reliability = new double[commodities];
    java.util.Arrays.fill(reliability, 1.0);
  }

  public String id() {
    return id;
  }

  public Region region() {
    return region;
  }

  public List<String> tags() {
    return tags;
  }

  /** Higher is served first when supply is short. */
  abstract int priority();

  /** The end uses licence rules and bans look at: a demand sector's sector and every tag. */
  Collection<String> endUses() {
    return tags;
  }

  // Selling. Producers and stockpile holders sell; the defaults are those of an agent that never does.

  /** Tonnes of {@code c} this agent offers at a clearing that recurs every {@code reviewDays}. */
  double offer(int c, double reviewDays) {
    return 0;
  }

  /** Whether this agent makes commodity {@code c} (and so may plan output for buyers who ask). */
  boolean makes(int c) {
    return false;
  }

  /** Whether this agent could make {@code c} now, with capacity available. */
  boolean canMake(int c, double now) {
    return false;
  }

  /** Takes note of what buyers asked this agent for at the latest clearing, tonnes per day. */
  void noteRequests(int c, double tonnesPerDay, double reviewDays) {}

  /** The finished stock this agent aims to hold for its customers. */
  double salesTarget(int c) {
    return 0;
  }

  /** Tonnes per day of commodity {@code c} this agent expects to use. */
  abstract double expectedUsePerDay(int c);

  /** Whether this agent buys commodity {@code c} at all. */
  abstract boolean buys(int c);

  /** Tonnes of {@code c} owed to this agent's own customers and not yet served (backlog). */
  double owed(int c) {
    return 0;
  }

  /** The stock of {@code c} this agent aims to hold for its own use. */
  double targetStock(int c) {
    return expectedUsePerDay(c) * targetCoverDays[c];
  }

  /** Stock plus the material on its way it expects to arrive, less what is owed: what the order-up-to rule steers. */
  double position(int c) {
    return inventory.tonnes(c) + inTransit[c] * reliability[c] - owed(c);
  }

  /** The position this agent orders up to at a clearing that recurs every {@code reviewDays}. */
  double targetPosition(int c, double reviewDays) {
    return expectedUsePerDay(c) * (targetCoverDays[c] + leadDays[c] + reviewDays);
  }

  /** The quantity to order at a clearing that recurs every {@code reviewDays}. */
  double orderQuantity(int c, double reviewDays) {
    return Math.max(0, targetPosition(c, reviewDays) - position(c));
  }

  /** Sets the shares of this agent's orders placed first with named producers. */
  void preferSuppliers(int[] producerIndices, double[] shares) {
    if (producerIndices.length != shares.length) throw new IllegalArgumentException("one share per supplier");
    suppliers = producerIndices.clone();
    supplierShares = shares.clone();
    supplierCovers = new boolean[suppliers.length][];
  }

  /** Limits the share of orders placed with supplier {@code i} (in {@link #suppliers} order) to some commodities. */
  void limitSupplier(int i, boolean[] commodities) {
    supplierCovers[i] = commodities.clone();
  }

  /** Whether the share placed with supplier {@code i} covers commodity {@code c}. */
  boolean supplierCovers(int i, int c) {
    return supplierCovers[i] == null || supplierCovers[i][c];
  }

  /**
   * Places {@code share} of this agent's orders first with {@code producer} (a new offtake for commodity
   * {@code c}): its other contracts and its spot buying each give up that share of what they had. A share it
   * already had with that producer that named its commodities now covers {@code c} too.
   */
  void addSupplier(int producer, double share, int c) {
    int at = -1;
    for (int i = 0; i < suppliers.length; i++) {
      supplierShares[i] *= 1 - share;
      if (suppliers[i] == producer) at = i;
    }
    if (at < 0) {
      suppliers = java.util.Arrays.copyOf(suppliers, suppliers.length + 1);
      supplierShares = java.util.Arrays.copyOf(supplierShares, supplierShares.length + 1);
      supplierCovers = java.util.Arrays.copyOf(supplierCovers, supplierCovers.length + 1);
      at = suppliers.length - 1;
      suppliers[at] = producer;
    }
    supplierShares[at] += share;
    if (supplierCovers[at] != null) supplierCovers[at][c] = true;
  }

  void expectLeadDays(int c, double days) {
    leadDays[c] = days;
  }

  /**
   * Stocks an arriving shipment and learns from how long it took, by its tonnes: when each arrival weighed the
   * same, a few tonnes from a supplier five weeks away every other month moved China's magnet makers' expected
   * lead time by days, their NdPr target position by 1,400 t, and China's NdPr price in a two-month sawtooth.
   */
  void receive(int c, double tonnes, double[] origin, double leadTimeDays) {
    inventory.add(c, tonnes, origin);
    inTransit[c] = Math.max(0, inTransit[c] - tonnes);
    double flow = expectedUsePerDay(c) * LEAD_TIME_MEMORY_DAYS;
    double weight = flow > 0 ? 1 - StrictMath.exp(-tonnes / flow) : LEAD_TIME_LEARNING;
    leadDays[c] += weight * (leadTimeDays - leadDays[c]);
    reliability[c] += RELIABILITY_LEARNING * (1 - reliability[c]);
  }

  /** Takes a refused shipment off what is on its way, and learns that shipments can be refused. */
  void refused(int c, double tonnes) {
    inTransit[c] = Math.max(0, inTransit[c] - tonnes);
    reliability[c] += RELIABILITY_LEARNING * (0 - reliability[c]);
  }

  /** Sets an opening stock and the cover this agent aims for. */
  void openStock(int c, double tonnes, double coverDays, double[] origin) {
    inventory.add(c, tonnes, origin);
    targetCoverDays[c] = coverDays;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + id + "]";
  }
}
