package io.fleetcost.pipeline;

import io.fleetcost.billing.BillingInput;
import io.fleetcost.error.FleetCostException;
import io.fleetcost.export.FocusMetadata;
import io.fleetcost.spark.ProgressReporter;
import io.fleetcost.spark.SparkSessionProvider;
import io.fleetcost.spark.SparkSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * {@code fleetcost export focus}: reads a job's billing inputs (every file, as {@code fleetcost
 * ingest} does, without history) and writes their normalized rows of the charge period as a FOCUS
 * 1.2 dataset into {@code DIR}: {@code parquet/}, {@code csv/}, {@code metadata.json}. The
 * normalized table is staged and never committed; the export appears all at once, {@code
 * metadata.json} last.
 */
public final class FocusExportRun {
  private static final String INGEST_PREFIX = "ingest/";

  /**
   * @param billing the ingest's reading (every row, before the period was applied)
   * @param metadata the export's metadata (its rows and totals are those of the period)
   */
  public record Outcome(String outputDir, BillingIngestResult billing, FocusMetadata metadata) {}

  private FocusExportRun() {}

  public static Outcome execute(
      SparkSessionProvider sessions,
      SparkSettings settings,
      List<BillingInput> inputs,
      LocalDate from,
      LocalDate to,
      String outputDir,
      Duration progressInterval,
      Clock clock) {
    if (from != null && to != null && from.isAfter(to)) {
      throw FleetCostException.userError("Cannot export: --from %s is after --to %s", from, to);
    }
    SparkSession spark = sessions.open(settings);
    try (ProgressReporter progress = new ProgressReporter(progressInterval);
        OutputDirectory output =
            new OutputDirectory(
                spark.sparkContext().hadoopConfiguration(),
                outputDir,
                RunIdentity.newRunId(clock.instant()))) {
      BillingIngestResult billing =
          new BillingIngestJob(spark, progress).run(inputs, output, INGEST_PREFIX);
      FocusExportJob.Result export =
          new FocusExportJob(spark, progress)
              .write(
                  spark.read().parquet(output.staged(INGEST_PREFIX + BillingIngestJob.NORMALIZED)),
                  from,
                  to,
                  FocusExportJob.sources(billing),
                  output,
                  "",
                  clock.instant());
      output.commit(export.written());
      return new Outcome(output.root(), billing, export.metadata());
    } finally {
      sessions.release(spark);
    }
  }
}
