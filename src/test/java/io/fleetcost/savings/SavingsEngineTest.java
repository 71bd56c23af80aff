package io.fleetcost.savings;

import static io.fleetcost.savings.Fleets.gpu;
import static io.fleetcost.savings.Fleets.gpus;
import static io.fleetcost.savings.Fleets.resource;
import static org.assertj.core.api.Assertions.assertThat;

import io.fleetcost.catalog.Catalog;
import io.fleetcost.config.SavingsThresholds;
import io.fleetcost.model.Money;
import io.fleetcost.savings.lever.LeverInput;
import io.fleetcost.savings.lever.MigLever;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each lever on a small fleet, with the expected figures worked out by hand from the bundled
 * catalog's prices (sample-data/catalog/instance-prices.csv) and the default thresholds (20 %
 * headroom; idle below 1 % mean and 5 % p99; right-size below 30 % mean; MIG below 50 % mean;
 * bursty above 80 % peak and below 50 % mean).
 */
class SavingsEngineTest {
  static final Catalog CATALOG = Catalog.bundled();
  final SavingsEngine engine = new SavingsEngine(CATALOG, SavingsThresholds.DEFAULTS);

  static final String AWS = "AWS";
  static final String EAST = "us-east-1";

  private static List<Opportunity> of(SavingsResult result, String resourceId) {
    return result.opportunities().stream().filter(o -> o.resourceId().equals(resourceId)).toList();
  }

  private static Opportunity only(SavingsResult result, String resourceId) {
    List<Opportunity> found = of(result, resourceId);
    assertThat(found).as("opportunities of %s", resourceId).hasSize(1);
    return found.get(0);
  }

  @Test
  void anIdleGpuInstanceSavesAllOfItsCost() {
    // g5.xlarge at 1.006/h: 1.006 x 730 = 734.38 a month; mean 0.2 % < 1 %, p99 0.8 % < 5 %, no
    // memory held
    BilledResource idle =
        resource(
            AWS,
            "i-idle",
            "g5.xlarge",
            EAST,
            "1.006",
            null,
            Map.of(),
            List.of(gpu("g0", 0.2, 0.5, 0.8, 0.3, 0.0, 24)));
    Opportunity o = only(engine.evaluate(List.of(idle)), "i-idle");
    assertThat(o.lever()).isEqualTo(Lever.IDLE);
    assertThat(o.currentMonthlyCost()).isEqualByComparingTo("734.38");
    assertThat(o.projectedMonthlyCost()).isEqualByComparingTo("0.00");
    assertThat(o.monthlySaving()).isEqualByComparingTo("734.38");
    assertThat(o.effort()).isEqualTo(Effort.COMMAND);
    // confidence: (0.5 + 0.5 x coverage 1.0) x 1.0 = 1.0; priority 734.38 x 1.0 / 1 = 734.38
    assertThat(o.confidence()).isEqualTo(1.0);
    assertThat(o.priority()).isEqualByComparingTo("734.38");
  }

  @Test
  void aResourceStoppedADayBeforeItsBillEndsGetsNothingOneStoppedHoursAgoStillDoes() {
    // the bill runs to 15 Nov 00:00; i-deleted was last charged for the hour ending 14 Nov 00:00
    // (24 h before: stopped
    // or deleted, already acted on); i-recent for the hour ending 14 Nov 01:00 (23 h before: still
    // counted)
    List<GpuUsage> idleGpu = List.of(gpu("g0", 0.2, 0.5, 0.8, 0.3, 0.0, 24));
    BilledResource deleted =
        withBasis(
            resource(AWS, "i-deleted", "g5.xlarge", EAST, "1.006", null, Map.of(), idleGpu),
            "2026-11-14T00:00:00Z");
    BilledResource recent =
        withBasis(
            resource(AWS, "i-recent", "g5.xlarge", EAST, "1.006", null, Map.of(), idleGpu),
            "2026-11-14T01:00:00Z");

    SavingsResult result = engine.evaluate(List.of(deleted, recent));

    assertThat(of(result, "i-deleted")).isEmpty();
    assertThat(only(result, "i-recent").lever()).isEqualTo(Lever.IDLE);
    // the stopped resource is still accounted for, at its cost, with nothing projected away
    SavingsResult.ResourceOutcome outcome =
        result.resources().stream()
            .filter(r -> r.resourceId().equals("i-deleted"))
            .findFirst()
            .orElseThrow();
    assertThat(outcome.projectedMonthlyCost()).isEqualByComparingTo(outcome.currentMonthlyCost());
  }

