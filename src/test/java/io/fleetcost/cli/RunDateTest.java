package io.fleetcost.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/**
 * The run date's precedence: {@code --date}, the job file's {@code run-date}, yesterday in UTC by
 * the clock.
 */
class RunDateTest {
  // 00:30 on 2 Dec in Berlin is still 1 Dec in UTC: yesterday is 30 Nov whatever the clock's zone
  private static final Clock BERLIN_JUST_AFTER_MIDNIGHT =
      Clock.fixed(Instant.parse("2026-12-01T23:30:00Z"), ZoneId.of("Europe/Berlin"));
  private static final LocalDate OPTION = LocalDate.of(2026, 11, 20);
  private static final LocalDate JOB_FILE = LocalDate.of(2026, 11, 14);

  @Test
  void theOptionWinsOverTheJobFileAndTheClock() {
    assertThat(RunCommand.runDate(OPTION, JOB_FILE, BERLIN_JUST_AFTER_MIDNIGHT)).isEqualTo(OPTION);
    assertThat(RunCommand.runDate(OPTION, null, BERLIN_JUST_AFTER_MIDNIGHT)).isEqualTo(OPTION);
  }

  @Test
  void theJobFilesRunDateWinsOverTheClock() {
    assertThat(RunCommand.runDate(null, JOB_FILE, BERLIN_JUST_AFTER_MIDNIGHT)).isEqualTo(JOB_FILE);
    assertThat(
            RunCommand.runDate(
                null,
                JOB_FILE,
                Clock.fixed(Instant.parse("2027-12-02T06:00:00Z"), ZoneId.of("UTC"))))
        .isEqualTo(JOB_FILE);
  }

  @Test
  void withoutEitherItIsYesterdayInUtcByTheClock() {
    assertThat(RunCommand.runDate(null, null, BERLIN_JUST_AFTER_MIDNIGHT))
        .isEqualTo(LocalDate.of(2026, 11, 30));
    assertThat(
            RunCommand.runDate(
                null, null, Clock.fixed(Instant.parse("2027-01-01T00:00:00Z"), ZoneId.of("UTC"))))
        .as("1 Jan: the last day of the year before")
        .isEqualTo(LocalDate.of(2026, 12, 31));
  }
}
