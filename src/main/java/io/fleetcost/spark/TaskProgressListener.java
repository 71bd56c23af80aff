package io.fleetcost.spark;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.util.LongAccumulator;
import scala.Tuple4;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Counts Spark tasks and rows for progress lines. Rows come from FleetCost's decoders (a named
 * accumulator: final values for finished tasks, and the partial values running tasks report in
 * executor heartbeats) and from Spark's input metrics for Parquet scans.
 */
public final class TaskProgressListener extends SparkListener {
  private final LongAccumulator rowsDecoded;
  private final AtomicLong tasksSubmitted = new AtomicLong();
  private final AtomicLong tasksFinished = new AtomicLong();
  private final AtomicLong recordsScanned = new AtomicLong();
  private final Map<Long, Long> runningTaskRows = new ConcurrentHashMap<>();

  public TaskProgressListener(LongAccumulator rowsDecoded) {
    this.rowsDecoded = rowsDecoded;
  }

  @Override
  public void onStageSubmitted(SparkListenerStageSubmitted event) {
    tasksSubmitted.addAndGet(event.stageInfo().numTasks());
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd event) {
    tasksFinished.incrementAndGet();
    runningTaskRows.remove(event.taskInfo().taskId());
    if (event.taskMetrics() != null) {
      recordsScanned.addAndGet(event.taskMetrics().inputMetrics().recordsRead());
    }
  }

  @Override
  public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate event) {
    for (Tuple4<Object, Object, Object, scala.collection.immutable.Seq<AccumulableInfo>> update :
        CollectionConverters.asJava(event.accumUpdates())) {
      long taskId = (Long) update._1();
      for (AccumulableInfo info : CollectionConverters.asJava(update._4())) {
        if (info.id() == rowsDecoded.id() && info.update().isDefined()) {
          Object value = info.update().get();
          if (value instanceof Long rows) {
            runningTaskRows.put(taskId, rows);
          }
        }
      }
    }
  }

  /** "3/8 tasks done, 450,123 rows processed" */
  public String status() {
    long running = runningTaskRows.values().stream().mapToLong(Long::longValue).sum();
    long rows = rowsDecoded.value() + running + recordsScanned.get();
    return String.format(
        "%d/%d tasks done, %s rows processed",
        tasksFinished.get(), tasksSubmitted.get(), ProgressReporter.count(rows));
  }
}
