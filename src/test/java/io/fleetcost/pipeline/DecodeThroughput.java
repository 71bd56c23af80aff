package io.fleetcost.pipeline;

import io.fleetcost.billing.BillingInput;
import io.fleetcost.billing.GpuEnrichment;
import io.fleetcost.billing.ReadContext;
import io.fleetcost.billing.ServiceCategories;
import io.fleetcost.catalog.GpuInstanceCatalog;
import io.fleetcost.config.JobConfig;
import io.fleetcost.config.JobConfigLoader;
import io.fleetcost.config.TelemetryFormat;
import io.fleetcost.spark.ProgressReporter;
import io.fleetcost.spark.SparkSessionProvider;
import io.fleetcost.spark.SparkSettings;
import io.fleetcost.telemetry.DcgmJsonRead;
import io.fleetcost.telemetry.TelemetryFileTask;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;

/**
 * The decoders alone, for the fleet benchmark (docs/benchmark.md): the job's billing files read
 * into normalized rows (decode, FOCUS mapping, the identity hashes of the duplicate comparison, GPU
 * enrichment: the one pass the ingest makes when no identity repeats; its check of the written
 * hashes is not part of it) and its Prometheus-JSON telemetry decoded into GPU samples, each
 * written to Spark's {@code noop} sink, so that nothing is written, summarized or read back. Each
 * read runs {@code --repeat} times in one JVM (the first includes class loading and JIT warm-up);
 * the rows and values counted (the normalized rows once, untimed; the values by the reader's
 * accumulator; the rows the billing decoders decoded in all passes of one repetition by theirs),
 * and the seconds of each repetition, go to {@code --result} as properties.
 *
 * <p>Arguments: {@code --job FILE} (a job file of the benchmark), {@code --repeat N} (3), {@code
 * --result FILE}.
 */
public final class DecodeThroughput {
  private DecodeThroughput() {}

  public static void main(String[] args) throws Exception {
    Path job = null;
    Path result = null;
    int repeat = 3;
    for (int i = 0; i < args.length; i += 2) {
      switch (args[i]) {
        case "--job" -> job = Path.of(args[i + 1]);
        case "--result" -> result = Path.of(args[i + 1]);
        case "--repeat" -> repeat = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (job == null || result == null) {
      throw new IllegalArgumentException(
          "usage: DecodeThroughput --job FILE --result FILE [--repeat N]");
    }
    JobConfig config = new JobConfigLoader().load(job);
    List<BillingInput> billing = BillingInputs.fromConfig(job, config.billing());
    SparkSessionProvider sessions = SparkSessionProvider.perRun();
    SparkSession spark =
        sessions.open(
            new SparkSettings(
                "fleetcost decode throughput",
                config.spark().masterOrDefault(),
                config.spark().conf()));
    Properties measured = new Properties();
    try (ProgressReporter progress = new ProgressReporter(Duration.ofMinutes(10))) {
      BillingIngestJob.Plan billingPlan =
          BillingIngestJob.plan(spark.sparkContext().hadoopConfiguration(), billing);
      TelemetryIngestJob telemetryJob = new TelemetryIngestJob(spark, progress);
      TelemetryIngestJob.Plan telemetryPlan =
          TelemetryIngestJob.plan(
              spark.sparkContext().hadoopConfiguration(),
              TelemetryInputs.fromConfig(config.telemetry()));
      List<TelemetryFileTask> json =
          telemetryPlan.tasks().stream()
              .filter(t -> t.format() == TelemetryFormat.DCGM_JSON)
              .toList();
      long splitBytes = telemetryJob.splitBytes(telemetryPlan, json);
      List<String> billingSeconds = new ArrayList<>();
      List<String> telemetrySeconds = new ArrayList<>();
      long rows = -1;
      long decoded = 0;
      long values = 0;
      for (int run = 0; run < repeat; run++) {
        LongAccumulator decodedRows = spark.sparkContext().longAccumulator("bench.billing.rows");
        ReadContext context = new ReadContext(spark, decodedRows, ServiceCategories.bundled());
        Dataset<Row> normalized =
            GpuEnrichment.apply(
                spark,
                BillingFileReader.reading(
                        context,
                        billingPlan.files(),
                        BillingIngestJob.comparedScopes(billingPlan.files()))
                    .assumingNoCopies(),
                GpuInstanceCatalog.bundled());
        billingSeconds.add(
            seconds(() -> normalized.write().format("noop").mode("overwrite").save()));
        decoded = decodedRows.value();
        if (rows < 0) {
          // untimed: the decoders' accumulator counts a row once per pass over the files (the
          // duplicate comparison's
          // hash job reads them before the rows are written), so the rows out are counted on their
          // own
          rows = normalized.count();
        }

        if (!json.isEmpty()) {
          LongAccumulator decodedValues =
              spark.sparkContext().longAccumulator("bench.telemetry.values");
          Dataset<Row> samples =
              DcgmJsonRead.samples(DcgmJsonRead.decode(spark, json, splitBytes, decodedValues));
          telemetrySeconds.add(
              seconds(() -> samples.write().format("noop").mode("overwrite").save()));
          values = decodedValues.value();
        }
      }
      measured.setProperty("billing_files", Integer.toString(billingPlan.files().size()));
      measured.setProperty("billing_rows", Long.toString(Math.max(rows, 0)));
      measured.setProperty("billing_rows_decoded", Long.toString(decoded));
      measured.setProperty("billing_seconds", String.join(",", billingSeconds));
      measured.setProperty("telemetry_files", Integer.toString(json.size()));
      measured.setProperty("telemetry_values", Long.toString(values));
      measured.setProperty("telemetry_seconds", String.join(",", telemetrySeconds));
      measured.setProperty("cores", Integer.toString(spark.sparkContext().defaultParallelism()));
    } finally {
      sessions.release(spark);
    }
    try (OutputStream out = Files.newOutputStream(result)) {
      measured.store(out, "DecodeThroughput");
    }
  }

  private static String seconds(Runnable action) {
    long start = System.nanoTime();
    action.run();
    return String.format(Locale.ROOT, "%.2f", (System.nanoTime() - start) / 1e9);
  }
}
