package org.magflow.policy;

/**
 * What the model can do to trade: the mechanisms that policy families compile to. Ids are indices (of
 * regions, commodities, agents, plants and policies, in the model's order), dates are simulation times, and a
 * set of ids is a mask indexed by id, so applying a rule looks nothing up by name.
 *
 * <p>Each mechanism says what it adds to the rules in force through {@link #addTo}; the interface is sealed
 * and the method abstract, so a new mechanism that does not say does not compile. A new policy family that
 * reuses these mechanisms needs no change here; a new mechanism needs one here and the model code that reads
 * it.
 */
// Plain indices, not typed ids (RegionId, ...): the compiled rules are built in one place (the families'
// compile step, through PolicyCompiler, which checks every id) and read in a few hot loops that index arrays
// with them; wrapping each int would cost an allocation or an unboxing there and buy no safety at the boundary.
public sealed interface Rule {
  /** Adds this rule to the rules being assembled for one instant. */
  void addTo(TradeRules.Builder rules);

  /** Whether the rule looks at where material was mined, separated or made. */
  default boolean readsOrigin() {
    return false;
  }

  /** The policies this rule switches off while in force; none for all but a suspension. */
  default int[] suspends() {
    return new int[0];
  }

  /** Sellers in {@code exporter} may fill only {@code 1 - cut} of a buyer's normal trade on the lanes. */
  record LaneCut(int exporter, boolean[] destinations, boolean[] commodities, double cut, double leakage)
      implements Rule {
    public LaneCut {
      if (!(cut >= 0 && cut <= 1)) throw new IllegalArgumentException("cut must be in [0, 1], was " + cut);
      if (!(leakage >= 0 && leakage <= 1)) throw new IllegalArgumentException("leakage must be in [0, 1], was " + leakage);
    }

    /** A cut that nothing escapes. */
    public LaneCut(int exporter, boolean[] destinations, boolean[] commodities, double cut) {
      this(exporter, destinations, commodities, cut, 0);
    }

    /** The share of normal trade that gets through, grey trade included. */
    double passing() {
      return 1 - cut * (1 - leakage);
    }

    @Override
    public void addTo(TradeRules.Builder rules) {
      rules.laneCuts.add(this);
    }
  }

  /** A cap on the exporter's exports of the commodities to the destinations, spread evenly over the year. */
  record ExportQuota(int exporter, boolean[] destinations, boolean[] commodities, double tonnesPerYear)
      implements Rule {
    @Override
    public void addTo(TradeRules.Builder rules) {
      rules.quotas.add(this);
    }
  }

  /**
   * A licence requirement: a direct regime (shipments from the exporter's region) when {@code originThreshold}
   * is NaN, or an extraterritorial rule (cross-border shipments from other regions whose exporter-origin
   * content is at least the threshold).
   *
   * @param policy the index of the policy it belongs to, which names its random stream
   * @param streamName the name of the random stream its reviews draw from
   * @param destinations the regions it covers, the exporter's own never among them
   * @param approvalByAgent the approval chance for each buyer (agent index), its end uses already matched
   */
  record Licence(int policy, String streamName, int exporter, boolean[] destinations, boolean[] commodities,
                 double originThreshold, Delay review, double[] approvalByAgent, boolean writeOffDenied)
      implements Rule {
    public boolean extraterritorial() {
      return !Double.isNaN(originThreshold);
    }

    /** Whether the rule covers the commodity shipped to a region, the origin content aside. */
    public boolean covers(int commodity, int destination) {
      return commodities[commodity] && destinations[destination];
    }

    @Override
    public boolean readsOrigin() {
      return extraterritorial();
    }

    @Override
    public void addTo(TradeRules.Builder rules) {
      rules.licences.add(this);
    }
  }

  /** Shipments to the buyers from the sellers (agent masks) that a licence rule holds are reviewed faster. */
  record FastTrack(boolean[] buyers, boolean[] sellers, Delay review, double approvalProbability) implements Rule {
    @Override
    public void addTo(TradeRules.Builder rules) {
      rules.fastTracks.add(this);
    }
  }

  /** The buyers (agent mask) get nothing from the exporter and, if {@code worldwide}, nothing with content from it. */
  record BuyerBan(int exporter, boolean[] buyers, boolean[] commodities, boolean worldwide) implements Rule {
    @Override
    public boolean readsOrigin() {
      return worldwide;
    }

    @Override
    public void addTo(TradeRules.Builder rules) {
      rules.buyerBans.add(this);
    }
  }

  /** Buyers in the regions may not buy the commodities from the sellers (agent mask). */
  record ProcurementBan(boolean[] buyerRegions, boolean[] sellers, boolean[] commodities) implements Rule {
    @Override
    public void addTo(TradeRules.Builder rules) {
      rules.procurementBans.add(this);
    }
  }

  /** The buyers (agent mask) accept only material of the commodities with no content from the excluded regions. */
  record OriginRequirement(boolean[] buyers, boolean[] commodities, int[] excludedOrigins) implements Rule {
    @Override
    public boolean readsOrigin() {
      return true;
    }

    @Override
    public void addTo(TradeRules.Builder rules) {
      rules.originRequirements.add(this);
    }
  }

  /** An ad-valorem tariff on the commodities imported into a region from the exporters (a region mask). */
  record Tariff(int importer, boolean[] exporters, boolean[] commodities, double adValoremRate) implements Rule {
    @Override
    public void addTo(TradeRules.Builder rules) {
      rules.tariffs.add(this);
    }
  }

  /** A guaranteed realised price for one producer's output of one commodity. */
  record PriceFloor(int producer, int commodity, double usdPerKg) implements Rule {
    @Override
    public void addTo(TradeRules.Builder rules) {
      rules.priceFloors.add(this);
    }
  }

  /** Lets the stockpile holder (an agent index) build and release its stock. */
  record Stockpile(int holder) implements Rule {
    @Override
    public void addTo(TradeRules.Builder rules) {
      rules.activeStockpiles.add(holder);
    }
  }

  /** A change to one plant's capacity: an expansion from {@code start}, an outage or a closure. */
  record CapacityChange(int plant, Kind kind, double start, double tonnesPerYear, double rampDays,
                        double availableFraction) implements Rule {
    /** What the change does to the plant. */
    public enum Kind { EXPANSION, OUTAGE, CLOSURE }

    @Override
    public void addTo(TradeRules.Builder rules) {
      rules.capacityChanges.add(this);
    }
  }

  /** The plants (a mask of plant numbers) see capacity added after {@code start} delayed and derated. */
  record TechnologyBan(boolean[] plants, double start, double delayDays, double derate) implements Rule {
    @Override
    public void addTo(TradeRules.Builder rules) {
      rules.technologyBans.add(this);
    }
  }

  /** While in force, the policies (by index) do not apply; the model reads it before the rules are assembled. */
  record Suspension(int[] policies) implements Rule {
    @Override
    public int[] suspends() {
      return policies.clone();
    }

    @Override
    public void addTo(TradeRules.Builder rules) {
      // a suspension acts on which policies are in force, not on trade itself
    }
  }
}
