package org.magflow.model;

import java.util.Arrays;
import java.util.List;
import org.magflow.units.Units;

/**
 * A firm or an aggregate of firms that mines, separates or makes, with its plants and its stocks.
 *
 * <p>Production is pulled by sales: each plant aims its run rate at the orders its owner has been receiving
 * plus what the owner's own plants use, adding enough to keep the target cover of finished stock. When its
 * outputs fetch well above their reference price ({@value #PUSH_PRICE_MULTIPLE}x or more), a plant also runs
 * at all it can without waiting for orders and sells into the scarce market: price reaches every producer,
 * orders only those buyers already know. It does so only while what it makes sells: the push fades as unsold
 * stock climbs from its aim to the glut level ({@link #pushShare}). The run rate follows the aim with a lag
 * (plants do not stop or restart in a day), which is why unsold output backs up when an export door closes.
 *
 * <p>The aim is the sales rate plus a correction of the finished-stock gap, closed over the plants' adjustment
 * time {@code T} and measured against the stock the present plans will leave after {@code T} (stock plus
 * (planned output − sales rate) × T), not against today's stock. With today's stock and the whole gap closed in
 * one step, the lagged plan and the stock form an under-damped loop (damping ratio ½·√(step/T) = 0.25 at weekly
 * steps and T = 28 days) that rang with a period of about three months: mines swung between 40% and 96% of
 * capacity in the baseline and the concentrate price touched twice its reference. Counting what the plans will
 * add makes the loop critically damped (A·x″ + 2·x′ + x/A = 0 for a stock deviation x and adjustment time A).
 * What can run is capped
 * by the available capacity times a utilisation ceiling that rises with the realised price
 * ({@link SupplyResponse}), and by the inputs in stock.
 */
public final class Producer extends Agent {
  /** The realised price multiple at which plants run at all they can, without waiting for orders. */
  static final double PUSH_PRICE_MULTIPLE = 1.25;

  /** Buyers of inputs rank between low-priority and high-priority demand sectors when supply is short. */
  static final int INPUT_BUYER_PRIORITY = 50;

  /**
   * How a producer's output responds to price.
   *
   * @param normalUtilisation share of capacity that runs when the realised price equals the reference
   * @param priceElasticity elasticity of the utilisation ceiling to the realised price multiple
   * @param maxCoverDays days of sales above which the producer makes no more, and toward which a price push fades
   * @param adjustmentDays time constant with which plants move their run rate toward what sales call for
   * @param orderAdjustmentDays days over which the producer closes the gap between its inputs' position and the
   *     position it orders up to (0: at each clearing, the order-up-to rule)
   */
  public record SupplyResponse(double normalUtilisation, double priceElasticity, double maxCoverDays,
                               double adjustmentDays, double orderAdjustmentDays) {
    /** A response whose producer orders its inputs up to its target position at each clearing. */
    public SupplyResponse(double normalUtilisation, double priceElasticity, double maxCoverDays, double adjustmentDays) {
      this(normalUtilisation, priceElasticity, maxCoverDays, adjustmentDays, 0);
    }
  }

  /** How fast the sales signal follows the orders received: its time constant in days. */
  private static final double SALES_SMOOTHING_DAYS = 28;

  final List<Facility> facilities;
  final SupplyResponse supply;
  /** The regions whose content its own sourcing rule refuses, from {@link #excludingFrom}; none by default. */
  private int[] excludedOrigins = new int[0];
  private double excludingFrom = Double.POSITIVE_INFINITY;
  /** Smoothed tonnes per day that buyers asked this producer for, per commodity. */
  final double[] requestedPerDay;
  private final boolean[] sells;
  private final boolean[] uses;
  /** Tonnes per day of each commodity the plants' current plans use; recomputed when a plan has changed. */
  private final double[] usePerDay;
  private boolean usePerDayStale = true;
  /** Whether the order adjustment time applies yet (from the scenario start). */
  private boolean smoothingOrders;
  /** The origin of what a plant makes, reused from run to run (inventories copy what they are given). */
  private final double[] madeOrigin;

