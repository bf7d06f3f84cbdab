package org.magflow.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.magflow.policy.Rule;
import org.magflow.policy.TradeRules;
import org.magflow.units.Units;

/**
 * Clears one commodity among all buyers and sellers, and moves the zone prices after it.
 *
 * <p>Each clearing: buyers order by their order-up-to rule; producers offer the stock they hold above the
 * position their own plants order up to. A buyer's order is split into lines: a line per supplier share (a
 * contract or an established tie) of a supplier that makes the commodity, which tries that supplier first,
 * and a spot line for the rest. A line then tries sellers by lowest landed cost (the seller's zone price plus
 * freight), among the routes the policies in force allow. When a seller, or a throttled lane, is asked for
 * more than it can give, the highest-priority buyers are served first and equal priorities pro rata; an
 * unfilled remainder moves on to the buyer's next seller. Fills become shipments that arrive after the
 * route's transit time.
 *
 * <p>A buyer that goes abroad for the price, not for want of supply, is a trader: its spot line reaches a seller
 * in another price zone whose landed cost is below the price in the buyer's own zone, but by less than a few per
 * cent (China's magnet makers buying the NdPr of separators outside China when that price dips just below
 * China's). Traders are served after every other buyer has been served or has no seller left to ask, and only
 * from a seller's spare stock, what it holds above its customers' cover ({@link Agent#salesTarget}). A zone's
 * surplus then goes abroad week by week, as it comes. Served pro rata with everyone, a trader's order, the size
 * of a whole zone's needs, took a zone's sellers' stock in a lump whenever its price dipped and left the zone's
 * own buyers unfilled and their price jumping (issue 12). Across a wider gap the trader is served with everyone
 * else: a seller whose customers pay far less than traders offer sells to traders, and its customers turn to the
 * zone's other sellers (under China's procurement ban on MP Materials, Japan's magnet makers buy MP's NdPr once
 * Lynas's goes to China). A buyer whose own zone has no seller of the commodity is never a trader. Nor does a
 * trader's order tell the sellers abroad to make more: it is for what they have spare, not for what they plan
 * to make, so the sellers at home hear it.
 *
 * <p>A throttle cuts what a buyer can get, not just what it asks for: while a lane (exporting region,
 * destination region, commodity) is cut, each order line may take from that region's sellers at most the
 * allowed share of the line's <i>normal</i> size (its buyer's expected use over the review interval, times
 * the line's share of the order), however much the buyer orders in a panic. The cut stays a fraction of
 * normal trade as demand grows, and works from the first day.
 */
final class Market {
  private static final double EPSILON_TONNES = Inventory.EPSILON_TONNES;
  /**
   * How much cheaper, as a share of its landed cost, another zone's supply must be before its sellers drop their
   * own customers for traders who come for the price: inside this margin a seller keeps its customers and sells
   * traders its spare stock only. [assumption: a few per cent, the order of freight and of the premiums buyers pay
   * for a steady supplier; no source gives a figure]
   */
  private static final double CUSTOMER_MARGIN = 0.05;
  /** Allocation rounds within one priority class; each round fills or moves every active line. */
  private static final int MAX_ROUNDS = 1000;

  private final SupplyChain world;
  private final int regions;
  /** [commodity][exporter region][destination region]: share of normal trade the policies let through. */
  private final double[][][] allowed;
  /** [commodity]: whether a throttle cuts any lane, so that lines must count what they take from each region. */
  private final boolean[] throttled;
  /** [commodity][exporter region][destination region]: ad-valorem tariff on the lane. */
  private final double[][][] tariff;
  private List<Rule.ExportQuota> quotas = List.of();
  private final Fills fills;
  /** The region of each seller, by seller index. */
  private final int[] sellerRegion;
  /** [destination region][exporting region], at the clearing under way: whether the lane is an arbitrage lane. */
  private final boolean[][] arbitrageInto;

  Market(SupplyChain world) {
    this.world = world;
    this.regions = world.regions.size();
    this.allowed = new double[world.commodities.size()][regions][regions];
    this.tariff = new double[world.commodities.size()][regions][regions];
    this.throttled = new boolean[world.commodities.size()];
    this.fills = new Fills(world.agents.size());
    this.sellerRegion = world.sellers.stream().mapToInt(s -> s.region.index()).toArray();
    this.arbitrageInto = new boolean[regions][regions];
    apply(TradeRules.NONE);
  }

