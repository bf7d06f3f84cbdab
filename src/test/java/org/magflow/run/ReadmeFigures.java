package org.magflow.run;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.magflow.backtest.Backtest;
import org.magflow.event.Metrics;
import org.magflow.event.Observation;
import org.magflow.output.RunSummary;
import org.magflow.sweep.ScenarioOverrides;

/**
 * Every figure the README quotes from a shipped scenario, by the name of its marker in README.md
 * ({@code <!-- fig:NAME -->text<!-- /fig -->}), computed from fresh runs. A run is made only when a figure asks
 * for it and is shared by every figure that reads it, so the README check costs one run per scenario and seed
 * it quotes. To quote a new figure: add an entry to {@link #FIGURES} that reads the runs it needs through
 * {@link Runs}, mark the text in README.md, and regenerate ({@code ReadmeFiguresTest}).
 */
final class ReadmeFigures {
  static final String BASELINE = "scenarios/baseline.yaml";
  static final String SQUEEZE = "scenarios/september-2025-us-squeeze.yaml";
  static final String APRIL = "scenarios/april-2025-licences.yaml";
  static final String SUSPENDED = "scenarios/october-2025-suspended.yaml";
  static final String ENTITY_BAN = "scenarios/entity-ban-us-defence.yaml";
  static final String WORLD_2035 = "scenarios/world-2035.yaml";
  static final String EMBARGO_2035 = "scenarios/embargo-buildout-2035.yaml";
  static final String CONTROLS = "scenarios/october-2025-controls.yaml";
  static final String FAST_TRACK = "scenarios/veu-fast-track.yaml";
  static final String FULL_EMBARGO = "scenarios/full-embargo.yaml";
  static final String TECH_BAN = "scenarios/embargo-buildout-2035-tech-ban.yaml";
  static final String SEVERE = "src/test/resources/scenarios/ex-china-embargo-severe.yaml";
  static final long SEED = 42;
  /** The seeds the calibration figures are quoted over. */
  static final long[] CALIBRATION_SEEDS = {1, 2, 3, 42};
  private static final String MAGNET = "ndfeb_magnet";
  /** The last day of the shipped scenarios (all but the calibration world and reference.yaml run to 2035). */
  private static final LocalDate HORIZON_END = LocalDate.of(2035, 12, 31);

  private ReadmeFigures() {}

  /** Runs of shipped scenarios (with their counterfactuals), made once each on first use. */
  static final class Runs {
    private final Map<String, ScenarioRun.Outcome> made = new HashMap<>();

    ScenarioRun.Outcome outcome(String file, long seed) {
      return made.computeIfAbsent(file + "@" + seed, k -> {
        try {
          return new ScenarioRun().execute(RunJob.load(Path.of(file)), file, seed, 0);
        } catch (InputException e) {
          throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
      });
    }

    /** A run of {@code file} at seed 42 with {@code change} ({@code PATH=VALUE}, as {@code --set}) applied. */
    ScenarioRun.Outcome changed(String file, String change) {
      return made.computeIfAbsent(file + "@" + SEED + "|" + change, k -> {
        try {
          var scenario = ScenarioOverrides.apply(RunJob.load(Path.of(file)), List.of(change));
          return new ScenarioRun().execute(scenario, file, SEED, 0);
        } catch (InputException e) {
          throw new IllegalStateException(file + " with " + change + ": " + e.getMessage(), e);
        }
      });
    }

    RunSeries run(String file, long seed) {
      return new RunSeries(outcome(file, seed).run());
    }

    RunSeries counterfactual(String file, long seed) {
      return new RunSeries(outcome(file, seed).counterfactual());
    }

    RunSeries run(String file) {
      return run(file, SEED);
    }

    RunSeries counterfactual(String file) {
      return counterfactual(file, SEED);
    }
  }

  static final Map<String, Function<Runs, String>> FIGURES = new LinkedHashMap<>();

