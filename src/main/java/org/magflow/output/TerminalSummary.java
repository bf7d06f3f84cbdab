package org.magflow.output;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.magflow.output.RunSummary.Conservation;
import org.magflow.output.RunSummary.Export;
import org.magflow.output.RunSummary.Price;
import org.magflow.output.RunSummary.Shortage;

/**
 * A short plain-text digest of a {@link RunSummary} for the terminal: the run's {@link Answer} first (the
 * headline and findings the briefing leads with, in the same order), then the scenario and its policies by the
 * names readers see, conservation, the worst shortages,
 * peak price multiples and the flows the policies changed most, in fixed-width tables of about 40 lines.
 */
public final class TerminalSummary {
  /** The most rows any one table shows; the rest are counted in a "more" line. */
  static final int MAX_ROWS = 5;
  /** The most price rows; one per zone and commodity, so usually all of them. */
  static final int MAX_PRICE_ROWS = 6;

  private TerminalSummary() {}

  /** The digest of {@code summary}, lines ending in {@code \n}. */
  public static String render(RunSummary summary) {
    return render(summary, null);
  }

  /**
   * The digest of {@code summary} led by {@code answer}, the briefing's headline and ranked findings (null: the
   * tables alone), lines ending in {@code \n}.
   */
  public static String render(RunSummary summary, Answer answer) {
    var lines = new ArrayList<String>();
    if (answer != null) {
      lines.add(plain(answer.headline()));
      for (int i = 0; i < answer.findings().size(); i++) {
        lines.add("  " + (i + 1) + ". " + plain(answer.findings().get(i).text()));
      }
      lines.add("");
    }
    lines.add("Scenario      " + summary.scenarioName()
        + (summary.scenarioFile().isEmpty() ? "" : " (" + summary.scenarioFile() + ")"));
    if (answer != null) {
      for (int i = 0; i < answer.policies().size(); i++) {
        lines.add((i == 0 ? "Policies      " : "              ") + plain(answer.policies().get(i)));
      }
    }
    lines.add("Seed          " + summary.seed());
    if (summary.firstPeriodEnd() != null) {
      lines.add("Period ends   " + summary.firstPeriodEnd() + " .. " + summary.lastPeriodEnd());
    }
    lines.add("Conservation  " + conservation(summary));
    lines.add("");
    shortages(summary, lines);
    lines.add("");
    prices(summary, lines);
    lines.add("");
    exports(summary, lines);
    var text = new StringBuilder();
    for (String line : lines) text.append(line.stripTrailing()).append('\n');
    return text.toString();
  }

  private static String conservation(RunSummary summary) {
    if (summary.conservation().isEmpty()) return "NOT CHECKED (the run recorded no audit)";
    if (summary.conserved()) return "OK";
    var failed = new StringBuilder("FAILED:");
    for (Conservation c : summary.conservation()) {
      if (!c.balanced()) failed.append(' ').append(c.commodity()).append(" residual ").append(fixed(c.residual(), 6))
          .append(" t;");
    }
    failed.setLength(failed.length() - 1);
    return failed.toString();
  }

  private static void shortages(RunSummary summary, List<String> lines) {
    var shortRegions = summary.shortageByRegion().stream()
        .filter(s -> s.cumulativeShortageTonnes() > 0)
        .sorted(Comparator.comparingDouble(Shortage::cumulativeShortageTonnes).reversed()
            .thenComparing(Shortage::region))
        .toList();
    if (shortRegions.isEmpty()) {
      lines.add("Shortage: no region short of demand");
      return;
    }
    var table = new Table("Shortage by region", "short t", "% demand", "periods short", "first short",
        "recovered");
    for (Shortage s : shortRegions.subList(0, Math.min(MAX_ROWS, shortRegions.size()))) {
      table.row(s.region(), fixed(s.cumulativeShortageTonnes(), 1), fixed(s.shortagePercentOfDemand(), 1),
          Integer.toString(s.periodsInShortage()), text(s.firstShortageDate()),
          s.firstShortageDate() != null && s.recoveryDate() == null ? "not yet" : text(s.recoveryDate()));
    }
    table.renderInto(lines, shortRegions.size());
  }

