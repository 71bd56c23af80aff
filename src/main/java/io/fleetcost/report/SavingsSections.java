package io.fleetcost.report;

import io.fleetcost.history.OpportunityRow;
import io.fleetcost.history.RealizedRow;
import io.fleetcost.history.RunRow;
import io.fleetcost.history.SavingStatus;
import io.fleetcost.savings.Lever;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The savings sections of the monthly report, from the as-of run's opportunities and the realized
 * rows: the waterfall, the top opportunities and the realized savings.
 */
final class SavingsSections {
  private SavingsSections() {}

  /**
   * GPU monthly cost less each lever stage's savings, in the order the savings engine applies them.
   */
  static Waterfall waterfall(RunRow asOfRun, List<OpportunityRow> opportunities) {
    BigDecimal start = Optional.ofNullable(asOfRun.gpuSpendMonthlyUsd()).orElse(BigDecimal.ZERO);
    BigDecimal[] savingByStage = {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO};
    int[] countByStage = new int[3];
    for (OpportunityRow row : opportunities) {
      Optional<Lever> lever = lever(row.lever());
      if (lever.isPresent() && row.monthlySavingUsd() != null) {
        int stage = lever.get().stage() - 1;
        savingByStage[stage] = savingByStage[stage].add(row.monthlySavingUsd());
        countByStage[stage]++;
      }
    }
    String[] labels = {
      "Eliminate idle and zombie GPUs", "Right-size or partition with MIG", "Move to spot capacity"
    };
    String[] levers = {"idle, zombie", "rightsize, mig", "spot"};
    List<WaterfallStep> steps = new ArrayList<>();
    BigDecimal left = start;
    for (int stage = 0; stage < 3; stage++) {
      left = left.subtract(savingByStage[stage]);
      steps.add(
          new WaterfallStep(
              labels[stage], levers[stage], savingByStage[stage], countByStage[stage], left));
    }
    return new Waterfall(start, steps, left);
  }

  static Optional<Lever> lever(String name) {
    for (Lever lever : Lever.values()) {
      if (lever.cliName().equalsIgnoreCase(name)) {
        return Optional.of(lever);
      }
    }
    return Optional.empty();
  }

  static Opportunities opportunities(List<OpportunityRow> rows, ReportOptions options) {
    List<OpportunityRow> ranked =
        rows.stream().sorted(Comparator.comparingInt(OpportunityRow::rank)).toList();
    List<OpportunityLine> top =
        ranked.stream()
            .limit(options.topOpportunities())
            .map(
                row ->
                    new OpportunityLine(
                        row.rank(),
                        row.owner(),
                        row.lever(),
                        resource(row),
                        row.action(),
                        row.monthlySavingUsd(),
                        row.confidence(),
                        row.effort(),
                        row.risk()))
            .toList();
    BigDecimal total =
        rows.stream()
            .map(OpportunityRow::monthlySavingUsd)
            .filter(Objects::nonNull)
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    return new Opportunities(top, rows.size(), rows.size() - top.size(), total);
  }

  /**
   * Realized first, then in progress; each by the larger saving. Their sums are the executive
   * summary's figures.
   */
  static Realized realized(List<RealizedRow> rows) {
    List<RealizedLine> lines = new ArrayList<>();
    BigDecimal realized = BigDecimal.ZERO;
    BigDecimal inProgress = BigDecimal.ZERO;
    List<RealizedRow> acted =
        rows.stream()
            .filter(
                r -> r.status() == SavingStatus.REALIZED || r.status() == SavingStatus.IN_PROGRESS)
            .sorted(
                Comparator.comparing((RealizedRow r) -> r.status() != SavingStatus.REALIZED)
                    .thenComparing(
                        r ->
                            Optional.ofNullable(r.realizedMonthlySavingUsd())
                                .orElse(BigDecimal.ZERO),
                        Comparator.reverseOrder())
                    .thenComparing(RealizedRow::opportunityId))
            .toList();
    for (RealizedRow row : acted) {
      BigDecimal saving =
          Optional.ofNullable(row.realizedMonthlySavingUsd()).orElse(BigDecimal.ZERO);
      if (row.status() == SavingStatus.REALIZED) {
        realized = realized.add(saving);
      } else {
        inProgress = inProgress.add(saving);
      }
      lines.add(
          new RealizedLine(
              row.lever(),
              ReportText.shortResource(row.resourceId()),
              row.owner(),
              row.status().label(),
              row.identifiedOn(),
              row.closedOn(),
              row.estimatedMonthlySavingUsd(),
              row.baselineMonthlyCostUsd(),
              row.currentMonthlyCostUsd(),
              saving));
    }
    return new Realized(lines, realized, inProgress);
  }

  /** The resource's name, else its id. */
  static String resource(OpportunityRow row) {
    return row.resourceName() == null || row.resourceName().isBlank()
        ? row.resourceId()
        : row.resourceName();
  }
}
