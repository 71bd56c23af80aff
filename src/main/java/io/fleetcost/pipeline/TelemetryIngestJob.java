package io.fleetcost.pipeline;

import static io.fleetcost.telemetry.GpuSampleColumns.SOURCE_FORMAT;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.fleetcost.billing.SourceFile;
import io.fleetcost.billing.aws.CurManifestSelection;
import io.fleetcost.config.TelemetryFormat;
import io.fleetcost.files.InputDiscovery;
import io.fleetcost.files.InputFile;
import io.fleetcost.spark.ProgressReporter;
import io.fleetcost.spark.TaskProgressListener;
import io.fleetcost.telemetry.DcgmJsonRead;
import io.fleetcost.telemetry.GpuSamples;
import io.fleetcost.telemetry.LongSamples;
import io.fleetcost.telemetry.TelemetryDecoding;
import io.fleetcost.telemetry.TelemetryDetector;
import io.fleetcost.telemetry.TelemetryFileTask;
import io.fleetcost.telemetry.TelemetryInput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;

/**
 * Telemetry ingest: finds the telemetry files, decides each file's format, decodes every metric
 * value, checks it, and writes {@code gpu_samples} (good values pivoted to one row per GPU per
 * time) and the telemetry quarantine.
 */
public final class TelemetryIngestJob {
  public static final String SAMPLES = "gpu_samples";
  public static final String QUARANTINE = "quarantine";

  /**
   * One row per distinct label set of {@code gpu_samples} (its {@code x_LabelSet} hash and the
   * labels).
   */
  public static final String LABEL_SETS = "gpu_label_sets";

  private final SparkSession spark;
  private final ProgressReporter progress;

  public TelemetryIngestJob(SparkSession spark, ProgressReporter progress) {
    this.spark = spark;
    this.progress = progress;
  }

  /**
   * @param tasks the files to read
   * @param files every file to read by its display path
   */
  public record Plan(
      List<TelemetryFileTask> tasks,
      Map<String, InputFile> files,
      InputDiscovery.Result discovered) {
    /**
     * The plan with only the files of {@code displayPaths} to read (discovery's findings
     * unchanged).
     */
    public Plan only(java.util.Set<String> displayPaths) {
      Map<String, InputFile> kept = new LinkedHashMap<>();
      files.forEach(
          (path, file) -> {
            if (displayPaths.contains(path)) {
              kept.put(path, file);
            }
          });
      return new Plan(
          tasks.stream().filter(t -> displayPaths.contains(t.displayPath())).toList(),
          kept,
          discovered);
    }
  }

  /** Discovery and format detection only; reads the first line of each file. */
  public static Plan plan(Configuration conf, List<TelemetryInput> inputs) {
    InputDiscovery.Result discovered =
        new InputDiscovery(conf, new CurManifestSelection()).discover(inputs);
    Map<String, TelemetryInput> byName = new LinkedHashMap<>();
    inputs.forEach(input -> byName.put(input.name(), input));
    List<TelemetryFileTask> tasks = new ArrayList<>();
    Map<String, InputFile> files = new LinkedHashMap<>();
    for (InputFile file : discovered.files()) {
      TelemetryInput input = byName.get(file.input());
      String display = SourceFile.displayPath(file.path());
      TelemetryDetector.Head head = TelemetryDetector.head(conf, file.path());
      if (head.empty()) {
        continue;
      }
      TelemetryFormat format = TelemetryDetector.resolve(display, head, input.format());
      tasks.add(
          new TelemetryFileTask(
              file.path(),
              display,
              format,
              input.cluster(),
              input.timezone(),
              input.instanceId(),
              input.node()));
      files.put(display, file);
    }
    return new Plan(tasks, files, discovered);
  }

  public TelemetryIngestResult run(
      List<TelemetryInput> inputs, OutputDirectory output, String prefix) {
    return run(discover(inputs), output, prefix);
  }

