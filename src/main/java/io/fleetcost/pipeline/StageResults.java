package io.fleetcost.pipeline;

import io.fleetcost.quality.InputCoverage;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What the stages of a run returned, filled in as they run ({@link RunStage}): a stage's result is
 * null until it has run, and stays null when the run has no such stage.
 *
 * @param normalized the run's billing table ({@link BillingTableStage})
 * @param telemetry null when the job reads no telemetry
 * @param focusExport the FOCUS export's outputs; empty when the job asks for none
 * @param coverage each input's coverage ({@link InputCoverageStage})
 * @param history null without a history, as is {@code report}
 */
record StageResults(
    BillingStage.Result billing,
    Dataset<Row> normalized,
    TelemetryStage.Outcome telemetry,
    List<String> focusExport,
    List<InputCoverage> coverage,
    SavingsStage.Result savings,
    SecurityStage.Result security,
    JobRun.HistoryOutcome history,
    ReportStage.Result report) {

  /** Before the first stage. */
  static StageResults none() {
    return new StageResults(null, null, null, null, null, null, null, null, null);
  }

  StageResults withBilling(BillingStage.Result billing) {
    return new StageResults(
        billing, normalized, telemetry, focusExport, coverage, savings, security, history, report);
  }

  StageResults withTelemetry(TelemetryStage.Outcome telemetry) {
    return new StageResults(
        billing, normalized, telemetry, focusExport, coverage, savings, security, history, report);
  }

  StageResults withBillingTable(Dataset<Row> normalized, List<String> focusExport) {
    return new StageResults(
        billing, normalized, telemetry, focusExport, coverage, savings, security, history, report);
  }

  StageResults withCoverage(List<InputCoverage> coverage) {
    return new StageResults(
        billing, normalized, telemetry, focusExport, coverage, savings, security, history, report);
  }

  StageResults withSavings(SavingsStage.Result savings) {
    return new StageResults(
        billing, normalized, telemetry, focusExport, coverage, savings, security, history, report);
  }

  StageResults withSecurity(SecurityStage.Result security) {
    return new StageResults(
        billing, normalized, telemetry, focusExport, coverage, savings, security, history, report);
  }

  StageResults withHistory(JobRun.HistoryOutcome history) {
    return new StageResults(
        billing, normalized, telemetry, focusExport, coverage, savings, security, history, report);
  }

  StageResults withReport(ReportStage.Result report) {
    return new StageResults(
        billing, normalized, telemetry, focusExport, coverage, savings, security, history, report);
  }

  /** The outputs the stages staged, in the order they ran. */
  List<String> written() {
    List<String> written = new ArrayList<>(billing.written());
    if (telemetry != null) {
      written.addAll(TelemetryStage.OUTPUTS);
    }
    written.addAll(focusExport);
    written.addAll(savings.written());
    written.addAll(security.written());
    if (report != null) {
      written.addAll(report.written());
    }
    return written;
  }
}
