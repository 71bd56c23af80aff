package io.fleetcost.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetcost.config.SavingsThresholds;
import io.fleetcost.samplefleet.PricingModel;
import io.fleetcost.samplefleet.SyntheticFleet;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The fleet benchmark (docs/benchmark.md): generates a fleet of N GPUs in FleetCost's input formats
 * (DCGM JSON, CUR 2.0, node list), runs {@code fleetcost run} on it in a child JVM (whole process
 * timed, peak RSS sampled, stage times read from its progress lines), then computes the same
 * per-GPU profile with DuckDB in another child JVM and compares the two GPU by GPU. With {@code
 * --nightly}, two nights with history: the window, then one more day.
 *
 * <p>Options: {@code --gpus N} (1000), {@code --days D} (14), {@code --step 15m}, {@code
 * --bill-rows-per-gpu-day R} (7), {@code --telemetry-files-per-day F} (1; 0 = one file), {@code
 * --seed S}, {@code --start YYYY-MM-DD} (2026-11-01), {@code --heap 4g} (FleetCost's -Xmx), {@code
 * --master local[*]}, {@code --work DIR} (target/fleet-bench), {@code --nightly}, {@code --keep}
 * (keep the generated files and outputs), {@code --decoders N} (0: after the first run, time the
 * billing and telemetry decoders alone N times, {@link io.fleetcost.pipeline.DecodeThroughput}).
 */
