package io.fleetcost.pipeline;

import static io.fleetcost.model.CostColumns.BILLING_CURRENCY;
import static io.fleetcost.model.CostColumns.CHARGE_CATEGORY;
import static io.fleetcost.model.CostColumns.CHARGE_PERIOD_END;
import static io.fleetcost.model.CostColumns.CHARGE_PERIOD_START;
import static io.fleetcost.model.CostColumns.EFFECTIVE_COST;
import static io.fleetcost.model.CostColumns.GPU_COUNT;
import static io.fleetcost.model.CostColumns.INSTANCE_TYPE;
import static io.fleetcost.model.CostColumns.PRICING_CATEGORY;
import static io.fleetcost.model.CostColumns.PROVIDER_NAME;
import static io.fleetcost.model.CostColumns.REGION_ID;
import static io.fleetcost.model.CostColumns.RESOURCE_ID;
import static io.fleetcost.model.CostColumns.RESOURCE_NAME;
import static io.fleetcost.model.CostColumns.SOURCE_FILE;
import static io.fleetcost.model.CostColumns.SOURCE_LINE;
import static io.fleetcost.model.CostColumns.SUB_ACCOUNT_ID;
import static io.fleetcost.model.CostColumns.TAGS;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_from_entries;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.fleetcost.savings.BilledResource;
import io.fleetcost.scan.BillingGovernance;
import io.fleetcost.savings.ProviderSpend;
import io.fleetcost.savings.ResourceBill;
import io.fleetcost.telemetry.ResourceKeys;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The billing side of the savings window: the rows whose charge period starts in {@code [start, end)}, summed per
 * provider and currency (the spend and its monthly rate) and per GPU resource (its monthly cost).
 *
 * <p>A provider's bill covers the window from its first charge in it to its last charge end, capped at the window:
 * exports lag by a day or more, and the monthly rate is cost × 730 ÷ covered hours. A resource's billed hours run from
 * its own first charge in the window (it may have been launched since) to the end of its provider's coverage (a
 * resource stopped halfway is charged for the time it ran, over the whole span).
 */
public final class BillWindow {
  private BillWindow() {}

  public static Dataset<Row> inWindow(Dataset<Row> normalized, Instant start, Instant end) {
    return normalized.filter(
        col(CHARGE_PERIOD_START).geq(lit(Timestamp.from(start))).and(col(CHARGE_PERIOD_START).lt(lit(Timestamp.from(end)))));
  }

  /** The columns {@link #spend}, {@link #resources} and {@link #untaggedSpend} read. */
  public static Dataset<Row> columnsUsed(Dataset<Row> rows) {
    return rows.select(
        col(PROVIDER_NAME), col(BILLING_CURRENCY), col(EFFECTIVE_COST), col(CHARGE_PERIOD_START), col(CHARGE_PERIOD_END),
        col(CHARGE_CATEGORY), col(RESOURCE_ID), col(RESOURCE_NAME), col(SUB_ACCOUNT_ID), col(REGION_ID), col(INSTANCE_TYPE),
        col(GPU_COUNT), col(PRICING_CATEGORY), col(SOURCE_FILE), col(SOURCE_LINE), col(TAGS));
  }

  public static List<ProviderSpend> spend(Dataset<Row> inWindow, Instant start, Instant end) {
    List<ProviderSpend> spend = new ArrayList<>();
    for (Row row :
        inWindow
            .groupBy(col(PROVIDER_NAME), col(BILLING_CURRENCY))
            .agg(sum(col(EFFECTIVE_COST)), count(lit(1)), min(col(CHARGE_PERIOD_START)), max(col(CHARGE_PERIOD_END)))
            .orderBy(col(PROVIDER_NAME), col(BILLING_CURRENCY))
            .collectAsList()) {
      Instant first = row.getTimestamp(4).toInstant();
      Instant last = row.isNullAt(5) ? end : row.getTimestamp(5).toInstant();
      spend.add(
          new ProviderSpend(
              orUnknown(row.getString(0)),
              orUnknown(row.getString(1)),
              row.isNullAt(2) ? BigDecimal.ZERO : row.getDecimal(2),
              row.getLong(3),
              first.isAfter(start) ? first : start,
              last.isBefore(end) ? last : end));
    }
    return spend;
  }