  /** {@link #plan}, as a stage of the run. */
  public Plan discover(List<TelemetryInput> inputs) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    try (ProgressReporter.Stage stage =
        progress.start("discover telemetry files", inputs.size() + " inputs", () -> "")) {
      Plan plan = plan(conf, inputs);
      stage.finish(
          plan.tasks().size() + " files, " + plan.discovered().skipped().size() + " skipped");
      return plan;
    }
  }

  /**
   * Reads the plan's files into {@code <prefix>gpu_samples}, {@code <prefix>gpu_label_sets} and
   * {@code <prefix>quarantine} of the output's staging area (replacing what an earlier call of the
   * run wrote there).
   */
  public TelemetryIngestResult run(Plan plan, OutputDirectory output, String prefix) {
    for (String table : List.of(SAMPLES, QUARANTINE, LABEL_SETS)) {
      output.discard(prefix + table);
    }
    LongAccumulator values = spark.sparkContext().longAccumulator("fleetcost.telemetry.values");
    TaskProgressListener listener = new TaskProgressListener(values);
    spark.sparkContext().addSparkListener(listener);
    try (ProgressReporter.Stage stage =
        progress.start("ingest telemetry", plan.tasks().size() + " files", listener::status)) {
      String samplesPath = output.staged(prefix + SAMPLES);
      String quarantinePath = output.staged(prefix + QUARANTINE);
      Decoded decoded = decode(plan, values);
      writeSamples(decoded.samples(), samplesPath);
      ValueCounts counts = counts(decoded.observations());
      writeLabelSets(decoded, samplesPath, output.staged(prefix + LABEL_SETS));
      writeQuarantine(decoded, counts.quarantined(), quarantinePath);
      TelemetryIngestResult result =
          new TelemetryIngestSummary(spark)
              .summarize(
                  plan,
                  samplesPath,
                  output.staged(prefix + LABEL_SETS),
                  quarantinePath,
                  counts.read(),
                  counts.quarantined(),
                  stage.secondsElapsed());
      stage.finish(
          ProgressReporter.count(result.valuesRead())
              + " values read, "
              + ProgressReporter.count(result.valuesQuarantined())
              + " quarantined, "
              + ProgressReporter.count(result.samples())
              + " GPU samples of "
              + ProgressReporter.count(result.gpus())
              + " GPUs");
      return result;
    } finally {
      spark.sparkContext().clearJobGroup();
      spark.sparkContext().removeSparkListener(listener);
    }
  }

  /**
   * The plan's files decoded (not yet read): the checked values of the line formats ({@code
   * checked}, null when there are none) and the Prometheus-JSON files ({@code json}, null when
   * there are none), each part's GPU samples and the observation that counts its values.
   */
  private record Decoded(
      Dataset<Row> checked,
      DcgmJsonRead.Decoded json,
      List<Dataset<Row>> samples,
      List<Observation> observations) {}

  private Decoded decode(Plan plan, LongAccumulator values) {
    List<TelemetryFileTask> prometheusJson =
        plan.tasks().stream().filter(t -> t.format() == TelemetryFormat.DCGM_JSON).toList();
    List<TelemetryFileTask> others =
        plan.tasks().stream().filter(t -> t.format() != TelemetryFormat.DCGM_JSON).toList();
    spark
        .sparkContext()
        .setJobGroup("fleetcost-telemetry", "Telemetry ingest: index Prometheus JSON files", false);
    List<Dataset<Row>> samples = new ArrayList<>();
    List<Observation> observations = new ArrayList<>();
    Dataset<Row> checked = null;
    DcgmJsonRead.Decoded decoded = null;
    if (!others.isEmpty() || prometheusJson.isEmpty()) {
      Observation observation = new Observation("fleetcost-telemetry-ingest");
      observations.add(observation);
      checked = GpuSamples.checked(TelemetryDecoding.decode(spark, others, values));
      samples.add(
          GpuSamples.pivot(
              observe(checked, observation, count(lit(1)))
                  .filter(col(GpuSamples.QUARANTINE_REASON).isNull())));
    }
    if (!prometheusJson.isEmpty()) {
      Observation observation = new Observation("fleetcost-telemetry-ingest-prometheus-json");
      observations.add(observation);
      decoded =
          DcgmJsonRead.decode(spark, prometheusJson, splitBytes(plan, prometheusJson), values);
      // a decoded row holds several values (one per metric of its GPU and time)
      Column valueCount = sum(col(DcgmJsonRead.VALUE_COUNT));
      samples.add(
          DcgmJsonRead.samples(
              decoded.withValues(observe(decoded.values(), observation, valueCount))));
    }
    return new Decoded(checked, decoded, samples, observations);
  }

  private void writeSamples(List<Dataset<Row>> samples, String samplesPath) {
    spark
        .sparkContext()
        .setJobGroup("fleetcost-telemetry", "Telemetry ingest: write gpu_samples", false);
    Dataset<Row> all = samples.get(0);
    for (Dataset<Row> part : samples.subList(1, samples.size())) {
      all = all.unionByName(part);
    }
    all.write().mode(SaveMode.ErrorIfExists).parquet(samplesPath);
  }

  /**
   * The values read and quarantined, as the observations counted them while the samples were
   * written.
   */
  private record ValueCounts(long read, long quarantined) {}

  private static ValueCounts counts(List<Observation> observations) {
    long read = 0;
    long quarantined = 0;
    for (Observation observation : observations) {
      Map<String, Object> counts = observed(observation);
      // sums over no rows (nothing new to read) are null
      read += counts.get("values") == null ? 0 : ((Number) counts.get("values")).longValue();
      quarantined +=
          counts.get("quarantined") == null ? 0 : ((Number) counts.get("quarantined")).longValue();
    }
    return new ValueCounts(read, quarantined);
  }

  private void writeLabelSets(Decoded decoded, String samplesPath, String labelSetsPath) {
    spark
        .sparkContext()
        .setJobGroup("fleetcost-telemetry", "Telemetry ingest: write the label sets", false);
    Dataset<Row> labelSets = null;
    if (decoded.checked() != null) {
      labelSets =
          GpuSamples.labelSets(
              spark
                  .read()
                  .parquet(samplesPath)
                  .filter(col(SOURCE_FORMAT).notEqual(lit(TelemetryFormat.DCGM_JSON.cliName()))));
    }
    if (decoded.json() != null) {
      Dataset<Row> fromJson = DcgmJsonRead.labelSets(decoded.json());
      labelSets = labelSets == null ? fromJson : labelSets.unionByName(fromJson).distinct();
    }
    labelSets.coalesce(1).write().mode(SaveMode.ErrorIfExists).parquet(labelSetsPath);
  }

  /** The quarantined values, or an empty table of the quarantine's columns when there are none. */
  private void writeQuarantine(Decoded decoded, long quarantined, String quarantinePath) {
    spark
        .sparkContext()
        .setJobGroup("fleetcost-telemetry", "Telemetry ingest: write the quarantine", false);
    Dataset<Row> quarantine = null;
    if (quarantined > 0) {
      if (decoded.checked() != null) {
        quarantine =
            GpuSamples.quarantine(
                decoded.checked().filter(col(GpuSamples.QUARANTINE_REASON).isNotNull()));
      }
      if (decoded.json() != null) {
        Dataset<Row> fromJson = DcgmJsonRead.quarantine(decoded.json());
        quarantine = quarantine == null ? fromJson : quarantine.unionByName(fromJson);
      }
    } else {
      Dataset<Row> empty = spark.createDataFrame(List.of(), LongSamples.SCHEMA);
      quarantine =
          spark.createDataFrame(
              List.of(), GpuSamples.quarantine(GpuSamples.checked(empty)).schema());
    }
    quarantine.write().mode(SaveMode.ErrorIfExists).parquet(quarantinePath);
  }

  private static Dataset<Row> observe(Dataset<Row> rows, Observation observation, Column values) {
    return rows.observe(
        observation,
        values.as("values"),
        sum(when(col(GpuSamples.QUARANTINE_REASON).isNotNull(), 1L).otherwise(0L))
            .as("quarantined"));
  }

  /**
   * The size above which an uncompressed Prometheus-JSON file is cut between series for several
   * tasks: Spark's {@code spark.sql.files.maxPartitionBytes} (128 MB), or less so that every core
   * has a part (not below 8 MB).
   */
  long splitBytes(Plan plan, List<TelemetryFileTask> files) {
    long total = 0;
    for (TelemetryFileTask file : files) {
      total += plan.files().get(file.displayPath()).bytes();
    }
    long maxPartition = spark.sessionState().conf().filesMaxPartitionBytes();
    long perCore =
        (total + spark.sparkContext().defaultParallelism() - 1)
            / Math.max(1, spark.sparkContext().defaultParallelism());
    return Math.max(8L << 20, Math.min(maxPartition, perCore));
  }

  private static Map<String, Object> observed(Observation observation) {
    try {
      return observation.getAsJava();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the telemetry counts", e);
    }
  }
}