  private static void prices(RunSummary summary, List<String> lines) {
    if (summary.prices().isEmpty()) {
      lines.add("Prices: none reported");
      return;
    }
    var prices = summary.prices().stream()
        .sorted(Comparator.comparing(Price::commodity).thenComparing(Price::zone))
        .toList();
    var table = new Table("Price, USD/kg", "zone", "reference", "peak", "peak x", "peak date", "end");
    for (Price p : prices.subList(0, Math.min(MAX_PRICE_ROWS, prices.size()))) {
      table.row(p.commodity(), p.zone(), p.referenceUsdPerKg() == null ? "-" : fixed(p.referenceUsdPerKg(), 1),
          fixed(p.peakUsdPerKg(), 1), p.peakMultiple() == null ? "-" : fixed(p.peakMultiple(), 2) + "x"
              + (p.heldAtCap() ? " cap" : ""),
          text(p.peakDate()), fixed(p.endUsdPerKg(), 1));
    }
    table.renderInto(lines, prices.size());
    for (Price p : prices) {
      if (p.heldAtCap()) {
        lines.add("  " + p.commodity() + " " + p.zone() + " at the price rule's cap in " + p.periodsAtCap() + " period"
            + (p.periodsAtCap() == 1 ? "" : "s") + ", " + text(p.firstAtCap()) + " .. " + text(p.lastAtCap())
            + ": buyers rationed, not priced out");
      }
    }
  }

  private static void exports(RunSummary summary, List<String> lines) {
    if (summary.exportFlows().isEmpty()) {
      lines.add("Exports: no cross-border shipments");
      return;
    }
    if (!summary.counterfactualCompared()) {
      lines.add("Exports: no counterfactual run to compare with");
      return;
    }
    // The flows the policies changed most, in tonnes either way: what a reader asks first of a shock.
    var largest = summary.exportFlows().stream()
        .sorted(Comparator.comparingDouble((Export e) -> -Math.abs(
                Objects.requireNonNullElse(e.counterfactualTonnes(), 0.0) - e.tonnes()))
            .thenComparing(Export::exporter).thenComparing(Export::destination).thenComparing(Export::commodity))
        .toList();
    var table = new Table("Exports vs no-policy run", "commodity", "t", "no-policy t", "drop %", "worst %",
        "worst period");
    for (Export e : largest.subList(0, Math.min(MAX_ROWS, largest.size()))) {
      table.row(e.exporter() + " -> " + e.destination(), e.commodity(), fixed(e.tonnes(), 1),
          fixed(e.counterfactualTonnes(), 1), e.dropPercent() == null ? "-" : fixed(e.dropPercent(), 1),
          e.worstPeriodDropPercent() == null ? "-" : fixed(e.worstPeriodDropPercent(), 1),
          text(e.worstPeriodDate()));
    }
    table.renderInto(lines, largest.size());
  }

  /**
   * {@code v} with {@code decimals} places, rounded half-even from its exact binary value; unlike
   * {@code String.format}, no locale or JDK version can change it.
   */
  static String fixed(double v, int decimals) {
    return new BigDecimal(v).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
  }

  /**
   * {@code text} in ASCII, as any terminal shows it: the briefing's minus, multiplication and arrow signs and
   * dashes spelled with plain characters.
   */
  public static String plain(String text) {
    return text.replace('\u2212', '-').replace('\u00d7', 'x').replace("\u2192", "->").replace('\u2013', '-')
        .replace("\u2014", "--").replace("\u00b1", "+/-");
  }

  private static String text(Object value) {
    return value == null ? "-" : value.toString();
  }

  /** A fixed-width table: the first column left-aligned, the others right-aligned, two spaces apart. */
  private static final class Table {
    private final List<String[]> rows = new ArrayList<>();

    Table(String... header) {
      rows.add(header);
    }

    void row(String... cells) {
      rows.add(cells);
    }

    /** Adds the table's lines, and a line counting the rows of {@code total} it did not show. */
    void renderInto(List<String> lines, int total) {
      int columns = rows.get(0).length;
      int[] widths = new int[columns];
      for (String[] row : rows) {
        for (int c = 0; c < columns; c++) widths[c] = Math.max(widths[c], row[c].length());
      }
      for (int r = 0; r < rows.size(); r++) {
        var line = new StringBuilder(r == 0 ? "" : "  ");
        for (int c = 0; c < columns; c++) {
          String cell = rows.get(r)[c];
          // The header's first cell is a title, two characters wider than the indented names below it.
          int width = c == 0 ? widths[0] + (r == 0 ? 2 : 0) : widths[c];
          if (c > 0) line.append("  ");
          line.append(c == 0 ? padRight(cell, width) : padLeft(cell, width));
        }
        lines.add(line.toString());
      }
      int hidden = total - (rows.size() - 1);
      if (hidden > 0) lines.add("  ... and " + hidden + " more in summary.json");
    }

    private static String padRight(String s, int width) {
      return s + " ".repeat(Math.max(0, width - s.length()));
    }

    private static String padLeft(String s, int width) {
      return " ".repeat(Math.max(0, width - s.length())) + s;
    }
  }
}
