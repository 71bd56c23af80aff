package io.fleetcost.pipeline;

import io.fleetcost.spark.SharedSpark;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Sums a source file's own cost column without FleetCost's readers: plain Commons CSV with
 * BigDecimal for CSV files, Spark's plain Parquet reader for Parquet. The ingest totals must equal
 * these.
 */
public final class IndependentSums {
  private IndependentSums() {}

  public record CsvTotals(long rows, Map<String, BigDecimal> byCurrency) {}

  /**
   * Sums {@code costColumn} per {@code currencyColumn} over the data rows of a CSV file (a BOM is
   * skipped).
   */
  public static CsvTotals csv(Path file, String costColumn, String currencyColumn) {
    return csv(file, costColumn, currencyColumn, record -> true);
  }

  public static CsvTotals csv(
      Path file, String costColumn, String currencyColumn, Predicate<CSVRecord> include) {
    Map<String, BigDecimal> sums = new TreeMap<>();
    long rows = 0;
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(3);
      boolean bom =
          head.length == 3
              && (head[0] & 0xff) == 0xEF
              && (head[1] & 0xff) == 0xBB
              && (head[2] & 0xff) == 0xBF;
      try (InputStream again = Files.newInputStream(file)) {
        if (bom) {
          again.skipNBytes(3);
        }
        Reader reader = new InputStreamReader(again, StandardCharsets.UTF_8);
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (CSVParser parser = format.parse(reader)) {
          for (CSVRecord record : parser) {
            rows++;
            if (include.test(record)) {
              sums.merge(
                  record.get(currencyColumn).trim(),
                  new BigDecimal(record.get(costColumn).trim()),
                  BigDecimal::add);
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new CsvTotals(rows, sums);
  }

  /** Rows and the sum of a Parquet file's cost column (cast to DECIMAL(38,18)) per currency. */
  public static CsvTotals parquet(Path file, String costColumn, String currencyColumn) {
    Map<String, BigDecimal> sums = new TreeMap<>();
    long rows = 0;
    for (Row row :
        SharedSpark.session()
            .read()
            .parquet(file.toString())
            .groupBy(functions.col(currencyColumn))
            .agg(
                functions.count(functions.lit(1)),
                functions.sum(functions.col(costColumn).cast("decimal(38,18)")))
            .collectAsList()) {
      rows += row.getLong(1);
      sums.merge(row.getString(0), row.getDecimal(2), BigDecimal::add);
    }
    return new CsvTotals(rows, sums);
  }
}
