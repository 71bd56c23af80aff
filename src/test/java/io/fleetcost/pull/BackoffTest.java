package io.fleetcost.pull;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private static final RetrySettings DEFAULTS = RetrySettings.DEFAULT; // 5 attempts, 2 s, 60 s

  @Test
  void theCeilingDoublesFromTheInitialDelayUpToTheMaximum() {
    Backoff backoff = new Backoff(DEFAULTS, () -> 0.0);
    // 2, 4, 8, 16, 32, then 64 capped at 60 s
    assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofSeconds(2));
    assertThat(backoff.ceiling(2)).isEqualTo(Duration.ofSeconds(4));
    assertThat(backoff.ceiling(5)).isEqualTo(Duration.ofSeconds(32));
    assertThat(backoff.ceiling(6)).isEqualTo(Duration.ofSeconds(60));
    assertThat(backoff.ceiling(100)).as("no overflow").isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void fullJitterDrawsBetweenZeroAndTheCeilingAndAServersWaitIsAFloor() {
    // a draw of 0 waits nothing, a draw just under 1 waits the whole ceiling (3rd retry: 8 s =
    // 8,000 ms)
    assertThat(new Backoff(DEFAULTS, () -> 0.0).delay(3, Optional.empty()))
        .isEqualTo(Duration.ZERO);
    assertThat(new Backoff(DEFAULTS, () -> 0.99999999).delay(3, Optional.empty()))
        .isEqualTo(Duration.ofMillis(8000));
    // 0.25 of (8,000 + 1) ms, floored: 2,000 ms
    assertThat(new Backoff(DEFAULTS, () -> 0.25).delay(3, Optional.empty()))
        .isEqualTo(Duration.ofMillis(2000));
    // Retry-After 5 s is more than the draw: 5 s; 90 s is more than the 60 s maximum, and still
    // honoured
    assertThat(new Backoff(DEFAULTS, () -> 0.25).delay(3, Optional.of(Duration.ofSeconds(5))))
        .isEqualTo(Duration.ofSeconds(5));
    assertThat(new Backoff(DEFAULTS, () -> 0.25).delay(1, Optional.of(Duration.ofSeconds(90))))
        .isEqualTo(Duration.ofSeconds(90));
    // a server's wait shorter than the draw does not shorten it
    assertThat(new Backoff(DEFAULTS, () -> 0.99999999).delay(3, Optional.of(Duration.ofSeconds(1))))
        .isEqualTo(Duration.ofMillis(8000));
  }

  @Test
  void retryAfterReadsSecondsAndHttpDates() {
    ZonedDateTime now = ZonedDateTime.parse("2026-11-15T10:00:00Z");
    assertThat(RetryAfter.parse("3", now)).contains(Duration.ofSeconds(3));
    assertThat(RetryAfter.parse(" 1.5 ", now)).contains(Duration.ofMillis(1500));
    assertThat(RetryAfter.parse("Sun, 15 Nov 2026 10:00:42 GMT", now))
        .contains(Duration.ofSeconds(42));
    assertThat(RetryAfter.parse("Sun, 15 Nov 2026 09:59:00 GMT", now))
        .as("in the past")
        .contains(Duration.ZERO);
    assertThat(RetryAfter.parse("-1", now)).isEmpty();
    assertThat(RetryAfter.parse("soon", now)).isEmpty();
    assertThat(RetryAfter.parse(null, now)).isEmpty();
  }

  @Test
  void pullWindowsAreWholeMonthsFromThePreviousOneOrTheLookbacks() {
    // 14 Nov, 14 days back: 1 Oct (the previous month) to 14 Nov
    PullWindow november = PullWindow.forRun(java.time.LocalDate.parse("2026-11-14"), 14);
    assertThat(november)
        .isEqualTo(
            new PullWindow(
                java.time.LocalDate.parse("2026-10-01"), java.time.LocalDate.parse("2026-11-15")));
    assertThat(november.months())
        .containsExactly(
            java.time.YearMonth.parse("2026-10"), java.time.YearMonth.parse("2026-11"));
    // 2 Mar with 45 days back reaches 17 Jan: from 1 Jan, three months
    PullWindow march = PullWindow.forRun(java.time.LocalDate.parse("2026-03-02"), 45);
    assertThat(march.start()).isEqualTo(java.time.LocalDate.parse("2026-01-01"));
    assertThat(march.months()).hasSize(3);
  }
}
