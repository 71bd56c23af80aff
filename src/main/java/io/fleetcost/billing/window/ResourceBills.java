package io.fleetcost.billing.window;

import static io.fleetcost.billing.window.BillWindow.WINDOW;
import static io.fleetcost.billing.window.BillWindow.orUnknown;
import static io.fleetcost.billing.window.BillWindow.perWindow;
import static io.fleetcost.model.CostColumns.BILLING_CURRENCY;
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
import io.fleetcost.savings.ProviderSpend;
import io.fleetcost.savings.ResourceBill;
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
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The GPU resources of each window's bill: the resources that have GPUs by their instance type, or
 * whose key is among the window's telemetry keys, each summed over the window ({@link
 * ResourceBill}).
 */
final class ResourceBills {
  /** The columns a resource is grouped by: window, provider, key and currency. */
  private static final String[] RESOURCE = {
    WINDOW, PROVIDER_NAME, "resource_key", BILLING_CURRENCY
  };

  private ResourceBills() {}

  /**
   * @param resourceKey the key of a bill row that the spans' telemetry keys are matched against
   * @param spend each window's spend, whose coverage ends the resources' billed hours
   */
  static List<List<ResourceBill>> resources(
      SparkSession spark,
      Dataset<Row> windowed,
      List<BillWindow.Span> spans,
      Column resourceKey,
      List<List<ProviderSpend>> spend) {
    Dataset<Row> keyed =
        windowed.withColumn("resource_key", resourceKey).filter(col("resource_key").isNotNull());
    Dataset<Row> summed = summed(keyed, telemetryKeys(spark, spans));
    Dataset<Row> tags = latestTags(keyed, summed);
    List<Map<String, Instant>> coverageEnd = coverageEnd(spend);
    List<List<ResourceBill>> bills = perWindow(spans.size());
    for (Row row :
        summed
            .join(tags, RESOURCE, "left")
            .orderBy(col(WINDOW), col(PROVIDER_NAME), col("resource_key"), col(BILLING_CURRENCY))
            .collectAsList()) {
      int window = row.<Integer>getAs(WINDOW);
      bills.get(window).add(resourceBill(row, spans.get(window).start(), coverageEnd.get(window)));
    }
    return bills;
  }

  /** Each window's telemetry keys: {@code x_KeyWindow}, {@code telemetry_key}. */
  private static Dataset<Row> telemetryKeys(SparkSession spark, List<BillWindow.Span> spans) {
    List<Row> telemetryKeys = new ArrayList<>();
    for (int i = 0; i < spans.size(); i++) {
      for (String telemetryKey : spans.get(i).telemetryKeys()) {
        telemetryKeys.add(RowFactory.create(i, telemetryKey));
      }
    }
    return spark.createDataFrame(
        telemetryKeys,
        new StructType()
            .add("x_KeyWindow", DataTypes.IntegerType, false)
            .add("telemetry_key", DataTypes.StringType, false));
  }

