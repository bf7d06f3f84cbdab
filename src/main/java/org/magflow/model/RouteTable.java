package org.magflow.model;

/** Transit time and freight cost between every pair of regions, indexed by {@link Region#index()}. */
public final class RouteTable {
  private final double[][] transitDays;
  private final double[][] freightUsdPerKg;

  public RouteTable(double[][] transitDays, double[][] freightUsdPerKg) {
    this.transitDays = deepCopy(transitDays);
    this.freightUsdPerKg = deepCopy(freightUsdPerKg);
  }

  public double transitDays(int from, int to) {
    return transitDays[from][to];
  }

  public double freightUsdPerKg(int from, int to) {
    return freightUsdPerKg[from][to];
  }

  private static double[][] deepCopy(double[][] m) {
    double[][] copy = new double[m.length][];
    for (int i = 0; i < m.length; i++) copy[i] = m[i].clone();
    return copy;
  }
}
