package io.fleetcost.scan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of scanning one cluster (or, combined, several): every file read, the findings ranked
 * by severity × weight, every check's counts, the exemptions, and the two scores ({@link Scores}):
 * null when nothing was evaluated, and {@link #partial()} when a manifest file could not be read
 * (the scores then describe only the files read).
 */
public record ScanResult(
    String name,
    List<ScannedFile> files,
    List<Finding> findings,
    List<CheckResult> checks,
    List<Evaluation.Exemption> exemptions,
    Double score,
    Double compliancePct) {
  public ScanResult {
    files = List.copyOf(files);
    findings = List.copyOf(findings);
    checks = List.copyOf(checks);
    exemptions = List.copyOf(exemptions);
  }

  /**
   * A result with its scores. Without a single manifest object the scores are null even when the
   * bill's governance check evaluated the bill: the posture of a platform is not known from its
   * bill alone.
   */
  static ScanResult scored(
      String name,
      List<ScannedFile> files,
      List<Finding> findings,
      List<CheckResult> results,
      List<Evaluation.Exemption> exemptions) {
    boolean manifests = files.stream().anyMatch(f -> f.objects() > 0);
    return new ScanResult(
        name,
        files,
        findings,
        results,
        exemptions,
        manifests ? Scores.riskScore(results) : null,
        manifests ? Scores.compliancePct(results) : null);
  }

  /**
   * The files given that could not be read whole: unparseable, partly read, or over the size limit.
   */
  public List<String> filesNotRead() {
    return files.stream().filter(ScannedFile::notRead).map(ScannedFile::file).toList();
  }

  /** Whether the scores leave out a manifest that could not be read. */
  public boolean partial() {
    return files.stream().anyMatch(ScannedFile::notRead);
  }

  /**
   * {@code 57.8 / 100}, or {@code n/a — no manifests scanned}; with {@code (partial: 1 file not
   * read)} when partial.
   */
  public String scoreText() {
    if (score == null) {
      return "n/a — no manifests scanned" + (partial() ? " (" + notReadText() + ")" : "");
    }
    return String.format(java.util.Locale.ROOT, "%.1f / 100", score)
        + (partial() ? " (partial: " + notReadText() + ")" : "");
  }

  private String notReadText() {
    int n = filesNotRead().size();
    return n + (n == 1 ? " file" : " files") + " not read";
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
    return scored(name, files, findings, results, exemptions);
  }
}