  /** Puts new trade rules in force. */
  void apply(TradeRules rules) {
    Arrays.fill(throttled, false);
    for (Commodity c : world.commodities) {
      for (Region from : world.regions) {
        for (Region to : world.regions) {
          allowed[c.index()][from.index()][to.index()] = rules.allowedShare(from.index(), to.index(), c.index());
          if (allowed[c.index()][from.index()][to.index()] < 1) throttled[c.index()] = true;
          tariff[c.index()][from.index()][to.index()] = rules.tariffRate(from.index(), to.index(), c.index());
        }
      }
    }
    quotas = rules.quotas();
  }

  /** Clears commodity {@code c} at {@code now}; clearings recur every {@code reviewDays}. */
  void clear(int c, double now, double reviewDays, boolean[][] blocked) {
    List<Agent> sellers = world.sellers;
    double[] available = new double[sellers.size()];
    for (Agent s : sellers) available[s.index] = s.offer(c, reviewDays);
    Budget[] budgets = budgets(c, reviewDays);
    // a seller sells to traders only the stock it holds above its customers' cover: its regular buyers, at home
    // or abroad, are served first, and a surplus goes abroad as it comes rather than in lumps
    double[] spare = new double[sellers.size()];
    for (Agent s : sellers) spare[s.index] = Math.max(0, available[s.index] - s.salesTarget(c));
    int[] candidates = possibleSellers(c);
    markArbitrageLanes(c, candidates);

    List<Line> lines = orderLines(c, reviewDays, blocked, candidates);
    double[] requested = new double[sellers.size()];
    int from = 0;
    while (from < lines.size()) {
      int to = from;
      while (to < lines.size() && lines.get(to).priority == lines.get(from).priority) to++;
      allocate(lines.subList(from, to), c, available, spare, budgets, requested);
      from = to;
    }
    registerUnaskedDemand(lines, c, now, requested);
    for (Agent s : sellers) if (s.makes(c)) s.noteRequests(c, requested[s.index] / reviewDays, reviewDays);
    fills.ship((seller, buyer, tonnes) -> world.ship(seller, buyer, c, tonnes, now, reviewDays));
    updatePrices(c, lines, reviewDays);
  }

  /** The buyers' orders as lines, highest priority first, in agent order within a priority. */
  private List<Line> orderLines(int c, double reviewDays, boolean[][] blocked, int[] candidates) {
    int[][] byCostTo = new int[regions][]; // the sellers by landed cost to each destination, made when first needed
    int regionsIfThrottled = throttled[c] ? regions : 0;
    List<Line> lines = new ArrayList<>();
    for (Agent buyer : world.agents) {
      if (!buyer.buys(c)) continue;
      double quantity = buyer.orderQuantity(c, reviewDays);
      if (quantity <= EPSILON_TONNES) continue;
      double normal = buyer.expectedUsePerDay(c) * reviewDays;
      int destination = buyer.region.index();
      if (byCostTo[destination] == null) byCostTo[destination] = sellersByLandedCost(candidates, destination, c);
      int[] byCost = byCostTo[destination];
      boolean[] blockedFrom = blocked == null ? null : blockedSellers(blocked, buyer.index);
      double spotShare = 1;
      for (int i = 0; i < buyer.suppliers.length; i++) {
        int supplier = buyer.suppliers[i];
        // an offtake covers what the supplier makes (or the part of it the contract names), and lapses while the
        // rules forbid the sale
        if (!world.sellers.get(supplier).makes(c) || !buyer.supplierCovers(i, c)
            || (blockedFrom != null && blockedFrom[supplier])) {
          continue;
        }
        double share = buyer.supplierShares[i];
        if (quantity * share <= EPSILON_TONNES) continue;
        lines.add(new Line(buyer, quantity * share, normal * share, supplier, byCost, blockedFrom, regionsIfThrottled,
            arbitrageInto[destination]));
        spotShare -= share;
      }
      if (quantity * spotShare > EPSILON_TONNES) {
        lines.add(new Line(buyer, quantity * spotShare, normal * spotShare, Line.NONE, byCost, blockedFrom,
            regionsIfThrottled, arbitrageInto[destination]));
      }
    }
    lines.sort(Comparator.comparingInt((Line l) -> -l.priority)); // stable: agent order within a priority
    return lines;
  }