  public Producer(int index, String id, String name, Region region, List<String> tags, List<Facility> facilities,
                  SupplyResponse supply, int commodities, int regions) {
    super(index, id, name, region, tags, commodities, regions);
    this.facilities = List.copyOf(facilities);
    this.supply = supply;
    this.requestedPerDay = new double[commodities];
    this.sells = new boolean[commodities];
    this.uses = new boolean[commodities];
    this.usePerDay = new double[commodities];
    this.madeOrigin = Origin.empty(regions);
    for (Facility f : facilities) {
      for (Recipe recipe : f.recipes) {
        for (int c = 0; c < commodities; c++) {
          if (recipe.output(c) > 0) sells[c] = true;
          if (recipe.input(c) > 0) uses[c] = true;
        }
      }
    }
  }

  /**
   * Places the given shares of this producer's input orders first with the named producers (offtakes); a row of
   * {@code covers} limits that supplier's share to the commodities marked, a null row leaves it all its supplier makes.
   */
  public void buyFirstFrom(int[] producerIndices, double[] shares, boolean[][] covers) {
    preferSuppliers(producerIndices, shares);
    for (int i = 0; i < covers.length; i++) if (covers[i] != null) limitSupplier(i, covers[i]);
  }

  /**
   * From {@code fromTime} on, buys nothing with content (any stage) from the given regions: the firm's own rule,
   * as a defence supplier keeps its feed clear of the content its customers may not take.
   */
  public void sourceWithout(int[] excludedRegions, double fromTime) {
    this.excludedOrigins = excludedRegions.clone();
    this.excludingFrom = fromTime;
  }

  /** Whether this producer has a sourcing rule of its own. */
  boolean excludesOrigins() {
    return excludedOrigins.length > 0;
  }

  /** Whether, at {@code now}, its own sourcing rule refuses material of this origin. */
  boolean refuses(double[] origin, double now, int regions) {
    return now >= excludingFrom && TradeParties.hasContentFrom(origin, excludedOrigins, regions);
  }

  public List<Facility> facilities() {
    return facilities;
  }

  @Override
  int priority() {
    return INPUT_BUYER_PRIORITY;
  }

  @Override
  boolean buys(int c) {
    return uses[c];
  }

  /** Whether any of this producer's plants makes commodity {@code c}. */
  @Override
  boolean makes(int c) {
    return sells[c];
  }

  /** Whether a plant making {@code c} has capacity available at {@code now}. */
  @Override
  boolean canMake(int c, double now) {
    for (int i = 0; i < facilities.size(); i++) { // Performance: indexed, as the iterator was not optimised away
      Facility f = facilities.get(i);
      if (f.makes(c) && f.availableAt(now) > 0) return true;
    }
    return false;
  }

  // Performance: buyers ask for this at every clearing and price update, plans change once a production step.
  @Override
  double expectedUsePerDay(int c) {
    if (usePerDayStale) {
      for (int k = 0; k < usePerDay.length; k++) {
        double use = 0;
        for (int i = 0; i < facilities.size(); i++) {
          Facility f = facilities.get(i);
          for (int r = 0; r < f.recipes.length; r++) use += f.plannedPerDay[r] * f.input(r, k);
        }
        usePerDay[k] = use;
      }
      usePerDayStale = false;
    }
    return usePerDay[c];
  }

  /** Lets plants that can thrift an input cut it further, after {@code days} at these price multiples. */
  void thrift(double days, double[] priceMultiple) {
    for (int i = 0; i < facilities.size(); i++) {
      if (facilities.get(i).thrift(days, priceMultiple)) usePerDayStale = true;
    }
  }

  /** Tonnes a day of {@code c} its plants' current plans make. */
  double plannedOutputPerDay(int c) {
    double out = 0;
    for (int i = 0; i < facilities.size(); i++) {
      Facility f = facilities.get(i);
      for (int r = 0; r < f.recipes.length; r++) out += f.plannedPerDay[r] * f.recipes[r].output(c);
    }
    return out;
  }

