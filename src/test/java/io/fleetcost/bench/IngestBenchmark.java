package io.fleetcost.bench;

import io.fleetcost.billing.BillingInput;
import io.fleetcost.billing.azure.AzureCostDataset;
import io.fleetcost.pipeline.IngestRun;
import io.fleetcost.pipeline.IngestSummary;
import io.fleetcost.spark.SparkSessionProvider;
import io.fleetcost.spark.SparkSessions;
import io.fleetcost.spark.SparkSettings;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * The billing ingest benchmark: generates N rows of legacy CUR CSV (gzip'd parts, not kept unless
 * asked), ingests them with FleetCost and prints rows/s and peak memory; then, when DuckDB's JDBC
 * driver is on the class path (the {@code bench} Maven profile adds it), runs the same per-currency
 * count and sum with DuckDB over the same files and prints the time ratio. See docs/benchmark.md,
 * "The billing ingest benchmark".
 *
 * <p>Arguments: {@code --rows N} (default 1000000), {@code --files N} (default 4), {@code --work
 * DIR} (default target/bench), {@code --master URL} (default local[*]), {@code --keep} (keep the
 * generated files).
 */
public final class IngestBenchmark {
  public static void main(String[] args) throws Exception {
    Map<String, String> options = parse(args);
    long rows = Long.parseLong(options.getOrDefault("rows", "1000000"));
    int files = Integer.parseInt(options.getOrDefault("files", "4"));
    Path work = Path.of(options.getOrDefault("work", "target/bench")).toAbsolutePath();
    String master = options.getOrDefault("master", "local[*]");
    deleteRecursively(work);

    long t0 = System.nanoTime();
    CurCsvGenerator.Output generated =
        CurCsvGenerator.write(work.resolve("cur"), rows, files, 20261015L);
    double generateSeconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "generated %,d CUR rows in %d gzip'd CSV files (%.1f MB) in %.1f s%n",
        generated.rows(),
        generated.files().size(),
        generated.bytes() / 1e6,
        generateSeconds);

    Map<String, String> conf = new java.util.HashMap<>();
    for (String key : System.getProperties().stringPropertyNames()) {
      if (key.startsWith("spark.")) {
        conf.put(key, System.getProperty(key));
      }
    }
    SparkSession spark = SparkSessions.create("fleetcost-benchmark", master, conf);
    SparkSessionProvider shared =
        new SparkSessionProvider() {
          @Override
          public SparkSession open(SparkSettings settings) {
            return spark;
          }

          @Override
          public void release(SparkSession session) {}
        };
    List<BillingInput> inputs =
        List.of(
            new BillingInput(
                "bench", List.of(work.resolve("cur").toString()), null, AzureCostDataset.AUTO));
    resetPeaks();
    long t1 = System.nanoTime();
    IngestRun.Outcome outcome =
        IngestRun.execute(
            shared,
            new SparkSettings("bench", master, Map.of()),
            inputs,
            work.resolve("out").toString(),
            Duration.ofSeconds(10),
            java.time.Clock.systemUTC());
    double ingestSeconds = (System.nanoTime() - t1) / 1e9;
    IngestSummary summary = outcome.summary();
    BigDecimal billed = new BigDecimal(summary.totals().get(0).billedCost());
    System.out.printf(
        Locale.ROOT,
        "fleetcost ingest: %,d rows read, %,d kept, %,d quarantined in %.1f s = %,.0f rows/s%n",
        summary.rowsRead(),
        summary.rowsKept(),
        summary.rowsQuarantined(),
        ingestSeconds,
        summary.rowsRead() / ingestSeconds);
    System.out.printf(
        Locale.ROOT,
        "  totals reconcile with the generator: %s (USD %s)%n",
        billed.compareTo(generated.unblendedTotal()) == 0,
        billed.toPlainString());
    System.out.printf(
        Locale.ROOT,
        "  peak JVM heap used: %.0f MB of %.0f MB max; peak process RSS: %s%n",
        peakHeapBytes() / 1e6,
        Runtime.getRuntime().maxMemory() / 1e6,
        peakRss());
    System.out.printf(
        Locale.ROOT,
        "  machine: %d cores, master %s, Java %s%n",
        Runtime.getRuntime().availableProcessors(),
        master,
        System.getProperty("java.version"));
    spark.stop();

    duckDb(generated, ingestSeconds);
    if (!options.containsKey("keep")) {
      deleteRecursively(work);
    }
  }

  /** The same per-currency count and sum, by DuckDB over the same gzip'd CSV files. */
  private static void duckDb(CurCsvGenerator.Output generated, double fleetcostSeconds) {
    try {
      Class.forName("org.duckdb.DuckDBDriver");
    } catch (ClassNotFoundException e) {
      System.out.println("duckdb: not on the class path (run with -Pbench to compare)");
      return;
    }
    String files =
        generated.files().stream().map(p -> "'" + p + "'").collect(Collectors.joining(", "));
    String sql =
        "select \"lineItem/CurrencyCode\", count(*), sum(cast(\"lineItem/UnblendedCost\" as decimal(38,18)))"
            + " from read_csv(["
            + files
            + "], header = true, all_varchar = true) group by 1";
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      long t = System.nanoTime();
      try (ResultSet result = statement.executeQuery(sql)) {
        while (result.next()) {
          double seconds = (System.nanoTime() - t) / 1e9;
          System.out.printf(
              Locale.ROOT,
              "duckdb aggregate (count and sum per currency, %d threads): %,d rows, USD %s in %.1f s = %,.0f rows/s;"
                  + " fleetcost full ingest / duckdb aggregate = %.1fx%n",
              Runtime.getRuntime().availableProcessors(),
              result.getLong(2),
              result.getBigDecimal(3).stripTrailingZeros().toPlainString(),
              seconds,
              result.getLong(2) / seconds,
              fleetcostSeconds / seconds);
        }
      }
      // Closer to what an ingest does: read every column, parse money and times, write Parquet.
      Path parquet = generated.files().get(0).getParent().resolveSibling("duckdb.parquet");
      String convert =
          "copy (select *, cast(\"lineItem/UnblendedCost\" as decimal(38,18)) as billed,"
              + " cast(\"lineItem/UsageStartDate\" as timestamp) as start_time"
              + " from read_csv(["
              + files
              + "], header = true, all_varchar = true)) to '"
              + parquet
              + "' (format parquet)";
      long started = System.nanoTime();
      statement.execute(convert);
      double seconds = (System.nanoTime() - started) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "duckdb convert (all columns, cost and time parsed, written as Parquet): %,d rows in %.1f s"
              + " = %,.0f rows/s; fleetcost full ingest / duckdb convert = %.1fx%n",
          generated.rows(),
          seconds,
          generated.rows() / seconds,
          fleetcostSeconds / seconds);
    } catch (SQLException e) {
      System.out.println("duckdb: " + e.getMessage());
    }
  }

  private static void resetPeaks() {
    System.gc();
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  private static long peakHeapBytes() {
    return ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP)
        .mapToLong(p -> p.getPeakUsage().getUsed())
        .sum();
  }

  /** VmHWM from /proc: the process's peak resident set, generation included. */
  private static String peakRss() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
          return String.format(Locale.ROOT, "%.0f MB", kb / 1e3);
        }
      }
    } catch (IOException | RuntimeException e) {
      return "n/a";
    }
    return "n/a";
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> options = new java.util.HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument " + args[i]);
      }
      String key = args[i].substring(2);
      if (key.equals("keep")) {
        options.put(key, "true");
      } else {
        options.put(key, args[++i]);
      }
    }
    return options;
  }

  private static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
