package io.fleetcost.pipeline;

import static io.fleetcost.pipeline.JobRun.BILLING_PREFIX;
import static io.fleetcost.pipeline.JobRun.FOCUS_EXPORT;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The run's billing table, taken once the telemetry is read, and its FOCUS export when the job asks
 * for one.
 */
final class BillingTableStage implements RunStage {
  private final RunContext run;

  BillingTableStage(RunContext run) {
    this.run = run;
  }

  @Override
  public String name() {
    return "billing table";
  }

  @Override
  public StageResults run(StageResults before) {
    Dataset<Row> normalized = normalized(before.billing());
    List<String> focus =
        run.config().exportsFocus() ? exportFocus(before.billing(), normalized) : List.of();
    return before.withBillingTable(normalized, focus);
  }

  /**
   * The run's billing table: with a history, the kept table; without, the normalized rows this run
   * staged.
   */
  private Dataset<Row> normalized(BillingStage.Result billing) {
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
  private List<String> exportFocus(BillingStage.Result billing, Dataset<Row> normalized) {
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
