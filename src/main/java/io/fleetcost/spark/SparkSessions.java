package io.fleetcost.spark;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds FleetCost's SparkSession. Precedence, highest first: the {@code --master} flag, the job
 * file's {@code spark.master}, {@code local[*]}; the job file's {@code spark.conf} entries override
 * FleetCost's defaults below.
 */
public final class SparkSessions {
  private static final Logger LOG = LoggerFactory.getLogger(SparkSessions.class);

  private SparkSessions() {}

  /** FleetCost's defaults; each can be overridden from the job file. */
  public static Map<String, String> defaults(String master) {
    Map<String, String> conf = new LinkedHashMap<>();
    conf.put("spark.sql.session.timeZone", "UTC");
    conf.put("spark.ui.enabled", "false");
    conf.put("spark.ui.showConsoleProgress", "false");
    conf.put("spark.sql.shuffle.partitions", "16");
    conf.put("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
    conf.put("spark.sql.mapKeyDedupPolicy", "LAST_WIN");
    conf.put("spark.sql.sources.partitionOverwriteMode", "dynamic");
    conf.put("spark.executor.heartbeatInterval", "3s");
    conf.put("spark.sql.debug.maxToStringFields", "500");
    // ICU case mapping is for non-ASCII text; the values FleetCost lower-cases are codes and
    // enumerations.
    conf.put("spark.sql.icu.caseMappings.enabled", "false");
    // Constraint inference walks every projected expression; normalization projects many, so
    // planning would crawl.
    conf.put("spark.sql.constraintPropagation.enabled", "false");
    // HotSpot does not JIT-compile methods over 8,000 bytes of bytecode; a normalization stage
    // generates larger ones,
    // which would then run interpreted. Above this size Spark splits the stage instead (measured:
    // +15 % rows/s).
    conf.put("spark.sql.codegen.hugeMethodLimit", "8000");
    // s3a:// (with the connector, docs/object-stores.md): the AWS SDK's default chain, as for Cost
    // Explorer (environment,
    // system properties, web identity as on EKS, profile files, container and instance roles), not
    // S3A's own chain,
    // which also reads keys put in the Hadoop configuration and knows no web identity.
    conf.put(
        "spark.hadoop.fs.s3a.aws.credentials.provider",
        "software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider");
    // gs:// (with the connector): Application Default Credentials, which also cover the metadata
    // server the connector's
    // default (COMPUTE_ENGINE) is limited to.
    conf.put("spark.hadoop.fs.gs.auth.type", "APPLICATION_DEFAULT");
    conf.put("spark.task.maxFailures", master.startsWith("local") ? "1" : "4");
    if (master.startsWith("local")) {
      conf.put("spark.driver.host", "127.0.0.1");
      conf.put("spark.driver.bindAddress", "127.0.0.1");
    }
    return conf;
  }

  public static SparkSession create(String appName, String master, Map<String, String> jobConf) {
    SparkSession.Builder builder = SparkSession.builder().appName(appName).master(master);
    Map<String, String> conf = defaults(master);
    conf.putAll(jobConf);
    // On Kubernetes the executors run FleetCost's image, whose class path already holds the jar and
    // lib/ (deploy/):
    // shipping them would make every executor pod download them from the driver.
    if (!master.startsWith("local") && !master.startsWith("k8s://")) {
      applicationJar().ifPresent(jar -> conf.put("spark.jars", executorJars(conf, Path.of(jar))));
    }
    conf.forEach(builder::config);
    return builder.getOrCreate();
  }

  /**
   * What a cluster's executors are sent: whatever {@code spark.jars} already holds ({@code
   * spark-submit} sets it as a system property: the application jar and {@code --jars}; the job
   * file can set it too), FleetCost's jar (its decoders and the lambdas of its tasks) and the
   * libraries of {@code lib/} that Spark does not bring ({@link ExecutorJars}).
   */
  private static String executorJars(Map<String, String> conf, Path applicationJar) {
    List<String> existing =
        new ArrayList<>(
            ExecutorJars.entries(Optional.ofNullable(System.getProperty("spark.jars"))));
    existing.addAll(ExecutorJars.entries(Optional.ofNullable(conf.get("spark.jars"))));
    List<String> listed = ExecutorJars.listed();
    if (listed.isEmpty()) {
      LOG.warn(
          "{} lists no libraries for the executors: they are sent {} alone",
          ExecutorJars.RESOURCE,
          applicationJar.getFileName());
    }
    String jars = ExecutorJars.sparkJars(existing, applicationJar, listed);
    LOG.info(
        "executors are sent {} and {} libraries from {}",
        applicationJar.getFileName(),
        listed.size(),
        applicationJar.toAbsolutePath().getParent().resolve(ExecutorJars.LIB));
    return jars;
  }

  /** The jar FleetCost runs from; none when it runs from a classes folder (tests, an IDE). */
  static Optional<String> applicationJar() {
    try {
      Path location =
          Path.of(SparkSessions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return location.toString().endsWith(".jar")
          ? Optional.of(location.toString())
          : Optional.empty();
    } catch (URISyntaxException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
