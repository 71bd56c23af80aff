package io.fleetcost.quality;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What one input delivered, day by day (UTC): the rows (billing line items, GPU samples) that start
 * on each day and the newest time they reach.
 *
 * @param files the input's files that hold data (empty files are not counted)
 * @param days rows per usage day; days without rows are absent
 */
public record InputActivity(String name, InputKind kind, int files, Map<LocalDate, Day> days) {
  public InputActivity {
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(kind, "kind is null");
    days = new TreeMap<>(days);
  }

  /**
   * @param rows rows starting on the day
   * @param newest the latest time those rows reach: a billing row's charge period end when the
   *     period is at most a day (hourly and daily line items), else its start (a monthly fee says
   *     nothing about how far the data reaches); a sample's time
   */
  public record Day(long rows, Instant newest) {}

  public static InputActivity empty(String name, InputKind kind, int files) {
    return new InputActivity(name, kind, files, Map.of());
  }
}
