package io.fleetcost.billing.azure;

import static io.fleetcost.billing.azure.AzureCostManagementColumns.COST;
import static io.fleetcost.billing.azure.AzureCostManagementColumns.COST_COLUMN;
import static io.fleetcost.billing.azure.AzureCostManagementColumns.CURRENCY;
import static io.fleetcost.billing.azure.AzureCostManagementColumns.DATASET;
import static io.fleetcost.billing.azure.AzureCostManagementColumns.PAGE;
import static io.fleetcost.billing.azure.AzureCostManagementColumns.REQUEST_ID;
import static io.fleetcost.billing.azure.AzureCostManagementColumns.USAGE_DATE;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CostManagementRowsTest {
  @Test
  void usageDatesAndNumbersLandAsText() {
    assertThat(CostManagementRows.usageDate("20261130")).isEqualTo("2026-11-30");
    assertThat(CostManagementRows.usageDate("2026-11-30T00:00:00")).isEqualTo("2026-11-30");
    assertThat(CostManagementRows.usageDate("Nov 30")).isEqualTo("Nov 30");
    assertThat(CostManagementRows.text(0.00001234)).isEqualTo("0.00001234");
    assertThat(CostManagementRows.text(20261130)).isEqualTo("20261130");
    assertThat(CostManagementRows.text(12.5d)).isEqualTo("12.5");
  }

  @Test
  void aRowIsReadByColumnNameInAnyCaseAndACostInUsdHasItsCurrency() {
    CostManagementRows rows =
        new CostManagementRows(
            List.of(USAGE_DATE, COST, COST_COLUMN, CURRENCY, DATASET, REQUEST_ID, PAGE), "actual");
    String[] row =
        rows.row(
            CostManagementRows.positions(List.of("costUSD", "UsageDate")),
            Arrays.asList(new BigDecimal("1.50"), 20261130),
            "request-1",
            2);
    assertThat(row)
        .containsExactly("2026-11-30", "1.50", "CostUSD", "USD", "actual", "request-1", "2");
  }
}