  static {
    // ---- the calibration table: the baseline at seed 42 (shares, exports), prices over four seeds
    for (String stage : List.of("mining", "separation", "manufacturing")) {
      FIGURES.put("baseline.share." + stage, r -> percent(r.outcome(BASELINE, SEED).summary().productionShares().stream()
          .filter(s -> s.stage().equals(stage) && s.region().equals("CN"))
          .mapToDouble(RunSummary.ProductionShare::sharePercent).findFirst().orElseThrow(), 1));
    }
    FIGURES.put("baseline.exports", r -> tonnes(r.run(BASELINE).sum(Metrics.SHIPPED,
        RunSeries.exportsFrom("CN", MAGNET), LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31))) + " in 2025");
    FIGURES.put("baseline.exports-us", r -> tonnes(r.run(BASELINE).sum(Metrics.SHIPPED,
        RunSeries.lane("CN", "US", MAGNET), LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31)) / 12) + " a month");
    FIGURES.put("baseline.shortage", r -> {
      double worst = 0;
      for (long seed : CALIBRATION_SEEDS) {
        for (RunSummary.Shortage s : r.outcome(BASELINE, seed).summary().shortageByRegion()) {
          worst = Math.max(worst, s.shortagePercentOfDemand());
        }
      }
      return worst < 0.1 ? "none (seeds 1, 2, 3, 42)" : "up to " + percent(worst, 1) + " (seeds 1, 2, 3, 42)";
    });
    FIGURES.put("baseline.magnet-prices", r -> range(calibrationMultiples(r, MAGNET), 3) + " (seeds 1, 2, 3, 42)");
    FIGURES.put("baseline.oxide-prices", r -> "NdPr " + range(calibrationMultiples(r, "ndpr_oxide"), 2) + ", Dy/Tb "
        + range(calibrationMultiples(r, "dytb_oxide"), 2) + " (seeds 1, 2, 3, 42)");
    FIGURES.put("baseline.concentrate-prices", r -> range(multiples(r.run(BASELINE), "reo", LocalDate.MIN), 2));
    FIGURES.put("baseline.concentrate-prices-2026", r -> range(multiples(r.run(BASELINE), "reo",
        LocalDate.of(2026, 1, 1)), 2));
    FIGURES.put("baseline.mine-utilisation", r -> {
      Map<String, List<Double>> mines = new TreeMap<>();
      r.run(BASELINE).rows().filter(o -> o.metric().equals(Metrics.UTILISATION) && o.sector().equals("mining"))
          .forEach(o -> mines.computeIfAbsent(o.agent(), k -> new ArrayList<>()).add(o.value()));
      double low = 1;
      double high = 0;
      double step = 0;
      for (List<Double> u : mines.values()) {
        for (int i = 0; i < u.size(); i++) {
          low = Math.min(low, u.get(i));
          high = Math.max(high, u.get(i));
          if (i > 0) step = Math.max(step, Math.abs(u.get(i) - u.get(i - 1)));
        }
      }
      return Math.round(100 * low) + "–" + Math.round(100 * high) + "% of capacity, at most " + Math.round(100 * step)
          + " points from one month to the next";
    });

