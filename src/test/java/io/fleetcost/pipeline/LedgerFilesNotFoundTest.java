package io.fleetcost.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetcost.history.BillingIncrement;
import io.fleetcost.pipeline.IncrementalBillingIngest.NotFound;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The ledger's files no longer found, and their warnings, on a made-up ledger. */
class LedgerFilesNotFoundTest {
  @Test
  void eachFileOfTheJobsInputsSaysWhichOfItsPeriodsStayAndWhichWereReplaced() {
    List<String> warnings = new ArrayList<>(List.of("an earlier warning"));

    List<NotFound> notFound =
        LedgerFilesNotFound.of(
            List.of(
                ingested("focus", "/x/a.csv", "2026-09", "2026-10"),
                ingested("focus", "/x/b.csv", "2026-10"),
                ingested("focus", "/x/c.csv"),
                ingested("gone", "/y/d.csv", "2026-09"),
                ingested("gone", "/y/e.csv", "2026-10")),
            new TreeSet<>(List.of(new BillingIncrement.Period("focus", YearMonth.of(2026, 10)))),
            List.of("focus", "azure"),
            warnings);

    assertThat(notFound)
        .containsExactly(
            new NotFound("focus", "/x/a.csv", List.of("2026-09"), List.of("2026-10")),
            new NotFound("focus", "/x/b.csv", List.of(), List.of("2026-10")),
            new NotFound("focus", "/x/c.csv", List.of(), List.of()));
    assertThat(warnings)
        .containsExactly(
            "an earlier warning",
            "Billing file /x/a.csv of input 'focus' is no longer found (ingested by run run-1): its"
                + " rows of 2026-09 stay in the kept billing table; those of 2026-10 were replaced"
                + " by the files found now",
            "Billing file /x/b.csv of input 'focus' is no longer found: its rows of 2026-10 were"
                + " replaced by the files found now",
            "The kept billing table holds rows of billing input 'gone', which the job does not"
                + " have: they are left out of this run");
  }

  @Test
  void aFileWhosePeriodsAllStayHasNoReplacedPart() {
    List<String> warnings = new ArrayList<>();

    List<NotFound> notFound =
        LedgerFilesNotFound.of(
            List.of(ingested("focus", "/x/a.csv", "2026-09")),
            new TreeSet<>(),
            List.of("focus"),
            warnings);

    assertThat(notFound)
        .containsExactly(new NotFound("focus", "/x/a.csv", List.of("2026-09"), List.of()));
    assertThat(warnings)
        .containsExactly(
            "Billing file /x/a.csv of input 'focus' is no longer found (ingested by run run-1): its"
                + " rows of 2026-09 stay in the kept billing table");
  }

  private static BillingIncrement.Ingested ingested(String input, String path, String... months) {
    TreeSet<YearMonth> periods = new TreeSet<>();
    for (String month : months) {
      periods.add(YearMonth.parse(month));
    }
    return new BillingIncrement.Ingested(
        input, path, 10, "sha", "focus", periods, "run-1", Instant.parse("2026-11-01T00:00:00Z"));
  }
}
