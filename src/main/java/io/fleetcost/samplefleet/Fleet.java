package io.fleetcost.samplefleet;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A GPU fleet over a time window: its instances, billed for every whole hour from {@code start} for {@code steps *
 * step}, and their GPUs sampled every {@code step} from {@code start}.
 */
public record Fleet(Instant start, Duration step, int steps, List<FleetInstance> instances, BillingAccounts accounts) {
  private static final Duration HOUR = Duration.ofHours(1);

  public Fleet {
    Objects.requireNonNull(start, "start is null");
    Objects.requireNonNull(step, "step is null");
    Objects.requireNonNull(accounts, "accounts is null");
    if (start.getEpochSecond() % HOUR.getSeconds() != 0 || start.getNano() != 0) {
      throw new IllegalArgumentException("start must be on a whole hour (bills are hourly): " + start);
    }
    if (step.isNegative() || step.isZero() || step.getNano() != 0) {
      throw new IllegalArgumentException("step must be a positive whole number of seconds: " + step);
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
              "GPU " + gpu.uuid() + " of " + instance.resourceId() + " has " + gpu.steps() + " samples, the fleet "
                  + steps);
        }
      }
    }
    if (hours(step, steps) == 0) {
      throw new IllegalArgumentException("the fleet's window is shorter than an hour: " + step.multipliedBy(steps));
    }
  }

  /** A fleet of the example accounts ({@link BillingAccounts#example()}). */
  public Fleet(Instant start, Duration step, int steps, List<FleetInstance> instances) {
    this(start, step, steps, instances, BillingAccounts.example());
  }

  /** The whole hours billed: {@code steps * step}, in hours, rounded down. */
  public int hours() {
    return hours(step, steps);
  }

  public Instant hourStart(int hour) {
    return start.plus(HOUR.multipliedBy(hour));
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
    return instances.stream().map(FleetInstance::cluster).filter(Objects::nonNull).distinct().toList();
  }

  private static int hours(Duration step, int steps) {
    return (int) (step.multipliedBy(steps).getSeconds() / HOUR.getSeconds());
  }
}
