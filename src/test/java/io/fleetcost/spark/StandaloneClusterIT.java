package io.fleetcost.spark;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.map_entries;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleetcost.TestPaths;
import io.fleetcost.history.HistoryStore;
import io.fleetcost.history.HistoryTables;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged {@code fleetcost.jar} on a Spark standalone cluster (a master and two one-core workers, separate JVMs on
 * 127.0.0.1) whose installation holds Spark's own runtime jars and nothing else, as a stock distribution: whatever else
 * the executors need must be sent by FleetCost ({@link ExecutorJars}). The sample job runs three times: {@code local[*]}
 * and, at the same time, on the cluster with {@code fleetcost run --master}; then through {@code spark-submit}
 * (SparkSubmit on the installation's class path, client mode) as the next night into the cluster run's history. The cluster runs' outputs and
 * history equal the local run's, ignoring run ids and times, and both workers' executors ran tasks.
 *
 * <p>A Maven integration test ({@code mvn verify}, after {@code package}): it needs the jar, {@code lib/} and the
 * build's list of Spark's runtime jars ({@code target/spark-runtime-dependencies.txt}).
 */
class StandaloneClusterIT {
  private static final Path TARGET = TestPaths.PROJECT.resolve("target");
  private static final Path JAR = TARGET.resolve("fleetcost.jar");
  private static final Path JOB = TestPaths.PROJECT.resolve("jobs/sample.yaml");
  private static final Pattern FINISHED_TASK = Pattern.compile("Finished task \\S+ in stage \\S+ \\(TID \\d+\\)");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  record Run(String name, int exitCode, String out, String err, double seconds) {
    @Override
    public String toString() {
      return name + ": exit " + exitCode + " after " + String.format(Locale.ROOT, "%.1f", seconds) + " s\n--- stdout\n" + out
          + "\n--- stderr (last 6000 characters)\n" + err.substring(Math.max(0, err.length() - 6000));
    }
  }

  @Test
  void theSampleJobOnTwoWorkersGivesTheLocalRunsOutputsAndHistory() throws Exception {
    assertThat(JAR).as("mvn package's jar").isRegularFile();
    assertThat(ExecutorJars.listed()).as("the build's list of libraries for executors").isNotEmpty();
    Path sparkHome = sparkInstallation(dir.resolve("spark-home"));
    Path local = dir.resolve("local");
    Path cluster = dir.resolve("cluster");
    Path submitted = dir.resolve("submitted");
    List<String> report = new ArrayList<>();
    try (StandaloneCluster spark = StandaloneCluster.start(sparkHome, Files.createDirectories(dir.resolve("daemons")), sparkJvmFlags(), 2)) {
      // the local run beside the cluster's: on two cores, each fills the other's pauses (JVM starts, the driver's work)
      Started localStarted = fleetcost("local", local, List.of());
      Run clusterRun;
      try {
        spark.awaitWorkers(2);
        clusterRun = fleetcost("cluster", cluster, List.of("--master", spark.url())).await();
      } catch (Throwable failure) {
        localStarted.stopIfRunning();
        throw failure;
      }
      Run localRun = localStarted.await();
      assertThat(localRun.exitCode()).as(localRun.toString()).isZero();
      assertThat(clusterRun.exitCode()).as(clusterRun + "\n" + spark.logs()).isZero();
      assertThat(clusterRun.err()).contains("executors are sent fleetcost.jar and " + ExecutorJars.listed().size() + " libraries");
      assertThat(clusterRun.out()).contains("of job 'sample' for 2026-11-14: succeeded");
      Map<Path, Integer> clusterTasks = finishedTasksPerWorker(spark, "cluster");
      report.add(line(localRun) + "; " + line(clusterRun) + ", " + clusterTasks.values() + " tasks finished per worker");

      assertThat(Files.readString(cluster.resolve("out/opportunities.json")))
          .as("opportunities.json").isEqualTo(Files.readString(local.resolve("out/opportunities.json")));
      assertThat(figures(cluster.resolve("out/summary.json"))).as("summary.json but run ids, times and places")
          .isEqualTo(figures(local.resolve("out/summary.json")));
      Map<String, List<String>> localHistory = historyRows(local.resolve("history"));
      Map<String, List<String>> clusterHistory = historyRows(cluster.resolve("history"));
      assertThat(clusterHistory).as("history tables but run ids").isEqualTo(localHistory);
      assertThat(localHistory.get(HistoryTables.RUNS)).as("8 run dates: 7 seeded, then 2026-11-14").hasSize(8);
      assertThat(localHistory.get(HistoryTables.OPPORTUNITIES)).isNotEmpty();

      Run submittedRun = sparkSubmit(spark, submitted, cluster.resolve("history")).await();
      assertThat(submittedRun.exitCode()).as(submittedRun + "\n" + spark.logs()).isZero();
      for (Path work : spark.workDirs()) {
        try (Stream<Path> applications = Files.list(work)) {
          assertThat(applications.filter(Files::isDirectory).count())
              .as("applications on %s: the cluster run's, then spark-submit's (its --master wins over the job file's)", work)
              .isEqualTo(2);
        }
      }
      Map<Path, Integer> submittedTasks = finishedTasksPerWorker(spark, "submitted");
      report.add(line(submittedRun) + ", " + submittedTasks.values() + " tasks finished per worker");
      assertThat(Files.readString(submitted.resolve("out/opportunities.json")))
          .as("opportunities.json of the next night").isEqualTo(Files.readString(local.resolve("out/opportunities.json")));
      assertThat(JSON.readTree(submitted.resolve("out/summary.json").toFile()).get("cost_analysis"))
          .as("cost_analysis of the next night")
          .isEqualTo(JSON.readTree(local.resolve("out/summary.json").toFile()).get("cost_analysis"));
    } finally {
      unlinkJars(dir.resolve("spark-home/jars"));
      String text = String.join("\n", report);
      System.out.println("standalone cluster test: " + text);
      Files.createDirectories(TARGET.resolve("failsafe-reports"));
      Files.writeString(TARGET.resolve("failsafe-reports/standalone-cluster.txt"), text + "\n", StandardCharsets.UTF_8);
    }
  }

  /**
   * A Spark installation as a distribution lays it out, with Spark's own runtime jars only (the build's {@code
   * dependency:list} of spark-sql, linked from the local Maven repository) and executors that log their tasks.
   */
  private static Path sparkInstallation(Path home) throws IOException {
    Path list = TARGET.resolve("spark-runtime-dependencies.txt");
    assertThat(list).as("the build's list of Spark's runtime jars").isRegularFile();
    List<ExecutorJars.Artifact> artifacts = ExecutorJars.parseList(Files.readAllLines(list, StandardCharsets.UTF_8));
    assertThat(artifacts).extracting(ExecutorJars.Artifact::key).contains("org.apache.spark:spark-core_2.13")
        .doesNotContain("org.apache.iceberg:iceberg-spark-runtime-4.1_2.13", "org.apache.commons:commons-csv");
    Path jars = Files.createDirectories(home.resolve("jars"));
    for (ExecutorJars.Artifact artifact : artifacts) {
      Files.createSymbolicLink(jars.resolve(artifact.file().getFileName()), artifact.file());
    }
    Path conf = Files.createDirectories(home.resolve("conf"));
    Files.writeString(
        conf.resolve("log4j2.properties"),
        String.join(
            "\n",
            "rootLogger.level = warn",
            "rootLogger.appenderRef.stderr.ref = console",
            "appender.console.type = Console",
            "appender.console.name = console",
            "appender.console.target = SYSTEM_ERR",
            "appender.console.layout.type = PatternLayout",
            "appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n%ex",
            "# \"Finished task ... (TID n)\": which executor ran what",
            "logger.executor.name = org.apache.spark.executor.Executor",
            "logger.executor.level = info",
            "logger.fleetcost.name = io.fleetcost",
            "logger.fleetcost.level = info",
            ""),
        StandardCharsets.UTF_8);
    return home;
  }

  /** The links to the local Maven repository, removed before JUnit deletes the folder (it warns about each). */
  private static void unlinkJars(Path jars) throws IOException {
    if (Files.isDirectory(jars)) {
      try (Stream<Path> links = Files.list(jars)) {
        for (Path link : links.toList()) {
          Files.delete(link);
        }
      }
    }
  }

  /** {@code java -jar fleetcost.jar run jobs/sample.yaml} into {@code place}'s out/ and history/. */
  private Started fleetcost(String name, Path place, List<String> options) throws IOException {
    List<String> command = new ArrayList<>(List.of(java(), "-Xmx2g", "-jar", JAR.toString()));
    command.addAll(runArguments(place, place.resolve("history")));
    command.addAll(options);
    return execute(name, command, Map.of());
  }

  /** {@code spark-submit --class io.fleetcost.cli.FleetCostMain fleetcost.jar run ...}, as bin/spark-submit runs it. */
  private Started sparkSubmit(StandaloneCluster spark, Path place, Path warehouse) throws IOException {
    List<String> command = new ArrayList<>(List.of(java()));
    command.addAll(sparkJvmFlags());
    command.addAll(List.of("-Xmx2g", "-cp", spark.classPath(), "org.apache.spark.deploy.SparkSubmit", "--master", spark.url(),
        "--deploy-mode", "client", "--class", "io.fleetcost.cli.FleetCostMain", "--conf", "spark.driver.host=127.0.0.1",
        JAR.toString()));
    command.addAll(runArguments(place, warehouse));
    return execute("submitted", command, Map.of("SPARK_HOME", spark.sparkHome().toString()));
  }

  private static List<String> runArguments(Path place, Path warehouse) {
    return List.of("run", JOB.toString(), "--out", place.resolve("out").toString(), "--warehouse", warehouse.toString(),
        "--progress-seconds", "60");
  }

  /** A driver process: its output goes to {@code <name>.out} and {@code <name>.err}. */
  private record Started(String name, Process process, Path out, Path err, long startNanos) {
    /** Waits for the run (at most 40 minutes: a loaded two-core machine took over 15 for the local run alone). */
    Run await() throws IOException, InterruptedException {
      try {
        assertThat(process.waitFor(40, TimeUnit.MINUTES)).as(name + " finished").isTrue();
      } finally {
        stopIfRunning();
      }
      return new Run(name, process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8),
          (System.nanoTime() - startNanos) / 1e9);
    }

    void stopIfRunning() {
      if (process.isAlive()) {
        process.destroyForcibly();
      }
    }
  }

  private Started execute(String name, List<String> command, Map<String, String> environment) throws IOException {
    Path out = dir.resolve(name + ".out");
    Path err = dir.resolve(name + ".err");
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().putAll(StandaloneCluster.loopbackEnvironment());
    builder.environment().putAll(environment);
    return new Started(name, builder.start(), out, err, System.nanoTime());
  }

  /**
   * The "Finished task" lines in each worker's executor logs of the application that ran {@code run}'s job (the newest
   * application folder of each worker), checked to be more than none on every worker.
   */
  private Map<Path, Integer> finishedTasksPerWorker(StandaloneCluster spark, String run) throws IOException {
    Map<Path, Integer> tasks = new LinkedHashMap<>();
    for (Path work : spark.workDirs()) {
      Path application;
      try (Stream<Path> applications = Files.list(work)) {
        application = applications.filter(Files::isDirectory).max(Path::compareTo).orElseThrow(
            () -> new AssertionError("worker " + work + " ran no executor for " + run + "\n" + spark.logs()));
      }
      int finished = 0;
      try (Stream<Path> executors = Files.list(application)) {
        for (Path executor : executors.filter(Files::isDirectory).toList()) {
          Matcher matcher = FINISHED_TASK.matcher(Files.readString(executor.resolve("stderr"), StandardCharsets.UTF_8));
          while (matcher.find()) {
            finished++;
          }
          assertThat(executor.resolve(JAR.getFileName().toString())).as("the jar fetched by executor " + executor).isRegularFile();
          assertThat(executor).as("the libraries fetched by executor " + executor)
              .isDirectoryContaining("glob:**/iceberg-spark-runtime-*.jar")
              .isDirectoryContaining("glob:**/commons-csv-*.jar")
              .isDirectoryNotContaining("glob:**/spark-core_*.jar");
        }
      }
      tasks.put(work.getFileName(), finished);
      System.out.printf("standalone cluster test: %s: %s ran %d tasks in %s%n", run, work.getFileName(), finished, application.getFileName());
    }
    assertThat(tasks.values()).as("tasks finished per worker in " + run).allSatisfy(count -> assertThat(count).isPositive());
    return tasks;
  }

  /** summary.json without what differs between two runs of the same inputs: ids, times, the master, the output places. */
  private static JsonNode figures(Path summary) throws IOException {
    ObjectNode json = (ObjectNode) JSON.readTree(summary.toFile());
    json.remove(List.of("run_id", "started_at", "finished_at", "duration_seconds", "spark"));
    ((ObjectNode) json.get("history")).remove("warehouse");
    return json;
  }

  /** Every row of every history table (all runs' rows), as sorted text, without run_id. */
  private static Map<String, List<String>> historyRows(Path warehouse) {
    HistoryStore store = HistoryStore.open(SharedSpark.session(), warehouse.toString(), "fleetcost", line -> {});
    Map<String, List<String>> tables = new LinkedHashMap<>();
    for (String table : HistoryTables.ALL) {
      Dataset<Row> rows = SharedSpark.session().table(store.table(table)).drop("run_id");
      for (StructField field : rows.schema().fields()) {
        if (field.dataType() instanceof MapType) {
          rows = rows.withColumn(field.name(), array_sort(map_entries(col(field.name()))));
        }
      }
      List<String> lines = new ArrayList<>(rows.collectAsList().stream().map(Row::toString).toList());
      lines.sort(null);
      tables.put(table, lines);
    }
    return tables;
  }

  private static String line(Run run) {
    return String.format(Locale.ROOT, "%s run %.1f s", run.name(), run.seconds());
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** Spark's module flags ({@code spark.jvm.flags} in pom.xml), as this JVM got them. */
  private static List<String> sparkJvmFlags() {
    return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(option -> option.startsWith("--add-opens") || option.startsWith("-XX:+IgnoreUnrecognized")
            || option.startsWith("-Dio.netty") || option.startsWith("-Djdk.reflect"))
        .toList();
  }
}
