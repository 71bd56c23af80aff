package io.fleetcost.samplefleet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the AWS instances of a fleet as an AWS Data Exports CUR 2.0 report in CSV: hourly line
 * items, one file per billing period under {@code <export>/data/BILLING_PERIOD=YYYY-MM/}, as Data
 * Exports lays them out (uncompressed; AWS gzips them by default). Map columns ({@code product},
 * {@code resource_tags}, …) are JSON objects.
 *
 * <ul>
 *   <li>ON_DEMAND: a {@code Usage} line, usage type {@code BoxUsage:<type>}, term {@code OnDemand},
 *       unblended cost = hourlyCost.
 *   <li>SPOT: a {@code Usage} line, usage type {@code SpotUsage:<type>}, term {@code Spot},
 *       unblended cost = hourlyCost.
 *   <li>COMMITTED: a Compute Savings Plan of the payer account covers the hour: {@code
 *       SavingsPlanCoveredUsage} at the on-demand rate with {@code
 *       savings_plan_savings_plan_effective_cost} = hourlyCost, its {@code SavingsPlanNegation},
 *       and per hour one {@code SavingsPlanRecurringFee} whose commitment equals what the covered
 *       lines used (EffectiveCost of the fee: its unused part, 0).
 *   <li>Not GPU: a gp3 EBS volume per instance and the instance's data transfer out, hourly.
 * </ul>
 *
 * Tags go into {@code resource_tags} under the keys CUR 2.0 gives them: {@code user_} and the key
 * in snake case ({@code workload-type} → {@code user_workload_type}).
 */
public final class AwsCur2Writer {
  public static final String EXPORT_NAME = "gpu-fleet-cur2";

  static final List<String> COLUMNS =
      List.of(
          "identity_line_item_id",
          "identity_time_interval",
          "bill_invoice_id",
          "bill_invoicing_entity",
          "bill_billing_entity",
          "bill_bill_type",
          "bill_payer_account_id",
          "bill_payer_account_name",
          "bill_billing_period_start_date",
          "bill_billing_period_end_date",
          "line_item_usage_account_id",
          "line_item_usage_account_name",
          "line_item_line_item_type",
          "line_item_usage_start_date",
          "line_item_usage_end_date",
          "line_item_product_code",
          "line_item_usage_type",
          "line_item_operation",
          "line_item_availability_zone",
          "line_item_resource_id",
          "line_item_usage_amount",
          "line_item_currency_code",
          "line_item_unblended_rate",
          "line_item_unblended_cost",
          "line_item_blended_cost",
          "line_item_line_item_description",
          "line_item_legal_entity",
          "product",
          "product_instance_type",
          "product_instance_family",
          "product_region_code",
          "product_product_family",
          "product_servicecode",
          "product_sku",
          "product_usagetype",
          "product_location",
          "pricing_public_on_demand_cost",
          "pricing_public_on_demand_rate",
          "pricing_term",
          "pricing_unit",
          "reservation_reservation_a_r_n",
          "reservation_effective_cost",
          "reservation_unused_amortized_upfront_fee_for_billing_period",
          "reservation_unused_recurring_fee",
          "savings_plan_savings_plan_a_r_n",
          "savings_plan_savings_plan_effective_cost",
          "savings_plan_savings_plan_rate",
          "savings_plan_total_commitment_to_date",
          "savings_plan_used_commitment",
          "savings_plan_offering_type",
          "resource_tags",
          "cost_category",
          "discount");

  private static final String CURRENCY = "USD";
  private static final String AWS_INC = "Amazon Web Services, Inc.";
  private static final BigDecimal GP3_PER_GB_MONTH = new BigDecimal("0.08");
  private static final BigDecimal DATA_TRANSFER_PER_GB = new BigDecimal("0.09");
  private static final BigDecimal DATA_TRANSFER_GB_PER_GPU_HOUR = new BigDecimal("0.25");
  private static final DateTimeFormatter CUR_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private final ObjectMapper json = new ObjectMapper();

