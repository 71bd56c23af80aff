package io.fleetcost.pipeline;

import static io.fleetcost.model.CostColumns.BILLED_COST;
import static io.fleetcost.model.CostColumns.BILLING_CURRENCY;
import static io.fleetcost.model.CostColumns.CHARGE_PERIOD_START;
import static io.fleetcost.model.CostColumns.COPY_IN_FILE;
import static io.fleetcost.model.CostColumns.DUPLICATE_SOURCES;
import static io.fleetcost.model.CostColumns.EFFECTIVE_COST;
import static io.fleetcost.model.CostColumns.GPU_MODEL;
import static io.fleetcost.model.CostColumns.PROVIDER_NAME;
import static io.fleetcost.model.CostColumns.QUARANTINE_REASON;
import static io.fleetcost.model.CostColumns.SOURCE_FILE;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.fleetcost.billing.BillingFormat;
import io.fleetcost.billing.BillingInput;
import io.fleetcost.billing.DuplicateRows;
import io.fleetcost.billing.FileInspector;
import io.fleetcost.billing.FileLayout;
import io.fleetcost.billing.FormatDetector;
import io.fleetcost.billing.GpuEnrichment;
import io.fleetcost.billing.NormalizedCostSchema;
import io.fleetcost.billing.ReadContext;
import io.fleetcost.billing.ServiceCategories;
import io.fleetcost.billing.SourceFile;
import io.fleetcost.billing.aws.CurManifestSelection;
import io.fleetcost.billing.azure.AzureCostDataset;
import io.fleetcost.catalog.GpuInstanceCatalog;
import io.fleetcost.files.InputDiscovery;
import io.fleetcost.files.InputFile;
import io.fleetcost.history.BillingStore;
import io.fleetcost.spark.ProgressReporter;
import io.fleetcost.spark.TaskProgressListener;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;

/**
 * Billing ingest: finds the files of the job's billing inputs, decides each file's format, reads
 * every file into the normalized table, and writes the kept rows and the quarantined rows as two
 * Parquet tables. The statistics of the summary are read back from the written tables.
 */
public final class BillingIngestJob {
  public static final String NORMALIZED = "normalized";
  public static final String QUARANTINE = "quarantine";

  private final SparkSession spark;
  private final ProgressReporter progress;

  public BillingIngestJob(SparkSession spark, ProgressReporter progress) {
    this.spark = spark;
    this.progress = progress;
  }

  /** Files ready to read, empty files, and what discovery skipped or warned about. */
  public record Plan(
      List<SourceFile> files,
      List<FileIngestStats> emptyFiles,
      InputDiscovery.Result discovered,
      List<String> warnings) {}

  /**
   * Discovery and format resolution only; reads headers, not rows. Shared with {@code fleetcost
   * validate}.
   */
  public static Plan plan(Configuration conf, List<BillingInput> inputs) {
    InputDiscovery.Result discovered =
        new InputDiscovery(conf, new CurManifestSelection()).discover(inputs);
    FileInspector inspector = new FileInspector(conf);
    Map<String, BillingInput> inputsByName = new LinkedHashMap<>();
    inputs.forEach(input -> inputsByName.put(input.name(), input));
    List<SourceFile> files = new ArrayList<>();
    List<FileIngestStats> empty = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (InputFile file : discovered.files()) {
      BillingInput input = inputsByName.get(file.input());
      String display = SourceFile.displayPath(file.path());
      FileLayout layout = inspector.inspect(file.path());
      if (layout.columns().isEmpty()) {
        String format = input.format().map(BillingFormat::cliName).orElse("unknown");
        empty.add(
            new FileIngestStats(
                file.input(),
                display,
                format,
                "empty file",
                file.sha256(),
                file.bytes(),
                FileIngestStats.Status.EMPTY,
                0,
                0,
                0,
                0,
                Map.of(),
                Map.of(),
                List.of(),
                null,
                null));
        continue;
      }
      BillingFormat format = FormatDetector.resolve(display, layout, input.format());
      AzureCostDataset dataset = input.azureCostDataset().resolve(new Path(file.path()).getName());
      if (format == BillingFormat.AZURE_COST_DETAILS
          && input.azureCostDataset() == AzureCostDataset.AUTO
          && dataset == AzureCostDataset.ACTUAL
          && !new Path(file.path())
              .getName()
              .toLowerCase(java.util.Locale.ROOT)
              .contains("actual")) {
        warnings.add(
            "Azure cost-details file "
                + display
                + " does not say whether it is actual or amortized cost (set azure-cost-dataset); read as actual");
      }
      files.add(new SourceFile(file, layout, format, dataset));
    }
    return new Plan(files, empty, discovered, warnings);
  }

