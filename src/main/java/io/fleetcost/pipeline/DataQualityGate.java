package io.fleetcost.pipeline;

import static io.fleetcost.pipeline.JobRun.BILLING_PREFIX;
import static io.fleetcost.pipeline.JobRun.SECURITY_FINDINGS;
import static io.fleetcost.pipeline.JobRun.TELEMETRY_PREFIX;

import io.fleetcost.error.ErrorCode;
import io.fleetcost.quality.InputCoverage;
import io.fleetcost.scan.ScanResult;
import io.fleetcost.scan.ScannedFile;
import io.fleetcost.spark.ProgressReporter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The run's data-quality gate: the coverage of its inputs, checked before the savings; then, once
 * every stage ran, the verdict: the job's limits on quarantined billing rows and telemetry values,
 * unreadable manifests, and missing or stale inputs when {@code data-quality.on-missing-input} is
 * {@code fail}.
 */
final class DataQualityGate {
  private DataQualityGate() {}

  /**
   * @param failures why the run failed, in order; empty when it succeeded
   * @param warnings what the run accepted but reports
   * @param badInput a failure other than a missing or stale input (a data-quality limit, an
   *     unreadable manifest)
   * @param billingFraction quarantined billing rows over rows read
   * @param billingLimit {@code data-quality.max-quarantined-fraction}, or null
   * @param telemetryFraction quarantined telemetry values over values read (zero without telemetry)
   * @param telemetryLimit {@code data-quality.max-quarantined-telemetry-fraction}, or null
   */
  record Verdict(
      List<String> failures,
      List<String> warnings,
      boolean badInput,
      BigDecimal billingFraction,
      BigDecimal billingLimit,
      BigDecimal telemetryFraction,
      BigDecimal telemetryLimit) {
    boolean failed() {
      return !failures.isEmpty();
    }

    /**
     * Bad input (a data-quality limit, an unreadable manifest) is exit 2; only missing or stale
     * inputs, exit 1.
     */
    int exitCode() {
      return !failed()
          ? 0
          : badInput ? ErrorCode.USER_ERROR.exitCode() : ErrorCode.EXTERNAL.exitCode();
    }
  }

  /** Every billing and telemetry input's coverage of the run's window. */
  static List<InputCoverage> checkCoverage(
      RunContext run,
      Dataset<Row> normalized,
      BillingStage.Result billing,
      TelemetryStage.Outcome telemetry) {
    try (ProgressReporter.Stage stage =
        run.progress()
            .start("check input coverage", run.request().runDate().toString(), () -> "")) {
      List<InputCoverage> coverage =
          DataCoverage.assess(
              run.config(), run.request().runDate(), normalized, billing.inputOfFile(), telemetry);
      List<InputCoverage> notOk = coverage.stream().filter(c -> !c.ok()).toList();
      stage.finish(notOk.isEmpty() ? "every input ok" : DataCoverage.describe(notOk));
      return coverage;
    }
  }

  /**
   * @param telemetry the run's telemetry, or null when the job reads none
   */
  static Verdict judge(
      RunContext run,
      BillingIngestResult billing,
      TelemetryStage.Outcome telemetry,
      ScanResult security,
      List<InputCoverage> coverage) {
    List<String> failures = new ArrayList<>();
    BigDecimal fraction = fraction(billing.rowsQuarantined(), billing.rowsRead());
    BigDecimal limit = run.config().dataQuality().maxQuarantinedFraction();
    if (limit != null && fraction.compareTo(limit) > 0) {
      failures.add(
          String.format(
              "Cannot accept the billing input: %s of %s rows were quarantined (fraction %s), above"
                  + " data-quality.max-quarantined-fraction %s; see %s",
              ProgressReporter.count(billing.rowsQuarantined()),
              ProgressReporter.count(billing.rowsRead()),
              fraction.stripTrailingZeros().toPlainString(),
              limit.toPlainString(),
              run.output().finalPath(BILLING_PREFIX + BillingIngestJob.QUARANTINE)));
    }
    TelemetryIngestResult ingested = telemetry == null ? null : telemetry.ingest();
    BigDecimal telemetryFraction =
        ingested == null
            ? BigDecimal.ZERO
            : fraction(ingested.valuesQuarantined(), ingested.valuesRead());
    BigDecimal telemetryLimit = run.config().dataQuality().maxQuarantinedTelemetryFraction();
    if (ingested != null
        && telemetryLimit != null
        && telemetryFraction.compareTo(telemetryLimit) > 0) {
      failures.add(
          String.format(
              "Cannot accept the telemetry input: %s of %s values were quarantined (fraction %s), above"
                  + " data-quality.max-quarantined-telemetry-fraction %s; see %s",
              ProgressReporter.count(ingested.valuesQuarantined()),
              ProgressReporter.count(ingested.valuesRead()),
              telemetryFraction.stripTrailingZeros().toPlainString(),
              telemetryLimit.toPlainString(),
              run.output().finalPath(TELEMETRY_PREFIX + TelemetryIngestJob.QUARANTINE)));
    }
    unreadableManifests(run, security).ifPresent(failures::add);
    List<String> warnings = new ArrayList<>(billing.warnings());
    if (telemetry != null) {
      warnings.addAll(telemetry.warnings());
    }
    boolean inputsFail = judgeCoverage(run, coverage, failures, warnings);
    boolean badInput = failures.size() > (inputsFail ? 1 : 0);
    return new Verdict(
        failures, warnings, badInput, fraction, limit, telemetryFraction, telemetryLimit);
  }

  private static Optional<String> unreadableManifests(RunContext run, ScanResult security) {
    List<String> unreadable =
        security.files().stream()
            .filter(ScannedFile::unparseable)
            .map(f -> f.file() + " (" + String.join("; ", f.problems()) + ")")
            .toList();
    return unreadable.isEmpty()
        ? Optional.empty()
        : Optional.of(
            "Cannot read every security input: "
                + String.join(", ", unreadable)
                + "; see "
                + run.output().finalPath(SECURITY_FINDINGS));
  }

  /**
   * Adds the missing or stale inputs to the failures when the job fails on them, and every other
   * input not ok to the warnings; whether the inputs failed the run.
   */
  private static boolean judgeCoverage(
      RunContext run, List<InputCoverage> coverage, List<String> failures, List<String> warnings) {
    List<InputCoverage> failing = coverage.stream().filter(c -> c.status().failsTheRun()).toList();
    boolean inputsFail = !failing.isEmpty() && run.config().dataQuality().failOnMissingInput();
    if (inputsFail) {
      failures.add(
          "Missing or stale input: "
              + DataCoverage.describe(failing)
              + " (set data-quality.on-missing-input: warn to accept it)");
    }
    coverage.stream()
        .filter(c -> !c.ok() && !(inputsFail && c.status().failsTheRun()))
        .forEach(c -> warnings.add("Input coverage: " + DataCoverage.describe(List.of(c))));
    return inputsFail;
  }

  private static BigDecimal fraction(long part, long whole) {
    return whole == 0
        ? BigDecimal.ZERO
        : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), MathContext.DECIMAL64);
  }
}
