package io.fleetcost.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetcost.history.TelemetryDayStore.FileDay;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TelemetryFilePlanTest {
  private static final LocalDate D1 = LocalDate.parse("2026-11-01");
  private static final LocalDate D2 = LocalDate.parse("2026-11-02");
  private static final LocalDate D3 = LocalDate.parse("2026-11-03");

  private static FileDay entry(String path, long bytes, String sha, LocalDate day) {
    return new FileDay(
        "dcgm",
        path,
        bytes,
        sha,
        day,
        96,
        day == null ? null : Instant.parse(day + "T23:45:00Z"),
        "run-1");
  }

  private static final List<FileDay> LEDGER =
      List.of(
          entry("a.json", 10, "aa", D1),
          entry("b.json", 20, "bb", D1),
          entry("b.json", 20, "bb", D2),
          entry("c.json", 30, "cc", D3),
          entry("gone.json", 5, "gg", D2),
          entry("empty.json", 0, "ee", null));

  @Test
  void aFileWithTheSameInputPathSizeAndChecksumIsUnchanged() {
    TelemetryFilePlan.Changes changes =
        TelemetryFilePlan.changes(
            List.of(
                new TelemetryFilePlan.Present("dcgm", "a.json", 10, "aa"),
                new TelemetryFilePlan.Present(
                    "dcgm", "b.json", 20, "b2"), // re-delivered: same size, new content
                new TelemetryFilePlan.Present("dcgm", "c.json", 30, "cc"),
                new TelemetryFilePlan.Present("other", "empty.json", 0, "ee"), // another input now
                new TelemetryFilePlan.Present("dcgm", "new.json", 40, "nn")),
            LEDGER);

    assertThat(changes.unchanged()).containsExactly("a.json", "c.json");
    assertThat(changes.changed()).containsExactly("b.json", "empty.json", "new.json");
    assertThat(changes.formerDays())
        .as("b.json's days as the ledger lists them")
        .containsExactly(D1, D2);
    assertThat(changes.missing()).containsExactly("gone.json");
  }

  @Test
  void unchangedFilesOnTheAffectedDaysAreReadWithTheNewOnes() {
    assertThat(TelemetryFilePlan.covering(LEDGER, Set.of(D1), Set.of("a.json", "c.json")))
        .containsExactly("a.json");
    assertThat(
            TelemetryFilePlan.covering(
                LEDGER, Set.of(D2, D3), Set.of("a.json", "b.json", "c.json")))
        .containsExactly("b.json", "c.json");
    assertThat(TelemetryFilePlan.covering(LEDGER, Set.of(), Set.of("a.json"))).isEmpty();
  }

  @Test
  void theLedgerKeepsWhatWasNotReadAndTakesWhatWas() {
    List<FileDay> now = List.of(entry("b.json", 21, "b2", D2), entry("new.json", 40, "nn", D3));
    List<FileDay> updated = TelemetryFilePlan.updated(LEDGER, Set.of("b.json", "new.json"), now);
    assertThat(updated).filteredOn(e -> e.path().equals("b.json")).containsExactly(now.get(0));
    assertThat(updated).hasSize(LEDGER.size() - 2 + 2);
    assertThat(updated).filteredOn(e -> e.path().equals("gone.json")).hasSize(1);
  }

  @Test
  void fullReadsEveryPresentFile() {
    TelemetryFilePlan.Changes changes =
        TelemetryFilePlan.everything(
            List.of(new TelemetryFilePlan.Present("dcgm", "a.json", 10, "aa")), LEDGER);
    assertThat(changes.changed()).containsExactly("a.json");
    assertThat(changes.unchanged()).isEmpty();
    assertThat(changes.missing()).containsExactly("b.json", "c.json", "empty.json", "gone.json");
  }
}
