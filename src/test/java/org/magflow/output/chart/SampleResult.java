package org.magflow.output.chart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.magflow.event.ConservationAudit;
import org.magflow.event.Metrics;
import org.magflow.event.Observation;
import org.magflow.event.PolicyChange;
import org.magflow.event.PriceReference;
import org.magflow.event.SimEvent;
import org.magflow.output.Kpis;
import org.magflow.output.RunInfo;
import org.magflow.output.RunJson;
import org.magflow.output.RunRecord;
import org.magflow.output.SummaryJson;
import org.magflow.output.TimeSeriesCsv;

/**
 * A hand-built result folder with known content, written as {@code magflow run} writes one: 2025–2026
 * monthly, regions CN (zone china), US and JP (zone ex-china), magnets and NdPr oxide, two policies
 * ({@value #SQUEEZE} from 1 Sep 2025, open-ended; {@value #QUOTA} 1 Jan to 30 Jun 2026), a US magnet shortage
 * from October 2025 to March 2026, an ex-China magnet price spike, and China's magnet exports to the US cut
 * against a counterfactual.
 */
public final class SampleResult {
  public static final String NAME = "sample-squeeze";
  public static final String SQUEEZE = "us-magnet-squeeze";
  public static final String QUOTA = "oxide-quota";
  public static final String MAGNET = "ndfeb_magnet";
  public static final String OXIDE = "ndpr_oxide";
  public static final LocalDate START = LocalDate.of(2025, 1, 1);
  public static final LocalDate END = LocalDate.of(2026, 12, 31);

  private SampleResult() {}

  /** The month ends of the run. */
  public static List<LocalDate> months() {
    var months = new ArrayList<LocalDate>();
    for (YearMonth m = YearMonth.from(START); !m.isAfter(YearMonth.from(END)); m = m.plusMonths(1)) {
      months.add(m.atEndOfMonth());
    }
    return months;
  }

  /**
   * Writes the result folder {@code dir}, and a scenario file with header comments beside it that run.json
   * names.
   *
   * @param withPolicies false for a run without policies: no policies, no counterfactual, no shortage
   */
  public static Path write(Path dir, boolean withPolicies) throws IOException {
    return write(dir, withPolicies, 10);
  }

  /**
   * As {@link #write(Path, boolean)}, with the price rule's cap at {@code capMultiple} × reference: at 2.5 the
   * ex-China magnet spike holds at the cap from February to December 2026.
   */
  public static Path write(Path dir, boolean withPolicies, double capMultiple) throws IOException {
    Files.createDirectories(dir);
    RunRecord run = run(withPolicies, false, capMultiple);
    RunRecord counterfactual = withPolicies ? run(true, true, capMultiple) : null;
    new TimeSeriesCsv().write(run, dir.resolve(TimeSeriesCsv.FILE_NAME));
    if (counterfactual != null) {
      new TimeSeriesCsv().writeCounterfactual(counterfactual, dir.resolve(TimeSeriesCsv.COUNTERFACTUAL_FILE_NAME));
    }
    new SummaryJson().write(Kpis.compute(run, counterfactual), dir.resolve(SummaryJson.FILE_NAME));
    Files.writeString(dir.resolve(ResultData.RESOLVED_SCENARIO), scenarioJson(withPolicies));
    Path scenarioFile = dir.resolveSibling(dir.getFileName() + ".yaml");
    Files.writeString(scenarioFile, """
        # Sample squeeze: China cuts magnet exports to the US.
        #
        # What this file asks: what if China's magnet exports to the US stay cut by half?
        #
        # Sources: made up for the tests [assumption].
        # - Demand: 100 t a month in the US [assumption].
        extends: base.yaml
        name: sample-squeeze
        """);
    Files.writeString(dir.resolveSibling("base.yaml"), """
        # The sample base world: three regions and two commodities.
        name: base
        """);
    new RunJson().write(new RunInfo("9.9.9-test", NAME, scenarioFile.toString(), "", 42, 0,
        "2026-01-01T00:00:00Z", 1.0, "17", "magflow run test"), dir.resolve(RunJson.FILE_NAME));
    return dir;
  }

  private static String scenarioJson(boolean withPolicies) {
    String policies = withPolicies ? """
        [
          {"type": "destination-throttle", "name": "%s", "start": "2025-09-01", "end": null,
           "exporter": "CN", "destinations": ["US"], "commodities": ["ndfeb_magnet"], "cut": 0.5,
           "source": "a made-up customs series"},
          {"type": "quota", "name": "%s", "start": "2026-01-01", "end": "2026-07-01",
           "exporter": "CN", "destinations": [], "commodities": ["ndpr_oxide"], "tonnesPerYear": 1000.0,
           "source": ""}
        ]""".formatted(SQUEEZE, QUOTA) : "[]";
    return """
        {
          "name": "%s",
          "description": "China halves magnet exports to the US from September 2025.",
          "start": "2025-01-01",
          "end": "2026-12-31",
          "seed": 42,
          "clock": {"reporting": "monthly"},
          "commodities": [
            {"id": "ndpr_oxide", "name": "Separated NdPr oxide", "unit": "t"},
            {"id": "ndfeb_magnet", "name": "Sintered NdFeB magnets (incl. alloy)", "unit": "t"}
          ],
          "regions": [
            {"id": "CN", "name": "China", "priceZone": "china"},
            {"id": "US", "name": "United States", "priceZone": "ex-china"},
            {"id": "JP", "name": "Japan", "priceZone": "ex-china"}
          ],
          "market": {"referencePrices": [
            {"commodity": "ndpr_oxide", "zone": "china", "usdPerKg": 60.0},
            {"commodity": "ndpr_oxide", "zone": "ex-china", "usdPerKg": 60.0},
            {"commodity": "ndfeb_magnet", "zone": "china", "usdPerKg": 50.0},
            {"commodity": "ndfeb_magnet", "zone": "ex-china", "usdPerKg": 50.0}
          ]},
          "policies": %s
        }
        """.formatted(withPolicies ? NAME : "sample-baseline", policies);
  }