  private static BilledResource withBasis(BilledResource r, String lastChargeEnd) {
    BilledResource.BillingBasis basis =
        new BilledResource.BillingBasis(
            r.resourceId(),
            r.monthlyCost(),
            730,
            336,
            BigDecimal.ZERO,
            0,
            "2026-11-01T00:00:00Z",
            lastChargeEnd,
            "2026-11-15T00:00:00Z",
            List.of("bill.csv:2"));
    return new BilledResource(
        r.provider(),
        r.accountId(),
        r.resourceId(),
        r.instanceType(),
        r.region(),
        r.currency(),
        r.monthlyCost(),
        r.pricingCategory(),
        r.tags(),
        r.owner(),
        r.cluster(),
        r.gpus(),
        basis);
  }

  @Test
  void anIdleGpuHoldingMemoryIsAZombie() {
    // 12 GiB of 24 GiB held at the median (50 % >= 10 %) while the GPU does nothing
    BilledResource zombie =
        resource(
            AWS,
            "i-zombie",
            "g5.xlarge",
            EAST,
            "1.006",
            null,
            Map.of(),
            List.of(gpu("g0", 0.1, 0.3, 0.5, 12, 12, 24)));
    Opportunity o = only(engine.evaluate(List.of(zombie)), "i-zombie");
    assertThat(o.lever()).isEqualTo(Lever.ZOMBIE);
    assertThat(o.monthlySaving()).isEqualByComparingTo("734.38");
    assertThat(o.action()).contains("12.0 GiB");
    // confidence (0.5 + 0.5 x 1.0) x 0.9 = 0.9; priority 734.38 x 0.9 / 2 = 330.47
    assertThat(o.priority()).isEqualByComparingTo("330.47");
  }

  @Test
  void anOversizedInstanceMovesToTheCheapestShapeThatHoldsItsWork() {
    // g5.12xlarge: 4 x A10G (relative throughput 1.1), 5.672/h -> 5.672 x 730 = 4140.56 a month.
    // One GPU works (p95 40 %, peak 10 GiB), three are idle (p95 0.5 %). Mean (25 + 3 x 0.2) / 4 =
    // 6.4 % < 30 %.
    // One working GPU needs one GPU with 0.40 x 1.1 x 1.2 = 0.528 T4-units and 10 x 1.2 = 12 GiB.
    // The cheapest AWS shape that holds it: g4dn.xlarge (1 x T4, 1.0 T4-unit, 16 GB) at 0.526/h.
    // Projected 4140.56 x 0.526 / 5.672 = 0.526 x 730 = 383.98; saving 4140.56 - 383.98 = 3756.58.
    List<GpuUsage> gpus = new ArrayList<>();
    gpus.add(gpu("g0", 25, 40, 55, 10, 8, 24));
    for (int i = 1; i < 4; i++) {
      gpus.add(gpu("g" + i, 0.2, 0.5, 0.8, 0, 0, 24));
    }
    BilledResource oversized =
        resource(AWS, "i-oversized", "g5.12xlarge", EAST, "5.672", null, Map.of(), gpus);
    Opportunity o = only(engine.evaluate(List.of(oversized)), "i-oversized");
    assertThat(o.lever()).isEqualTo(Lever.RIGHTSIZE);
    assertThat(o.currentMonthlyCost()).isEqualByComparingTo("4140.56");
    assertThat(o.projectedMonthlyCost()).isEqualByComparingTo("383.98");
    assertThat(o.monthlySaving()).isEqualByComparingTo("3756.58");
    assertThat(o.action()).contains("g5.12xlarge").contains("g4dn.xlarge");
    assertThat(o.evidence()).containsEntry("to", "g4dn.xlarge");
  }

