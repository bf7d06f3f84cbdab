package org.magflow.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import org.magflow.policy.TradeRules;

/**
 * Clears one commodity among all buyers and sellers, and moves the zone prices after it.
 *
 * <p>Each clearing: buyers order by their order-up-to rule; producers offer the stock they hold above their
 * own plants' needs. A buyer's order is split into lines: a line per supplier share (a contract or an
 * established tie) of a supplier that makes the commodity, which tries that supplier first, and a spot line
 * for the rest. A line then tries
 * sellers by lowest landed cost (zone price plus freight), among the routes the policies in force allow.
 * When a seller is asked for more than it has, the highest-priority buyers are served first and equal
 * priorities are served pro rata; an unfilled remainder moves on to the buyer's next seller. Fills become
 * shipments that arrive after the route's transit time.
 */
final class Market {
  private static final double EPSILON_TONNES = Inventory.EPSILON_TONNES;

  private final SupplyChain world;
  private final int regions;
  /** [commodity][exporter region][destination region]: share of an order the policies let through. */
  private final double[][][] allowed;

  Market(SupplyChain world) {
    this.world = world;
    this.regions = world.regions.size();
    this.allowed = new double[world.commodities.size()][regions][regions];
    apply(TradeRules.NONE);
  }

  /** Puts new trade rules in force. */
  void apply(TradeRules rules) {
    for (Commodity c : world.commodities) {
      for (Region from : world.regions) {
        for (Region to : world.regions) {
          allowed[c.index()][from.index()][to.index()] = rules.allowedShare(from.id(), to.id(), c.id());
        }
      }
    }
  }

  /** Clears commodity {@code c} at {@code now}; clearings recur every {@code reviewDays}. */
  void clear(int c, double now, double reviewDays) {
    List<Producer> producers = world.producers;
    double[] available = new double[producers.size()];
    for (Producer p : producers) available[p.index] = p.offer(c);

    List<Line> lines = orderLines(c, reviewDays);
    double[] requested = new double[producers.size()];
    TreeMap<Long, Double> fills = new TreeMap<>(); // (seller, buyer) -> tonnes; sorted keeps shipping order fixed
    int from = 0;
    while (from < lines.size()) {
      int to = from;
      while (to < lines.size() && lines.get(to).priority == lines.get(from).priority) to++;
      allocate(lines.subList(from, to), c, available, requested, fills);
      from = to;
    }
    registerUnaskedDemand(lines, c, now, requested);
    for (Producer p : producers) if (p.makes(c)) p.noteRequests(c, requested[p.index] / reviewDays, reviewDays);
    fills.forEach((key, tonnes) -> world.ship((int) (key >>> 32), (int) (long) key, c, tonnes, now, reviewDays));
    updatePrices(c, lines, reviewDays);
  }

  /** The buyers' orders as lines, highest priority first, in agent order within a priority. */
  private List<Line> orderLines(int c, double reviewDays) {
    List<Line> lines = new ArrayList<>();
    for (Agent buyer : world.agents) {
      if (!buyer.buys(c)) continue;
      double quantity = buyer.orderQuantity(c, reviewDays);
      if (quantity <= EPSILON_TONNES) continue;
      int[] byCost = sellersByLandedCost(buyer, c);
      double spot = quantity;
      for (int i = 0; i < buyer.suppliers.length; i++) {
        if (!world.producers.get(buyer.suppliers[i]).makes(c)) continue; // an offtake covers what the supplier makes
        double share = quantity * buyer.supplierShares[i];
        if (share <= EPSILON_TONNES) continue;
        lines.add(new Line(buyer, share, preferring(buyer.suppliers[i], byCost), regions));
        spot -= share;
      }
      if (spot > EPSILON_TONNES) lines.add(new Line(buyer, spot, byCost, regions));
    }
    lines.sort(Comparator.comparingInt((Line l) -> -l.priority)); // stable: agent order within a priority
    return lines;
  }

  /**
   * Sellers of {@code c} other than the buyer, cheapest landed cost first, then in agent order. The landed
   * cost is the price in the seller's zone plus freight: a zone with a glut becomes the cheapest source for
   * buyers elsewhere, which is what ties zone prices together when trade is free.
   */
  private int[] sellersByLandedCost(Agent buyer, int c) {
    List<Producer> sellers = new ArrayList<>();
    for (Producer p : world.producers) {
      if (p != buyer && (p.makes(c) || p.inventory.tonnes(c) > 0)) sellers.add(p);
    }
    sellers.sort(Comparator.comparingDouble((Producer p) -> world.prices.price(p.region.zone(), c)
        + world.routes.freightUsdPerKg(p.region.index(), buyer.region.index())));
    return sellers.stream().mapToInt(p -> p.index).toArray();
  }

  private static int[] preferring(int first, int[] byCost) {
    int[] order = new int[byCost.length];
    order[0] = first;
    int n = 1;
    for (int s : byCost) if (s != first && n < order.length) order[n++] = s;
    return n == order.length ? order : Arrays.copyOf(order, n);
  }

