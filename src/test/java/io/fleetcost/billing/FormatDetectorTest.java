package io.fleetcost.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetcost.error.ErrorCode;
import io.fleetcost.error.FleetCostException;
import io.fleetcost.files.Compression;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FormatDetectorTest {
  static FileLayout csv(String... columns) {
    Map<String, String> types = new LinkedHashMap<>();
    for (String column : columns) {
      types.put(column, "string");
    }
    return new FileLayout(Container.CSV, Compression.NONE, List.of(columns), types);
  }

  static FileLayout parquet(String... columns) {
    Map<String, String> types = new LinkedHashMap<>();
    for (String column : columns) {
      types.put(
          column, column.equals("product") || column.equals("resource_tags") ? "map" : "string");
    }
    return new FileLayout(Container.PARQUET, Compression.NONE, List.of(columns), types);
  }

  @Test
  void detectsEachFormatFromItsColumns() {
    assertThat(
            FormatDetector.detect(
                csv("identity/LineItemId", "lineItem/UnblendedCost", "lineItem/UsageStartDate")))
        .contains(BillingFormat.AWS_CUR);
    assertThat(
            FormatDetector.detect(
                parquet(
                    "line_item_unblended_cost",
                    "line_item_usage_start_date",
                    "product_instance_type")))
        .as("legacy CUR in Parquet: snake_case without CUR 2.0's maps")
        .contains(BillingFormat.AWS_CUR);
    assertThat(
            FormatDetector.detect(
                parquet(
                    "line_item_unblended_cost",
                    "line_item_usage_start_date",
                    "product",
                    "resource_tags")))
        .contains(BillingFormat.AWS_CUR2);
    assertThat(
            FormatDetector.detect(
                csv("BilledCost", "EffectiveCost", "ChargePeriodStart", "ChargePeriodEnd")))
        .contains(BillingFormat.FOCUS);
    assertThat(
            FormatDetector.detect(
                csv("BilledCost", "AmortizedCost", "ChargeType", "ChargePeriodStart")))
        .as("FOCUS 1.0-preview names")
        .contains(BillingFormat.FOCUS);
    assertThat(
            FormatDetector.detect(
                csv("billing_account_id", "service", "sku", "usage_start_time", "cost")))
        .contains(BillingFormat.GCP_BIGQUERY);
    assertThat(FormatDetector.detect(csv("Date", "MeterCategory", "Cost", "BillingCurrency")))
        .contains(BillingFormat.AZURE_COST_DETAILS);
    assertThat(
            FormatDetector.detect(
                csv("date", "meterCategory", "costInBillingCurrency", "billingCurrency")))
        .as("MCA camelCase")
        .contains(BillingFormat.AZURE_COST_DETAILS);
    assertThat(FormatDetector.detect(csv("UsageDateTime", "MeterId", "PreTaxCost", "Currency")))
        .as("legacy usage details")
        .contains(BillingFormat.AZURE_COST_DETAILS);
    assertThat(FormatDetector.detect(csv("a", "b"))).isEmpty();
  }

  @Test
  void aFileWithTheFormatsSignatureButWithoutARequiredColumnIsRefusedNamingTheColumn() {
    FileLayout noCost =
        csv(
            "identity/LineItemId",
            "lineItem/LineItemType",
            "lineItem/UsageStartDate",
            "lineItem/UsageEndDate",
            "lineItem/CurrencyCode");
    assertThatThrownBy(() -> FormatDetector.resolve("/data/cur.csv", noCost, Optional.empty()))
        .isInstanceOf(FleetCostException.class)
        .hasMessageContaining("/data/cur.csv")
        .hasMessageContaining("'line_item_unblended_cost' (or lineItem/UnblendedCost)")
        .satisfies(
            e -> assertThat(((FleetCostException) e).code()).isEqualTo(ErrorCode.USER_ERROR));
  }

  @Test
  void aClaimedFormatIsCheckedAgainstTheFile() {
    FileLayout focus =
        csv(
            "BilledCost",
            "EffectiveCost",
            "BillingCurrency",
            "ChargePeriodStart",
            "ChargePeriodEnd",
            "ChargeCategory");
    assertThat(FormatDetector.resolve("f.csv", focus, Optional.of(BillingFormat.FOCUS)))
        .isEqualTo(BillingFormat.FOCUS);
    assertThatThrownBy(
            () -> FormatDetector.resolve("f.csv", focus, Optional.of(BillingFormat.GCP_BIGQUERY)))
        .hasMessageContaining("Cannot read f.csv as gcp-bigquery: it is CSV");
    assertThatThrownBy(
            () ->
                FormatDetector.resolve(
                    "f.csv", focus, Optional.of(BillingFormat.AZURE_COST_DETAILS)))
        .hasMessageContaining("required column 'Date'")
        .hasMessageContaining("also missing: CostInBillingCurrency");
  }

  @Test
  void theDetailNamesTheVersionAndTheContainer() {
    assertThat(
            FormatDetector.detail(
                BillingFormat.FOCUS,
                csv("BilledCost", "ChargePeriodStart", "InvoiceId", "x_UsageType")))
        .isEqualTo("FOCUS 1.2, AWS Data Exports, CSV");
    assertThat(
            FormatDetector.detail(
                BillingFormat.FOCUS, csv("BilledCost", "ChargePeriodStart", "ChargeClass")))
        .isEqualTo("FOCUS 1.0, generic, CSV");
    assertThat(
            FormatDetector.detail(
                BillingFormat.AZURE_COST_DETAILS, csv("CostInBillingCurrency", "Date")))
        .startsWith("EA 2023-12");
  }
}
