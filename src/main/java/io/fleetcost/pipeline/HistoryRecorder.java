package io.fleetcost.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.fleetcost.config.JobConfig;
import io.fleetcost.history.CurrentMonthlyCost;
import io.fleetcost.history.FindingRow;
import io.fleetcost.history.GpuProfileRow;
import io.fleetcost.history.HistoryStore;
import io.fleetcost.history.InputStatus;
import io.fleetcost.history.OpportunityRow;
import io.fleetcost.history.RealizedRow;
import io.fleetcost.history.RealizedSavings;
import io.fleetcost.history.RecommendationRow;
import io.fleetcost.history.RunRow;
import io.fleetcost.history.SavingStatus;
import io.fleetcost.model.Money;
import io.fleetcost.quality.InputCoverage;
import io.fleetcost.report.CostAnalysis;
import io.fleetcost.savings.Opportunity;
import io.fleetcost.savings.ProfiledGpu;
import io.fleetcost.savings.RecommendationComparison;
import io.fleetcost.savings.SavingsResult;
import io.fleetcost.scan.Finding;
import io.fleetcost.scan.ScanResult;
import io.fleetcost.summary.SummaryJson;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Turns one run date's results into the history tables' rows and writes them: the bill's daily
 * spend up to the date, the GPU profiles, opportunities and findings, the realized-savings record
 * carried from the previous run date, and last the date's {@code runs} row.
 */
final class HistoryRecorder {
  private final HistoryStore store;
  private final JobConfig config;
  private final boolean billComplete;

  /**
   * @param billComplete false when a billing input is missing or stale: realized-savings tracking
   *     then pauses (an opportunity whose resource is absent from an incomplete bill is not closed
   *     as realized)
   */
  HistoryRecorder(HistoryStore store, JobConfig config, boolean billComplete) {
    this.store = store;
    this.config = config;
    this.billComplete = billComplete;
  }

  /** What the run knows about its inputs (the same for every date it records). */
  record InputFigures(
      long billingRowsRead,
      long billingRowsQuarantined,
      Map<String, Long> quarantinedByReason,
      long telemetryValuesRead,
      long telemetryValuesQuarantined) {}

  /**
   * @param normalized the bill, at least every row of the date's window
   * @param spendByDay {@link #dailySpend} up to a date no earlier than this one: the date keeps the
   *     days up to it
   * @param security the date's scan, or null for a seeded date (no scan of its own)
   * @param coverage the inputs' coverage of the date's window (empty for seeded dates)
   * @param external the run's comparison of a cloud's recommendations with its opportunities (empty
   *     for seeded dates and for jobs that import none)
   * @return the date's {@code runs} row
   */
  RunRow record(
      LocalDate date,
      String runId,
      boolean seeded,
      Dataset<Row> normalized,
      Dataset<Row> spendByDay,
      SavingsJob.Result savings,
      ScanResult security,
      InputFigures inputs,
      List<InputCoverage> coverage,
      List<RecommendationComparison.Row> external) {
    Map<String, BigDecimal> rates = config.savings().exchangeRatesToUsd();
    List<OpportunityRow> opportunities =
        opportunities(date, savings.savings().opportunities(), rates);
    List<RealizedRow> realized = realized(date, normalized, savings, opportunities, rates);
    List<GpuProfileRow> profiles = profiles(date, savings);
    List<FindingRow> findings = findings(date, security);
    RunRow run =
        runRow(
            new DateResults(date, runId, seeded, savings, security, opportunities, realized),
            inputs,
            coverage,
            recommendations(external, opportunities));
    store.write(
        date,
        new HistoryStore.DateRecords(
            spendByDay.filter(col("usage_date").leq(lit(Date.valueOf(date)))),
            profiles,
            opportunities,
            findings,
            realized,
            run));
    return run;
  }

  /**
   * The realized-savings record of the date: the previous run date's, carried on with this date's
   * opportunities and each tracked resource's cost now ({@link CurrentMonthlyCost}).
   */
  private List<RealizedRow> realized(
      LocalDate date,
      Dataset<Row> normalized,
      SavingsJob.Result savings,
      List<OpportunityRow> opportunities,
      Map<String, BigDecimal> rates) {
    List<RealizedRow> previous = store.previousRunDate(date).map(store::realized).orElse(List.of());
    List<String> tracked = new ArrayList<>();
    previous.forEach(r -> tracked.add(r.resourceId()));
    opportunities.forEach(o -> tracked.add(o.resourceId()));
    Map<String, BigDecimal> costs =
        CurrentMonthlyCost.monthlyCostUsd(
            normalized,
            Instant.parse(savings.costAnalysis().window().start()),
            Instant.parse(savings.costAnalysis().window().end()),
            tracked,
            rates);
    return RealizedSavings.track(date, previous, opportunities, costs, billComplete);
  }