    // ---- the September 2025 squeeze
    FIGURES.put("squeeze.us-september", r -> tonnes(r.run(SQUEEZE).at(Metrics.SHIPPED, RunSeries.lane("CN", "US", MAGNET),
        LocalDate.of(2025, 9, 30))));
    FIGURES.put("squeeze.us-below", r -> {
      List<Double> drops = new ArrayList<>();
      monthlyRatios(r.run(SQUEEZE), r.counterfactual(SQUEEZE), RunSeries.lane("CN", "US", MAGNET),
          LocalDate.of(2025, 9, 1), HORIZON_END).forEach(x -> drops.add(1 - x));
      double mean = drops.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
      return percentRange(drops) + " below the counterfactual every month from September 2025 (" + percent(100 * mean, 0)
          + " on average)";
    });
    FIGURES.put("squeeze.us-horizon", r -> percent(100 * (1 - ratio(r, SQUEEZE, RunSeries.lane("CN", "US", MAGNET),
        LocalDate.of(2025, 1, 1), HORIZON_END)), 0));
    FIGURES.put("squeeze.jp-us", r -> change(ratio(r, SQUEEZE, RunSeries.lane("JP", "US", MAGNET),
        LocalDate.of(2025, 9, 1), HORIZON_END)));
    FIGURES.put("squeeze.cn-jp", r -> change(ratio(r, SQUEEZE, RunSeries.lane("CN", "JP", MAGNET),
        LocalDate.of(2025, 9, 1), HORIZON_END)));
    FIGURES.put("squeeze.price-2035", r -> multiple(mean(multiples(r.run(SQUEEZE), "ex-china", MAGNET,
        LocalDate.of(2035, 1, 1), HORIZON_END)) / mean(multiples(r.counterfactual(SQUEEZE), "ex-china", MAGNET,
        LocalDate.of(2035, 1, 1), HORIZON_END)), 3));

    // ---- the April 2025 licences and the September squeeze against the observed months, as magflow backtest
    // writes them
    for (String episode : List.of("april-2025-licences", "september-2025-us-squeeze")) {
      FIGURES.put("backtest." + episode, r -> {
        try {
          return Backtest.tables(Path.of("scenarios/episodes", episode + ".yaml"));
        } catch (InputException e) {
          throw new IllegalStateException(episode + ": " + e.getMessage(), e);
        }
      });
    }
    FIGURES.put("april.other-seeds", r -> {
      List<String> months = new ArrayList<>();
      for (int month = 5; month <= 7; month++) {
        LocalDate end = LocalDate.of(2025, month, 1).plusMonths(1).minusDays(1);
        List<Double> tonnes = new ArrayList<>();
        for (long seed : new long[] {1, 2, 3}) tonnes.add(r.run(APRIL, seed).at(Metrics.SHIPPED, RunSeries.exportsFrom("CN", MAGNET), end));
        months.add(monthName(end) + " " + tonnesRange(tonnes));
      }
      return months.get(0) + ", " + months.get(1) + " and " + months.get(2);
    });
    FIGURES.put("april.shortage-peak", r -> {
      Map<LocalDate, Double> share = exChinaShortageShares(r.run(APRIL));
      LocalDate peak = share.entrySet().stream().filter(e -> e.getKey().getYear() == 2025)
          .max(Map.Entry.comparingByValue()).orElseThrow().getKey();
      return monthName(peak) + " " + peak.getYear() + " at " + percent(100 * share.get(peak), 1);
    });
    // civil approval 0.6 instead of 0.9: July's exports against the counterfactual, and who runs short
    String lowApproval = "policies[name=apr-2025-licence-regime].approvalProbability=0.6";
    FIGURES.put("april.low-approval", r -> {
      ScenarioRun.Outcome o = r.changed(APRIL, lowApproval);
      LocalDate july = LocalDate.of(2025, 7, 31);
      double ratio = new RunSeries(o.run()).at(Metrics.SHIPPED, RunSeries.exportsFrom("CN", MAGNET), july)
          / new RunSeries(o.counterfactual()).at(Metrics.SHIPPED, RunSeries.exportsFrom("CN", MAGNET), july);
      List<Double> shares = new ArrayList<>();
      for (String region : List.of("EU", "US", "KR")) shares.add(regionShortOverRun(new RunSeries(o.run()), region));
      return "recovers to " + percent(100 * ratio, 0) + " of the counterfactual in July and leaves Europe,"
          + " the US and Korea " + percentRange(shares) + " short over 2025–2035";
    });
    FIGURES.put("april.magnet-peak", r -> peak(r.run(APRIL), MAGNET, 2025));
    FIGURES.put("april.dytb-peak", r -> peak(r.run(APRIL), "dytb_oxide", 2025));
    // the months of the suspension (7 Nov 2025 to 10 Nov 2026), under the April regime alone
    FIGURES.put("april.price-suspension-months", r -> range(multiples(r.run(APRIL), "ex-china", MAGNET,
        LocalDate.of(2025, 11, 30), LocalDate.of(2026, 10, 31)), 2));