  /** Whether each seller is forbidden to sell to this buyer. */
  private static boolean[] blockedSellers(boolean[][] blocked, int buyer) {
    boolean[] from = new boolean[blocked.length];
    for (int s = 0; s < blocked.length; s++) from[s] = blocked[s][buyer];
    return from;
  }

  /**
   * Sellers of {@code c} (those that make it or hold some), cheapest landed cost to the destination region
   * first, then in agent order. The landed cost is the price in the seller's zone, plus any tariff on it, plus
   * freight: a zone with a glut becomes the cheapest source for buyers elsewhere, which is what ties zone prices
   * together when trade is free. Each line skips itself and the sellers it may not buy from.
   */
  // Performance: one sort per destination region and clearing, not one per buyer; a buyer's order is this one
  // with some sellers skipped, because a stable sort keeps the order of any subset. Walking it lazily keeps a
  // clearing linear in the number of buyers (a full copy per buyer made it quadratic in the cast).
  private int[] sellersByLandedCost(int[] candidates, int destination, int c) {
    // A landed cost depends on the seller's region only, so: rank the regions by cost (equal costs share a rank),
    // then place the sellers rank by rank, each rank in agent order. That is the stable sort of the sellers by
    // cost, in time linear in their number.
    double[] cost = new double[regions];
    int[] byCost = new int[regions]; // region indices, cheapest first: insertion sort, as there are only a few
    for (int from = 0; from < regions; from++) {
      double landed = landedCost(c, from, destination);
      cost[from] = landed;
      int i = from;
      for (; i > 0 && Double.compare(cost[byCost[i - 1]], landed) > 0; i--) byCost[i] = byCost[i - 1];
      byCost[i] = from;
    }
    int[] rank = new int[regions];
    for (int i = 1; i < regions; i++) {
      rank[byCost[i]] = rank[byCost[i - 1]] + (Double.compare(cost[byCost[i - 1]], cost[byCost[i]]) == 0 ? 0 : 1);
    }
    int[] start = new int[regions + 1]; // where each rank's sellers start in the order
    for (int s : candidates) start[rank[sellerRegion[s]] + 1]++;
    for (int k = 0; k < regions; k++) start[k + 1] += start[k];
    int[] order = new int[candidates.length];
    for (int s : candidates) order[start[rank[sellerRegion[s]]]++] = s;
    return order;
  }

  /** What a kg of {@code c} from region {@code from} costs a buyer in {@code to}: price, tariff and freight. */
  private double landedCost(int c, int from, int to) {
    return world.prices.price(world.regions.get(from).zone(), c) * (1 + tariff[c][from][to])
        + world.routes.freightUsdPerKg(from, to);
  }

  /** The sellers that may sell {@code c} at this clearing, in agent order: those that make some or hold some. */
  private int[] possibleSellers(int c) {
    int[] found = new int[world.sellers.size()];
    int n = 0;
    for (Agent s : world.sellers) if (s.makes(c) || s.inventory.tonnes(c) > 0) found[n++] = s.index;
    return Arrays.copyOf(found, n);
  }

