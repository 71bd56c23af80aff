package io.fleetcost.samplefleet;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the Google Cloud instances of a fleet as the detailed (resource-level) Cloud Billing
 * export to BigQuery, extracted as newline-delimited JSON the way {@code bq extract} writes it: one
 * file per invoice month, null fields left out, INT64 values as strings, FLOAT64 values as numbers,
 * timestamps as {@code 2026-11-01 00:00:00 UTC}.
 *
 * <p>Every hour of an instance has a core, a RAM and (with GPUs) a GPU SKU row, the hour's cost
 * split 10 % / 10 % / the rest, and one row for its balanced persistent boot disk, which Compute
 * Engine names after the instance.
 *
 * <ul>
 *   <li>ON_DEMAND: {@code cost} = hourlyCost, no credits; {@code cost_at_list} from hourlyOnDemand.
 *   <li>SPOT: the "Spot Preemptible …" SKUs, {@code cost} = hourlyCost, no credits.
 *   <li>COMMITTED: {@code cost} = hourlyOnDemand and a {@code COMMITTED_USAGE_DISCOUNT} credit of
 *       hourlyCost − hourlyOnDemand, so that cost + credits = hourlyCost.
 * </ul>
 */
public final class GcpBillingExportWriter {
  private static final String CURRENCY = "USD";
  private static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");
  private static final BigDecimal CORE_SHARE = new BigDecimal("0.10");
  private static final BigDecimal RAM_SHARE = new BigDecimal("0.10");
  private static final BigDecimal CORE_SHARE_WITHOUT_GPU = new BigDecimal("0.75");
  private static final BigDecimal BALANCED_PD_PER_GIB_MONTH = new BigDecimal("0.10");
  private static final BigDecimal HOURS_PER_MONTH = new BigDecimal("730");
  private static final BigDecimal GIB = BigDecimal.valueOf(1L << 30);
  private static final DateTimeFormatter BQ_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter INVOICE_MONTH =
      DateTimeFormatter.ofPattern("yyyyMM", Locale.ROOT);

  /** One generator per line, writing into the file's writer without flushing or closing it. */
  private final JsonFactory json =
      JsonFactory.builder()
          .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
          .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
          .build();

  /**
   * Writes one JSON-lines file per invoice month of the fleet's Google Cloud instances into {@code
   * folder}.
   */
  public BillingTotals write(Fleet fleet, Path folder) {
    BillingTotals.Accumulator totals = new BillingTotals.Accumulator(FleetInstance.GCP);
    List<FleetInstance> instances = fleet.instancesOf(FleetInstance.GCP);
    if (instances.isEmpty()) {
      return totals.build();
    }
    Map<YearMonth, List<Integer>> hoursByInvoice = new TreeMap<>();
    for (int hour = 0; hour < fleet.billedHours(); hour++) {
      YearMonth invoice = YearMonth.from(fleet.billedHourStart(hour).atZone(PACIFIC));
      hoursByInvoice.computeIfAbsent(invoice, m -> new ArrayList<>()).add(hour);
    }
    String account = fleet.accounts().gcpBillingAccountId().replace('-', '_');
    for (Map.Entry<YearMonth, List<Integer>> invoice : hoursByInvoice.entrySet()) {
      String month = invoice.getKey().format(INVOICE_MONTH);
      Path relative =
          Path.of(
              "invoice_month=" + month,
              "gcp_billing_export_resource_v1_" + account + "-000000000000.json");
      Path file = folder.resolve(relative);
      totals.file(relative);
      try (BufferedWriter out = TextOutput.create(file)) {
        for (int hour : invoice.getValue()) {
          for (FleetInstance recorded : instances) {
            FleetInstance instance = fleet.billedAs(recorded, fleet.billedHourStart(hour));
            if (instance == null) {
              continue;
            }
            Usage usage = new Usage(fleet.accounts(), month, fleet.billedHourStart(hour), instance);
            for (SkuRow sku : skuRows(instance)) {
              writeRow(out, usage, sku, true);
              totals.instanceRow(CURRENCY, sku.cost().add(sku.credit()));
            }
            SkuRow disk = bootDisk(instance);
            writeRow(out, usage, disk, false);
            totals.otherRow(CURRENCY, disk.cost());
          }
        }
      } catch (IOException e) {
        throw TextOutput.cannotWrite(file, e);
      }
    }
    return totals.build();
  }

