package org.magflow.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magflow.event.ConservationAudit;
import org.magflow.event.PolicyChange;
import org.magflow.event.SimEvent;

class SummaryJsonTest {
  @Test void write_sameRunTwice_givesIdenticalBytes(@TempDir Path dir) throws IOException {
    Path first = dir.resolve("first.json");
    Path second = dir.resolve("second.json");
    new SummaryJson().write(Kpis.compute(SyntheticRuns.shocked(), SyntheticRuns.counterfactual()), first);
    new SummaryJson().write(Kpis.compute(SyntheticRuns.shocked(), SyntheticRuns.counterfactual()), second);
    assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
  }

  @Test void toJson_smallRun_givesExactText() throws IOException {
    var events = new ArrayList<SimEvent>();
    events.add(new PolicyChange(SyntheticRuns.JAN, "ban", "entity_ban", true));
    events.addAll(SyntheticRuns.demand(SyntheticRuns.JAN, "us_ev", "us", "ev", 30, 10));
    events.add(new ConservationAudit("reo", 1, 0.1, 0.2, 0, 0, 0, 0.9));
    String json = new SummaryJson().toJson(Kpis.compute(SyntheticRuns.run(events), null));
    assertEquals("""
        {
          "scenarioName": "test",
          "scenarioFile": "",
          "seed": 1,
          "conserved": true,
          "firstPeriodEnd": "2025-01-31",
          "lastPeriodEnd": "2025-01-31",
          "counterfactualCompared": false,
          "shortageByRegion": [
            {
              "region": "us",
              "sector": "",
              "cumulativeShortageTonnes": 10,
              "cumulativeDemandTonnes": 30,
              "shortagePercentOfDemand": 33.3333333,
              "peakShortageTonnes": 10,
              "peakShortageDate": "2025-01-31",
              "peakShortagePercentOfPeriodDemand": 33.3333333,
              "periodsInShortage": 1,
              "firstShortageDate": "2025-01-31",
              "recoveryDate": null,
              "shortageDurationMonths": null
            }
          ],
          "shortageBySector": [
            {
              "region": "us",
              "sector": "ev",
              "cumulativeShortageTonnes": 10,
              "cumulativeDemandTonnes": 30,
              "shortagePercentOfDemand": 33.3333333,
              "peakShortageTonnes": 10,
              "peakShortageDate": "2025-01-31",
              "peakShortagePercentOfPeriodDemand": 33.3333333,
              "periodsInShortage": 1,
              "firstShortageDate": "2025-01-31",
              "recoveryDate": null,
              "shortageDurationMonths": null
            }
          ],
          "prices": [],
          "exportFlows": [],
          "exportTotals": [],
          "productionShares": [],
          "policies": [
            {
              "name": "ban",
              "type": "entity_ban",
              "date": "2025-01-31",
              "active": true
            }
          ],
          "conservation": [
            {
              "commodity": "reo",
              "initial": 1,
              "produced": 0.1,
              "used": 0.2,
              "consumed": 0,
              "writtenOff": 0,
              "inTransit": 0,
              "finalStock": 0.9,
              "residual": 0.000000000000000111022302,
              "balanced": true
            }
          ],
          "warnings": []
        }
        """, json);
  }

  @Test void toJson_usesLineFeedsOnly_andNoExponents() throws IOException {
    String json = new SummaryJson().toJson(Kpis.compute(SyntheticRuns.shocked(), SyntheticRuns.counterfactual()));
    assertFalse(json.contains("\r"));
    assertFalse(json.matches("(?s).*\\d[eE][+-]?\\d.*"), "no number in exponent form");
    assertTrue(json.endsWith("}\n"));
  }
}