  @Test
  void lightWorkloadsOfOneNodePackOntoMigSlicesWhenThatSavesMoreThanRightSizing() {
    // p4de.24xlarge: 8 x A100 80 GB, 27.4471/h -> 27.4471 x 730 = 20036.383 (20036.38) a month.
    // Each GPU: p95 10 %, peak 25 GiB. Profile: compute ceil(7 x 0.10 x 1.2) = 1 slice, memory 25 x
    // 1.2 = 30 GiB ->
    // the smallest A100-80GB profile with >= 30 GiB is 3g.40gb (39.25 GiB, 3 compute, 4 memory
    // slices, starts 0 or 4):
    // two per GPU, so 8 workloads need 4 GPUs and 4 are freed: projected 20036.383 x 4/8 =
    // 10018.19.
    // Right-sizing would only reach p4d.24xlarge (8 x A100 40 GB: 320 GiB for 8 x 30 GiB) at
    // 21.9576/h:
    // 21.9576 x 730 = 16029.05, a saving of 4007.33 < 10018.19, so MIG wins.
    BilledResource notebooks =
        resource(
            AWS,
            "i-notebooks",
            "p4de.24xlarge",
            EAST,
            "27.4471",
            "eks-ml",
            Map.of(),
            gpus(8, "nb", 6, 10, 12, 25, 80));
    SavingsResult result = engine.evaluate(List.of(notebooks));
    Opportunity o = only(result, "i-notebooks");
    assertThat(o.lever()).isEqualTo(Lever.MIG);
    assertThat(o.currentMonthlyCost()).isEqualByComparingTo("20036.38");
    assertThat(o.projectedMonthlyCost()).isEqualByComparingTo("10018.19");
    assertThat(o.monthlySaving()).isEqualByComparingTo("10018.19");
    assertThat(o.plan()).hasSize(8).allSatisfy(p -> assertThat(p.profile()).isEqualTo("3g.40gb"));
    assertThat(o.plan()).extracting(MigPlacement::startSlice).containsOnly(0, 4);
    assertThat(o.plan().stream().map(MigPlacement::gpuKey).distinct()).hasSize(4);
    assertThat(o.evidence()).containsEntry("gpus_freed", 4).containsEntry("pool_gpus_after", 4);
  }

  @Test
  void migPacksAPoolAcrossInstancesAndStopsTheOnesItEmpties() {
    // Two Standard_NC24ads_A100_v4 (1 x A100 80 GB, 3.673/h -> 2681.29 a month) in one cluster,
    // each with one
    // workload of p95 15 % and 25 GiB peak -> 3g.40gb each; both fit one GPU (starts 0 and 4), so
    // the second VM
    // (by id) is emptied: saving 2681.29. No cheaper Azure shape has >= 30 GiB per GPU, so
    // right-sizing has nothing.
    BilledResource first =
        resource(
            "Microsoft",
            "vm-nb-1",
            "Standard_NC24ads_A100_v4",
            "eastus",
            "3.673",
            "aks-eu",
            Map.of(),
            List.of(gpu("a", 8, 15, 20, 25, 12, 80)));
    BilledResource second =
        resource(
            "Microsoft",
            "vm-nb-2",
            "Standard_NC24ads_A100_v4",
            "eastus",
            "3.673",
            "aks-eu",
            Map.of(),
            List.of(gpu("b", 8, 15, 20, 25, 12, 80)));
    SavingsResult result = engine.evaluate(List.of(second, first));
    assertThat(of(result, "vm-nb-1"))
        .as("the VM that hosts both slices saves nothing itself")
        .isEmpty();
    Opportunity o = only(result, "vm-nb-2");
    assertThat(o.lever()).isEqualTo(Lever.MIG);
    assertThat(o.monthlySaving()).isEqualByComparingTo("2681.29");
    assertThat(o.projectedMonthlyCost()).isEqualByComparingTo("0.00");
    assertThat(o.scope()).isEqualTo(Scope.pool("aks-eu/A100-80GB"));
    assertThat(o.plan()).extracting(MigPlacement::resourceId).containsOnly("vm-nb-1");
    assertThat(o.action()).startsWith("Stop vm-nb-2");
  }

