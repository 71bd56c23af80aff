package io.fleetcost.history;

import io.fleetcost.cli.FleetCostCommand;
import io.fleetcost.spark.SparkSessionProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * {@code fleetcost} as {@link io.fleetcost.cli.FleetCostMain} runs it, but with a {@link
 * TableCommitHook} that stops the run before one history table's commit of one run date. {@link
 * HistoryCrashTest} starts it in its own JVM and sends it SIGKILL once it is blocked there.
 *
 * <p>Arguments: {@code TABLE RUN-DATE MARKER-FILE} and then the {@code fleetcost} command line.
 */
public final class BlockedHistoryRun {
  private BlockedHistoryRun() {}

  /**
   * Before {@code table}'s commit of {@code runDate}: creates {@code marker} (the signal), then
   * waits forever.
   */
  record BlockBeforeCommit(String table, LocalDate runDate, Path marker)
      implements TableCommitHook {
    @Override
    public void beforeCommit(String committing, LocalDate date) {
      if (!committing.equals(table) || !date.equals(runDate)) {
        return;
      }
      try {
        Files.writeString(marker, table + " " + runDate);
        new CountDownLatch(1).await(); // never counted down: only the kill ends the run
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(
            "interrupted while blocked before the commit of " + table, e);
      }
    }
  }

  public static void main(String[] args) {
    TableCommitHook block =
        new BlockBeforeCommit(args[0], LocalDate.parse(args[1]), Path.of(args[2]));
    String[] fleetcost = Arrays.copyOfRange(args, 3, args.length);
    System.exit(
        FleetCostCommand.commandLine(
                SparkSessionProvider.perRun(), java.time.Clock.systemUTC(), block)
            .execute(fleetcost));
  }
}
