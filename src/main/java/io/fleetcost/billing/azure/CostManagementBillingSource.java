package io.fleetcost.billing.azure;

import static io.fleetcost.model.CostColumns.BILLED_COST;
import static io.fleetcost.model.CostColumns.BILLING_CURRENCY;
import static io.fleetcost.model.CostColumns.BILLING_PERIOD_END;
import static io.fleetcost.model.CostColumns.BILLING_PERIOD_START;
import static io.fleetcost.model.CostColumns.CHARGE_PERIOD_END;
import static io.fleetcost.model.CostColumns.CHARGE_PERIOD_START;
import static io.fleetcost.model.CostColumns.EFFECTIVE_COST;
import static io.fleetcost.model.CostColumns.INVOICE_ISSUER_NAME;
import static io.fleetcost.model.CostColumns.PROVIDER_NAME;
import static io.fleetcost.model.CostColumns.REGION_ID;
import static io.fleetcost.model.CostColumns.RESOURCE_ID;
import static io.fleetcost.model.CostColumns.RESOURCE_TYPE;
import static io.fleetcost.model.CostColumns.SERVICE_NAME;
import static io.fleetcost.model.CostColumns.SKU_ID;
import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.upper;

import io.fleetcost.billing.BillingFormat;
import io.fleetcost.billing.BillingSource;
import io.fleetcost.billing.Decoding;
import io.fleetcost.billing.DuplicateRows;
import io.fleetcost.billing.NormalizedRows;
import io.fleetcost.billing.ReadContext;
import io.fleetcost.billing.SourceFile;
import io.fleetcost.billing.SourceRows;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Reads Azure Cost Management data landed by {@code fleetcost pull}: one FOCUS row per day and
 * group of the Query API. The query sums one dataset's cost, so BilledCost and EffectiveCost are
 * that cost: the actual cost for the actual dataset, the amortized cost for the amortized one
 * (reservation and savings plan purchases spread over their use). The grouped dimensions fill
 * ResourceId, SkuId (the meter), ResourceType, ServiceName and RegionId; the rest is null, as the
 * Query API gives no charge type unless grouped by it.
 */
final class CostManagementBillingSource implements BillingSource {
  private static final Set<String> NULL_LITERALS = Set.of();

  @Override
  public BillingFormat format() {
    return BillingFormat.AZURE_COST_MANAGEMENT;
  }

  @Override
  public Dataset<Row> read(ReadContext context, List<SourceFile> files) {
    List<Dataset<Row>> normalized = new ArrayList<>();
    for (Dataset<Row> group :
        Decoding.parquet(
            context,
            files,
            AzureCostManagementColumns.COLUMNS,
            Decoding.Extra.NONE,
            Decoding.noTags(),
            NULL_LITERALS)) {
      normalized.add(normalize(new SourceRows(group, NULL_LITERALS), context));
    }
    return BillingSource.union(context, normalized);
  }

  static Dataset<Row> normalize(SourceRows source, ReadContext context) {
    NormalizedRows rows = new NormalizedRows(source, BillingFormat.AZURE_COST_MANAGEMENT.cliName());
    if (context.rowIdentity()) {
      rows.identity(DuplicateRows.recordIdentity(source));
    }
    rows.set(PROVIDER_NAME, lit("Microsoft"));
    rows.set(INVOICE_ISSUER_NAME, lit("Microsoft"));
    rows.requiredTimestamp(
        CHARGE_PERIOD_START, source.value(AzureCostManagementColumns.USAGE_DATE));
    Column start = rows.get(CHARGE_PERIOD_START);
    rows.set(CHARGE_PERIOD_END, start.plus(expr("INTERVAL 1 DAY")));
    Column monthStart = date_trunc("month", start);
    rows.set(BILLING_PERIOD_START, monthStart);
    rows.set(BILLING_PERIOD_END, add_months(monthStart, 1).cast(DataTypes.TimestampType));

    rows.text(RESOURCE_ID, source.value(AzureCostManagementColumns.RESOURCE_ID));
    rows.text(SKU_ID, source.value(AzureCostManagementColumns.METER_ID));
    rows.text(RESOURCE_TYPE, source.value(AzureCostManagementColumns.RESOURCE_TYPE));
    rows.text(SERVICE_NAME, source.value(AzureCostManagementColumns.SERVICE_NAME));
    rows.text(REGION_ID, source.value(AzureCostManagementColumns.RESOURCE_LOCATION));

    rows.requiredDecimal(BILLED_COST, source.value(AzureCostManagementColumns.COST));
    rows.set(EFFECTIVE_COST, rows.get(BILLED_COST));
    rows.requiredText(BILLING_CURRENCY, source.value(AzureCostManagementColumns.CURRENCY));
    rows.set(BILLING_CURRENCY, upper(source.value(AzureCostManagementColumns.CURRENCY).asText()));
    return rows.build();
  }
}
