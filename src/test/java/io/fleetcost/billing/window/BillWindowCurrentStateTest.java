package io.fleetcost.billing.window;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.fleetcost.model.CostColumns;
import io.fleetcost.savings.ProviderSpend;
import io.fleetcost.savings.ResourceBill;
import io.fleetcost.savings.SavingsEngine;
import io.fleetcost.spark.SharedSpark;
import io.fleetcost.telemetry.ResourceKeys;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * A resource acted on inside the window is taken as it is billed at the window's end, not as it
 * was.
 */
class BillWindowCurrentStateTest {
  private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
  private static final Instant END = Instant.parse("2026-11-15T00:00:00Z");

  /** The columns {@link BillWindow} reads. */
  static final StructType SCHEMA =
      new StructType()
          .add(CostColumns.PROVIDER_NAME, DataTypes.StringType)
          .add(CostColumns.BILLING_CURRENCY, DataTypes.StringType)
          .add(CostColumns.EFFECTIVE_COST, DataTypes.createDecimalType(38, 18))
          .add(CostColumns.CHARGE_PERIOD_START, DataTypes.TimestampType)
          .add(CostColumns.CHARGE_PERIOD_END, DataTypes.TimestampType)
          .add(CostColumns.CHARGE_CATEGORY, DataTypes.StringType)
          .add(CostColumns.RESOURCE_ID, DataTypes.StringType)
          .add(CostColumns.RESOURCE_NAME, DataTypes.StringType)
          .add(CostColumns.SUB_ACCOUNT_ID, DataTypes.StringType)
          .add(CostColumns.REGION_ID, DataTypes.StringType)
          .add(CostColumns.INSTANCE_TYPE, DataTypes.StringType)
          .add(CostColumns.GPU_COUNT, DataTypes.IntegerType)
          .add(CostColumns.PRICING_CATEGORY, DataTypes.StringType)
          .add(CostColumns.SOURCE_FILE, DataTypes.StringType)
          .add(CostColumns.SOURCE_LINE, DataTypes.LongType)
          .add(
              CostColumns.TAGS,
              DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, true));

  private final List<Row> rows = new ArrayList<>();

  private void hourly(
      String id, String type, Integer gpus, String pricing, String from, String to, String cost) {
    for (Instant h = Instant.parse(from); h.isBefore(Instant.parse(to)); h = h.plusSeconds(3600)) {
      rows.add(
          RowFactory.create(
              "Microsoft",
              "USD",
              new BigDecimal(cost),
              Timestamp.from(h),
              Timestamp.from(h.plusSeconds(3600)),
              "Usage",
              "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/"
                  + id,
              id,
              "s",
              "eastus",
              type,
              gpus,
              pricing,
              "bill.csv",
              (long) rows.size() + 2,
              Map.of("team", "platform")));
    }
  }

  /** The key the job matches a bill row to telemetry by. */
  static Column billKey() {
    return ResourceKeys.fromBill(
        col(CostColumns.PROVIDER_NAME),
        col(CostColumns.RESOURCE_ID),
        col(CostColumns.RESOURCE_NAME));
  }

  private List<ResourceBill> bills() {
    Dataset<Row> normalized = SharedSpark.session().createDataFrame(rows, SCHEMA);
    List<ProviderSpend> spend = BillWindow.spend(normalized, START, END);
    return BillWindow.resources(
        SharedSpark.session(), normalized, billKey(), List.of(), spend, START);
  }

  private static ResourceBill bill(List<ResourceBill> bills, String key) {
    return bills.stream().filter(b -> b.resourceKey().equals(key)).findFirst().orElseThrow();
  }

  @Test
  void aVmRecreatedOnSpotIsOnSpotAndADeletedOneIsStopped() {
    // vm-train: 11 days on demand at 3.673/h, then recreated with the same name as a Spot VM at
    // 0.735/h: the largest
    // rows are the on-demand ones, but it runs on spot now
    hourly(
        "vm-train",
        "Standard_NC24ads_A100_v4",
        1,
        "Standard",
        "2026-11-01T00:00:00Z",
        "2026-11-12T00:00:00Z",
        "3.673");
    hourly(
        "vm-train",
        "Standard_NC24ads_A100_v4",
        1,
        "Dynamic",
        "2026-11-12T00:00:00Z",
        "2026-11-15T00:00:00Z",
        "0.735");
    // vm-gone: deleted on 10 Nov; its managed disk (no instance type) was billed until the end
    hourly(
        "vm-gone",
        "Standard_NC4as_T4_v3",
        1,
        "Standard",
        "2026-11-01T00:00:00Z",
        "2026-11-10T00:00:00Z",
        "0.526");
    hourly(
        "vm-gone", null, null, "Standard", "2026-11-01T00:00:00Z", "2026-11-15T00:00:00Z", "0.01");

    List<ResourceBill> bills = bills();

    ResourceBill train = bill(bills, "vm-train");
    assertThat(train.pricingCategory()).isEqualTo("Dynamic");
    assertThat(train.basis().stoppedBefore(SavingsEngine.STOPPED_AFTER)).isFalse();

    ResourceBill gone = bill(bills, "vm-gone");
    assertThat(gone.pricingCategory()).isEqualTo("Standard");
    // the instance's own last charge, not its disk's
    assertThat(gone.basis().lastChargeEnd()).isEqualTo("2026-11-10T00:00:00Z");
    assertThat(gone.basis().billCoveredTo()).isEqualTo("2026-11-15T00:00:00Z");
    assertThat(gone.basis().stoppedBefore(SavingsEngine.STOPPED_AFTER)).isTrue();
  }
}
