package io.fleetcost.samplefleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes the sample fleet ({@link SampleFleet}) into a folder: the providers' bills, the DCGM and
 * nvidia-smi telemetry, the clusters' node lists, and {@code planted-cases.csv}. It is test code,
 * not part of the product: the build runs it from the test classes (Maven {@code
 * process-test-classes}, execution {@code sample-fleet}) into {@code sample-data/fleet/data/}, and
 * {@code mvn -q test-compile exec:java@sample-fleet -Dexec.args="DIR [--force]"} runs it on demand.
 * The folder is replaced whole, through a sibling temporary folder, and only when the fleet's
 * fingerprint changed (or with {@code --force}): a second run with the same generator writes
 * nothing.
 */
public final class SampleFleetGenerator {
  public static final String FINGERPRINT = ".fingerprint";
  public static final String PLANTED_CASES = "planted-cases.csv";

  private SampleFleetGenerator() {}

  /** What a run did. */
  public record Outcome(
      Path folder,
      boolean written,
      String fingerprint,
      FleetFiles.Written files,
      SampleFleet.Plan plan) {}

  public static void main(String[] args) {
    boolean force = args.length == 2 && args[1].equals("--force");
    if (args.length != 1 && !force) {
      System.err.println("usage: SampleFleetGenerator OUTPUT_FOLDER [--force]");
      System.exit(2);
    }
    Outcome outcome = generate(Path.of(args[0]), force);
    System.out.println(
        outcome.written()
            ? "fleetcost sample fleet written to " + outcome.folder()
            : "fleetcost sample fleet in " + outcome.folder() + " is up to date");
  }

  public static Outcome generate(Path folder, boolean force) {
    SampleFleet.Plan plan = SampleFleet.build();
    String fingerprint = fingerprint(plan);
    Path marker = folder.resolve(FINGERPRINT);
    try {
      if (!force
          && Files.isRegularFile(marker)
          && Files.readString(marker).trim().equals(fingerprint)) {
        return new Outcome(folder, false, fingerprint, null, plan);
      }
      Path parent = folder.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path staging = Files.createTempDirectory(parent, "." + folder.getFileName() + "-");
      FleetFiles.Written written;
      try {
        written = FleetFiles.write(plan.fleet(), staging, SampleFleet.VM_LOG_ZONE);
        FleetInstance lab = plan.coverage().unbilledNode();
        Fleet labFleet =
            new Fleet(SampleFleet.START, SampleFleet.STEP, SampleFleet.STEPS, List.of(lab));
        new DcgmJsonWriter(
                Map.of(lab.cluster(), new DcgmJsonWriter.ExporterSetup("3.3.8", false, false)))
            .write(labFleet, staging.resolve("telemetry").resolve("dcgm"));
        Files.writeString(
            staging.resolve(PLANTED_CASES), plantedCases(plan.cases()), StandardCharsets.UTF_8);
        Files.writeString(staging.resolve(FINGERPRINT), fingerprint + "\n", StandardCharsets.UTF_8);
        if (Files.exists(folder)) {
          Path old = Files.createTempDirectory(parent, "." + folder.getFileName() + "-old-");
          Files.move(folder, old.resolve("data"), StandardCopyOption.ATOMIC_MOVE);
          Files.move(staging, folder, StandardCopyOption.ATOMIC_MOVE);
          delete(old);
        } else {
          Files.move(staging, folder, StandardCopyOption.ATOMIC_MOVE);
        }
      } catch (IOException | RuntimeException e) {
        delete(staging);
        throw e;
      }
      return new Outcome(folder, true, fingerprint, written, plan);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot write the sample fleet to " + folder + ": " + e.getMessage(), e);
    }
  }

  /**
   * The planted cases as CSV: one row per instance, with the lever the engine must pick ({@code
   * none}: nothing).
   */
  static String plantedCases(List<SampleFleet.PlantedCase> cases) {
    StringBuilder out =
        new StringBuilder(
            "provider,resource_id,instance_type,gpus,cluster,team,planted,expected_lever,why\n");
    for (SampleFleet.PlantedCase c : cases) {
      out.append(
              String.join(
                  ",",
                  c.provider(),
                  c.resourceId(),
                  c.instanceType(),
                  Integer.toString(c.gpus()),
                  c.cluster(),
                  c.team(),
                  quote(c.planted()),
                  c.expectedLever(),
                  quote(c.why())))
          .append('\n');
    }
    return out.toString();
  }

  private static String quote(String text) {
    return "\"" + text.replace("\"", "\"\"") + "\"";
  }

  /** SHA-256 over everything the files are made from: instances, prices, tags and every sample. */
  static String fingerprint(SampleFleet.Plan plan) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(
          ("sample-fleet/"
                  + SampleFleet.SEED
                  + "/"
                  + plan.fleet().start()
                  + "/"
                  + plan.fleet().steps())
              .getBytes(StandardCharsets.UTF_8));
      for (FleetInstance instance : plan.fleet().instances()) {
        update(digest, instance);
      }
      update(digest, plan.coverage().unbilledNode());
      if (!plan.fleet().billedFrom().equals(plan.fleet().start())
          || !plan.fleet().changes().isEmpty()) {
        digest.update(
            ("billed-from/" + plan.fleet().billedFrom()).getBytes(StandardCharsets.UTF_8));
        for (BillingChange change : plan.fleet().changes()) {
          digest.update(
              String.join(
                      "|",
                      change.provider(),
                      change.resourceId(),
                      change.from().toString(),
                      String.valueOf(change.pricing()),
                      change.hourlyCost() == null ? "-" : plain(change.hourlyCost()),
                      change.hourlyOnDemand() == null ? "-" : plain(change.hourlyOnDemand()))
                  .getBytes(StandardCharsets.UTF_8));
        }
      }
      digest.update(plantedCases(plan.cases()).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from the JDK", e);
    }
  }

  private static void update(MessageDigest digest, FleetInstance instance) {
    String head =
        String.join(
            "|",
            instance.provider(),
            instance.accountId(),
            instance.resourceId(),
            instance.instanceType(),
            instance.region(),
            String.valueOf(instance.zone()),
            String.valueOf(instance.cluster()),
            instance.node(),
            instance.tags().toString(),
            instance.pricing().name(),
            plain(instance.hourlyCost()),
            plain(instance.hourlyOnDemand()),
            String.valueOf(instance.resourceGroup()));
    digest.update(head.getBytes(StandardCharsets.UTF_8));
    for (GpuSeries gpu : instance.gpus()) {
      digest.update(
          String.format(
                  Locale.ROOT,
                  "|%s|%s|%d|%s|%s|%s",
                  gpu.uuid(),
                  gpu.modelName(),
                  gpu.memoryTotalMib(),
                  gpu.namespace(),
                  gpu.pod(),
                  gpu.container())
              .getBytes(StandardCharsets.UTF_8));
      for (int step = 0; step < gpu.steps(); step++) {
        long util = Double.doubleToLongBits(gpu.utilAt(step));
        long memory = Double.doubleToLongBits(gpu.memoryUsedAt(step));
        for (int shift = 0; shift < 64; shift += 8) {
          digest.update((byte) (util >>> shift));
          digest.update((byte) (memory >>> shift));
        }
      }
    }
  }

  private static String plain(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }

  private static void delete(Path folder) {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot remove " + folder + ": " + e.getMessage(), e);
    }
  }
}
