package io.fleetcost.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The realized-savings rules, with the arithmetic written out. */
class RealizedSavingsTest {
  private static final LocalDate D1 = LocalDate.of(2026, 10, 31);
  private static final LocalDate D2 = LocalDate.of(2026, 11, 30);
  private static final LocalDate D3 = LocalDate.of(2026, 12, 31);

  private static OpportunityRow opportunity(
      String id, String lever, String resource, String savingUsd) {
    return OpportunityRow.builder()
        .runDate(D1)
        .id(id)
        .rank(1)
        .lever(lever)
        .resourceId(resource)
        .provider("AWS")
        .accountId("111122223333")
        .region("us-east-1")
        .instanceType("p4d.24xlarge")
        .gpuModel("NVIDIA A100")
        .gpuCount(8)
        .owner("research")
        .currency("USD")
        .currentMonthlyCost(new BigDecimal("1000.00"))
        .projectedMonthlyCost(new BigDecimal("0.00"))
        .monthlySaving(new BigDecimal(savingUsd))
        .monthlySavingUsd(new BigDecimal(savingUsd))
        .confidence(0.9)
        .risk("low")
        .effort(1)
        .priority(new BigDecimal("1.00"))
        .action("act")
        .build();
  }

  private static RealizedRow row(List<RealizedRow> rows, String id) {
    return rows.stream().filter(r -> r.opportunityId().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void anOpportunityStaysOpenThenIsRealizedForTheBilledDropNotTheEstimate() {
    // D1: idle VM i-a costs 2,000.00 a month on the bill; the estimate says 1,900.00 can go
    List<RealizedRow> d1 =
        RealizedSavings.track(
            D1,
            List.of(),
            List.of(opportunity("idle-a", "idle", "i-a", "1900.00")),
            Map.of("i-a", new BigDecimal("2000.004")),
            true);
    RealizedRow open = row(d1, "idle-a");
    assertThat(open.status()).isEqualTo(SavingStatus.OPEN);
    assertThat(open.baselineMonthlyCostUsd()).isEqualByComparingTo("2000.00"); // 2,000.004 to cents
    assertThat(open.realizedMonthlySavingUsd()).isEqualByComparingTo("0.00");

    // D2: still listed, but the bill fell to 1,250.00: in progress for 2,000.00 − 1,250.00 = 750.00
    List<RealizedRow> d2 =
        RealizedSavings.track(
            D2,
            d1,
            List.of(opportunity("idle-a", "idle", "i-a", "1900.00")),
            Map.of("i-a", new BigDecimal("1250")),
            true);
    RealizedRow progress = row(d2, "idle-a");
    assertThat(progress.status()).isEqualTo(SavingStatus.IN_PROGRESS);
    assertThat(progress.identifiedOn()).isEqualTo(D1);
    assertThat(progress.baselineMonthlyCostUsd())
        .as("the baseline stays the first date's")
        .isEqualByComparingTo("2000.00");
    assertThat(progress.realizedMonthlySavingUsd()).isEqualByComparingTo("750.00");
    assertThat(RealizedSavings.total(d2, SavingStatus.IN_PROGRESS)).isEqualByComparingTo("750.00");

    // D3: gone from the list and from the bill: realized 2,000.00 − 0 = 2,000.00 (more than the
    // 1,900.00 estimate)
    List<RealizedRow> d3 = RealizedSavings.track(D3, d2, List.of(), Map.of(), true);
    RealizedRow realized = row(d3, "idle-a");
    assertThat(realized.status()).isEqualTo(SavingStatus.REALIZED);
    assertThat(realized.closedOn()).isEqualTo(D3);
    assertThat(realized.realizedMonthlySavingUsd()).isEqualByComparingTo("2000.00");
    assertThat(RealizedSavings.total(d3, SavingStatus.REALIZED)).isEqualByComparingTo("2000.00");

    // a later date carries the closed row forward unchanged
    RealizedRow carried =
        row(RealizedSavings.track(D3.plusDays(1), d3, List.of(), Map.of(), true), "idle-a");
    assertThat(carried.status()).isEqualTo(SavingStatus.REALIZED);
    assertThat(carried.closedOn()).isEqualTo(D3);
    assertThat(carried.realizedMonthlySavingUsd()).isEqualByComparingTo("2000.00");
  }

  @Test
  void anOpportunityThatDisappearsWithoutABillDropIsDismissed() {
    List<RealizedRow> d1 =
        RealizedSavings.track(
            D1,
            List.of(),
            List.of(opportunity("spot-b", "spot", "i-b", "300.00")),
            Map.of("i-b", new BigDecimal("900")),
            true);
    // D2: no longer listed, the bill still 900.00 (higher even, 950.00): nothing realized
    List<RealizedRow> d2 =
        RealizedSavings.track(D2, d1, List.of(), Map.of("i-b", new BigDecimal("950")), true);
    assertThat(row(d2, "spot-b").status()).isEqualTo(SavingStatus.DISMISSED);
    assertThat(row(d2, "spot-b").realizedMonthlySavingUsd()).isEqualByComparingTo("0.00");
  }

  @Test
  void twoOpportunitiesOnOneResourceShareItsDropByTheirEstimates() {
    // i-c costs 4,000.00; right-size is estimated at 3,000.00 and spot at 1,000.00 (together
    // 4,000.00)
    List<OpportunityRow> both =
        List.of(
            opportunity("rs-c", "rightsize", "i-c", "3000.00"),
            opportunity("spot-c", "spot", "i-c", "1000.00"));
    List<RealizedRow> d1 =
        RealizedSavings.track(D1, List.of(), both, Map.of("i-c", new BigDecimal("4000")), true);
    // D2: both gone, the bill shows 1,600.00: a drop of 2,400.00, shared 3:1 = 1,800.00 and 600.00
    List<RealizedRow> d2 =
        RealizedSavings.track(D2, d1, List.of(), Map.of("i-c", new BigDecimal("1600")), true);
    assertThat(row(d2, "rs-c").realizedMonthlySavingUsd()).isEqualByComparingTo("1800.00");
    assertThat(row(d2, "spot-c").realizedMonthlySavingUsd()).isEqualByComparingTo("600.00");
    assertThat(RealizedSavings.total(d2, SavingStatus.REALIZED))
        .as("never more than the drop")
        .isEqualByComparingTo("2400.00");
  }

  @Test
  void nothingClosesOnADateWhoseBillIsIncomplete() {
    // D1: i-d costs 2,000.00 a month, 1,900.00 identified; D2: the cloud's export did not arrive (a
    // billing input
    // missing), so i-d is absent from the bill and the opportunity is no longer listed
    List<RealizedRow> d1 =
        RealizedSavings.track(
            D1,
            List.of(),
            List.of(opportunity("idle-d", "idle", "i-d", "1900.00")),
            Map.of("i-d", new BigDecimal("2000")),
            true);
    List<RealizedRow> incomplete = RealizedSavings.track(D2, d1, List.of(), Map.of(), false);
    RealizedRow held = row(incomplete, "idle-d");
    assertThat(held.status())
        .as("not realized for a bill that did not arrive")
        .isEqualTo(SavingStatus.OPEN);
    assertThat(held.runDate()).isEqualTo(D2);
    assertThat(held.closedOn()).isNull();
    assertThat(RealizedSavings.total(incomplete, SavingStatus.REALIZED))
        .isEqualByComparingTo("0.00");
    // with the same inputs and a complete bill it would have closed for the whole 2,000.00
    assertThat(row(RealizedSavings.track(D2, d1, List.of(), Map.of(), true), "idle-d").status())
        .isEqualTo(SavingStatus.REALIZED);
    // D3: the export is back and i-d is still gone: realized then, against the D1 baseline
    RealizedRow realized =
        row(RealizedSavings.track(D3, incomplete, List.of(), Map.of(), true), "idle-d");
    assertThat(realized.status()).isEqualTo(SavingStatus.REALIZED);
    assertThat(realized.realizedMonthlySavingUsd()).isEqualByComparingTo("2000.00");
  }

  @Test
  void statusesAreStoredAsLowerCaseText() {
    assertThat(SavingStatus.values())
        .extracting(SavingStatus::value)
        .containsExactly("open", "in_progress", "realized", "dismissed");
    for (SavingStatus status : SavingStatus.values()) {
      assertThat(SavingStatus.of(status.value())).isEqualTo(status);
    }
    assertThat(SavingStatus.IN_PROGRESS.label()).isEqualTo("in progress");
    assertThatThrownBy(() -> SavingStatus.of("closed"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("closed");
  }
}
