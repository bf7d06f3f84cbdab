package org.magflow.output.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reference price's line and label in a run without policies (the sample's references: 50 and 60). */
class PriceChartsTest {
  @TempDir static Path tmp;
  static ResultData data;

  @BeforeAll
  static void load() throws Exception {
    data = ResultData.load(SampleResult.write(tmp.resolve("calm"), false));
  }

  private static XYPlot plot(String commodity) throws Exception {
    Chart c = new Charts().build(data, new ChartOptions("price", null, null, List.of(commodity), null, null))
        .get(0);
    return (XYPlot) c.chart().getPlot();
  }

  private static ValueMarker only(XYPlot plot, Layer layer) {
    var markers = plot.getRangeMarkers(layer);
    assertEquals(1, markers.size(), layer + " range markers");
    return (ValueMarker) markers.iterator().next();
  }

  @Test
  void theDashedLineIsBehindThePathsAndItsLabelInFrontOnAWhiteBox() throws Exception {
    XYPlot plot = plot(SampleResult.MAGNET);
    ValueMarker line = only(plot, Layer.BACKGROUND);
    ValueMarker label = only(plot, Layer.FOREGROUND);
    assertEquals(50, line.getValue());
    assertNull(line.getLabel(), "the line behind the paths carries no label the paths could cross");
    assertEquals(50, label.getValue());
    assertEquals("reference 50 USD/kg", label.getLabel());
    assertEquals(0, ((Color) label.getPaint()).getAlpha(), "the label's own line is invisible");
    assertEquals(Color.WHITE.getRGB() & 0xFFFFFF, label.getLabelBackgroundColor().getRGB() & 0xFFFFFF);
  }

  @Test
  void aPriceHeldAtTheRulesCap_getsTheCapDrawnAndNamed_andOnlyThen() throws Exception {
    // the squeeze's ex-China magnet spike reaches 2.5x its reference of 50: the cap when the rule's is 2.5
    ResultData capped = ResultData.load(SampleResult.write(tmp.resolve("capped"), true, 2.5));
    Chart chart = new Charts().build(capped, new ChartOptions("price", null, null, List.of(SampleResult.MAGNET), null,
        null)).get(0);
    ValueMarker cap = only((XYPlot) chart.chart().getPlot(), Layer.FOREGROUND);
    assertEquals(125, cap.getValue(), 1e-9);
    assertEquals("price rule's cap: buyers rationed", cap.getLabel());
    assertTrue(chart.caption().contains("The dotted line is the price rule's cap"), chart.caption());
    // the same run under a cap it never reaches: no line, no words
    ResultData free = ResultData.load(SampleResult.write(tmp.resolve("free"), true, 10));
    Chart plain = new Charts().build(free, new ChartOptions("price", null, null, List.of(SampleResult.MAGNET), null,
        null)).get(0);
    assertTrue(((XYPlot) plain.chart().getPlot()).getRangeMarkers(Layer.FOREGROUND) == null
        || ((XYPlot) plain.chart().getPlot()).getRangeMarkers(Layer.FOREGROUND).isEmpty());
    assertFalse(plain.caption().contains("cap"), plain.caption());
  }

  @Test
  void theLabelSitsAboveTheLineUnlessThePathsRunJustAboveIt() throws Exception {
    // Magnets run exactly at their reference of 50: the label goes above the line, as it always did.
    assertEquals(RectangleAnchor.TOP_RIGHT, only(plot(SampleResult.MAGNET), Layer.FOREGROUND).getLabelAnchor());
    // Ex-China oxide runs at 61 against a reference of 60, in the label's band above the line: it goes below.
    assertEquals(RectangleAnchor.BOTTOM_RIGHT, only(plot(SampleResult.OXIDE), Layer.FOREGROUND).getLabelAnchor());
  }
}
