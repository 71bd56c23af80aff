package io.fleetcost.quality;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decides how completely an input covers the run's window (pure: no Spark, no clock). The window is
 * the run's lookback: {@code lookbackDays} whole UTC days ending with the run date. In order:
 *
 * <ol>
 *   <li>{@code missing}: no files, or no row starting inside the window;
 *   <li>{@code stale}: the newest time its rows reach (up to the window's end) is more than the
 *       limit before the end;
 *   <li>{@code holes}: a day between the first and the last day it covers in the window has no row
 *       at all (a day lost between two delivered ones; days before the first one are an input that
 *       started later);
 *   <li>{@code ok}.
 * </ol>
 *
 * A {@link Cadence#MONTHLY monthly} input is checked over the previous and the current calendar
 * month of the run date instead, for rows only: a closed month is delivered once, and its days say
 * nothing about its completeness.
 */
public final class CoverageCheck {
  private CoverageCheck() {}

  /** The run's window: [{@code start}, {@code end}), whole UTC days. */
  public record Window(LocalDate firstDay, LocalDate lastDay) {
    public static Window ofRun(LocalDate runDate, int lookbackDays) {
      return new Window(runDate.minusDays(lookbackDays - 1L), runDate);
    }

    public Instant start() {
      return firstDay.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    public Instant end() {
      return lastDay.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    int days() {
      return (int) (lastDay.toEpochDay() - firstDay.toEpochDay() + 1);
    }
  }

  public static InputCoverage assess(
      InputActivity activity, Window runWindow, Duration maxStaleness, Cadence cadence) {
    Window window =
        cadence == Cadence.MONTHLY
            ? new Window(
                YearMonth.from(runWindow.lastDay()).minusMonths(1).atDay(1), runWindow.lastDay())
            : runWindow;
    DaysCovered days = DaysCovered.of(activity, window);
    Instant newest = days.newest();
    Double staleness =
        newest == null ? null : Duration.between(newest, window.end()).toMinutes() / 60.0;
    Long limitHours = cadence == Cadence.MONTHLY ? null : maxStaleness.toHours();
    List<String> holes = cadence == Cadence.DAILY ? holes(activity, days) : List.of();
    Verdict verdict =
        verdict(activity, window, maxStaleness, cadence, days, holes, staleness, limitHours);
    return new InputCoverage(
        activity.name(),
        activity.kind(),
        verdict.status(),
        newest == null ? null : newest.toString(),
        days.covered(),
        window.days(),
        days.rows(),
        staleness,
        limitHours,
        holes,
        activity.files(),
        cadence,
        window.start().toString(),
        window.end().toString(),
        verdict.detail());
  }

  /**
   * What an input's rows cover of a window.
   *
   * @param rows the rows of the days in the window
   * @param covered the days in the window with rows
   * @param first the first of those days, or null
   * @param last the last of those days, or null
   * @param newest the newest time its rows reach, up to the window's end (days before the window
   *     count), or null
   */
  private record DaysCovered(
      long rows, int covered, LocalDate first, LocalDate last, Instant newest) {
    static DaysCovered of(InputActivity activity, Window window) {
      long rows = 0;
      int covered = 0;
      LocalDate first = null;
      LocalDate last = null;
      Instant newest = null;
      for (Map.Entry<LocalDate, InputActivity.Day> entry : activity.days().entrySet()) {
        LocalDate day = entry.getKey();
        InputActivity.Day value = entry.getValue();
        if (day.isAfter(window.lastDay()) || value.rows() == 0) {
          continue;
        }
        Instant reach =
            value.newest() == null || value.newest().isAfter(window.end())
                ? window.end()
                : value.newest();
        if (value.newest() != null && (newest == null || reach.isAfter(newest))) {
          newest = reach;
        }
        if (day.isBefore(window.firstDay())) {
          continue;
        }
        rows += value.rows();
        covered++;
        first = first == null ? day : first;
        last = day;
      }
      return new DaysCovered(rows, covered, first, last, newest);
    }
  }

  /** The days between the first and the last day covered that have no row. */
  private static List<String> holes(InputActivity activity, DaysCovered days) {
    List<String> holes = new ArrayList<>();
    if (days.first() != null) {
      for (LocalDate day = days.first(); day.isBefore(days.last()); day = day.plusDays(1)) {
        InputActivity.Day value = activity.days().get(day);
        if (value == null || value.rows() == 0) {
          holes.add(day.toString());
        }
      }
    }
    return holes;
  }

  private record Verdict(CoverageStatus status, String detail) {}

  /** The first of missing, stale, holes and ok that applies, and its detail. */
  private static Verdict verdict(
      InputActivity activity,
      Window window,
      Duration maxStaleness,
      Cadence cadence,
      DaysCovered days,
      List<String> holes,
      Double staleness,
      Long limitHours) {
    Instant newest = days.newest();
    String span = window.firstDay() + " to " + window.lastDay();
    if (activity.files() == 0) {
      return new Verdict(
          CoverageStatus.MISSING, "no files with data (no file found, or only empty files)");
    }
    if (days.rows() == 0) {
      return new Verdict(
          CoverageStatus.MISSING,
          "no rows from "
              + span
              + (newest == null
                  ? " (" + files(activity.files()) + ", no rows before it either)"
                  : "; the newest reaches " + newest));
    }
    if (cadence == Cadence.DAILY
        && Duration.between(newest, window.end()).compareTo(maxStaleness) > 0) {
      return new Verdict(
          CoverageStatus.STALE,
          String.format(
              "the newest row reaches %s, %s h before the end of %s (limit %d h)",
              newest, hours(staleness), window.lastDay(), limitHours));
    }
    if (!holes.isEmpty()) {
      return new Verdict(
          CoverageStatus.HOLES,
          "no rows on "
              + String.join(", ", holes)
              + " while the days around "
              + (holes.size() == 1 ? "it" : "them")
              + " have rows");
    }
    return new Verdict(
        CoverageStatus.OK,
        cadence == Cadence.MONTHLY
            ? "rows from " + days.first() + " to " + days.last() + " (monthly delivery)"
            : days.covered() + " of " + window.days() + " days");
  }

  private static String files(int files) {
    return files + (files == 1 ? " file" : " files");
  }

  private static String hours(double hours) {
    return hours == Math.rint(hours) ? String.valueOf((long) hours) : String.format("%.1f", hours);
  }
}
