package io.fleetcost.report;

import io.fleetcost.history.FindingRow;
import io.fleetcost.history.GpuProfileRow;
import io.fleetcost.history.HistorySnapshot;
import io.fleetcost.history.InputStatus;
import io.fleetcost.history.OpportunityRow;
import io.fleetcost.history.RealizedRow;
import io.fleetcost.history.RecommendationRow;
import io.fleetcost.history.RunRow;
import io.fleetcost.history.SavingStatus;
import io.fleetcost.history.SpendRow;
import io.fleetcost.savings.MigPlacement;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A realistic report month: November 2025 as of the 14th, for "Acme ML". Every figure is simple
 * enough to recompute by hand in the tests:
 *
 * <ul>
 *   <li>Spend: one row per day, provider and team. November 1–14 (per day): aws 1000 / 400 / 600 /
 *       100, gcp 300 / 50 / 200 / 150, azure 100 / 100 / 200 / 100 for ml-research / ml-platform /
 *       inference / data-eng (3,300 a day). October, all 31 days: aws 950 / 400 / 550 / 100, gcp as
 *       November, azure 100 each (3,100 a day). One EUR row a day of November has no exchange rate
 *       (null USD).
 *   <li>Budgets: ml-research 25,000, ml-platform 20,000, inference 12,000, data-eng 15,000,
 *       security 1,000.
 *   <li>10 runs, Oct 27 to Nov 14, the first three seeded. The as-of run: run rate 100,375.00, GPU
 *       80,000.00.
 *   <li>26 opportunities: 6 idle × 1,500.00, 4 zombie × 750.50, 6 rightsize × 1,200.00, 3 mig ×
 *       2,000.00, 7 spot × 900.10 (identified 31,502.70), listed in reverse rank order.
 *   <li>Realized rows: realized 1,000.00, 2,500.00 and 0.75; in progress 300.00 and 200.00; two
 *       open, one dismissed.
 * </ul>
 *
 * <p>{@link #closed()}: the same November closed, as a run in early December reports it: as of the
 * 30th, with the spend of all 30 days (the runs after the 14th saw the 15th to the 30th, at the
 * same 3,300 a day and one EUR row a day); the month's last run is still the 14th's. {@link
 * #novemberDays} shortens the bill's November.
 */
final class ReportFixture {
  static final String ORGANIZATION = "Acme ML";
  static final YearMonth MONTH = YearMonth.of(2025, 11);
  static final LocalDate AS_OF = LocalDate.of(2025, 11, 14);
  static final LocalDate MONTH_END = LocalDate.of(2025, 11, 30);
  static final List<String> TEAMS = List.of("ml-research", "ml-platform", "inference", "data-eng");
  static final String HOSTILE = "<script>alert(1)</script>";
  static final String CELL_BREAK = "</td><td>x";

  private String organization = ORGANIZATION;
  private String hostileTeam = null;
  private String hostileResource = null;
  private int findings = 34;
  private boolean noManifests = false;
  private List<InputStatus> asOfInputs =
      List.of(
          new InputStatus(
              "aws-cur", "billing", "ok", "2025-11-15T00:00:00Z", 14, 52_000, "14 of 14 days"),
          new InputStatus(
              "dcgm", "telemetry", "ok", "2025-11-14T23:45:00Z", 14, 480_000, "14 of 14 days"));
  private boolean closed = false;
  private List<RecommendationRow> external = List.of();
  private int novemberDays = 14;

  static ReportFixture acme() {
    return new ReportFixture();
  }

  /** The organisation, a team, a tag value and a resource name carry markup. */
  ReportFixture hostile() {
    organization = HOSTILE;
    hostileTeam = CELL_BREAK;
    hostileResource = HOSTILE;
    return this;
  }

  /** The as-of run's GCP export did not arrive and its telemetry stopped 4 days early. */
  ReportFixture incompleteInputs() {
    asOfInputs =
        List.of(
            new InputStatus(
                "aws-cur", "billing", "ok", "2025-11-15T00:00:00Z", 14, 52_000, "14 of 14 days"),
            new InputStatus(
                "gcp-export",
                "billing",
                "missing",
                null,
                0,
                0,
                "no files with data (no file found, or only empty files)"),
            new InputStatus(
                "dcgm",
                "telemetry",
                "stale",
                "2025-11-11T00:00:00Z",
                10,
                340_000,
                "the newest row reaches 2025-11-11T00:00:00Z, 96 h before the end of 2025-11-14 (limit 6 h)"));
    return this;
  }

  /**
   * The as-of run imported AWS Cost Explorer's rightsizing: 5 resources, one of each verdict and a
   * second agreement. Listed disagreements first, then by the larger of the two savings: i-0differ
   * (FleetCost idle 2,920.00), i-0agree2 (cloud 1,500.00), i-0agree (FleetCost 1,000.00), i-0cloud
   * (cloud 120.00); i-0ours only in the closing sentence.
   */
  ReportFixture cloudRecommendations() {
    external =
        List.of(
            new RecommendationRow(
                "i-0agree",
                "trainer-a",
                "AWS",
                "agree",
                "idle",
                new BigDecimal("1000.00"),
                "USD",
                "aws-cost-explorer",
                "g5.12xlarge",
                "TERMINATE",
                null,
                new BigDecimal("980.00"),
                "USD",
                "the cloud: terminate g5.12xlarge; FleetCost: idle"),
            new RecommendationRow(
                "i-0agree2",
                null,
                "AWS",
                "agree",
                "rightsize",
                new BigDecimal("700.00"),
                "USD",
                "aws-cost-explorer",
                "p3.8xlarge",
                "MODIFY",
                "p3.2xlarge",
                new BigDecimal("1500.00"),
                "USD",
                "the cloud: resize; FleetCost: rightsize"),
            new RecommendationRow(
                "i-0differ",
                "notebook-7",
                "AWS",
                "differ",
                "idle",
                new BigDecimal("2920.00"),
                "USD",
                "aws-cost-explorer",
                "p3.2xlarge",
                "MODIFY",
                "g5.2xlarge",
                new BigDecimal("300.45"),
                "USD",
                "the cloud: resize p3.2xlarge to g5.2xlarge; FleetCost: idle"),
            new RecommendationRow(
                "i-0cloud",
                null,
                "AWS",
                "cloud only",
                null,
                null,
                null,
                "aws-cost-explorer",
                "m5.xlarge",
                "TERMINATE",
                null,
                new BigDecimal("120.00"),
                "USD",
                "the cloud: terminate m5.xlarge; FleetCost proposes nothing"),
            new RecommendationRow(
                "i-0ours",
                null,
                "AWS",
                "fleetcost only",
                "spot",
                new BigDecimal("450.10"),
                "USD",
                null,
                null,
                null,
                null,
                null,
                null,
                "FleetCost: spot; the cloud recommends nothing"));
    return this;
  }

  /** The as-of run scanned no manifest: a score of nothing is null, not 100. */
  ReportFixture noManifestsScanned() {
    noManifests = true;
    return this;
  }

  ReportFixture findings(int count) {
    findings = count;
    return this;
  }

  /** November closed, as of its last day, its bill complete (30 days). */
  ReportFixture closed() {
    closed = true;
    novemberDays = MONTH_END.getDayOfMonth();
    return this;
  }

  /** The bill's November: the 1st to the {@code days}th. */
  ReportFixture novemberDays(int days) {
    novemberDays = days;
    return this;
  }

  HistorySnapshot snapshot() {
    return new HistorySnapshot(
        organization,
        "nightly",
        MONTH,
        closed,
        closed ? MONTH_END : AS_OF,
        runs(),
        spend(),
        opportunities(),
        findingRows(),
        realized(),
        gpuProfiles(),
        budgets());
  }

  private static Map<String, BigDecimal> budgets() {
    Map<String, BigDecimal> budgets = new LinkedHashMap<>();
    budgets.put("ml-research", new BigDecimal("25000"));
    budgets.put("ml-platform", new BigDecimal("20000"));
    budgets.put("inference", new BigDecimal("12000"));
    budgets.put("data-eng", new BigDecimal("15000"));
    budgets.put("security", new BigDecimal("1000"));
    return budgets;
  }

  private List<SpendRow> spend() {
    Map<String, int[]> november = new LinkedHashMap<>();
    november.put("aws", new int[] {1000, 400, 600, 100});
    november.put("gcp", new int[] {300, 50, 200, 150});
    november.put("azure", new int[] {100, 100, 200, 100});
    Map<String, int[]> october = new LinkedHashMap<>();
    october.put("aws", new int[] {950, 400, 550, 100});
    october.put("gcp", new int[] {300, 50, 200, 150});
    october.put("azure", new int[] {100, 100, 100, 100});
    List<SpendRow> rows = new ArrayList<>();
    for (int day = 1; day <= 31; day++) {
      addDay(rows, LocalDate.of(2025, 10, day), october);
    }
    for (int day = 1; day <= novemberDays; day++) {
      LocalDate date = LocalDate.of(2025, 11, day);
      addDay(rows, date, november);
      rows.add(
          new SpendRow(
              date.isAfter(AS_OF) ? date.plusDays(1) : AS_OF,
              date,
              "azure",
              "ea-7781",
              "sub-eu",
              "Storage",
              "data-eng",
              "EUR",
              new BigDecimal("12.00"),
              new BigDecimal("12.00"),
              null,
              3));
    }
    if (hostileTeam != null) {
      rows.add(
          new SpendRow(
              AS_OF,
              LocalDate.of(2025, 11, 2),
              "aws",
              "111122223333",
              "444455556666",
              HOSTILE,
              hostileTeam,
              "USD",
              BigDecimal.ONE,
              BigDecimal.ONE,
              BigDecimal.ONE,
              1));
    }
    return rows;
  }

  private static void addDay(List<SpendRow> rows, LocalDate date, Map<String, int[]> amounts) {
    Map<String, String[]> services =
        Map.of(
            "aws", new String[] {"Amazon EC2", "Amazon EKS", "Amazon SageMaker", "Amazon S3"},
            "gcp", new String[] {"Compute Engine", "Kubernetes Engine", "Vertex AI", "BigQuery"},
            "azure",
                new String[] {
                  "Virtual Machines",
                  "Azure Kubernetes Service",
                  "Azure Machine Learning",
                  "Storage"
                });
    Map<String, String[]> accounts =
        Map.of(
            "aws", new String[] {"111122223333", "444455556666"},
            "gcp", new String[] {"01A2B3-C4D5E6-F7A8B9", "acme-ml-prod"},
            "azure", new String[] {"ea-7781", "sub-ml"});
    for (Map.Entry<String, int[]> provider : amounts.entrySet()) {
      for (int team = 0; team < TEAMS.size(); team++) {
        BigDecimal usd = BigDecimal.valueOf(provider.getValue()[team]);
        String[] account = accounts.get(provider.getKey());
        rows.add(
            new SpendRow(
                date.plusDays(1),
                date,
                provider.getKey(),
                account[0],
                account[1],
                services.get(provider.getKey())[team],
                TEAMS.get(team),
                "USD",
                usd,
                usd,
                usd,
                24));
      }
    }
  }

  private List<RunRow> runs() {
    List<RunRow> runs = new ArrayList<>();
    // date, seeded, identified, realized, in progress, score, compliance, mean util, idle hours
    runs.add(run("2025-10-27", true, "28000.00", "0", "0", null, null, 31.0, 900));
    runs.add(run("2025-10-28", true, "28500.00", "0", "0", null, null, 31.5, 880));
    runs.add(run("2025-10-29", true, "29000.00", "0", "0", null, null, 32.0, 860));
    runs.add(run("2025-10-31", false, "30000.00", "1000.00", "0", 61.0, 70.0, 33.0, 840));
    runs.add(run("2025-11-03", false, "30500.00", "1000.00", "300.00", 63.5, 72.0, 34.5, 820));
    runs.add(run("2025-11-05", false, "31000.00", "1000.00", "300.00", 64.0, 73.0, 35.0, 800));
    runs.add(run("2025-11-07", false, "31200.00", "3500.00", "500.00", 66.0, 76.0, 36.0, 760));
    runs.add(run("2025-11-10", false, "31400.00", "3500.00", "500.00", 70.0, 79.0, 37.5, 720));
    runs.add(run("2025-11-12", false, "31450.00", "3500.75", "500.00", 71.0, 80.0, 38.0, 700));
    runs.add(
        run(
            "2025-11-14",
            false,
            "31502.70",
            "3500.75",
            "500.00",
            noManifests ? null : 72.5,
            noManifests ? null : 81.3,
            38.5,
            690));
    return runs;
  }

  private RunRow run(
      String date,
      boolean seeded,
      String identified,
      String realized,
      String inProgress,
      Double score,
      Double compliance,
      double meanUtilization,
      double idleHours) {
    LocalDate runDate = LocalDate.parse(date);
    Map<String, Long> severities =
        seeded ? null : Map.of("critical", 2L, "high", 8L, "medium", 12L, "low", 12L);
    Map<String, Long> buckets = new LinkedHashMap<>();
    buckets.put("0-10", 12L);
    buckets.put("10-30", 20L);
    buckets.put("30-60", 10L);
    buckets.put("60-100", 6L);
    Map<String, Long> quarantined = new LinkedHashMap<>();
    quarantined.put("unparseable_amount", 17L);
    quarantined.put("missing_usage_date", 5L);
    quarantined.put("unknown_currency", 40L);
    return RunRow.builder()
        .runDate(runDate)
        .runId("run-" + date)
        .job("nightly")
        .organization(ORGANIZATION)
        .seeded(seeded)
        .windowStart(runDate.minusDays(7) + "T00:00:00Z")
        .windowEnd(runDate + "T00:00:00Z")
        .spendMonthlyUsd(new BigDecimal("100375.00"))
        .gpuSpendMonthlyUsd(new BigDecimal("80000.00"))
        .identifiedMonthlyUsd(new BigDecimal(identified))
        .opportunities(26)
        .inProgressMonthlyUsd(new BigDecimal(inProgress))
        .realizedMonthlyUsd(new BigDecimal(realized))
        .securityScore(score)
        .compliancePct(compliance)
        .findingsBySeverity(severities)
        .billingRowsRead(1_250_000L)
        .billingRowsQuarantined(62L)
        .quarantinedByReason(quarantined)
        .telemetryValuesRead(4_800_000L)
        .telemetryValuesQuarantined(1_200L)
        .gpuHours(8064.0)
        .idleGpuHours(idleHours)
        .unjoinedGpuHours(403.2)
        .gpusProfiled(48)
        .meanGpuUtilization(meanUtilization)
        .utilizationBuckets(buckets)
        .resourcesWithoutTelemetry(3)
        .inputStatus(seeded ? List.of() : runDate.equals(AS_OF) ? asOfInputs : List.of())
        .unmeasuredGpuMonthlyUsd(new BigDecimal("2190.00"))
        .securityFilesNotRead(seeded ? null : 0)
        .externalRecommendations(runDate.equals(AS_OF) ? external : List.of())
        .build();
  }

  private List<OpportunityRow> opportunities() {
    List<OpportunityRow> rows = new ArrayList<>();
    int rank = 1;
    rank = addLever(rows, "idle", 6, "1500.00", rank);
    rank = addLever(rows, "zombie", 4, "750.50", rank);
    rank = addLever(rows, "rightsize", 6, "1200.00", rank);
    rank = addLever(rows, "mig", 3, "2000.00", rank);
    addLever(rows, "spot", 7, "900.10", rank);
    return reversed(rows);
  }

  private int addLever(
      List<OpportunityRow> rows, String lever, int count, String saving, int firstRank) {
    int rank = firstRank;
    for (int i = 0; i < count; i++, rank++) {
      String team = TEAMS.get(rank % TEAMS.size());
      String resourceName =
          rank == 1 && hostileResource != null ? hostileResource : "gpu-node-" + lever + "-" + i;
      String resourceId =
          "arn:aws:ec2:us-east-1:111122223333:instance/i-0" + lever + "000000000000000000" + rank;
      List<MigPlacement> plan = List.of();
      if (lever.equals("mig") && i == 0) {
        plan =
            List.of(
                new MigPlacement(
                    "i-0mig0",
                    "GPU-0",
                    "3g.40gb",
                    0,
                    3,
                    4,
                    "ml-research/notebook-7",
                    "i-0mig9 GPU-2"),
                new MigPlacement(
                    "i-0mig0", "GPU-0", "2g.20gb", 4, 2, 2, "inference/embedder", "i-0mig8 GPU-1"));
      }
      BigDecimal usd = new BigDecimal(saving);
      rows.add(
          OpportunityRow.builder()
              .runDate(AS_OF)
              .id("op-" + rank)
              .rank(rank)
              .lever(lever)
              .resourceId(resourceId)
              .resourceName(resourceName)
              .provider("aws")
              .accountId("111122223333")
              .region("us-east-1")
              .instanceType("p4d.24xlarge")
              .gpuModel("A100")
              .gpuCount(8)
              .owner(team)
              .currency("USD")
              .currentMonthlyCost(usd.multiply(BigDecimal.valueOf(2)))
              .projectedMonthlyCost(usd)
              .monthlySaving(usd)
              .monthlySavingUsd(usd)
              .confidence(0.85)
              .risk("low")
              .effort(1 + rank % 5)
              .priority(usd.multiply(new BigDecimal("0.85")))
              .action(
                  actionFor(lever) + (rank == 2 && hostileResource != null ? " " + HOSTILE : ""))
              .plan(plan)
              .build());
    }
    return rank;
  }

  private static String actionFor(String lever) {
    return switch (lever) {
      case "idle" -> "Stop the instance: no GPU activity over the window";
      case "zombie" -> "Terminate: no workload has run on it for 14 days";
      case "rightsize" -> "Move to a smaller instance with 4 GPUs (p4d.24xlarge to g5.12xlarge)";
      case "mig" -> "Partition the A100s with MIG and consolidate the small workloads";
      default -> "Run on spot capacity with checkpointing";
    };
  }

  private static <T> List<T> reversed(List<T> rows) {
    List<T> copy = new ArrayList<>(rows);
    Collections.reverse(copy);
    return copy;
  }

  private List<FindingRow> findingRows() {
    List<FindingRow> rows = new ArrayList<>();
    String[][] checks = {
      {"C-0057", "Privileged container", "10"},
      {"C-0045", "Writable hostPath mount", "8"},
      {"C-0016", "Allow privilege escalation", "7"},
      {"C-0009", "Resource limits", "5"},
      {"C-0017", "Immutable container filesystem", "3"},
    };
    for (int i = 0; i < findings; i++) {
      String[] check = checks[i % checks.length];
      int weight = Integer.parseInt(check[2]);
      String severity =
          weight >= 9 ? "critical" : weight >= 7 ? "high" : weight >= 4 ? "medium" : "low";
      rows.add(
          new FindingRow(
              AS_OF,
              check[0],
              check[1],
              severity,
              weight,
              "deploy/k8s/ml-platform/workloads-" + (i % 4) + ".yaml",
              i,
              "Deployment",
              "ml-" + (i % 3),
              "trainer-with-a-rather-long-deployment-name-" + i,
              "spec.template.spec.containers[0].securityContext.privileged",
              "Container runs privileged",
              "Set securityContext.privileged to false and drop all capabilities"));
    }
    return rows;
  }

  private static List<RealizedRow> realized() {
    return List.of(
        realizedRow(
            "op-101", "idle", "ml-research", SavingStatus.REALIZED, "1000.00", "1000.00", "0"),
        realizedRow(
            "op-102",
            "rightsize",
            "inference",
            SavingStatus.REALIZED,
            "2400.00",
            "5000.00",
            "2500.00"),
        realizedRow("op-103", "spot", "data-eng", SavingStatus.REALIZED, "0.80", "10.00", "9.25"),
        realizedRow(
            "op-104",
            "spot",
            "ml-platform",
            SavingStatus.IN_PROGRESS,
            "300.00",
            "900.00",
            "600.00"),
        realizedRow(
            "op-105",
            "mig",
            "ml-research",
            SavingStatus.IN_PROGRESS,
            "250.00",
            "2000.00",
            "1800.00"),
        realizedRow(
            "op-1", "idle", "ml-platform", SavingStatus.OPEN, "1500.00", "1500.00", "1500.00"),
        realizedRow(
            "op-2", "idle", "inference", SavingStatus.OPEN, "1500.00", "1500.00", "1500.00"),
        realizedRow(
            "op-106", "zombie", "data-eng", SavingStatus.DISMISSED, "750.00", "750.00", "800.00"));
  }

  /** The realized saving is what the bill shows: baseline − current when positive. */
  private static RealizedRow realizedRow(
      String id,
      String lever,
      String owner,
      SavingStatus status,
      String estimate,
      String baseline,
      String current) {
    BigDecimal drop = new BigDecimal(baseline).subtract(new BigDecimal(current));
    boolean closed = !status.isOpen();
    return new RealizedRow(
        AS_OF,
        id,
        lever,
        "res-" + id,
        owner,
        status,
        LocalDate.of(2025, 10, 31),
        closed ? AS_OF.minusDays(3) : null,
        new BigDecimal(estimate),
        new BigDecimal(baseline),
        new BigDecimal(current),
        drop.signum() > 0 ? drop : BigDecimal.ZERO);
  }

  private static List<GpuProfileRow> gpuProfiles() {
    List<GpuProfileRow> rows = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      rows.add(
          new GpuProfileRow(
              AS_OF,
              "i-0gpu" + i + "/GPU-" + i,
              "GPU-" + i,
              "eks-ml",
              "node-" + i,
              "A100",
              TEAMS.get(i % 4),
              168.0,
              10.0 * i,
              15.0 * i,
              20.0,
              40_000));
    }
    return rows;
  }
}
