package io.fleetcost.scan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of scanning one cluster (or, combined, several): every file read, the findings ranked by severity ×
 * weight, every check's counts, the exemptions, and the two scores ({@link Scores}).
 */
public record ScanResult(
    String name,
    List<ScannedFile> files,
    List<Finding> findings,
    List<CheckResult> checks,
    List<Evaluation.Exemption> exemptions,
    double score,
    double compliancePct) {
  public ScanResult {
    files = List.copyOf(files);
    findings = List.copyOf(findings);
    checks = List.copyOf(checks);
    exemptions = List.copyOf(exemptions);
  }

  public static final Comparator<Finding> RANKING =
      Comparator.comparingInt(Finding::rank)
          .reversed()
          .thenComparing(f -> f.check().id())
          .thenComparing(Finding::file)
          .thenComparingInt(Finding::docIndex)
          .thenComparing(Finding::path);

  /** Several clusters as one result: counts added per check, scores over the sums. */
  public static ScanResult combine(String name, List<ScanResult> parts) {
    List<ScannedFile> files = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    List<Evaluation.Exemption> exemptions = new ArrayList<>();
    Map<String, CheckResult> checks = new LinkedHashMap<>();
    for (ScanResult part : parts) {
      files.addAll(part.files());
      findings.addAll(part.findings());
      exemptions.addAll(part.exemptions());
      for (CheckResult r : part.checks()) {
        checks.merge(r.check().id(), r, CheckResult::plus);
      }
    }
    findings.sort(RANKING);
    List<CheckResult> results = new ArrayList<>(checks.values());
    return new ScanResult(name, files, findings, results, exemptions, Scores.riskScore(results), Scores.compliancePct(results));
  }
}
