package io.fleetcost.report;

import io.fleetcost.history.HistorySnapshot;
import io.fleetcost.history.RunRow;
import java.util.List;

/** The runs a report reads its run-level figures from. */
final class RunHistory {
  private RunHistory() {}

  /**
   * The run of the snapshot's {@code asOf} date (the newest run up to it when that date has no
   * row).
   */
  static RunRow asOfRun(HistorySnapshot snapshot) {
    RunRow found = null;
    for (RunRow run : snapshot.runs()) {
      if (!run.runDate().isAfter(snapshot.asOf())) {
        found = run;
      }
    }
    if (found == null) {
      throw new IllegalArgumentException(
          "Cannot build the report: the history has no complete run up to "
              + snapshot.asOf()
              + " ("
              + snapshot.organization()
              + ")");
    }
    return found;
  }

  /**
   * The security score of every run that scanned, oldest first; seeded runs have no scan of their
   * own. A run that scanned no manifest has a point without a score ("n/a — no manifests scanned").
   */
  static List<ScorePoint> securityScores(HistorySnapshot snapshot) {
    return snapshot.runs().stream()
        .filter(run -> !run.seeded() && !run.runDate().isAfter(snapshot.asOf()))
        .map(
            run ->
                new ScorePoint(
                    run.runDate(),
                    run.securityScore(),
                    run.compliancePct(),
                    run.securityFilesNotRead() == null ? 0 : run.securityFilesNotRead()))
        .toList();
  }
}
