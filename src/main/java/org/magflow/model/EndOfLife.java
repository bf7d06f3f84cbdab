package org.magflow.model;

import java.util.ArrayList;
import java.util.List;
import org.magflow.units.Units;

/**
 * Magnets coming back at the end of their products' lives, and the recycling plants they feed.
 *
 * <p>Every tonne a demand sector uses returns as scrap after its product's life, spread evenly over half to one
 * and a half times the sector's mean lifetime [assumption: the sources give ranges, not distributions]. Use
 * before the run is taken from the sector's demand curve, run backwards. Of what returns, a share can be
 * collected; the recycling plants of a region share what is collected there in proportion to their capacity,
 * which limits what they can run. What is not collected stays in landfill and products: it never entered the
 * material balance, which counts magnets from the moment they are made to the moment they are used.
 */
final class EndOfLife {
  private static final double BIN_DAYS = Units.DAYS_PER_YEAR / 12;

  /** One sector's use, in monthly bins from {@code origin}. */
  private record Use(DemandSector sector, double lifetimeDays, double[] tonnes) {}

  private final double origin;
  /** The agent index of the first demand sector: sectors' uses are kept in agent order. */
  private final int firstSector;
  private final double collectionShare;
  private final List<Use> uses = new ArrayList<>();
  /** The recycling plants, in the order of the producers that own them. */
  private final List<Facility> plants = new ArrayList<>();

  /**
   * @param lifetimeYears each sector's mean product lifetime, in the order of {@code sectors}
   * @param scenarioStart the simulation time of the scenario start, from which growth is counted
   * @param endTime the end of the run
   */
  EndOfLife(List<DemandSector> sectors, double[] lifetimeYears, double collectionShare, double scenarioStart,
            double endTime, List<Producer> producers) {
    this.collectionShare = collectionShare;
    this.firstSector = sectors.isEmpty() ? 0 : sectors.get(0).index;
    double longest = 0;
    for (double years : lifetimeYears) longest = Math.max(longest, years);
    this.origin = -1.5 * longest * Units.DAYS_PER_YEAR - BIN_DAYS;
    int bins = (int) Math.ceil((endTime - origin) / BIN_DAYS) + 1;
    for (int i = 0; i < sectors.size(); i++) {
      DemandSector s = sectors.get(i);
      double[] tonnes = new double[bins];
      // before the run: the demand curve backwards, at reference prices
      for (int b = 0; b < bins && start(b) + BIN_DAYS <= 0; b++) {
        double years = Units.years(start(b) + BIN_DAYS / 2 - scenarioStart);
        tonnes[b] = Units.tonnesOver(s.curve.baseTonnesPerYear() * StrictMath.pow(1 + s.curve.growthPerYear(), years),
            BIN_DAYS);
      }
      uses.add(new Use(s, lifetimeYears[i] * Units.DAYS_PER_YEAR, tonnes));
    }
    for (Producer p : producers) {
      for (Facility f : p.facilities) {
        if (f.recipe.stage() != Stage.RECYCLING) continue;
        plants.add(f);
        f.feedFrom(now -> share(f, now));
      }
    }
  }

  private double start(int bin) {
    return origin + bin * BIN_DAYS;
  }

  /** Notes that a sector used {@code tonnes} at {@code now}. */
  void used(DemandSector s, double tonnes, double now) {
    Use u = uses.get(s.index - firstSector);
    u.tonnes()[(int) ((now - origin) / BIN_DAYS)] += tonnes;
  }

  /** Tonnes a year of magnets reaching the end of their lives in {@code region} at {@code now}, collected or not. */
  double returningPerYear(Region region, double now) {
    double perYear = 0;
    for (Use u : uses) {
      if (u.sector().region != region) continue;
      double from = now - 1.5 * u.lifetimeDays(); // made this long ago, or later, and
      double to = now - 0.5 * u.lifetimeDays(); // this long ago, or earlier
      double[] tonnes = u.tonnes();
      for (int b = Math.max(0, (int) ((from - origin) / BIN_DAYS)); b < tonnes.length && start(b) < to; b++) {
        double overlap = Math.min(to, start(b) + BIN_DAYS) - Math.max(from, start(b));
        // each tonne returns at a rate of 1/lifetime over a window one lifetime long
        if (overlap > 0) perYear += tonnes[b] * (overlap / BIN_DAYS) / u.lifetimeDays() * Units.DAYS_PER_YEAR;
      }
    }
    return perYear;
  }

  /** A plant's feed: its region's collected scrap, shared among the region's recycling plants by capacity. */
  private double share(Facility plant, double now) {
    double capacity = 0;
    for (Facility f : plants) if (f.site == plant.site) capacity += f.unfedAt(now);
    double own = plant.unfedAt(now);
    if (own <= 0) return 0;
    return collectionShare * returningPerYear(plant.site, now) * own / capacity;
  }
}
