package org.magflow.output.chart;

import java.awt.Dimension;
import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.batik.svggen.SVGGeneratorContext;
import org.apache.batik.svggen.SVGGraphics2D;
import org.jfree.chart.text.TextUtils;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Writes charts as PNG (1600 × 900) and SVG files, and renders them to bytes for embedding in a report.
 *
 * <p>Rendering is headless: no display is needed, only fonts (see the README's note on slim images).
 */
public final class ChartWriter {
  /** The folder inside a result folder that holds the charts written with every run. */
  public static final String CHARTS_DIR = "charts";

  /** Written into the charts folder instead of charts when this JVM cannot draw text. */
  public static final String NOT_DRAWN = "CHARTS-NOT-DRAWN.txt";
  /** What a slim Debian or Ubuntu image needs for charts. */
  public static final String FONT_ADVICE = "Charts need fonts: on Debian or Ubuntu, "
      + "apt-get install fontconfig fonts-dejavu-core";

  private static final String SVG_NS = "http://www.w3.org/2000/svg";

  public ChartWriter() {
    // Charts are drawn off screen; without this a desktop JVM on macOS would start a GUI app to do it.
    if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    // JFreeChart draws rotated text (the value axes' labels) through a TextLayout by default, a workaround for a
    // Java 1.4 bug; Batik turns a TextLayout into outlines, so the labels would not be text in the SVG. Plain
    // drawString under a rotation is correct on every JDK magflow runs on.
    TextUtils.setUseDrawRotatedStringWorkaround(false);
  }

  /**
   * Draws every briefing chart of the result folder {@code resultDir} into {@code resultDir/charts} as PNG and
   * SVG: what {@code magflow run} does once the folder's other files are written.
   *
   * @return the files written
   */
  public List<Path> writeRunCharts(Path resultDir) throws IOException {
    Optional<String> problem = renderingProblem();
    if (problem.isPresent()) {
      // A JVM without fonts (a slim container image) cannot draw text. The run's data are complete and
      // `magflow chart` can draw the charts later, so the run goes on: say what is missing, and where.
      Path dir = Files.createDirectories(resultDir.resolve(CHARTS_DIR));
      Files.writeString(dir.resolve(NOT_DRAWN), "No charts: " + problem.get() + "\n" + FONT_ADVICE + "\n"
          + "Then draw them with: magflow chart " + resultDir + "\n", StandardCharsets.UTF_8);
      System.err.println("warning: charts not drawn: " + problem.get() + ". " + FONT_ADVICE);
      return List.of(dir.resolve(NOT_DRAWN));
    }
    ResultData data;
    List<Chart> charts;
    try {
      data = ResultData.load(resultDir);
      charts = new Charts().build(data, ChartOptions.all());
    } catch (ResultInputException e) {
      throw new IOException("cannot chart " + resultDir + ": " + e.getMessage(), e);
    }
    return write(charts, resultDir.resolve(CHARTS_DIR), Set.of(ChartFormat.PNG, ChartFormat.SVG));
  }

  /**
   * Draws every chart of the sweep folder {@code sweepDir} (fan charts, and the heatmap, tornado or Sobol chart
   * its design allows, for its first KPI) into {@code sweepDir/charts} as PNG and SVG, from the folder's files:
   * what {@code magflow sweep} does once the sweep's data are written.
   *
   * @return the files written
   * @throws IOException if the folder cannot be read as a sweep folder or a chart cannot be written; the
   *     sweep's data files are not touched either way
   */
  public List<Path> writeSweepCharts(Path sweepDir) throws IOException {
    List<Chart> charts;
    try {
      charts = new SweepCharts().build(SweepData.load(sweepDir), SweepChartOptions.all());
    } catch (ResultInputException e) {
      throw new IOException("cannot chart " + sweepDir + ": " + e.getMessage(), e);
    }
    return write(charts, sweepDir.resolve(CHARTS_DIR), Set.of(ChartFormat.PNG, ChartFormat.SVG));
  }

  /**
   * Writes each chart in each format into {@code outDir} (created if needed) as {@code <fileStem>.<ext>},
   * replacing files of the same name.
   *
   * @return the files written, chart by chart, in format order
   */
  public List<Path> write(List<Chart> charts, Path outDir, Set<ChartFormat> formats) throws IOException {
    Files.createDirectories(outDir);
    List<ChartFormat> chosen = Arrays.stream(ChartFormat.values()).filter(formats::contains).toList();
    // Charts are independent, so they render on every core; one chart's formats render one after the other,
    // as a JFreeChart must not be drawn by two threads at once.
    List<List<byte[]>> rendered = charts.parallelStream()
        .map(chart -> chosen.stream().map(format -> render(chart, format)).toList())
        .toList();
    var written = new ArrayList<Path>();
    for (int i = 0; i < charts.size(); i++) {
      for (int j = 0; j < chosen.size(); j++) {
        Path file = outDir.resolve(charts.get(i).fileStem() + "." + chosen.get(j).extension());
        Files.write(file, rendered.get(i).get(j));
        written.add(file);
      }
    }
    return written;
  }

  /** The chart as the bytes of a file in {@code format}. */
  public byte[] render(Chart chart, ChartFormat format) {
    return switch (format) {
      case PNG -> png(chart);
      case SVG -> svg(chart).getBytes(StandardCharsets.UTF_8);
    };
  }

  /**
   * Why this JVM cannot draw charts, if it cannot: headless Java still needs fontconfig and at least one font
   * to lay out text, which slim container images leave out.
   */
  public static Optional<String> renderingProblem() {
    try {
      if (GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames().length == 0) {
        return Optional.of("this Java finds no fonts");
      }
      BufferedImage probe = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = probe.createGraphics();
      try {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString("x", 0, 8);
      } finally {
        g.dispose();
      }
      return Optional.empty();
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable t) { // the font system fails with errors as varied as UnsatisfiedLinkError and NPEs
      return Optional.of("this Java cannot lay out text (" + t + ")");
    }
  }

  /** The chart as a 1600 × 900 PNG image. */
  public byte[] png(Chart chart) {
    BufferedImage image = new BufferedImage(HouseStyle.WIDTH, HouseStyle.HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      chart.chart().draw(g, new Rectangle(0, 0, HouseStyle.WIDTH, HouseStyle.HEIGHT));
    } finally {
      g.dispose();
    }
    var bytes = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, "png", bytes)) throw new IllegalStateException("this JVM has no PNG writer");
    } catch (IOException e) {
      throw new UncheckedIOException(e); // writing to memory does not fail
    }
    return bytes.toByteArray();
  }

  /**
   * The chart as an SVG document with a 1600 × 900 view box, text kept as text in DejaVu Sans (with the
   * browser's sans-serif as fallback).
   */
  public String svg(Chart chart) {
    Document doc;
    try {
      var factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      doc = factory.newDocumentBuilder().getDOMImplementation().createDocument(SVG_NS, "svg", null);
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's DOM is unavailable", e);
    }
    SVGGeneratorContext context = SVGGeneratorContext.createDefault(doc);
    context.setComment(null);
    context.setEmbeddedFontsOn(false);
    context.setPrecision(2); // two decimals of a pixel: invisible, and halves the file
    SVGGraphics2D g = new SVGGraphics2D(context, false);
    g.setSVGCanvasSize(new Dimension(HouseStyle.WIDTH, HouseStyle.HEIGHT));
    chart.chart().draw(g, new Rectangle(0, 0, HouseStyle.WIDTH, HouseStyle.HEIGHT));
    Element root = g.getRoot();
    root.setAttribute("viewBox", "0 0 " + HouseStyle.WIDTH + " " + HouseStyle.HEIGHT);
    var out = new StringWriter();
    try {
      g.stream(root, out, true, false);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    } finally {
      g.dispose();
    }
    return tidy(out.toString());
  }

  /**
   * Drops the DOCTYPE (SVG 1.1 and later need none, and a parser would try to fetch the DTD) and gives every
   * font a generic fallback, so a browser without DejaVu Sans shows Verdana or its own sans-serif, not a serif.
   */
  static String tidy(String svg) {
    return svg.replaceFirst("(?s)<!DOCTYPE[^>]*>\\s*", "")
        .replace("font-family:'DejaVu Sans'", "font-family:'DejaVu Sans',Verdana,sans-serif")
        .replace("font-family:'Dialog'", "font-family:sans-serif")
        .replace("font-family:'sansserif'", "font-family:sans-serif");
  }
}
