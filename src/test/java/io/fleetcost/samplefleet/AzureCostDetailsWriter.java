package io.fleetcost.samplefleet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
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
 * Writes the Azure VMs of a fleet as Cost Management cost details of a Microsoft Customer
 * Agreement, amortized cost, schema 2023-12-01-preview (camelCase columns), as exports write them:
 * UTF-8 with a byte order mark, CRLF line ends, dates {@code MM/DD/YYYY}, {@code tags} as JSON
 * members without the outer braces, {@code additionalInfo} as JSON. One file per month under {@code
 * <export>/<YYYYMMDD-YYYYMMDD>/}, named after the export, which says "amortizedcost" (FleetCost's
 * {@code azure-cost-dataset: auto} reads the dataset from the name). Billing currency USD.
 *
 * <p>Rows are daily, one per VM and UTC day (quantity = the hours billed that day), plus the day's
 * share of a P30 managed OS disk per VM.
 *
 * <ul>
 *   <li>ON_DEMAND: meter of the VM size, {@code pricingModel} OnDemand, cost = hourlyCost × hours.
 *   <li>SPOT: the size's "… Spot" meter, {@code pricingModel} Spot, cost = hourlyCost × hours.
 *   <li>COMMITTED: a reservation for the size and region covers the VM: {@code pricingModel}
 *       Reservation, the reservation in {@code reservationId}/{@code benefitId}, cost = hourlyCost
 *       × hours (the amortized reservation cost), {@code unitPrice} and {@code PayGPrice} the
 *       on-demand price.
 * </ul>
 */
public final class AzureCostDetailsWriter {
  public static final String EXPORT_NAME = "gpu-fleet-amortizedcost";

  static final List<String> COLUMNS =
      List.of(
          "invoiceId",
          "previousInvoiceId",
          "billingAccountId",
          "billingAccountName",
          "billingProfileId",
          "billingProfileName",
          "invoiceSectionId",
          "invoiceSectionName",
          "resellerName",
          "resellerMpnId",
          "costCenter",
          "billingPeriodEndDate",
          "billingPeriodStartDate",
          "servicePeriodEndDate",
          "servicePeriodStartDate",
          "date",
          "serviceFamily",
          "productOrderId",
          "productOrderName",
          "consumedService",
          "meterId",
          "meterName",
          "meterCategory",
          "meterSubCategory",
          "meterRegion",
          "ProductId",
          "ProductName",
          "SubscriptionId",
          "subscriptionName",
          "publisherType",
          "publisherId",
          "publisherName",
          "resourceGroupName",
          "ResourceId",
          "resourceLocation",
          "location",
          "effectivePrice",
          "quantity",
          "unitOfMeasure",
          "chargeType",
          "billingCurrency",
          "pricingCurrency",
          "costInBillingCurrency",
          "costInPricingCurrency",
          "costInUsd",
          "paygCostInBillingCurrency",
          "paygCostInUsd",
          "exchangeRatePricingToBilling",
          "exchangeRateDate",
          "isAzureCreditEligible",
          "serviceInfo1",
          "serviceInfo2",
          "additionalInfo",
          "tags",
          "PayGPrice",
          "frequency",
          "term",
          "reservationId",
          "reservationName",
          "pricingModel",
          "unitPrice",
          "costAllocationRuleName",
          "benefitId",
          "benefitName",
          "provider");

