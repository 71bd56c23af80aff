package io.fleetcost.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The fleet benchmark's reference (run as its own JVM by {@link FleetBenchmark}; DuckDB is on the
 * class path only under {@code -Pbench}): FleetCost's per-GPU profile computed by DuckDB straight
 * from the DCGM JSON files, twice (cold, then warm in the same process), then compared GPU by GPU
 * with FleetCost's {@code profiles/gpu_profiles}.
 *
 * <p>FleetCost's definitions ({@code GpuProfiles}, {@code SavingsJob}): a sample is one GPU (UUID)
 * at one time, inside {@code [window start, window end)}; activity is {@code
 * DCGM_FI_PROF_GR_ENGINE_ACTIVE} × 100 when the GPU reports it, else {@code DCGM_FI_DEV_GPU_UTIL};
 * p95 is nearest-rank ({@code quantile_disc}); the active share is the share of samples at or above
 * the active threshold (FleetCost weighs samples by their duration, which is the same when every
 * sample is one step apart, as here).
 *
 * <p>Arguments: {@code --telemetry DIR --window-start ISO --window-end ISO --active-percent P
 * --fleetcost-profiles DIR --result FILE}. Prints what it measured and writes it to the result file
 * (Java properties).
 */
public final class DuckDbProfiles {
  /** How many disagreeing GPUs are printed. */
  private static final int SHOWN = 5;

  public static void main(String[] args) throws Exception {
    Map<String, String> options = FleetBenchmark.options(args);
    Path telemetry = Path.of(options.get("telemetry"));
    Instant windowStart = Instant.parse(options.get("window-start"));
    Instant windowEnd = Instant.parse(options.get("window-end"));
    double activePercent = Double.parseDouble(options.get("active-percent"));
    Path fleetcostProfiles = Path.of(options.get("fleetcost-profiles"));
    Path resultFile = Path.of(options.get("result"));

    List<Path> files;
    try (Stream<Path> walk = Files.walk(telemetry)) {
      files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    long largest = 0;
    for (Path file : files) {
      largest = Math.max(largest, Files.size(file));
    }
    Properties result = new Properties();
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      String profileSql = profileSql(files, largest, windowStart, windowEnd, activePercent);
      double cold = timed(statement, "create or replace temp table duck as " + profileSql);
      double warm = timed(statement, "create or replace temp table duck as " + profileSql);
      long gpus = single(statement, "select count(*) from duck");
      long samples = single(statement, "select coalesce(sum(samples), 0) from duck");
      System.out.printf(
          Locale.ROOT,
          "duckdb profile of %,d GPUs (%,d samples) from %d JSON files: cold %.2f s, warm %.2f s (%d threads)%n",
          gpus,
          samples,
          files.size(),
          cold,
          warm,
          Runtime.getRuntime().availableProcessors());
      result.setProperty("cold_seconds", Double.toString(cold));
      result.setProperty("warm_seconds", Double.toString(warm));
      result.setProperty("gpus", Long.toString(gpus));
      result.setProperty("samples", Long.toString(samples));

      long compareStarted = System.nanoTime();
      compare(statement, fleetcostProfiles, result);
      result.setProperty(
          "compare_seconds", Double.toString((System.nanoTime() - compareStarted) / 1e9));
    }
    try (var out = Files.newBufferedWriter(resultFile)) {
      result.store(out, "DuckDbProfiles");
    }
  }

  /** One row per GPU: uuid, samples, mean, p95, max, memory_max_mib, active_share. */
  static String profileSql(
      List<Path> files,
      long largestFileBytes,
      Instant windowStart,
      Instant windowEnd,
      double activePercent) {
    String fileList =
        files.stream()
            .map(p -> "'" + p.toString().replace("'", "''") + "'")
            .collect(Collectors.joining(", "));
    // Each file is one JSON object (the query answer), so the largest object is the largest file.
    long maxObject = Math.max(16L << 20, largestFileBytes + 1024);
    return """
        with answers as (
          select unnest(data.result) as s
          from read_json([%s], format = 'auto', maximum_object_size = %d,
                         columns = {status: 'VARCHAR',
                                    data: 'STRUCT(resultType VARCHAR, result STRUCT(metric MAP(VARCHAR, VARCHAR), "values" VARCHAR[][])[])'})
        ), points as (
          select s.metric['UUID'] as uuid, s.metric['__name__'] as metric, unnest(s."values") as v from answers
        ), wide as (
          select uuid, cast(v[1] as bigint) as t,
                 max(case when metric = 'DCGM_FI_PROF_GR_ENGINE_ACTIVE' then cast(v[2] as double) end) as gr_engine_active,
                 max(case when metric = 'DCGM_FI_DEV_GPU_UTIL' then cast(v[2] as double) end) as gpu_util,
                 max(case when metric = 'DCGM_FI_DEV_FB_USED' then cast(v[2] as double) end) as fb_used
          from points
          where cast(v[1] as bigint) >= %d and cast(v[1] as bigint) < %d
          group by uuid, t
        ), samples as (
          select uuid, coalesce(gr_engine_active * 100, gpu_util) as activity, fb_used from wide
        )
        select uuid, count(activity) as samples, avg(activity) as mean, quantile_disc(activity, 0.95) as p95,
               max(activity) as max, max(fb_used) as memory_max_mib,
               avg(case when activity >= %s then 1.0 else 0.0 end) as active_share
        from samples
        where activity is not null
        group by uuid
        """
        .formatted(
            fileList,
            maxObject,
            windowStart.getEpochSecond(),
            windowEnd.getEpochSecond(),
            Double.toString(activePercent));
  }

