package org.magflow.sweep;

/**
 * A sweep's worker as shipped to another machine: the plan ({@link ShippedPlan}), and for a search's batch the
 * points it runs, as {@link SweepPlan#pointsText} wrote them.
 *
 * @param plan the plan, built once per machine for every batch that ships an equal one
 * @param cachedCounterfactuals how many counterfactual runs the worker keeps for reuse
 * @param points the batch's points, or null for the design's
 */
record ShippedSweep(ShippedPlan plan, int cachedCounterfactuals, String points)
    implements RunWorker.BatchRecipe<SweepPlan> {
  private static final long serialVersionUID = 1L;

  @Override
  public RunWorker.Shared<SweepPlan> shared() {
    return plan;
  }

  @Override
  public RunWorker build(SweepPlan built) {
    return new SweepWorker(built, cachedCounterfactuals, points == null ? null : built.points(points));
  }
}