  private static final String CURRENCY = "USD";
  private static final String LINE_END = "\r\n";
  private static final BigDecimal P30_PER_MONTH = new BigDecimal("135.17");
  private static final DateTimeFormatter US_DATE =
      DateTimeFormatter.ofPattern("MM/dd/yyyy", Locale.ROOT);
  private static final DateTimeFormatter FOLDER_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT);

  private final ObjectMapper json = new ObjectMapper();

  /** Writes one CSV per month of the fleet's Azure VMs into {@code folder}. */
  public BillingTotals write(Fleet fleet, Path folder) {
    BillingTotals.Accumulator totals = new BillingTotals.Accumulator(FleetInstance.AZURE);
    List<FleetInstance> instances = fleet.instancesOf(FleetInstance.AZURE);
    if (instances.isEmpty()) {
      return totals.build();
    }
    Map<YearMonth, Map<LocalDate, Integer>> hoursByDay = new TreeMap<>();
    for (int hour = 0; hour < fleet.billedHours(); hour++) {
      LocalDate day = LocalDate.ofInstant(fleet.billedHourStart(hour), ZoneOffset.UTC);
      hoursByDay
          .computeIfAbsent(YearMonth.from(day), m -> new TreeMap<>())
          .merge(day, 1, Integer::sum);
    }
    for (Map.Entry<YearMonth, Map<LocalDate, Integer>> month : hoursByDay.entrySet()) {
      YearMonth period = month.getKey();
      String range =
          period.atDay(1).format(FOLDER_DATE) + "-" + period.atEndOfMonth().format(FOLDER_DATE);
      String runId = StableIds.uuid("azure-export/" + EXPORT_NAME + "/" + range).toString();
      Path relative = Path.of(EXPORT_NAME, range, EXPORT_NAME + "_" + runId + ".csv");
      Path file = folder.resolve(relative);
      totals.file(relative);
      try (BufferedWriter out = TextOutput.create(file)) {
        out.write('\ufeff');
        TextOutput.csvLine(out, COLUMNS, LINE_END);
        for (Map.Entry<LocalDate, Integer> day : month.getValue().entrySet()) {
          for (FleetInstance recorded : instances) {
            // changes are at 00:00 UTC (Fleet checks): a day is billed one way
            FleetInstance instance =
                fleet.billedAs(recorded, day.getKey().atStartOfDay(ZoneOffset.UTC).toInstant());
            if (instance == null) {
              continue;
            }
            Map<String, String> vm =
                vmRow(fleet.accounts(), period, day.getKey(), day.getValue(), instance);
            emit(out, vm);
            totals.instanceRow(CURRENCY, new BigDecimal(vm.get("costInBillingCurrency")));
            Map<String, String> disk =
                diskRow(fleet.accounts(), period, day.getKey(), day.getValue(), instance);
            emit(out, disk);
            totals.otherRow(CURRENCY, new BigDecimal(disk.get("costInBillingCurrency")));
          }
        }
      } catch (IOException e) {
        throw TextOutput.cannotWrite(file, e);
      }
    }
    return totals.build();
  }

  private static void emit(BufferedWriter out, Map<String, String> row) throws IOException {
    List<String> values = new ArrayList<>(COLUMNS.size());
    for (String column : COLUMNS) {
      values.add(row.get(column));
    }
    TextOutput.csvLine(out, values, LINE_END);
  }

  private Map<String, String> common(
      BillingAccounts accounts, YearMonth period, LocalDate day, FleetInstance instance) {
    Map<String, String> row = new HashMap<>();
    row.put("billingAccountId", accounts.azureBillingAccountId());
    row.put("billingAccountName", accounts.azureBillingAccountName());
    row.put("billingProfileId", accounts.azureBillingProfileId());
    row.put("billingProfileName", accounts.azureBillingProfileName());
    row.put("invoiceSectionId", accounts.azureInvoiceSectionId());
    row.put("invoiceSectionName", accounts.azureInvoiceSectionName());
    row.put("billingPeriodStartDate", period.atDay(1).format(US_DATE));
    row.put("billingPeriodEndDate", period.atEndOfMonth().format(US_DATE));
    row.put("servicePeriodStartDate", period.atDay(1).format(US_DATE));
    row.put("servicePeriodEndDate", period.atEndOfMonth().format(US_DATE));
    row.put("date", day.format(US_DATE));
    row.put("consumedService", "Microsoft.Compute");
    row.put("meterRegion", AzureMeters.region(instance.region()));
    row.put("SubscriptionId", instance.accountId());
    row.put("subscriptionName", accounts.subAccountName(instance.accountId()));
    row.put("publisherType", "Azure");
    row.put("publisherName", "Microsoft");
    row.put("resourceGroupName", instance.resourceGroup());
    row.put("resourceLocation", instance.region());
    row.put("location", AzureMeters.region(instance.region()));
    row.put("chargeType", "Usage");
    row.put("billingCurrency", CURRENCY);
    row.put("pricingCurrency", CURRENCY);
    row.put("exchangeRatePricingToBilling", "1");
    row.put("exchangeRateDate", period.atDay(1).format(US_DATE));
    row.put("isAzureCreditEligible", "True");
    row.put("tags", tags(instance));
    row.put("frequency", "UsageBased");
    row.put("provider", "Azure");
    return row;
  }

  private Map<String, String> vmRow(
      BillingAccounts accounts,
      YearMonth period,
      LocalDate day,
      int hours,
      FleetInstance instance) {
    boolean spot = instance.pricing() == PricingModel.SPOT;
    boolean reserved = instance.pricing() == PricingModel.COMMITTED;
    String size = instance.instanceType();
    String meter = AzureMeters.meterName(size) + (spot ? " Spot" : "");
    String subCategory = AzureMeters.meterSubCategory(size);
    BigDecimal quantity = BigDecimal.valueOf(hours);
    BigDecimal cost = instance.hourlyCost().multiply(quantity);
    BigDecimal listPrice = spot ? instance.hourlyCost() : instance.hourlyOnDemand();
    Map<String, String> row = common(accounts, period, day, instance);
    row.put("serviceFamily", "Compute");
    row.put("meterId", StableIds.uuid("azure-meter/" + meter + "/" + instance.region()).toString());
    row.put("meterName", meter);
    row.put("meterCategory", "Virtual Machines");
    row.put("meterSubCategory", subCategory);
    row.put("ProductId", productId(meter + "/" + instance.region()));
    row.put(
        "ProductName",
        "Virtual Machines "
            + subCategory
            + " - "
            + meter
            + " - "
            + AzureMeters.region(instance.region()));
    row.put("ResourceId", resourceId(instance, "virtualMachines", instance.resourceId()));
    row.put("effectivePrice", Decimals.plain(instance.hourlyCost()));
    row.put("quantity", Integer.toString(hours));
    row.put("unitOfMeasure", "1 Hour");
    row.put("costInBillingCurrency", Decimals.plain(cost));
    row.put("costInPricingCurrency", Decimals.plain(cost));
    row.put("costInUsd", Decimals.plain(cost));
    row.put("paygCostInBillingCurrency", Decimals.plain(listPrice.multiply(quantity)));
    row.put("paygCostInUsd", Decimals.plain(listPrice.multiply(quantity)));
    row.put("PayGPrice", Decimals.plain(listPrice));
    row.put(
        "unitPrice", Decimals.plain(reserved ? instance.hourlyOnDemand() : instance.hourlyCost()));
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("UsageType", "ComputeHR");
    info.put("ImageType", "Canonical");
    info.put("ServiceType", size);
    info.put("VMName", instance.resourceId());
    info.put("VCPUs", InstanceSizes.of(instance).vcpus());
    if (reserved) {
      Reservation reservation = Reservation.of(instance);
      info.put("ReservationOrderId", reservation.orderId());
      info.put("ReservationId", reservation.id());
      info.put("RINormalizationRatio", 1.0);
      row.put("pricingModel", "Reservation");
      row.put("term", "12");
      row.put("productOrderId", reservation.orderId());
      row.put(
          "productOrderName",
          "Reserved VM Instance, "
              + size
              + ", "
              + AzureMeters.region(instance.region())
              + ", 1 Year");
      row.put("reservationId", reservation.id());
      row.put("reservationName", reservation.name());
      row.put("benefitId", reservation.benefitId());
      row.put("benefitName", reservation.name());
    } else {
      row.put("pricingModel", spot ? "Spot" : "OnDemand");
      row.put(
          "productOrderId",
          StableIds.uuid("azure-plan/" + accounts.azureBillingProfileId()).toString());
      row.put("productOrderName", "Azure plan");
    }
    info.put("ConsumedQuantity", (double) hours);
    row.put("additionalInfo", json(info));
    return row;
  }

  private Map<String, String> diskRow(
      BillingAccounts accounts,
      YearMonth period,
      LocalDate day,
      int hours,
      FleetInstance instance) {
    String meter = "P30 LRS Disk";
    BigDecimal quantity =
        BigDecimal.valueOf(hours)
            .divide(BigDecimal.valueOf(24L * period.lengthOfMonth()), 10, RoundingMode.HALF_UP);
    BigDecimal cost = P30_PER_MONTH.multiply(quantity);
    Map<String, String> row = common(accounts, period, day, instance);
    row.put("serviceFamily", "Storage");
    row.put(
        "productOrderId",
        StableIds.uuid("azure-plan/" + accounts.azureBillingProfileId()).toString());
    row.put("productOrderName", "Azure plan");
    row.put("meterId", StableIds.uuid("azure-meter/" + meter + "/" + instance.region()).toString());
    row.put("meterName", meter);
    row.put("meterCategory", "Storage");
    row.put("meterSubCategory", "Premium SSD Managed Disks");
    row.put("ProductId", productId(meter + "/" + instance.region()));
    row.put(
        "ProductName",
        "Premium SSD Managed Disks - " + meter + " - " + AzureMeters.region(instance.region()));
    String diskName =
        instance.resourceId()
            + "_OsDisk_1_"
            + StableIds.hex("azure-disk/" + instance.resourceId(), 32);
    row.put("ResourceId", resourceId(instance, "disks", diskName));
    row.put("effectivePrice", Decimals.plain(P30_PER_MONTH));
    row.put("quantity", Decimals.plain(quantity));
    row.put("unitOfMeasure", "1/Month");
    row.put("costInBillingCurrency", Decimals.plain(cost));
    row.put("costInPricingCurrency", Decimals.plain(cost));
    row.put("costInUsd", Decimals.plain(cost));
    row.put("paygCostInBillingCurrency", Decimals.plain(cost));
    row.put("paygCostInUsd", Decimals.plain(cost));
    row.put("PayGPrice", Decimals.plain(P30_PER_MONTH));
    row.put("unitPrice", Decimals.plain(P30_PER_MONTH));
    row.put("pricingModel", "OnDemand");
    return row;
  }

  /** The reservation bought for a VM size in a region. */
  private record Reservation(String orderId, String id, String name) {
    static Reservation of(FleetInstance instance) {
      String key = instance.instanceType() + "/" + instance.region();
      return new Reservation(
          StableIds.uuid("azure-reservation-order/" + key).toString(),
          StableIds.uuid("azure-reservation/" + key).toString(),
          "RI_" + instance.instanceType() + "_" + instance.region() + "_1y");
    }

    String benefitId() {
      return "/providers/Microsoft.Capacity/reservationOrders/" + orderId + "/reservations/" + id;
    }
  }

  static String resourceId(FleetInstance instance, String type, String name) {
    return "/subscriptions/"
        + instance.accountId()
        + "/resourceGroups/"
        + instance.resourceGroup()
        + "/providers/Microsoft.Compute/"
        + type
        + "/"
        + name;
  }

  private static String productId(String seed) {
    return "DZH318Z0" + StableIds.hex("azure-product/" + seed, 4).toUpperCase(Locale.ROOT);
  }

  /**
   * Tags as Azure writes them: the members of a JSON object without its braces, {@code "team":
   * "vision","env": "prod"}.
   */
  private String tags(FleetInstance instance) {
    List<String> members = new ArrayList<>();
    for (Map.Entry<String, String> tag : instance.tags().entrySet()) {
      members.add(json(tag.getKey()) + ": " + json(tag.getValue()));
    }
    return String.join(",", members);
  }

  private String json(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write " + value + " as JSON", e);
    }
  }
}
