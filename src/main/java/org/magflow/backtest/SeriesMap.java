package org.magflow.backtest;

/**
 * How one observed series is compared with a run: the observed rows it takes, the simulated rows that
 * correspond, and its weight in a calibration's loss.
 *
 * @param name names the series in tables, charts and files
 * @param observed the keys of its rows in the observed file
 * @param simulated the keys of the run's rows that correspond (often the same keys)
 * @param weight its share of the loss, relative to the other series' weights
 */
public record SeriesMap(String name, Selector observed, Selector simulated, double weight)
    implements java.io.Serializable {}
