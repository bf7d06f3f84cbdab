package org.magflow.output.chart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Hand-built sweep folders with known content, written as {@code magflow sweep} writes them (sweep.json,
 * summary.csv, fan.csv and tornado.csv or sobol.csv), so sweep charts and briefings are tested without running
 * a sweep. Fan series over 2025: magnet prices in zones china (flat) and ex-china (a spike with a widening
 * spread), US shortage (from May, median 2% at its peak), JP shortage (none).
 */
public final class SampleSweep {
  public static final String US_SHORTAGE = "us_shortage_pct";
  public static final String US_PRICE = "us_price_x";

  private SampleSweep() {}

  /** A grid: cut 0, 0.5, 1 (rows) × months 1, 6, 12 (columns), one run each; US shortage = 10 × cut × months / 12. */
  public static Path grid(Path dir) throws IOException {
    var summary = new ArrayList<String>();
    summary.add("point,label,cut,months,kpi,n,mean,sd,ci95_low,ci95_high,p5,p50,p95");
    var points = new ArrayList<String>();
    int point = 0;
    for (String cut : List.of("0", "0.5", "1")) {
      for (String months : List.of("1", "6", "12")) {
        double shortage = 10 * Double.parseDouble(cut) * Double.parseDouble(months) / 12;
        double price = 1 + shortage / 10;
        summary.add(point + ",," + cut + "," + months + "," + US_SHORTAGE + ",1," + n(shortage) + ",,,,"
            + n(shortage) + "," + n(shortage) + "," + n(shortage));
        summary.add(point + ",," + cut + "," + months + "," + US_PRICE + ",1," + n(price) + ",,,," + n(price) + ","
            + n(price) + "," + n(price));
        points.add("{\"point\": " + point + ", \"values\": {\"cut\": " + cut + ", \"months\": " + months + "}}");
        point++;
      }
    }
    String parameters = """
        [{"name": "cut", "path": "policies[name=squeeze].cut", "targets": ["/policies/0/cut"], "apply": "set",
          "values": [0, 0.5, 1], "baseValue": 0.3},
         {"name": "months", "path": "policies[name=squeeze].end", "targets": ["/policies/0/end"], "apply": "set",
          "monthsAfter": "policies[name=squeeze].start", "values": [1, 6, 12], "baseValue": null}]""";
    return write(dir, "grid", 9, 1, null, parameters, summary, points);
  }

  /**
   * A grid of many points over two parameters (30 × 2, one run each), for briefings that must cut the table
   * short.
   */
  public static Path bigGrid(Path dir) throws IOException {
    var summary = new ArrayList<String>();
    summary.add("point,label,cut,months,kpi,n,mean,sd,ci95_low,ci95_high,p5,p50,p95");
    int point = 0;
    for (int c = 0; c < 30; c++) {
      for (int m = 1; m <= 2; m++) {
        double v = c * m;
        summary.add(point + ",," + c + "," + m + "," + US_SHORTAGE + ",1," + n(v) + ",,,," + n(v) + "," + n(v) + ","
            + n(v));
        summary.add(point + ",," + c + "," + m + "," + US_PRICE + ",1,1,,,,1,1,1");
        point++;
      }
    }
    String parameters = """
        [{"name": "cut", "path": "policies[name=squeeze].cut", "apply": "set", "range": {"from": 0, "to": 29, "step": 1},
          "baseValue": 0.3},
         {"name": "months", "path": "policies[name=squeeze].end", "apply": "set",
          "monthsAfter": "policies[name=squeeze].start", "values": [1, 2], "baseValue": null}]""";
    return write(dir, "grid", 60, 1, null, parameters, summary, List.of());
  }

  /**
   * Monte Carlo over one parameter, 4 samples × 2 replications: rows over every run (point {@code all}) first,
   * then each point's.
   */
  public static Path monteCarlo(Path dir) throws IOException {
    var summary = new ArrayList<String>();
    summary.add("point,label,elasticity,kpi,n,mean,sd,ci95_low,ci95_high,p5,p50,p95");
    summary.add("all,,," + US_SHORTAGE + ",8,3.5,1.2,2.5,4.5,1.8,3.4,5.6");
    summary.add("all,,," + US_PRICE + ",8,1.4,0.1,1.3,1.5,1.25,1.4,1.6");
    String[] e = {"0.05", "0.12", "0.2", "0.27"};
    for (int p = 0; p < 4; p++) {
      summary.add(p + ",," + e[p] + "," + US_SHORTAGE + ",2," + n(2 + p) + ",0.5," + n(1 + p) + "," + n(3 + p) + ","
          + n(1.6 + p) + "," + n(2 + p) + "," + n(2.4 + p));
      summary.add(p + ",," + e[p] + "," + US_PRICE + ",2," + n(1.3 + 0.05 * p) + ",0.02,1.2,1.5,1.29,1.3,1.31");
    }
    String parameters = """
        [{"name": "elasticity", "path": "demand[*].priceElasticity", "targets": ["/demand/0/priceElasticity"],
          "apply": "set", "distribution": {"type": "uniform", "min": 0.02, "max": 0.3}, "baseValue": 0.2}]""";
    return write(dir, "monte-carlo", 4, 2, 4, parameters, summary, List.of());
  }

