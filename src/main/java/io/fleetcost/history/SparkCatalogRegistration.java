package io.fleetcost.history;

import io.fleetcost.config.HistoryConfig;
import io.fleetcost.error.ErrorCode;
import io.fleetcost.error.FleetCostException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * A history warehouse registered as a Spark catalog, file-system (Hadoop) or JDBC ({@link
 * HistoryCatalog}), and whether a warehouse holds history without creating anything there.
 */
final class SparkCatalogRegistration {
  private SparkCatalogRegistration() {}

  /**
   * Sets the Spark catalog of the warehouse ({@code uri}, qualified) with {@code kind}, and returns
   * its name. A JDBC catalog's name is also its {@code catalog_name} in the database, so it depends
   * on the warehouse only: every run of the warehouse, on any host, finds the same tables there.
   *
   * @param create whether a SQLite file may be created (false: {@link #exists} only looks)
   */
  static String register(SparkSession spark, String uri, HistoryCatalog kind, boolean create) {
    if (!kind.jdbc()) {
      String name = "fleetcost_history_" + HexFormat.of().formatHex(sha(uri)).substring(0, 10);
      spark.conf().set("spark.sql.catalog." + name, "org.apache.iceberg.spark.SparkCatalog");
      spark.conf().set("spark.sql.catalog." + name + ".type", "hadoop");
      spark.conf().set("spark.sql.catalog." + name + ".warehouse", uri);
      return name;
    }
    String name =
        "fleetcost_history_" + HexFormat.of().formatHex(sha("jdbc " + uri)).substring(0, 10);
    String prefix = "spark.sql.catalog." + name;
    String jdbcUri = jdbcUri(spark, uri, kind, create);
    // Spark keeps a catalog once loaded: one JVM cannot read a warehouse through two databases
    String loaded = spark.conf().getOption(prefix + ".uri").getOrElse(() -> null);
    if (loaded != null && !loaded.equals(jdbcUri)) {
      throw FleetCostException.userError(
          "Cannot open the history in %s with the JDBC catalog %s: this process has opened it with another database",
          uri, kind.jdbcUri());
    }
    spark.conf().set(prefix, "org.apache.iceberg.spark.SparkCatalog");
    spark.conf().set(prefix + ".type", "jdbc");
    spark.conf().set(prefix + ".uri", jdbcUri);
    spark.conf().set(prefix + ".warehouse", uri);
    // V1: the catalog table has Iceberg's view column (V0, the default, logs a warning on every
    // start)
    spark.conf().set(prefix + ".jdbc.schema-version", "V1");
    if (jdbcUri.startsWith(HistoryConfig.SQLITE_PREFIX)) {
      // two runs' JVMs commit to one file: a run that finds it locked waits for the other's
      // statement to end instead
      // of failing (SQLite's default is to fail at once); WAL lets reads go on during a write
      spark.conf().set(prefix + ".jdbc.busy_timeout", String.valueOf(SQLITE_BUSY_TIMEOUT_MS));
      spark.conf().set(prefix + ".jdbc.journal_mode", "WAL");
    }
    if (kind.user() != null) {
      spark.conf().set(prefix + ".jdbc.user", kind.user());
    }
    if (kind.password() != null) {
      spark
          .conf()
          .set(
              prefix + ".jdbc.password",
              kind.password()); // redacted by spark.redaction.regex in the UI and logs
    }
    kind.properties().forEach((key, value) -> spark.conf().set(prefix + "." + key, value));
    return name;
  }

  private static final int SQLITE_BUSY_TIMEOUT_MS = 60_000;

  /**
   * The catalog's JDBC URI: the configured one, or a SQLite file {@code catalog.db} in a local
   * warehouse.
   */
  private static String jdbcUri(
      SparkSession spark, String uri, HistoryCatalog kind, boolean create) {
    String jdbcUri = kind.jdbcUri();
    if (jdbcUri == null) {
      Path warehouse = new Path(uri);
      requireLocal(uri, warehouse.toUri().getScheme());
      jdbcUri =
          HistoryConfig.SQLITE_PREFIX
              + new java.io.File(warehouse.toUri().getPath(), HistoryStore.SQLITE_FILE).getPath();
    }
    if (create && jdbcUri.startsWith(HistoryConfig.SQLITE_PREFIX)) {
      java.io.File parent = sqliteFile(jdbcUri).getAbsoluteFile().getParentFile();
      if (parent != null && !parent.isDirectory() && !parent.mkdirs()) {
        throw FleetCostException.userError(
            "Cannot create the folder %s of the history's SQLite catalog", parent);
      }
    }
    return jdbcUri;
  }

  static void requireLocal(String warehouse, String scheme) {
    if (scheme != null && !scheme.equals("file")) {
      throw FleetCostException.userError(
          "Cannot open the history in %s with the JDBC catalog: its default SQLite file needs a local warehouse; set"
              + " history.jdbc-uri (a PostgreSQL database, or a SQLite file on a local disk)",
          warehouse);
    }
  }

  private static java.io.File sqliteFile(String jdbcUri) {
    String file = jdbcUri.substring(HistoryConfig.SQLITE_PREFIX.length());
    int query = file.indexOf('?');
    file = query < 0 ? file : file.substring(0, query);
    return new java.io.File(file.startsWith("file:") ? java.net.URI.create(file).getPath() : file);
  }

  private static byte[] sha(String text) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@link HistoryStore#exists(SparkSession, String, String, HistoryCatalog)}. */
  static boolean exists(
      SparkSession spark, String warehouse, String namespace, HistoryCatalog catalog) {
    if (!catalog.jdbc()) {
      return hadoopExists(spark, warehouse, namespace);
    }
    try {
      Path path = new Path(warehouse);
      String uri =
          path.getFileSystem(spark.sparkContext().hadoopConfiguration())
              .makeQualified(path)
              .toString();
      String jdbcUri = jdbcUri(spark, uri, catalog, false);
      if (jdbcUri.startsWith(HistoryConfig.SQLITE_PREFIX) && !sqliteFile(jdbcUri).isFile()) {
        return false;
      }
      String name = register(spark, uri, catalog, false);
      return spark.catalog().tableExists(name + "." + namespace + "." + HistoryTables.RUNS);
    } catch (IOException | IllegalArgumentException e) {
      return false;
    } catch (FleetCostException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new FleetCostException(
          ErrorCode.EXTERNAL,
          "Cannot read the history catalog of "
              + warehouse
              + " ("
              + catalog
              + "): "
              + e.getMessage(),
          e);
    }
  }

  private static boolean hadoopExists(SparkSession spark, String warehouse, String namespace) {
    try {
      Path runs =
          new Path(new Path(new Path(warehouse), namespace), HistoryTables.RUNS + "/metadata");
      return runs.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(runs);
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
  }
}