  @Test
  void lightServicesOnEveryGpuOfAVmShareGpusThroughMigNotThroughFewerGpus() {
    // Standard_ND96asr_v4: 8 x A100 40 GB, 27.197/h -> 19853.81 a month; 8 services, one per GPU,
    // p95 10 %, peak 4 GiB.
    // Right-sizing keeps one GPU per working GPU (sharing is MIG's business): no Azure shape with
    // >= 8 GPUs is
    // cheaper, so it has nothing. MIG: ceil(7 x 0.10 x 1.2) = 1 compute slice, 4 x 1.2 = 4.8 GiB >
    // 4.75 (1g.5gb) ->
    // 1g.10gb (9.62 GiB, max 4 per GPU at starts 0, 2, 4, 6): 8 services on 2 GPUs, 6 freed.
    // Freed 6 x 19853.81 / 8 = 14890.3575; projected 4963.4525 -> 4963.45; saving 19853.81 -
    // 4963.45 = 14890.36.
    BilledResource vm =
        resource(
            "Microsoft",
            "vm-inference",
            "Standard_ND96asr_v4",
            "eastus",
            "27.197",
            null,
            Map.of(),
            gpus(8, "svc", 6, 10, 14, 4, 40));
    Opportunity o = only(engine.evaluate(List.of(vm)), "vm-inference");
    assertThat(o.lever()).isEqualTo(Lever.MIG);
    assertThat(o.currentMonthlyCost()).isEqualByComparingTo("19853.81");
    assertThat(o.projectedMonthlyCost()).isEqualByComparingTo("4963.45");
    assertThat(o.monthlySaving()).isEqualByComparingTo("14890.36");
    assertThat(o.scope()).isEqualTo(Scope.pool("Microsoft:vm-inference/A100-40GB"));
    assertThat(o.plan()).hasSize(8).allSatisfy(p -> assertThat(p.profile()).isEqualTo("1g.10gb"));
    assertThat(o.plan()).extracting(MigPlacement::startSlice).containsOnly(0, 2, 4, 6);
  }

  @Test
  void theMigLeverAloneProposesForAPlainVmWhatTheEnginePacks() {
    // a plain VM's GPUs are its own pool: the lever on the VM alone is the engine's pool of one
    // (see above)
    BilledResource vm =
        resource(
            "Microsoft",
            "vm-inference",
            "Standard_ND96asr_v4",
            "eastus",
            "27.197",
            null,
            Map.of(),
            gpus(8, "svc", 6, 10, 14, 4, 40));
    Proposal p =
        new MigLever()
            .propose(
                new LeverInput(
                    vm, vm.monthlyCost(), vm.instanceType(), CATALOG, SavingsThresholds.DEFAULTS))
            .orElseThrow();
    Opportunity o = only(engine.evaluate(List.of(vm)), "vm-inference");
    assertThat(p.lever()).isEqualTo(Lever.MIG);
    assertThat(Money.cents(p.projectedCost())).isEqualByComparingTo(o.projectedMonthlyCost());
    assertThat(p.scope()).isEqualTo(o.scope());
    assertThat(p.plan()).isEqualTo(o.plan());
    assertThat(p.action()).isEqualTo(o.action());
  }