public final class FleetBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FLEETCOST_MAIN = "io.fleetcost.cli.FleetCostMain";

  /** The benchmark's settings, from the command line. */
  record Settings(
      int gpus,
      int days,
      Duration step,
      int billRowsPerGpuDay,
      int telemetryFilesPerDay,
      long seed,
      LocalDate start,
      String heap,
      String master,
      Path work,
      boolean nightly,
      boolean keep,
      int decoderRepeats) {
    static Settings of(Map<String, String> options) {
      return new Settings(
          Integer.parseInt(options.getOrDefault("gpus", "1000")),
          Integer.parseInt(options.getOrDefault("days", "14")),
          parseStep(options.getOrDefault("step", "15m")),
          Integer.parseInt(options.getOrDefault("bill-rows-per-gpu-day", "7")),
          Integer.parseInt(options.getOrDefault("telemetry-files-per-day", "1")),
          Long.parseLong(options.getOrDefault("seed", "20261101")),
          LocalDate.parse(options.getOrDefault("start", "2026-11-01")),
          options.getOrDefault("heap", "4g"),
          options.getOrDefault("master", "local[*]"),
          Path.of(options.getOrDefault("work", "target/fleet-bench")).toAbsolutePath(),
          Boolean.parseBoolean(options.getOrDefault("nightly", "false")),
          Boolean.parseBoolean(options.getOrDefault("keep", "false")),
          Integer.parseInt(options.getOrDefault("decoders", "0")));
    }
  }

  /** A finished FleetCost run: the process, its stages and its summary.json. */
  record FleetCostRun(ChildJvm.Finished process, StageTimes stages, JsonNode summary) {
    long count(String key) {
      return summary.path("row_counts").path(key).asLong();
    }
  }

  public static void main(String[] args) throws Exception {
    Settings settings = Settings.of(options(args));
    deleteRecursively(settings.work());
    SyntheticFleet fleet =
        SyntheticFleet.generate(
            settings.gpus(), settings.days(), settings.step(), settings.start(), settings.seed());
    FleetInputs inputs =
        new FleetInputs(
            settings.work().resolve("data"),
            fleet,
            settings.telemetryFilesPerDay(),
            settings.billRowsPerGpuDay());
    printFleet(settings, fleet);
    FleetInputs.Written written = inputs.write(fleet.firstDay(), fleet.lastDay());
    printGenerated(written);

    boolean agreed;
    if (settings.nightly()) {
      agreed = nightly(settings, inputs, written);
    } else {
      FleetCostRun run = runFleetCost(settings, inputs, "run", true);
      printRun("fleetcost run", settings, run, Generated.of(written));
      decoders(settings, "run");
      agreed = duckDb(settings, inputs, run);
    }
    System.out.println("load average at the end: " + loadAverage());
    if (!settings.keep()) {
      deleteRecursively(settings.work());
    }
    System.exit(agreed ? 0 : 1);
  }

  /**
   * Night 1 over the window with history on; night 2 with one more day of telemetry and bill, one
   * day later.
   */
  private static boolean nightly(Settings settings, FleetInputs inputs, FleetInputs.Written first)
      throws Exception {
    FleetCostRun night1 = runFleetCost(settings, inputs, "night-1", false);
    printRun(
        "night 1 (" + inputs.fleet().lastDay() + ", history on, empty warehouse)",
        settings,
        night1,
        Generated.of(first));
    decoders(settings, "night-1");

    FleetInputs next = inputs.extendedBy(1);
    LocalDate newDay = next.fleet().lastDay();
    FleetInputs.Written appended = next.write(newDay, newDay);
    System.out.printf(
        Locale.ROOT,
        "appended %s in %.1f s (not counted): telemetry %d files, %,d values; bill %d part, %,d rows%n",
        newDay,
        appended.seconds(),
        appended.telemetry().files().size(),
        appended.telemetry().values(),
        appended.bill().files().size(),
        appended.bill().rows());
    FleetCostRun night2 = runFleetCost(settings, next, "night-2", false);
    // an incremental night reads only the new day's files: its counts and bill total are compared
    // with the new day's
    printRun(
        "night 2 (" + newDay + ", one more day appended)",
        settings,
        night2,
        Generated.of(appended));
    return duckDb(settings, next, night2);
  }

  /** Writes the job file for the inputs' last day and runs it in a child JVM. */
  static FleetCostRun runFleetCost(
      Settings settings, FleetInputs inputs, String name, boolean noHistory) throws Exception {
    Path work = settings.work();
    Path job =
        BenchJobFile.write(
            work.resolve(name + ".yaml"),
            inputs,
            inputs.fleet().lastDay(),
            settings.days(),
            work.resolve("out"),
            work.resolve("history"),
            settings.master());
    List<String> arguments = new ArrayList<>(List.of("run", job.toString()));
    if (noHistory) {
      arguments.add("--no-history");
    }
    ChildJvm.Finished process =
        ChildJvm.run(name, settings.heap(), FLEETCOST_MAIN, arguments, work.resolve("logs"));
    StageTimes stages = StageTimes.parse(process.stderrLines());
    Path summaryFile = work.resolve("out").resolve("summary.json");
    JsonNode summary =
        Files.exists(summaryFile) ? JSON.readTree(summaryFile.toFile()) : JSON.createObjectNode();
    if (process.exitCode() != 0) {
      System.out.println("fleetcost " + name + " failed: " + process.describe());
      List<String> err = process.stderrLines();
      err.subList(Math.max(0, err.size() - 30), err.size())
          .forEach(line -> System.out.println("  | " + line));
      System.exit(1);
    }
    return new FleetCostRun(process, stages, summary);
  }

  /**
   * The decoders alone on the files of the run's job file, in their own JVM with FleetCost's heap:
   * billing files to normalized rows, Prometheus JSON to GPU samples, each into Spark's no-op sink,
   * {@code --decoders} times.
   */
  private static void decoders(Settings settings, String name) throws Exception {
    if (settings.decoderRepeats() <= 0) {
      return;
    }
    Path result = settings.work().resolve("logs").resolve("decoders-result.properties");
    ChildJvm.Finished process =
        ChildJvm.run(
            "decoders",
            settings.heap(),
            "io.fleetcost.pipeline.DecodeThroughput",
            List.of(
                "--job",
                settings.work().resolve(name + ".yaml").toString(),
                "--repeat",
                Integer.toString(settings.decoderRepeats()),
                "--result",
                result.toString()),
            settings.work().resolve("logs"));
    if (process.exitCode() != 0 || !Files.exists(result)) {
      System.out.println("decoders failed: " + process.describe());
      Files.readAllLines(process.stderr()).stream()
          .limit(30)
          .forEach(line -> System.out.println("  | " + line));
      return;
    }
    Properties measured = new Properties();
    try (var in = Files.newInputStream(result)) {
      measured.load(in);
    }
    System.out.printf(
        Locale.ROOT,
        "decoders alone (noop sink, %d runs in one child JVM of %.1f s, peak RSS %s; min / median / max):%n",
        settings.decoderRepeats(),
        process.wallSeconds(),
        megabytes(process.peakRssKb()));
    long billingRows = Long.parseLong(measured.getProperty("billing_rows"));
    printDecoder(
        "billing normalization",
        billingRows,
        "rows",
        measured.getProperty("billing_files"),
        measured.getProperty("billing_seconds"));
    long decodedRows = Long.parseLong(measured.getProperty("billing_rows_decoded", "0"));
    if (billingRows > 0 && decodedRows != billingRows) {
      System.out.printf(
          Locale.ROOT,
          "  %-22s each repetition decoded %,d rows: %.1f passes over the files (the duplicate comparison's hash job reads them first)%n",
          "",
          decodedRows,
          decodedRows / (double) billingRows);
    }
    printDecoder(
        "telemetry decode",
        Long.parseLong(measured.getProperty("telemetry_values")),
        "values",
        measured.getProperty("telemetry_files"),
        measured.getProperty("telemetry_seconds"));
  }

  private static void printDecoder(
      String what, long count, String unit, String files, String seconds) {
    if (seconds == null || seconds.isEmpty()) {
      return;
    }
    double[] times =
        java.util.Arrays.stream(seconds.split(","))
            .mapToDouble(Double::parseDouble)
            .sorted()
            .toArray();
    double median = times[times.length / 2];
    System.out.printf(
        Locale.ROOT,
        "  %-22s %,d %s from %s files in %.2f / %.2f / %.2f s = %,.0f %s/s at the median (%,.0f at the best)%n",
        what,
        count,
        unit,
        files,
        times[0],
        median,
        times[times.length - 1],
        count / median,
        unit,
        count / times[0]);
  }

  /** DuckDB's profile of the same files in its own JVM, compared with the run's gpu_profiles. */
  private static boolean duckDb(Settings settings, FleetInputs inputs, FleetCostRun run)
      throws Exception {
    try {
      Class.forName("org.duckdb.DuckDBDriver");
    } catch (ClassNotFoundException e) {
      System.out.println("duckdb: not on the class path (run with -Pbench to compare)");
      return true;
    }
    JsonNode window = run.summary().path("cost_analysis").path("window");
    Path result = settings.work().resolve("logs").resolve("duckdb-result.properties");
    ChildJvm.Finished process =
        ChildJvm.run(
            "duckdb",
            "1g",
            DuckDbProfiles.class.getName(),
            List.of(
                "--telemetry", inputs.telemetryFolder().toString(),
                "--window-start", window.path("start").asText(),
                "--window-end", window.path("end").asText(),
                "--active-percent", Double.toString(SavingsThresholds.DEFAULTS.idleP99Percent()),
                "--fleetcost-profiles",
                    settings
                        .work()
                        .resolve("out")
                        .resolve("profiles")
                        .resolve("gpu_profiles")
                        .toString(),
                "--result", result.toString()),
            settings.work().resolve("logs"));
    Files.readAllLines(process.stdout()).forEach(System.out::println);
    if (process.exitCode() != 0 || !Files.exists(result)) {
      System.out.println("duckdb failed: " + process.describe());
      Files.readAllLines(process.stderr()).stream()
          .limit(30)
          .forEach(line -> System.out.println("  | " + line));
      return false;
    }
    Properties measured = DuckDbProfiles.read(result);
    double cold = Double.parseDouble(measured.getProperty("cold_seconds"));
    double warm = Double.parseDouble(measured.getProperty("warm_seconds"));
    double compare = Double.parseDouble(measured.getProperty("compare_seconds"));
    System.out.printf(
        Locale.ROOT,
        "duckdb child JVM: %.1f s for the whole process (JVM start, DuckDB load, cold and warm query, %.1f s comparison), CPU %.1f s, peak RSS %s%n",
        process.wallSeconds(),
        compare,
        process.cpuSeconds(),
        megabytes(process.peakRssKb()));
    double profile = run.stages().seconds("profile GPUs");
    double ingest = run.stages().seconds("ingest telemetry");
    System.out.printf(
        Locale.ROOT,
        "fleetcost 'profile GPUs' / duckdb cold query = %.1fx (warm %.1fx); fleetcost telemetry ingest + profile / duckdb cold = %.1fx%n",
        profile / cold,
        profile / warm,
        (ingest + profile) / cold);
    long agreeing = Long.parseLong(measured.getProperty("agreeing"));
    long compared = Long.parseLong(measured.getProperty("compared"));
    return agreeing == compared && compared == inputs.fleet().gpus();
  }

  private static void printFleet(Settings settings, SyntheticFleet fleet) {
    Map<String, Long> types = new TreeMap<>();
    long spot = 0;
    for (var node : fleet.nodes()) {
      types.merge(node.instanceType(), 1L, Long::sum);
      spot += node.pricing() == PricingModel.SPOT ? 1 : 0;
    }
    Map<SyntheticFleet.UsagePattern, Long> patterns =
        new EnumMap<>(SyntheticFleet.UsagePattern.class);
    fleet.patterns().forEach(p -> patterns.merge(p, 1L, Long::sum));
    System.out.printf(
        Locale.ROOT,
        "fleet: %,d GPUs%s on %,d nodes %s, %d on spot; cluster %s; GPUs %s%n",
        fleet.gpus(),
        fleet.gpus() == settings.gpus()
            ? ""
            : " (" + settings.gpus() + " asked, rounded up to whole 8-GPU nodes)",
        fleet.nodes().size(),
        types,
        spot,
        fleet.cluster(),
        patterns.toString().toLowerCase(Locale.ROOT));
    System.out.printf(
        Locale.ROOT,
        "window: %d days, %s to %s, a sample every %s (%,d per GPU); %d telemetry file%s a day; %d bill rows per GPU-day; seed %d%n",
        fleet.days(),
        fleet.firstDay(),
        fleet.lastDay(),
        settings.step().toString().substring(2).toLowerCase(Locale.ROOT),
        fleet.steps(),
        settings.telemetryFilesPerDay(),
        settings.telemetryFilesPerDay() == 1 ? "" : "s",
        settings.billRowsPerGpuDay(),
        settings.seed());
    System.out.printf(
        Locale.ROOT,
        "machine: %d cores, Java %s, load average %s; fleetcost child JVM -Xmx%s, master %s%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"),
        loadAverage(),
        settings.heap(),
        settings.master());
  }

  private static void printGenerated(FleetInputs.Written written) {
    System.out.printf(
        Locale.ROOT,
        "generated in %.1f s (not counted; this JVM's peak RSS %s): telemetry %d files, %,d series, %,d values, %.1f MB;"
            + " bill %d CSV parts, %,d rows, %.1f MB, USD %s%n",
        written.seconds(),
        megabytes(ownPeakRssKb()),
        written.telemetry().files().size(),
        written.telemetry().series(),
        written.telemetry().values(),
        written.telemetry().bytes() / 1e6,
        written.bill().files().size(),
        written.bill().rows(),
        written.bill().bytes() / 1e6,
        written.bill().unblendedCost().toPlainString());
  }

  /**
   * What the generator wrote and FleetCost should read: bill rows, their USD total, telemetry
   * values.
   */
  record Generated(long billRows, BigDecimal billUsd, long values) {
    static Generated of(FleetInputs.Written written) {
      return new Generated(
          written.bill().rows(), written.bill().unblendedCost(), written.telemetry().values());
    }
  }

  private static void printRun(
      String title, Settings settings, FleetCostRun run, Generated written) {
    JsonNode summary = run.summary();
    System.out.printf(
        Locale.ROOT,
        "%s: status %s, wall %.1f s (child JVM, whole process), CPU %.1f s, peak RSS %s%n",
        title,
        summary.path("status").asText("?"),
        run.process().wallSeconds(),
        run.process().cpuSeconds(),
        megabytes(run.process().peakRssKb()));
    for (StageTimes.Stage stage : run.stages().stages()) {
      String outcome =
          stage.outcome().length() > 100
              ? stage.outcome().substring(0, 97) + "..."
              : stage.outcome();
      System.out.printf(
          Locale.ROOT, "  %-28s %7.1f s  %s%n", stage.name(), stage.seconds(), outcome);
    }
    System.out.printf(
        Locale.ROOT,
        "  %-28s %7.1f s  (JVM and Spark start, job file, catalog, summary; wall minus the stages)%n",
        "outside the stages",
        run.process().wallSeconds() - run.stages().sum());
    long billRows = run.count("billing_rows_read");
    long values = run.count("telemetry_values_read");
    double billing = run.stages().seconds("ingest billing");
    double telemetry = run.stages().seconds("ingest telemetry");
    System.out.printf(
        Locale.ROOT,
        "  billing: %,d rows read (generated for this run %,d) in %.1f s = %,.0f rows/s%n",
        billRows,
        written.billRows(),
        billing,
        billRows / Math.max(billing, 1e-9));
    System.out.printf(
        Locale.ROOT,
        "  telemetry: %,d values read (generated for this run %,d) in %.1f s = %,.0f values/s; %,d samples of %,d GPUs%n",
        values,
        written.values(),
        telemetry,
        values / Math.max(telemetry, 1e-9),
        summary.path("telemetry").path("samples").asLong(),
        summary.path("telemetry").path("gpus").asLong());
    BigDecimal billed = BigDecimal.ZERO;
    for (JsonNode totals : summary.path("billing").path("totals")) {
      billed = billed.add(new BigDecimal(totals.path("billed_cost").asText("0")));
    }
    System.out.printf(
        Locale.ROOT,
        "  bill total read reconciles with the generator's for this run: %s (USD %s)%n",
        billed.compareTo(written.billUsd()) == 0,
        billed.toPlainString());
  }

  /** The 1, 5 and 15-minute load averages: other work on the machine slows every figure. */
  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException | RuntimeException e) {
      return "n/a";
    }
  }

  /**
   * This JVM's VmHWM: the generator streams, so it stays about the same whatever the fleet's size.
   */
  private static long ownPeakRssKb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      return 0;
    }
    return 0;
  }

  private static String megabytes(long kb) {
    return kb == 0 ? "n/a" : String.format(Locale.ROOT, "%,.0f MB", kb / 1e3);
  }

  /** {@code 15m}, {@code 1h}, {@code 30s} or an ISO-8601 duration. */
  static Duration parseStep(String text) {
    String lower = text.strip().toLowerCase(Locale.ROOT);
    if (lower.startsWith("pt")) {
      return Duration.parse(text);
    }
    long amount = Long.parseLong(lower.substring(0, lower.length() - 1));
    return switch (lower.charAt(lower.length() - 1)) {
      case 's' -> Duration.ofSeconds(amount);
      case 'm' -> Duration.ofMinutes(amount);
      case 'h' -> Duration.ofHours(amount);
      default -> throw new IllegalArgumentException("a step is like 15m, 1h or 30s: " + text);
    };
  }

  /** {@code --name value} pairs; {@code --nightly} and {@code --keep} may stand alone (true). */
  static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument " + args[i]);
      }
      String key = args[i].substring(2);
      boolean flag = key.equals("nightly") || key.equals("keep");
      if (flag && (i + 1 == args.length || args[i + 1].startsWith("--"))) {
        options.put(key, "true");
      } else {
        options.put(key, args[++i]);
      }
    }
    return options;
  }

  static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private FleetBenchmark() {}
}
