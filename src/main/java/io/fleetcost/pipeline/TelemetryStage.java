package io.fleetcost.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.to_date;

import io.fleetcost.files.InputFile;
import io.fleetcost.history.TelemetryDayStore;
import io.fleetcost.history.TelemetryDayStore.FileDay;
import io.fleetcost.history.TelemetryFilePlan;
import io.fleetcost.spark.ProgressReporter;
import io.fleetcost.telemetry.GpuDays;
import io.fleetcost.telemetry.GpuSampleColumns;
import io.fleetcost.telemetry.TelemetryInput;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Telemetry, read and aggregated by day ({@link GpuDays}). Without a history every file is read and
 * every day aggregated. With one ({@link TelemetryDayStore}), only new and changed files are read,
 * with the unchanged files that share their days ({@link TelemetryFilePlan}); those days'
 * aggregates replace the kept ones, and the profiles merge the kept days. {@code --full} reads
 * every file again.
 */
final class TelemetryStage implements RunStage {
  private final RunContext run;
  private final SparkSession spark;
  private final ProgressReporter progress;

  TelemetryStage(RunContext run) {
    this.run = run;
    this.spark = run.spark();
    this.progress = run.progress();
  }

  /**
   * @param ingest what this run read ({@code gpu_samples} etc. in the output hold those files'
   *     samples)
   * @param days the daily aggregates to profile (every kept day with a history)
   * @param fileDays one row per file and UTC day of its samples: path, day, samples, newest sample
   *     (the coverage check)
   * @param inputOfFile the input of every file of {@code fileDays}
   * @param unchanged files not read again, as their content was read before
   * @param daysAggregated the UTC days aggregated this run
   * @param lastSample the newest sample of {@code days}, or null when they hold none
   */
  record Outcome(
      TelemetryIngestResult ingest,
      Dataset<Row> days,
      List<Row> fileDays,
      Map<String, String> inputOfFile,
      List<String> unchanged,
      List<LocalDate> daysAggregated,
      List<String> warnings,
      String lastSample) {}

  /** The outputs a run's telemetry stages, under {@link JobRun#TELEMETRY_PREFIX}. */
  static final List<String> OUTPUTS =
      List.of(
          JobRun.TELEMETRY_PREFIX + TelemetryIngestJob.SAMPLES,
          JobRun.TELEMETRY_PREFIX + TelemetryIngestJob.QUARANTINE,
          JobRun.TELEMETRY_PREFIX + TelemetryIngestJob.LABEL_SETS);

  @Override
  public String name() {
    return "telemetry";
  }

  /** The run's telemetry, with the daily aggregates of the run's history when it keeps one. */
  @Override
  public StageResults run(StageResults before) {
    return before.withTelemetry(
        read(
            run.request().telemetry(),
            run.output(),
            JobRun.TELEMETRY_PREFIX,
            SavingsJob.daySettings(run.config().savings()),
            run.store() == null ? null : TelemetryDayStore.open(spark, run.store(), progress::note),
            run.request().full(),
            run.runId()));
  }

  private Outcome read(
      List<TelemetryInput> inputs,
      OutputDirectory output,
      String prefix,
      GpuDays.Settings settings,
      TelemetryDayStore store,
      boolean full,
      String runId) {
    TelemetryIngestJob job = new TelemetryIngestJob(spark, progress);
    TelemetryIngestJob.Plan all = job.discover(inputs);
    return store == null
        ? everyFile(job, all, output, prefix, settings)
        : incremental(job, all, output, prefix, settings, store, full, runId);
  }

  /** Without a history: every file read, every day aggregated. */
  private Outcome everyFile(
      TelemetryIngestJob job,
      TelemetryIngestJob.Plan all,
      OutputDirectory output,
      String prefix,
      GpuDays.Settings settings) {
    TelemetryIngestResult result = job.run(all, output, prefix);
    Dataset<Row> samples = spark.read().parquet(output.staged(prefix + TelemetryIngestJob.SAMPLES));
    Dataset<Row> labelSets =
        spark.read().parquet(output.staged(prefix + TelemetryIngestJob.LABEL_SETS));
    Dataset<Row> days;
    List<LocalDate> aggregated;
    try (ProgressReporter.Stage stage =
        progress.start("aggregate GPU days", result.samples() + " samples", () -> "")) {
      days = GpuDays.daily(samples, labelSets, settings).persist(StorageLevel.MEMORY_AND_DISK());
      aggregated =
          days.select(GpuDays.DAY).distinct().collectAsList().stream()
              .map(r -> r.getDate(0).toLocalDate())
              .sorted()
              .toList();
      stage.finish(aggregated.size() + " days");
    }
    Map<String, String> inputOfFile = new LinkedHashMap<>();
    result.files().forEach(f -> inputOfFile.put(f.path(), f.input()));
    return new Outcome(
        result,
        days,
        fileDays(samples),
        inputOfFile,
        List.of(),
        aggregated,
        List.of(),
        GpuDays.newestSample(days));
  }

