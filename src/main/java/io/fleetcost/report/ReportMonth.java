package io.fleetcost.report;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Objects;

/**
 * The month a run's finance report covers, and whether that month is closed: reported complete, as
 * of its last day, rather than month to date.
 */
public record ReportMonth(YearMonth month, boolean closed) {
  public ReportMonth {
    Objects.requireNonNull(month, "month is null");
  }

  /**
   * The close-day rule: in the first {@code closeDay} days of a month a run reports on the month
   * just closed, later on its own month to date. {@code closeDay} 0 reports month to date on every
   * day.
   *
   * <p>2026-12-03 with close day 3 → 2026-11, closed; 2026-12-04 → 2026-12, to date; 2027-01-01 →
   * 2026-12, closed.
   */
  public static ReportMonth ofRunDate(LocalDate runDate, int closeDay) {
    Objects.requireNonNull(runDate, "runDate is null");
    if (closeDay < 0 || closeDay > 28) {
      throw new IllegalArgumentException("closeDay must be between 0 and 28, not " + closeDay);
    }
    YearMonth own = YearMonth.from(runDate);
    return runDate.getDayOfMonth() <= closeDay
        ? new ReportMonth(own.minusMonths(1), true)
        : new ReportMonth(own, false);
  }
}
