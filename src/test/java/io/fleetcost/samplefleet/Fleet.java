package io.fleetcost.samplefleet;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A GPU fleet over a time window: its instances, billed for every whole hour from {@code
 * billedFrom} (at the latest {@code start}) to {@code start + steps * step}, and their GPUs sampled
 * every {@code step} from {@code start}; an instance's {@link BillingChange}s reprice it or stop it
 * (no bill, no telemetry) from an hour on.
 */
public record Fleet(
    Instant start,
    Duration step,
    int steps,
    List<FleetInstance> instances,
    BillingAccounts accounts,
    Instant billedFrom,
    List<BillingChange> changes) {
  private static final Duration HOUR = Duration.ofHours(1);

  public Fleet {
    Objects.requireNonNull(billedFrom, "billedFrom is null");
    Objects.requireNonNull(start, "start is null");
    Objects.requireNonNull(step, "step is null");
    Objects.requireNonNull(accounts, "accounts is null");
    if (start.getEpochSecond() % HOUR.getSeconds() != 0 || start.getNano() != 0) {
      throw new IllegalArgumentException(
          "start must be on a whole hour (bills are hourly): " + start);
    }
    if (step.isNegative() || step.isZero() || step.getNano() != 0) {
      throw new IllegalArgumentException(
          "step must be a positive whole number of seconds: " + step);
    }
    if (steps <= 0) {
      throw new IllegalArgumentException("steps must be positive: " + steps);
    }
    instances = List.copyOf(instances);
    Set<String> keys = new HashSet<>();
    for (FleetInstance instance : instances) {
      if (!keys.add(instance.provider() + "/" + instance.resourceId())) {
        throw new IllegalArgumentException(
            instance.provider() + " instance " + instance.resourceId() + " appears twice");
      }
      for (GpuSeries gpu : instance.gpus()) {
        if (gpu.steps() != steps) {
          throw new IllegalArgumentException(
              "GPU "
                  + gpu.uuid()
                  + " of "
                  + instance.resourceId()
                  + " has "
                  + gpu.steps()
                  + " samples, the fleet "
                  + steps);
        }
      }
    }
    if (hours(step, steps) == 0) {
      throw new IllegalArgumentException(
          "the fleet's window is shorter than an hour: " + step.multipliedBy(steps));
    }
    if (billedFrom.isAfter(start)
        || Duration.between(billedFrom, start).toNanos() % HOUR.toNanos() != 0) {
      throw new IllegalArgumentException(
          "billedFrom must be whole hours before or at the start: " + billedFrom);
    }
    changes = List.copyOf(changes);
    for (BillingChange change : changes) {
      FleetInstance instance =
          instances.stream()
              .filter(
                  i ->
                      i.provider().equals(change.provider())
                          && i.resourceId().equals(change.resourceId()))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "a billing change of an instance not in the fleet: " + change));
      if (instance.isKubernetesNode() && change.stops()) {
        throw new IllegalArgumentException(
            "only plain VMs stop in a sample fleet (a node list is one snapshot): " + change);
      }
      if (instance.provider().equals(FleetInstance.AZURE)
          && change.from().getEpochSecond() % 86_400 != 0) {
        throw new IllegalArgumentException(
            "Azure bills a day per row: change at 00:00 UTC: " + change);
      }
    }
  }

  /** A fleet billed from its start, without changes. */
  public Fleet(
      Instant start,
      Duration step,
      int steps,
      List<FleetInstance> instances,
      BillingAccounts accounts) {
    this(start, step, steps, instances, accounts, start, List.of());
  }

  /** A fleet of the example accounts ({@link BillingAccounts#example()}). */
  public Fleet(Instant start, Duration step, int steps, List<FleetInstance> instances) {
    this(start, step, steps, instances, BillingAccounts.example());
  }

  /** The whole hours sampled: {@code steps * step}, in hours, rounded down. */
  public int hours() {
    return hours(step, steps);
  }

  public Instant hourStart(int hour) {
    return start.plus(HOUR.multipliedBy(hour));
  }

  /** The whole hours billed, from {@code billedFrom} to {@link #billedEnd()}. */
  public int billedHours() {
    return (int) Duration.between(billedFrom, billedEnd()).toHours();
  }

  public Instant billedHourStart(int hour) {
    return billedFrom.plus(HOUR.multipliedBy(hour));
  }

  /**
   * The instance as billed in the hour that starts at {@code at} (or the sample taken then):
   * repriced by its latest change up to then, or null when it is stopped.
   */
  public FleetInstance billedAs(FleetInstance instance, Instant at) {
    BillingChange latest = null;
    for (BillingChange change : changes) {
      if (change.provider().equals(instance.provider())
          && change.resourceId().equals(instance.resourceId())
          && !change.from().isAfter(at)
          && (latest == null || change.from().isAfter(latest.from()))) {
        latest = change;
      }
    }
    if (latest == null) {
      return instance;
    }
    if (latest.stops()) {
      return null;
    }
    return new FleetInstance(
        instance.provider(),
        instance.accountId(),
        instance.resourceId(),
        instance.instanceType(),
        instance.region(),
        instance.zone(),
        instance.cluster(),
        instance.node(),
        instance.tags(),
        latest.pricing(),
        latest.hourlyCost(),
        latest.hourlyOnDemand(),
        instance.gpus(),
        instance.resourceGroup());
  }

  /** The GPU samples the fleet's telemetry holds: every GPU at every step its instance runs. */
  public long gpuSamples() {
    long samples = 0;
    for (FleetInstance instance : instances) {
      for (int step = 0; step < steps; step++) {
        if (billedAs(instance, sampleTime(step)) != null) {
          samples += instance.gpus().size();
        }
      }
    }
    return samples;
  }

  /** The end of the billed window (exclusive). */
  public Instant billedEnd() {
    return hourStart(hours());
  }

  public Instant sampleTime(int step) {
    return start.plus(this.step.multipliedBy(step));
  }

  public List<FleetInstance> instancesOf(String provider) {
    return instances.stream().filter(i -> i.provider().equals(provider)).toList();
  }

  /** The Kubernetes clusters, in the order their first node appears. */
  public List<String> clusters() {
    return instances.stream()
        .map(FleetInstance::cluster)
        .filter(Objects::nonNull)
        .distinct()
        .toList();
  }

  private static int hours(Duration step, int steps) {
    return (int) (step.multipliedBy(steps).getSeconds() / HOUR.getSeconds());
  }
}
