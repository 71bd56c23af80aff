package io.fleetcost.history;

/**
 * One input's coverage on a run date, as the {@code runs} table keeps it (a report re-rendered from
 * the history alone still warns about the inputs that were not {@code ok}).
 *
 * @param kind {@code billing} or {@code telemetry}
 * @param status {@code ok}, {@code stale}, {@code missing} or {@code holes}
 */
public record InputStatus(
    String name,
    String kind,
    String status,
    String newestTimestamp,
    int daysCovered,
    long rows,
    String detail) {
  public boolean ok() {
    return "ok".equals(status);
  }
}
