package org.magflow.output.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** The chart files a run gets: which, in what size and format, and that every one shows what it must. */
class ChartWriterTest {
  static final List<String> BRIEFING_CHARTS = List.of("price-ndpr_oxide", "price-ndfeb_magnet",
      "shortage-by-region-ndfeb_magnet", "shortage-by-sector-ndfeb_magnet", "exports-cn-ndpr_oxide",
      "exports-cn-ndfeb_magnet", "cover-ndfeb_magnet", "production-shares");

  @TempDir static Path tmp;
  static Path result;
  static List<Path> written;

  @BeforeAll
  static void writeTheSampleRunsCharts() throws IOException {
    result = SampleResult.write(tmp.resolve("sample"), true);
    written = new ChartWriter().writeRunCharts(result);
  }

  /** The text of every {@code <text>} element of an SVG file, parsed as XML (which fails on malformed SVG). */
  static List<String> svgTexts(String svg) throws Exception {
    var factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    // A DOCTYPE would make a parser fetch a DTD from the network: the SVG must not have one.
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    assertEquals("svg", doc.getDocumentElement().getLocalName());
    assertEquals("http://www.w3.org/2000/svg", doc.getDocumentElement().getNamespaceURI());
    NodeList texts = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "text");
    var result = new ArrayList<String>();
    for (int i = 0; i < texts.getLength(); i++) result.add(texts.item(i).getTextContent().strip());
    return result;
  }

  @Test
  void writeRunCharts_writesEveryBriefingChart_asNonEmptyPngAndSvg() throws IOException {
    Path charts = result.resolve(ChartWriter.CHARTS_DIR);
    try (Stream<Path> files = Files.list(charts)) {
      Set<String> names = files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
      for (String chart : BRIEFING_CHARTS) {
        assertTrue(names.contains(chart + ".png"), chart + ".png in " + names);
        assertTrue(names.contains(chart + ".svg"), chart + ".svg in " + names);
      }
      assertEquals(2 * BRIEFING_CHARTS.size(), names.size(), "no other files: " + names);
    }
    assertEquals(2 * BRIEFING_CHARTS.size(), written.size());
    for (Path file : written) assertTrue(Files.size(file) > 5_000, file + " is " + Files.size(file) + " bytes");
  }

  @Test
  void everyPng_is1600by900() throws IOException {
    for (Path file : written) {
      if (!file.toString().endsWith(".png")) continue;
      BufferedImage image = ImageIO.read(file.toFile());
      assertNotNull(image, file + " is not a readable PNG");
      assertEquals(1600, image.getWidth(), file.toString());
      assertEquals(900, image.getHeight(), file.toString());
    }
  }

  @Test
  void everySvg_parsesAsXml_withA1600by900ViewBox_andNoExternalReference() throws Exception {
    for (Path file : written) {
      if (!file.toString().endsWith(".svg")) continue;
      String svg = Files.readString(file);
      svgTexts(svg);
      assertTrue(svg.contains("viewBox=\"0 0 1600 900\""), file.toString());
      assertFalse(svg.contains("<!DOCTYPE"), file.toString());
      assertFalse(svg.contains("xlink:href=\"http"), file.toString());
      assertTrue(svg.contains("font-family:'DejaVu Sans',Verdana,sans-serif"), "fonts fall back: " + file);
    }
  }

  @Test
  void everyTimeChart_marksEachPolicyStart_withItsNameAndDate() throws Exception {
    for (String chart : BRIEFING_CHARTS) {
      String texts = String.join("\n", svgTexts(Files.readString(result.resolve("charts/" + chart + ".svg"))));
      // labelled with the policies' titles, readable forms of their ids
      assertTrue(texts.contains("US magnet squeeze · from 1 Sep 2025"), chart + ":\n" + texts);
      assertTrue(texts.contains("Oxide quota · 1 Jan 2026 – 30 Jun 2026"), chart + ":\n" + texts);
    }
  }

  @Test
  void everyChart_hasTitleSubtitleSourceLine_andUnitsOnItsAxes() throws Exception {
    var units = List.of(
        List.of("price-ndfeb_magnet", "Price, USD/kg", "× reference (50 USD/kg)"),
        List.of("shortage-by-region-ndfeb_magnet", "t per month", "% of own demand"),
        List.of("shortage-by-sector-ndfeb_magnet", "t per month", "% of own demand"),
        List.of("exports-cn-ndfeb_magnet", "Exports, t per month"),
        List.of("cover-ndfeb_magnet", "Inventory cover, days of use"),
        List.of("production-shares", "%"));
    for (List<String> expected : units) {
      List<String> texts = svgTexts(Files.readString(result.resolve("charts/" + expected.get(0) + ".svg")));
      for (String label : expected.subList(1, expected.size())) {
        assertTrue(texts.contains(label), expected.get(0) + ": " + label + " in " + texts);
      }
      assertTrue(texts.contains("End of month"), expected.get(0) + ": time axis label");
      assertTrue(texts.contains("2026"), expected.get(0) + ": dates on the time axis " + texts);
      assertTrue(texts.stream().anyMatch(t -> t.startsWith(SampleResult.NAME + " · seed 42")),
          expected.get(0) + ": subtitle");
      assertTrue(texts.contains("Source: magflow 9.9.9-test simulation · " + tmp.resolve("sample.yaml")
          + " · seed 42 · shaded: policy in force"), expected.get(0) + ": source line " + texts);
    }
  }

  @Test
  void priceChart_drawsTheCounterfactualAsAReference_andTitlesTheCommodityShort() throws Exception {
    List<String> texts = svgTexts(Files.readString(result.resolve("charts/price-ndfeb_magnet.svg")));
    assertTrue(texts.contains("NdFeB magnets: price by zone"), texts.toString());
    assertTrue(texts.contains("China domestic"), texts.toString());
    assertTrue(texts.contains("Outside China"), texts.toString());
    assertTrue(texts.contains("Outside China, without policies"), texts.toString());
  }

  @Test
  void priceChart_withoutPolicies_drawsTheReferencePrice(@TempDir Path dir) throws Exception {
    Path plain = SampleResult.write(dir.resolve("plain"), false);
    List<Chart> charts = new Charts().build(ResultData.load(plain), new ChartOptions("price", null, null,
        List.of(SampleResult.MAGNET), null, null));
    assertEquals(1, charts.size());
    List<String> texts = svgTexts(new ChartWriter().svg(charts.get(0)));
    assertTrue(texts.contains("reference 50 USD/kg"), texts.toString());
    assertFalse(texts.stream().anyMatch(t -> t.contains("without policies")), texts.toString());
    assertFalse(texts.stream().anyMatch(t -> t.contains("shaded")), "no policies, no shading note: " + texts);
  }

  @Test
  void shortageChart_listsOnlyWhoRanShort_andSaysSoWhenNobodyDid(@TempDir Path dir) throws Exception {
    List<String> texts = svgTexts(Files.readString(result.resolve("charts/shortage-by-region-ndfeb_magnet.svg")));
    assertTrue(texts.contains("United States"), texts.toString());
    assertFalse(texts.contains("Japan"), "Japan never ran short: " + texts);
    List<String> sectors = svgTexts(Files.readString(result.resolve("charts/shortage-by-sector-ndfeb_magnet.svg")));
    assertTrue(sectors.contains("EV") && sectors.contains("Defence"), sectors.toString());

    Path plain = SampleResult.write(dir.resolve("plain"), false);
    // nobody short: no chart of empty panels, but a sentence saying so (the briefing prints it instead)
    ResultInputException none = org.junit.jupiter.api.Assertions.assertThrows(ResultInputException.class,
        () -> new Charts().build(ResultData.load(plain), new ChartOptions("shortage-by-region", null, null, null,
            null, null)));
    assertTrue(none.getMessage().contains("No shortage of NdFeB magnets: every region's demand was met in full"),
        none.getMessage());
  }

  @Test
  void exportsChart_showsChinasDestinations_andTheCutOneWithoutPolicies() throws Exception {
    List<String> texts = svgTexts(Files.readString(result.resolve("charts/exports-cn-ndfeb_magnet.svg")));
    assertTrue(texts.contains("China's exports of NdFeB magnets by destination"), texts.toString());
    assertTrue(texts.contains("United States") && texts.contains("Japan"), texts.toString());
    assertTrue(texts.contains("United States, without policies"), texts.toString());
    assertFalse(texts.contains("China"), "domestic trade is not an export: " + texts);
  }

  @Test
  void manyPolicies_areNumberedOnTheChart_andNamedInAKeyUnderIt(@TempDir Path dir) throws Exception {
    Path folder = SampleResult.write(dir.resolve("many"), true);
    Path resolved = folder.resolve(ResultData.RESOLVED_SCENARIO);
    Files.writeString(resolved, Files.readString(resolved).replace("\"policies\": [", "\"policies\": [\n"
        + "{\"type\": \"tariff\", \"name\": \"us-tariff\", \"start\": \"2025-03-01\", \"end\": null},"));
    Chart chart = new Charts().build(ResultData.load(folder), new ChartOptions("cover", null, null, null, null,
        null)).get(0);
    List<String> texts = svgTexts(new ChartWriter().svg(chart));
    assertTrue(texts.containsAll(List.of("1", "2", "3")), texts.toString());
    String key = String.join(" ", texts);
    assertTrue(key.contains("Policies: 1 US tariff, from 1 Mar 2025 · 2 US magnet squeeze, from 1 Sep 2025 · 3 Oxide"
        + " quota, 1 Jan 2026 – 30 Jun 2026"), key);
  }

  @Test
  void charts_areByteIdentical_whenDrawnTwice() throws Exception {
    ResultData data = ResultData.load(result);
    var writer = new ChartWriter();
    var price = new ChartOptions("price", null, null, List.of("ndfeb_magnet"), null, null);
    Chart a = new Charts().build(data, price).get(0);
    Chart b = new Charts().build(data, price).get(0);
    assertArrayEquals(writer.png(a), writer.png(b));
    assertEquals(writer.svg(a), writer.svg(b));
  }

  @Test
  void write_onlyTheFormatsAskedFor(@TempDir Path out) throws Exception {
    ResultData data = ResultData.load(result);
    List<Chart> charts = new Charts().build(data, new ChartOptions("cover", null, null, null, null, null));
    List<Path> files = new ChartWriter().write(charts, out.resolve("new/dir"), Set.of(ChartFormat.SVG));
    assertEquals(List.of(out.resolve("new/dir/cover-ndfeb_magnet.svg")), files);
  }

  @Test
  void houseColours_areDistinct_andKeepChinaVermillionAndTheUsBlue() throws Exception {
    var colours = HouseStyle.colours(List.of("CN", "US", "XX", "YY", "JP"), java.util.Map.of("CN",
        HouseStyle.VERMILLION, "US", HouseStyle.BLUE, "JP", HouseStyle.GREEN));
    assertEquals(HouseStyle.VERMILLION, colours.get("CN"));
    assertEquals(HouseStyle.BLUE, colours.get("US"));
    assertEquals(5, Set.copyOf(colours.values()).size(), colours.toString());
  }

  @Test
  void pngCanBeDecoded_fromTheBytesAReportWouldEmbed() throws Exception {
    ResultData data = ResultData.load(result);
    Chart chart = new Charts().build(data, new ChartOptions("production-shares", null, null, null, null, null)).get(0);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(new ChartWriter().png(chart)));
    assertEquals(1600, image.getWidth());
    List<String> texts = svgTexts(new ChartWriter().svg(chart));
    assertTrue(texts.contains("Mining") && texts.contains("Manufacturing"), texts.toString());
  }
}