  /**
   * What one incremental reading read: the ingest, its samples by file and day, and the files it
   * read.
   */
  private record Reading(
      TelemetryIngestResult result, Dataset<Row> samples, List<Row> fileDays, Set<String> toRead) {}

  /**
   * With a history: the new and changed files are read, with the unchanged files that share their
   * days; those days are aggregated again and replace the kept ones, and the history's ledger of
   * files and days is updated.
   */
  private Outcome incremental(
      TelemetryIngestJob job,
      TelemetryIngestJob.Plan all,
      OutputDirectory output,
      String prefix,
      GpuDays.Settings settings,
      TelemetryDayStore store,
      boolean full,
      String runId) {
    List<FileDay> ledger = store.ledger();
    TelemetryFilePlan.Changes changes = changes(all, ledger, full);
    Set<LocalDate> stale = new TreeSet<>(changes.formerDays());
    if (!full) {
      stale.addAll(store.daysNotOf(settings.id()));
    }
    Set<LocalDate> affected = new TreeSet<>(stale);
    Reading reading = read(job, all, output, prefix, ledger, changes, stale, affected);
    Dataset<Row> labelSets =
        spark.read().parquet(output.staged(prefix + TelemetryIngestJob.LABEL_SETS));
    replaceDays(store, reading.samples(), labelSets, settings, affected);
    List<FileDay> updated =
        TelemetryFilePlan.updated(
            ledger, reading.toRead(), readNow(all, reading.fileDays(), reading.toRead(), runId));
    store.writeLedger(updated);
    List<String> unchanged =
        changes.unchanged().stream().filter(p -> !reading.toRead().contains(p)).sorted().toList();
    Dataset<Row> days = store.days();
    return new Outcome(
        reading.result(),
        days,
        keptFileDays(updated),
        inputOfFile(updated),
        unchanged,
        List.copyOf(affected),
        warnings(changes),
        GpuDays.newestSample(days));
  }

  /** The files found now against the history's ledger: every one with {@code --full}. */
  private static TelemetryFilePlan.Changes changes(
      TelemetryIngestJob.Plan all, List<FileDay> ledger, boolean full) {
    List<TelemetryFilePlan.Present> present = new ArrayList<>();
    all.files()
        .forEach(
            (path, file) ->
                present.add(
                    new TelemetryFilePlan.Present(
                        file.input(), path, file.bytes(), file.sha256())));
    return full
        ? TelemetryFilePlan.everything(present, ledger)
        : TelemetryFilePlan.changes(present, ledger);
  }

  /** The affected days aggregated again from the samples read, replacing the kept ones. */
  private void replaceDays(
      TelemetryDayStore store,
      Dataset<Row> samples,
      Dataset<Row> labelSets,
      GpuDays.Settings settings,
      Set<LocalDate> affected) {
    try (ProgressReporter.Stage stage =
        progress.start("aggregate GPU days", affected.size() + " days", () -> "")) {
      Object[] dates = affected.stream().map(Date::valueOf).toArray();
      Dataset<Row> rows =
          GpuDays.daily(
              samples.filter(to_date(col(GpuSampleColumns.SAMPLE_TIME)).isin(dates)),
              labelSets,
              settings);
      store.replaceDays(rows, affected);
      stage.finish(affected.size() + " days replaced in the history");
    }
  }

  /** The ledger's files and days with samples, as {@link #fileDays} rows. */
  private static List<Row> keptFileDays(List<FileDay> ledger) {
    List<Row> keptFileDays = new ArrayList<>();
    for (FileDay entry : ledger) {
      if (entry.day() != null) {
        keptFileDays.add(
            RowFactory.create(
                entry.path(),
                Date.valueOf(entry.day()),
                entry.samples(),
                entry.newest() == null ? null : Timestamp.from(entry.newest())));
      }
    }
    return keptFileDays;
  }