  /** Writes one CSV per billing period of the fleet's AWS instances into {@code folder}. */
  public BillingTotals write(Fleet fleet, Path folder) {
    BillingTotals.Accumulator totals = new BillingTotals.Accumulator(FleetInstance.AWS);
    List<FleetInstance> instances = fleet.instancesOf(FleetInstance.AWS);
    if (instances.isEmpty()) {
      return totals.build();
    }
    Map<YearMonth, List<Integer>> hoursByMonth = new TreeMap<>();
    for (int hour = 0; hour < fleet.billedHours(); hour++) {
      YearMonth month = YearMonth.from(fleet.billedHourStart(hour).atZone(ZoneOffset.UTC));
      hoursByMonth.computeIfAbsent(month, m -> new ArrayList<>()).add(hour);
    }
    for (Map.Entry<YearMonth, List<Integer>> month : hoursByMonth.entrySet()) {
      Path relative =
          Path.of(
              EXPORT_NAME, "data", "BILLING_PERIOD=" + month.getKey(), EXPORT_NAME + "-00001.csv");
      Path file = folder.resolve(relative);
      totals.file(relative);
      try (BufferedWriter out = TextOutput.create(file)) {
        TextOutput.csvLine(out, COLUMNS, "\n");
        Period period = new Period(fleet.accounts(), month.getKey());
        for (int hour : month.getValue()) {
          writeHour(
              out,
              period,
              fleet.billedHourStart(hour),
              billedAs(fleet, instances, fleet.billedHourStart(hour)),
              totals);
        }
      } catch (IOException e) {
        throw TextOutput.cannotWrite(file, e);
      }
    }
    return totals.build();
  }

  private static List<FleetInstance> billedAs(
      Fleet fleet, List<FleetInstance> instances, Instant hour) {
    List<FleetInstance> billed = new ArrayList<>(instances.size());
    for (FleetInstance instance : instances) {
      FleetInstance as = fleet.billedAs(instance, hour);
      if (as != null) {
        billed.add(as);
      }
    }
    return billed;
  }

  /** The bill's fields shared by every line of a billing period. */
  private record Period(BillingAccounts accounts, YearMonth month) {
    String start() {
      return CUR_TIME.format(month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC));
    }

