package io.fleetcost.pipeline;

import io.fleetcost.catalog.Catalog;
import io.fleetcost.config.JobConfig;
import io.fleetcost.history.HistoryCatalog;
import io.fleetcost.history.HistoryStore;
import io.fleetcost.history.TableCommitHook;
import io.fleetcost.spark.ProgressReporter;
import io.fleetcost.telemetry.NodeInventory;
import java.time.Clock;
import org.apache.spark.sql.SparkSession;

/**
 * What every stage of one run shares: the session, the request, the run's id and clock, its
 * progress, its staged outputs, its history, the node inventory and the catalog.
 *
 * @param store the history, or null when the job keeps none
 */
record RunContext(
    SparkSession spark,
    JobRun.Request request,
    String runId,
    Clock clock,
    ProgressReporter progress,
    OutputDirectory output,
    TableCommitHook commitHook,
    NodeInventory inventory,
    Catalog catalog,
    HistoryStore store) {

  /**
   * Reads the node inventory, loads the catalog and opens the history (when the job keeps one), in
   * that order.
   */
  static RunContext open(
      SparkSession spark,
      JobRun.Request request,
      String runId,
      Clock clock,
      ProgressReporter progress,
      OutputDirectory output,
      TableCommitHook commitHook) {
    NodeInventory inventory =
        NodeInventory.read(spark.sparkContext().hadoopConfiguration(), request.inventory());
    Catalog catalog = JobRun.catalog(request);
    HistoryStore store =
        request.config().history().enabled()
            ? HistoryStore.open(
                spark,
                JobRun.warehouse(request.config(), request.outputDir()),
                request.config().history().namespace(),
                HistoryCatalog.of(request.config().history(), System.getenv()),
                progress::note,
                commitHook)
            : null;
    return new RunContext(
        spark, request, runId, clock, progress, output, commitHook, inventory, catalog, store);
  }

  JobConfig config() {
    return request.config();
  }
}