  /**
   * The resources of the window that have GPUs by their instance type, or whose key is among {@code telemetryKeys}.
   */
  public static List<ResourceBill> resources(
      SparkSession spark, Dataset<Row> inWindow, List<String> telemetryKeys, List<ProviderSpend> spend, Instant start) {
    Column key = ResourceKeys.fromBill(col(PROVIDER_NAME), col(RESOURCE_ID), col(RESOURCE_NAME));
    Dataset<Row> keyed = inWindow.withColumn("resource_key", key).filter(col("resource_key").isNotNull());
    Dataset<Row> keys = spark.createDataset(telemetryKeys, Encoders.STRING()).toDF("telemetry_key").distinct();
    Column gpuRow = coalesce(col(GPU_COUNT), lit(0)).gt(lit(0));
    // the instance's own rows; its disks and network may share its key (GCP names boot disks after the instance,
    // AWS data transfer carries the instance id) but do not change with its shape
    Column instanceRow = col(INSTANCE_TYPE).isNotNull();
    Dataset<Row> summed =
        keyed
            .groupBy(col(PROVIDER_NAME), col("resource_key"), col(BILLING_CURRENCY))
            .agg(
                coalesce(min(when(instanceRow, col(RESOURCE_ID))), min(col(RESOURCE_ID))).as("resource_id"),
                coalesce(min(when(instanceRow, col(RESOURCE_NAME))), min(col(RESOURCE_NAME))).as("resource_name"),
                coalesce(min(when(instanceRow, col(SUB_ACCOUNT_ID))), min(col(SUB_ACCOUNT_ID))).as("account_id"),
                coalesce(min(when(gpuRow, col(REGION_ID))), min(col(REGION_ID))).as("region"),
                coalesce(min(when(gpuRow, col(INSTANCE_TYPE))), min(col(INSTANCE_TYPE))).as("instance_type"),
                max(coalesce(col(GPU_COUNT), lit(0))).as("gpu_count"),
                // what it is priced as now: the largest of its latest hour's rows (instance rows before others), so a
                // resource moved to spot or under a commitment in the window is taken as it runs today
                max_by(
                        col(PRICING_CATEGORY),
                        struct(
                            when(instanceRow, lit(1)).otherwise(lit(0)), col(CHARGE_PERIOD_START), col(EFFECTIVE_COST),
                            col(PRICING_CATEGORY)))
                    .as("pricing_category"),
                sum(col(EFFECTIVE_COST)).as("all_cost"),
                count(lit(1)).as("all_rows"),
                sum(when(instanceRow, col(EFFECTIVE_COST))).as("instance_cost"),
                count(when(instanceRow, lit(1))).as("instance_rows"),
                coalesce(min(when(instanceRow, col(CHARGE_PERIOD_START))), min(col(CHARGE_PERIOD_START))).as("first_start"),
                coalesce(max(when(instanceRow, col(CHARGE_PERIOD_END))), max(col(CHARGE_PERIOD_END))).as("last_end"),
                slice(
                        array_sort(
                            collect_list(
                                struct(when(instanceRow, lit(0)).otherwise(lit(1)), col(SOURCE_FILE), col(SOURCE_LINE)))),
                        1,
                        5)
                    .as("sample_rows"))
            .join(broadcast(keys), col("resource_key").equalTo(col("telemetry_key")), "left")
            .filter(col("gpu_count").gt(lit(0)).or(col("telemetry_key").isNotNull()));
    // the latest value of each tag wins when a resource was re-tagged in the window
    Dataset<Row> tags =
        keyed
            .join(summed.select(col(PROVIDER_NAME), col("resource_key"), col(BILLING_CURRENCY)), new String[] {PROVIDER_NAME, "resource_key", BILLING_CURRENCY}, "left_semi")
            .select(col(PROVIDER_NAME), col("resource_key"), col(BILLING_CURRENCY), col(CHARGE_PERIOD_START), explode(col(TAGS)).as(new String[] {"tag_key", "tag_value"}))
            .groupBy(col(PROVIDER_NAME), col("resource_key"), col(BILLING_CURRENCY), col("tag_key"))
            .agg(max_by(col("tag_value"), struct(col(CHARGE_PERIOD_START), col("tag_value"))).as("tag_value"))
            .groupBy(col(PROVIDER_NAME), col("resource_key"), col(BILLING_CURRENCY))
            .agg(map_from_entries(collect_list(struct(col("tag_key"), col("tag_value")))).as("tags"));
    Map<String, Instant> coverageEnd = new LinkedHashMap<>();
    spend.forEach(s -> coverageEnd.put(s.provider() + "|" + s.currency(), s.coveredTo()));
    List<ResourceBill> bills = new ArrayList<>();
    for (Row row :
        summed
            .join(tags, new String[] {PROVIDER_NAME, "resource_key", BILLING_CURRENCY}, "left")
            .orderBy(col(PROVIDER_NAME), col("resource_key"), col(BILLING_CURRENCY))
            .collectAsList()) {
      String provider = orUnknown(row.getAs(PROVIDER_NAME));
      String currency = orUnknown(row.getAs(BILLING_CURRENCY));
      Instant first = row.<Timestamp>getAs("first_start").toInstant();
      Instant from = first.isAfter(start) ? first : start;
      Instant to = coverageEnd.getOrDefault(provider + "|" + currency, from);
      List<String> sampleRows = new ArrayList<>();
      for (Row ref : row.<Row>getList(row.fieldIndex("sample_rows"))) {
        sampleRows.add(ref.getString(1) + ":" + ref.get(2));
      }
      long instanceRows = row.<Long>getAs("instance_rows");
      BigDecimal allCost = decimal(row, "all_cost");
      BigDecimal cost = instanceRows > 0 ? decimal(row, "instance_cost") : allCost;
      long rows = instanceRows > 0 ? instanceRows : row.<Long>getAs("all_rows");
      Map<String, String> tagMap = row.isNullAt(row.fieldIndex("tags")) ? Map.of() : row.getJavaMap(row.fieldIndex("tags"));
      Timestamp lastEnd = row.getAs("last_end");
      bills.add(
          new ResourceBill(
              provider,
              row.getAs("resource_key"),
              row.getAs("resource_id"),
              row.getAs("account_id"),
              row.getAs("region"),
              currency,
              row.getAs("instance_type"),
              ((Number) row.getAs("gpu_count")).intValue(),
              row.getAs("pricing_category"),
              tagMap,
              new BilledResource.BillingBasis(
                  row.getAs("resource_name"),
                  cost,
                  Math.max(0, Duration.between(from, to).toSeconds() / 3600d),
                  rows,
                  allCost.subtract(cost),
                  row.<Long>getAs("all_rows") - rows,
                  first.toString(),
                  lastEnd == null ? null : lastEnd.toInstant().toString(),
                  coverageEnd.containsKey(provider + "|" + currency) ? to.toString() : null,
                  sampleRows)));
    }
    return bills;
  }

