package org.magflow.output.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.LocalDate;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shortage is drawn against each region's own demand: a region 24% short shows 24%, not its share of the world. */
class ShortageChartsTest {
  @Test
  void theLowerPanel_isTheShareOfTheRegionsOwnDemand(@TempDir Path tmp) throws Exception {
    ResultData d = ResultData.load(SampleResult.write(tmp.resolve("squeeze"), true));
    Chart chart = new Charts().build(d, new ChartOptions("shortage-by-region", null, null, null, null, null)).get(0);
    var plot = (CombinedDomainXYPlot) chart.chart().getXYPlot();
    XYDataset shares = ((XYPlot) plot.getSubplots().get(1)).getDataset();
    assertEquals("United States", shares.getSeriesKey(0));
    long december = HouseStyle.millis(LocalDate.of(2025, 12, 31));
    double share = Double.NaN;
    for (int i = 0; i < shares.getItemCount(0); i++) {
      if ((long) shares.getXValue(0, i) == december) share = shares.getYValue(0, i);
    }
    // The sample's US wants 100 t a month (EV 80, defence 20) and gets 24 t less; Japan wants 60 t and gets all.
    assertEquals(24.0, share, 1e-9, "24 of the US's own 100 t, not 24 of the world's 160 t (15%)");
  }
}
