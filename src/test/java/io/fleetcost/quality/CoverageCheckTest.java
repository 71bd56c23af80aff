package io.fleetcost.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The coverage rule on hand-made activity. The run date is 2026-11-14 with a 14-day lookback: the
 * window is 2026-11-01T00:00Z to 2026-11-15T00:00Z; billing's limit is 48 h, telemetry's 6 h.
 */
class CoverageCheckTest {
  static final LocalDate RUN_DATE = LocalDate.of(2026, 11, 14);
  static final CoverageCheck.Window WINDOW = CoverageCheck.Window.ofRun(RUN_DATE, 14);
  static final Duration BILLING = Duration.ofHours(48);
  static final Duration TELEMETRY = Duration.ofHours(6);

  /**
   * An hourly bill: 24 rows a day from {@code first} to {@code last}, each reaching the end of its
   * hour.
   */
  private static Map<LocalDate, InputActivity.Day> hourly(String first, String last) {
    Map<LocalDate, InputActivity.Day> days = new LinkedHashMap<>();
    for (LocalDate day = LocalDate.parse(first);
        !day.isAfter(LocalDate.parse(last));
        day = day.plusDays(1)) {
      days.put(
          day,
          new InputActivity.Day(
              24, day.plusDays(1).atStartOfDay().toInstant(java.time.ZoneOffset.UTC)));
    }
    return days;
  }

  private static InputCoverage billing(Map<LocalDate, InputActivity.Day> days) {
    return CoverageCheck.assess(
        new InputActivity("aws", InputKind.BILLING, 1, days), WINDOW, BILLING, Cadence.DAILY);
  }

