package org.magflow.output.report;

import java.util.List;
import org.magflow.output.chart.Chart;
import org.magflow.output.chart.ResultData;

/**
 * How a run's briefing finds what to set the run against observed data with. The output layer only shows it:
 * finding episodes and comparing them is the backtest's (which runs scenarios), and the CLI wires the two.
 */
@FunctionalInterface
public interface AgainstObserved {
  /** Nothing observed: what a briefing shows when none is wired in. */
  AgainstObserved NONE = run -> new Found(List.of(), List.of());

  /** The comparisons of {@code run} with observed data. */
  Found of(ResultData run);

  /** A table of strings: the header's cells, then each row's; every column after the first is numeric. */
  record Table(List<String> header, List<List<String>> rows) {
    public Table {
      header = List.copyOf(header);
      rows = rows.stream().map(List::copyOf).toList();
    }
  }

  /** One episode's comparison: its title, chart and tables. */
  record Comparison(String title, Chart chart, List<Table> tables) {
    public Comparison {
      tables = List.copyOf(tables);
    }
  }

  /**
   * What was found for a run.
   *
   * @param notes what could not be compared and why (an episode file that cannot be read)
   */
  record Found(List<Comparison> comparisons, List<String> notes) {
    public Found {
      comparisons = List.copyOf(comparisons);
      notes = List.copyOf(notes);
    }
  }
}
