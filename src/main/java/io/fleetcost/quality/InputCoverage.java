package io.fleetcost.quality;

import java.util.List;

/**
 * One input's coverage of the run's window, as {@code summary.json}'s {@code data_quality.inputs[]}
 * shows it.
 *
 * @param newestTimestamp the newest time the input's rows reach up to the window's end (ISO 8601),
 *     null without rows
 * @param daysCovered days of the window with at least one row
 * @param daysInWindow days of the window that was checked
 * @param rows rows starting inside the window
 * @param stalenessHours from the newest timestamp to the window's end; null without rows
 * @param maxStalenessHours the limit applied (daily cadence); null for monthly inputs
 * @param holes days without rows between the first and the last day the input covers in the window
 * @param detail why the status is what it is, in words
 */
public record InputCoverage(
    String name,
    InputKind kind,
    CoverageStatus status,
    String newestTimestamp,
    int daysCovered,
    int daysInWindow,
    long rows,
    Double stalenessHours,
    Long maxStalenessHours,
    List<String> holes,
    int files,
    Cadence cadence,
    String windowStart,
    String windowEnd,
    String detail) {
  public InputCoverage {
    holes = List.copyOf(holes);
  }

  public boolean ok() {
    return status == CoverageStatus.OK;
  }
}
