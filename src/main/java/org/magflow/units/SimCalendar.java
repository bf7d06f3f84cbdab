package org.magflow.units;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The mapping between scenario dates and simulation time; the only class that knows it.
 *
 * <p>Simulation time is a {@code double} count of days since the scenario's start date: day 0 is the
 * start date at 00:00, day 1.5 is noon of the next day. Dates in files are whole days, so a date maps to
 * the start of that day.
 */
public record SimCalendar(LocalDate start) {
  public SimCalendar {
    Objects.requireNonNull(start, "start");
  }

  /** The simulation time at the start of {@code date}. */
  public double toSimTime(LocalDate date) {
    return ChronoUnit.DAYS.between(start, date);
  }

  /** The date on which simulation time {@code time} falls. */
  public LocalDate toDate(double time) {
    if (!Double.isFinite(time)) throw new IllegalArgumentException("simulation time must be finite, was " + time);
    return start.plusDays((long) Math.floor(time));
  }

  /** The simulation time at the end of {@code date}, i.e. the start of the next day. */
  public double endOf(LocalDate date) {
    return toSimTime(date.plusDays(1));
  }
}