  /** The run's events; {@code counterfactual} is the same world with the policies removed. */
  static RunRecord run(boolean withPolicies, boolean counterfactual, double capMultiple) {
    boolean shocked = withPolicies && !counterfactual;
    var events = new ArrayList<SimEvent>();
    for (String zone : List.of("china", "ex-china")) {
      events.add(new PriceReference(zone, MAGNET, 50, 50 * capMultiple));
      events.add(new PriceReference(zone, OXIDE, 60, 60 * capMultiple));
    }
    List<LocalDate> months = months();
    for (int i = 0; i < months.size(); i++) {
      LocalDate d = months.get(i);
      if (shocked && d.equals(LocalDate.of(2025, 9, 30))) {
        events.add(new PolicyChange(LocalDate.of(2025, 9, 1), SQUEEZE, "destination-throttle", true));
      }
      boolean squeezed = shocked && !d.isBefore(LocalDate.of(2025, 9, 30));
      boolean short_ = shocked && !d.isBefore(LocalDate.of(2025, 10, 31)) && d.isBefore(LocalDate.of(2026, 4, 1));
      events.addAll(sector(d, "us-ev", "US", "ev", 80, short_ ? 20 : 0, 30));
      events.addAll(sector(d, "us-defence", "US", "defence", 20, short_ ? 4 : 0, 60));
      events.addAll(sector(d, "jp-ev", "JP", "ev", 60, 0, 45));
      events.addAll(sector(d, "cn-ev", "CN", "ev", 400, 0, 40));
      double spike = squeezed ? 1 + Math.min(1.5, 0.25 * (i - 7)) : 1;
      events.add(obs(d, Metrics.PRICE, "", "china", "", MAGNET, "", squeezed ? 47 : 50, Metrics.USD_PER_KG));
      events.add(obs(d, Metrics.PRICE, "", "ex-china", "", MAGNET, "", 50 * spike, Metrics.USD_PER_KG));
      events.add(obs(d, Metrics.PRICE, "", "china", "", OXIDE, "", 58, Metrics.USD_PER_KG));
      events.add(obs(d, Metrics.PRICE, "", "ex-china", "", OXIDE, "", 61, Metrics.USD_PER_KG));
      events.add(obs(d, Metrics.SHIPPED, "", "CN", "US", MAGNET, "", squeezed ? 45 : 90, Metrics.TONNES));
      events.add(obs(d, Metrics.SHIPPED, "", "CN", "JP", MAGNET, "", squeezed ? 70 : 55, Metrics.TONNES));
      events.add(obs(d, Metrics.SHIPPED, "", "CN", "CN", MAGNET, "", 400, Metrics.TONNES));
      events.add(obs(d, Metrics.SHIPPED, "", "JP", "US", MAGNET, "", squeezed ? 20 : 5, Metrics.TONNES));
      events.add(obs(d, Metrics.SHIPPED, "", "CN", "JP", OXIDE, "", 30, Metrics.TONNES));
      events.add(obs(d, Metrics.THROUGHPUT, "cn-mines", "CN", "", "", "mining", 700, Metrics.TONNES));
      events.add(obs(d, Metrics.THROUGHPUT, "us-mines", "US", "", "", "mining", 300, Metrics.TONNES));
      events.add(obs(d, Metrics.THROUGHPUT, "cn-magnets", "CN", "", "", "manufacturing", 545, Metrics.TONNES));
      events.add(obs(d, Metrics.THROUGHPUT, "jp-magnets", "JP", "", "", "manufacturing", squeezed ? 80 : 60,
          Metrics.TONNES));
      events.add(obs(d, Metrics.INVENTORY, "jp-magnets", "JP", "", OXIDE, "", 25, Metrics.TONNES));
      events.add(obs(d, Metrics.COVER_DAYS, "jp-magnets", "JP", "", OXIDE, "", 25, Metrics.DAYS));
      events.add(obs(d, Metrics.INPUT_USE, "jp-magnets", "JP", "", OXIDE, "", 30, Metrics.TONNES));
    }
    events.add(new ConservationAudit(MAGNET, 100, 1000, 0, 900, 0, 50, 150));
    events.add(new ConservationAudit(OXIDE, 10, 100, 90, 0, 0, 5, 15));
    return new RunRecord(withPolicies ? NAME : "sample-baseline", "", 42, events);
  }

  private static List<Observation> sector(LocalDate d, String agent, String region, String sector, double demand,
                                          double shortage, double coverDays) {
    return List.of(
        obs(d, Metrics.DEMAND, agent, region, "", MAGNET, sector, demand, Metrics.TONNES),
        obs(d, Metrics.CONSUMPTION, agent, region, "", MAGNET, sector, demand - shortage, Metrics.TONNES),
        obs(d, Metrics.SHORTAGE, agent, region, "", MAGNET, sector, shortage, Metrics.TONNES),
        obs(d, Metrics.INVENTORY, agent, region, "", MAGNET, "", demand * coverDays / 30, Metrics.TONNES),
        obs(d, Metrics.COVER_DAYS, agent, region, "", MAGNET, "", shortage > 0 ? 0 : coverDays, Metrics.DAYS));
  }

  private static Observation obs(LocalDate d, String metric, String agent, String region, String partner,
                                 String commodity, String sector, double value, String unit) {
    return new Observation(d, metric, agent, region, partner, commodity, sector, value, unit);
  }
}
