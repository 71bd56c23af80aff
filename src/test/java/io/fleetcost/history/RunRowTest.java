package io.fleetcost.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class RunRowTest {
  private static final LocalDate DATE = LocalDate.parse("2026-11-30");

  @Test
  void buildRequiresTheDateAndTheRunId() {
    assertThatThrownBy(() -> RunRow.builder().runId("run-1").build())
        .isInstanceOf(NullPointerException.class)
        .hasMessage("runDate");
    assertThatThrownBy(() -> RunRow.builder().runDate(DATE).build())
        .isInstanceOf(NullPointerException.class)
        .hasMessage("runId");
  }

  @Test
  void unsetFieldsAreNullZeroOrEmpty() {
    RunRow row = RunRow.builder().runDate(DATE).runId("run-1").build();
    assertThat(row.job()).isNull();
    assertThat(row.seeded()).isFalse();
    assertThat(row.spendMonthlyUsd()).isNull();
    assertThat(row.opportunities()).isZero();
    assertThat(row.securityScore()).isNull();
    assertThat(row.findingsBySeverity()).isNull();
    assertThat(row.gpuHours()).isZero();
    assertThat(row.inputStatus()).isEmpty();
    assertThat(row.externalRecommendations()).isEmpty();
  }

  @Test
  void eachSetterSetsItsField() {
    RunRow row =
        RunRow.builder()
            .runDate(DATE)
            .runId("run-1")
            .job("nightly")
            .seeded(true)
            .realizedMonthlyUsd(new BigDecimal("12.34"))
            .securityFilesNotRead(2)
            .build();
    assertThat(row.runDate()).isEqualTo(DATE);
    assertThat(row.runId()).isEqualTo("run-1");
    assertThat(row.job()).isEqualTo("nightly");
    assertThat(row.seeded()).isTrue();
    assertThat(row.realizedMonthlyUsd()).isEqualByComparingTo("12.34");
    assertThat(row.securityFilesNotRead()).isEqualTo(2);
  }
}
