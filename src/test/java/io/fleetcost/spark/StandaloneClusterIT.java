package io.fleetcost.spark;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.fleetcost.TestPaths;
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
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged {@code fleetcost.jar} on a Spark standalone cluster (a master and two one-core
 * workers, separate JVMs on 127.0.0.1) whose installation holds Spark's own runtime jars and
 * nothing else, as a stock distribution: whatever else the executors need must be sent by FleetCost
 * ({@link ExecutorJars}). The sample job runs on the cluster with {@code fleetcost run --master},
 * then through {@code spark-submit} (SparkSubmit on the installation's class path, client mode) as
 * the next night into the cluster run's history. The cluster runs' outputs and history equal the
 * {@code local[*]} run's, ignoring run ids and times ({@link SampleRunReference}: {@code
 * SampleJobTest}'s run earlier in the same build, or a run of the jar here when it did not run),
 * and both workers' executors ran tasks. The cluster run is also the one that shows what a
 * scheduler sees of the Quick start's command: its exit code, progress lines and output.
 *
 * <p>A Maven integration test ({@code mvn verify}, after {@code package}): it needs the jar, {@code
 * lib/} and the build's list of Spark's runtime jars ({@code
 * target/spark-runtime-dependencies.txt}).
 */
class StandaloneClusterIT {
  private static final Path TARGET = TestPaths.PROJECT.resolve("target");
  private static final Path JAR = TARGET.resolve("fleetcost.jar");
  private static final Path JOB = TestPaths.PROJECT.resolve("jobs/sample.yaml");
  private static final Pattern FINISHED_TASK =
      Pattern.compile("Finished task \\S+ in stage \\S+ \\(TID \\d+\\)");

  @TempDir Path dir;

  record Run(String name, int exitCode, String out, String err, double seconds) {
    @Override
    public String toString() {
      return name
          + ": exit "
          + exitCode
          + " after "
          + String.format(Locale.ROOT, "%.1f", seconds)
          + " s\n--- stdout\n"
          + out
          + "\n--- stderr (last 6000 characters)\n"
          + err.substring(Math.max(0, err.length() - 6000));
    }
  }

  @Test
  void theSampleJobOnTwoWorkersGivesTheLocalRunsOutputsAndHistory() throws Exception {
    assertThat(JAR).as("mvn package's jar").isRegularFile();
    assertThat(ExecutorJars.listed())
        .as("the build's list of libraries for executors")
        .isNotEmpty();
    Path sparkHome = sparkInstallation(dir.resolve("spark-home"));
    Path cluster = dir.resolve("cluster");
    Path submitted = dir.resolve("submitted");
    List<String> report = new ArrayList<>();
    try {
      SampleRunReference local = localReference(report);
      try (StandaloneCluster spark =
          StandaloneCluster.start(
              sparkHome, Files.createDirectories(dir.resolve("daemons")), sparkJvmFlags(), 2)) {
        spark.awaitWorkers(2);
        Run clusterRun =
            fleetcost(
                    "cluster", cluster, List.of("--master", spark.url(), "--progress-seconds", "1"))
                .await();
        assertThat(clusterRun.exitCode()).as(clusterRun + "\n" + spark.logs()).isZero();
        assertThat(clusterRun.err())
            .contains(
                "executors are sent fleetcost.jar and "
                    + ExecutorJars.listed().size()
                    + " libraries");
        assertWhatASchedulerSees(clusterRun, cluster.resolve("out"));
        Map<Path, Integer> clusterTasks = finishedTasksPerWorker(spark, "cluster");
        report.add(line(clusterRun) + ", " + clusterTasks.values() + " tasks finished per worker");

        SampleRunReference onCluster =
            SampleRunReference.of(cluster.resolve("out"), cluster.resolve("history"));
        assertThat(onCluster.opportunitiesJson())
            .as("opportunities.json")
            .isEqualTo(local.opportunitiesJson());
        assertThat(onCluster.figures())
            .as("summary.json but run ids, times and places")
            .isEqualTo(local.figures());
        assertThat(onCluster.history()).as("history tables but run ids").isEqualTo(local.history());
        assertThat(local.history().get(HistoryTables.RUNS))
            .as("8 run dates: 7 seeded, then 2026-11-14")
            .hasSize(8);
        assertThat(local.history().get(HistoryTables.OPPORTUNITIES)).isNotEmpty();

        Run submittedRun = sparkSubmit(spark, submitted, cluster.resolve("history")).await();
        assertThat(submittedRun.exitCode()).as(submittedRun + "\n" + spark.logs()).isZero();
        for (Path work : spark.workDirs()) {
          try (Stream<Path> applications = Files.list(work)) {
            assertThat(applications.filter(Files::isDirectory).count())
                .as(
                    "applications on %s: the cluster run's, then spark-submit's (its --master wins over the job file's)",
                    work)
                .isEqualTo(2);
          }
        }
        Map<Path, Integer> submittedTasks = finishedTasksPerWorker(spark, "submitted");
        report.add(
            line(submittedRun) + ", " + submittedTasks.values() + " tasks finished per worker");
        assertThat(Files.readString(submitted.resolve("out/opportunities.json")))
            .as("opportunities.json of the next night")
            .isEqualTo(local.opportunitiesJson());
        assertThat(
                SampleRunReference.figures(submitted.resolve("out/summary.json"))
                    .get("cost_analysis"))
            .as("cost_analysis of the next night")
            .isEqualTo(local.figures().get("cost_analysis"));
      }
    } finally {
      unlinkJars(dir.resolve("spark-home/jars"));
      String text = String.join("\n", report);
      System.out.println("standalone cluster test: " + text);
      Files.createDirectories(TARGET.resolve("failsafe-reports"));
      Files.writeString(
          TARGET.resolve("failsafe-reports/standalone-cluster.txt"),
          text + "\n",
          StandardCharsets.UTF_8);
    }
  }

