package io.fleetcost.savings;

import static io.fleetcost.model.Money.cents;

import io.fleetcost.catalog.Catalog;
import io.fleetcost.catalog.MigProfile;
import io.fleetcost.config.SavingsThresholds;
import io.fleetcost.savings.lever.LeverInput;
import io.fleetcost.savings.lever.LeverStage;
import io.fleetcost.savings.lever.Levers;
import io.fleetcost.savings.lever.PooledLever;
import io.fleetcost.savings.lever.SavingsLever;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * Applies the levers of the registry ({@link Levers}) stage by stage ({@link LeverStage}), each on
 * the monthly cost the one before left, so that a resource's savings never add up to more than its
 * cost (DESIGN.md, step 5; analytics-anchors.md 5.2):
 *
 * <ol>
 *   <li>eliminate (idle, zombie): the whole cost; nothing follows;
 *   <li>right-size or MIG: mutually exclusive. MIG packs a whole pool (a Kubernetes cluster's GPUs
 *       of one MIG table, or a plain VM's own), so the choice is made per pool, by the pool's total
 *       ({@link MigPoolSearch}): members leave the pool for right-sizing while that raises the
 *       total (a member that only hosts others' slices saves nothing itself, yet lets them stop).
 *       Resources outside any pool take the right-size proposal;
 *   <li>spot, on what is left, at the new instance type's prices when right-sized.
 * </ol>
 *
 * One action per resource per stage: of a stage's proposals for a resource, the largest saving (the
 * first lever of the registry on a tie). Resources with fewer hours of samples than {@code
 * minimumHours} get no recommendation and are listed as insufficient data; resources whose charges
 * stopped a day or more before their bill's end ({@link #STOPPED_AFTER}) get none either: they were
 * stopped or deleted, already acted on. Pure: no Spark, no I/O.
 */
public final class SavingsEngine {
  /**
   * How long before its bill's end a resource's charges must have stopped for it to count as
   * stopped.
   */
  public static final Duration STOPPED_AFTER = Duration.ofHours(24);

  private final Catalog catalog;
  private final SavingsThresholds thresholds;
  private final PoolSearch poolSearch;
  private final List<SavingsLever> levers = Levers.all();

  /** How a MIG pool's members are split between packing and right-sizing. */
  @FunctionalInterface
  interface PoolSearch {
    MigPoolSearch.Outcome search(
        String scope,
        List<MigPoolSearch.Member> members,
        List<MigProfile> table,
        SavingsThresholds t,
        LongAdder steps);
  }

  public SavingsEngine(Catalog catalog, SavingsThresholds thresholds) {
    this(catalog, thresholds, MigPoolSearch::search);
  }

  /** With another pool search: the tests' reference. */
  SavingsEngine(Catalog catalog, SavingsThresholds thresholds, PoolSearch poolSearch) {
    this.catalog = catalog;
    this.thresholds = thresholds;
    this.poolSearch = poolSearch;
  }

  /** A resource being worked on: what it costs now and what it has become. */
  private static final class State {
    final BilledResource resource;
    final BigDecimal initial;
    BigDecimal cost;
    String instanceType;
    boolean eliminated;
    final List<Opportunity> opportunities = new ArrayList<>();

    State(BilledResource resource) {
      this.resource = resource;
      this.initial = resource.monthlyCost();
      this.cost = resource.monthlyCost();
      this.instanceType = resource.instanceType();
    }
  }

  public SavingsResult evaluate(List<BilledResource> resources) {
    return evaluate(resources, new LongAdder());
  }

  /**
   * As {@link #evaluate(List)}, counting the work of the MIG pool searches ({@link MigPoolSearch})
   * in the adder.
   */
  SavingsResult evaluate(List<BilledResource> resources, LongAdder migSearchSteps) {
    List<State> states = new ArrayList<>();
    List<SavingsResult.InsufficientData> insufficient = new ArrayList<>();
    List<BilledResource> sorted = new ArrayList<>(resources);
    sorted.sort(Comparator.comparing(BilledResource::resourceId));
    for (BilledResource resource : sorted) {
      if (resource.gpus().isEmpty() || resource.observedHours() < thresholds.minimumHours()) {
        insufficient.add(
            new SavingsResult.InsufficientData(
                resource.resourceId(),
                resource.provider(),
                round2(resource.observedHours()),
                thresholds.minimumHours()));
      }
      states.add(new State(resource));
    }
    List<State> active =
        states.stream()
            .filter(
                s ->
                    !s.resource.gpus().isEmpty()
                        && s.resource.observedHours() >= thresholds.minimumHours())
            .filter(s -> !stopped(s.resource))
            .toList();

    for (State state : active) {
      best(state, LeverStage.ELIMINATE).ifPresent(p -> apply(state, p));
    }
    reshape(active.stream().filter(s -> !s.eliminated).toList(), migSearchSteps);
    for (State state : active) {
      if (!state.eliminated) {
        best(state, LeverStage.PURCHASE).ifPresent(p -> apply(state, p));
      }
    }

    List<Opportunity> opportunities = new ArrayList<>();
    List<SavingsResult.ResourceOutcome> outcomes = new ArrayList<>();
    for (State state : states) {
      opportunities.addAll(state.opportunities);
      outcomes.add(
          new SavingsResult.ResourceOutcome(
              state.resource.resourceId(),
              state.resource.provider(),
              state.resource.owner(),
              state.resource.currency(),
              cents(state.initial),
              cents(state.cost)));
    }
    opportunities.sort(
        Comparator.comparing(Opportunity::priority).reversed().thenComparing(Opportunity::id));
    return new SavingsResult(opportunities, outcomes, insufficient);
  }

  /**
   * A resource its bill stopped charging a day or more before the bill's end was stopped or
   * deleted: someone already acted on it, and its earlier telemetry says nothing about what it
   * costs now.
   */
  static boolean stopped(BilledResource resource) {
    return resource.basis() != null && resource.basis().stoppedBefore(STOPPED_AFTER);
  }

  private LeverInput input(State state) {
    return new LeverInput(state.resource, state.cost, state.instanceType, catalog, thresholds);
  }

  /**
   * Of the proposals of a stage's levers that work on one resource alone, the largest saving; the
   * first on a tie.
   */
  private Optional<Proposal> best(State state, LeverStage stage) {
    Proposal best = null;
    for (SavingsLever lever : levers) {
      if (lever.stage() != stage || lever instanceof PooledLever) {
        continue;
      }
      Optional<Proposal> proposal = lever.propose(input(state));
      if (proposal.isPresent()
          && (best == null || saving(state, proposal.get()).compareTo(saving(state, best)) > 0)) {
        best = proposal.get();
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * Stage 2, reshape: the larger saving per resource. Pooled levers (MIG) are chosen per pool, by
   * the pool's total ({@link MigPoolSearch}), against the other reshape levers' proposals.
   */
  private void reshape(List<State> states, LongAdder migSearchSteps) {
    Map<String, Proposal> rightsize = new LinkedHashMap<>();
    for (State state : states) {
      best(state, LeverStage.RESHAPE).ifPresent(p -> rightsize.put(state.resource.resourceId(), p));
    }
    List<PooledLever> pooled =
        levers.stream()
            .filter(l -> l.stage() == LeverStage.RESHAPE && l instanceof PooledLever)
            .map(PooledLever.class::cast)
            .toList();
    Map<String, List<State>> pools = new LinkedHashMap<>();
    Map<String, String> tables = new LinkedHashMap<>();
    for (State state : states) {
      for (PooledLever lever : pooled) {
        Optional<String> table = lever.table(input(state));
        if (table.isPresent()) {
          String pool = poolOf(state.resource) + "/" + table.get();
          pools.computeIfAbsent(pool, k -> new ArrayList<>()).add(state);
          tables.put(pool, table.get());
          break;
        }
      }
    }
    Map<String, Proposal> mig = new LinkedHashMap<>();
    Set<String> packed = new HashSet<>();
    for (Map.Entry<String, List<State>> pool : pools.entrySet()) {
      List<MigPoolSearch.Member> members = new ArrayList<>();
      for (State state : pool.getValue()) {
        members.add(
            new MigPoolSearch.Member(
                state.resource,
                state.cost,
                gpuCount(state),
                saving(state, rightsize.get(state.resource.resourceId()))));
      }
      List<MigProfile> table = catalog.migProfiles(tables.get(pool.getKey()));
      MigPoolSearch.Outcome outcome =
          poolSearch.search(pool.getKey(), members, table, thresholds, migSearchSteps);
      mig.putAll(outcome.proposals());
      outcome.packed().forEach(m -> packed.add(m.resource().resourceId()));
    }
    for (State state : states) {
      String id = state.resource.resourceId();
      // a packed member follows the pool's plan (its GPUs may host others' slices); the rest may be
      // right-sized
      Proposal chosen = packed.contains(id) ? mig.get(id) : rightsize.get(id);
      if (chosen != null) {
        apply(state, chosen);
      }
    }
  }

  /**
   * The GPUs a resource's cost is shared over: a scale set billed as one resource reports more than
   * its type has.
   */
  private int gpuCount(State state) {
    return Math.max(
        state.resource.gpus().size(),
        catalog.instanceType(state.instanceType).map(t -> t.gpuCount()).orElse(0));
  }

  /** What a proposal saves on what the resource costs now; null for no proposal. */
  private static BigDecimal saving(State state, Proposal proposal) {
    return proposal == null ? null : state.cost.subtract(proposal.projectedCost());
  }

  /**
   * A Kubernetes cluster's scheduler can move a workload to any node, so its GPUs form one pool; a
   * plain VM's workloads stay on the VM, so its own GPUs are its pool.
   */
  private static String poolOf(BilledResource resource) {
    return resource.cluster() != null
        ? resource.cluster()
        : resource.provider() + ":" + resource.resourceId();
  }

  private void apply(State state, Proposal proposal) {
    BigDecimal projected = proposal.projectedCost().max(BigDecimal.ZERO).min(state.cost);
    BigDecimal current = cents(state.cost);
    BigDecimal after = cents(projected);
    if (current.compareTo(after) <= 0) {
      return;
    }
    BilledResource resource = state.resource;
    double confidence =
        round2((0.5 + 0.5 * Math.min(1, resource.coverage())) * proposal.confidenceFactor());
    BigDecimal saving = current.subtract(after);
    BigDecimal priority =
        saving
            .multiply(BigDecimal.valueOf(confidence))
            .divide(BigDecimal.valueOf(proposal.effort().level()), 2, RoundingMode.HALF_UP);
    state.opportunities.add(
        Opportunity.builder()
            .id(id(resource.provider(), resource.resourceId(), proposal.lever()))
            .lever(proposal.lever())
            .resourceId(resource.resourceId())
            .resourceName(resource.basis() == null ? null : resource.basis().resourceName())
            .provider(resource.provider())
            .accountId(resource.accountId())
            .region(resource.region())
            .instanceType(state.instanceType)
            .gpuModel(catalog.instanceType(state.instanceType).map(t -> t.gpuModel()).orElse(null))
            .gpuCount(
                catalog
                    .instanceType(state.instanceType)
                    .map(t -> t.gpuCount())
                    .orElse(resource.gpus().size()))
            .owner(resource.owner())
            .scope(proposal.scope())
            .currency(resource.currency())
            .currentMonthlyCost(current)
            .projectedMonthlyCost(after)
            .monthlySaving(saving)
            .confidence(confidence)
            .risk(proposal.risk())
            .effort(proposal.effort())
            .priority(priority)
            .action(proposal.action())
            .plan(proposal.plan())
            .evidence(evidence(resource, state.cost, proposal))
            .build());
    state.cost = projected;
    if (proposal.lever().stage() == 1) {
      state.eliminated = true;
    }
    if (proposal.newInstanceType() != null) {
      state.instanceType = proposal.newInstanceType();
    }
  }

  private Map<String, Object> evidence(
      BilledResource resource, BigDecimal cost, Proposal proposal) {
    Map<String, Object> evidence = new LinkedHashMap<>();
    Map<String, Object> billing = new LinkedHashMap<>();
    billing.put("monthly_cost_before_levers", cents(resource.monthlyCost()).toPlainString());
    billing.put("monthly_cost_before_this_lever", cents(cost).toPlainString());
    // unrounded: the lever computes on it, and the report's appendix redoes that arithmetic from
    // the evidence alone
    billing.put(
        "monthly_cost_before_this_lever_unrounded", cost.stripTrailingZeros().toPlainString());
    billing.put("pricing_category", resource.pricingCategory());
    if (resource.basis() != null) {
      BilledResource.BillingBasis basis = resource.basis();
      billing.put(
          "effective_cost_in_window", basis.effectiveCost().stripTrailingZeros().toPlainString());
      billing.put("billed_hours", round2(basis.billedHours()));
      billing.put("monthly_cost_formula", "effective_cost_in_window x 730 / billed_hours");
      billing.put("rows", basis.rows());
      billing.put("other_rows_left_out", basis.otherRows());
      billing.put(
          "other_cost_left_out", basis.otherEffectiveCost().stripTrailingZeros().toPlainString());
      billing.put("first_charge_start", basis.firstChargeStart());
      billing.put("last_charge_end", basis.lastChargeEnd());
      billing.put("sample_rows", basis.sampleRows());
    }
    evidence.put("billing", billing);
    List<Map<String, Object>> gpus = new ArrayList<>();
    for (GpuUsage gpu : resource.gpus()) {
      Map<String, Object> g = new LinkedHashMap<>();
      g.put("gpu", gpu.gpuKey());
      g.put("model", gpu.gpuModel());
      g.put("hours", round2(gpu.hours()));
      g.put("coverage", round2(gpu.coverage()));
      g.put("mean", round2(gpu.mean()));
      g.put("p50", round2(gpu.p50()));
      g.put("p95", round2(gpu.p95()));
      g.put("p99", round2(gpu.p99()));
      g.put("max", round2(gpu.max()));
      g.put("idle_hours", round2(gpu.idleHours()));
      g.put("memory_p99_gib", known(gpu.memoryP99Mib() / 1024));
      g.put("memory_max_gib", known(gpu.memoryMaxGib()));
      g.put("memory_total_gib", known(gpu.memoryTotalMib() / 1024));
      g.put("workloads", gpu.workloads());
      gpus.add(g);
    }
    evidence.put("gpus", gpus);
    evidence.put("mean_activity", round2(resource.meanActivity()));
    evidence.put("peak_activity", round2(resource.peakActivity()));
    evidence.putAll(proposal.evidence());
    return evidence;
  }

  /** Stable across runs: the same provider, resource and lever give the same id. */
  public static String id(String provider, String resourceId, Lever lever) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] hash =
          digest.digest(
              (provider + "|" + resourceId + "|" + lever.cliName())
                  .getBytes(StandardCharsets.UTF_8));
      return "op-" + HexFormat.of().formatHex(hash).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /** Rounded, or null when the telemetry did not report it. */
  private static Double known(double value) {
    return Double.isNaN(value) ? null : round2(value);
  }

  static double round2(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
