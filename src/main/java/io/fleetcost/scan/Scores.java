package io.fleetcost.scan;

import java.util.List;

/**
 * The two posture scores, both from the per-check counts so that a reader can recompute them by
 * hand:
 *
 * <ul>
 *   <li><b>score</b> (weighted risk score, 0–100, higher is better) = 100 × (1 − Σ_c w_c × failed_c
 *       ÷ Σ_c w_c × evaluated_c), over the checks that evaluated something, w_c the check's weight
 *       (1–10). It is Kubescape's legacy risk score turned around (100 − risk), with every resource
 *       weighing 1 (Kubescape also weighs replicas).
 *   <li><b>compliance_pct</b> = the mean, over the checks that evaluated something, of 100 ×
 *       passed_c ÷ evaluated_c. Like Kubescape's compliance score, not weighted by severity; unlike
 *       it, a check that applies to nothing is left out rather than counted as 100.
 * </ul>
 *
 * Both are rounded to one decimal. When nothing was evaluated (no manifests, or none that any check
 * applies to) both are null: a scan of nothing has no score, it is not a perfect one.
 */
final class Scores {
  private Scores() {}

  public static Double riskScore(List<CheckResult> results) {
    double failed = 0;
    double evaluated = 0;
    for (CheckResult r : results) {
      failed += (double) r.check().weight() * r.failed();
      evaluated += (double) r.check().weight() * r.evaluated();
    }
    return evaluated == 0 ? null : round1(100 * (1 - failed / evaluated));
  }

  public static Double compliancePct(List<CheckResult> results) {
    List<Double> applicable =
        results.stream().map(CheckResult::compliancePct).filter(p -> p != null).toList();
    return applicable.isEmpty()
        ? null
        : round1(applicable.stream().mapToDouble(Double::doubleValue).average().orElseThrow());
  }

  static double round1(double value) {
    return Math.round(value * 10) / 10.0;
  }
}
