package io.fleetcost.pipeline;

import static io.fleetcost.model.CostColumns.BILLED_COST;
import static io.fleetcost.model.CostColumns.BILLING_CURRENCY;
import static io.fleetcost.model.CostColumns.CHARGE_PERIOD_END;
import static io.fleetcost.model.CostColumns.CHARGE_PERIOD_START;
import static io.fleetcost.model.CostColumns.CONTRACTED_COST;
import static io.fleetcost.model.CostColumns.EFFECTIVE_COST;
import static io.fleetcost.model.CostColumns.LIST_COST;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;

import io.fleetcost.export.FocusExport;
import io.fleetcost.export.FocusMetadata;
import io.fleetcost.spark.ProgressReporter;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Writes a normalized billing table as a FOCUS 1.2 dataset into an output folder: {@code parquet/},
 * {@code csv/} and {@code metadata.json} under a prefix ({@link FocusExport}). Three Spark jobs
 * over the period's rows, cached: the totals of the metadata, the Parquet files, the CSV files.
 */
final class FocusExportJob {
  private static final String DATE_TIME = "yyyy-MM-dd'T'HH:mm:ss'Z'";

  private final SparkSession spark;
  private final ProgressReporter progress;

  /** What was exported: the artifacts to commit (metadata.json last) and the metadata written. */
  public record Result(List<String> written, FocusMetadata metadata) {
    public Result {
      written = List.copyOf(written);
    }
  }

  public FocusExportJob(SparkSession spark, ProgressReporter progress) {
    this.spark = spark;
    this.progress = progress;
  }

  /**
   * @param from first charge day (UTC, inclusive) or null
   * @param to last charge day (UTC, inclusive) or null
   * @param prefix the export's folder inside the output folder: {@code ""} or a name ending with
   *     {@code /}
   */
  public Result write(
      Dataset<Row> normalized,
      LocalDate from,
      LocalDate to,
      List<FocusMetadata.Source> sources,
      OutputDirectory output,
      String prefix,
      Instant now) {
    String period =
        (from == null ? "the first charge" : from.toString())
            + " to "
            + (to == null ? "the last" : to.toString());
    try (ProgressReporter.Stage stage = progress.start("export FOCUS 1.2", period, () -> "")) {
      // three jobs read it: the totals, the Parquet files, the CSV files
      Dataset<Row> typed =
          FocusExport.typed(FocusExport.inChargePeriod(normalized, from, to))
              .persist(StorageLevel.MEMORY_AND_DISK());
      try {
        return writeRows(typed, from, to, sources, output, prefix, now, stage);
      } finally {
        typed.unpersist();
      }
    }
  }

  private Result writeRows(
      Dataset<Row> typed,
      LocalDate from,
      LocalDate to,
      List<FocusMetadata.Source> sources,
      OutputDirectory output,
      String prefix,
      Instant now,
      ProgressReporter.Stage stage) {
    FocusMetadata metadata = metadata(typed, from, to, sources, now);
    writeParquetAndCsv(typed, output, prefix);
    output.writeText(prefix + FocusExport.METADATA, metadata.json(typed.schema()));
    stage.finish(
        ProgressReporter.count(metadata.rows())
            + " rows in "
            + metadata.totals().size()
            + " currencies");
    return new Result(
        List.of(
            prefix + FocusExport.PARQUET, prefix + FocusExport.CSV, prefix + FocusExport.METADATA),
        metadata);
  }

  /** The metadata, with the totals per currency and the charge period of the rows (one job). */
  private FocusMetadata metadata(
      Dataset<Row> typed,
      LocalDate from,
      LocalDate to,
      List<FocusMetadata.Source> sources,
      Instant now) {
    spark
        .sparkContext()
        .setJobGroup("fleetcost-focus-export", "FOCUS export: totals per currency", false);
    List<Row> byCurrency =
        typed
            .groupBy(col(BILLING_CURRENCY))
            .agg(
                count(lit(1)),
                sum(col(BILLED_COST)),
                sum(col(EFFECTIVE_COST)),
                sum(col(LIST_COST)),
                sum(col(CONTRACTED_COST)),
                date_format(min(col(CHARGE_PERIOD_START)), DATE_TIME),
                date_format(max(col(CHARGE_PERIOD_END)), DATE_TIME))
            .orderBy(col(BILLING_CURRENCY))
            .collectAsList();
    List<FocusMetadata.Total> totals = new ArrayList<>();
    long rows = 0;
    String first = null;
    String last = null;
    for (Row row : byCurrency) {
      totals.add(
          new FocusMetadata.Total(
              row.getString(0),
              row.getLong(1),
              exact(row.getDecimal(2)),
              exact(row.getDecimal(3)),
              exact(row.getDecimal(4)),
              exact(row.getDecimal(5))));
      rows += row.getLong(1);
      // the same fixed-width UTC text in every row: text order is time order
      first = first == null || row.getString(6).compareTo(first) < 0 ? row.getString(6) : first;
      last = last == null || row.getString(7).compareTo(last) > 0 ? row.getString(7) : last;
    }
    return new FocusMetadata(
        RunIdentity.version(),
        now.truncatedTo(ChronoUnit.SECONDS).toString(),
        from,
        to,
        first,
        last,
        rows,
        sources,
        totals);
  }

  /** The rows as FOCUS Parquet files, then as FOCUS CSV files (one job each). */
  private void writeParquetAndCsv(Dataset<Row> typed, OutputDirectory output, String prefix) {
    spark
        .sparkContext()
        .setJobGroup("fleetcost-focus-export", "FOCUS export: write Parquet", false);
    typed.write().mode(SaveMode.Overwrite).parquet(output.staged(prefix + FocusExport.PARQUET));
    spark.sparkContext().setJobGroup("fleetcost-focus-export", "FOCUS export: write CSV", false);
    FocusExport.text(typed)
        .write()
        .mode(SaveMode.Overwrite)
        .option("header", true)
        .option("quote", "\"")
        .option("escape", "\"")
        .option("nullValue", "")
        .option("lineSep", "\n")
        .option("encoding", "UTF-8")
        .csv(output.staged(prefix + FocusExport.CSV));
    spark.sparkContext().clearJobGroup();
  }

  /** The billing files an ingest read, for the metadata's sources. */
  public static List<FocusMetadata.Source> sources(BillingIngestResult billing) {
    return billing.files().stream()
        .map(
            f ->
                new FocusMetadata.Source(
                    f.input(),
                    f.path(),
                    f.format(),
                    f.formatDetail(),
                    f.sha256(),
                    f.status().label(),
                    f.rowsKept()))
        .toList();
  }

  private static String exact(BigDecimal value) {
    return CurrencyTotals.exact(value);
  }
}
