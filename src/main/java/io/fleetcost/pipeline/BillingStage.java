package io.fleetcost.pipeline;

import static io.fleetcost.pipeline.JobRun.BILLING_PREFIX;
import static io.fleetcost.pipeline.JobRun.INGEST_SUMMARY;

import io.fleetcost.history.BillingStore;
import io.fleetcost.summary.SummaryJson;
import java.util.List;
import java.util.Map;

/**
 * Billing: with a history, only new and changed files are read, into the history's kept billing
 * table, which is the run's normalized table (every period of every input); without, every file is
 * read. Writes {@code ingest-summary.json}. The table is taken, and exported as FOCUS, by {@link
 * BillingTableStage}.
 */
final class BillingStage implements RunStage {
  private final RunContext run;

  BillingStage(RunContext run) {
    this.run = run;
  }

  /**
   * @param kept the incremental ingest's outcome with a history; null without
   * @param written the outputs staged: the normalized table, its quarantine and the ingest summary
   */
  record Result(
      BillingIngestResult ingest, IncrementalBillingIngest.Outcome kept, List<String> written) {
    /** The input of every file of the run's billing table. */
    Map<String, String> inputOfFile() {
      return kept != null ? kept.inputOfFile() : DataCoverage.filesRead(ingest);
    }
  }

  @Override
  public String name() {
    return "billing";
  }

  @Override
  public StageResults run(StageResults before) {
    return before.withBilling(ingest());
  }

  private Result ingest() {
    IncrementalBillingIngest.Outcome kept = null;
    BillingIngestResult billing;
    if (run.store() != null) {
      kept =
          new IncrementalBillingIngest(
                  run.spark(),
                  run.progress(),
                  BillingStore.open(
                      run.spark(), run.store(), run.progress()::note, run.commitHook()))
              .run(
                  run.request().billing(),
                  run.request().full(),
                  run.output(),
                  BILLING_PREFIX,
                  run.runId(),
                  run.clock().instant(),
                  run.request().runDate());
      billing = kept.result();
    } else {
      billing =
          new BillingIngestJob(run.spark(), run.progress())
              .run(run.request().billing(), run.output(), BILLING_PREFIX);
    }
    run.output()
        .writeText(
            INGEST_SUMMARY,
            SummaryJson.write(
                IngestSummary.of(
                    run.runId(),
                    run.clock().instant().toString(),
                    billing,
                    Map.of(
                        "normalized", BillingIngestJob.NORMALIZED,
                        "quarantine", BillingIngestJob.QUARANTINE),
                    kept == null ? null : kept.incremental())));
    return new Result(
        billing,
        kept,
        List.of(
            BILLING_PREFIX + BillingIngestJob.NORMALIZED,
            BILLING_PREFIX + BillingIngestJob.QUARANTINE,
            INGEST_SUMMARY));
  }
}