  /**
   * The local run to compare with: {@code SampleJobTest}'s, when it ran earlier in this build (it
   * keeps its first run's reference), else {@code java -jar fleetcost.jar run jobs/sample.yaml}
   * here, before the cluster starts.
   */
  private SampleRunReference localReference(List<String> report) throws Exception {
    var kept = SampleRunReference.keptByThisBuild();
    if (kept.isPresent()) {
      report.add(
          "local run: SampleJobTest's, earlier in this build ("
              + SampleRunReference.DIR.getFileName()
              + ")");
      return kept.get();
    }
    Path local = dir.resolve("local");
    Run localRun = fleetcost("local", local, List.of("--progress-seconds", "60")).await();
    assertThat(localRun.exitCode()).as(localRun.toString()).isZero();
    report.add(line(localRun) + " (no reference kept by SampleJobTest in this build)");
    return SampleRunReference.of(local.resolve("out"), local.resolve("history"));
  }

  /**
   * What a scheduler sees of the packaged jar's run (the Quick start's command, here with {@code
   * --master}): exit 0 (checked by the caller), the job file's run date, progress on standard
   * error, quiet Spark, where the outputs are.
   */
  private static void assertWhatASchedulerSees(Run run, Path out) {
    assertThat(run.out())
        .as("the job file's run-date, not yesterday")
        .contains("of job 'sample' for 2026-11-14: succeeded");
    assertThat(run.out()).contains("Outputs are in " + out).contains("savings: 47 opportunities");
    // the 4 hand-written exports and the sample fleet's 10 bill files (AWS and Azure: a file a
    // month from September;
    // Google Cloud: a file an invoice month, from August's last hours); its 80 telemetry files
    assertThat(run.err())
        .contains("fleetcost ingest billing: started (14 files)")
        .contains("fleetcost ingest billing: running for")
        .containsPattern(
            "fleetcost ingest billing: finished in [0-9.]+ s: 406,429 rows read, 406,429 kept, 0 quarantined")
        .contains("fleetcost ingest telemetry: started (80 files)")
        .containsPattern("fleetcost profile GPUs: finished in [0-9.]+ s: 314 GPUs, 75 workloads");
    assertThat(run.err().lines().filter(line -> line.contains(" INFO ")))
        .as(
            "quiet by default: no Spark INFO lines, only FleetCost's notice of what executors are sent")
        .singleElement(as(InstanceOfAssertFactories.STRING))
        .contains("SparkSessions: executors are sent fleetcost.jar");
    assertThat(out.resolve("summary.json")).exists();
  }