  /** An instance's hour, and the fields its rows share. */
  private record Usage(
      BillingAccounts accounts, String invoiceMonth, Instant hourStart, FleetInstance instance) {
    String project() {
      return instance.accountId();
    }

    String projectNumber() {
      return StableIds.digits("gcp-project/" + project(), 12);
    }

    String globalName(String kind) {
      return GcpBillingExportWriter.globalName(instance, kind);
    }
  }

  /**
   * The {@code resource.global_name} of an instance ({@code kind} "instances") or its boot disk
   * ("disks").
   */
  static String globalName(FleetInstance instance, String kind) {
    String id =
        StableIds.digits(
            "gcp-" + kind + "/" + instance.accountId() + "/" + instance.resourceId(), 19);
    return "//compute.googleapis.com/projects/"
        + instance.accountId()
        + "/zones/"
        + instance.zone()
        + "/"
        + kind
        + "/"
        + id;
  }

  /** One SKU's share of an instance hour. */
  private record SkuRow(
      String description,
      BigDecimal cost,
      BigDecimal listCost,
      BigDecimal credit,
      String creditName,
      String usageUnit,
      BigDecimal usageAmount,
      String pricingUnit,
      BigDecimal pricingAmount,
      BigDecimal effectivePrice) {
    SkuRow(
        String description,
        BigDecimal cost,
        BigDecimal listCost,
        BigDecimal credit,
        String creditName,
        String usageUnit,
        BigDecimal usageAmount,
        String pricingUnit,
        BigDecimal pricingAmount) {
      this(
          description,
          cost,
          listCost,
          credit,
          creditName,
          usageUnit,
          usageAmount,
          pricingUnit,
          pricingAmount,
          cost.divide(pricingAmount, 10, RoundingMode.HALF_UP));
    }
  }

  /**
   * Splits the hour into core, RAM and GPU SKUs so that each amount is exact and they add up to the
   * hour.
   */
  private static List<SkuRow> skuRows(FleetInstance instance) {
    boolean spot = instance.pricing() == PricingModel.SPOT;
    boolean committed = instance.pricing() == PricingModel.COMMITTED;
    boolean withGpus = !instance.gpus().isEmpty();
    List<BigDecimal> gross =
        split(committed ? instance.hourlyOnDemand() : instance.hourlyCost(), withGpus);
    List<BigDecimal> list =
        split(spot ? instance.hourlyCost() : instance.hourlyOnDemand(), withGpus);
    List<BigDecimal> net = split(instance.hourlyCost(), withGpus);
    InstanceSizes.Size size = InstanceSizes.of(instance);
    String type = instance.instanceType();
    String discount = "Committed use discount: " + GcpSkus.series(type);
    List<SkuRow> rows = new ArrayList<>();
    rows.add(
        new SkuRow(
            GcpSkus.core(type, instance.region(), spot),
            gross.get(0),
            list.get(0),
            net.get(0).subtract(gross.get(0)),
            discount + " Core",
            "seconds",
            BigDecimal.valueOf(size.vcpus() * 3600L),
            "hour",
            BigDecimal.valueOf(size.vcpus())));
    rows.add(
        new SkuRow(
            GcpSkus.ram(type, instance.region(), spot),
            gross.get(1),
            list.get(1),
            net.get(1).subtract(gross.get(1)),
            discount + " Ram",
            "byte-seconds",
            GIB.multiply(BigDecimal.valueOf(size.memoryGib() * 3600L)),
            "gibibyte hour",
            BigDecimal.valueOf(size.memoryGib())));
    if (withGpus) {
      GpuSeries first = instance.gpus().get(0);
      int count = instance.gpus().size();
      rows.add(
          new SkuRow(
              GcpSkus.gpu(first.modelName(), first.memoryTotalMib(), instance.region(), spot),
              gross.get(2),
              list.get(2),
              net.get(2).subtract(gross.get(2)),
              "Committed use discount: GPU",
              "seconds",
              BigDecimal.valueOf(count * 3600L),
              "hour",
              BigDecimal.valueOf(count)));
    }
    return rows;
  }