  /** Whether any plant of this producer can thrift an input. */
  boolean thrifts() {
    for (Facility f : facilities) if (!f.recipe.thrifts().isEmpty()) return true;
    return false;
  }

  /** Starts every plant at its normal utilisation of the capacity available at time 0. */
  void planNormalUtilisation() {
    // alternatives start idle and take up their share as their orders come in during the warm-up
    for (Facility f : facilities) f.plannedPerDay[0] = Units.perDay(f.capacity.availableAt(0)) * supply.normalUtilisation();
    usePerDayStale = true;
  }

  /** The finished stock this producer aims to hold for its customers, beyond what its own plants need. */
  @Override
  double salesTarget(int c) {
    return requestedPerDay[c] * targetCoverDays[c];
  }

  /**
   * Tonnes of {@code c} this producer will sell at a clearing: what it holds above the position its own plants
   * order up to, so it never sells what it would buy back at the same clearing. An input it does not make it
   * keeps up to its glut level, {@code maxCoverDays} of its plants' use: a dip in its plans is no reason to sell
   * what licences take months to replace. Selling down to the position, Japan's magnet makers sold 33 t of Dy/Tb
   * to China in August 2027 as their use dipped (october-2025-suspended, seed 4), their stock fell from 89 t to
   * 26 t by October, and ex-China Dy/Tb reached 2.46x its reference in November (issue 12).
   */
  @Override
  double offer(int c, double reviewDays) {
    double stock = inventory.tonnes(c);
    double keep = targetPosition(c, reviewDays);
    if (uses[c] && !sells[c]) keep = Math.max(keep, expectedUsePerDay(c) * supply.maxCoverDays());
    return Math.min(stock, Math.max(0, position(c) - keep));
  }

  /**
   * What this producer orders of an input. With an order adjustment time (from the scenario start, see
   * {@link #startSmoothingOrders()}): its plants' expected use over the review interval plus the share
   * review/adjustment of the rest of the gap to the position it orders up to (anchoring and adjustment); otherwise
   * the whole gap (order-up-to). The position it orders up to is weeks of cover, lead time and review of its
   * plants' planned use, so a change of plans moves it by several weeks of the change, and an order-up-to buyer
   * orders all of that in one week: China's separators' concentrate orders swung between 5,000 and 14,500 t a
   * week while their use moved between 8,100 and 10,700 t, the mines' two weeks of stock drained, and the
   * ex-China concentrate price, which sees only buyers' cover, jumped when the last stock was gone (issue 12).
   * In steady use both rules order the use.
   */
  @Override
  double orderQuantity(int c, double reviewDays) {
    double normal = expectedUsePerDay(c) * reviewDays;
    double gap = targetPosition(c, reviewDays) - position(c) - normal;
    double closed = smoothingOrders && supply.orderAdjustmentDays() > reviewDays ? reviewDays / supply.orderAdjustmentDays() : 1;
    return Math.max(0, normal + gap * closed);
  }

  /**
   * Turns on the order adjustment time: from the scenario start, as the warm-up settles the opening stocks (guesses)
   * by order-up-to; spreading that settling out delayed it into the reported months.
   */
  void startSmoothingOrders() {
    smoothingOrders = true;
  }

  /** Takes note of the tonnes per day buyers asked for at the latest clearing. */
  @Override
  void noteRequests(int c, double tonnesPerDay, double reviewDays) {
    requestedPerDay[c] += (tonnesPerDay - requestedPerDay[c]) * (1 - StrictMath.exp(-reviewDays / SALES_SMOOTHING_DAYS));
  }