  /**
   * A Spark installation as a distribution lays it out, with Spark's own runtime jars only (the
   * build's {@code dependency:list} of spark-sql, linked from the local Maven repository) and
   * executors that log their tasks.
   */
  private static Path sparkInstallation(Path home) throws IOException {
    Path list = TARGET.resolve("spark-runtime-dependencies.txt");
    assertThat(list).as("the build's list of Spark's runtime jars").isRegularFile();
    List<ExecutorJars.Artifact> artifacts =
        ExecutorJars.parseList(Files.readAllLines(list, StandardCharsets.UTF_8));
    assertThat(artifacts)
        .extracting(ExecutorJars.Artifact::key)
        .contains("org.apache.spark:spark-core_2.13")
        .doesNotContain(
            "org.apache.iceberg:iceberg-spark-runtime-4.1_2.13", "org.apache.commons:commons-csv");
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

  /**
   * The links to the local Maven repository, removed before JUnit deletes the folder (it warns
   * about each).
   */
  private static void unlinkJars(Path jars) throws IOException {
    if (Files.isDirectory(jars)) {
      try (Stream<Path> links = Files.list(jars)) {
        for (Path link : links.toList()) {
          Files.delete(link);
        }
      }
    }
  }

  /**
   * {@code java -jar fleetcost.jar run jobs/sample.yaml} into {@code place}'s out/ and history/.
   */
  private Started fleetcost(String name, Path place, List<String> options) throws IOException {
    List<String> command = new ArrayList<>(List.of(java(), "-Xmx2g", "-jar", JAR.toString()));
    command.addAll(runArguments(place, place.resolve("history")));
    command.addAll(options);
    return execute(name, command, Map.of());
  }

  /**
   * {@code spark-submit --class io.fleetcost.cli.FleetCostMain fleetcost.jar run ...}, as
   * bin/spark-submit runs it.
   */
  private Started sparkSubmit(StandaloneCluster spark, Path place, Path warehouse)
      throws IOException {
    List<String> command = new ArrayList<>(List.of(java()));
    command.addAll(sparkJvmFlags());
    command.addAll(
        List.of(
            "-Xmx2g",
            "-cp",
            spark.classPath(),
            "org.apache.spark.deploy.SparkSubmit",
            "--master",
            spark.url(),
            "--deploy-mode",
            "client",
            "--class",
            "io.fleetcost.cli.FleetCostMain",
            "--conf",
            "spark.driver.host=127.0.0.1",
            JAR.toString()));
    command.addAll(runArguments(place, warehouse));
    command.addAll(List.of("--progress-seconds", "60"));
    return execute("submitted", command, Map.of("SPARK_HOME", spark.sparkHome().toString()));
  }

  private static List<String> runArguments(Path place, Path warehouse) {
    return List.of(
        "run",
        JOB.toString(),
        "--out",
        place.resolve("out").toString(),
        "--warehouse",
        warehouse.toString());
  }

  /** A driver process: its output goes to {@code <name>.out} and {@code <name>.err}. */
  private record Started(String name, Process process, Path out, Path err, long startNanos) {
    /**
     * Waits for the run (at most 40 minutes: a loaded two-core machine took over 15 for the local
     * run alone).
     */
    Run await() throws IOException, InterruptedException {
      try {
        assertThat(process.waitFor(40, TimeUnit.MINUTES)).as(name + " finished").isTrue();
      } finally {
        stopIfRunning();
      }
      return new Run(
          name,
          process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8),
          (System.nanoTime() - startNanos) / 1e9);
    }

    void stopIfRunning() {
      if (process.isAlive()) {
        process.destroyForcibly();
      }
    }
  }

  private Started execute(String name, List<String> command, Map<String, String> environment)
      throws IOException {
    Path out = dir.resolve(name + ".out");
    Path err = dir.resolve(name + ".err");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().putAll(StandaloneCluster.loopbackEnvironment());
    builder.environment().putAll(environment);
    return new Started(name, builder.start(), out, err, System.nanoTime());
  }

  /**
   * The "Finished task" lines in each worker's executor logs of the application that ran {@code
   * run}'s job (the newest application folder of each worker), checked to be more than none on
   * every worker.
   */
  private Map<Path, Integer> finishedTasksPerWorker(StandaloneCluster spark, String run)
      throws IOException {
    Map<Path, Integer> tasks = new LinkedHashMap<>();
    for (Path work : spark.workDirs()) {
      Path application;
      try (Stream<Path> applications = Files.list(work)) {
        application =
            applications
                .filter(Files::isDirectory)
                .max(Path::compareTo)
                .orElseThrow(
                    () ->
                        new AssertionError(
                            "worker "
                                + work
                                + " ran no executor for "
                                + run
                                + "\n"
                                + spark.logs()));
      }
      int finished = 0;
      try (Stream<Path> executors = Files.list(application)) {
        for (Path executor : executors.filter(Files::isDirectory).toList()) {
          Matcher matcher =
              FINISHED_TASK.matcher(
                  Files.readString(executor.resolve("stderr"), StandardCharsets.UTF_8));
          while (matcher.find()) {
            finished++;
          }
          assertThat(executor.resolve(JAR.getFileName().toString()))
              .as("the jar fetched by executor " + executor)
              .isRegularFile();
          assertThat(executor)
              .as("the libraries fetched by executor " + executor)
              .isDirectoryContaining("glob:**/iceberg-spark-runtime-*.jar")
              .isDirectoryContaining("glob:**/commons-csv-*.jar")
              .isDirectoryNotContaining("glob:**/spark-core_*.jar");
        }
      }
      tasks.put(work.getFileName(), finished);
      System.out.printf(
          "standalone cluster test: %s: %s ran %d tasks in %s%n",
          run, work.getFileName(), finished, application.getFileName());
    }
    assertThat(tasks.values())
        .as("tasks finished per worker in " + run)
        .allSatisfy(count -> assertThat(count).isPositive());
    return tasks;
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
        .filter(
            option ->
                option.startsWith("--add-opens")
                    || option.startsWith("-XX:+IgnoreUnrecognized")
                    || option.startsWith("-Dio.netty")
                    || option.startsWith("-Djdk.reflect"))
        .toList();
  }
}
