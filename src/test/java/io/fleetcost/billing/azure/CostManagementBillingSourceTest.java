package io.fleetcost.billing.azure;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.fleetcost.billing.BillingFormat;
import io.fleetcost.billing.BillingInput;
import io.fleetcost.billing.BillingSources;
import io.fleetcost.billing.ReadContext;
import io.fleetcost.billing.ServiceCategories;
import io.fleetcost.pipeline.BillingIngestJob;
import io.fleetcost.pull.LandedParquet;
import io.fleetcost.spark.SharedSpark;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The landed Query API rows, detected by their columns and read into the normalized schema: the
 * day, the month, the row's currency, the cost as both BilledCost and EffectiveCost; an unreadable
 * cost or day, or no currency, quarantines the row with its reason.
 */
class CostManagementBillingSourceTest {
  private static final String VM =
      "/subscriptions/s/resourcegroups/ml/providers/microsoft.compute/virtualmachines/gpu-node-1";

  @TempDir Path dir;

  @Test
  void landedRowsAreDetectedAndNormalizedAndBadOnesQuarantined() throws Exception {
    List<String> columns = AzureCostManagementColumns.landed();
    List<String[]> rows = new ArrayList<>();
    rows.add(row(columns, "2026-11-30", "12.34567891", "USD", "eastus", "Virtual Machines"));
    rows.add(row(columns, "2026-11-01", "0.5", "eur", "westeurope", "Storage"));
    rows.add(row(columns, "2026-11-02", "12,5", "USD", "eastus", "Virtual Machines"));
    rows.add(row(columns, "Nov 30", "1.00", "USD", "eastus", "Virtual Machines"));
    rows.add(row(columns, "2026-11-03", "2.00", null, "eastus", "Virtual Machines"));
    Path file = dir.resolve("part-0.parquet");
    LandedParquet.write(file, columns, rows, Map.of("fleetcost.period", "2026-11"));

    SparkSession spark = SharedSpark.session();
    BillingIngestJob.Plan plan =
        BillingIngestJob.plan(
            spark.sparkContext().hadoopConfiguration(),
            List.of(
                new BillingInput(
                    "azure-api", List.of(file.toString()), null, AzureCostDataset.AUTO)));
    assertThat(plan.files()).hasSize(1);
    assertThat(plan.files().get(0).format())
        .as("detected by its columns, not as cost details")
        .isEqualTo(BillingFormat.AZURE_COST_MANAGEMENT);

    ReadContext context =
        new ReadContext(spark, spark.sparkContext().longAccumulator(), ServiceCategories.bundled());
    List<Row> read =
        BillingSources.forFormat(BillingFormat.AZURE_COST_MANAGEMENT)
            .read(context, plan.files())
            .orderBy(col("x_SourceLine"))
            .collectAsList();
    assertThat(read).hasSize(5);

    Row vm = read.get(0);
    assertThat(vm.<String>getAs("x_QuarantineReason")).isNull();
    assertThat(vm.<BigDecimal>getAs("BilledCost")).isEqualByComparingTo("12.34567891");
    assertThat(vm.<BigDecimal>getAs("EffectiveCost")).isEqualByComparingTo("12.34567891");
    assertThat(vm.<Timestamp>getAs("ChargePeriodStart").toLocalDateTime())
        .isEqualTo(LocalDateTime.parse("2026-11-30T00:00"));
    assertThat(vm.<Timestamp>getAs("ChargePeriodEnd").toLocalDateTime())
        .isEqualTo(LocalDateTime.parse("2026-12-01T00:00"));
    assertThat(vm.<Timestamp>getAs("BillingPeriodStart").toLocalDateTime())
        .isEqualTo(LocalDateTime.parse("2026-11-01T00:00"));
    assertThat(vm.<Timestamp>getAs("BillingPeriodEnd").toLocalDateTime())
        .isEqualTo(LocalDateTime.parse("2026-12-01T00:00"));
    assertThat(vm.<String>getAs("BillingCurrency")).isEqualTo("USD");
    assertThat(vm.<String>getAs("ProviderName")).isEqualTo("Microsoft");
    assertThat(vm.<String>getAs("ResourceId")).isEqualTo(VM);
    assertThat(vm.<String>getAs("RegionId")).isEqualTo("eastus");
    assertThat(vm.<String>getAs("ServiceName")).isEqualTo("Virtual Machines");
    assertThat(vm.<String>getAs("x_SourceFormat")).isEqualTo("azure-cost-management");

    assertThat(read.get(1).<String>getAs("x_QuarantineReason")).isNull();
    assertThat(read.get(1).<String>getAs("BillingCurrency"))
        .as("the row's own currency")
        .isEqualTo("EUR");

    assertThat(read.get(2).<String>getAs("x_QuarantineReason"))
        .isEqualTo("unparseable_decimal:BilledCost");
    assertThat(read.get(2).<String>getAs("x_QuarantineDetail")).contains("12,5");
    assertThat(read.get(3).<String>getAs("x_QuarantineReason"))
        .isEqualTo("unparseable_timestamp:ChargePeriodStart");
    assertThat(read.get(3).<String>getAs("x_QuarantineDetail")).contains("Nov 30");
    assertThat(read.get(4).<String>getAs("x_QuarantineReason"))
        .isEqualTo("missing_value:BillingCurrency");
  }

  private static String[] row(
      List<String> columns,
      String day,
      String cost,
      String currency,
      String location,
      String service) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("UsageDate", day);
    values.put("ResourceId", VM);
    values.put("MeterId", "8b7f4a0e-0000-4c53-9b7c-0a1e1f2a0001");
    values.put("ResourceLocation", location);
    values.put("ServiceName", service);
    values.put("Cost", cost);
    values.put("Currency", currency);
    values.put("x_CostColumn", "PreTaxCost");
    values.put("x_Dataset", "actual");
    values.put("x_RequestId", "req-1");
    values.put("x_Page", "1");
    return columns.stream().map(values::get).toArray(String[]::new);
  }
}
