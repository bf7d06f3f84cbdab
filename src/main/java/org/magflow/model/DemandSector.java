package org.magflow.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;
import org.magflow.units.Units;

/**
 * Buyers of one commodity in one region and sector: carmakers' magnets in the US, wind in Europe.
 *
 * <p>Demand grows at a steady rate, responds at once to the zone price through a short-run elasticity, and
 * slowly through substitution and thrifting when prices stay high ({@link DemandResponse}). Each step the
 * sector draws on its own stock; what it cannot cover is lost (a car not built) or kept as a backlog (a
 * defence order waits), which is served first when material arrives. Its shortage in a step is the demand
 * it could not meet net of backlog it caught up on, so a tonne short is counted once.
 */
public final class DemandSector extends Agent {

  /**
   * Scenario-wide demand response.
   *
   * @param substitutionThresholdMultiple price multiple above which buyers begin to substitute
   * @param substitutionMaxShare the most demand substitution can remove
   * @param substitutionRatePerYear the fastest substitution grows, share of demand per year
   * @param noise coefficient of variation of each step's demand
   */
  public record DemandResponse(double substitutionThresholdMultiple, double substitutionMaxShare,
                               double substitutionRatePerYear, double noise) {}

  /**
   * The sector's underlying demand.
   *
   * @param baseTonnesPerYear demand at the scenario start, at reference prices
   * @param growthPerYear compound growth of the underlying demand
   * @param priceElasticity short-run elasticity of demand to the zone price multiple (positive number)
   */
  public record DemandCurve(double baseTonnesPerYear, double growthPerYear, double priceElasticity) {}

  final String sector;
  final int commodity;
  final DemandCurve curve;
  final int priority;
  final boolean backlogUnmet;
  private final RandomGenerator noise;
  /** The noise's coefficient of variation and the log-variance it gives, kept from the last step. */
  private double noiseCv = Double.NaN;
  private double noiseSigma2;
  double substitution;
  double backlog;
  /** Demand at current prices per day, before noise: what the sector plans its purchases on. */
  private double plannedPerDay;

  public DemandSector(int index, String id, String name, Region region, String sector, int commodity,
                      DemandCurve curve, int priority, boolean backlogUnmet, int[] suppliers, double[] supplierShares,
                      List<String> tags, RandomGenerator noise, int commodities, int regions) {
    super(index, id, name, region, tags, commodities, regions);
    this.sector = sector;
    this.commodity = commodity;
    this.curve = curve;
    this.priority = priority;
    this.backlogUnmet = backlogUnmet;
    preferSuppliers(suppliers, supplierShares);
    this.noise = noise;
    this.plannedPerDay = Units.perDay(curve.baseTonnesPerYear());
  }

  public String sector() {
    return sector;
  }

  @Override
  int priority() {
    return priority;
  }

  @Override
  Collection<String> endUses() {
    List<String> uses = new ArrayList<>(tags);
    uses.add(0, sector);
    return uses;
  }

  @Override
  boolean buys(int c) {
    return c == commodity;
  }

  @Override
  double expectedUsePerDay(int c) {
    return c == commodity ? plannedPerDay : 0;
  }

  @Override
  double owed(int c) {
    return c == commodity ? backlog : 0;
  }

  /** Underlying demand, tonnes per year, {@code years} after the scenario start at reference prices. */
  private double underlyingPerYear(double years, PowCache powers) {
    return curve.baseTonnesPerYear() * powers.pow(1 + curve.growthPerYear(), years);
  }

  /**
   * Uses stock for the {@code days} starting now, given the zone's price multiple.
   *
   * @param years time since the scenario start, in years (negative during warm-up)
   * @param powers shared by the sectors consuming in one step, which raise the same numbers to the same powers
   */
  void consume(double days, double years, double priceMultiple, DemandResponse response, ConsumptionLog log,
               double now, PowCache powers) {
    adaptSubstitution(days, priceMultiple, response);
    plannedPerDay = Units.perDay(underlyingPerYear(years, powers))
        * powers.pow(priceMultiple, -curve.priceElasticity()) * (1 - substitution);
    double demand = plannedPerDay * days * noiseFactor(response.noise());
    double stock = inventory.tonnes(commodity);
    double owedBefore = backlog;
    double used = Math.min(stock, owedBefore + demand);
    // what went unmet this step, net: a backlog sector catching up on old orders is not short again
    double shortfall = Math.max(0, demand - used);
    if (used > 0) inventory.remove(commodity, used);
    backlog = backlogUnmet ? owedBefore + demand - used : 0;
    log.consumed(this, demand, used, shortfall, now, days);
  }

  /** Substitution follows its target with a first-order lag whose starting speed is the maximum rate. */
  private void adaptSubstitution(double days, double priceMultiple, DemandResponse response) {
    double threshold = response.substitutionThresholdMultiple();
    double maxShare = response.substitutionMaxShare();
    if (maxShare <= 0 || response.substitutionRatePerYear() <= 0) return;
    double excess = Math.max(0, priceMultiple - threshold) / threshold;
    double target = maxShare * Math.min(1, excess);
    double lagYears = maxShare / response.substitutionRatePerYear();
    substitution += (target - substitution) * (1 - StrictMath.exp(-Units.years(days) / lagYears));
  }

  /** A mean-one lognormal factor with the given coefficient of variation. */
  private double noiseFactor(double cv) {
    if (cv <= 0) return 1;
    if (cv != noiseCv) { // the same every step of a run: computed once
      noiseCv = cv;
      noiseSigma2 = StrictMath.log1p(cv * cv);
    }
    return StrictMath.exp(Math.sqrt(noiseSigma2) * noise.nextGaussian() - noiseSigma2 / 2);
  }

  /** Receives what the sector wanted, used and went without. */
  interface ConsumptionLog {
    void consumed(DemandSector s, double demand, double used, double shortfall, double now, double days);
  }
}