  /** Counts the GPUs on which DuckDB and FleetCost agree, and prints the first that do not. */
  private static void compare(Statement statement, Path fleetcostProfiles, Properties result)
      throws SQLException {
    String parquet = fleetcostProfiles.resolve("*.parquet").toString().replace("'", "''");
    statement.execute(
        "create or replace temp table fleetcost as select gpu_key as uuid, samples, mean, p95, max, memory_max_mib,"
            + " active_fraction from read_parquet('"
            + parquet
            + "')");
    String joined =
        """
        select coalesce(d.uuid, f.uuid) as uuid,
               d.samples as d_samples, f.samples as f_samples, d.mean as d_mean, f.mean as f_mean,
               d.p95 as d_p95, f.p95 as f_p95, d.max as d_max, f.max as f_max,
               d.memory_max_mib as d_mem, f.memory_max_mib as f_mem, d.active_share as d_active, f.active_fraction as f_active,
               coalesce(d.samples = f.samples and d.max = f.max and d.memory_max_mib = f.memory_max_mib
                        and abs(d.mean - f.mean) <= 1e-6 and abs(d.p95 - f.p95) <= 0.1
                        and abs(d.active_share - f.active_fraction) <= 1e-9, false) as agree
        from duck d full outer join fleetcost f on d.uuid = f.uuid
        """;
    statement.execute("create or replace temp table compared as " + joined);
    long total = single(statement, "select count(*) from compared");
    long agreeing = single(statement, "select count(*) from compared where agree");
    long fleetcostGpus = single(statement, "select count(*) from fleetcost");
    System.out.printf(
        Locale.ROOT,
        "agreement: %,d of %,d GPUs agree (samples, max and memory max exactly, mean within 1e-6, p95 within 0.1, active share within 1e-9);"
            + " fleetcost profiled %,d GPUs%n",
        agreeing,
        total,
        fleetcostGpus);
    result.setProperty("agreeing", Long.toString(agreeing));
    result.setProperty("compared", Long.toString(total));
    result.setProperty("fleetcost_gpus", Long.toString(fleetcostGpus));
    if (agreeing < total) {
      try (ResultSet rows =
          statement.executeQuery(
              "select * from compared where not agree order by uuid limit " + SHOWN)) {
        while (rows.next()) {
          System.out.printf(
              Locale.ROOT,
              "  disagrees: %s samples %s / %s, mean %s / %s, p95 %s / %s, max %s / %s, memory max %s / %s, active share %s / %s (duckdb / fleetcost)%n",
              rows.getString("uuid"),
              rows.getObject("d_samples"),
              rows.getObject("f_samples"),
              rows.getObject("d_mean"),
              rows.getObject("f_mean"),
              rows.getObject("d_p95"),
              rows.getObject("f_p95"),
              rows.getObject("d_max"),
              rows.getObject("f_max"),
              rows.getObject("d_mem"),
              rows.getObject("f_mem"),
              rows.getObject("d_active"),
              rows.getObject("f_active"));
        }
      }
    }
  }

  private static double timed(Statement statement, String sql) throws SQLException {
    long started = System.nanoTime();
    statement.execute(sql);
    return (System.nanoTime() - started) / 1e9;
  }

  private static long single(Statement statement, String sql) throws SQLException {
    try (ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private DuckDbProfiles() {}

  static Properties read(Path resultFile) throws IOException {
    Properties properties = new Properties();
    try (var in = Files.newBufferedReader(resultFile)) {
      properties.load(in);
    }
    return properties;
  }
}