  /**
   * Allocates among lines of equal priority: in rounds, each line asks its current seller; a seller, or an
   * export quota, asked for more than it can give fills each ask pro rata and is then used up, so unfilled
   * lines move on. A line whose ask a throttle caps asks the next sellers for the rest in the same round: a
   * buyer that may take only part of its order from a throttled region competes for the other sellers' stock
   * on the same footing as buyers that may take nothing there, so a milder cut never leaves it worse served.
   * Traders wait until no other line has an ask left, then ask for sellers' spare stock (see the class comment).
   */
  private void allocate(List<Line> lines, int c, double[] available, double[] spare, Budget[] budgets,
                        double[] requested) {
    double[] asked = new double[available.length];
    double[] tradeAsked = new double[available.length]; // the part of asked that traders asked
    boolean tradersWait = true; // until every regular buyer is served or has no seller left to ask
    for (int round = 0; round < MAX_ROUNDS; round++) {
      Arrays.fill(asked, 0);
      Arrays.fill(tradeAsked, 0);
      for (Budget b : budgets) b.asked = 0;
      boolean anyAsk = false;
      for (Line line : lines) {
        line.asks = 0;
        if (line.remaining <= EPSILON_TONNES) continue;
        int destination = line.buyer.region.index();
        double need = line.remaining;
        for (int k = line.firstToAsk(available, spare, allowed[c], budgets, world); k >= 0;
             k = line.worthAsking(k + 1, available, spare, allowed[c], budgets, world)) {
          int s = line.sellerAt(k);
          int exporter = world.sellers.get(s).region.index();
          double allowance = line.allowance(exporter, allowed[c][exporter][destination]) - line.askedFrom(exporter, world);
          boolean trade = line.isArbitrage(k, exporter);
          if (trade && tradersWait) break;
          double ask = Math.min(need, trade ? Math.min(allowance, spare[s]) : allowance);
          if (ask > EPSILON_TONNES) {
            line.ask(s, k, ask);
            asked[s] += ask;
            if (trade) tradeAsked[s] += ask;
            for (Budget b : budgets) if (b.applies(exporter, destination)) b.asked += ask;
            need -= ask;
            anyAsk = true;
          }
          if (need <= EPSILON_TONNES) break;
        }
      }
      if (!anyAsk) {
        if (!tradersWait) return;
        tradersWait = false;
        continue;
      }
      double[] given = new double[available.length];
      double[] tradeGiven = new double[available.length];
      for (Budget b : budgets) b.given = 0;
      for (Line line : lines) {
        int destination = line.buyer.region.index();
        for (int k = 0; k < line.asks; k++) {
          int s = line.askSeller[k];
          int exporter = world.sellers.get(s).region.index();
          double regular = asked[s] - tradeAsked[s];
          boolean trade = line.isArbitrage(line.askPosition[k], exporter);
          double factor = trade ? Math.min(1, Math.max(0, Math.min(spare[s], available[s] - regular)) / tradeAsked[s])
              : Math.min(1, available[s] / regular);
          for (Budget b : budgets) if (b.applies(exporter, destination)) factor = Math.min(factor, b.left / b.asked);
          double filled = line.askTonnes[k] * factor;
          line.take(filled, exporter);
          given[s] += filled;
          if (trade) tradeGiven[s] += filled;
          for (Budget b : budgets) if (b.applies(exporter, destination)) b.given += filled;
          if (filled > 0) fills.add(s, line.buyer.index, filled);
        }
      }
      for (int s = 0; s < available.length; s++) {
        requested[s] += asked[s];
        available[s] = remainder(available[s], given[s]);
        spare[s] = Math.min(available[s], remainder(spare[s], tradeGiven[s]));
      }
      for (Budget b : budgets) b.left = remainder(b.left, b.given);
    }
  }

  /**
   * Marks the arbitrage lanes of {@code c} at this clearing, given its possible sellers: from a region in one
   * price zone to a region in another, where the landed cost (the exporter's zone price plus tariff and freight)
   * is below the price in the destination's zone, by no more than {@link #CUSTOMER_MARGIN}, and the destination's
   * zone has sellers of its own. A spot buyer that takes from such a lane comes for the price, not because its own
   * zone ran out; the seller serves it last, from its spare stock. Across a wider gap the trader outbids the
   * seller's own customers, and is served with them.
   */
  private void markArbitrageLanes(int c, int[] candidates) {
    boolean[] zoneSells = new boolean[world.prices.zones().size()]; // a buyer in a zone that sells none is not trading
    for (int s : candidates) zoneSells[world.sellers.get(s).region.zone()] = true;
    for (Region to : world.regions) {
      double there = world.prices.price(to.zone(), c);
      for (Region from : world.regions) {
        double landed = landedCost(c, from.index(), to.index());
        arbitrageInto[to.index()][from.index()] = zoneSells[to.zone()] && from.zone() != to.zone() && landed < there
            && landed * (1 + CUSTOMER_MARGIN) >= there;
      }
    }
  }

  /** The export quotas on {@code c} as budgets for one clearing: a year's quota spread evenly. */
  private Budget[] budgets(int c, double reviewDays) {
    List<Budget> budgets = new ArrayList<>();
    for (Rule.ExportQuota q : quotas) {
      if (q.commodities()[c]) {
        budgets.add(new Budget(q.exporter(), q.destinations(), Units.tonnesOver(q.tonnesPerYear(), reviewDays)));
      }
    }
    return budgets.toArray(Budget[]::new); // an array: looping over it, once per order line and round, allocates nothing
  }

