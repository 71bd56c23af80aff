package io.fleetcost.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a day of hourly legacy CUR line items as gzip'd CSV parts, the way AWS delivers a large
 * report: a GPU fleet (p4d, p5, g5, g4dn, some on spot, some covered by reservations or a savings
 * plan) plus storage and data transfer, with resource tags. Deterministic for a given seed. Used by
 * the ingest benchmark; the files are not committed.
 */
public final class CurCsvGenerator {
  static final String[] HEADER = {
    "identity/LineItemId",
    "identity/TimeInterval",
    "bill/InvoiceId",
    "bill/BillingEntity",
    "bill/BillType",
    "bill/PayerAccountId",
    "bill/BillingPeriodStartDate",
    "bill/BillingPeriodEndDate",
    "lineItem/UsageAccountId",
    "lineItem/LineItemType",
    "lineItem/UsageStartDate",
    "lineItem/UsageEndDate",
    "lineItem/ProductCode",
    "lineItem/UsageType",
    "lineItem/Operation",
    "lineItem/AvailabilityZone",
    "lineItem/ResourceId",
    "lineItem/UsageAmount",
    "lineItem/CurrencyCode",
    "lineItem/UnblendedRate",
    "lineItem/UnblendedCost",
    "lineItem/BlendedCost",
    "lineItem/LineItemDescription",
    "lineItem/LegalEntity",
    "product/ProductName",
    "product/instanceType",
    "product/region",
    "product/location",
    "product/gpu",
    "product/gpuMemory",
    "product/vcpu",
    "pricing/publicOnDemandCost",
    "pricing/publicOnDemandRate",
    "pricing/term",
    "pricing/unit",
    "reservation/ReservationARN",
    "reservation/EffectiveCost",
    "savingsPlan/SavingsPlanARN",
    "savingsPlan/SavingsPlanEffectiveCost",
    "resourceTags/user:team",
    "resourceTags/user:project",
    "resourceTags/user:owner"
  };

  private record InstanceType(String name, int gpus, String gpuMemory, int vcpu, String rate) {}

  private static final InstanceType[] TYPES = {
    new InstanceType("p4d.24xlarge", 8, "320 GB", 96, "21.9576"),
    new InstanceType("p5.48xlarge", 8, "640 GB", 192, "55.04"),
    new InstanceType("g5.xlarge", 1, "24 GB", 4, "1.006"),
    new InstanceType("g5.12xlarge", 4, "96 GB", 48, "5.672"),
    new InstanceType("g4dn.xlarge", 1, "16 GB", 4, "0.526"),
    new InstanceType("g6.xlarge", 1, "24 GB", 4, "0.8048"),
    new InstanceType("m5.4xlarge", 0, "", 16, "0.768"),
    new InstanceType("c5.large", 0, "", 2, "0.085"),
  };
  private static final String[] TEAMS = {"vision", "llm", "search", "research", "ads", "platform"};

  /** Generated files and what they hold, for checking the ingest against them. */
  public record Output(List<Path> files, long rows, BigDecimal unblendedTotal, long bytes) {}

  public static Output write(Path dir, long rows, int parts, long seed) throws IOException {
    Files.createDirectories(dir);
    List<Path> files = new ArrayList<>();
    BigDecimal total = BigDecimal.ZERO;
    long bytes = 0;
    long written = 0;
    SplittableRandom random = new SplittableRandom(seed);
    Instant day = Instant.parse("2026-10-15T00:00:00Z");
    long resources = Math.max(1, rows / 24);
    for (int part = 1; part <= parts; part++) {
      long partRows = rows / parts + (part <= rows % parts ? 1 : 0);
      Path file = dir.resolve(String.format("fleetcost-bench-%05d.csv.gz", part));
      try (Writer out =
          new BufferedWriter(
              new OutputStreamWriter(
                  new GZIPOutputStream(Files.newOutputStream(file), 1 << 16),
                  StandardCharsets.UTF_8),
              1 << 16)) {
        out.write(String.join(",", HEADER));
        out.write('\n');
        StringBuilder line = new StringBuilder(512);
        for (long i = 0; i < partRows; i++, written++) {
          long resource = written % resources;
          int hour = (int) ((written / resources) % 24);
          total = total.add(row(line, random, written, resource, day.plus(hour, ChronoUnit.HOURS)));
          out.append(line).append('\n');
        }
      }
      files.add(file);
      bytes += Files.size(file);
    }
    return new Output(files, written, total, bytes);
  }

