package org.magflow.run;

/** The version of magflow that is running, from the jar's manifest. */
public final class MagflowVersion {
  private MagflowVersion() {}

  /** The version, or {@code "dev"} when running from classes rather than the packaged jar. */
  public static String current() {
    String version = MagflowVersion.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