  /**
   * Runs every plant for the {@code days} starting at {@code now}.
   *
   * @param revenueMultiple the realised price multiple of the outputs of each plant's recipes, by plant and then
   *     by {@link Facility#recipes} position
   * @param production receives what was made and used
   */
  void produce(double now, double days, double reviewDays, double[][] revenueMultiple, ProductionLog production) {
    int commodities = inTransit.length;
    int regions = inventory.origin(0).length / Origin.STAGES;
    double[] capacityOf = new double[facilities.size()];
    double[] potential = new double[commodities]; // tonnes per day of each output all plants could make
    double[] planned = new double[commodities];
    for (int i = 0; i < facilities.size(); i++) {
      Facility f = facilities.get(i);
      capacityOf[i] = Units.perDay(f.availableAt(now));
      for (int r = 0; r < f.recipes.length; r++) {
        for (int c = 0; c < commodities; c++) {
          potential[c] += capacityOf[i] * f.recipes[r].output(c);
          planned[c] += f.plannedPerDay[r] * f.recipes[r].output(c);
        }
      }
    }
    for (int i = 0; i < facilities.size(); i++) {
      Facility f = facilities.get(i);
      int n = f.recipes.length;
      Plans plans = plans(n);
      for (int r = 0; r < n; r++) {
        plan(f.recipes[r], capacityOf[i], revenueMultiple[i][r], days, reviewDays, potential, planned, plans, r);
      }
      double mostPerDay = plans.canRun[0];
      if (n > 1) mostPerDay = shareOneCapacity(plans, n);
      double lag = 1 - StrictMath.exp(-days / supply.adjustmentDays());
      double plannedTotal = 0;
      for (int r = 0; r < n; r++) {
        f.plannedPerDay[r] += (plans.target[r] - f.plannedPerDay[r]) * lag;
        f.plannedPerDay[r] = Math.max(0, Math.min(f.plannedPerDay[r], plans.canRun[r])); // a plan never exceeds what can run
        plannedTotal += f.plannedPerDay[r];
      }
      if (plannedTotal > mostPerDay) for (int r = 0; r < n; r++) f.plannedPerDay[r] *= mostPerDay / plannedTotal;
      usePerDayStale = true;
      production.capacity(this, f, capacityOf[i] * days, now, days);
      if (n == 1) {
        double activity = plans.glut[0] ? 0 : f.plannedPerDay[0] * days;
        for (int c = 0; c < commodities; c++) {
          double need = f.input(0, c);
          if (need > 0) activity = Math.min(activity, inventory.tonnes(c) / need);
        }
        if (activity > Inventory.EPSILON_TONNES) run(f, 0, activity, now, days, commodities, regions, production);
      } else {
        runMix(f, plans, now, days, commodities, regions, production);
      }
    }
  }

  /**
   * Shares one plant's capacity among its recipes: first what their sales call for, each its share when together
   * they call for more than the best-paid one can run; then what is left among those a price push takes further,
   * so a push on one grade never takes the capacity another grade's orders need.
   *
   * @return the most the plant can run, tonnes of activity a day
   */
  private static double shareOneCapacity(Plans plans, int n) {
    double most = 0;
    double sales = 0;
    double pushed = 0;
    for (int r = 0; r < n; r++) {
      most = Math.max(most, plans.canRun[r]);
      double forSales = Math.min(plans.aim[r], plans.canRun[r]);
      sales += forSales;
      pushed += plans.target[r] - forSales;
    }
    double salesShare = sales > most ? most / sales : 1;
    double pushShare = sales >= most ? 0 : pushed > most - sales ? (most - sales) / pushed : 1;
    for (int r = 0; r < n; r++) {
      double forSales = Math.min(plans.aim[r], plans.canRun[r]);
      plans.target[r] = forSales * salesShare + (plans.target[r] - forSales) * pushShare;
    }
    return most;
  }

  /** What sales and prices call for from one of a plant's recipes, worked out by {@link #plan}. */
  private static final class Plans {
    /** The run rate it moves toward: what sales call for, raised by a price push, within what can run. */
    final double[] target;
    /** What the price lets it run. */
    final double[] canRun;
    /** What sales call for, before a price push. */
    final double[] aim;
    /** Whether its outputs' unsold stock is at the glut level, where it makes nothing. */
    final boolean[] glut;

