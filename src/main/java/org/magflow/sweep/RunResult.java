package org.magflow.sweep;

import java.io.Serializable;

/**
 * What a sweep keeps of one run: its KPIs and its fan-chart series, never its events.
 *
 * @param kpis one value per KPI of the plan, NaN where the run has none
 * @param fan the run's monthly series in the plan's {@link FanLayout}
 */
public record RunResult(RunTask task, double[] kpis, double[] fan) implements Serializable {}
