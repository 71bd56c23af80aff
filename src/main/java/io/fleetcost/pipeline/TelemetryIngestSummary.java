package io.fleetcost.pipeline;

import static io.fleetcost.telemetry.GpuSampleColumns.GPU_INDEX;
import static io.fleetcost.telemetry.GpuSampleColumns.GPU_UUID;
import static io.fleetcost.telemetry.GpuSampleColumns.MIG_INSTANCE_ID;
import static io.fleetcost.telemetry.GpuSampleColumns.NODE;
import static io.fleetcost.telemetry.GpuSampleColumns.SAMPLE_TIME;
import static io.fleetcost.telemetry.GpuSampleColumns.SOURCE_FILE;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;

import io.fleetcost.files.InputFile;
import io.fleetcost.telemetry.GpuSamples;
import io.fleetcost.telemetry.TelemetryFileTask;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * What a telemetry ingest wrote, read back from its outputs: the samples and GPUs, the samples'
 * time span, the quarantined values by reason, and each file's figures.
 */
final class TelemetryIngestSummary {
  private final SparkSession spark;

  TelemetryIngestSummary(SparkSession spark) {
    this.spark = spark;
  }

  TelemetryIngestResult summarize(
      TelemetryIngestJob.Plan plan,
      String samplesPath,
      String labelSetsPath,
      String quarantinePath,
      long read,
      long quarantined,
      double seconds) {
    SampleTotals totals = sampleTotals(samplesPath, labelSetsPath);
    Map<String, Map<String, Long>> reasonsByFile = new LinkedHashMap<>();
    Map<String, Long> reasons = new TreeMap<>();
    if (quarantined > 0) {
      quarantineReasons(quarantinePath, reasonsByFile, reasons);
    }
    return new TelemetryIngestResult(
        fileStats(plan, totals.samplesByFile(), reasonsByFile),
        plan.discovered().skipped(),
        read,
        read - quarantined,
        quarantined,
        reasons,
        totals.samples(),
        totals.gpus(),
        totals.first(),
        totals.last(),
        seconds);
  }

  /**
   * The samples written, by file and in all, the GPUs they are of and their first and last time
   * (null without samples).
   */
  private record SampleTotals(
      Map<String, Long> samplesByFile, long samples, long gpus, String first, String last) {}

  private SampleTotals sampleTotals(String samplesPath, String labelSetsPath) {
    // one pass over the samples, by file and label set (few rows); the GPUs are counted on the
    // label sets
    Dataset<Row> perLabelSet =
        spark
            .read()
            .parquet(samplesPath)
            .groupBy(col(SOURCE_FILE), col(GpuSamples.LABEL_SET))
            .agg(
                count(lit(1)).as("samples"),
                min(col(SAMPLE_TIME)).as("first"),
                max(col(SAMPLE_TIME)).as("last"))
            .persist(StorageLevel.MEMORY_AND_DISK());
    Map<String, Long> samplesByFile = new LinkedHashMap<>();
    Row totals;
    Row gpus;
    try {
      for (Row row :
          perLabelSet.groupBy(col(SOURCE_FILE)).agg(sum(col("samples"))).collectAsList()) {
        samplesByFile.put(row.getString(0), row.getLong(1));
      }
      totals = perLabelSet.agg(sum(col("samples")), min(col("first")), max(col("last"))).first();
      gpus =
          perLabelSet
              .select(col(GpuSamples.LABEL_SET))
              .distinct()
              .join(spark.read().parquet(labelSetsPath), GpuSamples.LABEL_SET)
              .agg(
                  countDistinct(
                      coalesce(col(GPU_UUID), col(NODE)),
                      col(GPU_INDEX),
                      coalesce(col(MIG_INSTANCE_ID), lit(-1))))
              .first();
    } finally {
      perLabelSet.unpersist();
    }
    return new SampleTotals(
        samplesByFile,
        totals.isNullAt(0) ? 0L : totals.getLong(0),
        gpus.getLong(0),
        instant(totals.getTimestamp(1)),
        instant(totals.getTimestamp(2)));
  }

  /** The quarantined values by file and reason, and by reason alone. */
  private void quarantineReasons(
      String quarantinePath,
      Map<String, Map<String, Long>> reasonsByFile,
      Map<String, Long> reasons) {
    for (Row row :
        spark
            .read()
            .parquet(quarantinePath)
            .groupBy(col(SOURCE_FILE), col(GpuSamples.QUARANTINE_REASON))
            .agg(count(lit(1)))
            .collectAsList()) {
      reasonsByFile
          .computeIfAbsent(row.getString(0), f -> new TreeMap<>())
          .merge(row.getString(1), row.getLong(2), Long::sum);
      reasons.merge(row.getString(1), row.getLong(2), Long::sum);
    }
  }

  /** Each file of the plan, in order: its samples and quarantined values. */
  private static List<TelemetryIngestResult.TelemetryFileStats> fileStats(
      TelemetryIngestJob.Plan plan,
      Map<String, Long> samplesByFile,
      Map<String, Map<String, Long>> reasonsByFile) {
    List<TelemetryIngestResult.TelemetryFileStats> files = new ArrayList<>();
    for (TelemetryFileTask task : plan.tasks()) {
      InputFile file = plan.files().get(task.displayPath());
      Map<String, Long> fileReasons = reasonsByFile.getOrDefault(task.displayPath(), Map.of());
      files.add(
          new TelemetryIngestResult.TelemetryFileStats(
              file.input(),
              task.displayPath(),
              task.format().cliName(),
              file.sha256(),
              file.bytes(),
              samplesByFile.getOrDefault(task.displayPath(), 0L),
              fileReasons.values().stream().mapToLong(Long::longValue).sum(),
              fileReasons));
    }
    return files;
  }

  private static String instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant().toString();
  }
}