    Plans(int recipes) {
      target = new double[recipes];
      canRun = new double[recipes];
      aim = new double[recipes];
      glut = new boolean[recipes];
    }
  }

  // Performance: most plants run one recipe; their plans reuse one set of arrays.
  private final Plans onePlan = new Plans(1);

  private Plans plans(int recipes) {
    return recipes == 1 ? onePlan : new Plans(recipes);
  }

  /**
   * Works out the run rate that sales call for from recipe {@code r} of a plant with {@code capacityPerDay}:
   * refill finished stock to cover, shared among the plants making each output in proportion to how much of it
   * each could make, so a heavy-rich separator covers the heavy oxides' demand; raised toward all it can run by a
   * price push; and capped by what the price lets it run.
   */
  private void plan(Recipe recipe, double capacityPerDay, double revenueMultiple, double days, double reviewDays,
                    double[] potential, double[] planned, Plans plans, int r) {
    double aimPerDay = 0;
    boolean glut = true;
    double pushWeight = 0; // how far a price push may take this plant: the most any of its outputs allows
    double correctionDays = Math.max(days, supply.adjustmentDays());
    for (int c = 0; c < potential.length; c++) {
      double yield = recipe.output(c);
      if (yield <= 0) continue;
      double ratePerDay = requestedPerDay[c] + expectedUsePerDay(c);
      // The stock gap is closed over the plants' adjustment time, against the stock the present plans will
      // leave once they have had that time to act (see the class comment).
      double projected = held(c) + (planned[c] - ratePerDay) * supply.adjustmentDays();
      double aim = stockAim(c, reviewDays);
      double gap = aim - projected;
      double share = potential[c] > 0 ? capacityPerDay * yield / potential[c] : 0;
      aimPerDay = Math.max(aimPerDay, (ratePerDay + gap / correctionDays) * share / yield);
      double stock = inventory.tonnes(c);
      double glutTonnes = supply.maxCoverDays() * ratePerDay;
      if (stock <= 0 || stock < glutTonnes) glut = false; // an empty store is never a glut
      pushWeight = Math.max(pushWeight, pushShare(stock, Math.min(aim, glutTonnes), glutTonnes));
    }
    double ceiling = Math.min(1, supply.normalUtilisation() * StrictMath.pow(revenueMultiple, supply.priceElasticity()));
    double canRunPerDay = capacityPerDay * ceiling;
    plans.aim[r] = aimPerDay; // what sales call for
    if (revenueMultiple >= PUSH_PRICE_MULTIPLE && pushWeight > 0 && canRunPerDay > aimPerDay) {
      aimPerDay += (canRunPerDay - aimPerDay) * pushWeight;
    }
    plans.target[r] = Math.min(aimPerDay, canRunPerDay);
    plans.canRun[r] = canRunPerDay;
    plans.glut[r] = glut;
  }

  /**
   * Runs a plant's recipes in turn, each within its plan and the inputs the ones before it left. Capacity that
   * one leaves idle for want of an input goes to the others, up to what their sales call for: a magnet line
   * short of Dy/Tb makes heavy-free grades for the buyers waiting for them.
   */
  private void runMix(Facility f, Plans plans, double now, double days, int commodities, int regions,
                      ProductionLog production) {
    int n = f.recipes.length;
    double[] left = new double[commodities];
    for (int c = 0; c < commodities; c++) left[c] = inventory.tonnes(c);
    double[] activity = new double[n];
    double idle = 0;
    for (int r = 0; r < n; r++) {
      if (plans.glut[r]) continue;
      double plannedTonnes = f.plannedPerDay[r] * days;
      activity[r] = take(f, r, plannedTonnes, left);
      idle += plannedTonnes - activity[r];
    }
    for (int r = 0; r < n && idle > Inventory.EPSILON_TONNES; r++) {
      if (plans.glut[r]) continue;
      double more = take(f, r, Math.min(idle, Math.max(0, Math.min(plans.aim[r], plans.canRun[r]) * days - activity[r])), left);
      activity[r] += more;
      idle -= more;
    }
    for (int r = 0; r < n; r++) {
      if (activity[r] > Inventory.EPSILON_TONNES) run(f, r, activity[r], now, days, commodities, regions, production);
    }
  }

