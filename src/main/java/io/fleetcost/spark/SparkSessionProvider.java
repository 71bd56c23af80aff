package io.fleetcost.spark;

import org.apache.spark.sql.SparkSession;

/**
 * Where a run gets its SparkSession. The command line starts one per process and stops it at the
 * end; tests share one session across the whole test JVM.
 */
public interface SparkSessionProvider {
  SparkSession open(SparkSettings settings);

  /** Called when the run is done with the session. */
  void release(SparkSession session);

  /** A new session per run, stopped when the run releases it. */
  static SparkSessionProvider perRun() {
    return new SparkSessionProvider() {
      @Override
      public SparkSession open(SparkSettings settings) {
        return SparkSessions.create(settings.appName(), settings.master(), settings.conf());
      }

      @Override
      public void release(SparkSession session) {
        session.stop();
      }
    };
  }
}
