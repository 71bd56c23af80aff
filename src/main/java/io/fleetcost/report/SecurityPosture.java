package io.fleetcost.report;

import io.fleetcost.scan.Finding;
import io.fleetcost.scan.ScanReport;
import io.fleetcost.scan.ScanResult;
import io.fleetcost.scan.ScannedFile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code summary.json}'s {@code security_posture}: the two scores, the findings ({@code
 * vulnerabilities}, ranked), one {@code recommendation} per failed check (its fix and where it
 * applies), and what was scanned. The whole scan, with every check's counts, is in {@code
 * security/findings.json}.
 *
 * @param score null when no manifest was scanned (nothing evaluated): never a perfect score for
 *     nothing
 * @param partial true when a manifest file could not be read: the scores describe only the files
 *     read
 */
public record SecurityPosture(
    Double score,
    Double compliancePct,
    String scoreText,
    boolean partial,
    List<String> filesNotRead,
    Map<String, Integer> findingsBySeverity,
    List<Map<String, Object>> vulnerabilities,
    List<Recommendation> recommendations,
    int filesScanned,
    int objectsScanned,
    List<ScannedFile> unreadableFiles,
    int exemptions) {

  /** What to do about one check, and where. */
  public record Recommendation(
      String checkId,
      String title,
      String severity,
      int weight,
      String fix,
      int findings,
      List<String> resources) {}

  public static SecurityPosture of(ScanResult result) {
    Map<String, Integer> bySeverity = new LinkedHashMap<>();
    for (String severity : List.of("critical", "high", "medium", "low")) {
      bySeverity.put(severity, 0);
    }
    List<Map<String, Object>> vulnerabilities = new ArrayList<>();
    Map<String, List<Finding>> byCheck = new LinkedHashMap<>();
    for (Finding f : result.findings()) {
      bySeverity.merge(f.severity().label(), 1, Integer::sum);
      vulnerabilities.add(ScanReport.finding(f));
      byCheck.computeIfAbsent(f.check().id(), k -> new ArrayList<>()).add(f);
    }
    List<Recommendation> recommendations = new ArrayList<>();
    for (List<Finding> findings : byCheck.values()) {
      Finding first = findings.get(0);
      List<String> resources =
          findings.stream()
              .map(
                  f ->
                      f.kind()
                          + " "
                          + (f.namespace() == null ? "" : f.namespace() + "/")
                          + f.name())
              .distinct()
              .limit(5)
              .toList();
      recommendations.add(
          new Recommendation(
              first.check().id(),
              first.check().title(),
              first.severity().label(),
              first.check().weight(),
              first.check().fix(),
              findings.size(),
              resources));
    }
    recommendations.sort(
        Comparator.comparingInt((Recommendation r) -> -severityRank(r.severity()) * r.weight())
            .thenComparing(Comparator.comparingInt(Recommendation::findings).reversed())
            .thenComparing(Recommendation::checkId));
    return new SecurityPosture(
        result.score(),
        result.compliancePct(),
        result.scoreText(),
        result.partial(),
        result.filesNotRead(),
        bySeverity,
        vulnerabilities,
        recommendations,
        (int) result.files().stream().filter(f -> f.status() != ScannedFile.Status.SKIPPED).count(),
        result.files().stream().mapToInt(ScannedFile::objects).sum(),
        result.files().stream().filter(ScannedFile::unparseable).toList(),
        result.exemptions().size());
  }

  private static int severityRank(String severity) {
    return switch (severity) {
      case "critical" -> 4;
      case "high" -> 3;
      case "medium" -> 2;
      default -> 1;
    };
  }
}
