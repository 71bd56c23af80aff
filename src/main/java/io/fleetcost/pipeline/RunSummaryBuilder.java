package io.fleetcost.pipeline;

import static io.fleetcost.pipeline.JobRun.BILLING_PREFIX;
import static io.fleetcost.pipeline.JobRun.FOCUS_EXPORT;
import static io.fleetcost.pipeline.JobRun.INGEST_SUMMARY;
import static io.fleetcost.pipeline.JobRun.METRICS;
import static io.fleetcost.pipeline.JobRun.SECURITY_FINDINGS;
import static io.fleetcost.pipeline.JobRun.SECURITY_FINDINGS_CSV;
import static io.fleetcost.pipeline.JobRun.SUMMARY;
import static io.fleetcost.pipeline.JobRun.TELEMETRY_PREFIX;

import io.fleetcost.billing.BillingInput;
import io.fleetcost.report.RecommendationExport;
import io.fleetcost.report.SecurityPosture;
import io.fleetcost.scan.ScanResult;
import io.fleetcost.scan.ScannedFile;
import io.fleetcost.telemetry.NodeInventory;
import io.fleetcost.telemetry.TelemetryInput;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The run's {@code summary.json} ({@link RunSummary}), from what its stages returned and the
 * data-quality verdict.
 */
final class RunSummaryBuilder {
  private RunSummaryBuilder() {}

  static RunSummary build(
      RunContext run,
      StageResults stages,
      DataQualityGate.Verdict verdict,
      Instant started,
      Instant finished) {
    Map<String, String> artifacts = artifacts(run, stages);
    JobRun.Request request = run.request();
    BillingIngestResult billing = stages.billing().ingest();
    TelemetryIngestResult telemetry =
        stages.telemetry() == null ? null : stages.telemetry().ingest();
    SavingsJob.Result savings = stages.savings().job();
    return new RunSummary(
        RunIdentity.version(),
        run.runId(),
        verdict.failed() ? RunSummary.Status.FAILED : RunSummary.Status.SUCCEEDED,
        verdict.failed() ? String.join("; ", verdict.failures()) : null,
        new RunSummary.Job(
            request.config().name(),
            request.jobFile().toAbsolutePath().normalize().toString(),
            request.config().organization()),
        request.runDate().toString(),
        started.toString(),
        finished.toString(),
        Duration.between(started, finished).toMillis() / 1000.0,
        new RunSummary.Spark(
            run.spark().sparkContext().master(),
            run.spark().version(),
            run.spark().sparkContext().applicationId()),
        new RunSummary.Inputs(
            inputSummaries(request.billing(), billing),
            telemetrySummaries(request.telemetry(), telemetry),
            inventorySummaries(request.inventory(), run.inventory()),
            request.config().security().stream()
                .map(i -> new RunSummary.SecurityInputSummary(i.name(), i.path()))
                .toList()),
        rowCounts(billing, telemetry, savings, stages.security().scan()),
        billing(stages),
        telemetry(stages.telemetry(), verdict),
        dataQuality(run, stages, verdict),
        savings.costAnalysis(),
        SecurityPosture.of(stages.security().scan()),
        stages.history(),
        stages.report() == null ? null : stages.report().headline(),
        artifacts);
  }

  /** Every output of the run by name, paths relative to the summary's folder. */
  private static Map<String, String> artifacts(RunContext run, StageResults stages) {
    Map<String, String> artifacts = new LinkedHashMap<>();
    artifacts.put("billing_normalized", BILLING_PREFIX + BillingIngestJob.NORMALIZED);
    artifacts.put("billing_quarantine", BILLING_PREFIX + BillingIngestJob.QUARANTINE);
    artifacts.put("billing_ingest_summary", INGEST_SUMMARY);
    if (stages.telemetry() != null) {
      artifacts.put("telemetry_gpu_samples", TELEMETRY_PREFIX + TelemetryIngestJob.SAMPLES);
      artifacts.put("telemetry_quarantine", TELEMETRY_PREFIX + TelemetryIngestJob.QUARANTINE);
      artifacts.put("telemetry_gpu_label_sets", TELEMETRY_PREFIX + TelemetryIngestJob.LABEL_SETS);
    }
    if (stages.savings().job().outputs().contains(SavingsJob.GPU_PROFILES)) {
      artifacts.put("gpu_profiles", SavingsJob.GPU_PROFILES);
      artifacts.put("workload_profiles", SavingsJob.WORKLOAD_PROFILES);
    }
    if (run.config().exportsFocus()) {
      artifacts.put("focus_export", FOCUS_EXPORT);
    }
    artifacts.put("security_findings", SECURITY_FINDINGS);
    artifacts.put("findings_json", SECURITY_FINDINGS);
    artifacts.put("findings_csv", SECURITY_FINDINGS_CSV);
    artifacts.put("opportunities_json", SavingsJob.OPPORTUNITIES_JSON);
    artifacts.put("opportunities_csv", SavingsJob.OPPORTUNITIES_CSV);
    if (stages.savings().compared() != null) {
      artifacts.put("external_recommendations_json", RecommendationExport.JSON_FILE);
      artifacts.put("external_recommendations_csv", RecommendationExport.CSV_FILE);
    }
    if (stages.report() != null) {
      artifacts.putAll(stages.report().headline().artifacts());
    }
    artifacts.put("metrics", METRICS);
    artifacts.put("summary", SUMMARY);
    return artifacts;
  }