  /** Each profiled GPU of the date, with the owner of its billed resource. */
  private static List<GpuProfileRow> profiles(LocalDate date, SavingsJob.Result savings) {
    Map<String, String> owners = new HashMap<>();
    for (SavingsResult.ResourceOutcome r : savings.savings().resources()) {
      owners.put(r.resourceId(), r.owner());
      owners.put(r.resourceId().toLowerCase(Locale.ROOT), r.owner());
    }
    List<GpuProfileRow> profiles = new ArrayList<>();
    for (ProfiledGpu gpu : savings.gpus()) {
      String owner =
          gpu.resourceKey() == null
              ? null
              : owners.getOrDefault(
                  gpu.resourceKey(), owners.get(gpu.resourceKey().toLowerCase(Locale.ROOT)));
      profiles.add(
          new GpuProfileRow(
              date,
              gpu.resourceKey(),
              gpu.usage().gpuKey(),
              gpu.cluster(),
              gpu.usage().node(),
              gpu.usage().gpuModel(),
              owner,
              gpu.usage().hours(),
              gpu.usage().mean(),
              gpu.usage().p95(),
              gpu.usage().idleHours(),
              gpu.usage().memoryMaxMib()));
    }
    return profiles;
  }

  /**
   * The GPUs' hours, idle hours and hour-weighted mean utilization, and how many GPUs fall in each
   * band of mean utilization.
   */
  private record GpuFigures(
      double gpuHours, double idleHours, double weighted, Map<String, Long> buckets) {
    static GpuFigures of(List<ProfiledGpu> gpus) {
      double gpuHours = 0;
      double idleHours = 0;
      double weighted = 0;
      Map<String, Long> buckets =
          new TreeMap<>(Map.of("0-10", 0L, "10-30", 0L, "30-60", 0L, "60-100", 0L));
      for (ProfiledGpu gpu : gpus) {
        gpuHours += gpu.usage().hours();
        idleHours += gpu.usage().idleHours();
        weighted += gpu.usage().mean() * gpu.usage().hours();
        double mean = gpu.usage().mean();
        buckets.merge(
            mean < 10 ? "0-10" : mean < 30 ? "10-30" : mean < 60 ? "30-60" : "60-100",
            1L,
            Long::sum);
      }
      return new GpuFigures(gpuHours, idleHours, weighted, buckets);
    }

    double meanUtilization() {
      return gpuHours == 0 ? 0 : weighted / gpuHours;
    }
  }

  /** The scan's findings (none for a date without a scan of its own). */
  private static List<FindingRow> findings(LocalDate date, ScanResult security) {
    List<FindingRow> findings = new ArrayList<>();
    if (security != null) {
      for (Finding f : security.findings()) {
        findings.add(
            new FindingRow(
                date,
                f.check().id(),
                f.check().title(),
                f.severity().name().toLowerCase(Locale.ROOT),
                f.check().weight(),
                f.file(),
                f.docIndex(),
                f.kind(),
                f.namespace(),
                f.name(),
                f.path(),
                f.message(),
                f.check().fix()));
      }
    }
    return findings;
  }

  /** The scan's findings by severity, or null for a date without a scan of its own. */
  private static Map<String, Long> findingsBySeverity(ScanResult security) {
    if (security == null) {
      return null;
    }
    Map<String, Long> bySeverity = new TreeMap<>();
    for (Finding f : security.findings()) {
      bySeverity.merge(f.severity().name().toLowerCase(Locale.ROOT), 1L, Long::sum);
    }
    return bySeverity;
  }

  /**
   * What the date's {@code runs} row is made of: the date's savings, its scan (null for a seeded
   * date) and its opportunities and realized savings as the history keeps them.
   */
  private record DateResults(
      LocalDate date,
      String runId,
      boolean seeded,
      SavingsJob.Result savings,
      ScanResult security,
      List<OpportunityRow> opportunities,
      List<RealizedRow> realized) {}

