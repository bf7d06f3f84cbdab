package org.magflow.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.magflow.output.OutputTarget;
import org.magflow.output.chart.Chart;
import org.magflow.output.chart.ChartFormat;
import org.magflow.output.chart.ChartOptions;
import org.magflow.output.chart.ChartWriter;
import org.magflow.output.chart.Charts;
import org.magflow.output.chart.ResultData;
import org.magflow.output.chart.ResultInputException;
import org.magflow.output.chart.SweepChartOptions;
import org.magflow.output.chart.SweepCharts;
import org.magflow.output.chart.SweepData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code magflow chart RESULT_DIR}: draws briefing charts from a result folder or a sweep folder. */
@Command(name = "chart", mixinStandardHelpOptions = true,
    // picocli's synopsis of comma-split options ([--agents=a,b[,a,b...]]...) reads as noise; this one as used
    customSynopsis = {"magflow chart RESULT_DIR [--metric M] [--agents a,b] [--regions r,s]",
        "              [--commodities c] [--from DATE] [--to DATE] [--format png,svg]",
        "              [--kpi k1,k2] [-o DIR]"},
    footer = {"%nExamples:",
        "  magflow chart results/september-2025-us-squeeze",
        "  magflow chart results/september-2025-us-squeeze --metric price --commodities ndfeb_magnet \\",
        "      --from 2025-06-01 --to 2026-12-31 --format svg -o slides/"},
    description = {"Draw charts from a result folder written by magflow run, or a sweep folder written by "
        + "magflow sweep.",
        "Without --metric, draws every briefing chart (as magflow run does into RESULT_DIR/charts): "
            + "price, shortage-by-region, shortage-by-sector, exports, cover, production-shares. "
            + "--metric also takes any metric of timeseries.csv (for example inventory, capacity), drawn by region, "
            + "or by agent with --agents.",
        "On a sweep folder (one with sweep.json): fan-price, fan-shortage, and the heatmap (a grid over two "
            + "parameters), tornado (one-at-a-time) or sobol chart its design allows, for the first KPI or those "
            + "given with --kpi."})
final class ChartCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "RESULT_DIR",
      description = "A result folder, for example results/baseline, or a sweep folder, for example results/sweeps/cut-size-duration.")
  Path resultDir;

  @Option(names = "--metric", paramLabel = "M",
      description = "One chart (price, shortage-by-region, shortage-by-sector, exports, cover, production-shares) "
          + "or a time-series metric (default: every briefing chart); for a sweep folder: fan-price, fan-shortage, "
          + "heatmap, tornado or sobol.")
  String metric;

  @Option(names = "--kpi", split = ",", hideParamSyntax = true, paramLabel = "k1,k2",
      description = "Sweep folders only: the KPIs of the heatmap, tornado and Sobol charts (default: the first KPI;"
          + " all: every KPI).")
  List<String> kpis;

  @Option(names = "--agents", split = ",", hideParamSyntax = true, paramLabel = "a,b", description = "Producer or demand-sector ids.")
  List<String> agents;

  @Option(names = "--regions", split = ",", hideParamSyntax = true, paramLabel = "r,s", description = "Region or price-zone ids.")
  List<String> regions;

  @Option(names = "--commodities", split = ",", hideParamSyntax = true, paramLabel = "c", description = "Commodity ids.")
  List<String> commodities;

  @Option(names = "--from", paramLabel = "DATE", converter = ResultInputs.IsoDate.class, description = "First day shown (ISO date; default: the start).")
  LocalDate from;

  @Option(names = "--to", paramLabel = "DATE", converter = ResultInputs.IsoDate.class, description = "Last day shown (ISO date; default: the end).")
  LocalDate to;

  @Option(names = "--format", split = ",", hideParamSyntax = true, paramLabel = "png|svg",
      description = "File formats, comma-separated (default: png,svg).")
  List<String> formats;

  @Option(names = {"-o", "--out"}, paramLabel = "DIR",
      description = "Folder for the charts (default: RESULT_DIR/charts).")
  Path out;

  @Override
  public Integer call() throws Exception {
    var cannotDraw = ResultInputs.cannotDraw(spec.commandLine().getErr());
    if (cannotDraw.isPresent()) return cannotDraw.get();
    Set<ChartFormat> chosen = formats();
    List<Chart> charts;
    try {
      if (ResultInputs.isSweep(resultDir)) {
        if (agents != null && !agents.isEmpty()) {
          throw new ResultInputException("--agents", "a sweep folder has no agents' series; its fan charts take "
              + "--regions and --commodities");
        }
        charts = new SweepCharts().build(SweepData.load(resultDir),
            new SweepChartOptions(metric, kpis, regions, commodities, from, to));
      } else {
        if (kpis != null && !kpis.isEmpty()) {
          throw new ResultInputException("--kpi", "--kpi applies to sweep folders (with sweep.json); " + resultDir
              + " is not one");
        }
        ResultData data = ResultData.load(resultDir);
        charts = new Charts().build(data, new ChartOptions(metric, agents, regions, commodities, from, to));
      }
    } catch (ResultInputException e) {
      throw ResultInputs.badInput(e);
    }
    Path dir = out != null ? out : resultDir.resolve(ChartWriter.CHARTS_DIR);
    ResultInputs.checkTarget(dir, OutputTarget.addToFolder(dir)); // before drawing, the slow part
    List<Path> written = new ChartWriter().write(charts, dir, chosen);
    var stdout = spec.commandLine().getOut();
    written.forEach(stdout::println);
    stdout.printf("Wrote %d chart%s to %s%n", charts.size(), charts.size() == 1 ? "" : "s", dir);
    stdout.flush();
    return MagflowCli.OK;
  }

  private Set<ChartFormat> formats() {
    if (formats == null || formats.isEmpty()) return EnumSet.of(ChartFormat.PNG, ChartFormat.SVG);
    Set<ChartFormat> chosen = EnumSet.noneOf(ChartFormat.class);
    for (String f : formats) {
      chosen.add(ChartFormat.byName(f).orElseThrow(() -> new ParameterException(spec.commandLine(),
          "Invalid value for option '--format': '" + f + "'; choose png or svg (PDF is not bundled: print the "
              + "report to PDF from a browser, or convert the SVG)")));
    }
    return chosen;
  }
}
