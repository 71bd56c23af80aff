package io.fleetcost.report;

import java.time.LocalDate;
import java.util.List;

/**
 * The newest scan's posture and the score over time.
 *
 * @param scannedOn the newest non-seeded run date; null when no run has scanned
 * @param bySeverity critical, high, medium, low: findings of the newest scan
 */
public record Security(
    LocalDate scannedOn,
    Double score,
    Double compliancePct,
    int filesNotRead,
    List<ScorePoint> trend,
    List<SeverityCount> bySeverity,
    List<FindingLine> top,
    int totalFindings) {
  public Security {
    trend = List.copyOf(trend);
    bySeverity = List.copyOf(bySeverity);
    top = List.copyOf(top);
  }
}