  /** An export quota's tonnes left at this clearing, for sellers in one region and buyers in some. */
  private static final class Budget {
    final int exporter;
    final boolean[] destination; // the quota's own mask: read only
    double left;
    double asked;
    double given;

    Budget(int exporter, boolean[] destination, double tonnes) {
      this.exporter = exporter;
      this.destination = destination;
      this.left = tonnes;
    }

    boolean applies(int from, int to) {
      return from == exporter && destination[to];
    }
  }

  /**
   * The tonnes each seller sells each buyer at one clearing, summed over lines and rounds in the order they were
   * filled, and shipped in (seller, buyer) order so that shipping order never depends on how allocation went.
   */
  // Performance: fills are kept as they come in two primitive arrays and sorted once per clearing; a sorted map
  // of boxed keys and sums cost 5% of a run.
  private static final class Fills {
    /** Bits below a fill's (seller, buyer) key: the fill's number at this clearing, so equal keys keep their order. */
    private static final int ORDER_BITS = 36;
    private final int agents;
    private long[] keys = new long[64];
    private double[] tonnes = new double[64];
    private int count;

    Fills(int agents) {
      this.agents = agents;
    }

    void add(int seller, int buyer, double t) {
      if (count == keys.length) {
        keys = Arrays.copyOf(keys, 2 * count);
        tonnes = Arrays.copyOf(tonnes, 2 * count);
      }
      keys[count] = ((long) seller * agents + buyer) << ORDER_BITS | count;
      tonnes[count++] = t;
    }

    /** Ships every (seller, buyer) total and starts afresh. */
    void ship(Shipper shipper) {
      Arrays.sort(keys, 0, count);
      for (int i = 0; i < count; ) {
        long pair = keys[i] >>> ORDER_BITS;
        double sum = tonnes[(int) (keys[i] & ((1L << ORDER_BITS) - 1))];
        for (i++; i < count && keys[i] >>> ORDER_BITS == pair; i++) {
          sum += tonnes[(int) (keys[i] & ((1L << ORDER_BITS) - 1))];
        }
        shipper.ship((int) (pair / agents), (int) (pair % agents), sum);
      }
      count = 0;
    }

    interface Shipper {
      void ship(int seller, int buyer, double tonnes);
    }
  }

  /** What is left after giving; a resource given all it had is used up exactly, so rounding leaves no dust. */
  private static double remainder(double had, double given) {
    return given >= had * (1 - 1e-12) ? 0 : had - given;
  }

  /**
   * Sellers hear of demand they could meet even when they had nothing to sell, or a new plant, or any seller
   * that ran empty, would never plan output and would stay empty. Each line tells its first seller able to
   * make the commodity on an open lane what it wants (its contract customers), and a line left unfilled
   * tells the first such seller it may still take from what it lacks; sellers the line asked have heard it.
   * A trader lane is not such a lane: a seller abroad that a trader tells of its whole zone's needs plans
   * output for a customer that takes only its spare stock, and its unsold surplus then pulls its own zone's
   * price down (the calm world's ex-China NdPr sat at 0.91x, issue 12).
   */
  private void registerUnaskedDemand(List<Line> lines, int c, double now, double[] requested) {
    for (Line line : lines) {
      int first = firstCapableSeller(line, c, now, false);
      if (first >= 0 && !line.asked(first)) requested[first] += line.quantity;
      if (line.remaining > EPSILON_TONNES) {
        int next = firstCapableSeller(line, c, now, true);
        if (next >= 0 && next != first) requested[next] += line.remaining;
      }
    }
  }

  /**
   * The first seller in the line's order able to make {@code c} on an open lane that is not a trader's; for an
   * unfilled remainder, the first such seller the line did not ask and may still take from, which is idle
   * capacity that could answer a shortage.
   */
  private int firstCapableSeller(Line line, int c, double now, boolean forRemainder) {
    int destination = line.buyer.region.index();
    for (int k = line.next(0); k >= 0; k = line.next(k + 1)) {
      int s = line.sellerAt(k);
      Agent seller = world.sellers.get(s);
      int exporter = seller.region.index();
      double share = allowed[c][exporter][destination];
      boolean open = share > 0 && !line.isArbitrage(k, exporter)
          && (!forRemainder || (!line.asked(s) && line.allowance(exporter, share) > EPSILON_TONNES));
      if (open && seller.canMake(c, now)) return s;
    }
    return -1;
  }