    // ---- the October measures suspended
    FIGURES.put("suspended.price", r -> range(multiples(r.run(SUSPENDED), "ex-china", MAGNET,
        LocalDate.of(2025, 11, 30), LocalDate.of(2026, 10, 31)), 2));
    FIGURES.put("suspended.jp-exports-december-2026", r -> tonnes(r.run(SUSPENDED).at(Metrics.SHIPPED,
        RunSeries.exportsFrom("JP", MAGNET), LocalDate.of(2026, 12, 31))));
    FIGURES.put("suspended.price-2035", r -> yearMean(r.run(SUSPENDED), MAGNET, 2035));

    // ---- the entity ban of 22 June 2026, against the scenario it extends (October 2025 suspended), from June 2026
    LocalDate banFrom = LocalDate.of(2026, 6, 1);
    FIGURES.put("entity.mp-magnets", r -> "from " + tonnes(production(r.run(SUSPENDED), "mp-materials", banFrom))
        + " to " + tonnes(production(r.run(ENTITY_BAN), "mp-materials", banFrom)));
    FIGURES.put("entity.usa-rare-earth", r -> {
      double made = production(r.run(ENTITY_BAN), "usa-rare-earth", banFrom);
      return (made < 0.5 ? "makes nothing" : "makes " + tonnes(made)) + " ("
          + tonnes(production(r.run(SUSPENDED), "usa-rare-earth", banFrom)) + " without the ban)";
    });
    FIGURES.put("entity.us-defence", r -> "from " + percent(100 * shortShare(r.run(SUSPENDED), "us-defence", banFrom), 0)
        + " to " + percent(100 * shortShare(r.run(ENTITY_BAN), "us-defence", banFrom), 0));