  private static RunSummary.Billing billing(StageResults stages) {
    BillingIngestResult billing = stages.billing().ingest();
    IncrementalBillingIngest.Outcome kept = stages.billing().kept();
    var window = stages.savings().job().costAnalysis().window();
    return new RunSummary.Billing(
        billing.totals(),
        billing.byProvider(),
        kept == null ? null : kept.incremental(),
        kept == null
            ? null
            : KeptTableTotals.of(
                stages.normalized(), kept.incremental().table(), window.start(), window.end()));
  }

  private static RunSummary.Telemetry telemetry(
      TelemetryStage.Outcome stage, DataQualityGate.Verdict verdict) {
    if (stage == null) {
      return null;
    }
    TelemetryIngestResult telemetry = stage.ingest();
    return new RunSummary.Telemetry(
        telemetry.valuesRead(),
        telemetry.valuesKept(),
        telemetry.valuesQuarantined(),
        CurrencyTotals.exact(verdict.telemetryFraction()),
        verdict.telemetryLimit() == null ? null : verdict.telemetryLimit().toPlainString(),
        new TreeMap<>(telemetry.quarantinedByReason()),
        telemetry.samples(),
        telemetry.gpus(),
        telemetry.firstSample(),
        telemetry.lastSample(),
        telemetry.skipped(),
        stage.unchanged(),
        stage.daysAggregated().stream().map(LocalDate::toString).toList());
  }

  private static RunSummary.DataQuality dataQuality(
      RunContext run, StageResults stages, DataQualityGate.Verdict verdict) {
    BillingIngestResult billing = stages.billing().ingest();
    return new RunSummary.DataQuality(
        billing.rowsRead(),
        billing.rowsQuarantined(),
        CurrencyTotals.exact(verdict.billingFraction()),
        verdict.billingLimit() == null ? null : verdict.billingLimit().toPlainString(),
        billing.quarantinedByReason(),
        billing.skipped(),
        billing.files().stream()
            .filter(f -> f.status() == FileIngestStats.Status.EMPTY)
            .map(FileIngestStats::path)
            .toList(),
        verdict.warnings(),
        stages.coverage(),
        run.config().dataQuality().onMissingInput(),
        stages.savings().job().costAnalysis().coverage().unmeasuredGpuResources());
  }

  private static List<RunSummary.TelemetryInputSummary> telemetrySummaries(
      List<TelemetryInput> inputs, TelemetryIngestResult result) {
    List<RunSummary.TelemetryInputSummary> summaries = new ArrayList<>();
    for (TelemetryInput input : inputs) {
      summaries.add(
          new RunSummary.TelemetryInputSummary(
              input.name(),
              input.paths(),
              input.format().map(f -> f.cliName()).orElse("auto"),
              result == null
                  ? List.of()
                  : result.files().stream().filter(f -> f.input().equals(input.name())).toList()));
    }
    return summaries;
  }

  private static List<RunSummary.InventoryInputSummary> inventorySummaries(
      List<NodeInventory.Input> inputs, NodeInventory inventory) {
    List<RunSummary.InventoryInputSummary> summaries = new ArrayList<>();
    for (NodeInventory.Input input : inputs) {
      long nodes = inventory.entries().stream().filter(e -> e.input().equals(input.name())).count();
      summaries.add(
          new RunSummary.InventoryInputSummary(
              input.name(), input.paths(), input.cluster(), nodes));
    }
    return summaries;
  }

  private static List<RunSummary.BillingInputSummary> inputSummaries(
      List<BillingInput> inputs, BillingIngestResult result) {
    List<RunSummary.BillingInputSummary> summaries = new ArrayList<>();
    for (BillingInput input : inputs) {
      summaries.add(
          new RunSummary.BillingInputSummary(
              input.name(),
              input.paths(),
              input.format().map(f -> f.cliName()).orElse("auto"),
              result.files().stream().filter(f -> f.input().equals(input.name())).toList()));
    }
    return summaries;
  }

  private static Map<String, Long> rowCounts(
      BillingIngestResult billing,
      TelemetryIngestResult telemetry,
      SavingsJob.Result savings,
      ScanResult security) {
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put(
        "billing_files_read",
        billing.files().stream().filter(f -> f.status() == FileIngestStats.Status.READ).count());
    counts.put("billing_rows_read", billing.rowsRead());
    counts.put("billing_rows_kept", billing.rowsKept());
    counts.put("billing_rows_quarantined", billing.rowsQuarantined());
    counts.put("billing_rows_duplicate", billing.rowsDuplicate());
    counts.put("billing_gpu_rows", billing.gpuRows());
    if (telemetry != null) {
      counts.put("telemetry_files_read", (long) telemetry.files().size());
      counts.put("telemetry_values_read", telemetry.valuesRead());
      counts.put("telemetry_values_kept", telemetry.valuesKept());
      counts.put("telemetry_values_quarantined", telemetry.valuesQuarantined());
      counts.put("gpu_samples", telemetry.samples());
    }
    counts.put("gpu_profiles", savings.gpuProfiles());
    counts.put("workload_profiles", savings.workloadProfiles());
    counts.put("gpu_resources_analyzed", (long) savings.savings().resources().size());
    counts.put("opportunities", (long) savings.savings().opportunities().size());
    counts.put(
        "security_files_read",
        security.files().stream().filter(f -> f.status() == ScannedFile.Status.READ).count());
    counts.put(
        "security_objects", (long) security.files().stream().mapToInt(f -> f.objects()).sum());
    counts.put("security_findings", (long) security.findings().size());
    return counts;
  }
}
