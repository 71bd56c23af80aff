package io.fleetcost.spark;

import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The one SparkSession of the test JVM ({@code local[2]}, FleetCost's defaults, few shuffle
 * partitions), created on first use and never stopped: stopping it would break the test classes
 * that run after.
 */
public final class SharedSpark {
  private SharedSpark() {}

  private static final class Holder {
    static final SparkSession SESSION = create();

    private static SparkSession create() {
      Map<String, String> conf = new HashMap<>();
      conf.put("spark.sql.shuffle.partitions", "2");
      conf.put("spark.default.parallelism", "2");
      // The test JVM runs hundreds of jobs: with Spark's default of 100 compiled classes, code
      // generated for one job
      // was evicted before the next job asked for it again, and compiling it again was a fifth of
      // the suite's CPU.
      conf.put("spark.sql.codegen.cache.maxEntries", "4000");
      return SparkSessions.create("fleetcost-tests", "local[2]", conf);
    }
  }

  public static SparkSession session() {
    return Holder.SESSION;
  }

  /** Hands the shared session to code under test and ignores its release. */
  public static SparkSessionProvider provider() {
    return new SparkSessionProvider() {
      @Override
      public SparkSession open(SparkSettings settings) {
        return session();
      }

      @Override
      public void release(SparkSession session) {}
    };
  }
}