    // ---- the October 2025 measures kept in force
    FIGURES.put("controls.jp-exports", r -> {
      RunSeries c = r.run(CONTROLS);
      return tonnes(c.at(Metrics.SHIPPED, RunSeries.exportsFrom("JP", MAGNET), LocalDate.of(2025, 11, 30)))
          + " in November 2025, " + tonnes(c.at(Metrics.SHIPPED, RunSeries.exportsFrom("JP", MAGNET),
              LocalDate.of(2025, 12, 31))) + " in December";
    });
    FIGURES.put("controls.jp-exports-march-2026", r -> tonnes(r.run(CONTROLS).at(Metrics.SHIPPED,
        RunSeries.exportsFrom("JP", MAGNET), LocalDate.of(2026, 3, 31))));
    FIGURES.put("controls.price", r -> {
      RunSeries c = r.run(CONTROLS);
      return range(multiples(c, "ex-china", MAGNET, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31)), 1)
          + " reference in 2026, " + peak(c, MAGNET, date -> date.getYear() >= 2027) + " at the highest after"
          + " that, and " + yearMean(c, MAGNET, 2035) + " on average in 2035";
    });
    FIGURES.put("controls.short", r -> regionShares(r.run(CONTROLS), List.of("EU", "US")));

    // ---- the validated-end-user fast track, against the April regime alone, from December 2025
    LocalDate fastFrom = LocalDate.of(2025, 12, 1);
    FIGURES.put("fast.ev", r -> sectorShares(r.run(FAST_TRACK), r.run(APRIL), List.of("eu-ev", "us-ev"), fastFrom));
    FIGURES.put("fast.others", r -> sectorShares(r.run(FAST_TRACK), r.run(APRIL),
        List.of("eu-industrial", "us-industrial", "eu-wind"), fastFrom));

    // ---- the full embargo from November 2026 on the April regime, never lifted
    FIGURES.put("embargo.short-by-year", r -> yearlyShortage(r.run(FULL_EMBARGO), 2026));
    FIGURES.put("embargo.magnets", r -> peak(r.run(FULL_EMBARGO), MAGNET, date -> true) + "; "
        + yearMean(r.run(FULL_EMBARGO), MAGNET, 2030) + " on average in 2030 and "
        + yearMean(r.run(FULL_EMBARGO), MAGNET, 2035) + " in 2035");
    FIGURES.put("embargo.dytb", r -> {
      RunSeries e = r.run(FULL_EMBARGO);
      return months(monthsAtCap(e, "dytb_oxide")) + " at its 10× cap; " + range(multiples(e, "ex-china", "dytb_oxide",
          LocalDate.of(2029, 1, 1), HORIZON_END), 1) + " from 2029";
    });
    FIGURES.put("embargo.china", r -> {
      RunSeries e = r.run(FULL_EMBARGO);
      LocalDate from = LocalDate.of(2026, 11, 1);
      return "magnets " + low(multiples(e, "china", MAGNET, from, HORIZON_END)) + ", NdPr oxide "
          + low(multiples(e, "china", "ndpr_oxide", from, HORIZON_END));
    });

    // ---- the embargo's build-out under China's technology ban, against the same without the ban
    FIGURES.put("techban.short-by-year", r -> yearlyShortage(r.run(TECH_BAN), 2026) + " (without the ban: "
        + yearlyShortage(r.run(EMBARGO_2035), 2026) + ")");
    FIGURES.put("techban.magnets", r -> peak(r.run(TECH_BAN), MAGNET, date -> true) + " (without the ban "
        + peak(r.run(EMBARGO_2035), MAGNET, date -> true) + ")");

    // ---- the severe embargo (a test scenario): ex-China shortage by year
    FIGURES.put("severe.shortage-by-year", r -> {
      RunSeries run = r.run(SEVERE);
      List<String> years = new ArrayList<>();
      for (int year = 2026; year <= 2030; year++) {
        years.add(percent(100 * outsideChinaShort(run, year), 0) + " in " + year);
      }
      return String.join(", ", years);
    });
  }

  // ---- the years after a shock: the 2035 world calm, and an embargo that never lifts
  static {
    LocalDate secondYear = LocalDate.of(2026, 1, 1);
    LocalDate end2035 = LocalDate.of(2035, 12, 31);
    FIGURES.put("long.world-prices", r -> {
      RunSeries w = r.run(WORLD_2035);
      return "magnets " + range(multiples(w, "ex-china", MAGNET, secondYear, end2035), 2) + ", NdPr oxide "
          + range(multiples(w, "ex-china", "ndpr_oxide", secondYear, end2035), 2) + ", Dy/Tb oxide "
          + range(multiples(w, "ex-china", "dytb_oxide", secondYear, end2035), 2) + " and concentrate "
          + range(multiples(w, "ex-china", "reo", secondYear, end2035), 2);
    });
    FIGURES.put("long.embargo-magnet-peak", r -> peak(r.run(EMBARGO_2035), MAGNET, date -> true));
    FIGURES.put("long.embargo-magnet-years", r -> {
      RunSeries e = r.run(EMBARGO_2035);
      List<String> years = new ArrayList<>();
      for (int y = 2027; y <= 2035; y++) {
        years.add(multiple(mean(multiples(e, "ex-china", MAGNET, LocalDate.of(y, 1, 1), LocalDate.of(y, 12, 31))), 2)
            + " (" + y + ")");
      }
      return String.join(", ", years);
    });
    FIGURES.put("long.embargo-dytb", r -> {
      RunSeries e = r.run(EMBARGO_2035);
      List<Integer> capYears = atCap(e, "dytb_oxide").map(o -> o.date().getYear()).toList();
      return months(capYears.size()) + " at its 10× cap (in " + capYears.stream().distinct().map(String::valueOf)
          .collect(Collectors.joining(" and ")) + "), then "
          + range(multiples(e, "ex-china", "dytb_oxide", LocalDate.of(2028, 1, 1), end2035), 2) + " from 2028";
    });
    FIGURES.put("long.embargo-thrift", r -> {
      Observation deepest = r.run(EMBARGO_2035).rows().filter(o -> o.metric().equals(Metrics.INPUT_CUT)
          && !o.region().equals("CN")).max(java.util.Comparator.comparingDouble(Observation::value)).orElseThrow();
      return percent(100 * deepest.value(), 0);
    });
    FIGURES.put("long.embargo-short", r -> {
      RunSeries e = r.run(EMBARGO_2035);
      List<String> years = new ArrayList<>();
      for (int y = 2027; y <= 2035; y++) {
        List<Double> allies = new ArrayList<>();
        for (String region : List.of("US", "JP", "KR", "EU")) allies.add(regionShort(e, region, y));
        double vietnam = regionShort(e, "VN", y);
        if (allies.stream().allMatch(x -> x < 0.005) && vietnam < 0.005) continue;
        String shares = allies.stream().allMatch(x -> x < 0.005) ? "none" : percentRange(allies);
        years.add(y + ": " + shares + " (Vietnam " + percent(100 * vietnam, 1) + ")");
      }
      return String.join("; ", years);
    });
    FIGURES.put("long.embargo-recycled", r -> tonnes(r.run(EMBARGO_2035).sum(Metrics.THROUGHPUT,
        o -> "recycling".equals(o.sector()) && !o.region().equals("CN"), LocalDate.of(2035, 1, 1), end2035)));
  }

  /** The share of a region's demand in {@code year} that went unmet. */
  static double regionShort(RunSeries run, String region, int year) {
    LocalDate from = LocalDate.of(year, 1, 1);
    LocalDate to = LocalDate.of(year, 12, 31);
    return run.sum(Metrics.SHORTAGE, RunSeries.region(region), from, to)
        / run.sum(Metrics.DEMAND, RunSeries.region(region), from, to);
  }

  /** The yearly mean ex-China price multiple of {@code commodity}: "1.31×". */
  private static String yearMean(RunSeries run, String commodity, int year) {
    return multiple(mean(multiples(run, "ex-china", commodity, LocalDate.of(year, 1, 1),
        LocalDate.of(year, 12, 31))), 2);
  }

  /** Each region's unmet share of its own demand over the run: "Europe 2.9%, the US 1.5%". */
  private static String regionShares(RunSeries run, List<String> regions) {
    List<String> parts = new ArrayList<>();
    for (String region : regions) {
      double share = regionShortOverRun(run, region);
      parts.add((region.equals("US") ? "the US " : region.equals("EU") ? "Europe " : region + " ") + percent(100 * share, 1));
    }
    return String.join(", ", parts);
  }

  /** Each sector's unmet share from {@code from}, in {@code run} against {@code without}: "eu-ev 10.7% → 0.0%". */
  private static String sectorShares(RunSeries run, RunSeries without, List<String> sectors, LocalDate from) {
    List<String> parts = new ArrayList<>();
    for (String sector : sectors) {
      parts.add(sector + " " + percent(100 * shortShare(without, sector, from), 1) + " → "
          + percent(100 * shortShare(run, sector, from), 1));
    }
    return String.join(", ", parts);
  }

  /**
   * The unmet share of demand outside China, by year from {@code firstYear}, for the years above 0.5%, then
   * the first year from which it stays below: "31% in 2027, 9% in 2028; under 0.5% from 2029".
   */
  private static String yearlyShortage(RunSeries run, int firstYear) {
    List<String> years = new ArrayList<>();
    int calmFrom = -1;
    for (int year = firstYear; year <= HORIZON_END.getYear(); year++) {
      double share = outsideChinaShort(run, year);
      if (share >= 0.005) {
        years.add(percent(100 * share, share >= 0.095 ? 0 : 1) + " in " + year);
        calmFrom = -1;
      } else if (calmFrom < 0) {
        calmFrom = year;
      }
    }
    String listed = years.isEmpty() ? "none above 0.5% in any year" : String.join(", ", years);
    return calmFrom < 0 ? listed + " (still above 0.5% in " + HORIZON_END.getYear() + ")"
        : listed + "; under 0.5% " + (calmFrom == HORIZON_END.getYear() ? "in " : "from ") + calmFrom;
  }

  /** How many months the ex-China price of {@code commodity} ended at the rule's cap (as summary.json counts them). */
  private static long monthsAtCap(RunSeries run, String commodity) {
    return atCap(run, commodity).count();
  }

  /** The ex-China price rows of {@code commodity} at the rule's cap. */
  private static Stream<Observation> atCap(RunSeries run, String commodity) {
    double cap = run.capPrice("ex-china", commodity);
    return run.rows().filter(o -> o.metric().equals(Metrics.PRICE) && o.region().equals("ex-china")
        && o.commodity().equals(commodity) && o.value() >= cap * (1 - 1e-9));
  }

  private static String low(List<Double> multiples) {
    return multiple(multiples.stream().mapToDouble(Double::doubleValue).min().orElseThrow(), 2);
  }

  /** The share of a region's demand over the whole run that went unmet. */
  private static double regionShortOverRun(RunSeries run, String region) {
    return run.sum(Metrics.SHORTAGE, RunSeries.region(region), LocalDate.MIN, LocalDate.MAX)
        / run.sum(Metrics.DEMAND, RunSeries.region(region), LocalDate.MIN, LocalDate.MAX);
  }

  /** The share of demand outside China in {@code year} that went unmet. */
  static double outsideChinaShort(RunSeries run, int year) {
    LocalDate from = LocalDate.of(year, 1, 1);
    LocalDate to = LocalDate.of(year, 12, 31);
    return run.sum(Metrics.SHORTAGE, outsideChina(), from, to) / run.sum(Metrics.DEMAND, outsideChina(), from, to);
  }

  private static double mean(List<Double> xs) {
    return xs.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
  }

  // ---- reading runs

  private static Predicate<Observation> outsideChina() {
    return o -> !o.region().equals("CN");
  }

  private static List<Double> calibrationMultiples(Runs r, String commodity) {
    List<Double> all = new ArrayList<>();
    for (long seed : CALIBRATION_SEEDS) all.addAll(multiples(r.run(BASELINE, seed), commodity, LocalDate.MIN));
    return all;
  }

  /** Every monthly price multiple of a commodity in both zones from {@code from}. */
  static List<Double> multiples(RunSeries run, String commodity, LocalDate from) {
    List<Double> all = new ArrayList<>();
    for (String zone : List.of("china", "ex-china")) all.addAll(multiples(run, zone, commodity, from, LocalDate.MAX));
    return all;
  }

  static List<Double> multiples(RunSeries run, String zone, String commodity, LocalDate from, LocalDate to) {
    double reference = run.referencePrice(zone, commodity);
    return run.rows().filter(o -> o.metric().equals(Metrics.PRICE) && o.region().equals(zone)
            && o.commodity().equals(commodity) && !o.date().isBefore(from) && !o.date().isAfter(to))
        .map(o -> o.value() / reference).toList();
  }

  private static String peak(RunSeries run, String commodity, int year) {
    return peak(run, commodity, date -> date.getYear() == year);
  }

  /** The highest ex-China price multiple of the months {@code when} accepts, and its month. */
  private static String peak(RunSeries run, String commodity, Predicate<LocalDate> when) {
    double reference = run.referencePrice("ex-china", commodity);
    Observation top = run.rows().filter(o -> o.metric().equals(Metrics.PRICE) && o.region().equals("ex-china")
            && o.commodity().equals(commodity) && when.test(o.date()))
        .max(java.util.Comparator.comparingDouble(Observation::value)).orElseThrow();
    return multiple(top.value() / reference, 1) + " in " + monthName(top.date()) + " " + top.date().getYear();
  }

  private static double ratio(Runs r, String file, Predicate<Observation> f, LocalDate from, LocalDate to) {
    return r.run(file).sum(Metrics.SHIPPED, f, from, to) / r.counterfactual(file).sum(Metrics.SHIPPED, f, from, to);
  }

  private static List<Double> monthlyRatios(RunSeries run, RunSeries without, Predicate<Observation> f,
                                            LocalDate from, LocalDate to) {
    List<Double> ratios = new ArrayList<>();
    for (LocalDate m = from.withDayOfMonth(1); !m.isAfter(to); m = m.plusMonths(1)) {
      LocalDate end = m.plusMonths(1).minusDays(1);
      ratios.add(run.at(Metrics.SHIPPED, f, end) / without.at(Metrics.SHIPPED, f, end));
    }
    return ratios;
  }


  private static Map<LocalDate, Double> exChinaShortageShares(RunSeries run) {
    Map<LocalDate, Double> shortage = run.rows().filter(o -> o.metric().equals(Metrics.SHORTAGE) && outsideChina().test(o))
        .collect(Collectors.groupingBy(Observation::date, TreeMap::new, Collectors.summingDouble(Observation::value)));
    Map<LocalDate, Double> demand = run.rows().filter(o -> o.metric().equals(Metrics.DEMAND) && outsideChina().test(o))
        .collect(Collectors.groupingBy(Observation::date, TreeMap::new, Collectors.summingDouble(Observation::value)));
    Map<LocalDate, Double> share = new TreeMap<>();
    shortage.forEach((date, t) -> share.put(date, t / demand.get(date)));
    return share;
  }

  private static double production(RunSeries run, String producer, LocalDate from) {
    return run.sum(Metrics.PRODUCTION, o -> o.agent().equals(producer) && o.commodity().equals(MAGNET), from, HORIZON_END);
  }

  private static double shortShare(RunSeries run, String sector, LocalDate from) {
    return shortShare(run, sector, from, HORIZON_END);
  }

  /** The share of a buyer group's demand from {@code from} to {@code to} left short. */
  static double shortShare(RunSeries run, String sector, LocalDate from, LocalDate to) {
    Predicate<Observation> s = o -> o.agent().equals(sector);
    return run.sum(Metrics.SHORTAGE, s, from, to) / run.sum(Metrics.DEMAND, s, from, to);
  }

  // ---- writing figures as the README writes them

  private static String months(long n) {
    return n + (n == 1 ? " month" : " months");
  }

  static String tonnes(double t) {
    return String.format(Locale.ROOT, "%,.0f t", t);
  }

  private static String tonnesRange(List<Double> t) {
    double low = t.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    double high = t.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    return String.format(Locale.ROOT, "%,.0f–%,.0f t", low, high);
  }

  static String percent(double p, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f%%", p);
  }

  private static String percentRange(List<Double> shares) {
    double low = shares.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    double high = shares.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    return String.format(Locale.ROOT, "%.1f–%.1f%%", 100 * low, 100 * high);
  }

  /** A ratio against the counterfactual as a signed change: "+92%", "−77%". */
  private static String change(double ratio) {
    long p = Math.round(100 * (ratio - 1));
    return (p < 0 ? "−" + -p : "+" + p) + "%";
  }

  static String multiple(double m, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f×", m);
  }

  static String range(List<Double> multiples, int decimals) {
    double low = multiples.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    double high = multiples.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    return String.format(Locale.ROOT, "%." + decimals + "f–%." + decimals + "f×", low, high);
  }

  private static String monthName(LocalDate date) {
    return date.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
  }
}
