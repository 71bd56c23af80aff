package io.fleetcost.export;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import io.fleetcost.TestPaths;
import io.fleetcost.spark.SharedSpark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Job files over billing exports, and what an export wrote, read back for tests. */
final class FocusExports {
  private FocusExports() {}

  /** The hand-written sample export of each provider (sample-data/billing), by name. */
  static final Map<String, Path> SAMPLES = samples();

  private static Map<String, Path> samples() {
    Map<String, Path> samples = new LinkedHashMap<>();
    samples.put("aws-cur2", TestPaths.sample("billing/aws-cur2/cur2-example-2026-10-00001.csv"));
    samples.put(
        "gcp", TestPaths.sample("billing/gcp/gcp_billing_export_resource_v1_01A2B3_2026-10.jsonl"));
    samples.put(
        "azure", TestPaths.sample("billing/azure/mca-ml-prod-eu_AmortizedCost_2026-10.csv"));
    samples.put("focus", TestPaths.sample("billing/focus/focus-1.2-aws-export-2026-10.csv"));
    return samples;
  }

  /** A job file in {@code dir} with one billing input per file (format detected). */
  static Path job(Path dir, List<Path> files) {
    StringBuilder yaml = new StringBuilder("name: focus-export-test\nbilling:\n");
    for (int i = 0; i < files.size(); i++) {
      yaml.append("  - name: input-")
          .append(i)
          .append("\n    path: ")
          .append(files.get(i).toAbsolutePath())
          .append('\n');
    }
    try {
      Files.createDirectories(dir);
      return Files.writeString(dir.resolve("job.yaml"), yaml.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The export's CSV files, every column text, as a data-interchange reader sees them (RFC 4180
   * quotes).
   */
  static Dataset<Row> readCsv(Path folder) {
    return SharedSpark.session()
        .read()
        .option("header", true)
        .option("escape", "\"")
        .option("multiLine", true)
        .option("mode", "FAILFAST")
        .csv(folder.toString());
  }

  /** The text of the export's CSV part files, concatenated. */
  static String csvText(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      StringBuilder text = new StringBuilder();
      for (Path file :
          files.filter(f -> f.getFileName().toString().endsWith(".csv")).sorted().toList()) {
        text.append(Files.readString(file));
      }
      return text.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Totals of one currency of a normalized table, exact. {@code listCost} and {@code
   * contractedCost} are those a FOCUS 1.2 dataset carries: the row's BilledCost where the table has
   * none (listcost.md, contractedcost.md).
   */
  record Totals(
      long rows,
      BigDecimal billedCost,
      BigDecimal effectiveCost,
      BigDecimal listCost,
      BigDecimal contractedCost) {
    Totals {
      billedCost = billedCost.stripTrailingZeros();
      effectiveCost = effectiveCost.stripTrailingZeros();
      listCost = listCost.stripTrailingZeros();
      contractedCost = contractedCost.stripTrailingZeros();
    }
  }

  /** Per BillingCurrency, of a normalized table (FleetCost's own reading). */
  static Map<String, Totals> totals(Dataset<Row> normalized) {
    return normalized
        .groupBy(col("BillingCurrency"))
        .agg(
            count(lit(1)),
            sum(col("BilledCost")),
            sum(col("EffectiveCost")),
            sum(coalesce(col("ListCost"), col("BilledCost"))),
            sum(coalesce(col("ContractedCost"), col("BilledCost"))))
        .collectAsList()
        .stream()
        .collect(
            Collectors.toMap(
                r -> r.getString(0),
                r ->
                    new Totals(
                        r.getLong(1),
                        r.getDecimal(2),
                        r.getDecimal(3),
                        r.getDecimal(4),
                        r.getDecimal(5)),
                (a, b) -> a,
                TreeMap::new));
  }
}
