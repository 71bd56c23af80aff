package io.fleetcost.pipeline;

import io.fleetcost.billing.BillingInput;
import io.fleetcost.spark.ProgressReporter;
import io.fleetcost.spark.SparkSessionProvider;
import io.fleetcost.spark.SparkSettings;
import io.fleetcost.summary.SummaryJson;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * {@code fleetcost ingest}: billing ingest alone, into {@code DIR/normalized}, {@code
 * DIR/quarantine} and {@code DIR/ingest-summary.json}.
 */
public final class IngestRun {
  public static final String INGEST_SUMMARY = "ingest-summary.json";

  public record Outcome(String runId, String outputDir, IngestSummary summary) {}

  private IngestRun() {}

  public static Outcome execute(
      SparkSessionProvider sessions,
      SparkSettings settings,
      List<BillingInput> inputs,
      String outputDir,
      Duration progressInterval,
      Clock clock) {
    SparkSession spark = sessions.open(settings);
    try {
      return execute(spark, inputs, outputDir, progressInterval, clock);
    } finally {
      sessions.release(spark);
    }
  }

  static Outcome execute(
      SparkSession spark,
      List<BillingInput> inputs,
      String outputDir,
      Duration progressInterval,
      Clock clock) {
    String runId = RunIdentity.newRunId(clock.instant());
    try (ProgressReporter progress = new ProgressReporter(progressInterval);
        OutputDirectory output =
            new OutputDirectory(spark.sparkContext().hadoopConfiguration(), outputDir, runId)) {
      BillingIngestResult result = new BillingIngestJob(spark, progress).run(inputs, output, "");
      IngestSummary summary =
          IngestSummary.of(
              runId,
              clock.instant().toString(),
              result,
              Map.of(
                  "normalized",
                  BillingIngestJob.NORMALIZED,
                  "quarantine",
                  BillingIngestJob.QUARANTINE));
      output.writeText(INGEST_SUMMARY, SummaryJson.write(summary));
      output.commit(
          List.of(BillingIngestJob.NORMALIZED, BillingIngestJob.QUARANTINE, INGEST_SUMMARY));
      return new Outcome(runId, output.root(), summary);
    }
  }
}