  /**
   * Moves each zone's price with its balance after the clearing: buyers' cover (the lower of their inventory
   * positions against the positions they order up to, and their stock against their target stock), the
   * share of their orders left unfilled (scarcity), and sellers' unsold stock above their own needs and
   * sales cover, in units of the buyers' target positions (glut). A buyer whose orders are filled is on
   * target, so a market where every order is met sits at its reference price. See {@link PriceBook}.
   */
  private void updatePrices(int c, List<Line> lines, double reviewDays) {
    int zones = world.prices.zones().size();
    double[] position = new double[zones];
    double[] target = new double[zones];
    double[] stock = new double[zones];
    double[] stockTarget = new double[zones];
    double[] sellerSurplus = new double[zones];
    double[] ordered = new double[zones];
    double[] filled = new double[zones];
    double[] planned = new double[zones]; // the zone's producers' planned output of c, tonnes a day
    for (Agent a : world.agents) {
      int z = a.region.zone();
      boolean sells = a.makes(c);
      if (a.buys(c)) {
        double aim = a.targetPosition(c, reviewDays);
        // a plant that also makes this input counts its stock toward its own need first
        position[z] += sells ? Math.min(a.position(c), aim) : a.position(c);
        target[z] += aim;
        double own = a.targetStock(c);
        stock[z] += sells ? Math.min(a.inventory.tonnes(c), own) : a.inventory.tonnes(c);
        stockTarget[z] += own;
      }
      if (sells) sellerSurplus[z] += Math.max(0, a.offer(c, reviewDays) - a.salesTarget(c));
      if (sells && a instanceof Producer p) planned[z] += p.plannedOutputPerDay(c);
    }
    for (Line line : lines) {
      int z = line.buyer.region.zone();
      ordered[z] += line.quantity;
      filled[z] += line.quantity - line.remaining;
    }
    for (int z = 0; z < zones; z++) {
      if (target[z] <= 0) continue; // no buyers in the zone: nothing to price against
      // Scarcity shows either way: in what buyers have on order (position) or, when that pipeline is long and
      // uncertain (licences), in what they actually hold.
      double cover = Math.max(0, position[z]) / target[z];
      if (stockTarget[z] > 0) cover = Math.min(cover, stock[z] / stockTarget[z]);
      double unfilled = ordered[z] > 0 ? Math.max(0, 1 - filled[z] / ordered[z]) : 0;
      world.prices.update(z, c, cover, unfilled, sellerSurplus[z] / target[z], planned[z], reviewDays);
    }
  }

  /**
   * Part of one buyer's order, with the sellers it will try in turn: its preferred supplier, if any, then the
   * sellers by landed cost to its region, skipping itself, the preferred supplier and sellers it may not buy
   * from. Positions in that sequence: 0 is the preferred supplier, k &ge; 1 is {@code byCost[k - 1]}.
   */
  private static final class Line {
    static final int NONE = -1;
    final Agent buyer;
    final int priority;
    final double quantity;
    /** The line's size in a normal review interval: what a throttle's allowed share is a share of. */
    final double normal;
    final int preferred;
    final int[] byCost; // shared by the lines of every buyer in a region: read only
    final boolean[] blockedFrom; // null when no sale is forbidden
    final boolean[] arbitrageFrom; // by exporting region: the lanes into the buyer's region that are arbitrage
    /** Tonnes filled from each exporting region, for throttles; empty when no throttle is in force. */
    final double[] filledFrom;
    private long[] askedSellers = new long[1]; // a bit per seller
    double remaining;
    /** This round's asks: sellers and tonnes; more than one only when a throttle caps the first. */
    int[] askSeller = new int[1];
    int[] askPosition = new int[1];
    double[] askTonnes = new double[1];
    int asks;
    /** The position of the seller the line is asking first this round. */
    int pos;

