package io.fleetcost.scan;

/**
 * One check over one scan: resources evaluated, failed (at least one finding), and passed only
 * through an exemption (counted as passed).
 */
public record CheckResult(CheckInfo check, int evaluated, int failed, int exempted) {
  /** Passed ÷ evaluated × 100; null when the check evaluated nothing (it does not apply). */
  public Double compliancePct() {
    return evaluated == 0 ? null : 100.0 * (evaluated - failed) / evaluated;
  }

  public CheckResult plus(CheckResult other) {
    return new CheckResult(
        check, evaluated + other.evaluated, failed + other.failed, exempted + other.exempted);
  }
}
