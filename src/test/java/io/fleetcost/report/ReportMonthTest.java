package io.fleetcost.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

/** The close-day rule: which month a run's report covers, and whether it is closed. */
class ReportMonthTest {
  private static ReportMonth rule(String runDate, int closeDay) {
    return ReportMonth.ofRunDate(LocalDate.parse(runDate), closeDay);
  }

  @Test
  void onOrBeforeTheCloseDayTheMonthJustClosedIsReported() {
    assertThat(rule("2026-12-01", 3)).isEqualTo(new ReportMonth(YearMonth.of(2026, 11), true));
    assertThat(rule("2026-12-03", 3)).isEqualTo(new ReportMonth(YearMonth.of(2026, 11), true));
  }

  @Test
  void afterTheCloseDayTheRunDatesOwnMonthIsReportedToDate() {
    assertThat(rule("2026-12-04", 3)).isEqualTo(new ReportMonth(YearMonth.of(2026, 12), false));
    assertThat(rule("2026-12-31", 3)).isEqualTo(new ReportMonth(YearMonth.of(2026, 12), false));
    assertThat(rule("2026-11-14", 3))
        .as("the sample's pinned date")
        .isEqualTo(new ReportMonth(YearMonth.of(2026, 11), false));
  }

  @Test
  void closeDayZeroIsAlwaysMonthToDate() {
    assertThat(rule("2026-12-01", 0)).isEqualTo(new ReportMonth(YearMonth.of(2026, 12), false));
    assertThat(rule("2027-01-01", 0)).isEqualTo(new ReportMonth(YearMonth.of(2027, 1), false));
  }

  @Test
  void theFirstOfJanuaryClosesDecemberOfThePreviousYear() {
    assertThat(rule("2027-01-01", 3)).isEqualTo(new ReportMonth(YearMonth.of(2026, 12), true));
    assertThat(rule("2027-01-01", 1)).isEqualTo(new ReportMonth(YearMonth.of(2026, 12), true));
    assertThat(rule("2027-01-02", 1)).isEqualTo(new ReportMonth(YearMonth.of(2027, 1), false));
  }

  @Test
  void aLateCloseDayLeavesTheRunDatesMonthOnlyItsLastDays() {
    // day 28 ≤ 28 reports January closed; the rule counts days of the run date's month, not of the
    // month reported
    assertThat(rule("2028-02-28", 28)).isEqualTo(new ReportMonth(YearMonth.of(2028, 1), true));
    assertThat(rule("2028-02-29", 28)).isEqualTo(new ReportMonth(YearMonth.of(2028, 2), false));
    assertThat(rule("2026-03-28", 28)).isEqualTo(new ReportMonth(YearMonth.of(2026, 2), true));
  }

  @Test
  void aCloseDayOutsideZeroTo28IsRefused() {
    assertThatThrownBy(() -> rule("2026-12-01", 29))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("29");
    assertThatThrownBy(() -> rule("2026-12-01", -1)).isInstanceOf(IllegalArgumentException.class);
  }
}
