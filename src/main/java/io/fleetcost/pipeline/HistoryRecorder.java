package io.fleetcost.pipeline;

import static io.fleetcost.model.CostColumns.BILLED_COST;
import static io.fleetcost.model.CostColumns.BILLING_ACCOUNT_ID;
import static io.fleetcost.model.CostColumns.BILLING_CURRENCY;
import static io.fleetcost.model.CostColumns.CHARGE_PERIOD_END;
import static io.fleetcost.model.CostColumns.CHARGE_PERIOD_START;
import static io.fleetcost.model.CostColumns.EFFECTIVE_COST;
import static io.fleetcost.model.CostColumns.INSTANCE_TYPE;
import static io.fleetcost.model.CostColumns.PROVIDER_NAME;
import static io.fleetcost.model.CostColumns.RESOURCE_ID;
import static io.fleetcost.model.CostColumns.SERVICE_NAME;
import static io.fleetcost.model.CostColumns.SUB_ACCOUNT_ID;
import static io.fleetcost.model.CostColumns.TAGS;
import static org.apache.spark.sql.functions.array_min;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.map_filter;
import static org.apache.spark.sql.functions.map_values;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.unix_timestamp;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.fleetcost.config.JobConfig;
import io.fleetcost.history.FindingRow;
import io.fleetcost.history.GpuProfileRow;
import io.fleetcost.history.HistoryStore;
import io.fleetcost.history.InputStatus;
import io.fleetcost.history.OpportunityRow;
import io.fleetcost.history.RealizedRow;
import io.fleetcost.history.RealizedSavings;
import io.fleetcost.history.RecommendationRow;
import io.fleetcost.history.RunRow;
import io.fleetcost.quality.InputCoverage;
import io.fleetcost.savings.BilledResource;
import io.fleetcost.savings.Opportunity;
import io.fleetcost.savings.ProfiledGpu;
import io.fleetcost.savings.RecommendationComparison;
import io.fleetcost.savings.ResourceBill;
import io.fleetcost.savings.SavingsResult;
import io.fleetcost.scan.Finding;
import io.fleetcost.scan.ScanResult;
import io.fleetcost.summary.SummaryJson;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Turns one run date's results into the history tables' rows and writes them: the bill's daily
 * spend up to the date, the GPU profiles, opportunities and findings, the realized-savings record
 * carried from the previous run date, and last the date's {@code runs} row.
 */
final class HistoryRecorder {
  static final String UNTAGGED = "(untagged)";

  /** The span of bill whose rate is a resource's cost now, for realized savings. */
  static final Duration CURRENT_RATE_SPAN = Duration.ofHours(24);

  static final String NONE = "(none)";

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
    List<RealizedRow> previous = store.previousRunDate(date).map(store::realized).orElse(List.of());
    List<String> tracked = new ArrayList<>();
    previous.forEach(r -> tracked.add(r.resourceId()));
    opportunities.forEach(o -> tracked.add(o.resourceId()));
    Map<String, BigDecimal> costs =
        monthlyCostUsd(
            normalized,
            Instant.parse(savings.costAnalysis().window().start()),
            Instant.parse(savings.costAnalysis().window().end()),
            tracked,
            rates);
    List<RealizedRow> realized =
        RealizedSavings.track(date, previous, opportunities, costs, billComplete);

