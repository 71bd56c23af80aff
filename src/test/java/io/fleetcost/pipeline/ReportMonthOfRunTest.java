package io.fleetcost.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The month a run reports on: the close-day rule, unless the history has nothing in the month to
 * close.
 */
class ReportMonthOfRunTest {
  private static final LocalDate DECEMBER_2 = LocalDate.of(2026, 12, 2);

  @Test
  void theMonthJustClosedWhenTheHistoryHasARunInIt() {
    List<LocalDate> runs =
        List.of(LocalDate.of(2026, 11, 29), LocalDate.of(2026, 11, 30), DECEMBER_2);
    assertThat(ReportPublisher.reportMonthOfRun(DECEMBER_2, 3, runs))
        .isEqualTo(YearMonth.of(2026, 11));
    assertThat(ReportPublisher.reportMonthOfRun(DECEMBER_2, 1, runs))
        .as("after the close day")
        .isEqualTo(YearMonth.of(2026, 12));
  }

  @Test
  void theRunDatesMonthToDateWhenTheHistoryStartsAfterTheMonthToClose() {
    assertThat(ReportPublisher.reportMonthOfRun(DECEMBER_2, 3, List.of(DECEMBER_2)))
        .isEqualTo(YearMonth.of(2026, 12));
    assertThat(
            ReportPublisher.reportMonthOfRun(
                DECEMBER_2, 3, List.of(LocalDate.of(2026, 10, 31), DECEMBER_2)))
        .as("October is not the month to close")
        .isEqualTo(YearMonth.of(2026, 12));
  }
}
