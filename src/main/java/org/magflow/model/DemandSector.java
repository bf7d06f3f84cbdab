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

  /**
   * A technology that does the sector's job with fewer or no rare-earth magnets: a ferrite or induction motor,
   * a geared wind turbine, less magnet per motor. Buyers adopt it as the price stays above its threshold
   * ({@link Adoption}).
   *
   * @param maxShare the share of the sector's demand it can replace at most
   * @param ratePerYear the fastest it replaces demand, share per year
   */
  public record Technology(String id, double thresholdMultiple, double maxShare, double ratePerYear) {}

  /**
   * Demand lost for good when it goes unmet for long: products not made, production moved or redesigned.
   *
   * @param ratePerYear the share of demand lost per year of complete shortage (in proportion to the share short)
   * @param maxShare the most of the sector's demand that can be lost
   */
  public record DemandLoss(double ratePerYear, double maxShare) {
    public static final DemandLoss NONE = new DemandLoss(0, 0);
  }

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
  /** The technologies open to this sector and the share of demand each has taken; none: one-number substitution. */
  private Technology[] technologies = new Technology[0];
  private double[] adopted = new double[0];
  private DemandLoss loss = DemandLoss.NONE;
  /** The share of underlying demand lost for good. */
  double lost;
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

  /**
   * Gives the sector its own technology options, which replace the scenario-wide substitution for it, and the
   * rule by which demand it cannot meet is lost for good (a backlog sector's waits instead).
   */
  public void respondOverYears(List<Technology> options, DemandLoss loss) {
    this.technologies = options.toArray(Technology[]::new);
    this.adopted = new double[technologies.length];
    this.loss = backlogUnmet ? DemandLoss.NONE : loss;
  }

  /** The technology options, in scenario order. */
  List<Technology> technologies() {
    return List.of(technologies);
  }

  /** Whether demand this sector cannot meet is lost for good, so its lost share is worth reporting. */
  boolean respondsWithLoss() {
    return loss.ratePerYear() > 0;
  }

  /** The share of demand technology {@code i} has taken. */
  double adopted(int i) {
    return adopted[i];
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
    double underlyingPerDay = Units.perDay(underlyingPerYear(years, powers));
    plannedPerDay = underlyingPerDay * powers.pow(priceMultiple, -curve.priceElasticity()) * (1 - substitution)
        * (1 - lost);
    double demand = plannedPerDay * days * noiseFactor(response.noise());
    double stock = inventory.tonnes(commodity);
    double owedBefore = backlog;
    double used = Math.min(stock, owedBefore + demand);
    // what went unmet this step, net: a backlog sector catching up on old orders is not short again
    double shortfall = Math.max(0, demand - used);
    if (used > 0) inventory.remove(commodity, used);
    backlog = backlogUnmet ? owedBefore + demand - used : 0;
    if (loss.ratePerYear() > 0 && shortfall > 0 && demand > 0) {
      lost = Math.min(loss.maxShare(), lost + loss.ratePerYear() * (shortfall / demand) * Units.years(days));
    }
    log.consumed(this, demand, used, shortfall, now, days);
  }

  /** Substitution follows its target with a first-order lag whose starting speed is the maximum rate. */
  private void adaptSubstitution(double days, double priceMultiple, DemandResponse response) {
    if (technologies.length > 0) {
      adaptTechnologies(days, priceMultiple);
      return;
    }
    double threshold = response.substitutionThresholdMultiple();
    double maxShare = response.substitutionMaxShare();
    if (maxShare <= 0 || response.substitutionRatePerYear() <= 0) return;
    double excess = Math.max(0, priceMultiple - threshold) / threshold;
    double target = maxShare * Math.min(1, excess);
    double lagYears = maxShare / response.substitutionRatePerYear();
    substitution += (target - substitution) * (1 - StrictMath.exp(-Units.years(days) / lagYears));
  }

  /** Each technology moves toward its target, never back; together they replace 1 - prod(1 - share). */
  private void adaptTechnologies(double days, double priceMultiple) {
    double remaining = 1;
    for (int i = 0; i < technologies.length; i++) {
      Technology t = technologies[i];
      adopted[i] = Adoption.after(adopted[i], days, priceMultiple, t.thresholdMultiple(), t.maxShare(), t.ratePerYear());
      remaining *= 1 - adopted[i];
    }
    substitution = 1 - remaining;
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
