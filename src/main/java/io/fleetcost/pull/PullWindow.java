package io.fleetcost.pull;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * The days a pull asks an API for: whole billing months, from the month before the run's (the
 * report's month-over-month change, and late corrections of a closed month) or the month the
 * savings window starts in if that is earlier, to the run date. Whole months, because a run reads
 * each month from the newest pull that holds it.
 *
 * @param endExclusive the day after the run date
 */
public record PullWindow(LocalDate start, LocalDate endExclusive) {
  public static PullWindow forRun(LocalDate runDate, int lookbackDays) {
    LocalDate previousMonth = runDate.withDayOfMonth(1).minusMonths(1);
    LocalDate lookbackMonth = runDate.minusDays(Math.max(lookbackDays, 1) - 1L).withDayOfMonth(1);
    LocalDate start = lookbackMonth.isBefore(previousMonth) ? lookbackMonth : previousMonth;
    return new PullWindow(start, runDate.plusDays(1));
  }

  /** The billing months the window touches, oldest first. */
  public List<YearMonth> months() {
    List<YearMonth> months = new ArrayList<>();
    for (YearMonth month = YearMonth.from(start);
        !month.atDay(1).isAfter(endExclusive.minusDays(1));
        month = month.plusMonths(1)) {
      months.add(month);
    }
    return months;
  }
}
