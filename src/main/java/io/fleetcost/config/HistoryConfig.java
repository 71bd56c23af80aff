package io.fleetcost.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/**
 * Where the history tables live and how a first run fills them.
 *
 * @param warehouse the Iceberg warehouse folder or Hadoop URI ({@code s3a://bucket/fleetcost});
 *     default: the folder {@code history} inside the output folder
 * @param namespace the namespace of the tables inside the warehouse (default {@code fleetcost})
 * @param seedDays when the history holds no run before the run date, the run first records this
 *     many earlier days from the data it has just read, so that the first report already shows
 *     trends (default 0: off)
 * @param enabled false turns the history (and the reports built on it) off (default true)
 * @param catalog the Iceberg catalog that commits the tables: {@value #HADOOP} (the warehouse
 *     folder itself, one writer at a time) or {@value #JDBC} (a database row per table, several
 *     writers at once); default {@value #JDBC} when {@code jdbc-uri} is set, else {@value #HADOOP}
 * @param jdbcUri the JDBC catalog's database: {@code jdbc:sqlite:FILE} or {@code
 *     jdbc:postgresql://HOST[:PORT]/DB}; default {@code jdbc:sqlite:<warehouse>/catalog.db}.
 *     Credentials come from the environment only
 */
public record HistoryConfig(
    @JsonProperty("warehouse") String warehouse,
    @JsonProperty("namespace") String namespace,
    @JsonProperty("seed-days") Integer seedDays,
    @JsonProperty("enabled") Boolean enabled,
    @JsonProperty("catalog") String catalog,
    @JsonProperty("jdbc-uri") String jdbcUri) {
  public static final String HADOOP = "hadoop";
  public static final String JDBC = "jdbc";
  public static final String SQLITE_PREFIX = "jdbc:sqlite:";
  public static final String POSTGRESQL_PREFIX = "jdbc:postgresql:";
  public static final HistoryConfig DEFAULT = new HistoryConfig(null, null, null, null, null, null);

  public HistoryConfig {
    namespace = namespace == null || namespace.isBlank() ? "fleetcost" : namespace;
    seedDays = seedDays == null ? 0 : seedDays;
    enabled = enabled == null || enabled;
    jdbcUri = jdbcUri == null || jdbcUri.isBlank() ? null : jdbcUri.trim();
    catalog =
        catalog == null || catalog.isBlank()
            ? (jdbcUri == null ? HADOOP : JDBC)
            : catalog.trim().toLowerCase(Locale.ROOT);
    if (seedDays < 0 || seedDays > 366) {
      throw new IllegalArgumentException(
          "history.seed-days must be between 0 and 366, not " + seedDays);
    }
    if (!namespace.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException(
          "history.namespace must be lower-case letters, digits and _, not " + namespace);
    }
    if (!catalog.equals(HADOOP) && !catalog.equals(JDBC)) {
      throw new IllegalArgumentException(
          "history.catalog must be " + HADOOP + " or " + JDBC + " (got '" + catalog + "')");
    }
    if (jdbcUri != null) {
      if (catalog.equals(HADOOP)) {
        throw new IllegalArgumentException(
            "history.jdbc-uri is for history.catalog: " + JDBC + ", not " + HADOOP);
      }
      validateJdbcUri(jdbcUri);
    }
  }

  /**
   * A SQLite file or a PostgreSQL database, without credentials (they come from the environment,
   * never from the job file). The messages never repeat the URI: it could carry a password.
   */
  private static void validateJdbcUri(String uri) {
    String lower = uri.toLowerCase(Locale.ROOT);
    if (lower.startsWith(SQLITE_PREFIX)) {
      String file = uri.substring(SQLITE_PREFIX.length());
      if (file.isBlank() || file.startsWith(":memory:") || file.contains("mode=memory")) {
        throw new IllegalArgumentException(
            "history.jdbc-uri must name a SQLite file (jdbc:sqlite:/path/catalog.db): an in-memory database is lost when the run ends");
      }
    } else if (lower.startsWith(POSTGRESQL_PREFIX)) {
      String location = uri.substring(POSTGRESQL_PREFIX.length());
      int query = location.indexOf('?');
      String host = query < 0 ? location : location.substring(0, query);
      String parameters = query < 0 ? "" : location.substring(query + 1).toLowerCase(Locale.ROOT);
      if (host.contains("@") || parameters.matches("(.*&)?(password|user)=.*")) {
        throw new IllegalArgumentException(
            "history.jdbc-uri must not carry a user or password: set FLEETCOST_HISTORY_JDBC_USER and"
                + " FLEETCOST_HISTORY_JDBC_PASSWORD (or PGUSER and PGPASSWORD) in the environment");
      }
      if (!host.startsWith("//") || host.length() <= 2) {
        throw new IllegalArgumentException(
            "history.jdbc-uri must be jdbc:postgresql://HOST[:PORT]/DATABASE");
      }
    } else {
      int colon = lower.indexOf(':', lower.startsWith("jdbc:") ? 5 : 0);
      String scheme = colon < 0 ? "" : uri.substring(0, colon + 1);
      throw new IllegalArgumentException(
          "history.jdbc-uri must start with "
              + SQLITE_PREFIX
              + " (a SQLite file) or "
              + POSTGRESQL_PREFIX
              + "// (a PostgreSQL database)"
              + (scheme.isEmpty() ? "" : ", not " + scheme));
    }
  }

  public HistoryConfig disabled() {
    return new HistoryConfig(warehouse, namespace, seedDays, false, catalog, jdbcUri);
  }

  public HistoryConfig withWarehouse(String newWarehouse) {
    return new HistoryConfig(newWarehouse, namespace, seedDays, enabled, catalog, jdbcUri);
  }

  public HistoryConfig withJdbcUri(String newJdbcUri) {
    return new HistoryConfig(warehouse, namespace, seedDays, enabled, catalog, newJdbcUri);
  }

  public boolean jdbc() {
    return catalog.equals(JDBC);
  }
}
