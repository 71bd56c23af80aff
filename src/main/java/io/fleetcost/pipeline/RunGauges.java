package io.fleetcost.pipeline;

import io.fleetcost.pipeline.JobRun.HistoryOutcome;
import io.fleetcost.report.CostAnalysis;
import io.fleetcost.report.RunMetrics;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The run's figures for Prometheus ({@code metrics.prom}), in the order the file lists them. */
final class RunGauges {
  private RunGauges() {}

  static RunMetrics of(RunSummary summary, HistoryOutcome history, List<StageTime> stages) {
    RunMetrics m = new RunMetrics(summary.job().name());
    run(m, summary);
    stages(m, stages);
    billing(m, summary);
    telemetry(m, summary);
    savings(m, summary.costAnalysis());
    security(m, summary);
    realized(m, history);
    return m;
  }

  private static void run(RunMetrics m, RunSummary summary) {
    m.gauge(
        "fleetcost_run_success",
        "1 when the last run succeeded, 0 when it failed",
        summary.status() == RunSummary.Status.SUCCEEDED ? 1 : 0);
    m.gauge(
        "fleetcost_run_duration_seconds", "Duration of the last run", summary.durationSeconds());
    m.gauge(
        "fleetcost_run_timestamp_seconds",
        "When the last run finished, Unix time",
        Instant.parse(summary.finishedAt()).getEpochSecond());
  }

  private static void stages(RunMetrics m, List<StageTime> stages) {
    for (StageTime stage : stages) {
      m.gauge(
          "fleetcost_stage_duration_seconds",
          "Duration of each stage of the last run",
          Map.of("stage", stage.stage()),
          stage.seconds());
    }
  }

  private static void billing(RunMetrics m, RunSummary summary) {
    m.gauge(
        "fleetcost_billing_rows",
        "Billing rows of the last run",
        Map.of("state", "read"),
        summary.rowCounts().get("billing_rows_read"));
    m.gauge(
        "fleetcost_billing_rows",
        "",
        Map.of("state", "kept"),
        summary.rowCounts().get("billing_rows_kept"));
    m.gauge(
        "fleetcost_billing_rows",
        "",
        Map.of("state", "quarantined"),
        summary.rowCounts().get("billing_rows_quarantined"));
    m.gauge(
        "fleetcost_billing_rows",
        "",
        Map.of("state", "duplicate"),
        summary.rowCounts().get("billing_rows_duplicate"));
    summary
        .dataQuality()
        .quarantinedByReason()
        .forEach(
            (reason, rows) ->
                m.gauge(
                    "fleetcost_billing_rows_quarantined_by_reason",
                    "Billing rows quarantined, by reason",
                    Map.of("reason", reason),
                    rows));
  }

  private static void telemetry(RunMetrics m, RunSummary summary) {
    if (summary.telemetry() != null) {
      m.gauge(
          "fleetcost_telemetry_values",
          "Telemetry values of the last run",
          Map.of("state", "read"),
          summary.telemetry().valuesRead());
      m.gauge(
          "fleetcost_telemetry_values",
          "",
          Map.of("state", "quarantined"),
          summary.telemetry().valuesQuarantined());
      m.gauge(
          "fleetcost_gpu_samples",
          "GPU samples (one per GPU per time) of the last run",
          summary.telemetry().samples());
    }
  }

  private static void savings(RunMetrics m, CostAnalysis analysis) {
    m.gauge(
        "fleetcost_monthly_spend_usd",
        "The whole bill at the window's rate, USD per 730-hour month",
        analysis.monthlyEstimateUsd());
    m.gauge(
        "fleetcost_gpu_monthly_spend_usd",
        "The GPU resources analysed, USD per month",
        analysis.gpuMonthlyCostUsd());
    m.gauge(
        "fleetcost_identified_savings_monthly_usd",
        "Savings identified, USD per month",
        analysis.identifiedMonthlySavingsUsd());
    for (var lever : analysis.breakdown().byLever()) {
      m.gauge(
          "fleetcost_identified_savings_by_lever_monthly_usd",
          "Savings identified by lever, USD per month",
          Map.of("lever", lever.lever()),
          lever.monthlySavingUsd());
    }
    m.gauge(
        "fleetcost_opportunities", "Opportunities of the last run", analysis.opportunityCount());
    m.gauge(
        "fleetcost_unjoined_gpu_hours_ratio",
        "Share of GPU hours not joined to a bill",
        analysis.coverage().gpuHoursUnjoinedShare());
  }

  private static void security(RunMetrics m, RunSummary summary) {
    if (summary.securityPosture() != null) {
      // no score without scanned manifests: the gauges are left out rather than reported as 100
      if (summary.securityPosture().score() != null) {
        m.gauge(
            "fleetcost_security_score",
            "Weighted security risk score, 0-100, higher is better",
            summary.securityPosture().score());
        m.gauge(
            "fleetcost_security_compliance_ratio",
            "Passed checks over applicable, 0-1",
            summary.securityPosture().compliancePct() / 100);
      }
      m.gauge(
          "fleetcost_security_scan_partial",
          "1 when a manifest file could not be read",
          summary.securityPosture().partial() ? 1 : 0);
      summary
          .securityPosture()
          .findingsBySeverity()
          .forEach(
              (severity, count) ->
                  m.gauge(
                      "fleetcost_security_findings",
                      "Security findings by severity",
                      Map.of("severity", severity),
                      count));
    }
  }

  private static void realized(RunMetrics m, HistoryOutcome history) {
    if (history != null && history.realizedMonthlyUsd() != null) {
      m.gauge(
          "fleetcost_realized_savings_monthly_usd",
          "Savings realized (the bill dropped), USD per month",
          history.realizedMonthlyUsd());
      m.gauge(
          "fleetcost_in_progress_savings_monthly_usd",
          "Savings in progress, USD per month",
          history.inProgressMonthlyUsd());
    }
  }
}