    /** @param regions the number of regions, or 0 when no throttle is in force */
    Line(Agent buyer, double quantity, double normal, int preferred, int[] byCost, boolean[] blockedFrom,
         int regions, boolean[] arbitrageFrom) {
      this.arbitrageFrom = arbitrageFrom;
      this.buyer = buyer;
      this.priority = buyer.priority();
      this.quantity = quantity;
      this.normal = normal;
      this.remaining = quantity;
      this.preferred = preferred;
      this.byCost = byCost;
      this.blockedFrom = blockedFrom;
      this.filledFrom = new double[regions];
    }

    int sellerAt(int k) {
      return k == 0 ? preferred : byCost[k - 1];
    }

    /** The first position at or after {@code k} in the line's sequence of sellers, or -1 past its end. */
    int next(int k) {
      if (k == 0) {
        if (preferred != NONE) return 0;
        k = 1;
      }
      for (; k <= byCost.length; k++) {
        int s = byCost[k - 1];
        if (s != preferred && s != buyer.index && (blockedFrom == null || !blockedFrom[s])) return k;
      }
      return -1;
    }

    /**
     * The position of the first seller still worth asking, from the current one on: it has stock, the line may
     * still take from its region, and no export quota on the lane is used up (for a trader: it has spare stock);
     * -1 when none is left. The line
     * keeps its place there for later rounds.
     */
    int firstToAsk(double[] available, double[] spare, double[][] allowed, Budget[] budgets, SupplyChain world) {
      pos = worthAsking(pos, available, spare, allowed, budgets, world);
      if (pos >= 0) return pos;
      pos = byCost.length + 1; // exhausted: later rounds find nothing
      return -1;
    }

    /** The first position at or after {@code k} whose seller is still worth asking, or -1. */
    int worthAsking(int k, double[] available, double[] spare, double[][] allowed, Budget[] budgets,
                    SupplyChain world) {
      int destination = buyer.region.index();
      for (k = next(k); k >= 0; k = next(k + 1)) {
        int s = sellerAt(k);
        int exporter = world.sellers.get(s).region.index();
        double stock = isArbitrage(k, exporter) ? spare[s] : available[s];
        if (stock > EPSILON_TONNES && allowance(exporter, allowed[exporter][destination]) > EPSILON_TONNES
            && budgetsLeft(budgets, exporter, destination)) {
          return k;
        }
      }
      return -1;
    }

    /** Whether buying from the seller at position {@code k}, in region {@code exporter}, is trading: spot, abroad, for the price. */
    boolean isArbitrage(int k, int exporter) {
      return k > 0 && arbitrageFrom[exporter];
    }

    /** Tonnes this line has already asked of sellers in the exporting region this round. */
    double askedFrom(int exporter, SupplyChain world) {
      double t = 0;
      for (int k = 0; k < asks; k++) if (world.sellers.get(askSeller[k]).region.index() == exporter) t += askTonnes[k];
      return t;
    }

    private static boolean budgetsLeft(Budget[] budgets, int exporter, int destination) {
      for (Budget b : budgets) if (b.applies(exporter, destination) && b.left <= EPSILON_TONNES) return false;
      return true;
    }

    /** What this line may still take from an exporting region that lets through {@code share} of normal trade. */
    double allowance(int exporter, double share) {
      return share >= 1 ? remaining : Math.max(0, share * normal - filledFrom[exporter]);
    }

    boolean asked(int seller) {
      int word = seller >>> 6;
      return word < askedSellers.length && (askedSellers[word] & (1L << seller)) != 0;
    }

    void ask(int seller, int position, double tonnes) {
      if (asks == askSeller.length) {
        askSeller = Arrays.copyOf(askSeller, 2 * asks);
        askPosition = Arrays.copyOf(askPosition, 2 * asks);
        askTonnes = Arrays.copyOf(askTonnes, 2 * asks);
      }
      askSeller[asks] = seller;
      askPosition[asks] = position;
      askTonnes[asks++] = tonnes;
      int word = seller >>> 6;
      if (word >= askedSellers.length) askedSellers = Arrays.copyOf(askedSellers, word + 1);
      askedSellers[word] |= 1L << seller;
    }

    void take(double tonnes, int exporter) {
      remaining -= tonnes;
      if (filledFrom.length > 0) filledFrom[exporter] += tonnes;
    }
  }
}
