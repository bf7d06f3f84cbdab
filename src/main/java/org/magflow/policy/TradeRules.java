package org.magflow.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * The restrictions on trade in force at one instant: what the active policies' {@link Rule}s add up to.
 *
 * <p>Immutable; the model asks for a new value whenever a policy starts or ends. Where rules overlap they
 * compound: two 30% cuts on one lane leave 49% of it, two tariffs multiply, the lowest approval chance and the
 * highest price floor apply, and every ban applies. Every query takes indices (regions, commodities, agents),
 * never names.
 */
public final class TradeRules {
  /** No restrictions at all. */
  public static final TradeRules NONE = new Builder().build();

  private final List<String> activePolicies;
  private final List<Rule.LaneCut> laneCuts;
  private final List<Rule.ExportQuota> quotas;
  private final List<Rule.Licence> licences;
  private final List<Rule.FastTrack> fastTracks;
  private final List<Rule.BuyerBan> buyerBans;
  private final List<Rule.ProcurementBan> procurementBans;
  private final List<Rule.OriginRequirement> originRequirements;
  private final List<Rule.Tariff> tariffs;
  private final List<Rule.PriceFloor> priceFloors;
  private final List<Integer> activeStockpiles;
  private final List<Rule.CapacityChange> capacityChanges;
  private final List<Rule.TechnologyBan> technologyBans;

  private TradeRules(Builder b) {
    this.activePolicies = List.copyOf(b.activePolicies);
    this.laneCuts = List.copyOf(b.laneCuts);
    this.quotas = List.copyOf(b.quotas);
    this.licences = List.copyOf(b.licences);
    this.fastTracks = List.copyOf(b.fastTracks);
    this.buyerBans = List.copyOf(b.buyerBans);
    this.procurementBans = List.copyOf(b.procurementBans);
    this.originRequirements = List.copyOf(b.originRequirements);
    this.tariffs = List.copyOf(b.tariffs);
    this.priceFloors = List.copyOf(b.priceFloors);
    this.activeStockpiles = List.copyOf(b.activeStockpiles);
    this.capacityChanges = List.copyOf(b.capacityChanges);
    this.technologyBans = List.copyOf(b.technologyBans);
  }

  /** The rules that the given active policies impose, in the order they are listed. */
  public static TradeRules of(List<Policy> active) {
    Builder builder = new Builder();
    for (Policy policy : active) {
      builder.activePolicies.add(policy.name());
      for (Rule rule : policy.rules()) rule.addTo(builder);
    }
    return builder.build();
  }

  /** The share (0–1) of a buyer's normal trade that sellers in {@code exporter} may fill for {@code destination}. */
  public double allowedShare(int exporter, int destination, int commodity) {
    double share = 1;
    for (Rule.LaneCut cut : laneCuts) { // in policy order: compounding is then the same on every run
      if (cut.exporter() == exporter && cut.destinations()[destination] && cut.commodities()[commodity]) {
        share *= cut.passing();
      }
    }
    return share;
  }

  /** Whether any cut in force lets some trade leak through it. */
  public boolean leaks() {
    for (Rule.LaneCut cut : laneCuts) if (cut.leakage() > 0) return true;
    return false;
  }

  /**
   * The share of what crosses the lane that is grey trade: what gets through beyond what the cuts, without
   * their leakage, would let pass (0 on an uncut lane).
   */
  public double leakedShare(int exporter, int destination, int commodity) {
    double passing = 1;
    double lawful = 1;
    for (Rule.LaneCut cut : laneCuts) {
      if (cut.exporter() == exporter && cut.destinations()[destination] && cut.commodities()[commodity]) {
        passing *= cut.passing();
        lawful *= 1 - cut.cut();
      }
    }
    return passing > 0 ? 1 - lawful / passing : 0;
  }

  /** The ad-valorem rate on the commodity shipped from {@code exporter} into {@code importer}. */
  public double tariffRate(int exporter, int importer, int commodity) {
    double factor = 1;
    for (Rule.Tariff t : tariffs) {
      if (t.importer() == importer && exporter != importer && t.commodities()[commodity] && t.exporters()[exporter]) {
        factor *= 1 + t.adValoremRate();
      }
    }
    return factor - 1;
  }

  /** The first fast track in force for this buyer and seller (agent indices), or null. */
  public Rule.FastTrack fastTrack(int buyer, int seller) {
    for (Rule.FastTrack f : fastTracks) {
      if (f.buyers()[buyer] && f.sellers()[seller]) return f;
    }
    return null;
  }

  /** Whether the stockpile holder (an agent index) may build and release. */
  public boolean stockpileActive(int holder) {
    return activeStockpiles.contains(holder);
  }

  public List<String> activePolicies() {
    return activePolicies;
  }

  public List<Rule.ExportQuota> quotas() {
    return quotas;
  }

  public List<Rule.Licence> licences() {
    return licences;
  }

  public List<Rule.BuyerBan> buyerBans() {
    return buyerBans;
  }

  public List<Rule.ProcurementBan> procurementBans() {
    return procurementBans;
  }

  public List<Rule.OriginRequirement> originRequirements() {
    return originRequirements;
  }

  public List<Rule.PriceFloor> priceFloors() {
    return priceFloors;
  }

  public List<Rule.CapacityChange> capacityChanges() {
    return capacityChanges;
  }

  public List<Rule.TechnologyBan> technologyBans() {
    return technologyBans;
  }

  /** Whether any rule restricts who may sell to whom, so the model can skip the check when none does. */
  public boolean restrictsParties() {
    return !buyerBans.isEmpty() || !procurementBans.isEmpty() || !originRequirements.isEmpty();
  }

  /** Collects the rules of the policies in force; each {@link Rule#addTo} adds itself to its list. */
  public static final class Builder {
    private final List<String> activePolicies = new ArrayList<>();
    final List<Rule.LaneCut> laneCuts = new ArrayList<>();
    final List<Rule.ExportQuota> quotas = new ArrayList<>();
    final List<Rule.Licence> licences = new ArrayList<>();
    final List<Rule.FastTrack> fastTracks = new ArrayList<>();
    final List<Rule.BuyerBan> buyerBans = new ArrayList<>();
    final List<Rule.ProcurementBan> procurementBans = new ArrayList<>();
    final List<Rule.OriginRequirement> originRequirements = new ArrayList<>();
    final List<Rule.Tariff> tariffs = new ArrayList<>();
    final List<Rule.PriceFloor> priceFloors = new ArrayList<>();
    final List<Integer> activeStockpiles = new ArrayList<>();
    final List<Rule.CapacityChange> capacityChanges = new ArrayList<>();
    final List<Rule.TechnologyBan> technologyBans = new ArrayList<>();

    Builder() {}

    TradeRules build() {
      return new TradeRules(this);
    }
  }
}
