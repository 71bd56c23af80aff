package io.fleetcost.samplefleet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
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
 * Writes a {@link SyntheticFleet}'s hourly AWS bill as CUR 2.0 CSV with {@link AwsCur2Writer}'s
 * columns and rows (the row builders below are its own, copied: {@code FleetBenchmarkTest} checks
 * that at 9 rows per GPU-day the bytes are the same), streaming, one part per UTC day under {@code
 * <export>/data/BILLING_PERIOD=YYYY-MM/} (a large report comes in parts; a part per day lets the
 * next night's bill be the same parts plus one).
 *
 * <p>The number of rows is set per GPU-day: every node-hour has its instance usage line (on-demand
 * or spot), and the remaining {@code rowsPerGpuDay × GPUs − 24} lines of a node-day are its EBS
 * volume's hourly line first, then data transfer out, spread evenly over the day's hours. For 8-GPU
 * nodes: 3 (usage only) to 9 (usage, EBS and data transfer every hour, {@link AwsCur2Writer}'s
 * bill).
 */
public final class StreamingCur2Writer {
  static final List<String> COLUMNS = AwsCur2Writer.COLUMNS;
  private static final String CURRENCY = "USD";
  private static final String AWS_INC = "Amazon Web Services, Inc.";
  private static final BigDecimal GP3_PER_GB_MONTH = new BigDecimal("0.08");
  private static final BigDecimal DATA_TRANSFER_PER_GB = new BigDecimal("0.09");
  private static final BigDecimal DATA_TRANSFER_GB_PER_GPU_HOUR = new BigDecimal("0.25");
  private static final DateTimeFormatter CUR_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private final ObjectMapper json = new ObjectMapper();
  private final int rowsPerGpuDay;

  public StreamingCur2Writer(int rowsPerGpuDay) {
    int perNode = SyntheticFleet.GPUS_PER_NODE;
    if (rowsPerGpuDay * perNode < 24 || rowsPerGpuDay * perNode > 72) {
      throw new IllegalArgumentException(
          "bill rows per GPU-day must be 3 to 9 for "
              + perNode
              + "-GPU nodes (24 to 72 lines a node-day): "
              + rowsPerGpuDay);
    }
    this.rowsPerGpuDay = rowsPerGpuDay;
  }

  /**
   * What was written: files relative to the folder, rows, and the sum of line_item_unblended_cost
   * (USD).
   */
  public record Result(List<Path> files, long rows, BigDecimal unblendedCost, long bytes) {
    public Result {
      files = List.copyOf(files);
    }
  }

  /**
   * Writes the days {@code from} to {@code to} (inclusive), one CSV part per day, into {@code
   * folder}.
   */
  public Result write(SyntheticFleet fleet, Path folder, LocalDate from, LocalDate to) {
    BillingTotals.Accumulator totals = new BillingTotals.Accumulator(FleetInstance.AWS);
    long bytes = 0;
    for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
      YearMonth month = YearMonth.from(day);
      String part =
          String.format(Locale.ROOT, "%s-%05d.csv", AwsCur2Writer.EXPORT_NAME, day.getDayOfMonth());
      Path relative = Path.of(AwsCur2Writer.EXPORT_NAME, "data", "BILLING_PERIOD=" + month, part);
      Path file = folder.resolve(relative);
      totals.file(relative);
      try (BufferedWriter out = TextOutput.create(file)) {
        TextOutput.csvLine(out, COLUMNS, "\n");
        Period period = new Period(BillingAccounts.example(), month);
        Instant midnight = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        for (int hour = 0; hour < 24; hour++) {
          writeHour(out, period, midnight.plusSeconds(3600L * hour), hour, fleet.nodes(), totals);
        }
      } catch (IOException e) {
        throw TextOutput.cannotWrite(file, e);
      }
      bytes += file.toFile().length();
    }
    BillingTotals written = totals.build();
    BigDecimal unblended = written.effectiveCost().getOrDefault(CURRENCY, BigDecimal.ZERO);
    return new Result(written.files(), written.rows(), unblended, bytes);
  }

  /** Whether line {@code n} of {@code count} spread over a day's 24 hours falls in {@code hour}. */
  private static boolean spread(int count, int hour) {
    return (hour + 1) * count / 24 > hour * count / 24;
  }

  private void writeHour(
      BufferedWriter out,
      Period period,
      Instant hourStart,
      int hour,
      List<FleetInstance> instances,
      BillingTotals.Accumulator totals)
      throws IOException {
    for (FleetInstance instance : instances) {
      int otherLines = rowsPerGpuDay * instance.gpus().size() - 24;
      int ebsLines = Math.min(24, otherLines);
      int transferLines = otherLines - ebsLines;
      switch (instance.pricing()) {
        case ON_DEMAND ->
            emit(
                out,
                instanceUsage(
                    period, hourStart, instance, "Usage", "BoxUsage", "RunInstances", "OnDemand"));
        case SPOT ->
            emit(
                out,
                instanceUsage(
                    period,
                    hourStart,
                    instance,
                    "Usage",
                    "SpotUsage",
                    "RunInstances:SV001",
                    "Spot"));
        case COMMITTED ->
            throw new IllegalArgumentException(
                "the benchmark's fleet has no Savings Plan: " + instance.resourceId());
      }
      // Usage lines of on-demand and spot hours cost what the hour costs (AwsCur2Writer's rule).
      totals.instanceRow(CURRENCY, instance.hourlyCost());
      if (spread(ebsLines, hour)) {
        Map<String, String> volume = ebsVolume(period, hourStart, instance);
        emit(out, volume);
        totals.otherRow(CURRENCY, new BigDecimal(volume.get("line_item_unblended_cost")));
      }
      if (spread(transferLines, hour)) {
        Map<String, String> transfer = dataTransfer(period, hourStart, instance);
        emit(out, transfer);
        totals.otherRow(CURRENCY, new BigDecimal(transfer.get("line_item_unblended_cost")));
      }
    }
  }

  private static void emit(BufferedWriter out, Map<String, String> row) throws IOException {
    List<String> values = new ArrayList<>(COLUMNS.size());
    for (String column : COLUMNS) {
      values.add(row.get(column));
    }
    TextOutput.csvLine(out, values, "\n");
  }

  /** The bill's fields shared by every line of a billing period (AwsCur2Writer's). */
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
  }

  // ---- AwsCur2Writer's row builders, unchanged ----

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
    instance.tags().forEach((key, value) -> tags.put(AwsCur2Writer.cur2TagKey(key), value));
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
}