  @Test
  void aNodeThatOnlyHostsOthersSlicesIsNotRightSizedAway() {
    // Two p4de.24xlarge (27.4471/h -> 20036.38 a month each) in one cluster, 8 light workloads each
    // (mean 12 %,
    // p95 25 %, peak 25 GiB): ceil(7 x 0.25 x 1.2) = ceil(2.1) = 3 compute slices, 25 x 1.2 = 30
    // GiB -> 3g.40gb, two
    // per GPU. Alone, each would right-size to p4d.24xlarge (compute 8 x 0.25 x 4.8 x 1.2 = 11.52
    // T4-units <= 38.4,
    // 8 x 30 = 240 GiB <= 320, 30 <= 40 GiB per GPU): 20036.38 - 20036.383 x 21.9576 / 27.4471
    // (16029.05) = 4007.33.
    // The pool's totals:  both packed: 16 slices on i-a's 8 GPUs, i-b stopped           = 20036.38
    //                     i-a right-sized (4007.33) + i-b packs itself, 4 GPUs freed (10018.19) =
    // 14025.52
    //                     both right-sized                                            =  8014.66
    // so i-a hosts everything (and gets nothing itself) and i-b stops.
    BilledResource a =
        resource(
            AWS,
            "i-a",
            "p4de.24xlarge",
            EAST,
            "27.4471",
            "eks-ml",
            Map.of(),
            gpus(8, "a", 12, 25, 28, 25, 80));
    BilledResource b =
        resource(
            AWS,
            "i-b",
            "p4de.24xlarge",
            EAST,
            "27.4471",
            "eks-ml",
            Map.of(),
            gpus(8, "b", 12, 25, 28, 25, 80));
    SavingsResult result = engine.evaluate(List.of(b, a));
    assertThat(of(result, "i-a")).isEmpty();
    Opportunity o = only(result, "i-b");
    assertThat(o.lever()).isEqualTo(Lever.MIG);
    assertThat(o.monthlySaving()).isEqualByComparingTo("20036.38");
    assertThat(o.plan()).hasSize(16).extracting(MigPlacement::resourceId).containsOnly("i-a");
    assertThat(o.evidence())
        .containsEntry("pool_gpus_before", 16)
        .containsEntry("pool_gpus_after", 8);
  }

  @Test
  void interruptibleTrainingMovesToSpotLessTheInterruptionOverhead() {
    // g5.2xlarge, 1.212/h -> 884.76 a month; busy (mean 60 %), so no right-size; tagged training
    // with checkpoints.
    // Spot 0.4242/h: discount 1 - 0.4242/1.212 = 0.65; bucket 5-10 % -> overhead 0.10.
    // Saving 884.76 x 0.65 x 0.90 = 517.5846; projected 367.1754 -> 367.18; saving 884.76 - 367.18
    // = 517.58.
    BilledResource training =
        resource(
            AWS,
            "i-train",
            "g5.2xlarge",
            EAST,
            "1.212",
            null,
            Map.of("workload-type", "training", "checkpointing", "true"),
            List.of(gpu("g0", 60, 90, 97, 20, 18, 24)));
    Opportunity o = only(engine.evaluate(List.of(training)), "i-train");
    assertThat(o.lever()).isEqualTo(Lever.SPOT);
    assertThat(o.monthlySaving()).isEqualByComparingTo("517.58");
    assertThat(o.projectedMonthlyCost()).isEqualByComparingTo("367.18");
    assertThat(o.risk()).isEqualTo(Risk.LOW);
  }

  @Test
  void tagKeysMatchWhateverTheProviderSpellingIs() {
    // AWS CUR 2.0 gives user tag keys in snake case (workload_type), Azure often in Pascal case
    // (WorkloadType)
    BilledResource snake =
        resource(
            AWS,
            "i-a",
            "g5.2xlarge",
            EAST,
            "1.212",
            null,
            Map.of("workload_type", "Training"),
            List.of(gpu("g0", 60, 90, 97, 20, 18, 24)));
    BilledResource pascal =
        resource(
            AWS,
            "i-b",
            "g5.2xlarge",
            EAST,
            "1.212",
            null,
            Map.of("WorkloadType", "serving"),
            List.of(gpu("g0", 35, 70, 92, 12, 8, 24)));
    SavingsResult result = engine.evaluate(List.of(snake, pascal));
    assertThat(only(result, "i-a").lever()).isEqualTo(Lever.SPOT);
    assertThat(of(result, "i-b")).as("bursty, but serving").isEmpty();
    assertThat(snake.tag("Workload-Type")).contains("Training");
  }

