package org.magflow.output.report;

import static org.magflow.output.report.Html.esc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import org.magflow.output.chart.Chart;
import org.magflow.output.chart.ChartWriter;

/** What every briefing page shares: its styles, how a chart is embedded, and how the file is written. */
final class ReportPage {
  private ReportPage() {}

  /** The styles of every briefing: of runs ({@link BriefingReport}) and of a sweep ({@link SweepReport}). */
  static final String CSS = """
      :root { --ink: #1a1a1a; --muted: #5a5a5a; --rule: #d9d9d9; --accent: #0072b2; --hit: #fff3e0; }
      * { box-sizing: border-box; }
      html { font-family: "DejaVu Sans", Verdana, "Segoe UI", Arial, sans-serif; color: var(--ink);
        font-size: 16px; line-height: 1.5; background: #fff; }
      main { max-width: 1180px; margin: 0 auto; padding: 32px 40px 64px; }
      h1 { font-size: 2.1rem; line-height: 1.2; margin: 0.1em 0 0.3em; }
      h2 { font-size: 1.45rem; margin: 2.2em 0 0.6em; padding-bottom: 0.25em; border-bottom: 2px solid var(--ink); }
      h3 { font-size: 1.15rem; margin: 1.6em 0 0.5em; }
      h4 { font-size: 1rem; margin: 1.4em 0 0.4em; }
      .run > h2 { font-size: 1.7rem; border-bottom-width: 4px; }
      .kicker { text-transform: uppercase; letter-spacing: 0.12em; font-size: 0.8rem; color: var(--accent);
        font-weight: bold; margin: 0; }
      .lede { font-size: 1.15rem; color: var(--ink); max-width: 60em; }
      .meta, .note, figcaption, footer { color: var(--muted); font-size: 0.9rem; }
      .question { font-size: 1.1rem; border-left: 4px solid var(--accent); padding: 0.2em 0 0.2em 0.9em; }
      .findings li { margin: 0.35em 0; }
      table { border-collapse: collapse; width: 100%; margin: 0.6em 0 1em; font-size: 0.9rem; }
      th, td { padding: 0.35em 0.6em; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
      thead th { border-bottom: 2px solid var(--ink); font-weight: bold; }
      .n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
      table.facts th { width: 11em; color: var(--muted); font-weight: normal; }
      tr.hit td { background: var(--hit); }
      tr.total td { font-weight: bold; }
      tr.group th { background: #f2f2f2; font-weight: bold; border-top: 1px solid var(--ink); }
      td.details { font-size: 0.85rem; }
      figure { margin: 1.6em 0 2em; }
      figure img { width: 100%; height: auto; display: block; border: 1px solid var(--rule); }
      figcaption { margin-top: 0.5em; }
      .timeline { width: 100%; height: auto; margin: 0.5em 0 1em; font-family: inherit; }
      .timeline .grid { stroke: var(--rule); stroke-width: 1; }
      .timeline .year { font-size: 13px; fill: var(--muted); }
      .timeline .name { font-size: 14px; fill: var(--ink); text-anchor: start; }
      .timeline .bar { fill: #555; }
      .timeline .bar.open { fill: #888; }
      .notes { columns: 2 26em; column-gap: 2.5em; font-size: 0.9rem; }
      .notes p, .notes ul { margin: 0 0 0.7em; break-inside: avoid-column; }
      .sources li { margin: 0.25em 0; }
      code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.88em; }
      nav.toc a { color: var(--accent); text-decoration: none; }
      footer { margin-top: 3em; border-top: 1px solid var(--rule); padding-top: 1em; }
      @page { size: A4 landscape; margin: 12mm 14mm; }
      @media print {
        html { font-size: 10.5pt; }
        main { max-width: none; padding: 0; }
        h2, h3, h4 { break-after: avoid; }
        figure, table, .question, .timeline, tr { break-inside: avoid; }
        figure img { max-height: 165mm; width: auto; max-width: 100%; margin: 0 auto; border: none; }
        .run, #comparison, section[id$="charts"] { break-before: page; }
        nav.toc { display: none; }
        tr.hit td { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
      }
      """;

  /** A chart as a figure: the SVG embedded as data (no external file), its title and caption below. */
  static void figure(StringBuilder h, Chart c, String id, ChartWriter writer) {
    String data = Base64.getEncoder().encodeToString(writer.svg(c).getBytes(StandardCharsets.UTF_8));
    h.append("<figure id=\"").append(esc(id + "chart-" + c.fileStem())).append("\" data-chart=\"")
        .append(esc(c.fileStem())).append("\">\n<img src=\"data:image/svg+xml;base64,").append(data)
        .append("\" width=\"1600\" height=\"900\" alt=\"").append(esc(c.title())).append("\">\n<figcaption><b>")
        .append(esc(c.title())).append(".</b> ").append(esc(c.caption())).append("</figcaption>\n</figure>\n");
  }

  /**
   * Writes {@code html} to {@code file} through a temporary file beside it, moved into place, so a reader never
   * sees half a report and a failure leaves an earlier one intact.
   */
  static void writeAtomically(String html, Path file) throws IOException {
    Path absolute = file.toAbsolutePath();
    Path dir = absolute.getParent();
    Files.createDirectories(dir);
    // Named by hand rather than by createTempFile, which would give the report owner-only permissions.
    Path temp = dir.resolve("." + absolute.getFileName() + "." + ProcessHandle.current().pid() + "-"
        + System.nanoTime() + ".tmp");
    try {
      Files.writeString(temp, html, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
      try {
        Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
