package org.magflow.event;

/** The names and units of the time-series metrics, shared by the model that reports them and the outputs. */
public final class Metrics {
  private Metrics() {}

  // Producers
  /** Tonnes of a commodity made by a producer's recipes in the period. */
  public static final String PRODUCTION = "production";
  /** Tonnes of a commodity taken as recipe input in the period. */
  public static final String INPUT_USE = "input_use";
  /** Tonnes of recipe runs (the capacity basis) at one stage in the period; {@code sector} is the stage. */
  public static final String THROUGHPUT = "throughput";
  /** Installed capacity at a stage at the end of the period, tonnes per year; {@code sector} is the stage. */
  public static final String CAPACITY = "capacity";
  /** Throughput over what capacity allowed in the period (0–1); {@code sector} is the stage. */
  public static final String UTILISATION = "utilisation";

  // Demand sectors
  /** Tonnes wanted in the period after price response and substitution. */
  public static final String DEMAND = "demand";
  /** Tonnes used by a demand sector in the period (its met demand, including backlog served). */
  public static final String CONSUMPTION = "consumption";
  /** Tonnes of this period's demand that went unmet. */
  public static final String SHORTAGE = "shortage";
  /** Unmet demand waiting to be served at the period end (backlog sectors only). */
  public static final String BACKLOG = "backlog";
  /** Tonnes that arrived at an agent in the period. */
  public static final String DELIVERED = "delivered";
  /** Share of the sector's underlying demand substituted or thrifted away at the period end (0–1). */
  public static final String SUBSTITUTION = "substitution";
  /**
   * Share of the sector's underlying demand one technology option has taken at the period end (0–1);
   * {@code partner} is the technology (only for sectors given their own options).
   */
  public static final String TECHNOLOGY_SHARE = "technology_share";
  /**
   * Share of a recipe input a plant has thrifted away at the period end (0–1), e.g. dysprosium cut by
   * grain-boundary diffusion; {@code partner} is the plant, {@code sector} its stage.
   */
  public static final String INPUT_CUT = "input_cut";
  /** Share of the sector's underlying demand lost for good at the period end (0–1), where it can be lost. */
  public static final String DEMAND_LOST = "demand_lost";

  // Stocks and trade
  /** Tonnes held by an agent at the period end. */
  public static final String INVENTORY = "inventory";
  /** Days of the agent's expected use its stock covers at the period end. */
  public static final String COVER_DAYS = "cover_days";
  /** Tonnes that left {@code region} for {@code partner} in the period (same region: domestic trade). */
  public static final String SHIPPED = "shipped";
  /**
   * Tonnes of {@code shipped} that crossed a cut lane by grey routes (a throttle's {@code leakage}), by
   * exporting region and destination.
   */
  public static final String LEAKED = "leaked";
  /** Tonnes whose export licence was granted in the period, by exporting region and destination. */
  public static final String LICENCES_APPROVED = "licences_approved";
  /** Tonnes whose export licence was refused in the period, by exporting region and destination. */
  public static final String LICENCES_DENIED = "licences_denied";
  /** Tonnes awaiting licence review at the period end, by exporting region and destination. */
  public static final String LICENCES_PENDING = "licences_pending";
  /** Tonnes destroyed in the period (refused shipments a rule writes off), by exporting region and destination. */
  public static final String WRITTEN_OFF = "written_off";
  /** Price in a zone ({@code region} column) at the period end, US dollars per kg. */
  public static final String PRICE = "price";
  /**
   * Share by mass of the stock held in {@code region} whose {@code sector} stage (mined, separated or made)
   * happened in {@code partner}, at the period end. Zero shares are not written.
   */
  public static final String ORIGIN_SHARE = "origin_share";

  public static final String TONNES = "t";
  public static final String TONNES_PER_YEAR = "t/yr";
  public static final String DAYS = "days";
  public static final String SHARE = "share";
  public static final String USD_PER_KG = "USD/kg";
}