  /** One at a time over three parameters, with tornado.csv (largest swing first). */
  public static Path oneAtATime(Path dir) throws IOException {
    var summary = new ArrayList<String>();
    summary.add("point,label,approval,cover,elasticity,kpi,n,mean,sd,ci95_low,ci95_high,p5,p50,p95");
    String[][] points = {{"base", "0.9", "1", "0.2", "3"}, {"low:approval", "0.6", "1", "0.2", "12"},
        {"high:approval", "1", "1", "0.2", "2"}, {"low:cover", "0.9", "0.5", "0.2", "18"},
        {"high:cover", "0.9", "2", "0.2", "0"}, {"low:elasticity", "0.9", "1", "0.02", "3.2"},
        {"high:elasticity", "0.9", "1", "0.3", "2.9"}};
    for (int p = 0; p < points.length; p++) {
      String[] x = points[p];
      summary.add(p + "," + x[0] + "," + x[1] + "," + x[2] + "," + x[3] + "," + US_SHORTAGE + ",1," + x[4] + ",,,,"
          + x[4] + "," + x[4] + "," + x[4]);
      summary.add(p + "," + x[0] + "," + x[1] + "," + x[2] + "," + x[3] + "," + US_PRICE + ",1,1.5,,,,1.5,1.5,1.5");
    }
    String parameters = """
        [{"name": "approval", "path": "policies[name=licences].approvalProbability", "apply": "set",
          "distribution": {"type": "triangular", "min": 0.6, "mode": 0.9, "max": 1}, "baseValue": 0.9, "low": 0.6,
          "high": 1},
         {"name": "cover", "path": "demand[*].stock.targetCoverDays", "apply": "multiply",
          "distribution": {"type": "lognormal", "median": 1, "sigma": 0.35}, "baseValue": 1, "low": 0.5, "high": 2},
         {"name": "elasticity", "path": "demand[*].priceElasticity", "apply": "set",
          "range": {"from": 0.02, "to": 0.3}, "baseValue": 0.2, "low": 0.02, "high": 0.3}]""";
    Path out = write(dir, "one-at-a-time", 7, 1, null, parameters, summary, List.of());
    Files.writeString(out.resolve("tornado.csv"), String.join("\n",
        "kpi,parameter,low,high,at_low,at_base,at_high,swing",
        US_SHORTAGE + ",cover,0.5,2,18,3,0,-18",
        US_SHORTAGE + ",approval,0.6,1,12,3,2,-10",
        US_SHORTAGE + ",elasticity,0.02,0.3,3.2,3,2.9,-0.3",
        US_PRICE + ",approval,0.6,1,1.5,1.5,1.5,0",
        US_PRICE + ",cover,0.5,2,1.5,1.5,1.5,0",
        US_PRICE + ",elasticity,0.02,0.3,1.5,1.5,1.5,0") + "\n");
    return out;
  }

  /**
   * A Sobol design over two parameters with sobol.csv; {@code intervals} false leaves the bootstrap intervals
   * empty (to compare a chart with and without error bars).
   */
  public static Path sobol(Path dir, boolean intervals) throws IOException {
    var summary = new ArrayList<String>();
    summary.add("point,label,cut,noise,kpi,n,mean,sd,ci95_low,ci95_high,p5,p50,p95");
    for (int p = 0; p < 16; p++) {
      String label = p % 4 == 0 ? "A" : p % 4 == 1 ? "B" : p % 4 == 2 ? "AB:cut" : "AB:noise";
      summary.add(p + "," + label + "," + n(0.5 + p / 32.0) + "," + n(0.1 * (p % 3)) + "," + US_SHORTAGE + ",1,"
          + n(p) + ",,,," + n(p) + "," + n(p) + "," + n(p));
      summary.add(p + "," + label + "," + n(0.5 + p / 32.0) + "," + n(0.1 * (p % 3)) + "," + US_PRICE + ",1,1,,,,1,1,1");
    }
    String parameters = """
        [{"name": "cut", "path": "policies[name=squeeze].cut", "apply": "set",
          "distribution": {"type": "uniform", "min": 0.5, "max": 1}, "baseValue": 0.3},
         {"name": "noise", "path": "demandResponse.noise", "apply": "set",
          "distribution": {"type": "triangular", "min": 0, "mode": 0.05, "max": 0.1}, "baseValue": 0.05}]""";
    Path out = write(dir, "sobol", 16, 1, 4, parameters, summary, List.of());
    String ci1 = intervals ? "0.55,0.85" : ",";
    String ci2 = intervals ? "0.6,0.95" : ",";
    String ci3 = intervals ? "-0.05,0.2" : ",";
    String ci4 = intervals ? "0.05,0.35" : ",";
    Files.writeString(out.resolve("sobol.csv"), String.join("\n",
        "kpi,parameter,S1,S1_low,S1_high,ST,ST_low,ST_high,samples",
        US_SHORTAGE + ",cut,0.7," + ci1 + ",0.8," + ci2 + ",4",
        US_SHORTAGE + ",noise,0.08," + ci3 + ",0.2," + ci4 + ",4",
        US_PRICE + ",cut,,,,,,,4",
        US_PRICE + ",noise,,,,,,,4") + "\n");
    return out;
  }