  /**
   * Each resource of a window summed, kept when it has GPUs or its key is among the window's
   * telemetry keys.
   */
  private static Dataset<Row> summed(Dataset<Row> keyed, Dataset<Row> keys) {
    Column gpuRow = coalesce(col(GPU_COUNT), lit(0)).gt(lit(0));
    // the instance's own rows; its disks and network may share its key (GCP names boot disks after
    // the instance,
    // AWS data transfer carries the instance id) but do not change with its shape
    Column instanceRow = col(INSTANCE_TYPE).isNotNull();
    return keyed
        .groupBy(col(WINDOW), col(PROVIDER_NAME), col("resource_key"), col(BILLING_CURRENCY))
        .agg(
            coalesce(min(when(instanceRow, col(RESOURCE_ID))), min(col(RESOURCE_ID)))
                .as("resource_id"),
            coalesce(min(when(instanceRow, col(RESOURCE_NAME))), min(col(RESOURCE_NAME)))
                .as("resource_name"),
            coalesce(min(when(instanceRow, col(SUB_ACCOUNT_ID))), min(col(SUB_ACCOUNT_ID)))
                .as("account_id"),
            coalesce(min(when(gpuRow, col(REGION_ID))), min(col(REGION_ID))).as("region"),
            coalesce(min(when(gpuRow, col(INSTANCE_TYPE))), min(col(INSTANCE_TYPE)))
                .as("instance_type"),
            max(coalesce(col(GPU_COUNT), lit(0))).as("gpu_count"),
            // what it is priced as now: the largest of its latest hour's rows (instance rows
            // before others), so a
            // resource moved to spot or under a commitment in the window is taken as it runs
            // today
            max_by(
                    col(PRICING_CATEGORY),
                    struct(
                        when(instanceRow, lit(1)).otherwise(lit(0)),
                        col(CHARGE_PERIOD_START),
                        col(EFFECTIVE_COST),
                        col(PRICING_CATEGORY)))
                .as("pricing_category"),
            sum(col(EFFECTIVE_COST)).as("all_cost"),
            count(lit(1)).as("all_rows"),
            sum(when(instanceRow, col(EFFECTIVE_COST))).as("instance_cost"),
            count(when(instanceRow, lit(1))).as("instance_rows"),
            coalesce(
                    min(when(instanceRow, col(CHARGE_PERIOD_START))), min(col(CHARGE_PERIOD_START)))
                .as("first_start"),
            coalesce(max(when(instanceRow, col(CHARGE_PERIOD_END))), max(col(CHARGE_PERIOD_END)))
                .as("last_end"),
            slice(
                    array_sort(
                        collect_list(
                            struct(
                                when(instanceRow, lit(0)).otherwise(lit(1)),
                                col(SOURCE_FILE),
                                col(SOURCE_LINE)))),
                    1,
                    5)
                .as("sample_rows"))
        .join(
            broadcast(keys),
            col("resource_key")
                .equalTo(col("telemetry_key"))
                .and(col(WINDOW).equalTo(col("x_KeyWindow"))),
            "left")
        .filter(col("gpu_count").gt(lit(0)).or(col("telemetry_key").isNotNull()));
  }

  /**
   * The tags of each resource kept: the latest value of each tag wins when a resource was re-tagged
   * in the window.
   */
  private static Dataset<Row> latestTags(Dataset<Row> keyed, Dataset<Row> summed) {
    return keyed
        .join(
            summed.select(
                col(WINDOW), col(PROVIDER_NAME), col("resource_key"), col(BILLING_CURRENCY)),
            RESOURCE,
            "left_semi")
        .select(
            col(WINDOW),
            col(PROVIDER_NAME),
            col("resource_key"),
            col(BILLING_CURRENCY),
            col(CHARGE_PERIOD_START),
            explode(col(TAGS)).as(new String[] {"tag_key", "tag_value"}))
        .groupBy(
            col(WINDOW),
            col(PROVIDER_NAME),
            col("resource_key"),
            col(BILLING_CURRENCY),
            col("tag_key"))
        .agg(
            max_by(col("tag_value"), struct(col(CHARGE_PERIOD_START), col("tag_value")))
                .as("tag_value"))
        .groupBy(col(WINDOW), col(PROVIDER_NAME), col("resource_key"), col(BILLING_CURRENCY))
        .agg(map_from_entries(collect_list(struct(col("tag_key"), col("tag_value")))).as("tags"));
  }

  /** Each window's end of coverage by provider and currency ({@code provider|currency}). */
  private static List<Map<String, Instant>> coverageEnd(List<List<ProviderSpend>> spend) {
    List<Map<String, Instant>> coverageEnd = new ArrayList<>();
    for (List<ProviderSpend> windowSpend : spend) {
      Map<String, Instant> ends = new LinkedHashMap<>();
      windowSpend.forEach(s -> ends.put(s.provider() + "|" + s.currency(), s.coveredTo()));
      coverageEnd.add(ends);
    }
    return coverageEnd;
  }

  private static ResourceBill resourceBill(
      Row row, Instant start, Map<String, Instant> coverageEnd) {
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
    Map<String, String> tagMap =
        row.isNullAt(row.fieldIndex("tags")) ? Map.of() : row.getJavaMap(row.fieldIndex("tags"));
    Timestamp lastEnd = row.getAs("last_end");
    return new ResourceBill(
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
            sampleRows));
  }

  private static BigDecimal decimal(Row row, String field) {
    return row.isNullAt(row.fieldIndex(field))
        ? BigDecimal.ZERO
        : row.getDecimal(row.fieldIndex(field));
  }
}
