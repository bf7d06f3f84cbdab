package org.magflow.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A plant that runs one recipe at a site, within a capacity that changes over time. Where its recipe has
 * {@link Recipe#alternatives() alternatives} (a magnet line's grades), it runs any mix of them within that one
 * capacity, each with a plan of its own.
 *
 * <p>Its scheduled capacity (ramps, outages) can be changed by policies in force: capacity events add
 * expansions, outages and closures; a technology ban delays and derates what the plant adds after the ban
 * started, including expansions. The model sets these {@link Adjustments} whenever the policies in force
 * change.
 */
public final class Facility {
  final String id;
  final Recipe recipe;
  /** The recipes it can run: its recipe first, then that recipe's alternatives. */
  final Recipe[] recipes;
  final Region site;
  final CapacitySchedule capacity;
  /**
   * Tonnes of activity per day the plant is set to run each of its {@link #recipes}; each moves toward what its
   * owner's sales call for.
   */
  final double[] plannedPerDay;
  private Adjustments adjustments = Adjustments.NONE;
  /** Where a recycling plant's feed comes from, or null for a plant whose capacity alone limits it. */
  private Feed feed;
  /** The share of each thrift's input cut so far, by {@link Recipe#thrifts()} position. */
  private final double[] thrifted;
  /** Tonnes of each commodity used per tonne of activity of each of its recipes, after thrifting. */
  private final double[][] inputs;
  /** Capacity built during the run by projects of the investment pipeline (see {@link Investment}). */
  private final List<Expansion> built = new ArrayList<>();
  // Performance: availableAt is asked for one time by every buyer's order at a clearing; the last answer is kept.
  private double availableTime = Double.NaN;
  private double available;

  public Facility(String id, Recipe recipe, Region site, CapacitySchedule capacity) {
    this.id = Objects.requireNonNull(id, "id");
    this.recipe = Objects.requireNonNull(recipe, "recipe");
    this.site = Objects.requireNonNull(site, "site");
    this.capacity = Objects.requireNonNull(capacity, "capacity");
    this.recipes = new Recipe[1 + recipe.alternatives().size()];
    recipes[0] = recipe;
    for (int r = 1; r < recipes.length; r++) recipes[r] = recipe.alternatives().get(r - 1);
    this.plannedPerDay = new double[recipes.length];
    this.thrifted = new double[recipe.thrifts().size()];
    this.inputs = new double[recipes.length][recipe.commodityCount()];
    for (int r = 0; r < recipes.length; r++) {
      for (int c = 0; c < recipe.commodityCount(); c++) inputs[r][c] = recipes[r].input(c);
    }
  }

  /**
   * Tonnes of commodity {@code c} this plant uses per tonne of activity of its recipe {@code r} (see
   * {@link #recipes}): the recipe's, less what it thrifted.
   */
  double input(int r, int c) {
    return inputs[r][c];
  }

  /** Whether any of its recipes makes commodity {@code c}. */
  boolean makes(int c) {
    for (Recipe r : recipes) if (r.output(c) > 0) return true;
    return false;
  }

  /** The share of thrift {@code i}'s input this plant has cut. */
  double thrifted(int i) {
    return thrifted[i];
  }

  /**
   * Cuts thrifted inputs further after {@code days} at the given price multiples of each commodity. A thrift of
   * its recipe cuts the same share of that input in each alternative that uses it.
   *
   * @return whether the plant's inputs changed
   */
  boolean thrift(double days, double[] priceMultiple) {
    boolean changed = false;
    List<Recipe.Thrift> thrifts = recipe.thrifts();
    for (int i = 0; i < thrifted.length; i++) {
      Recipe.Thrift t = thrifts.get(i);
      double cut = Adoption.after(thrifted[i], days, priceMultiple[t.input()], t.thresholdMultiple(), t.maxCut(),
          t.ratePerYear());
      if (cut == thrifted[i]) continue;
      thrifted[i] = cut;
      for (int r = 0; r < recipes.length; r++) inputs[r][t.input()] = recipes[r].input(t.input()) * (1 - cut);
      changed = true;
    }
    return changed;
  }

  public String id() {
    return id;
  }

  public Recipe recipe() {
    return recipe;
  }

  public Region site() {
    return site;
  }

  /**
   * What policies do to the plant's capacity.
   *
   * @param expansions capacity added by capacity events
   * @param availableFraction the share left running by outage events (1 for none, 0 for a closure)
   * @param banStart the simulation time a technology ban on this plant started, or NaN for none
   * @param banDelayDays how long the ban delays what the plant adds after it started
   * @param banDerate the share of that addition the ban takes away
   */
  record Adjustments(List<Expansion> expansions, double availableFraction, double banStart, double banDelayDays,
                     double banDerate) {
    static final Adjustments NONE = new Adjustments(List.of(), 1, Double.NaN, 0, 0);

    boolean banned() {
      return !Double.isNaN(banStart);
    }
  }

  /** Capacity added from {@code start}, reaching {@code tonnesPerYear} after {@code rampDays}. */
  record Expansion(double start, double tonnesPerYear, double rampDays) {
    double at(double t) {
      if (t < start) return 0;
      return rampDays <= 0 ? tonnesPerYear : tonnesPerYear * Math.min(1, (t - start) / rampDays);
    }

    /** Capacity at {@code t} after a technology ban, which delays and derates what starts after it. */
    double after(Adjustments a, double t) {
      boolean slowed = a.banned() && start >= a.banStart();
      return slowed ? at(t - a.banDelayDays()) * (1 - a.banDerate()) : at(t);
    }
  }

  /**
   * Adds capacity a project finished building at {@code start}, reaching {@code tonnesPerYear} after
   * {@code rampDays}. A technology ban in force on the plant delays and derates it like any other addition.
   */
  void commission(double start, double tonnesPerYear, double rampDays) {
    built.add(new Expansion(start, tonnesPerYear, rampDays));
    availableTime = Double.NaN;
  }

  /** The tonnes a year of feed a plant can get at a time (a recycler's share of its region's scrap). */
  @FunctionalInterface
  interface Feed {
    double tonnesPerYearAt(double now);
  }

  /** Limits the plant to what {@code feed} supplies; its capacity still limits it too. */
  void feedFrom(Feed feed) {
    this.feed = feed;
    availableTime = Double.NaN;
  }

  void adjust(Adjustments adjustments) {
    this.adjustments = adjustments;
    availableTime = Double.NaN;
  }

  /** Capacity that can run at {@code now}, tonnes of activity per year, after the policies in force. */
  double availableAt(double now) {
    if (now != availableTime) { // also when the kept time is NaN: nothing kept
      available = computeAvailableAt(now);
      availableTime = now;
    }
    return available;
  }

  private double computeAvailableAt(double now) {
    double unfed = unfedAt(now);
    return feed == null ? unfed : Math.min(unfed, feed.tonnesPerYearAt(now));
  }

  /** Capacity that could run at {@code now} with all the feed it wanted, tonnes of activity per year. */
  double unfedAt(double now) {
    Adjustments a = adjustments;
    double installed = capacity.installedAt(now);
    if (a.banned() && now >= a.banStart) {
      // what the plant adds after the ban started arrives later and smaller; what it had, it keeps
      double before = capacity.installedAt(a.banStart);
      double added = Math.max(0, capacity.installedAt(now - a.banDelayDays()) - before) * (1 - a.banDerate());
      installed = Math.min(installed, before + added);
    }
    for (Expansion e : a.expansions()) installed += e.after(a, now);
    for (int i = 0; i < built.size(); i++) installed += built.get(i).after(a, now);
    return installed * capacity.outageFactor(now) * a.availableFraction();
  }

  /** Installed capacity at {@code now} after the policies in force, before outages. */
  double installedAt(double now) {
    double outages = capacity.outageFactor(now) * adjustments.availableFraction();
    return outages > 0 ? (feed == null ? availableAt(now) : unfedAt(now)) / outages : capacity.installedAt(now);
  }
}