    String end() {
      return CUR_TIME.format(month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC));
    }

    int hours() {
      return month.lengthOfMonth() * 24;
    }

    String invoiceId() {
      return StableIds.digits("invoice/" + accounts.awsPayerAccountId() + "/" + month, 10);
    }

    String savingsPlanArn() {
      return "arn:aws:savingsplans::"
          + accounts.awsPayerAccountId()
          + ":savingsplan/"
          + StableIds.uuid("savings-plan/" + accounts.awsPayerAccountId());
    }
  }

  private void writeHour(
      BufferedWriter out,
      Period period,
      Instant hourStart,
      List<FleetInstance> instances,
      BillingTotals.Accumulator totals)
      throws IOException {
    BigDecimal committedUsed = BigDecimal.ZERO;
    for (FleetInstance instance : instances) {
      switch (instance.pricing()) {
        case ON_DEMAND -> {
          emit(
              out,
              instanceUsage(
                  period, hourStart, instance, "Usage", "BoxUsage", "RunInstances", "OnDemand"));
          totals.instanceRow(CURRENCY, instance.hourlyCost());
        }
        case SPOT -> {
          emit(
              out,
              instanceUsage(
                  period, hourStart, instance, "Usage", "SpotUsage", "RunInstances:SV001", "Spot"));
          totals.instanceRow(CURRENCY, instance.hourlyCost());
        }
        case COMMITTED -> {
          emit(out, savingsPlanCovered(period, hourStart, instance));
          emit(out, savingsPlanNegation(period, hourStart, instance));
          totals.instanceRow(CURRENCY, instance.hourlyCost());
          totals.instanceRow(CURRENCY, BigDecimal.ZERO);
          committedUsed = committedUsed.add(instance.hourlyCost());
        }
      }
      Map<String, String> volume = ebsVolume(period, hourStart, instance);
      emit(out, volume);
      totals.otherRow(CURRENCY, new BigDecimal(volume.get("line_item_unblended_cost")));
      Map<String, String> transfer = dataTransfer(period, hourStart, instance);
      emit(out, transfer);
      totals.otherRow(CURRENCY, new BigDecimal(transfer.get("line_item_unblended_cost")));
    }
    if (committedUsed.signum() > 0) {
      emit(out, savingsPlanFee(period, hourStart, committedUsed));
      // The commitment is sized to what the covered lines use, so nothing of it is unused.
      totals.otherRow(CURRENCY, BigDecimal.ZERO);
    }
  }

  private static void emit(BufferedWriter out, Map<String, String> row) throws IOException {
    List<String> values = new ArrayList<>(COLUMNS.size());
    for (String column : COLUMNS) {
      values.add(row.get(column));
    }
    TextOutput.csvLine(out, values, "\n");
  }

  /** The fields every line of an hour shares; {@code kind} makes the line item id unique. */
  private Map<String, String> line(
      Period period, Instant hourStart, String accountId, String kind, String resource) {
    Instant hourEnd = hourStart.plusSeconds(3600);
    Map<String, String> row = new HashMap<>();
    row.put(
        "identity_line_item_id",
        StableIds.base32(kind + "/" + accountId + "/" + resource + "/" + hourStart));
    row.put("identity_time_interval", hourStart + "/" + hourEnd);
    row.put("bill_invoice_id", period.invoiceId());
    row.put("bill_invoicing_entity", AWS_INC);
    row.put("bill_billing_entity", "AWS");
    row.put("bill_bill_type", "Anniversary");
    row.put("bill_payer_account_id", period.accounts().awsPayerAccountId());
    row.put("bill_payer_account_name", period.accounts().awsPayerAccountName());
    row.put("bill_billing_period_start_date", period.start());
    row.put("bill_billing_period_end_date", period.end());
    row.put("line_item_usage_account_id", accountId);
    row.put("line_item_usage_account_name", period.accounts().subAccountName(accountId));
    row.put("line_item_usage_start_date", CUR_TIME.format(hourStart));
    row.put("line_item_usage_end_date", CUR_TIME.format(hourEnd));
    row.put("line_item_currency_code", CURRENCY);
    row.put("line_item_legal_entity", AWS_INC);
    row.put("cost_category", "{}");
    row.put("discount", "{}");
    row.put("resource_tags", "{}");
    row.put("product", "{}");
    return row;
  }

  private Map<String, String> instanceUsage(
      Period period,
      Instant hourStart,
      FleetInstance instance,
      String lineItemType,
      String usage,
      String operation,
      String term) {
    String usageType =
        AwsRegions.usageTypePrefix(instance.region()) + usage + ":" + instance.instanceType();
    Map<String, String> row =
        line(period, hourStart, instance.accountId(), lineItemType, instance.resourceId());
    row.put("line_item_line_item_type", lineItemType);
    row.put("line_item_product_code", "AmazonEC2");
    row.put("line_item_usage_type", usageType);
    row.put("line_item_operation", operation);
    row.put("line_item_availability_zone", instance.zone());
    row.put("line_item_resource_id", instance.resourceId());
    row.put("line_item_usage_amount", "1");
    String rate = Decimals.plain(instance.hourlyCost());
    row.put("line_item_unblended_rate", rate);
    row.put("line_item_unblended_cost", rate);
    row.put("line_item_blended_cost", rate);
    row.put(
        "line_item_line_item_description",
        term.equals("Spot")
            ? "$"
                + rate
                + " per Linux/UNIX "
                + instance.instanceType()
                + " Spot Instance-hour in "
                + instance.zone()
            : onDemandDescription(instance));
    instanceProduct(row, instance, usageType);
    row.put("pricing_public_on_demand_cost", Decimals.plain(instance.hourlyOnDemand()));
    row.put("pricing_public_on_demand_rate", Decimals.plain(instance.hourlyOnDemand()));
    row.put("pricing_term", term);
    row.put("pricing_unit", "Hrs");
    row.put("resource_tags", tagsJson(instance));
    return row;
  }

  private Map<String, String> savingsPlanCovered(
      Period period, Instant hourStart, FleetInstance instance) {
    Map<String, String> row =
        instanceUsage(
            period,
            hourStart,
            instance,
            "SavingsPlanCoveredUsage",
            "BoxUsage",
            "RunInstances",
            "OnDemand");
    String onDemand = Decimals.plain(instance.hourlyOnDemand());
    row.put("line_item_unblended_rate", onDemand);
    row.put("line_item_unblended_cost", onDemand);
    row.put("line_item_blended_cost", onDemand);
    row.put("line_item_line_item_description", onDemandDescription(instance));
    row.put("savings_plan_savings_plan_a_r_n", period.savingsPlanArn());
    row.put("savings_plan_savings_plan_effective_cost", Decimals.plain(instance.hourlyCost()));
    row.put("savings_plan_savings_plan_rate", Decimals.plain(instance.hourlyCost()));
    row.put("savings_plan_offering_type", "ComputeSavingsPlans");
    return row;
  }

  private Map<String, String> savingsPlanNegation(
      Period period, Instant hourStart, FleetInstance instance) {
    Map<String, String> row =
        instanceUsage(
            period,
            hourStart,
            instance,
            "SavingsPlanNegation",
            "BoxUsage",
            "RunInstances",
            "OnDemand");
    String onDemand = Decimals.plain(instance.hourlyOnDemand());
    row.put("line_item_unblended_rate", onDemand);
    row.put("line_item_unblended_cost", Decimals.plain(instance.hourlyOnDemand().negate()));
    row.put("line_item_blended_cost", Decimals.plain(instance.hourlyOnDemand().negate()));
    row.put(
        "line_item_line_item_description",
        "SavingsPlanNegation used by AccountId : "
            + instance.accountId()
            + " and UsageSku : "
            + row.get("product_sku"));
    // The covered line already states the on-demand cost; the negation only cancels what was
    // billed.
    row.remove("pricing_public_on_demand_cost");
    row.remove("pricing_public_on_demand_rate");
    row.put("savings_plan_savings_plan_a_r_n", period.savingsPlanArn());
    row.put("savings_plan_offering_type", "ComputeSavingsPlans");
    return row;
  }

  private Map<String, String> savingsPlanFee(
      Period period, Instant hourStart, BigDecimal commitment) {
    String payer = period.accounts().awsPayerAccountId();
    Map<String, String> row =
        line(period, hourStart, payer, "SavingsPlanRecurringFee", period.savingsPlanArn());
    row.put("line_item_line_item_type", "SavingsPlanRecurringFee");
    row.put("line_item_product_code", "ComputeSavingsPlans");
    row.put("line_item_usage_type", "ComputeSP:1yrNoUpfront");
    row.put("line_item_resource_id", period.savingsPlanArn());
    row.put("line_item_usage_amount", "1");
    String amount = Decimals.plain(commitment);
    row.put("line_item_unblended_rate", amount);
    row.put("line_item_unblended_cost", amount);
    row.put("line_item_blended_cost", amount);
    row.put("line_item_line_item_description", "1 year No Upfront Compute Savings Plan");
    row.put("pricing_unit", "Hrs");
    row.put("savings_plan_savings_plan_a_r_n", period.savingsPlanArn());
    row.put("savings_plan_total_commitment_to_date", amount);
    row.put("savings_plan_used_commitment", amount);
    row.put("savings_plan_offering_type", "ComputeSavingsPlans");
    return row;
  }

  private Map<String, String> ebsVolume(Period period, Instant hourStart, FleetInstance instance) {
    String volumeId = "vol-0" + StableIds.hex("ebs/" + instance.resourceId(), 16);
    int sizeGb = 200 + 100 * instance.gpus().size();
    BigDecimal gbMonths =
        BigDecimal.valueOf(sizeGb)
            .divide(BigDecimal.valueOf(period.hours()), 10, RoundingMode.HALF_UP);
    String usageType = AwsRegions.usageTypePrefix(instance.region()) + "EBS:VolumeUsage.gp3";
    Map<String, String> row = line(period, hourStart, instance.accountId(), "Usage", volumeId);
    row.put("line_item_line_item_type", "Usage");
    row.put("line_item_product_code", "AmazonEC2");
    row.put("line_item_usage_type", usageType);
    row.put("line_item_operation", "CreateVolume-Gp3");
    row.put("line_item_availability_zone", instance.zone());
    row.put("line_item_resource_id", volumeId);
    row.put("line_item_usage_amount", Decimals.plain(gbMonths));
    BigDecimal cost = Decimals.round(gbMonths.multiply(GP3_PER_GB_MONTH), 10);
    row.put("line_item_unblended_rate", Decimals.plain(GP3_PER_GB_MONTH));
    row.put("line_item_unblended_cost", Decimals.plain(cost));
    row.put("line_item_blended_cost", Decimals.plain(cost));
    row.put(
        "line_item_line_item_description",
        "$"
            + Decimals.plain(GP3_PER_GB_MONTH)
            + " per GB-month of General Purpose (gp3) provisioned storage - "
            + AwsRegions.location(instance.region()));
    row.put(
        "product",
        productJson(
            Map.of("product_name", "Amazon Elastic Compute Cloud", "region", instance.region())));
    row.put("product_region_code", instance.region());
    row.put("product_product_family", "Storage");
    row.put("product_servicecode", "AmazonEC2");
    row.put("product_sku", sku(instance.region() + "/gp3"));
    row.put("product_usagetype", usageType);
    row.put("product_location", AwsRegions.location(instance.region()));
    row.put("pricing_public_on_demand_cost", Decimals.plain(cost));
    row.put("pricing_public_on_demand_rate", Decimals.plain(GP3_PER_GB_MONTH));
    row.put("pricing_term", "OnDemand");
    row.put("pricing_unit", "GB-Mo");
    row.put("resource_tags", tagsJson(instance));
    return row;
  }

  private Map<String, String> dataTransfer(
      Period period, Instant hourStart, FleetInstance instance) {
    BigDecimal gigabytes =
        DATA_TRANSFER_GB_PER_GPU_HOUR.multiply(
            BigDecimal.valueOf(Math.max(1, instance.gpus().size())));
    BigDecimal cost = gigabytes.multiply(DATA_TRANSFER_PER_GB);
    String usageType = AwsRegions.usageTypePrefix(instance.region()) + "DataTransfer-Out-Bytes";
    Map<String, String> row =
        line(period, hourStart, instance.accountId(), "DataTransfer", instance.resourceId());
    row.put("line_item_line_item_type", "Usage");
    row.put("line_item_product_code", "AWSDataTransfer");
    row.put("line_item_usage_type", usageType);
    row.put("line_item_operation", "RunInstances");
    row.put("line_item_resource_id", instance.resourceId());
    row.put("line_item_usage_amount", Decimals.plain(gigabytes));
    row.put("line_item_unblended_rate", Decimals.plain(DATA_TRANSFER_PER_GB));
    row.put("line_item_unblended_cost", Decimals.plain(cost));
    row.put("line_item_blended_cost", Decimals.plain(cost));
    row.put(
        "line_item_line_item_description",
        "$"
            + Decimals.plain(DATA_TRANSFER_PER_GB)
            + " per GB - first 10 TB / month data transfer out beyond the global free tier");
    row.put(
        "product",
        productJson(Map.of("product_name", "AWS Data Transfer", "region", instance.region())));
    row.put("product_region_code", instance.region());
    row.put("product_product_family", "Data Transfer");
    row.put("product_servicecode", "AWSDataTransfer");
    row.put("product_sku", sku(instance.region() + "/data-transfer-out"));
    row.put("product_usagetype", usageType);
    row.put("product_location", AwsRegions.location(instance.region()));
    row.put("pricing_public_on_demand_cost", Decimals.plain(cost));
    row.put("pricing_public_on_demand_rate", Decimals.plain(DATA_TRANSFER_PER_GB));
    row.put("pricing_term", "OnDemand");
    row.put("pricing_unit", "GB");
    row.put("resource_tags", tagsJson(instance));
    return row;
  }

  private void instanceProduct(Map<String, String> row, FleetInstance instance, String usageType) {
    InstanceSizes.Size size = InstanceSizes.of(instance);
    Map<String, String> product = new LinkedHashMap<>();
    product.put("product_name", "Amazon Elastic Compute Cloud");
    product.put("region", instance.region());
    product.put("operating_system", "Linux");
    product.put("tenancy", "Shared");
    product.put("instance_type", instance.instanceType());
    product.put("instance_family", "GPU instance");
    product.put("vcpu", Integer.toString(size.vcpus()));
    product.put("memory", size.memoryGib() + " GiB");
    if (!instance.gpus().isEmpty()) {
      product.put("gpu", Integer.toString(instance.gpus().size()));
      product.put(
          "gpu_memory", InstanceSizes.gpuMemoryGib(instance) * instance.gpus().size() + " GB");
    }
    row.put("product", productJson(product));
    row.put("product_instance_type", instance.instanceType());
    row.put("product_instance_family", "GPU instance");
    row.put("product_region_code", instance.region());
    row.put("product_product_family", "Compute Instance");
    row.put("product_servicecode", "AmazonEC2");
    row.put(
        "product_sku", sku(instance.region() + "/" + instance.instanceType() + "/Linux/Shared"));
    row.put("product_usagetype", usageType);
    row.put("product_location", AwsRegions.location(instance.region()));
  }

  private static String onDemandDescription(FleetInstance instance) {
    return "$"
        + Decimals.plain(instance.hourlyOnDemand())
        + " per On Demand Linux "
        + instance.instanceType()
        + " Instance Hour";
  }

  private static String sku(String seed) {
    return StableIds.base32("sku/" + seed).substring(0, 16).toUpperCase(Locale.ROOT);
  }

  private String tagsJson(FleetInstance instance) {
    Map<String, String> tags = new TreeMap<>();
    instance.tags().forEach((key, value) -> tags.put(cur2TagKey(key), value));
    return productJson(tags);
  }

  private String productJson(Map<String, String> map) {
    try {
      return json.writeValueAsString(
          map instanceof LinkedHashMap || map instanceof TreeMap ? map : new TreeMap<>(map));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write a text map as JSON", e);
    }
  }

  /**
   * The key a user-defined cost allocation tag has in CUR 2.0's {@code resource_tags}: {@code
   * user_}, then the key lower-cased with a word break before each capital and every other
   * character than a letter or digit as {@code _} ({@code CostCenter} → {@code user_cost_center},
   * {@code karpenter.sh/nodepool} → {@code user_karpenter_sh_nodepool}).
   */
  static String cur2TagKey(String tagKey) {
    StringBuilder out = new StringBuilder("user_");
    char previous = ' ';
    for (char c : tagKey.toCharArray()) {
      if (Character.isUpperCase(c)
          && (Character.isLowerCase(previous) || Character.isDigit(previous))) {
        out.append('_');
      }
      if (Character.isLetterOrDigit(c) && c < 128) {
        out.append(Character.toLowerCase(c));
      } else if (out.charAt(out.length() - 1) != '_') {
        out.append('_');
      }
      previous = c;
    }
    int end = out.length();
    while (end > "user_".length() && out.charAt(end - 1) == '_') {
      end--;
    }
    return out.substring(0, end);
  }
}
