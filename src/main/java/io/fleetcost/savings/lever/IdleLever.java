package io.fleetcost.savings.lever;

import io.fleetcost.config.SavingsThresholds;
import io.fleetcost.savings.BilledResource;
import io.fleetcost.savings.Effort;
import io.fleetcost.savings.GpuUsage;
import io.fleetcost.savings.Lever;
import io.fleetcost.savings.Proposal;
import io.fleetcost.savings.Risk;
import io.fleetcost.savings.Scope;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Eliminate: a resource whose every GPU is idle (mean activity below {@code idleMeanPercent} and
 * p99 below {@code idleP99Percent}) can be stopped, saving all its remaining cost. When an idle GPU
 * holds memory (at least {@code zombieMemoryFraction} of it half the time), something is still
 * loaded on it with no work: a zombie, which needs its process found and stopped first.
 */
final class IdleLever implements SavingsLever {
  @Override
  public LeverId id() {
    return LeverId.IDLE;
  }

  @Override
  public LeverStage stage() {
    return LeverStage.ELIMINATE;
  }

  @Override
  public Optional<Proposal> propose(LeverInput input) {
    return propose(input.resource(), input.cost(), input.thresholds());
  }

  public static boolean idle(GpuUsage gpu, SavingsThresholds t) {
    return gpu.mean() < t.idleMeanPercent() && gpu.p99() < t.idleP99Percent();
  }

  public static boolean zombie(GpuUsage gpu, SavingsThresholds t) {
    return idle(gpu, t)
        && gpu.memoryTotalMib() > 0
        && gpu.memoryP50Mib() >= t.zombieMemoryFraction() * gpu.memoryTotalMib();
  }

  public static Optional<Proposal> propose(
      BilledResource resource, BigDecimal cost, SavingsThresholds t) {
    List<GpuUsage> gpus = resource.gpus();
    if (gpus.isEmpty() || !gpus.stream().allMatch(g -> idle(g, t))) {
      return Optional.empty();
    }
    List<GpuUsage> zombies = gpus.stream().filter(g -> zombie(g, t)).toList();
    return Optional.of(
        zombies.isEmpty() ? stopIdle(resource, t) : stopZombies(resource, zombies, t));
  }

  /** Idle GPUs that hold memory: find what holds it, then stop the resource. */
  private static Proposal stopZombies(
      BilledResource resource, List<GpuUsage> zombies, SavingsThresholds t) {
    double heldGib = zombies.stream().mapToDouble(g -> g.memoryP50Mib() / 1024).sum();
    return Proposal.builder()
        .lever(Lever.ZOMBIE)
        .projectedCost(BigDecimal.ZERO)
        .action(
            String.format(
                Locale.ROOT,
                "Find and stop what holds %.1f GiB of GPU memory on %s without running kernels (%d of %d GPUs; a hung"
                    + " job or an abandoned notebook), then stop %s (%s): no GPU work in %.0f hours observed",
                heldGib,
                nodeOf(resource),
                zombies.size(),
                resource.gpus().size(),
                resource.label(),
                resource.instanceType(),
                resource.observedHours()))
        .risk(Risk.MEDIUM)
        .effort(Effort.RESOURCE_CHANGE)
        .confidenceFactor(0.9)
        .scope(Scope.RESOURCE)
        .evidence(
            Map.of(
                "zombie_gpus", zombies.size(),
                "memory_held_gib", round(heldGib),
                "idle_mean_below_percent", t.idleMeanPercent(),
                "idle_p99_below_percent", t.idleP99Percent()))
        .build();
  }

  private static Proposal stopIdle(BilledResource resource, SavingsThresholds t) {
    List<GpuUsage> gpus = resource.gpus();
    return Proposal.builder()
        .lever(Lever.IDLE)
        .projectedCost(BigDecimal.ZERO)
        .action(
            String.format(
                Locale.ROOT,
                "Stop or terminate %s (%s): its %d GPU%s did no work in %.0f hours observed (mean activity below %.0f %%,"
                    + " p99 below %.0f %%)",
                resource.label(),
                resource.instanceType(),
                gpus.size(),
                gpus.size() == 1 ? "" : "s",
                resource.observedHours(),
                t.idleMeanPercent(),
                t.idleP99Percent()))
        .risk(Risk.LOW)
        .effort(Effort.COMMAND)
        .confidenceFactor(1.0)
        .scope(Scope.RESOURCE)
        .evidence(
            Map.of(
                "idle_mean_below_percent",
                t.idleMeanPercent(),
                "idle_p99_below_percent",
                t.idleP99Percent()))
        .build();
  }

  private static String nodeOf(BilledResource resource) {
    return resource.gpus().stream()
        .map(GpuUsage::node)
        .filter(n -> n != null)
        .findFirst()
        .orElse(resource.resourceId());
  }

  static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