  /**
   * Allocates among lines of equal priority: in rounds, each line asks its current seller; a seller asked
   * for more than it has fills each ask pro rata and is then empty, so unfilled lines move on.
   */
  private void allocate(List<Line> lines, int c, double[] available, double[] requested, TreeMap<Long, Double> fills) {
    double[] asked = new double[available.length];
    while (true) {
      Arrays.fill(asked, 0);
      boolean anyAsk = false;
      for (Line line : lines) {
        line.ask = 0;
        if (line.remaining <= EPSILON_TONNES) continue;
        int s = line.currentSeller(available, allowed[c], world);
        if (s < 0) continue;
        int exporter = world.producers.get(s).region.index();
        line.ask = Math.min(line.remaining, line.allowance(exporter, allowed[c][exporter][line.buyer.region.index()]));
        line.everAsked = true;
        asked[s] += line.ask;
        anyAsk = true;
      }
      if (!anyAsk) return;
      for (Line line : lines) {
        if (line.ask <= 0) continue;
        int s = line.prefs[line.pos];
        double filled = asked[s] <= available[s] ? line.ask : line.ask * available[s] / asked[s];
        line.take(filled, world.producers.get(s).region.index());
        if (filled > 0) fills.merge(((long) s << 32) | line.buyer.index, filled, Double::sum);
      }
      for (int s = 0; s < available.length; s++) {
        if (asked[s] <= 0) continue;
        requested[s] += asked[s];
        available[s] = asked[s] >= available[s] ? 0 : available[s] - asked[s];
      }
    }
  }

  /**
   * A line that found every seller empty still tells its first allowed seller able to make the commodity what
   * it wanted; otherwise empty sellers would never hear of demand, never plan output and stay empty.
   */
  private void registerUnaskedDemand(List<Line> lines, int c, double now, double[] requested) {
    for (Line line : lines) {
      if (line.everAsked) continue;
      int destination = line.buyer.region.index();
      for (int s : line.prefs) {
        Producer seller = world.producers.get(s);
        int exporter = seller.region.index();
        if (allowed[c][exporter][destination] > 0 && seller.canMake(c, now)) {
          requested[s] += line.quantity;
          break;
        }
      }
    }
  }

  /**
   * Moves each zone's price with its balance after the clearing: buyers' inventory positions against the
   * positions they order up to, and the share of their orders left unfilled (scarcity); and sellers' unsold
   * stock above their own needs and sales cover, in units of the buyers' target positions (glut). A buyer
   * whose orders are filled is exactly on target, so a market where every order is met sits at its
   * reference price. See {@link PriceBook} for the rule.
   */
  private void updatePrices(int c, List<Line> lines, double reviewDays) {
    int zones = world.prices.zones().size();
    double[] position = new double[zones];
    double[] target = new double[zones];
    double[] sellerSurplus = new double[zones];
    double[] ordered = new double[zones];
    double[] filled = new double[zones];
    for (Agent a : world.agents) {
      int z = a.region.zone();
      boolean sells = a instanceof Producer p && p.makes(c);
      if (a.buys(c)) {
        double aim = a.targetPosition(c, reviewDays);
        // a plant that also makes this input counts its stock toward its own need first
        position[z] += sells ? Math.min(a.position(c), aim) : a.position(c);
        target[z] += aim;
      }
      if (sells) {
        double own = a.buys(c) ? a.targetStock(c) : 0;
        sellerSurplus[z] += Math.max(0, a.inventory.tonnes(c) - own - ((Producer) a).salesTarget(c));
      }
    }
    for (Line line : lines) {
      int z = line.buyer.region.zone();
      ordered[z] += line.quantity;
      filled[z] += line.quantity - line.remaining;
    }
    for (int z = 0; z < zones; z++) {
      if (target[z] <= 0) continue; // no buyers in the zone: nothing to price against
      double cover = Math.max(0, position[z]) / target[z];
      double unfilled = ordered[z] > 0 ? Math.max(0, 1 - filled[z] / ordered[z]) : 0;
      world.prices.update(z, c, cover, unfilled, sellerSurplus[z] / target[z], reviewDays);
    }
  }

  /** Part of one buyer's order, with the sellers it will try in turn. */
  private static final class Line {
    final Agent buyer;
    final int priority;
    final double quantity;
    final int[] prefs;
    final double[] filledFrom; // tonnes filled from each exporting region, for throttles
    double remaining;
    double ask;
    boolean everAsked;
    int pos;

    Line(Agent buyer, double quantity, int[] prefs, int regions) {
      this.buyer = buyer;
      this.priority = buyer.priority();
      this.quantity = quantity;
      this.remaining = quantity;
      this.prefs = prefs;
      this.filledFrom = new double[regions];
    }

    /** The first seller still worth asking: it has stock, and the line's allowance from its region is left. */
    int currentSeller(double[] available, double[][] allowed, SupplyChain world) {
      int destination = buyer.region.index();
      while (pos < prefs.length) {
        int s = prefs[pos];
        int exporter = world.producers.get(s).region.index();
        if (available[s] > EPSILON_TONNES && allowance(exporter, allowed[exporter][destination]) > EPSILON_TONNES) {
          return s;
        }
        pos++;
      }
      return -1;
    }

    /** What this line may still take from an exporting region under a throttle letting {@code share} through. */
    double allowance(int exporter, double share) {
      return share >= 1 ? remaining : Math.max(0, quantity * share - filledFrom[exporter]);
    }

    void take(double tonnes, int exporter) {
      remaining -= tonnes;
      filledFrom[exporter] += tonnes;
    }
  }
}