  /**
   * Reads the inputs and writes {@code <prefix>normalized} and {@code <prefix>quarantine} into the
   * output's staging area; the caller commits them with its summary.
   */
  public BillingIngestResult run(List<BillingInput> inputs, OutputDirectory output, String prefix) {
    Plan plan = discover(inputs);
    return run(plan, comparedScopes(plan.files()), output, prefix);
  }

  /** {@link #plan}, as a progress stage. */
  public Plan discover(List<BillingInput> inputs) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    try (ProgressReporter.Stage stage =
        progress.start("discover billing files", inputs.size() + " inputs", () -> "")) {
      Plan plan = plan(conf, inputs);
      stage.finish(
          plan.files().size()
              + " files to read, "
              + plan.emptyFiles().size()
              + " empty, "
              + plan.discovered().skipped().size()
              + " skipped");
      return plan;
    }
  }

  /**
   * Reads the plan's files and writes {@code <prefix>normalized} and {@code <prefix>quarantine}
   * into the output's staging area. Incremental ingest reads only some of an input's files: {@code
   * compared} then names the scopes (an input's files of one format, {@link #scope}) whose rows are
   * compared for duplicates even when only one of their files is read, because a read of all the
   * input's files would compare them ({@link #comparedScopes} of every file).
   */
  public BillingIngestResult run(
      Plan plan, Set<List<String>> compared, OutputDirectory output, String prefix) {
    LongAccumulator rowsDecoded =
        spark.sparkContext().longAccumulator("fleetcost.billing.rowsDecoded");
    TaskProgressListener listener = new TaskProgressListener(rowsDecoded);
    spark.sparkContext().addSparkListener(listener);
    try (ProgressReporter.Stage stage =
        progress.start("ingest billing", plan.files().size() + " files", listener::status)) {
      ReadContext context = new ReadContext(spark, rowsDecoded, ServiceCategories.bundled());
      BillingFileReader.Reading reading =
          BillingFileReader.reading(context, plan.files(), compared);
      Written written =
          write(
              GpuEnrichment.apply(spark, reading.assumingNoCopies(), GpuInstanceCatalog.bundled()),
              output,
              prefix);
      if (reading.compared() != null && anyKeptHashRepeats(output.staged(prefix + NORMALIZED))) {
        // some rows of the compared files share an identity: written again after the full
        // comparison
        output.discard(prefix + NORMALIZED);
        output.discard(prefix + QUARANTINE);
        written =
            write(
                GpuEnrichment.apply(spark, reading.compared(), GpuInstanceCatalog.bundled()),
                output,
                prefix);
      }
      BillingIngestResult result = summarize(written, plan, output, prefix, stage);
      stage.finish(
          ProgressReporter.count(result.rowsRead())
              + " rows read, "
              + ProgressReporter.count(result.rowsKept())
              + " kept, "
              + ProgressReporter.count(result.rowsQuarantined())
              + " quarantined"
              + (result.rowsDuplicate() == 0
                  ? ""
                  : ", " + ProgressReporter.count(result.rowsDuplicate()) + " duplicate"));
      return result;
    } finally {
      spark.sparkContext().removeSparkListener(listener);
    }
  }

  private boolean anyKeptHashRepeats(String normalizedPath) {
    try {
      spark
          .sparkContext()
          .setJobGroup(
              "fleetcost-billing",
              "Billing ingest: look for repeated identities in the written rows",
              false);
      return DuplicateRows.anyKeptHashRepeats(spark.read().parquet(normalizedPath));
    } finally {
      spark.sparkContext().clearJobGroup();
    }
  }

  /** The files compared with each other for duplicate rows: one input's files of one format. */
  public static List<String> scope(SourceFile file) {
    return List.of(file.file().input(), file.format().cliName());
  }

  /** The scopes of {@code files} that hold two files or more: those whose rows are compared. */
  public static Set<List<String>> comparedScopes(List<SourceFile> files) {
    Map<List<String>, Integer> counts = new HashMap<>();
    files.forEach(f -> counts.merge(scope(f), 1, Integer::sum));
    Set<List<String>> compared = new HashSet<>();
    counts.forEach(
        (scope, count) -> {
          if (count > 1) {
            compared.add(scope);
          }
        });
    return compared;
  }

  /** What one write of the rows counted on the way. */
  private record Written(long quarantined, long duplicates, List<Row> quarantinedPeriods) {}

  /**
   * Writes the kept rows in one pass over the input, counting the quarantined rows on the way
   * ({@link Observation}); only when there are some does a second pass write them. No dataset is
   * cached: the input is read once when the data is clean, twice when some rows are quarantined;
   * when files are compared and an identity hash repeats in the written rows, everything is written
   * again after the full comparison ({@link #run}).
   */
  private Written write(Dataset<Row> rows, OutputDirectory output, String prefix) {
    String normalizedPath = output.staged(prefix + NORMALIZED);
    String quarantinePath = output.staged(prefix + QUARANTINE);
    try {
      spark
          .sparkContext()
          .setJobGroup("fleetcost-billing", "Billing ingest: write the normalized table", false);
      Observation observation = new Observation("fleetcost-billing-ingest");
      rows.observe(
              observation,
              count(lit(1)).as("rows"),
              sum(when(col(QUARANTINE_REASON).isNotNull(), 1L).otherwise(0L)).as("quarantined"),
              sum(when(col(DUPLICATE_SOURCES).isNotNull(), size(col(DUPLICATE_SOURCES)))
                      .otherwise(0))
                  .as("duplicates"),
              collect_set(
                      when(
                          col(QUARANTINE_REASON)
                              .isNotNull()
                              .and(BillingStore.billingPeriod().isNotNull()),
                          struct(
                              col(SOURCE_FILE).as("file"),
                              BillingStore.billingPeriod().as("period"))))
                  .as("quarantined_periods"))
          .filter(col(QUARANTINE_REASON).isNull())
          .select(columns(NormalizedCostSchema.STRUCT.fieldNames()))
          .write()
          .mode(SaveMode.ErrorIfExists)
          .parquet(normalizedPath);
      long quarantined = observed(observation, "quarantined");
      long duplicates = observed(observation, "duplicates");
      List<Row> quarantinedPeriods = observedRows(observation, "quarantined_periods");
      spark
          .sparkContext()
          .setJobGroup("fleetcost-billing", "Billing ingest: write the quarantine table", false);
      Dataset<Row> quarantine =
          quarantined == 0
              ? spark.createDataFrame(List.of(), NormalizedCostSchema.QUARANTINE)
              : rows.filter(col(QUARANTINE_REASON).isNotNull())
                  .select(columns(NormalizedCostSchema.QUARANTINE.fieldNames()));
      quarantine.write().mode(SaveMode.ErrorIfExists).parquet(quarantinePath);
      return new Written(quarantined, duplicates, quarantinedPeriods);
    } finally {
      spark.sparkContext().clearJobGroup();
    }
  }

  /**
   * The statistics, read back from the written tables, so the summary describes exactly what was
   * written; the rows dropped as copies of rows of other files are read back from the kept rows
   * that list them ({@code x_DuplicateSources}: one more small job over two columns, only when
   * there are some).
   */
  private BillingIngestResult summarize(
      Written written,
      Plan plan,
      OutputDirectory output,
      String prefix,
      ProgressReporter.Stage stage) {
    String normalizedPath = output.staged(prefix + NORMALIZED);
    String quarantinePath = output.staged(prefix + QUARANTINE);
    try {
      spark
          .sparkContext()
          .setJobGroup(
              "fleetcost-billing", "Billing ingest: statistics of the written tables", false);
      List<Row> kept = keptStatistics(normalizedPath);
      List<Row> copies = written.duplicates() == 0 ? List.of() : copyStatistics(normalizedPath);
      List<Row> reasons =
          written.quarantined() == 0 ? List.of() : quarantineStatistics(quarantinePath);
      return IngestStatistics.summarize(
          new IngestStatistics.Rows(kept, reasons, copies, written.quarantinedPeriods()),
          plan,
          stage.secondsElapsed());
    } finally {
      spark.sparkContext().clearJobGroup();
    }
  }

  /** The kept rows per file, provider, currency and billing period. */
  private List<Row> keptStatistics(String normalizedPath) {
    return spark
        .read()
        .parquet(normalizedPath)
        .groupBy(
            col(SOURCE_FILE),
            col(PROVIDER_NAME),
            col(BILLING_CURRENCY),
            BillingStore.billingPeriod().as("period"))
        .agg(
            count(lit(1)).as("rows"),
            sum(col(BILLED_COST)).as("billed"),
            sum(col(EFFECTIVE_COST)).as("effective"),
            min(col(CHARGE_PERIOD_START)).as("start_min"),
            max(col(CHARGE_PERIOD_START)).as("start_max"),
            sum(when(col(GPU_MODEL).isNotNull(), 1L).otherwise(0L)).as("gpu_rows"),
            sum(when(col(COPY_IN_FILE).gt(1), 1L).otherwise(0L)).as("repeats"))
        .collectAsList();
  }

  /** The rows dropped as copies, per file, file that keeps them and billing period. */
  private List<Row> copyStatistics(String normalizedPath) {
    return spark
        .read()
        .parquet(normalizedPath)
        .filter(col(DUPLICATE_SOURCES).isNotNull())
        .select(
            col(SOURCE_FILE).as("kept_in"),
            BillingStore.billingPeriod().as("period"),
            explode(col(DUPLICATE_SOURCES)).as("copy"))
        .groupBy(col("copy.File").as(SOURCE_FILE), col("kept_in"), col("period"))
        .agg(
            count(lit(1)).as("rows"),
            sum(when(col("copy.CostsDiffer"), 1L).otherwise(0L)).as("costs_differ"))
        .collectAsList();
  }

  /** The quarantined rows per file and reason. */
  private List<Row> quarantineStatistics(String quarantinePath) {
    return spark
        .read()
        .parquet(quarantinePath)
        .groupBy(col(SOURCE_FILE), col(QUARANTINE_REASON))
        .agg(count(lit(1)).as("rows"))
        .collectAsList();
  }

  /** An observed array of rows (e.g. a {@code collect_set} of structs). */
  private static List<Row> observedRows(Observation observation, String metric) {
    Object value;
    try {
      value = observation.getAsJava().get(metric);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the ingest's row counts", e);
    }
    List<Row> rows = new ArrayList<>();
    if (value instanceof scala.collection.Iterable<?> values) {
      scala.jdk.javaapi.CollectionConverters.asJava(values).forEach(v -> rows.add((Row) v));
    } else if (value instanceof Iterable<?> values) {
      values.forEach(v -> rows.add((Row) v));
    } else if (value != null) {
      throw new IllegalStateException(
          "observed " + metric + " is a " + value.getClass().getName() + ", not an array");
    }
    return rows;
  }

  private static long observed(Observation observation, String metric) {
    try {
      Object value = observation.getAsJava().get(metric);
      return value == null ? 0 : ((Number) value).longValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the ingest's row counts", e);
    }
  }

  private static Column[] columns(String[] names) {
    Column[] columns = new Column[names.length];
    for (int i = 0; i < names.length; i++) {
      columns[i] = col(names[i]);
    }
    return columns;
  }

  /**
   * The format's details as {@code ingest-summary.json} shows them (version, exporter, container,
   * Azure dataset).
   */
  static String formatDetail(SourceFile file) {
    return FormatDetector.detail(file.format(), file.layout())
        + (file.format() == BillingFormat.AZURE_COST_DETAILS
            ? ", " + file.azureCostDataset().name().toLowerCase(java.util.Locale.ROOT) + " cost"
            : "");
  }
}
