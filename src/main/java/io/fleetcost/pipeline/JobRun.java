package io.fleetcost.pipeline;

import io.fleetcost.billing.BillingInput;
import io.fleetcost.config.JobConfig;
import io.fleetcost.error.ErrorCode;
import io.fleetcost.spark.ProgressReporter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import io.fleetcost.spark.SparkSessionProvider;
import io.fleetcost.spark.SparkSettings;
import org.apache.spark.sql.SparkSession;

/**
 * {@code fleetcost run}: runs every stage of a job file for one run date and writes {@code summary.json} beside
 * the stages' outputs. All outputs are committed together at the end ({@link OutputDirectory}); {@code
 * summary.json} last.
 */
public final class JobRun {
  public static final String SUMMARY = "summary.json";
  public static final String BILLING_PREFIX = "billing/";
  public static final String INGEST_SUMMARY = BILLING_PREFIX + "ingest-summary.json";

  /**
   * @param outputDir where to write (already chosen by precedence: flag, job file, default)
   */
  public record Request(
      Path jobFile, JobConfig config, List<BillingInput> billing, LocalDate runDate, String outputDir, Duration progressInterval) {
    public Request {
      Objects.requireNonNull(jobFile, "jobFile is null");
      Objects.requireNonNull(config, "config is null");
      billing = List.copyOf(billing);
      Objects.requireNonNull(runDate, "runDate is null");
      Objects.requireNonNull(outputDir, "outputDir is null");
    }
  }

  /**
   * @param exitCode 0, or 2 when the data-quality limit of the job was exceeded (outputs are still written)
   */
  public record Outcome(String runId, String outputDir, RunSummary summary, int exitCode) {}

  private JobRun() {}

  public static Outcome execute(SparkSessionProvider sessions, SparkSettings settings, Request request) {
    SparkSession spark = sessions.open(settings);
    try {
      return execute(spark, request);
    } finally {
      sessions.release(spark);
    }
  }

  static Outcome execute(SparkSession spark, Request request) {
    Instant started = Instant.now();
    String runId = RunIdentity.newRunId(started);
    try (ProgressReporter progress = new ProgressReporter(request.progressInterval());
        OutputDirectory output =
            new OutputDirectory(spark.sparkContext().hadoopConfiguration(), request.outputDir(), runId)) {
      BillingIngestResult billing =
          new BillingIngestJob(spark, progress).run(request.billing(), output, BILLING_PREFIX);
      output.writeText(
          INGEST_SUMMARY,
          SummaryJson.write(
              IngestSummary.of(
                  runId,
                  Instant.now().toString(),
                  billing,
                  Map.of(
                      "normalized", BillingIngestJob.NORMALIZED,
                      "quarantine", BillingIngestJob.QUARANTINE))));

      BigDecimal fraction =
          billing.rowsRead() == 0
              ? BigDecimal.ZERO
              : BigDecimal.valueOf(billing.rowsQuarantined())
                  .divide(BigDecimal.valueOf(billing.rowsRead()), MathContext.DECIMAL64);
      BigDecimal limit = request.config().dataQuality().maxQuarantinedFraction();
      boolean tooManyBad = limit != null && fraction.compareTo(limit) > 0;
      String message =
          tooManyBad
              ? String.format(
                  "Cannot accept the billing input: %s of %s rows were quarantined (fraction %s), above"
                      + " data-quality.max-quarantined-fraction %s; see %s",
                  ProgressReporter.count(billing.rowsQuarantined()),
                  ProgressReporter.count(billing.rowsRead()),
                  fraction.stripTrailingZeros().toPlainString(),
                  limit.toPlainString(),
                  output.finalPath(BILLING_PREFIX + BillingIngestJob.QUARANTINE))
              : null;

      Map<String, String> artifacts = new LinkedHashMap<>();
      artifacts.put("billing_normalized", BILLING_PREFIX + BillingIngestJob.NORMALIZED);
      artifacts.put("billing_quarantine", BILLING_PREFIX + BillingIngestJob.QUARANTINE);
      artifacts.put("billing_ingest_summary", INGEST_SUMMARY);
      artifacts.put("summary", SUMMARY);

      Instant finished = Instant.now();
      RunSummary summary =
          new RunSummary(
              RunIdentity.version(),
              runId,
              tooManyBad ? "failed" : "succeeded",
              message,
              new RunSummary.Job(
                  request.config().name(),
                  request.jobFile().toAbsolutePath().normalize().toString(),
                  request.config().organization()),
              request.runDate().toString(),
              started.toString(),
              finished.toString(),
              Duration.between(started, finished).toMillis() / 1000.0,
              new RunSummary.Spark(spark.sparkContext().master(), spark.version(), spark.sparkContext().applicationId()),
              new RunSummary.Inputs(inputSummaries(request.billing(), billing)),
              rowCounts(billing),
              new RunSummary.Billing(billing.totals(), billing.byProvider()),
              new RunSummary.DataQuality(
                  billing.rowsRead(),
                  billing.rowsQuarantined(),
                  CurrencyTotals.exact(fraction),
                  limit == null ? null : limit.toPlainString(),
                  billing.quarantinedByReason(),
                  billing.skipped(),
                  billing.files().stream().filter(f -> f.status().equals("empty")).map(FileIngestStats::path).toList(),
                  billing.warnings()),
              artifacts);
      output.writeText(SUMMARY, SummaryJson.write(summary));
      output.commit(
          List.of(
              BILLING_PREFIX + BillingIngestJob.NORMALIZED,
              BILLING_PREFIX + BillingIngestJob.QUARANTINE,
              INGEST_SUMMARY,
              SUMMARY));
      return new Outcome(runId, output.root(), summary, tooManyBad ? ErrorCode.USER_ERROR.exitCode() : 0);
    }
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

  private static Map<String, Long> rowCounts(BillingIngestResult billing) {
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("billing_files_read", billing.files().stream().filter(f -> f.status().equals("read")).count());
    counts.put("billing_rows_read", billing.rowsRead());
    counts.put("billing_rows_kept", billing.rowsKept());
    counts.put("billing_rows_quarantined", billing.rowsQuarantined());
    counts.put("billing_gpu_rows", billing.gpuRows());
    return counts;
  }
}
