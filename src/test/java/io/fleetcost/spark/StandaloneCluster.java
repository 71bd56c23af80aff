package io.fleetcost.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Spark standalone cluster on 127.0.0.1: a master and workers, each a JVM of its own started from
 * the jars of a Spark installation ({@code sparkHome}: {@code jars/} and {@code conf/}, as a
 * distribution lays them out). Workers build their executors' command from {@code SPARK_HOME/jars}
 * and need {@code SPARK_SCALA_VERSION}; they run each executor in {@code
 * <work>/<worker>/<application id>/<executor id>/}, whose {@code stderr} is the executor's log.
 * {@link #close} stops the workers (their shutdown hooks stop the executors), then the master, and
 * whatever of theirs is still running; a shutdown hook does the same if the test JVM is stopped
 * first.
 */
final class StandaloneCluster implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final Path sparkHome;
  private final Path dir;
  private final List<String> jvmFlags;
  private final int masterPort;
  private final int masterWebUiPort;
  private final List<Process> processes = new ArrayList<>();
  private final List<Path> workDirs = new ArrayList<>();
  private final Thread shutdownHook = new Thread(this::stopAll, "standalone-cluster-stop");

  private StandaloneCluster(Path sparkHome, Path dir, List<String> jvmFlags) {
    this.sparkHome = sparkHome;
    this.dir = dir;
    this.jvmFlags = jvmFlags;
    this.masterPort = freePort();
    this.masterWebUiPort = freePort();
  }

  /**
   * Starts a master and {@code workers} workers of one core and 1 GB each; does not wait for them.
   */
  static StandaloneCluster start(Path sparkHome, Path dir, List<String> jvmFlags, int workers)
      throws IOException {
    StandaloneCluster cluster = new StandaloneCluster(sparkHome, dir, jvmFlags);
    Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
    try {
      cluster.launch(
          "master",
          Map.of(),
          List.of("-Dspark.master.rest.enabled=false"),
          List.of(
              "org.apache.spark.deploy.master.Master",
              "--host",
              "127.0.0.1",
              "--port",
              String.valueOf(cluster.masterPort),
              "--webui-port",
              String.valueOf(cluster.masterWebUiPort)));
      for (int i = 1; i <= workers; i++) {
        Path work = Files.createDirectories(dir.resolve("worker" + i));
        cluster.workDirs.add(work);
        cluster.launch(
            "worker" + i,
            Map.of("SPARK_HOME", sparkHome.toString(), "SPARK_SCALA_VERSION", "2.13"),
            List.of(),
            List.of(
                "org.apache.spark.deploy.worker.Worker",
                "--host",
                "127.0.0.1",
                "--cores",
                "1",
                "--memory",
                "1g",
                "--webui-port",
                String.valueOf(freePort()),
                "--work-dir",
                work.toString(),
                cluster.url()));
      }
    } catch (IOException | RuntimeException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  Path sparkHome() {
    return sparkHome;
  }

  String url() {
    return "spark://127.0.0.1:" + masterPort;
  }

  /** Each worker's folder of application and executor folders, in start order. */
  List<Path> workDirs() {
    return List.copyOf(workDirs);
  }

  /**
   * The environment every JVM of the cluster, and a driver talking to it, runs with: loopback only.
   */
  static Map<String, String> loopbackEnvironment() {
    return Map.of("SPARK_LOCAL_IP", "127.0.0.1", "SPARK_LOCAL_HOSTNAME", "127.0.0.1");
  }

  /** The class path of the installation's own jars, as {@code spark-submit} runs with it. */
  String classPath() {
    return sparkHome.resolve("conf")
        + java.io.File.pathSeparator
        + sparkHome.resolve("jars")
        + java.io.File.separator
        + "*";
  }

  private void launch(
      String name,
      Map<String, String> environment,
      List<String> properties,
      List<String> mainAndArguments)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmFlags);
    command.add("-Xmx256m");
    command.addAll(properties);
    // the daemons log at Spark's default level (INFO) into their own files; conf/ holds the
    // executors' settings
    command.add("-cp");
    command.add(sparkHome.resolve("jars") + java.io.File.separator + "*");
    command.addAll(mainAndArguments);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectOutput(dir.resolve(name + ".out").toFile())
            .redirectError(dir.resolve(name + ".log").toFile());
    builder.environment().putAll(loopbackEnvironment());
    builder.environment().putAll(environment);
    synchronized (processes) {
      processes.add(builder.start());
    }
  }

  /**
   * Waits until the master lists {@code count} live workers; fails with the daemons' logs when it
   * does not.
   */
  void awaitWorkers(int count) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    URI status = URI.create("http://127.0.0.1:" + masterWebUiPort + "/json/");
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    int alive = 0;
    while (System.nanoTime() < deadline) {
      synchronized (processes) {
        for (Process process : processes) {
          if (!process.isAlive()) {
            throw new IllegalStateException(
                "a cluster JVM exited with " + process.exitValue() + "\n" + logs());
          }
        }
      }
      try {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(status).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode json = new ObjectMapper().readTree(response.body());
        alive = json.path("aliveworkers").asInt();
        if (alive >= count) {
          return;
        }
      } catch (IOException notUpYet) {
        // the master's web UI is not listening yet
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException(
        alive + " of " + count + " workers registered after " + START_TIMEOUT + "\n" + logs());
  }

  /** The daemons' logs, for a failure message. */
  String logs() {
    StringBuilder text = new StringBuilder();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".log")).sorted().toList()) {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        text.append("== ").append(file.getFileName()).append(" (last 40 lines)\n");
        lines
            .subList(Math.max(0, lines.size() - 40), lines.size())
            .forEach(line -> text.append(line).append('\n'));
      }
    } catch (IOException e) {
      text.append("(logs not readable: ").append(e.getMessage()).append(")\n");
    }
    return text.toString();
  }

  @Override
  public void close() {
    stopAll();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // the JVM is already stopping: the hook runs or has run
    }
  }

  /**
   * Workers first (SIGTERM: their shutdown hooks stop their executors), then the master; then
   * anything left of theirs.
   */
  private void stopAll() {
    List<Process> started;
    synchronized (processes) {
      started = List.copyOf(processes);
    }
    List<ProcessHandle> descendants = new ArrayList<>();
    for (Process process : started) {
      process.descendants().forEach(descendants::add);
    }
    for (int i = started.size() - 1; i >= 0; i--) {
      stop(started.get(i).toHandle());
    }
    descendants.forEach(StandaloneCluster::stop);
  }

  private static void stop(ProcessHandle process) {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      process.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception notStopped) {
      process.destroyForcibly();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