  /**
   * Core and RAM get fixed shares rounded to 6 decimals; the GPUs (or, without GPUs, the RAM) the
   * rest.
   */
  private static List<BigDecimal> split(BigDecimal amount, boolean withGpus) {
    if (!withGpus) {
      BigDecimal core = Decimals.round(amount.multiply(CORE_SHARE_WITHOUT_GPU), 6);
      return List.of(core, amount.subtract(core));
    }
    BigDecimal core = Decimals.round(amount.multiply(CORE_SHARE), 6);
    BigDecimal ram = Decimals.round(amount.multiply(RAM_SHARE), 6);
    return List.of(core, ram, amount.subtract(core).subtract(ram));
  }

  private static SkuRow bootDisk(FleetInstance instance) {
    BigDecimal sizeGib = BigDecimal.valueOf(200 + 100 * instance.gpus().size());
    BigDecimal gibMonths = sizeGib.divide(HOURS_PER_MONTH, 10, RoundingMode.HALF_UP);
    BigDecimal monthly = BALANCED_PD_PER_GIB_MONTH.multiply(sizeGib);
    BigDecimal cost = Decimals.round(monthly.divide(HOURS_PER_MONTH, 12, RoundingMode.HALF_UP), 6);
    return new SkuRow(
        "Balanced PD Capacity",
        cost,
        cost,
        BigDecimal.ZERO,
        null,
        "byte-seconds",
        GIB.multiply(sizeGib).multiply(BigDecimal.valueOf(3600)),
        "gibibyte month",
        gibMonths,
        BALANCED_PD_PER_GIB_MONTH);
  }

  private void writeRow(BufferedWriter out, Usage usage, SkuRow sku, boolean machine)
      throws IOException {
    FleetInstance instance = usage.instance();
    JsonGenerator row = json.createGenerator(out);
    row.writeStartObject();
    row.writeStringField("billing_account_id", usage.accounts().gcpBillingAccountId());
    row.writeObjectFieldStart("service");
    row.writeStringField("id", "6F81-5844-456A");
    row.writeStringField("description", "Compute Engine");
    row.writeEndObject();
    row.writeObjectFieldStart("sku");
    row.writeStringField("id", GcpSkus.id(sku.description()));
    row.writeStringField("description", sku.description());
    row.writeEndObject();
    row.writeStringField("usage_start_time", BQ_TIME.format(usage.hourStart()));
    row.writeStringField("usage_end_time", BQ_TIME.format(usage.hourStart().plusSeconds(3600)));
    writeProject(row, usage);
    keyValues(row, "labels", instance.tags());
    keyValues(row, "system_labels", machine ? systemLabels(instance) : Map.of());
    writeLocation(row, instance);
    row.writeObjectFieldStart("resource");
    row.writeStringField("name", instance.resourceId());
    row.writeStringField("global_name", usage.globalName(machine ? "instances" : "disks"));
    row.writeEndObject();
    row.writeArrayFieldStart("tags");
    row.writeEndArray();
    row.writeObjectFieldStart("price");
    number(row, "effective_price", sku.effectivePrice());
    number(row, "tier_start_amount", BigDecimal.ZERO);
    row.writeStringField("unit", sku.pricingUnit());
    number(row, "pricing_unit_quantity", BigDecimal.ONE);
    row.writeEndObject();
    row.writeStringField("transaction_type", "GOOGLE");
    row.writeStringField("export_time", BQ_TIME.format(usage.hourStart().plusSeconds(6 * 3600)));
    number(row, "cost", sku.cost());
    row.writeStringField("currency", CURRENCY);
    number(row, "currency_conversion_rate", BigDecimal.ONE);
    row.writeObjectFieldStart("usage");
    number(row, "amount", sku.usageAmount());
    row.writeStringField("unit", sku.usageUnit());
    number(row, "amount_in_pricing_units", sku.pricingAmount());
    row.writeStringField("pricing_unit", sku.pricingUnit());
    row.writeEndObject();
    writeCredits(row, usage, sku);
    row.writeObjectFieldStart("invoice");
    row.writeStringField("month", usage.invoiceMonth());
    row.writeStringField("publisher_type", "GOOGLE");
    row.writeEndObject();
    row.writeStringField("cost_type", "regular");
    number(row, "cost_at_list", sku.listCost());
    row.writeEndObject();
    row.close();
    out.write('\n');
  }

