package org.magflow.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The restrictions on trade in force at one instant: what the active policies add up to.
 *
 * <p>Immutable; the model asks for a new value whenever a policy starts or ends. Where policies overlap they
 * compound: two 30% cuts on one lane leave 49% of it, two tariffs multiply, the lowest approval chance and the
 * highest price floor apply, and every ban applies.
 */
public final class TradeRules {
  /** No restrictions at all. */
  public static final TradeRules NONE = new Builder().build();

  /**
   * A licence requirement: a direct regime (shipments from the exporter's region) when
   * {@code originThreshold} is NaN, or an extraterritorial rule (cross-border shipments from other regions
   * whose exporter-origin content is at least the threshold).
   */
  public record LicenceRule(String name, String exporter, Set<String> destinations, Set<String> commodities,
                            double originThreshold, Delay review, double approvalProbability,
                            Map<String, Double> approvalByEndUse, boolean writeOffDenied) {
    public boolean extraterritorial() {
      return !Double.isNaN(originThreshold);
    }

    /** The approval chance for a buyer with these end uses: the lowest that matches, else the default. */
    public double approvalFor(Collection<String> endUses) {
      double p = approvalProbability;
      boolean matched = false;
      for (String use : endUses) {
        Double q = approvalByEndUse.get(use);
        if (q != null) {
          p = matched ? Math.min(p, q) : q;
          matched = true;
        }
      }
      return p;
    }

    /** Whether the rule covers the commodity shipped to a region, the origin content aside. */
    public boolean covers(String commodity, String destination) {
      return commodities.contains(commodity) && !destination.equals(exporter)
          && (destinations.isEmpty() || destinations.contains(destination));
    }
  }

  private final Map<String, Double> allowedShare; // key: exporter|destination|commodity
  private final List<String> activePolicies;
  private final List<Policies.Quota> quotas;
  private final List<LicenceRule> licences;
  private final List<Policies.FastTrack> fastTracks;
  private final List<Policies.BuyerBan> buyerBans;
  private final List<Policies.ProcurementBan> procurementBans;
  private final List<Policies.OriginRequirement> originRequirements;
  private final List<Policies.Tariff> tariffs;
  private final Map<String, Double> priceFloors; // key: producer|commodity
  private final Set<String> activeStockpiles;
  private final List<Policies.CapacityEvent> capacityEvents;
  private final List<Policies.TechnologyBan> technologyBans;

  private TradeRules(Builder b) {
    this.allowedShare = Map.copyOf(b.allowedShare);
    this.activePolicies = List.copyOf(b.activePolicies);
    this.quotas = List.copyOf(b.quotas);
    this.licences = List.copyOf(b.licences);
    this.fastTracks = List.copyOf(b.fastTracks);
    this.buyerBans = List.copyOf(b.buyerBans);
    this.procurementBans = List.copyOf(b.procurementBans);
    this.originRequirements = List.copyOf(b.originRequirements);
    this.tariffs = List.copyOf(b.tariffs);
    this.priceFloors = Map.copyOf(b.priceFloors);
    this.activeStockpiles = Set.copyOf(b.activeStockpiles);
    this.capacityEvents = List.copyOf(b.capacityEvents);
    this.technologyBans = List.copyOf(b.technologyBans);
  }

  /** The rules that the given active policies impose, in the order they are listed. */
  public static TradeRules of(List<? extends Policy> active) {
    Builder builder = new Builder();
    for (Policy policy : active) {
      builder.activePolicies.add(policy.name());
      policy.applyTo(builder);
    }
    return builder.build();
  }

  /** The share (0–1) of a buyer's normal trade that sellers in {@code exporter} may fill for {@code destination}. */
  public double allowedShare(String exporter, String destination, String commodity) {
    return allowedShare.getOrDefault(key(exporter, destination, commodity), 1.0);
  }

  /** The ad-valorem rate on the commodity shipped from {@code exporter} into {@code importer}. */
  public double tariffRate(String exporter, String importer, String commodity) {
    double factor = 1;
    for (Policies.Tariff t : tariffs) {
      if (t.importer().equals(importer) && !exporter.equals(importer) && t.commodities().contains(commodity)
          && (t.exporters().isEmpty() || t.exporters().contains(exporter))) {
        factor *= 1 + t.adValoremRate();
      }
    }
    return factor - 1;
  }

  /** The guaranteed price of a producer's output, US dollars per kg, or NaN if none. */
  public double priceFloor(String producer, String commodity) {
    return priceFloors.getOrDefault(producer + '|' + commodity, Double.NaN);
  }

  /** The first fast track in force for this buyer and seller, or null. */
  public Policies.FastTrack fastTrack(String buyer, String seller) {
    for (Policies.FastTrack f : fastTracks) {
      if (f.buyers().contains(buyer) && (f.sellers().isEmpty() || f.sellers().contains(seller))) return f;
    }
    return null;
  }

  public boolean stockpileActive(String name) {
    return activeStockpiles.contains(name);
  }

  public List<String> activePolicies() {
    return activePolicies;
  }

  public List<Policies.Quota> quotas() {
    return quotas;
  }

  public List<LicenceRule> licences() {
    return licences;
  }

  public List<Policies.BuyerBan> buyerBans() {
    return buyerBans;
  }

  public List<Policies.ProcurementBan> procurementBans() {
    return procurementBans;
  }

  public List<Policies.OriginRequirement> originRequirements() {
    return originRequirements;
  }

  public List<Policies.CapacityEvent> capacityEvents() {
    return capacityEvents;
  }

  public List<Policies.TechnologyBan> technologyBans() {
    return technologyBans;
  }

  /** Whether any rule restricts who may sell to whom, so the model can skip the check when none does. */
  public boolean restrictsParties() {
    return !buyerBans.isEmpty() || !procurementBans.isEmpty() || !originRequirements.isEmpty();
  }

  private static String key(String exporter, String destination, String commodity) {
    return exporter + '|' + destination + '|' + commodity;
  }

  /** Collects the restrictions of the policies in force. */
  public static final class Builder {
    private final Map<String, Double> allowedShare = new TreeMap<>();
    private final List<String> activePolicies = new ArrayList<>();
    final List<Policies.Quota> quotas = new ArrayList<>();
    final List<LicenceRule> licences = new ArrayList<>();
    final List<Policies.FastTrack> fastTracks = new ArrayList<>();
    final List<Policies.BuyerBan> buyerBans = new ArrayList<>();
    final List<Policies.ProcurementBan> procurementBans = new ArrayList<>();
    final List<Policies.OriginRequirement> originRequirements = new ArrayList<>();
    final List<Policies.Tariff> tariffs = new ArrayList<>();
    final Map<String, Double> priceFloors = new TreeMap<>();
    final Set<String> activeStockpiles = new TreeSet<>();
    final List<Policies.CapacityEvent> capacityEvents = new ArrayList<>();
    final List<Policies.TechnologyBan> technologyBans = new ArrayList<>();

    Builder() {}

    /** Cuts a lane by {@code cut}, compounding with cuts already on it. */
    public Builder throttle(String exporter, String destination, String commodity, double cut) {
      allowedShare.merge(key(exporter, destination, commodity), 1 - cut, (a, b) -> a * b);
      return this;
    }

    TradeRules build() {
      return new TradeRules(this);
    }
  }
}
