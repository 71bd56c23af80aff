package io.fleetcost.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetcost.cli.Cli;
import io.fleetcost.cli.ExitCodes;
import io.fleetcost.error.ErrorCode;
import io.fleetcost.error.FleetCostException;
import io.fleetcost.history.HistoryCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job file's {@code history.catalog} and {@code history.jdbc-uri}, and where the database
 * credentials come from.
 */
class HistoryCatalogConfigTest {
  @TempDir Path dir;

  private Path job(String history) throws IOException {
    Path folder = Files.createDirectories(dir.resolve("jobs"));
    return Files.writeString(folder.resolve("nightly.yaml"), "name: nightly\nhistory:\n" + history);
  }

  private HistoryConfig history(String yaml) throws IOException {
    return new JobConfigLoader().load(job(yaml)).history();
  }

  /**
   * The loader's error for the section, which must be a user error (exit 2) naming the job file.
   */
  private String refused(String yaml) throws IOException {
    Path file = job(yaml);
    FleetCostException error = (FleetCostException) catchThrown(file);
    assertThat(error.code()).isEqualTo(ErrorCode.USER_ERROR);
    assertThat(error.getMessage()).contains(file.toString());
    return error.getMessage();
  }

  private static Throwable catchThrown(Path file) {
    try {
      new JobConfigLoader().load(file);
    } catch (FleetCostException e) {
      return e;
    }
    throw new AssertionError("the job file " + file + " was accepted");
  }

  @Test
  void theFileSystemCatalogIsTheDefaultAndAJdbcUriChoosesTheJdbcCatalog() throws IOException {
    HistoryConfig none = history("  seed-days: 1\n");
    assertThat(none.catalog()).isEqualTo(HistoryConfig.HADOOP);
    assertThat(none.jdbcUri()).isNull();
    assertThat(HistoryCatalog.of(none, Map.of())).isEqualTo(HistoryCatalog.HADOOP);

    HistoryConfig sqliteDefault = history("  catalog: jdbc\n");
    assertThat(sqliteDefault.jdbc()).isTrue();
    assertThat(sqliteDefault.jdbcUri()).as("null: a SQLite file in the warehouse").isNull();

    HistoryConfig relative = history("  jdbc-uri: jdbc:sqlite:../state/catalog.db\n");
    assertThat(relative.catalog()).isEqualTo(HistoryConfig.JDBC);
    assertThat(relative.jdbcUri())
        .as("resolved against the job file's folder")
        .isEqualTo("jdbc:sqlite:" + dir.resolve("state/catalog.db"));

    HistoryConfig postgres =
        history("  catalog: JDBC\n  jdbc-uri: jdbc:postgresql://db.internal:5432/fleetcost\n");
    assertThat(postgres.catalog()).isEqualTo(HistoryConfig.JDBC);
    assertThat(postgres.jdbcUri()).isEqualTo("jdbc:postgresql://db.internal:5432/fleetcost");
  }

  @Test
  void credentialsComeFromTheEnvironmentAndAreNeverPrinted() throws IOException {
    HistoryConfig postgres = history("  jdbc-uri: jdbc:postgresql://db.internal/fleetcost\n");
    HistoryCatalog ours =
        HistoryCatalog.of(
            postgres,
            Map.of(
                "FLEETCOST_HISTORY_JDBC_USER",
                "fleetcost",
                "FLEETCOST_HISTORY_JDBC_PASSWORD",
                "s3cret-1",
                "PGUSER",
                "pg",
                "PGPASSWORD",
                "s3cret-2"));
    assertThat(ours.user()).isEqualTo("fleetcost");
    assertThat(ours.password()).isEqualTo("s3cret-1");
    assertThat(ours.toString()).contains("fleetcost", "with a password").doesNotContain("s3cret");

    HistoryCatalog libpq =
        HistoryCatalog.of(postgres, Map.of("PGUSER", "pg", "PGPASSWORD", "s3cret-2"));
    assertThat(libpq.user()).isEqualTo("pg");
    assertThat(libpq.password()).isEqualTo("s3cret-2");

    HistoryCatalog sqlite =
        HistoryCatalog.of(
            history("  catalog: jdbc\n"), Map.of("PGUSER", "pg", "PGPASSWORD", "s3cret-2"));
    assertThat(sqlite.user()).as("a SQLite file takes no user").isNull();
    assertThat(sqlite.password()).isNull();
  }

  @Test
  void anUnknownCatalogOrDatabaseIsAnErrorNamingTheFileAndTheKey() throws IOException {
    assertThat(refused("  catalog: hive\n"))
        .contains("history.catalog", "(line 3)", "must be hadoop or jdbc", "'hive'");
    assertThat(refused("  catalog: jdbc\n  jdbc-uri: jdbc:mysql://db/fleetcost\n"))
        .contains(
            "history.jdbc-uri", "(line 4)", "jdbc:sqlite:", "jdbc:postgresql:", "not jdbc:mysql:");
    assertThat(refused("  jdbc-uri: /var/lib/fleetcost/catalog.db\n"))
        .contains("history.jdbc-uri", "must start with jdbc:sqlite:");
    assertThat(refused("  catalog: hadoop\n  jdbc-uri: jdbc:sqlite:catalog.db\n"))
        .contains("history.jdbc-uri", "is for history.catalog: jdbc");
    assertThat(refused("  jdbc-uri: \"jdbc:sqlite::memory:\"\n"))
        .contains("history.jdbc-uri", "in-memory");
    assertThat(refused("  jdbc-uri: jdbc:postgresql:fleetcost\n"))
        .contains("jdbc:postgresql://HOST[:PORT]/DATABASE");
  }

  @Test
  void aPasswordOrUserInTheJobFileIsRefusedWithoutRepeatingIt() throws IOException {
    String password =
        refused(
            "  catalog: jdbc\n  jdbc-uri: jdbc:postgresql://db/fleetcost\n  jdbc-password: hunter2-x\n");
    assertThat(password)
        .contains(
            "history.jdbc-password",
            "(line 5)",
            "FLEETCOST_HISTORY_JDBC_PASSWORD",
            "PGPASSWORD",
            "never from a job file")
        .doesNotContain("hunter2-x");
    assertThat(refused("  catalog: jdbc\n  user: fleetcost\n"))
        .contains("history.user", "environment only");
    String inUri =
        refused("  jdbc-uri: jdbc:postgresql://db/fleetcost?user=fc&password=hunter2-x\n");
    assertThat(inUri)
        .contains("history.jdbc-uri", "must not carry a user or password")
        .doesNotContain("hunter2-x");
    assertThat(refused("  jdbc-uri: jdbc:postgresql://fc:hunter2-x@db/fleetcost\n"))
        .contains("must not carry a user or password")
        .doesNotContain("hunter2-x");
    assertThat(refused("  catalogue: jdbc\n"))
        .as("any other unknown key: the usual message")
        .contains("unknown key 'catalogue'", "jdbc-uri");
  }

  @Test
  void validateExitsWithTwoOnABadCatalog() throws IOException {
    Path file = job("  catalog: jdbc\n  jdbc-uri: jdbc:oracle:thin:@db:1521/fc\n");
    Cli.Result result = Cli.run("validate", file.toString());
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(result.err()).contains(file.toString(), "history.jdbc-uri");
  }

  @Test
  void aHistoryCatalogOfAnotherTypeIsRefused() {
    assertThatThrownBy(() -> new HistoryCatalog("glue", null, null, null, Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
