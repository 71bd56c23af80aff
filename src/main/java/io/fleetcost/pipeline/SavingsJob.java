package io.fleetcost.pipeline;

import static io.fleetcost.model.CostColumns.CHARGE_PERIOD_END;
import static io.fleetcost.model.CostColumns.PROVIDER_NAME;
import static io.fleetcost.model.CostColumns.RESOURCE_ID;
import static io.fleetcost.model.CostColumns.RESOURCE_NAME;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;

import io.fleetcost.billing.window.BillWindow;
import io.fleetcost.catalog.Catalog;
import io.fleetcost.config.SavingsConfig;
import io.fleetcost.config.SavingsThresholds;
import io.fleetcost.report.CostAnalysis;
import io.fleetcost.report.OpportunityExport;
import io.fleetcost.savings.FleetAssembly;
import io.fleetcost.savings.Opportunity;
import io.fleetcost.savings.ProfiledGpu;
import io.fleetcost.savings.SavingsEngine;
import io.fleetcost.savings.SavingsResult;
import io.fleetcost.scan.BillingGovernance;
import io.fleetcost.spark.ProgressReporter;
import io.fleetcost.telemetry.GpuDays;
import io.fleetcost.telemetry.GpuProfiles;
import io.fleetcost.telemetry.GpuSampleColumns;
import io.fleetcost.telemetry.NodeInventory;
import io.fleetcost.telemetry.ResourceKeys;
import io.fleetcost.telemetry.SampleKeys;
import io.fleetcost.telemetry.WorkloadProfiles;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Join, profile and savings (DESIGN.md steps 3 and 5): keys every GPU sample to its billed
 * resource, writes per-GPU and per-workload profiles over the lookback window, sums each GPU
 * resource's bill over the same window, joins the two, runs the savings engine and writes {@code
 * opportunities.json} and {@code opportunities.csv}.
 *
 * <p>The window ends at the end of the run date (UTC), or at the hour after the newest telemetry
 * sample when that is earlier (so that a run over last month's exports analyses last month), and
 * starts {@code lookback-days} before. Without telemetry it ends at the newest billing charge
 * instead.
 */
final class SavingsJob {
  public static final String PROFILES_PREFIX = "profiles/";
  public static final String GPU_PROFILES = PROFILES_PREFIX + "gpu_profiles";
  public static final String WORKLOAD_PROFILES = PROFILES_PREFIX + "workload_profiles";
  public static final String OPPORTUNITIES_JSON = "opportunities.json";
  public static final String OPPORTUNITIES_CSV = "opportunities.csv";

  private final SparkSession spark;
  private final ProgressReporter progress;

  /**
   * What the profiles read of a sample: the window's samples are kept in memory with these columns
   * only.
   */
  private static final List<String> PROFILE_COLUMNS =
      List.of(
          GpuProfiles.RESOURCE_KEY,
          "gpu_key",
          GpuProfiles.JOINED_BY,
          GpuSampleColumns.SAMPLE_TIME,
          GpuProfiles.ACTIVITY,
          GpuSampleColumns.FB_USED_MIB,
          GpuSampleColumns.FB_TOTAL_MIB,
          GpuSampleColumns.GPU_MODEL,
          GpuSampleColumns.MIG_PROFILE,
          GpuSampleColumns.CLUSTER,
          GpuSampleColumns.NODE,
          GpuSampleColumns.GPU_INDEX,
          GpuSampleColumns.NAMESPACE,
          GpuSampleColumns.POD);

  public SavingsJob(SparkSession spark, ProgressReporter progress) {
    this.spark = spark;
    this.progress = progress;
  }

  /** What the stage found; {@code outputs} are the names it wrote into the output directory. */
  public record Result(
      CostAnalysis costAnalysis,
      SavingsResult savings,
      FleetAssembly.Coverage coverage,
      long gpuProfiles,
      long workloadProfiles,
      BillingGovernance governance,
      List<String> outputs,
      List<ProfiledGpu> gpus) {
    public Result {
      gpus = List.copyOf(gpus);
    }
  }

  /**
   * A date to find the savings of, and the directory its outputs go to: null for a date whose
   * outputs are not kept (a seeded date's history is all that is kept of it).
   */
  public record Dated(LocalDate runDate, OutputDirectory output) {}

  /** A date's window and its GPUs' profiles, before the bill is joined to them. */
  private record Profiled(
      Dated date,
      CostAnalysis.Window window,
      SavingsThresholds thresholds,
      List<ProfiledGpu> gpus,
      long workloads,
      List<String> outputs) {}

  /**
   * @param gpuDays the daily aggregates of the telemetry ({@link GpuDays}; at least the window's
   *     days), or null when the job reads no telemetry
   * @param lastSample the newest sample time, or null
   */
  public Result run(
      Dataset<Row> normalized,
      Dataset<Row> gpuDays,
      String lastSample,
      NodeInventory inventory,
      SavingsConfig config,
      BigDecimal untaggedSpendMaxFraction,
      Catalog catalog,
      LocalDate runDate,
      OutputDirectory output) {
    return run(
            normalized,
            gpuDays,
            lastSample,
            inventory,
            config,
            untaggedSpendMaxFraction,
            catalog,
            List.of(new Dated(runDate, output)))
        .get(0);
  }

  /**
   * The savings of several dates (a seeded or backfilled history): each date's GPUs are profiled
   * over its own window, then the windows' bills are summed in one pass ({@link BillWindow#bills}).
   */
  public List<Result> run(
      Dataset<Row> normalized,
      Dataset<Row> gpuDays,
      String lastSample,
      NodeInventory inventory,
      SavingsConfig config,
      BigDecimal untaggedSpendMaxFraction,
      Catalog catalog,
      List<Dated> dates) {
    List<Profiled> profiled = new ArrayList<>();
    for (Dated date : dates) {
      profiled.add(profile(normalized, gpuDays, lastSample, inventory, config, date));
    }
    List<BillWindow.Bill> bills = bill(normalized, profiled, config, untaggedSpendMaxFraction);
    List<Result> results = new ArrayList<>();
    for (int i = 0; i < profiled.size(); i++) {
      results.add(decide(profiled.get(i), bills.get(i), catalog, config));
    }
    return results;
  }

  private Profiled profile(
      Dataset<Row> normalized,
      Dataset<Row> gpuDays,
      String lastSample,
      NodeInventory inventory,
      SavingsConfig config,
      Dated date) {
    CostAnalysis.Window window =
        window(normalized, lastSample, date.runDate(), config.lookbackDays());
    SavingsThresholds thresholds = config.thresholds().resolve();
    GpuProfiles.Settings settings =
        new GpuProfiles.Settings(
            Instant.parse(window.start()),
            Instant.parse(window.end()),
            config.sampleGapLimitSeconds(),
            thresholds.idleP99Percent(),
            thresholds.idleMeanPercent());
    ProfiledGpus profiled =
        gpuDays == null
            ? new ProfiledGpus(new ArrayList<>(), 0, new ArrayList<>())
            : profileGpus(gpuDays, inventory, settings, window, date.output());
    return new Profiled(
        date, window, thresholds, profiled.gpus(), profiled.workloads(), profiled.outputs());
  }

  /** A window's GPU profiles, its count of workload profiles and the outputs it wrote. */
  private record ProfiledGpus(List<ProfiledGpu> gpus, long workloads, List<String> outputs) {}

  /**
   * The GPUs' and workloads' profiles over the window, merged from the daily aggregates; written to
   * {@code output}, or only collected and counted when it is null.
   */
  private ProfiledGpus profileGpus(
      Dataset<Row> gpuDays,
      NodeInventory inventory,
      GpuProfiles.Settings settings,
      CostAnalysis.Window window,
      OutputDirectory output) {
    try (ProgressReporter.Stage stage =
        progress.start("profile GPUs", window.start() + " to " + window.end(), () -> "")) {
      GpuProfiles.ResourceKeying keying =
          sets ->
              SampleKeys.withInventory(spark, sets, inventory)
                  .withColumn(GpuProfiles.RESOURCE_KEY, SampleKeys.resourceKey())
                  .withColumn(GpuProfiles.JOINED_BY, SampleKeys.joinedBy());
      spark.sparkContext().setJobGroup("fleetcost-profiles", "Profiles: per GPU", false);
      GpuProfiles.Profiles profiles = GpuProfiles.fromDays(gpuDays, keying, settings);
      ProfiledGpus profiled;
      try {
        profiled =
            output == null ? collected(profiles, settings) : written(profiles, settings, output);
      } finally {
        profiles.release();
        spark.sparkContext().clearJobGroup();
      }
      stage.finish(profiled.gpus().size() + " GPUs, " + profiled.workloads() + " workloads");
      return profiled;
    }
  }

  /**
   * The profiles of a date whose outputs are not kept: the GPUs collected, the workloads counted.
   */
  private ProfiledGpus collected(GpuProfiles.Profiles profiles, GpuProfiles.Settings settings) {
    List<ProfiledGpu> gpus =
        ProfiledGpuRows.profiledGpus(
            profiles.gpus().orderBy(GpuProfiles.RESOURCE_KEY, "gpu_key").collectAsList());
    spark.sparkContext().setJobGroup("fleetcost-profiles", "Profiles: per workload", false);
    long workloads = WorkloadProfiles.perWorkload(spark, profiles, settings).count();
    return new ProfiledGpus(gpus, workloads, new ArrayList<>());
  }

  /** The profiles written to the output, then read back from it. */
  private ProfiledGpus written(
      GpuProfiles.Profiles profiles, GpuProfiles.Settings settings, OutputDirectory output) {
    String gpuPath = output.staged(GPU_PROFILES);
    String workloadPath = output.staged(WORKLOAD_PROFILES);
    profiles.gpus().write().mode(SaveMode.ErrorIfExists).parquet(gpuPath);
    spark.sparkContext().setJobGroup("fleetcost-profiles", "Profiles: per workload", false);
    WorkloadProfiles.perWorkload(spark, profiles, settings)
        .write()
        .mode(SaveMode.ErrorIfExists)
        .parquet(workloadPath);
    List<ProfiledGpu> gpus =
        ProfiledGpuRows.profiledGpus(
            spark
                .read()
                .parquet(gpuPath)
                .orderBy(GpuProfiles.RESOURCE_KEY, "gpu_key")
                .collectAsList());
    long workloads = spark.read().parquet(workloadPath).count();
    return new ProfiledGpus(
        gpus, workloads, new ArrayList<>(List.of(GPU_PROFILES, WORKLOAD_PROFILES)));
  }

  private List<BillWindow.Bill> bill(
      Dataset<Row> normalized,
      List<Profiled> profiled,
      SavingsConfig config,
      BigDecimal untaggedSpendMaxFraction) {
    List<BillWindow.Span> spans = new ArrayList<>();
    for (Profiled p : profiled) {
      spans.add(
          new BillWindow.Span(
              Instant.parse(p.window().start()),
              Instant.parse(p.window().end()),
              p.gpus().stream().map(ProfiledGpu::resourceKey).toList()));
    }
    CostAnalysis.Window first = profiled.get(0).window();
    CostAnalysis.Window last = profiled.get(profiled.size() - 1).window();
    String detail =
        profiled.size() == 1
            ? first.start() + " to " + first.end()
            : first.start() + " to " + last.end() + " (" + profiled.size() + " windows)";
    try (ProgressReporter.Stage stage =
        progress.start("sum the bill of the window", detail, () -> "")) {
      spark
          .sparkContext()
          .setJobGroup("fleetcost-savings", "Savings: the bill of the window", false);
      List<BillWindow.Bill> bills;
      try {
        bills =
            BillWindow.bills(
                spark,
                normalized,
                spans,
                ResourceKeys.fromBill(col(PROVIDER_NAME), col(RESOURCE_ID), col(RESOURCE_NAME)),
                config.ownerTags(),
                untaggedSpendMaxFraction);
      } finally {
        spark.sparkContext().clearJobGroup();
      }
      java.util.IntSummaryStatistics billed =
          bills.stream().mapToInt(b -> b.resources().size()).summaryStatistics();
      stage.finish(
          bills.size() == 1
              ? billed.getMax() + " GPU resources billed"
              : billed.getMin()
                  + " to "
                  + billed.getMax()
                  + " GPU resources billed in each of "
                  + bills.size()
                  + " windows");
      return bills;
    }
  }

  private Result decide(
      Profiled profiled, BillWindow.Bill bill, Catalog catalog, SavingsConfig config) {
    FleetAssembly.Assembly assembly =
        FleetAssembly.assemble(bill.resources(), profiled.gpus(), config.ownerTags());
    SavingsResult result =
        new SavingsEngine(catalog, profiled.thresholds()).evaluate(assembly.resources());
    CostAnalysis analysis =
        CostAnalysis.of(
            profiled.window(),
            bill.spend(),
            assembly.coverage(),
            assembly.resources().size(),
            result,
            profiled.workloads(),
            config.exchangeRatesToUsd());

    List<Map<String, Object>> records = new ArrayList<>();
    int rank = 0;
    for (Opportunity o : result.opportunities()) {
      records.add(
          OpportunityExport.record(++rank, o, rate(config.exchangeRatesToUsd(), o.currency())));
    }
    OutputDirectory output = profiled.date().output();
    List<String> outputs = new ArrayList<>(profiled.outputs());
    if (output != null) {
      output.writeText(OPPORTUNITIES_JSON, OpportunityExport.json(records));
      output.writeText(OPPORTUNITIES_CSV, OpportunityExport.csv(records));
      outputs.add(OPPORTUNITIES_JSON);
      outputs.add(OPPORTUNITIES_CSV);
    }
    return new Result(
        analysis,
        result,
        assembly.coverage(),
        profiled.gpus().size(),
        profiled.workloads(),
        bill.governance(),
        outputs,
        profiled.gpus());
  }

  /** The settings of the daily aggregates the job's savings configuration asks for. */
  public static GpuDays.Settings daySettings(SavingsConfig config) {
    SavingsThresholds thresholds = config.thresholds().resolve();
    return new GpuDays.Settings(
        config.sampleGapLimitSeconds(), thresholds.idleP99Percent(), thresholds.idleMeanPercent());
  }

  private static BigDecimal rate(Map<String, BigDecimal> rates, String currency) {
    return "USD".equals(currency) ? BigDecimal.ONE : rates.get(currency);
  }

  private CostAnalysis.Window window(
      Dataset<Row> normalized, String lastSample, LocalDate runDate, int lookbackDays) {
    Instant runEnd = runDate.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant end = runEnd;
    String endedBy = "end of the run date";
    if (lastSample != null) {
      Instant dataEnd = ceilDay(Instant.parse(lastSample).plusSeconds(1));
      if (dataEnd.isBefore(end)) {
        end = dataEnd;
        endedBy = "newest telemetry sample";
      }
    } else {
      Row newest = normalized.agg(max(col(CHARGE_PERIOD_END))).first();
      if (!newest.isNullAt(0)) {
        Instant dataEnd = ceilHour(((Timestamp) newest.get(0)).toInstant());
        if (dataEnd.isBefore(end)) {
          end = dataEnd;
          endedBy = "newest billing charge";
        }
      }
    }
    Instant start = end.minus(lookbackDays, ChronoUnit.DAYS);
    return new CostAnalysis.Window(
        start.toString(), end.toString(), lookbackDays, lookbackDays * 24d, endedBy);
  }

  /**
   * Profiles are merged from whole days ({@link GpuDays}): a window ended by the data ends at the
   * next midnight.
   */
  private static Instant ceilDay(Instant instant) {
    Instant floor = instant.truncatedTo(ChronoUnit.DAYS);
    return floor.equals(instant) ? floor : floor.plus(1, ChronoUnit.DAYS);
  }

  private static Instant ceilHour(Instant instant) {
    Instant floor = instant.truncatedTo(ChronoUnit.HOURS);
    return floor.equals(instant) ? floor : floor.plus(1, ChronoUnit.HOURS);
  }
}