  /** The tonnes of recipe {@code r}, up to {@code tonnes}, the inputs {@code left} allow; takes their inputs from it. */
  private static double take(Facility f, int r, double tonnes, double[] left) {
    double activity = tonnes;
    for (int c = 0; c < left.length; c++) {
      double need = f.input(r, c);
      if (need > 0) activity = Math.min(activity, left[c] / need);
    }
    activity = Math.max(0, activity);
    for (int c = 0; c < left.length; c++) left[c] -= activity * f.input(r, c);
    return activity;
  }

  /**
   * How far a price push may run a plant, from the stock of one of its outputs: all the way while the stock is
   * at or below its aim (what is made sells), not at all once it reaches the glut level (what is made does not
   * sell: a high price in a market this producer cannot reach, as for Japan's makers under the de-minimis rule),
   * and in a straight line between. A switch here would turn the plants' plans, and the inputs they order, off
   * and on as the stock crossed it.
   */
  static double pushShare(double stock, double aimTonnes, double glutTonnes) {
    if (stock <= aimTonnes) return 1;
    if (stock >= glutTonnes) return 0;
    // not (glut - stock) / (glut - aim), which is NaN at an infinite glut level
    return 1 - (stock - aimTonnes) / (glutTonnes - aimTonnes);
  }

  /**
   * The stock of {@code c} this producer aims to hold: its sales cover, plus, for what its own plants use, the
   * position it orders up to, so that a plant feeding its owner's next stage (a mine feeding its own separator)
   * makes what that stage would otherwise buy.
   */
  private double stockAim(int c, double reviewDays) {
    return requestedPerDay[c] * targetCoverDays[c] + (uses[c] ? targetPosition(c, reviewDays) : 0);
  }

  /** What counts against the stock aim: stock, plus what is on its way for a commodity it also buys. */
  private double held(int c) {
    return uses[c] ? position(c) : inventory.tonnes(c);
  }

  /** Turns inputs into outputs; outputs inherit the origin of the inputs used (oldest lots first) plus this plant's stage. */
  private void run(Facility f, int r, double activity, double now, double days, int commodities, int regions,
                   ProductionLog production) {
    Recipe recipe = f.recipes[r];
    double[] origin = madeOrigin;
    boolean tracked = inventory.tracksOrigin();
    if (tracked) Arrays.fill(origin, 0);
    double inputTonnes = 0;
    for (int c = 0; c < commodities; c++) {
      double used = activity * f.input(r, c);
      if (used <= 0) continue;
      if (tracked) {
        Origin.mixInto(origin, inputTonnes, inventory.take(c, used), used); // the oldest lots go in first
      } else {
        inventory.remove(c, used);
      }
      inputTonnes += used;
      production.used(this, c, used, now, days);
    }
    if (tracked) Origin.stamp(origin, recipe.stage(), f.site.index(), regions);
    for (int c = 0; c < commodities; c++) {
      double made = activity * recipe.output(c);
      if (made <= 0) continue;
      inventory.add(c, made, origin);
      production.produced(this, c, made, now, days);
    }
    production.ran(this, f, recipe, activity, now, days);
  }

  /** Receives what plants make and use, for the ledger and the reports. */
  interface ProductionLog {
    void used(Producer p, int c, double tonnes, double now, double days);

    void produced(Producer p, int c, double tonnes, double now, double days);

    void ran(Producer p, Facility f, Recipe recipe, double activityTonnes, double now, double days);

    void capacity(Producer p, Facility f, double availableActivityTonnes, double now, double days);
  }
}
