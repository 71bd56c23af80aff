package io.fleetcost.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a Java main class in a child JVM with this JVM's flags (the bench profile passes Spark's
 * {@code ${spark.jvm.flags}}) and class path but its own heap, timing the whole process and
 * sampling its peak resident set from {@code /proc/<pid>/status} every 200 ms.
 */
final class ChildJvm {
  private static final long SAMPLE_MILLIS = 200;

  /**
   * @param peakRssKb the highest VmHWM (peak resident set) seen, 0 where /proc is not there
   * @param cpuSeconds user + system CPU time at the last sample (up to 200 ms before the exit):
   *     less sensitive than the wall time to other work on the machine
   */
  record Finished(
      int exitCode,
      double wallSeconds,
      long peakRssKb,
      double cpuSeconds,
      Path stdout,
      Path stderr) {
    List<String> stderrLines() throws IOException {
      return Files.readAllLines(stderr);
    }

    String describe() {
      return "exit " + exitCode + "; see " + stdout + " and " + stderr;
    }
  }

  private ChildJvm() {}

  /** The flags this JVM was started with, less its heap settings. */
  static List<String> inheritedFlags() {
    List<String> flags = new ArrayList<>();
    for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (!argument.startsWith("-Xmx")
          && !argument.startsWith("-Xms")
          && !argument.startsWith("-XX:MaxRAM")) {
        flags.add(argument);
      }
    }
    return flags;
  }

  /**
   * Runs {@code mainClass} with {@code arguments}; its output goes to {@code <logs>/<name>.out} and
   * {@code .err}.
   */
  static Finished run(String name, String heap, String mainClass, List<String> arguments, Path logs)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(inheritedFlags());
    command.add("-Xmx" + heap);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(arguments);
    Files.createDirectories(logs);
    Path stdout = logs.resolve(name + ".out");
    Path stderr = logs.resolve(name + ".err");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
    builder.environment().putIfAbsent("SPARK_LOCAL_IP", "127.0.0.1");
    long started = System.nanoTime();
    Process process = builder.start();
    AtomicLong peakKb = new AtomicLong();
    AtomicLong cpuNanos = new AtomicLong();
    Path status = Path.of("/proc", Long.toString(process.pid()), "status");
    Thread sampler =
        new Thread(
            () -> {
              while (process.isAlive()) {
                peakKb.accumulateAndGet(peakResidentKb(status), Math::max);
                process
                    .info()
                    .totalCpuDuration()
                    .ifPresent(cpu -> cpuNanos.accumulateAndGet(cpu.toNanos(), Math::max));
                try {
                  Thread.sleep(SAMPLE_MILLIS);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "rss-sampler-" + name);
    sampler.setDaemon(true);
    sampler.start();
    int exitCode = process.waitFor();
    double wall = (System.nanoTime() - started) / 1e9;
    sampler.interrupt();
    sampler.join();
    return new Finished(exitCode, wall, peakKb.get(), cpuNanos.get() / 1e9, stdout, stderr);
  }

  /**
   * VmHWM (or VmRSS where the kernel has no HWM) in kB; 0 when the process is gone or /proc is
   * missing.
   */
  private static long peakResidentKb(Path status) {
    try {
      long rss = 0;
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
        if (line.startsWith("VmRSS:")) {
          rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
      return rss;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