  private static void writeProject(JsonGenerator row, Usage usage) throws IOException {
    String organization = StableIds.digits("gcp-org/" + usage.accounts().gcpBillingAccountId(), 12);
    row.writeObjectFieldStart("project");
    row.writeStringField("id", usage.project());
    row.writeStringField("number", usage.projectNumber());
    row.writeStringField("name", usage.accounts().subAccountName(usage.project()));
    row.writeArrayFieldStart("labels");
    row.writeEndArray();
    row.writeStringField(
        "ancestry_numbers", "/" + organization + "/" + usage.projectNumber() + "/");
    row.writeEndObject();
  }

  private static void writeLocation(JsonGenerator row, FleetInstance instance) throws IOException {
    row.writeObjectFieldStart("location");
    row.writeStringField("location", instance.zone());
    String country = GcpSkus.country(instance.region());
    if (country != null) {
      row.writeStringField("country", country);
    }
    row.writeStringField("region", instance.region());
    row.writeStringField("zone", instance.zone());
    row.writeEndObject();
  }

  private static void writeCredits(JsonGenerator row, Usage usage, SkuRow sku) throws IOException {
    row.writeArrayFieldStart("credits");
    if (sku.credit().signum() != 0) {
      FleetInstance instance = usage.instance();
      String commitment =
          "cud-"
              + GcpSkus.series(instance.instanceType()).toLowerCase(Locale.ROOT).replace(' ', '-')
              + "-1y";
      row.writeStartObject();
      row.writeStringField("name", sku.creditName());
      number(row, "amount", sku.credit());
      row.writeStringField("full_name", sku.creditName());
      row.writeStringField(
          "id",
          "projects/"
              + usage.project()
              + "/regions/"
              + instance.region()
              + "/commitments/"
              + commitment);
      row.writeStringField("type", "COMMITTED_USAGE_DISCOUNT");
      row.writeEndObject();
    }
    row.writeEndArray();
  }

  private static Map<String, String> systemLabels(FleetInstance instance) {
    InstanceSizes.Size size = InstanceSizes.of(instance);
    return Map.of(
        "compute.googleapis.com/cores", Integer.toString(size.vcpus()),
        "compute.googleapis.com/machine_spec", instance.instanceType(),
        "compute.googleapis.com/memory", Integer.toString(size.memoryGib() * 1024));
  }

  /** A FLOAT64 field: a JSON number in plain decimal notation. */
  private static void number(JsonGenerator row, String field, BigDecimal value) throws IOException {
    row.writeFieldName(field);
    row.writeNumber(Decimals.plain(value));
  }

  private static void keyValues(JsonGenerator row, String field, Map<String, String> values)
      throws IOException {
    row.writeArrayFieldStart(field);
    for (Map.Entry<String, String> entry : new TreeMap<>(values).entrySet()) {
      row.writeStartObject();
      row.writeStringField("key", entry.getKey());
      row.writeStringField("value", entry.getValue());
      row.writeEndObject();
    }
    row.writeEndArray();
  }
}
