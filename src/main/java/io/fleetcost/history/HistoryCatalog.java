package io.fleetcost.history;

import io.fleetcost.config.HistoryConfig;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The Iceberg catalog that commits the history tables of a warehouse.
 *
 * <ul>
 *   <li>{@link #HADOOP}: the file-system catalog, the warehouse folder itself. A commit is the
 *       rename of the next {@code vN.metadata.json}, which is atomic against another writer only
 *       inside one JVM: one writer at a time.
 *   <li>{@link #jdbc}: Iceberg's JDBC catalog, a row per table in a database whose {@code UPDATE …
 *       WHERE metadata_location = <the one this commit started from>} is a compare-and-swap, so
 *       that writers in several JVMs (runs of other dates on a cluster) each land their commit or
 *       retry it on the newer table. A SQLite file (one host, or drivers on the same host) or a
 *       PostgreSQL database (a cluster).
 * </ul>
 *
 * @param jdbcUri the JDBC catalog's database; null: {@code jdbc:sqlite:<warehouse>/catalog.db} (a
 *     local warehouse only)
 * @param user the database user, from the environment; null for none (SQLite)
 * @param password the database password, from the environment; null for none. Never printed ({@link
 *     #toString})
 * @param properties more Iceberg catalog properties (none from a job file; tests install a {@code
 *     FileIO} this way)
 */
public record HistoryCatalog(
    String type, String jdbcUri, String user, String password, Map<String, String> properties) {
  public static final HistoryCatalog HADOOP =
      new HistoryCatalog(HistoryConfig.HADOOP, null, null, null, Map.of());

  /** The environment variables the database user and password are read from, first found first. */
  public static final String USER_VARIABLE = "FLEETCOST_HISTORY_JDBC_USER";

  public static final String PASSWORD_VARIABLE = "FLEETCOST_HISTORY_JDBC_PASSWORD";

  public HistoryCatalog {
    Objects.requireNonNull(type, "type is null");
    properties = properties == null ? Map.of() : Map.copyOf(properties);
    if (!type.equals(HistoryConfig.HADOOP) && !type.equals(HistoryConfig.JDBC)) {
      throw new IllegalArgumentException("no history catalog type " + type);
    }
  }

  /** The job's catalog, with the user and password of a database from {@code environment}. */
  public static HistoryCatalog of(HistoryConfig config, Map<String, String> environment) {
    return config.jdbc() ? jdbc(config.jdbcUri(), environment) : HADOOP;
  }

  /**
   * A JDBC catalog: the user from {@value #USER_VARIABLE}, else {@code PGUSER}; the password from
   * {@value #PASSWORD_VARIABLE}, else {@code PGPASSWORD}. A SQLite file takes neither.
   *
   * @param jdbcUri null: a SQLite file {@code catalog.db} in the warehouse
   */
  public static HistoryCatalog jdbc(String jdbcUri, Map<String, String> environment) {
    if (jdbcUri != null && jdbcUri.startsWith(HistoryConfig.POSTGRESQL_PREFIX)) {
      return new HistoryCatalog(
          HistoryConfig.JDBC,
          jdbcUri,
          variable(environment, USER_VARIABLE, "PGUSER").orElse(null),
          variable(environment, PASSWORD_VARIABLE, "PGPASSWORD").orElse(null),
          Map.of());
    }
    return new HistoryCatalog(HistoryConfig.JDBC, jdbcUri, null, null, Map.of());
  }

  private static Optional<String> variable(
      Map<String, String> environment, String first, String second) {
    String value = environment.get(first);
    if (value == null || value.isEmpty()) {
      value = environment.get(second);
    }
    return Optional.ofNullable(value).filter(v -> !v.isEmpty());
  }

  public HistoryCatalog withProperties(Map<String, String> more) {
    return new HistoryCatalog(type, jdbcUri, user, password, more);
  }

  public boolean jdbc() {
    return type.equals(HistoryConfig.JDBC);
  }

  @Override
  public String toString() {
    return jdbc()
        ? "jdbc catalog "
            + (jdbcUri == null ? "(SQLite file in the warehouse)" : jdbcUri)
            + (user == null ? "" : " as " + user)
            + (password == null ? "" : " with a password")
        : "hadoop catalog";
  }
}
