package org.magflow.model;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.magflow.event.ConservationAudit;

/**
 * The mass balance of every commodity over a run: the only ways material appears or disappears.
 *
 * <p>Material enters as opening stock or recipe output, and leaves as recipe input, consumption by demand
 * sectors or an explicit write-off; at the end it is either in stock or in transit. Those balances hold
 * whatever a recipe makes, so the ledger also follows the rare-earth content through the recipes that
 * transform inputs: content a recipe creates (see {@link ElementContent}) fails the audit.
 */
final class Ledger {
  final double[] initial;
  final double[] produced;
  final double[] used;
  final double[] consumed;
  final double[] writtenOff;
  final double[] inTransit;
  private final List<Commodity> commodities;
  /** Per recipe, the content of one tonne of activity's inputs and outputs; absent for recipes not audited. */
  private final Map<Recipe, RecipeContent> recipeContent = new IdentityHashMap<>();
  private double contentFed;
  private double contentInProducts;
  private double contentCreated;

  private record RecipeContent(double fed, double inProducts, double created) {
    static final RecipeContent NOT_AUDITED = new RecipeContent(0, 0, 0);
  }

  Ledger(List<Commodity> commodities) {
    this.commodities = List.copyOf(commodities);
    int n = commodities.size();
    initial = new double[n];
    produced = new double[n];
    used = new double[n];
    consumed = new double[n];
    writtenOff = new double[n];
    inTransit = new double[n];
  }

  /** Notes a recipe run at {@code activity} tonnes, for the content audit. */
  void ran(Recipe recipe, double activity) {
    RecipeContent r = recipeContent.computeIfAbsent(recipe, this::content);
    contentFed += activity * r.fed();
    contentInProducts += activity * r.inProducts();
    contentCreated += activity * r.created();
  }

  /** The content of one tonne of a recipe's activity; none when it has no inputs or a commodity of unknown content. */
  private RecipeContent content(Recipe recipe) {
    Map<String, Double> in = new TreeMap<>();
    Map<String, Double> out = new TreeMap<>();
    boolean transforms = false;
    for (Commodity commodity : commodities) {
      int c = commodity.index();
      if (recipe.input(c) == 0 && recipe.output(c) == 0) continue;
      if (commodity.content().isEmpty()) return RecipeContent.NOT_AUDITED;
      transforms |= recipe.input(c) > 0;
      for (Map.Entry<String, Double> e : commodity.content().entrySet()) {
        in.merge(e.getKey(), recipe.input(c) * e.getValue(), Double::sum);
        out.merge(e.getKey(), recipe.output(c) * e.getValue(), Double::sum);
      }
    }
    if (!transforms) return RecipeContent.NOT_AUDITED;
    return new RecipeContent(ElementContent.total(in), ElementContent.total(out), ElementContent.created(in, out));
  }

  /**
   * The audit of each commodity given the stocks held at the end and {@code inTransitItems}, the tonnes of each
   * commodity in the shipments still awaiting a licence or on their way, counted one by one.
   */
  List<ConservationAudit> audit(List<Commodity> commodities, List<? extends Agent> agents, double[] inTransitItems) {
    List<ConservationAudit> audits = new ArrayList<>();
    for (Commodity commodity : commodities) {
      int c = commodity.index();
      double finalStock = 0;
      for (Agent a : agents) finalStock += a.inventory.tonnes(c);
      audits.add(new ConservationAudit(commodity.id(), initial[c], produced[c], used[c], consumed[c],
          writtenOff[c], inTransit[c], inTransitItems[c], finalStock));
    }
    if (contentFed > 0 || contentCreated > 0) { // some recipe of known content ran
      audits.add(ConservationAudit.ofContent(contentFed, contentInProducts, contentCreated));
    }
    return audits;
  }
}