    Map<String, String> owners = new HashMap<>();
    for (SavingsResult.ResourceOutcome r : savings.savings().resources()) {
      owners.put(r.resourceId(), r.owner());
      owners.put(r.resourceId().toLowerCase(Locale.ROOT), r.owner());
    }
    List<GpuProfileRow> profiles = new ArrayList<>();
    double gpuHours = 0;
    double idleHours = 0;
    double weighted = 0;
    Map<String, Long> buckets =
        new TreeMap<>(Map.of("0-10", 0L, "10-30", 0L, "30-60", 0L, "60-100", 0L));
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
      gpuHours += gpu.usage().hours();
      idleHours += gpu.usage().idleHours();
      weighted += gpu.usage().mean() * gpu.usage().hours();
      double mean = gpu.usage().mean();
      buckets.merge(
          mean < 10 ? "0-10" : mean < 30 ? "10-30" : mean < 60 ? "30-60" : "60-100", 1L, Long::sum);
    }
    List<FindingRow> findings = new ArrayList<>();
    Map<String, Long> bySeverity = null;
    if (security != null) {
      bySeverity = new TreeMap<>();
      for (Finding f : security.findings()) {
        String severity = f.severity().name().toLowerCase(Locale.ROOT);
        bySeverity.merge(severity, 1L, Long::sum);
        findings.add(
            new FindingRow(
                date,
                f.check().id(),
                f.check().title(),
                severity,
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
    RunRow run =
        new RunRow(
            date,
            runId,
            config.name(),
            config.organizationName().orElse(config.name()),
            seeded,
            savings.costAnalysis().window().start(),
            savings.costAnalysis().window().end(),
            cents(savings.costAnalysis().monthlyEstimateUsd()),
            cents(savings.costAnalysis().gpuMonthlyCostUsd()),
            cents(savings.costAnalysis().identifiedMonthlySavingsUsd()),
            opportunities.size(),
            RealizedSavings.total(realized, RealizedSavings.IN_PROGRESS),
            RealizedSavings.total(realized, RealizedSavings.REALIZED),
            security == null ? null : security.score(),
            security == null ? null : security.compliancePct(),
            bySeverity,
            inputs.billingRowsRead(),
            inputs.billingRowsQuarantined(),
            inputs.quarantinedByReason(),
            inputs.telemetryValuesRead(),
            inputs.telemetryValuesQuarantined(),
            gpuHours,
            idleHours,
            savings.coverage() == null ? 0 : savings.coverage().gpuHoursUnjoined(),
            savings.gpus().size(),
            gpuHours == 0 ? 0 : weighted / gpuHours,
            buckets,
            savings.coverage() == null
                ? 0
                : savings.coverage().gpuResourcesWithoutTelemetry().size(),
            coverage.stream()
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
                .toList(),
            cents(savings.costAnalysis().coverage().unmeasuredGpuResources().monthlyCostUsd()),
            security == null ? null : security.filesNotRead().size(),
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

  /** The bill's spend per usage day up to the date, by provider, account, service and owner tag. */
  Dataset<Row> dailySpend(Dataset<Row> normalized, LocalDate date, Map<String, BigDecimal> rates) {
    Column team = lit(null).cast("string");
    for (int i = config.savings().ownerTags().size() - 1; i >= 0; i--) {
      String key = BilledResource.tagKey(config.savings().ownerTags().get(i));
      Column values =
          map_values(
              map_filter(
                  col(TAGS),
                  (k, v) ->
                      regexp_replace(lower(k), "[^a-z0-9]", "")
                          .equalTo(lit(key))
                          .and(v.isNotNull())
                          .and(trim(v).notEqual(lit("")))));
      team = coalesce(array_min(values), team);
    }
    Column usd =
        when(
            col(BILLING_CURRENCY).equalTo(lit("USD")),
            col("effective_cost").cast("decimal(38,12)"));
    for (Map.Entry<String, BigDecimal> rate : new TreeMap<>(rates).entrySet()) {
      usd =
          usd.when(
              col(BILLING_CURRENCY).equalTo(lit(rate.getKey())),
              col("effective_cost")
                  .cast("decimal(38,12)")
                  .multiply(lit(rate.getValue()))
                  .cast("decimal(38,12)"));
    }
    return normalized
        .filter(col(CHARGE_PERIOD_START).isNotNull())
        .withColumn("usage_date", to_date(col(CHARGE_PERIOD_START)))
        .filter(col("usage_date").leq(lit(Date.valueOf(date))))
        .withColumn(
            "team",
            coalesce(
                when(col(TAGS).isNull(), lit(null).cast("string")).otherwise(team), lit(UNTAGGED)))
        .groupBy(
            col("usage_date"),
            coalesce(col(PROVIDER_NAME), lit(NONE)).as("provider"),
            coalesce(col(BILLING_ACCOUNT_ID), lit(NONE)).as("billing_account_id"),
            coalesce(col(SUB_ACCOUNT_ID), lit(NONE)).as("sub_account_id"),
            coalesce(col(SERVICE_NAME), lit(NONE)).as("service"),
            col("team"),
            coalesce(col(BILLING_CURRENCY), lit(NONE)).as(BILLING_CURRENCY))
        .agg(
            sum(col(BILLED_COST)).as("billed_cost"),
            sum(col(EFFECTIVE_COST)).as("effective_cost"),
            count(lit(1)).as("row_count"))
        .withColumn("effective_cost_usd", usd)
        .withColumnRenamed(BILLING_CURRENCY, "currency");
  }

  /**
   * Each tracked resource's monthly cost now, in USD: what its instance rows charge over the last
   * 24 hours its provider's bill covers in the window, × 730 ÷ 24. A row longer than that span (a
   * daily or monthly export) counts pro rata. So a resource deleted a day ago costs nothing, one
   * moved to spot costs its spot rate, and the drop realized savings report is the drop of the
   * bill. Resources in a currency without a rate are left out.
   */
  static Map<String, BigDecimal> monthlyCostUsd(
      Dataset<Row> normalized,
      Instant start,
      Instant end,
      List<String> resourceIds,
      Map<String, BigDecimal> rates) {
    List<String> ids = resourceIds.stream().filter(id -> id != null).distinct().sorted().toList();
    Map<String, BigDecimal> costs = new LinkedHashMap<>();
    if (ids.isEmpty()) {
      return costs;
    }
    Dataset<Row> inWindow =
        normalized.filter(
            col(CHARGE_PERIOD_START)
                .geq(lit(Timestamp.from(start)))
                .and(col(CHARGE_PERIOD_START).lt(lit(Timestamp.from(end)))));
    Column coveredTo = lit(null).cast("timestamp");
    Column from = lit(null).cast("timestamp");
    for (Row bill :
        inWindow
            .groupBy(col(PROVIDER_NAME), col(BILLING_CURRENCY))
            .agg(max(col(CHARGE_PERIOD_END)))
            .collectAsList()) {
      if (bill.isNullAt(2)) {
        continue;
      }
      Instant billEnd = bill.getTimestamp(2).toInstant();
      Instant to = billEnd.isBefore(end) ? billEnd : end;
      Column same =
          sameValue(col(PROVIDER_NAME), bill.getString(0))
              .and(sameValue(col(BILLING_CURRENCY), bill.getString(1)));
      coveredTo = when(same, lit(Timestamp.from(to))).otherwise(coveredTo);
      from = when(same, lit(Timestamp.from(to.minus(CURRENT_RATE_SPAN)))).otherwise(from);
    }
    Column rowEnd = coalesce(col(CHARGE_PERIOD_END), col(CHARGE_PERIOD_START));
    Column seconds = unix_timestamp(rowEnd).minus(unix_timestamp(col(CHARGE_PERIOD_START)));
    Column overlap =
        greatest(
            lit(0L),
            unix_timestamp(least(rowEnd, coveredTo))
                .minus(unix_timestamp(greatest(col(CHARGE_PERIOD_START), from))));
    for (Row row :
        inWindow
            .filter(col(RESOURCE_ID).isin(ids.toArray()).and(col(INSTANCE_TYPE).isNotNull()))
            .withColumn("covered_to", coveredTo)
            .withColumn("rate_from", from)
            .filter(rowEnd.gt(col("rate_from")).or(col(CHARGE_PERIOD_START).geq(col("rate_from"))))
            .filter(col(CHARGE_PERIOD_START).lt(col("covered_to")))
            .groupBy(
                col(RESOURCE_ID),
                col(BILLING_CURRENCY),
                seconds.as("seconds"),
                overlap.as("overlap"))
            .agg(sum(col(EFFECTIVE_COST)))
            .collectAsList()) {
      String currency = row.getString(1);
      BigDecimal rate =
          "USD".equals(currency) ? BigDecimal.ONE : currency == null ? null : rates.get(currency);
      if (rate == null || row.isNullAt(4)) {
        continue;
      }
      long rowSeconds = row.getLong(2);
      BigDecimal cost = row.getDecimal(4);
      BigDecimal inSpan =
          rowSeconds <= 0
              ? cost
              : cost.multiply(BigDecimal.valueOf(row.getLong(3)))
                  .divide(BigDecimal.valueOf(rowSeconds), MathContext.DECIMAL128);
      BigDecimal monthly =
          inSpan
              .multiply(rate)
              .multiply(ResourceBill.HOURS_PER_MONTH)
              .divide(BigDecimal.valueOf(CURRENT_RATE_SPAN.toHours()), MathContext.DECIMAL128);
      costs.merge(row.getString(0), monthly, BigDecimal::add);
    }
    return costs;
  }

  private static Column sameValue(Column column, String value) {
    return value == null ? column.isNull() : column.equalTo(lit(value));
  }

  private static List<OpportunityRow> opportunities(
      LocalDate date, List<Opportunity> opportunities, Map<String, BigDecimal> rates) {
    List<OpportunityRow> rows = new ArrayList<>();
    int rank = 0;
    for (Opportunity o : opportunities) {
      BigDecimal rate = "USD".equals(o.currency()) ? BigDecimal.ONE : rates.get(o.currency());
      String plan;
      String evidence;
      try {
        var writer =
            SummaryJson.mapper()
                .writer()
                .without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);
        plan = writer.writeValueAsString(o.plan());
        evidence = writer.writeValueAsString(new java.util.TreeMap<>(o.evidence()));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(
            "Cannot write the MIG plan or the evidence of " + o.id(), e);
      }
      rows.add(
          new OpportunityRow(
              date,
              o.id(),
              ++rank,
              o.lever().cliName(),
              o.resourceId(),
              o.resourceName(),
              o.provider(),
              o.accountId(),
              o.region(),
              o.instanceType(),
              o.gpuModel(),
              o.gpuCount(),
              o.owner(),
              o.currency(),
              o.currentMonthlyCost(),
              o.projectedMonthlyCost(),
              o.monthlySaving(),
              rate == null ? null : cents(o.monthlySaving().multiply(rate)),
              o.confidence(),
              o.risk(),
              o.effort(),
              o.priority().setScale(2, RoundingMode.HALF_EVEN),
              o.action(),
              plan,
              evidence));
    }
    return rows;
  }

  private static BigDecimal cents(BigDecimal value) {
    return value == null ? null : value.setScale(2, RoundingMode.HALF_EVEN);
  }
}
