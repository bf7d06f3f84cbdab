package org.magflow.output.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.Marker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.Layer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magflow.output.TerminalSummary;
import org.magflow.output.chart.Chart;
import org.magflow.output.chart.ChartOptions;
import org.magflow.output.chart.Charts;
import org.magflow.output.chart.ResultData;
import org.magflow.output.chart.SampleResult;

/**
 * A policy's title is the name readers see everywhere: chart labels, the briefing and the terminal summary; a
 * policy without one is shown by a readable form of its id.
 */
class PolicyTitleTest {
  private static final String TITLE = "China's squeeze on US magnets";
  /** The squeeze's name without a title: the readable form of {@link SampleResult#SQUEEZE}. */
  private static final String READABLE = "US magnet squeeze";
  /** The quota never has a title here. */
  private static final String QUOTA = "Oxide quota";

  @TempDir Path tmp;

  /** The sample run, its squeeze titled in the resolved scenario as a scenario file's {@code title:} puts it. */
  private ResultData sample(boolean titled) throws Exception {
    Path dir = SampleResult.write(tmp.resolve(titled ? "titled" : "untitled"), true);
    if (titled) {
      Path resolved = dir.resolve(ResultData.RESOLVED_SCENARIO);
      String json = Files.readString(resolved);
      String name = "\"name\": \"" + SampleResult.SQUEEZE + "\",";
      assertTrue(json.contains(name), json);
      Files.writeString(resolved, json.replace(name, name + " \"title\": \"" + TITLE + "\","));
    }
    return ResultData.load(dir);
  }

  @Test
  void aTitle_labelsTheCharts_theBriefing_andTheTerminalSummary() throws Exception {
    ResultData d = sample(true);
    assertEquals(TITLE, d.policies().get(0).title());

    List<String> labels = markerLabels(new Charts().build(d, ChartOptions.all()));
    assertTrue(labels.stream().anyMatch(l -> l.startsWith(TITLE + " \u00b7 from 1 Sep 2025")), labels.toString());
    assertTrue(labels.stream().anyMatch(l -> l.startsWith(QUOTA + " \u00b7 ")), labels.toString());
    assertTrue(labels.stream().noneMatch(l -> l.contains(READABLE)), labels.toString());

    String html = new BriefingReport().render(List.of(d));
    assertTrue(html.contains(">" + Html.esc(TITLE) + "</text>"), "the timeline's label");
    assertTrue(html.contains("<b>What ran:</b> <b>" + Html.esc(TITLE) + "</b> (destination-throttle, from 1 Sep 2025"),
        "what ran, on the first screen");
    assertTrue(html.contains("<tr><td>" + Html.esc(TITLE) + "<br><code>" + SampleResult.SQUEEZE + "</code>"),
        "the policy table, with the id beside the title");
    assertTrue(html.contains("<li><b>" + Html.esc(TITLE) + "</b>: a made-up customs series"), "the sources");
    assertFalse(html.contains(READABLE), "the readable id is not used once a title is given");

    String text = TerminalSummary.render(d.summary(), Findings.of(d));
    assertTrue(text.contains("\nPolicies      " + TITLE + ", from 1 Sep 2025, to the end\n"
        + "              " + QUOTA + ", 1 Jan 2026 to 30 Jun 2026\n"), text);
  }

  @Test
  void noTitle_theReadableId_everywhere() throws Exception {
    ResultData d = sample(false);
    assertEquals(READABLE, d.policies().get(0).title());
    List<String> labels = markerLabels(new Charts().build(d, ChartOptions.all()));
    assertTrue(labels.stream().anyMatch(l -> l.startsWith(READABLE + " \u00b7 from 1 Sep 2025")), labels.toString());
    assertTrue(new BriefingReport().render(List.of(d)).contains("<b>What ran:</b> <b>" + READABLE + "</b>"));
    String text = TerminalSummary.render(d.summary(), Findings.of(d));
    assertTrue(text.contains("\nPolicies      " + READABLE + ", from 1 Sep 2025, to the end\n"), text);
  }

  /** The labels of the policy start lines drawn on the charts' plots. */
  private static List<String> markerLabels(List<Chart> charts) {
    var labels = new ArrayList<String>();
    for (Chart c : charts) {
      var plots = new ArrayList<XYPlot>();
      if (c.chart().getPlot() instanceof CombinedDomainXYPlot combined) plots.addAll(combined.getSubplots());
      else if (c.chart().getPlot() instanceof XYPlot plot) plots.add(plot);
      for (XYPlot plot : plots) {
        var markers = plot.getDomainMarkers(Layer.FOREGROUND);
        if (markers == null) continue;
        for (Object m : markers) {
          String label = ((Marker) m).getLabel();
          if (label != null) labels.add(label);
        }
      }
    }
    return labels;
  }
}