  private static Path write(Path dir, String design, int points, int replications, Integer samples,
                            String parameters, List<String> summary, List<String> pointList) throws IOException {
    Files.createDirectories(dir);
    int runs = points * replications;
    String name = dir.getFileName().toString();
    String files = "\"runs.csv\", \"summary.csv\", \"fan.csv\", " + (design.equals("sobol") ? "\"sobol.csv\", "
        : design.equals("one-at-a-time") ? "\"tornado.csv\", " : "") + "\"sweep.json\", \"charts/\"";
    String json = """
        {
          "name": "%s",
          "description": "A test sweep of a US squeeze",
          "magflowVersion": "9.9.9-test",
          "javaVersion": "17",
          "command": "magflow sweep %s.yaml",
          "startedAt": "2026-01-01T00:00:00Z",
          "wallSeconds": 1.5,
          "executor": "2 threads",
          "resumedRuns": 0,
          "sweepFile": {"path": "sweeps/%s.yaml", "sha256": "abc"},
          "baseScenario": {"path": "scenarios/squeeze.yaml", "name": "squeeze", "sha256": "def", "resolvedSha256": "0123"},
          "masterSeed": 42,
          "design": "%s",
          %s"replications": %d,
          "points": %d,
          "runs": %d,
          "parameters": %s,
          "kpis": [{"name": "%s", "path": "shortageByRegion[US].shortagePercentOfDemand"},
                   {"name": "%s", "path": "prices[ex-china/ndfeb_magnet].peakMultiple"}],
          "fan": {"from": "2025-01-31", "to": "2025-12-31", "series": []},
          "files": [%s],
          "pointList": [%s]
        }
        """.formatted(name, name, name, design, samples == null ? "" : "\"samples\": " + samples + ",\n  ",
        replications, points, runs, parameters, US_SHORTAGE, US_PRICE, files, String.join(",\n", pointList));
    Files.writeString(dir.resolve("sweep.json"), json);
    Files.writeString(dir.resolve("summary.csv"), String.join("\n", summary) + "\n");
    Files.writeString(dir.resolve("runs.csv"), "run,point,replication,seed\n");
    Files.writeString(dir.resolve("fan.csv"), fan(runs));
    return dir;
  }

  /** Fan rows over every run, and (as a sweep with replications writes them) rows of point 0, to be ignored. */
  private static String fan(int runs) {
    var s = new StringBuilder("point,date,metric,region,commodity,unit,runs,mean,p5,p25,p50,p75,p95\n");
    for (String group : List.of("all", "0")) {
      for (int m = 0; m < 12; m++) {
        String date = YearMonth.of(2025, 1).plusMonths(m).atEndOfMonth().toString();
        double spike = m >= 3 && m <= 7 ? 1 + 0.3 * Math.sin(Math.PI * (m - 3) / 4) : 1;
        double spread = 0.02 + 0.05 * m;
        row(s, group, date, "price", "china", "ndfeb_magnet", "USD/kg", runs, 50, 0.01);
        row(s, group, date, "price", "ex-china", "ndfeb_magnet", "USD/kg", runs, 60 * spike, spread);
        double us = m >= 4 ? 2.0 * Math.sin(Math.PI * (m - 4) / 8) : 0;
        s.append(group).append(',').append(date).append(",shortage_percent,US,,%,").append(runs).append(',')
            .append(n(us)).append(',').append(n(0)).append(',').append(n(us * 0.5)).append(',').append(n(us))
            .append(',').append(n(us * 1.6)).append(',').append(n(us * 3)).append('\n');
        s.append(group).append(',').append(date).append(",shortage_percent,JP,,%,").append(runs)
            .append(",0,0,0,0,0,0\n");
      }
    }
    return s.toString();
  }

  private static void row(StringBuilder s, String group, String date, String metric, String region, String commodity,
                          String unit, int runs, double median, double spread) {
    s.append(group).append(',').append(date).append(',').append(metric).append(',').append(region).append(',')
        .append(commodity).append(',').append(unit).append(',').append(runs).append(',').append(n(median));
    for (double f : new double[] {-1, -0.4, 0, 0.4, 1}) s.append(',').append(n(median * (1 + f * spread)));
    s.append('\n');
  }

  private static String n(double v) {
    return String.format(Locale.ROOT, "%.6f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
  }
}