  private static BigDecimal decimal(Row row, String field) {
    return row.isNullAt(row.fieldIndex(field)) ? BigDecimal.ZERO : row.getDecimal(row.fieldIndex(field));
  }

  /**
   * The usage spend of the window without an owner tag, per currency (tag keys matched ignoring case and separators,
   * like the savings engine's), with the ten largest untagged resources.
   */
  public static BillingGovernance untaggedSpend(Dataset<Row> inWindow, List<String> ownerTags, BigDecimal threshold) {
    List<String> wanted = ownerTags.stream().map(BilledResource::tagKey).toList();
    Column owned =
        when(col(TAGS).isNull(), lit(false))
            .otherwise(
                org.apache.spark.sql.functions.size(
                        org.apache.spark.sql.functions.map_filter(
                            col(TAGS),
                            (k, v) ->
                                org.apache.spark.sql.functions.regexp_replace(org.apache.spark.sql.functions.lower(k), "[^a-z0-9]", "")
                                    .isin(wanted.toArray())
                                    .and(v.isNotNull())
                                    .and(org.apache.spark.sql.functions.trim(v).notEqual(lit("")))))
                    .gt(lit(0)));
    Dataset<Row> usage =
        inWindow.filter(col(CHARGE_CATEGORY).equalTo(lit("Usage"))).withColumn("x_Owned", owned);
    List<BillingGovernance.CurrencyShare> shares = new ArrayList<>();
    for (Row row :
        usage.groupBy(col(BILLING_CURRENCY))
            .agg(sum(col(EFFECTIVE_COST)), sum(when(col("x_Owned").equalTo(lit(false)), col(EFFECTIVE_COST))))
            .orderBy(col(BILLING_CURRENCY))
            .collectAsList()) {
      shares.add(
          new BillingGovernance.CurrencyShare(
              orUnknown(row.getString(0)),
              row.isNullAt(1) ? BigDecimal.ZERO : row.getDecimal(1),
              row.isNullAt(2) ? BigDecimal.ZERO : row.getDecimal(2)));
    }
    List<BillingGovernance.UntaggedResource> largest = new ArrayList<>();
    for (Row row :
        usage.filter(col("x_Owned").equalTo(lit(false)).and(coalesce(col(RESOURCE_ID), col(RESOURCE_NAME)).isNotNull()))
            .groupBy(col(PROVIDER_NAME), coalesce(col(RESOURCE_ID), col(RESOURCE_NAME)).as("resource"), col(BILLING_CURRENCY))
            .agg(sum(col(EFFECTIVE_COST)).as("cost"))
            .orderBy(col("cost").desc(), col("resource"))
            .limit(10)
            .collectAsList()) {
      largest.add(
          new BillingGovernance.UntaggedResource(
              orUnknown(row.getString(0)), row.getString(1), orUnknown(row.getString(2)), row.getDecimal(3)));
    }
    return new BillingGovernance(shares, ownerTags, threshold, largest);
  }

  /** Rows without a provider or currency are kept by ingest (and counted there); here they group under a name. */
  private static String orUnknown(String value) {
    return value == null || value.isBlank() ? "(unknown)" : value;
  }
}
