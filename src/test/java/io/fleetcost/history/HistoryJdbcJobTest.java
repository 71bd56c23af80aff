package io.fleetcost.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetcost.cli.Cli;
import io.fleetcost.samplefleet.HistoryFleets;
import io.fleetcost.spark.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fleetcost run} and {@code fleetcost report} with {@code history.catalog: jdbc}: the run
 * records its date through the JDBC catalog (the SQLite file in the warehouse), and the report
 * reopens the history through it.
 */
class HistoryJdbcJobTest {
  private static final LocalDate DATE = LocalDate.parse("2026-10-02");

  @TempDir Path dir;

  @Test
  void aRunWritesItsDateThroughTheJdbcCatalogAndTheReportReadsItBack() throws Exception {
    Path data = dir.resolve("fleet");
    HistoryFleets.write(data, Instant.parse("2026-10-01T00:00:00Z"), true);
    Path warehouse = dir.resolve("warehouse");
    Path job = HistoryJobs.write(dir, "jdbc", data, warehouse);
    Files.writeString(job, Files.readString(job) + "  catalog: jdbc\n");

    Cli.Result run =
        Cli.run(
            "run",
            job.toString(),
            "--date",
            DATE.toString(),
            "--out",
            dir.resolve("out").toString());
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(warehouse.resolve(HistoryStore.SQLITE_FILE)).isRegularFile();
    assertThat(warehouse.resolve("fleetcost/runs/metadata/version-hint.text"))
        .as("no file-system catalog commit")
        .doesNotExist();
    HistoryStore store =
        HistoryStore.open(
            SharedSpark.session(),
            warehouse.toString(),
            "fleetcost",
            HistoryCatalog.jdbc(null, Map.of()),
            line -> {},
            TableCommitHook.NONE);
    assertThat(store.runDates()).containsExactly(DATE);
    assertThat(store.opportunities(DATE))
        .extracting(OpportunityRow::resourceId)
        .contains(HistoryFleets.IDLE_VM);

    Path reportOut = dir.resolve("report");
    Cli.Result report =
        Cli.run("report", job.toString(), "--month", "2026-10", "--out", reportOut.toString());
    assertThat(report.exitCode()).as(report.toString()).isZero();
    assertThat(report.out()).contains("for 2026-10 (month to date), as of 2026-10-02");
    assertThat(reportOut.resolve("report.json")).isRegularFile();

    // a job that still has the file-system catalog is refused, rather than given new empty tables
    // in the same folders
    Path fileSystemJob = HistoryJobs.write(dir.resolve("hadoop"), "hadoop", data, warehouse);
    Cli.Result refused =
        Cli.run(
            "report",
            fileSystemJob.toString(),
            "--month",
            "2026-10",
            "--out",
            dir.resolve("refused").toString());
    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
    assertThat(refused.err()).contains("written with the JDBC catalog (history.catalog: jdbc)");
    assertThat(warehouse.resolve("fleetcost/runs/metadata/version-hint.text")).doesNotExist();
  }
}