  @Test
  void burstyWorkIsASpotCandidateButServingIsNotAndSpotIsNotMovedTwice() {
    // g5.xlarge 734.38 a month; mean 35 % (>= 30: no right-size), peak (p99) 92 % > 80 % with mean
    // < 50 %: bursty.
    // Spot 0.3521/h: discount 1 - 0.3521/1.006 = 0.65, overhead 0.10: 734.38 x 0.65 x 0.9 =
    // 429.6123;
    // projected 304.7677 -> 304.77; saving 429.61.
    List<GpuUsage> bursty = List.of(gpu("g0", 35, 70, 92, 12, 8, 24));
    BilledResource batch =
        resource(AWS, "i-bursty", "g5.xlarge", EAST, "1.006", null, Map.of(), bursty);
    BilledResource serving =
        resource(
            AWS,
            "i-serving",
            "g5.xlarge",
            EAST,
            "1.006",
            null,
            Map.of("workload-type", "serving"),
            bursty);
    BilledResource onSpot =
        resource(
            AWS,
            "i-on-spot",
            "g5.xlarge",
            EAST,
            new BigDecimal("257.03"),
            "Dynamic",
            null,
            Map.of(),
            bursty);
    SavingsResult result = engine.evaluate(List.of(batch, serving, onSpot));
    Opportunity o = only(result, "i-bursty");
    assertThat(o.lever()).isEqualTo(Lever.SPOT);
    assertThat(o.monthlySaving()).isEqualByComparingTo("429.61");
    assertThat(o.projectedMonthlyCost()).isEqualByComparingTo("304.77");
    assertThat(o.risk()).isEqualTo(Risk.MEDIUM);
    assertThat(of(result, "i-serving")).isEmpty();
    assertThat(of(result, "i-on-spot")).isEmpty();
  }

  @Test
  void leversStackOnWhatTheOneBeforeLeft() {
    // As the oversized g5.12xlarge above (right-size to g4dn.xlarge: 4140.56 -> 383.98), but tagged
    // training:
    // spot then applies to g4dn.xlarge's prices on the 383.98 left: spot 0.1841/0.526 -> discount
    // 0.65, overhead 0.10:
    // 383.98 x 0.65 x 0.9 = 224.6283; projected 159.3517 -> 159.35; saving 383.98 - 159.35 =
    // 224.63.
    // In all 3756.58 + 224.63 = 3981.21 of 4140.56.
    List<GpuUsage> gpus = new ArrayList<>();
    gpus.add(gpu("g0", 25, 40, 55, 10, 8, 24));
    for (int i = 1; i < 4; i++) {
      gpus.add(gpu("g" + i, 0.2, 0.5, 0.8, 0, 0, 24));
    }
    BilledResource training =
        resource(
            AWS,
            "i-oversized-train",
            "g5.12xlarge",
            EAST,
            "5.672",
            null,
            Map.of("workload-type", "training"),
            gpus);
    SavingsResult result = engine.evaluate(List.of(training));
    List<Opportunity> found = of(result, "i-oversized-train");
    assertThat(found)
        .extracting(Opportunity::lever)
        .containsExactlyInAnyOrder(Lever.RIGHTSIZE, Lever.SPOT);
    Opportunity spot =
        found.stream().filter(o -> o.lever() == Lever.SPOT).findFirst().orElseThrow();
    assertThat(spot.currentMonthlyCost()).isEqualByComparingTo("383.98");
    assertThat(spot.monthlySaving()).isEqualByComparingTo("224.63");
    assertThat(spot.instanceType()).isEqualTo("g4dn.xlarge");
    SavingsResult.ResourceOutcome outcome = result.resources().get(0);
    assertThat(outcome.currentMonthlyCost()).isEqualByComparingTo("4140.56");
    assertThat(outcome.projectedMonthlyCost()).isEqualByComparingTo("159.35");
  }