  private static BigDecimal row(
      StringBuilder line, SplittableRandom random, long id, long resource, Instant start) {
    line.setLength(0);
    InstanceType type = TYPES[(int) (resource % TYPES.length)];
    String team = TEAMS[(int) (resource % TEAMS.length)];
    int kind = (int) (resource % 20);
    boolean spot = kind == 3;
    boolean reserved = kind == 4 || kind == 12;
    boolean savingsPlan = kind == 5;
    boolean storage = kind == 7;
    String itemType =
        reserved ? "DiscountedUsage" : savingsPlan ? "SavingsPlanCoveredUsage" : "Usage";
    BigDecimal amount =
        storage ? new BigDecimal(random.nextInt(1, 5000)).movePointLeft(1) : BigDecimal.ONE;
    BigDecimal rate = storage ? new BigDecimal("0.0000319444") : new BigDecimal(type.rate());
    if (spot) {
      rate = rate.multiply(new BigDecimal("0.35")).setScale(6, RoundingMode.HALF_UP);
    }
    BigDecimal cost = reserved ? BigDecimal.ZERO : amount.multiply(rate);
    String account = resource % 3 == 0 ? "444455556666" : "777788889999";
    String resourceId =
        storage
            ? "vol-" + Long.toHexString(0x5000000L + resource)
            : "i-" + Long.toHexString(0x7000000000L + resource);
    String usageType =
        storage
            ? "USE1-EBS:VolumeUsage.gp3"
            : (spot ? "USE1-SpotUsage:" : "USE1-BoxUsage:") + type.name();
    Instant end = start.plus(1, ChronoUnit.HOURS);
    append(line, "li-" + Long.toString(id, 36));
    append(line, start + "/" + end);
    append(line, "EUINUS26-0001234");
    append(line, "AWS");
    append(line, "Anniversary");
    append(line, "111122223333");
    append(line, "2026-10-01T00:00:00.000Z");
    append(line, "2026-11-01T00:00:00.000Z");
    append(line, account);
    append(line, itemType);
    append(line, start.toString());
    append(line, end.toString());
    append(line, "AmazonEC2");
    append(line, usageType);
    append(line, "RunInstances");
    append(line, "us-east-1" + (char) ('a' + (resource % 4)));
    append(line, resourceId);
    append(line, amount.toPlainString());
    append(line, "USD");
    append(line, rate.toPlainString());
    append(line, cost.toPlainString());
    append(line, cost.toPlainString());
    appendQuoted(
        line,
        "$"
            + rate.toPlainString()
            + " per "
            + (spot ? "Spot" : "On Demand")
            + " Linux "
            + type.name()
            + " Instance Hour");
    appendQuoted(line, "Amazon Web Services, Inc.");
    append(line, "Amazon Elastic Compute Cloud");
    append(line, storage ? "" : type.name());
    append(line, "us-east-1");
    append(line, "US East (N. Virginia)");
    append(line, storage || type.gpus() == 0 ? "" : Integer.toString(type.gpus()));
    append(line, storage ? "" : type.gpuMemory());
    append(line, Integer.toString(type.vcpu()));
    append(line, amount.multiply(new BigDecimal(type.rate())).toPlainString());
    append(line, type.rate());
    append(line, reserved ? "Reserved" : spot ? "" : "OnDemand");
    append(line, storage ? "GB-Mo" : "Hrs");
    append(
        line,
        reserved
            ? "arn:aws:ec2:us-east-1:444455556666:reserved-instances/ri-" + (resource % 7)
            : "");
    append(
        line,
        reserved
            ? rate.multiply(new BigDecimal("0.6")).setScale(6, RoundingMode.HALF_UP).toPlainString()
            : "");
    append(line, savingsPlan ? "arn:aws:savingsplans::111122223333:savingsplan/sp-1" : "");
    append(
        line,
        savingsPlan
            ? rate.multiply(new BigDecimal("0.72"))
                .setScale(6, RoundingMode.HALF_UP)
                .toPlainString()
            : "");
    append(line, team);
    append(line, team + "-" + (resource % 11));
    line.append(team).append("-lead@example.com");
    return cost;
  }

  private static void append(StringBuilder line, String value) {
    line.append(value).append(',');
  }

  private static void appendQuoted(StringBuilder line, String value) {
    line.append('"').append(value.replace("\"", "\"\"")).append('"').append(',');
  }
}
