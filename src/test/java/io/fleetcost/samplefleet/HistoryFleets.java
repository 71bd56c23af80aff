package io.fleetcost.samplefleet;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Two small AWS fleets for the history tests: a busy g5.xlarge always, and an idle g4dn.xlarge (on
 * demand, $0.526 an hour) that a month later is gone from the bill. Two days at a 15-minute step.
 */
public final class HistoryFleets {
  public static final String IDLE_VM = "i-0feedface0000idle";
  public static final String BUSY_VM = "i-0feedface0000busy";
  public static final BigDecimal IDLE_HOURLY = new BigDecimal("0.526");
  static final int STEPS = 192;

  private HistoryFleets() {}

  /**
   * Writes the fleet's AWS CUR 2.0 bill under {@code billing/aws} and its nvidia-smi logs (UTC)
   * under {@code telemetry/nvidia-smi}.
   */
  public static void write(Path dir, Instant start, boolean withIdleVm) {
    write(dir, start, withIdleVm, "vision", "search");
  }

  /** The same fleet with the owner tags ({@code team}) given: the busy VM's and the idle VM's. */
  public static void write(
      Path dir, Instant start, boolean withIdleVm, String busyTeam, String idleTeam) {
    List<FleetInstance> instances = new ArrayList<>();
    instances.add(
        new FleetInstance(
            FleetInstance.AWS,
            TestFleets.AWS_ACCOUNT,
            BUSY_VM,
            "g5.xlarge",
            "us-east-1",
            "us-east-1a",
            null,
            "ip-10-0-9-1.ec2.internal",
            Map.of("team", busyTeam, "workload-type", "training"),
            PricingModel.ON_DEMAND,
            new BigDecimal("1.006"),
            new BigDecimal("1.006"),
            List.of(busy(TestFleets.uuid("feed0000", 1)))));
    if (withIdleVm) {
      instances.add(
          new FleetInstance(
              FleetInstance.AWS,
              TestFleets.AWS_ACCOUNT,
              IDLE_VM,
              "g4dn.xlarge",
              "us-east-1",
              "us-east-1b",
              null,
              "ip-10-0-9-2.ec2.internal",
              Map.of("team", idleTeam, "workload-type", "inference"),
              PricingModel.ON_DEMAND,
              IDLE_HOURLY,
              IDLE_HOURLY,
              List.of(
                  new GpuSeries(
                      0,
                      TestFleets.uuid("feed0000", 2),
                      "Tesla T4",
                      15360,
                      null,
                      null,
                      new double[STEPS],
                      new double[STEPS]))));
    }
    FleetFiles.write(
        new Fleet(start, Duration.ofMinutes(15), STEPS, instances), dir, ZoneOffset.UTC);
  }

  /**
   * One busy g5.xlarge named {@code instanceId}, {@code days} days from {@code start} at a
   * 15-minute step: its CUR 2.0 bill under {@code billing/aws} and its nvidia-smi log (UTC) under
   * {@code telemetry/nvidia-smi}.
   */
  public static void writeBusy(
      Path dir, Instant start, int days, String instanceId, int gpuSerial) {
    int steps = days * 96;
    FleetInstance instance =
        new FleetInstance(
            FleetInstance.AWS,
            TestFleets.AWS_ACCOUNT,
            instanceId,
            "g5.xlarge",
            "us-east-1",
            "us-east-1a",
            null,
            "ip-10-0-8-" + gpuSerial + ".ec2.internal",
            Map.of("team", "vision", "workload-type", "training"),
            PricingModel.ON_DEMAND,
            new BigDecimal("1.006"),
            new BigDecimal("1.006"),
            List.of(busy(TestFleets.uuid("beef0000", gpuSerial), steps)));
    FleetFiles.write(
        new Fleet(start, Duration.ofMinutes(15), steps, List.of(instance)), dir, ZoneOffset.UTC);
  }

  /** Busy around the clock: 70–95 %, 60 % of its memory. */
  private static GpuSeries busy(String uuid) {
    return busy(uuid, STEPS);
  }

  private static GpuSeries busy(String uuid, int steps) {
    double[] util = new double[steps];
    double[] memory = new double[steps];
    for (int step = 0; step < steps; step++) {
      util[step] = 70 + (step * 7 % 25) + 0.5;
      memory[step] = 22731 * 0.6;
    }
    return new GpuSeries(0, uuid, "NVIDIA A10G", 22731, null, null, util, memory);
  }
}
