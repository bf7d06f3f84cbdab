package org.magflow.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class SimCalendarTest {
  private static final LocalDate START = LocalDate.of(2024, 1, 1);
  private final SimCalendar calendar = new SimCalendar(START);

  @Test
  void toSimTime_startDate_isZero() {
    assertEquals(0.0, calendar.toSimTime(START));
  }

  @Test
  void toSimTime_countsLeapDayOf2024() {
    // Jan 31 + Feb 29 = 60 days from 1 Jan to 1 Mar 2024
    assertEquals(60.0, calendar.toSimTime(LocalDate.of(2024, 3, 1)));
    assertEquals(59.0, calendar.toSimTime(LocalDate.of(2024, 2, 29)));
    // 2024 has 366 days
    assertEquals(366.0, calendar.toSimTime(LocalDate.of(2025, 1, 1)));
    // 2025 has 365: 366 + 365
    assertEquals(731.0, calendar.toSimTime(LocalDate.of(2026, 1, 1)));
  }

  @Test
  void toSimTime_dateBeforeStart_isNegative() {
    assertEquals(-1.0, calendar.toSimTime(LocalDate.of(2023, 12, 31)));
    // 2023 is not a leap year: 365 days back
    assertEquals(-365.0, calendar.toSimTime(LocalDate.of(2023, 1, 1)));
  }

  @Test
  void toDate_ofToSimTime_returnsSameDate_forEveryDayFrom2019To2031() {
    // every day from 1 Jan 2019 to 31 Dec 2031: includes leap days 2020, 2024, 2028 and dates before start
    for (LocalDate d = LocalDate.of(2019, 1, 1); d.isBefore(LocalDate.of(2032, 1, 1)); d = d.plusDays(1)) {
      assertEquals(d, calendar.toDate(calendar.toSimTime(d)), d::toString);
    }
  }

  @Test
  void toSimTime_ofToDate_returnsSameWholeDay() {
    for (int t = -1000; t <= 3000; t++) {
      assertEquals(t, calendar.toSimTime(calendar.toDate(t)), "t=" + t);
    }
  }

  @Test
  void toDate_leapDays_roundTripExactly() {
    for (int year : new int[] {2000, 2020, 2024, 2028, 2400}) {
      LocalDate leap = LocalDate.of(year, 2, 29);
      assertEquals(leap, calendar.toDate(calendar.toSimTime(leap)));
    }
    // 2000-02-29: from 2000-01-01 to 2024-01-01 is 24 years with 6 leap days (2000,04,08,12,16,20) = 8766 days
    assertEquals(-8766.0 + 59, calendar.toSimTime(LocalDate.of(2000, 2, 29)));
  }

  @Test
  void toDate_fractionalTime_fallsOnTheDayItIsIn() {
    assertEquals(START, calendar.toDate(0.0));
    assertEquals(START, calendar.toDate(0.999));
    assertEquals(LocalDate.of(2024, 1, 2), calendar.toDate(1.0));
    assertEquals(LocalDate.of(2024, 1, 2), calendar.toDate(1.5));
    assertEquals(LocalDate.of(2024, 2, 29), calendar.toDate(59.75));
    // negative fractions floor: -0.5 is noon of the day before the start
    assertEquals(LocalDate.of(2023, 12, 31), calendar.toDate(-0.5));
    assertEquals(LocalDate.of(2023, 12, 31), calendar.toDate(-1.0));
    assertEquals(LocalDate.of(2023, 12, 30), calendar.toDate(-1.0001));
  }

  @Test
  void toDate_nonFiniteTime_throws() {
    assertThrows(IllegalArgumentException.class, () -> calendar.toDate(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> calendar.toDate(Double.POSITIVE_INFINITY));
    assertThrows(IllegalArgumentException.class, () -> calendar.toDate(Double.NEGATIVE_INFINITY));
  }

  @Test
  void endOf_isStartOfNextDay() {
    assertEquals(1.0, calendar.endOf(START));
    assertEquals(60.0, calendar.endOf(LocalDate.of(2024, 2, 29)));
    assertEquals(366.0, calendar.endOf(LocalDate.of(2024, 12, 31)));
    assertEquals(0.0, calendar.endOf(LocalDate.of(2023, 12, 31)));
  }

  @Test
  void endOf_lastInstantOfDay_stillMapsToThatDay() {
    LocalDate d = LocalDate.of(2024, 2, 29);
    assertEquals(d, calendar.toDate(Math.nextDown(calendar.endOf(d))));
    assertEquals(d.plusDays(1), calendar.toDate(calendar.endOf(d)));
  }

  @Test
  void constructor_nullStart_throws() {
    assertThrows(NullPointerException.class, () -> new SimCalendar(null));
  }
}