  private RunRow runRow(
      DateResults results,
      InputFigures inputs,
      List<InputCoverage> coverage,
      List<RecommendationRow> recommendations) {
    SavingsJob.Result savings = results.savings();
    CostAnalysis analysis = savings.costAnalysis();
    ScanResult security = results.security();
    GpuFigures gpus = GpuFigures.of(savings.gpus());
    return RunRow.builder()
        .runDate(results.date())
        .runId(results.runId())
        .job(config.name())
        .organization(config.organizationName().orElse(config.name()))
        .seeded(results.seeded())
        .windowStart(analysis.window().start())
        .windowEnd(analysis.window().end())
        .spendMonthlyUsd(cents(analysis.monthlyEstimateUsd()))
        .gpuSpendMonthlyUsd(cents(analysis.gpuMonthlyCostUsd()))
        .identifiedMonthlyUsd(cents(analysis.identifiedMonthlySavingsUsd()))
        .opportunities(results.opportunities().size())
        .inProgressMonthlyUsd(RealizedSavings.total(results.realized(), SavingStatus.IN_PROGRESS))
        .realizedMonthlyUsd(RealizedSavings.total(results.realized(), SavingStatus.REALIZED))
        .securityScore(security == null ? null : security.score())
        .compliancePct(security == null ? null : security.compliancePct())
        .findingsBySeverity(findingsBySeverity(security))
        .billingRowsRead(inputs.billingRowsRead())
        .billingRowsQuarantined(inputs.billingRowsQuarantined())
        .quarantinedByReason(inputs.quarantinedByReason())
        .telemetryValuesRead(inputs.telemetryValuesRead())
        .telemetryValuesQuarantined(inputs.telemetryValuesQuarantined())
        .gpuHours(gpus.gpuHours())
        .idleGpuHours(gpus.idleHours())
        .unjoinedGpuHours(savings.coverage() == null ? 0 : savings.coverage().gpuHoursUnjoined())
        .gpusProfiled(savings.gpus().size())
        .meanGpuUtilization(gpus.meanUtilization())
        .utilizationBuckets(gpus.buckets())
        .resourcesWithoutTelemetry(
            savings.coverage() == null
                ? 0
                : savings.coverage().gpuResourcesWithoutTelemetry().size())
        .inputStatus(inputStatuses(coverage))
        .unmeasuredGpuMonthlyUsd(
            cents(analysis.coverage().unmeasuredGpuResources().monthlyCostUsd()))
        .securityFilesNotRead(security == null ? null : security.filesNotRead().size())
        .externalRecommendations(recommendations)
        .build();
  }

  private static List<InputStatus> inputStatuses(List<InputCoverage> coverage) {
    return coverage.stream()
        .map(
            c ->
                new InputStatus(
                    c.name(),
                    c.kind().label(),
                    c.status().label(),
                    c.newestTimestamp(),
                    c.daysCovered(),
                    c.rows(),
                    c.detail()))
        .toList();
  }

  /**
   * The comparison's rows, named as the cloud names the resource, else as FleetCost's opportunity
   * does.
   */
  private static List<RecommendationRow> recommendations(
      List<RecommendationComparison.Row> external, List<OpportunityRow> opportunities) {
    Map<String, String> names = new HashMap<>();
    opportunities.forEach(o -> names.putIfAbsent(o.resourceId(), o.resourceName()));
    List<RecommendationRow> rows = new ArrayList<>();
    for (RecommendationComparison.Row row : external) {
      var cloud = row.external();
      String name =
          cloud != null && cloud.instanceName() != null && !cloud.instanceName().isBlank()
              ? cloud.instanceName()
              : names.get(row.resourceId());
      rows.add(
          new RecommendationRow(
              row.resourceId(),
              name,
              row.provider(),
              row.verdict(),
              row.levers().isEmpty() ? null : String.join(", ", row.levers()),
              cents(row.fleetcostMonthlySaving()),
              row.fleetcostCurrency(),
              cloud == null ? null : cloud.source(),
              cloud == null ? null : cloud.instanceType(),
              cloud == null ? null : cloud.action(),
              cloud == null ? null : cloud.targetInstanceType(),
              cloud == null ? null : cents(cloud.estimatedMonthlySaving()),
              cloud == null ? null : cloud.currency(),
              row.detail()));
    }
    return rows;
  }

  private static List<OpportunityRow> opportunities(
      LocalDate date, List<Opportunity> opportunities, Map<String, BigDecimal> rates) {
    List<OpportunityRow> rows = new ArrayList<>();
    int rank = 0;
    for (Opportunity o : opportunities) {
      BigDecimal rate = "USD".equals(o.currency()) ? BigDecimal.ONE : rates.get(o.currency());
      String evidence;
      try {
        var writer =
            SummaryJson.mapper()
                .writer()
                .without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);
        evidence = writer.writeValueAsString(new java.util.TreeMap<>(o.evidence()));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("Cannot write the evidence of " + o.id(), e);
      }
      rows.add(
          OpportunityRow.builder()
              .runDate(date)
              .id(o.id())
              .rank(++rank)
              .lever(o.lever().cliName())
              .resourceId(o.resourceId())
              .resourceName(o.resourceName())
              .provider(o.provider())
              .accountId(o.accountId())
              .region(o.region())
              .instanceType(o.instanceType())
              .gpuModel(o.gpuModel())
              .gpuCount(o.gpuCount())
              .owner(o.owner())
              .currency(o.currency())
              .currentMonthlyCost(o.currentMonthlyCost())
              .projectedMonthlyCost(o.projectedMonthlyCost())
              .monthlySaving(o.monthlySaving())
              .monthlySavingUsd(rate == null ? null : Money.usdCents(o.monthlySaving(), rate))
              .confidence(o.confidence())
              .risk(o.risk().id())
              .effort(o.effort().level())
              .priority(o.priority().setScale(2, RoundingMode.HALF_EVEN))
              .action(o.action())
              .plan(o.plan())
              .evidenceJson(evidence)
              .build());
    }
    return rows;
  }

  private static BigDecimal cents(BigDecimal value) {
    return value == null ? null : Money.cents(value);
  }
}
