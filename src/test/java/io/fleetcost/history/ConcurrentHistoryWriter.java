package io.fleetcost.history;

import io.fleetcost.spark.SparkSessions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * One of {@link HistoryConcurrentWritersTest}'s two writers, in its own JVM as a run on another
 * driver is: opens the warehouse with the JDBC catalog (its default SQLite file), writes its run
 * date, then re-runs it (a second write of the date, whose flip makes the first one's rows older
 * rows to remove). Every commit meets the other writer's same commit ({@link RendezvousFileIO}).
 *
 * <p>Arguments: {@code WAREHOUSE RENDEZVOUS-FOLDER WRITER OTHER-WRITER RUN-DATE}. Run ids: {@code
 * <writer>-1}, {@code <writer>-2}; records: {@link HistoryRecords} versions 1 and 2.
 */
public final class ConcurrentHistoryWriter {
  private ConcurrentHistoryWriter() {}

  /** Arms the {@link RendezvousFileIO} for the commit that follows. */
  private record Arm(Path folder, String writer) implements TableCommitHook {
    @Override
    public void beforeCommit(String table, LocalDate runDate) {
      arm(table);
    }

    @Override
    public void beforeCleanup(String table, LocalDate runDate) {
      arm(table);
    }

    private void arm(String table) {
      try {
        Files.writeString(folder.resolve("armed-" + writer + "-" + table), "");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  public static void main(String[] args) {
    String warehouse = args[0];
    Path folder = Path.of(args[1]);
    String writer = args[2];
    LocalDate date = LocalDate.parse(args[4]);
    SparkSession spark =
        SparkSessions.create(
            "writer-" + writer,
            "local[1]",
            Map.of("spark.sql.shuffle.partitions", "1", "spark.default.parallelism", "1"));
    HistoryCatalog catalog =
        HistoryCatalog.jdbc(null, Map.of())
            .withProperties(
                Map.of(
                    "io-impl",
                    RendezvousFileIO.class.getName(),
                    RendezvousFileIO.FOLDER,
                    folder.toString(),
                    RendezvousFileIO.WRITER,
                    writer,
                    RendezvousFileIO.OTHER,
                    args[3]));
    HistoryStore store =
        HistoryStore.open(
            spark,
            warehouse,
            "fleetcost",
            catalog,
            line -> System.out.println(writer + ": " + line),
            new Arm(folder, writer));
    store.write(date, HistoryRecords.of(spark, date, writer + "-1", 1));
    store.write(date, HistoryRecords.of(spark, date, writer + "-2", 2));
    System.out.println(writer + ": done");
    spark.stop();
  }
}
