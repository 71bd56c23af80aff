package io.fleetcost.pipeline;

import static io.fleetcost.pipeline.JobRun.BILLING_PREFIX;
import static io.fleetcost.pipeline.JobRun.FOCUS_EXPORT;
import static io.fleetcost.pipeline.JobRun.INGEST_SUMMARY;

import io.fleetcost.history.BillingStore;
import io.fleetcost.summary.SummaryJson;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Billing: with a history, only new and changed files are read, into the history's kept billing
 * table, which is the run's normalized table (every period of every input); without, every file is
 * read. Writes {@code ingest-summary.json}, and the FOCUS export of the run's billing table when
 * the job asks for it.
 */
final class BillingStage {
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

  Result run() {
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

  /**
   * The run's billing table: with a history, the kept table; without, the normalized rows this run
   * staged.
   */
  Dataset<Row> normalized(Result billing) {
    return billing.kept() != null
        ? billing.kept().normalized()
        : run.spark()
            .read()
            .parquet(run.output().staged(BILLING_PREFIX + BillingIngestJob.NORMALIZED));
  }

  /**
   * Every row of the run's billing table (with a history, every file ever read) as FOCUS; the
   * outputs staged.
   */
  List<String> exportFocus(Result billing, Dataset<Row> normalized) {
    return new FocusExportJob(run.spark(), run.progress())
        .write(
            normalized,
            null,
            null,
            FocusExportJob.sources(billing.ingest()),
            run.output(),
            FOCUS_EXPORT + "/",
            run.clock().instant())
        .written();
  }
}
