package io.fleetcost.report;

import io.fleetcost.history.FindingRow;
import io.fleetcost.history.HistorySnapshot;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The security posture section: the newest scan's score, its findings by severity and the top
 * findings, and the score over time.
 */
final class SecuritySection {
  private static final List<String> SEVERITIES = List.of("critical", "high", "medium", "low");

  private SecuritySection() {}

  static Security of(HistorySnapshot snapshot, ReportOptions options) {
    List<ScorePoint> trend = RunHistory.securityScores(snapshot);
    ScorePoint latest = trend.isEmpty() ? null : trend.get(trend.size() - 1);
    Map<String, Long> counts = new LinkedHashMap<>();
    SEVERITIES.forEach(severity -> counts.put(severity, 0L));
    for (FindingRow finding : snapshot.findings()) {
      counts.merge(severity(finding), 1L, Long::sum);
    }
    List<SeverityCount> bySeverity =
        counts.entrySet().stream().map(e -> new SeverityCount(e.getKey(), e.getValue())).toList();
    List<FindingLine> top =
        snapshot.findings().stream()
            .sorted(
                Comparator.comparingInt(FindingRow::weight)
                    .reversed()
                    .thenComparing(
                        FindingRow::checkId, Comparator.nullsLast(Comparator.naturalOrder()))
                    .thenComparing(SecuritySection::findingResource))
            .limit(options.topFindings())
            .map(
                f ->
                    new FindingLine(
                        severity(f),
                        f.checkId(),
                        f.title(),
                        findingResource(f),
                        f.file(),
                        f.path(),
                        f.fix()))
            .toList();
    return new Security(
        latest == null ? null : latest.runDate(),
        latest == null ? null : latest.score(),
        latest == null ? null : latest.compliancePct(),
        latest == null ? 0 : latest.filesNotRead(),
        trend,
        bySeverity,
        top,
        snapshot.findings().size());
  }

  private static String severity(FindingRow finding) {
    return finding.severity() == null ? "unknown" : finding.severity().toLowerCase(Locale.ROOT);
  }

  private static String findingResource(FindingRow finding) {
    String namespace =
        finding.namespace() == null || finding.namespace().isBlank()
            ? ""
            : finding.namespace() + "/";
    String kind = finding.kind() == null ? "" : finding.kind() + " ";
    return kind + namespace + Optional.ofNullable(finding.name()).orElse("");
  }
}