  @Test
  void busyGpusGetNothingAndTooLittleDataGetsNoRecommendation() {
    BilledResource busy =
        resource(
            AWS,
            "i-busy",
            "p4d.24xlarge",
            EAST,
            "21.9576",
            null,
            Map.of(),
            gpus(8, "busy", 85, 98, 99.5, 35, 40));
    // 20 hours of samples < 30: insufficient data, even though the GPU looks idle
    BilledResource fresh =
        resource(
            AWS,
            "i-new",
            "g5.xlarge",
            EAST,
            "1.006",
            null,
            Map.of(),
            List.of(gpu("g0", 0.1, 0.2, 0.3, 0, 0, 24, 20)));
    SavingsResult result = engine.evaluate(List.of(busy, fresh));
    assertThat(result.opportunities()).isEmpty();
    assertThat(result.insufficientData())
        .extracting(SavingsResult.InsufficientData::resourceId)
        .containsExactly("i-new");
  }

  @Test
  void anOpportunityIdIsTheFirst16HexDigitsOfTheSha256OfProviderResourceAndLever()
      throws NoSuchAlgorithmException {
    // docs/savings-model.md, "Savings engine": op- + the first 16 hex digits of SHA-256 of
    // provider, resource id and lever; the code
    // joins them with '|', the lever by its command-line name, in UTF-8. The digests, computed once
    // on the command line:
    //   printf 'AWS|i-idle|idle' | sha256sum
    //     de167aaeaa017e9b612a31191599b7c9d0e39ca7bdba8fdc4a01ef8574175ce9
    //   printf 'Microsoft|vm-\xc3\xbc|spot' | sha256sum   (vm-ü in UTF-8)
    //     15a8654e12882c20940d8fcbba79b2c82b6c36968d0aa4e31fef4167d388e0a0
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    assertThat(
            HexFormat.of()
                .formatHex(sha256.digest("AWS|i-idle|idle".getBytes(StandardCharsets.UTF_8))))
        .isEqualTo("de167aaeaa017e9b612a31191599b7c9d0e39ca7bdba8fdc4a01ef8574175ce9");
    assertThat(
            HexFormat.of()
                .formatHex(
                    sha256.digest("Microsoft|vm-\u00fc|spot".getBytes(StandardCharsets.UTF_8))))
        .isEqualTo("15a8654e12882c20940d8fcbba79b2c82b6c36968d0aa4e31fef4167d388e0a0");

    assertThat(SavingsEngine.id("AWS", "i-idle", Lever.IDLE)).isEqualTo("op-de167aaeaa017e9b");
    assertThat(SavingsEngine.id("Microsoft", "vm-\u00fc", Lever.SPOT))
        .isEqualTo("op-15a8654e12882c20");
    BilledResource idle =
        resource(
            AWS,
            "i-idle",
            "g5.xlarge",
            EAST,
            "1.006",
            null,
            Map.of(),
            List.of(gpu("g0", 0.2, 0.5, 0.8, 0.3, 0.0, 24)));
    assertThat(only(engine.evaluate(List.of(idle)), "i-idle").id())
        .isEqualTo("op-de167aaeaa017e9b");
  }

  @Test
  void opportunitiesAreRankedByPriorityAndEachLeverOfAResourceHasItsOwnId() {
    assertThat(SavingsEngine.id("AWS", "i-idle", Lever.IDLE))
        .isNotEqualTo(SavingsEngine.id("AWS", "i-idle", Lever.SPOT));
    BilledResource idle =
        resource(
            AWS,
            "i-idle",
            "g5.xlarge",
            EAST,
            "1.006",
            null,
            Map.of(),
            List.of(gpu("g0", 0.2, 0.5, 0.8, 0.3, 0.0, 24)));
    BilledResource bursty =
        resource(
            AWS,
            "i-bursty",
            "g5.xlarge",
            EAST,
            "1.006",
            null,
            Map.of(),
            List.of(gpu("g0", 35, 70, 92, 12, 8, 24)));
    List<Opportunity> ranked = engine.evaluate(List.of(bursty, idle)).opportunities();
    // idle: 734.38 x 1.0 / 1 = 734.38; spot: 429.61 x 0.75 / 2 = 161.10
    assertThat(ranked).extracting(Opportunity::resourceId).containsExactly("i-idle", "i-bursty");
    assertThat(ranked.get(1).priority()).isEqualByComparingTo("161.10");
    assertThat(ranked.get(0).id()).isEqualTo("op-de167aaeaa017e9b");
  }
}