  /** The input of each of the ledger's files with samples. */
  private static Map<String, String> inputOfFile(List<FileDay> ledger) {
    Map<String, String> inputOfFile = new LinkedHashMap<>();
    for (FileDay entry : ledger) {
      if (entry.day() != null) {
        inputOfFile.put(entry.path(), entry.input());
      }
    }
    return inputOfFile;
  }

  private static List<String> warnings(TelemetryFilePlan.Changes changes) {
    List<String> warnings = new ArrayList<>();
    if (!changes.missing().isEmpty()) {
      warnings.add(
          "Telemetry files read by earlier runs are no longer found; their days are kept as they were read: "
              + String.join(", ", changes.missing()));
    }
    return warnings;
  }

  /**
   * Reads the changed files and the unchanged ones covering the stale days; then, when unchanged
   * files share days with what was read, reads again with those. Adds the days of the changed
   * files' samples to {@code affected}.
   */
  private Reading read(
      TelemetryIngestJob job,
      TelemetryIngestJob.Plan all,
      OutputDirectory output,
      String prefix,
      List<FileDay> ledger,
      TelemetryFilePlan.Changes changes,
      Set<LocalDate> stale,
      Set<LocalDate> affected) {
    Set<String> toRead = new LinkedHashSet<>(changes.changed());
    toRead.addAll(TelemetryFilePlan.covering(ledger, stale, changes.unchanged()));
    TelemetryIngestResult result = job.run(all.only(toRead), output, prefix);
    Dataset<Row> samples = spark.read().parquet(output.staged(prefix + TelemetryIngestJob.SAMPLES));
    List<Row> fileDays = fileDays(samples);
    for (Row row : fileDays) {
      if (changes.changed().contains(row.getString(0))) {
        affected.add(row.getDate(1).toLocalDate());
      }
    }
    Set<String> sharing = TelemetryFilePlan.covering(ledger, affected, changes.unchanged());
    sharing.removeAll(toRead);
    if (!sharing.isEmpty()) {
      progress.note(
          "telemetry: "
              + sharing.size()
              + " unchanged files share days with new ones; reading them with those");
      toRead.addAll(sharing);
      result = job.run(all.only(toRead), output, prefix);
      samples = spark.read().parquet(output.staged(prefix + TelemetryIngestJob.SAMPLES));
      fileDays = fileDays(samples);
    }
    return new Reading(result, samples, fileDays, toRead);
  }

  /**
   * The ledger entries of the files read now: one per file and day of samples, one with no day for
   * a file without.
   */
  private static List<FileDay> readNow(
      TelemetryIngestJob.Plan all, List<Row> fileDays, Set<String> toRead, String runId) {
    List<FileDay> readNow = new ArrayList<>();
    Set<String> withSamples = new LinkedHashSet<>();
    for (Row row : fileDays) {
      InputFile file = all.files().get(row.getString(0));
      withSamples.add(row.getString(0));
      readNow.add(
          new FileDay(
              file.input(),
              row.getString(0),
              file.bytes(),
              file.sha256(),
              row.getDate(1).toLocalDate(),
              row.getLong(2),
              row.isNullAt(3) ? null : row.getTimestamp(3).toInstant(),
              runId));
    }
    for (String path : toRead) {
      if (!withSamples.contains(path)) {
        InputFile file = all.files().get(path);
        readNow.add(
            new FileDay(file.input(), path, file.bytes(), file.sha256(), null, 0, null, runId));
      }
    }
    return readNow;
  }

  /** The samples by file and UTC day: path, day, samples, newest sample time. */
  private static List<Row> fileDays(Dataset<Row> samples) {
    return samples
        .filter(col(GpuSampleColumns.SAMPLE_TIME).isNotNull())
        .groupBy(
            col(GpuSampleColumns.SOURCE_FILE), to_date(col(GpuSampleColumns.SAMPLE_TIME)).as("day"))
        .agg(count(lit(1)).as("rows"), max(col(GpuSampleColumns.SAMPLE_TIME)).as("newest"))
        .collectAsList();
  }
}