  @Test
  void theWindowIsTheLookbackDaysEndingWithTheRunDate() {
    assertThat(WINDOW.start()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
    assertThat(WINDOW.end()).isEqualTo(Instant.parse("2026-11-15T00:00:00Z"));
  }

  @Test
  void anInputThatCoversEveryDayUpToTheRunDateIsOk() {
    InputCoverage c = billing(hourly("2026-10-20", "2026-11-14"));
    assertThat(c.status()).isEqualTo(CoverageStatus.OK);
    assertThat(c.daysCovered()).isEqualTo(14);
    assertThat(c.daysInWindow()).isEqualTo(14);
    assertThat(c.rows())
        .as("14 days × 24 rows; October's rows are before the window")
        .isEqualTo(336);
    assertThat(c.newestTimestamp()).isEqualTo("2026-11-15T00:00:00Z");
    assertThat(c.stalenessHours()).isEqualTo(0.0);
    assertThat(c.holes()).isEmpty();
  }

  @Test
  void anEmptyFolderIsMissing() {
    InputCoverage c =
        CoverageCheck.assess(
            InputActivity.empty("gcp", InputKind.BILLING, 0), WINDOW, BILLING, Cadence.DAILY);
    assertThat(c.status()).isEqualTo(CoverageStatus.MISSING);
    assertThat(c.detail()).startsWith("no files with data");
    assertThat(c.newestTimestamp()).isNull();
    assertThat(c.rows()).isZero();
    assertThat(c.status().failsTheRun()).isTrue();
  }

  @Test
  void filesWithoutARowInTheWindowAreMissingAndSayHowFarTheyReach() {
    InputCoverage c = billing(hourly("2026-10-01", "2026-10-31"));
    assertThat(c.status()).isEqualTo(CoverageStatus.MISSING);
    assertThat(c.rows()).isZero();
    assertThat(c.newestTimestamp()).isEqualTo("2026-11-01T00:00:00Z");
    assertThat(c.detail())
        .isEqualTo(
            "no rows from 2026-11-01 to 2026-11-14; the newest reaches 2026-11-01T00:00:00Z");
  }

  @Test
  void dataEndingFourDaysBeforeTheRunDateIsStale() {
    // rows up to 10 Nov 24:00 = 11 Nov 00:00; the window ends 15 Nov 00:00: 4 × 24 = 96 h > 48 h
    InputCoverage c = billing(hourly("2026-11-01", "2026-11-10"));
    assertThat(c.status()).isEqualTo(CoverageStatus.STALE);
    assertThat(c.stalenessHours()).isEqualTo(96.0);
    assertThat(c.maxStalenessHours()).isEqualTo(48L);
    assertThat(c.daysCovered()).isEqualTo(10);
    assertThat(c.detail())
        .isEqualTo(
            "the newest row reaches 2026-11-11T00:00:00Z, 96 h before the end of 2026-11-14 (limit 48 h)");
    assertThat(c.status().failsTheRun()).isTrue();
  }

  @Test
  void exactlyTheLimitIsNotStale() {
    // rows up to 12 Nov 24:00 = 13 Nov 00:00: 48 h before 15 Nov 00:00, not more
    assertThat(billing(hourly("2026-11-01", "2026-11-12")).status()).isEqualTo(CoverageStatus.OK);
    assertThat(billing(hourly("2026-11-01", "2026-11-11")).status())
        .as("72 h")
        .isEqualTo(CoverageStatus.STALE);
  }

  @Test
  void aDayMissingBetweenDeliveredDaysIsAHole() {
    Map<LocalDate, InputActivity.Day> days = hourly("2026-11-01", "2026-11-14");
    days.remove(LocalDate.parse("2026-11-07"));
    days.remove(LocalDate.parse("2026-11-08"));
    InputCoverage c = billing(days);
    assertThat(c.status()).isEqualTo(CoverageStatus.HOLES);
    assertThat(c.holes()).containsExactly("2026-11-07", "2026-11-08");
    assertThat(c.daysCovered()).isEqualTo(12);
    assertThat(c.detail())
        .isEqualTo("no rows on 2026-11-07, 2026-11-08 while the days around them have rows");
    assertThat(c.status().failsTheRun())
        .as("holes are reported, they do not fail the run")
        .isFalse();
  }

  @Test
  void daysBeforeAnInputStartedAreNotHoles() {
    // an account opened on 5 Nov: 1–4 Nov are before its first day
    InputCoverage c = billing(hourly("2026-11-05", "2026-11-14"));
    assertThat(c.status()).isEqualTo(CoverageStatus.OK);
    assertThat(c.daysCovered()).isEqualTo(10);
  }

  @Test
  void staleComesBeforeHoles() {
    Map<LocalDate, InputActivity.Day> days = hourly("2026-11-01", "2026-11-10");
    days.remove(LocalDate.parse("2026-11-05"));
    InputCoverage c = billing(days);
    assertThat(c.status()).isEqualTo(CoverageStatus.STALE);
    assertThat(c.holes()).containsExactly("2026-11-05");
  }

  @Test
  void rowsAfterTheRunDateNeitherCountNorMakeAnInputFresh() {
    // a backfill of 14 Nov over exports that reach 20 Nov: the window still ends 15 Nov 00:00
    InputCoverage c = billing(hourly("2026-11-01", "2026-11-20"));
    assertThat(c.status()).isEqualTo(CoverageStatus.OK);
    assertThat(c.newestTimestamp()).isEqualTo("2026-11-15T00:00:00Z");
    assertThat(c.rows()).isEqualTo(14 * 24);
  }

  @Test
  void telemetryHasItsOwnSixHourLimit() {
    Map<LocalDate, InputActivity.Day> days = new LinkedHashMap<>();
    for (int d = 1; d <= 14; d++) {
      days.put(
          LocalDate.of(2026, 11, d),
          new InputActivity.Day(96, Instant.parse(String.format("2026-11-%02dT23:45:00Z", d))));
    }
    InputCoverage fresh =
        CoverageCheck.assess(
            new InputActivity("dcgm", InputKind.TELEMETRY, 3, days),
            WINDOW,
            TELEMETRY,
            Cadence.DAILY);
    assertThat(fresh.status()).as("15 minutes before the end").isEqualTo(CoverageStatus.OK);
    assertThat(fresh.stalenessHours()).isEqualTo(0.25);
    // the last sample at 14 Nov 17:45: 6 h 15 min before the end
    days.put(
        LocalDate.of(2026, 11, 14),
        new InputActivity.Day(72, Instant.parse("2026-11-14T17:45:00Z")));
    InputCoverage late =
        CoverageCheck.assess(
            new InputActivity("dcgm", InputKind.TELEMETRY, 3, days),
            WINDOW,
            TELEMETRY,
            Cadence.DAILY);
    assertThat(late.status()).isEqualTo(CoverageStatus.STALE);
    assertThat(late.stalenessHours()).isEqualTo(6.25);
    assertThat(late.detail()).contains("6.3 h before the end of 2026-11-14 (limit 6 h)");
  }

  @Test
  void aMonthlyDeliveryIsOkWithThePreviousMonthAndMissingWithout() {
    // an October invoice file read on 14 Nov: rows on 1, 2 and 31 Oct only, no holes checked
    Map<LocalDate, InputActivity.Day> october = new LinkedHashMap<>();
    october.put(
        LocalDate.of(2026, 10, 1), new InputActivity.Day(5, Instant.parse("2026-10-02T00:00:00Z")));
    october.put(
        LocalDate.of(2026, 10, 2), new InputActivity.Day(3, Instant.parse("2026-10-03T00:00:00Z")));
    october.put(
        LocalDate.of(2026, 10, 31),
        new InputActivity.Day(1, Instant.parse("2026-10-31T01:00:00Z")));
    InputCoverage c =
        CoverageCheck.assess(
            new InputActivity("invoices", InputKind.BILLING, 1, october),
            WINDOW,
            BILLING,
            Cadence.MONTHLY);
    assertThat(c.status()).isEqualTo(CoverageStatus.OK);
    assertThat(c.rows()).isEqualTo(9);
    assertThat(c.windowStart())
        .as("from the previous month's first day")
        .isEqualTo("2026-10-01T00:00:00Z");
    assertThat(c.daysInWindow()).as("31 days of October + 14 of November").isEqualTo(45);
    assertThat(c.maxStalenessHours()).isNull();
    // the same file read on 2 Dec: October is no longer the previous month
    CoverageCheck.Window december = CoverageCheck.Window.ofRun(LocalDate.of(2026, 12, 2), 14);
    InputCoverage late =
        CoverageCheck.assess(
            new InputActivity("invoices", InputKind.BILLING, 1, october),
            december,
            BILLING,
            Cadence.MONTHLY);
    assertThat(late.status()).isEqualTo(CoverageStatus.MISSING);
    assertThat(late.detail()).startsWith("no rows from 2026-11-01 to 2026-12-02");
  }
}
