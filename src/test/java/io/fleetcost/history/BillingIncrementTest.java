package io.fleetcost.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetcost.history.BillingIncrement.Completion;
import io.fleetcost.history.BillingIncrement.Found;
import io.fleetcost.history.BillingIncrement.Ingested;
import io.fleetcost.history.BillingIncrement.Period;
import io.fleetcost.history.BillingIncrement.Why;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The incremental billing rules by hand: which files are read, which periods replaced, what the
 * ledger becomes.
 */
class BillingIncrementTest {
  static final Instant BEFORE = Instant.parse("2026-11-01T02:00:00Z");
  static final Instant NOW = Instant.parse("2026-11-02T02:00:00Z");
  static final YearMonth OCT = YearMonth.parse("2026-10");
  static final YearMonth NOV = YearMonth.parse("2026-11");
  static final YearMonth SEP = YearMonth.parse("2026-09");

  static Found found(String input, String path, String sha) {
    return new Found(input, path, 100, sha, "focus", true);
  }

  static Ingested ingested(String input, String path, String sha, YearMonth... periods) {
    return new Ingested(
        input, path, 100, sha, "focus", new TreeSet<>(Arrays.asList(periods)), "run-1", BEFORE);
  }

  static SortedSet<Period> periods(String input, YearMonth... months) {
    SortedSet<Period> periods = new TreeSet<>();
    for (YearMonth month : months) {
      periods.add(new Period(input, month));
    }
    return periods;
  }

  static Map<String, Set<YearMonth>> read(Object... pathAndMonths) {
    Map<String, Set<YearMonth>> read = new LinkedHashMap<>();
    for (int i = 0; i < pathAndMonths.length; i += 2) {
      read.put((String) pathAndMonths[i], (Set<YearMonth>) pathAndMonths[i + 1]);
    }
    return read;
  }

  @Test
  void anEmptyLedgerReadsEverythingAndReplacesThePeriodsRead() {
    List<Found> found =
        List.of(
            found("aws", "/a/1.csv", "s1"),
            found("aws", "/a/2.csv", "s2"),
            found("azure", "/z/oct.csv", "s3"));
    BillingIncrement increment = BillingIncrement.plan(found, List.of(), false);
    assertThat(increment.firstRead())
        .containsExactly(
            Map.entry("/a/1.csv", Why.NEW),
            Map.entry("/a/2.csv", Why.NEW),
            Map.entry("/z/oct.csv", Why.NEW));
    assertThat(increment.unchanged()).isEmpty();
    Map<String, Set<YearMonth>> periods =
        read("/a/1.csv", Set.of(OCT), "/a/2.csv", Set.of(OCT, NOV), "/z/oct.csv", Set.of(OCT));
    Completion completion = increment.complete(periods);
    assertThat(completion.secondRead()).isFalse();
    assertThat(completion.read()).isEqualTo(increment.firstRead());
    assertThat(completion.replaced())
        .containsExactly(new Period("aws", OCT), new Period("aws", NOV), new Period("azure", OCT));
    List<Ingested> after = increment.ledgerAfter(completion, periods, "run-2", NOW);
    assertThat(after)
        .containsExactly(
            new Ingested(
                "aws", "/a/1.csv", 100, "s1", "focus", new TreeSet<>(Set.of(OCT)), "run-2", NOW),
            new Ingested(
                "aws",
                "/a/2.csv",
                100,
                "s2",
                "focus",
                new TreeSet<>(Set.of(OCT, NOV)),
                "run-2",
                NOW),
            new Ingested(
                "azure",
                "/z/oct.csv",
                100,
                "s3",
                "focus",
                new TreeSet<>(Set.of(OCT)),
                "run-2",
                NOW));
    assertThat(BillingIncrement.changedInputs(List.of(), after)).containsExactly("aws", "azure");
  }

  @Test
  void aNewFileOfAPeriodNoOtherFileCoversIsReadAloneAndNothingElseChanges() {
    List<Ingested> ledger =
        List.of(
            ingested("aws", "/a/10-30.csv", "s1", OCT),
            ingested("aws", "/a/10-31.csv", "s2", OCT),
            ingested("azure", "/z/oct.csv", "s3", OCT));
    List<Found> found =
        List.of(
            found("aws", "/a/10-30.csv", "s1"),
            found("aws", "/a/10-31.csv", "s2"),
            found("aws", "/a/11-01.csv", "s4"),
            found("azure", "/z/oct.csv", "s3"));
    BillingIncrement increment = BillingIncrement.plan(found, ledger, false);
    assertThat(increment.firstRead()).containsExactly(Map.entry("/a/11-01.csv", Why.NEW));
    assertThat(increment.unchanged())
        .extracting(Found::path)
        .containsExactly("/a/10-30.csv", "/a/10-31.csv", "/z/oct.csv");
    Map<String, Set<YearMonth>> periods = read("/a/11-01.csv", Set.of(NOV));
    Completion completion = increment.complete(periods);
    assertThat(completion.secondRead()).isFalse();
    assertThat(completion.replaced()).isEqualTo(periods("aws", NOV));
    List<Ingested> after = increment.ledgerAfter(completion, periods, "run-2", NOW);
    assertThat(after).hasSize(4).containsAll(ledger);
    assertThat(BillingIncrement.changedInputs(ledger, after)).containsExactly("aws");
  }

  @Test
  void aNewFileOfACoveredPeriodIsReadAgainWithEveryUnchangedFileOfThatPeriodOfItsInput() {
    List<Ingested> ledger =
        List.of(
            ingested("aws", "/a/10-31.csv", "s1", OCT),
            ingested("aws", "/a/11-01.csv", "s2", NOV),
            ingested("aws", "/a/restated.csv", "s3", OCT, NOV), // spans both months
            ingested(
                "gcp", "/g/11-01.jsonl", "s4", NOV)); // another input: never read for aws's periods
    List<Found> found =
        List.of(
            found("aws", "/a/10-31.csv", "s1"),
            found("aws", "/a/11-01.csv", "s2"),
            found("aws", "/a/11-02.csv", "s5"),
            found("aws", "/a/restated.csv", "s3"),
            found("gcp", "/g/11-01.jsonl", "s4"));
    BillingIncrement increment = BillingIncrement.plan(found, ledger, false);
    assertThat(increment.firstRead()).containsOnlyKeys("/a/11-02.csv");
    Completion completion = increment.complete(read("/a/11-02.csv", Set.of(NOV)));
    assertThat(completion.secondRead()).isTrue();
    assertThat(completion.read())
        .containsExactly(
            Map.entry("/a/11-01.csv", Why.PERIOD),
            Map.entry("/a/11-02.csv", Why.NEW),
            Map.entry("/a/restated.csv", Why.PERIOD));
    // only November is replaced: October's rows of restated.csv stay as they are (no file of
    // October changed)
    assertThat(completion.replaced()).isEqualTo(periods("aws", NOV));
    Map<String, Set<YearMonth>> second =
        read(
            "/a/11-01.csv",
            Set.of(NOV),
            "/a/11-02.csv",
            Set.of(NOV),
            "/a/restated.csv",
            Set.of(OCT, NOV));
    List<Ingested> after = increment.ledgerAfter(completion, second, "run-2", NOW);
    assertThat(after)
        .filteredOn(e -> e.runId().equals("run-2"))
        .extracting(Ingested::path)
        .containsExactly("/a/11-01.csv", "/a/11-02.csv", "/a/restated.csv");
    assertThat(after).contains(ledger.get(0), ledger.get(3));
    assertThat(BillingIncrement.changedInputs(ledger, after)).containsExactly("aws");
  }

  @Test
  void aNewFileWhoseRowsShareNoIdentityWithTheKeptRowsIsAppendedAloneToACoveredPeriod() {
    List<Ingested> ledger =
        List.of(
            ingested("aws", "/a/10-30.csv", "s1", OCT), ingested("aws", "/a/10-31.csv", "s2", OCT));
    List<Found> found =
        List.of(
            found("aws", "/a/10-30.csv", "s1"),
            found("aws", "/a/10-31.csv", "s2"),
            found("aws", "/a/10-29.csv", "s3"));
    BillingIncrement increment = BillingIncrement.plan(found, ledger, false);
    Map<String, Set<YearMonth>> periods = read("/a/10-29.csv", Set.of(OCT));
    assertThat(increment.appendCandidates(periods)).containsExactly(new Period("aws", OCT));
    // the caller found no shared identity in aws OCT: the period is appended to, nothing is read
    // again
    Completion completion = increment.complete(periods, Set.of(new Period("aws", OCT)));
    assertThat(completion.secondRead()).isFalse();
    assertThat(completion.read()).containsExactly(Map.entry("/a/10-29.csv", Why.NEW));
    assertThat(completion.replaced()).isEmpty();
    assertThat(completion.appended()).containsExactly(new Period("aws", OCT));
    assertThat(completion.appendedFrom()).containsExactly("/a/10-29.csv");
    List<Ingested> after = increment.ledgerAfter(completion, periods, "run-2", NOW);
    assertThat(after)
        .containsExactly(
            new Ingested(
                "aws",
                "/a/10-29.csv",
                100,
                "s3",
                "focus",
                new TreeSet<>(Set.of(OCT)),
                "run-2",
                NOW),
            ledger.get(0),
            ledger.get(1));
    // shared identities (the caller does not pass the period): replaced, the period's files read
    // again
    Completion shared = increment.complete(periods, Set.of());
    assertThat(shared.appended()).isEmpty();
    assertThat(shared.replaced()).containsExactly(new Period("aws", OCT));
    assertThat(shared.read().keySet())
        .containsExactly("/a/10-30.csv", "/a/10-31.csv", "/a/10-29.csv");
  }

  @Test
  void onlyPeriodsThatNothingButNewFilesTouchMayBeAppendedTo() {
    // aws: a changed file in OCT (and SEP before), a new file in OCT and NOV; azure: a file of OCT
    // gone, a new one;
    // gcp: a path that moved here from another input, and a new file beside it
    List<Ingested> ledger =
        List.of(
            ingested("aws", "/a/oct-1.csv", "old", SEP, OCT),
                ingested("aws", "/a/nov-1.csv", "s2", NOV),
            ingested("azure", "/z/oct-part-1.csv", "s3", OCT),
                ingested("other", "/g/moved.csv", "s4", OCT));
    List<Found> found =
        List.of(
            found("aws", "/a/oct-1.csv", "new"),
            found("aws", "/a/nov-1.csv", "s2"),
            found("aws", "/a/oct-nov-2.csv", "s5"),
            found("azure", "/z/oct-part-9.csv", "s6"),
            found("gcp", "/g/moved.csv", "s4"),
            found("gcp", "/g/new.csv", "s7"));
    BillingIncrement increment = BillingIncrement.plan(found, ledger, false);
    Map<String, Set<YearMonth>> periods =
        read(
            "/a/oct-1.csv",
            Set.of(OCT),
            "/a/oct-nov-2.csv",
            Set.of(OCT, NOV),
            "/z/oct-part-9.csv",
            Set.of(OCT),
            "/g/moved.csv",
            Set.of(OCT),
            "/g/new.csv",
            Set.of(OCT, NOV));
    assertThat(increment.appendCandidates(periods))
        .containsExactly(new Period("aws", NOV), new Period("gcp", NOV));
    Set<Period> disjoint =
        Set.of(
            new Period("aws", NOV),
            new Period("aws", OCT),
            new Period("azure", OCT),
            new Period("gcp", NOV));
    Completion completion = increment.complete(periods, disjoint);
    assertThat(completion.appended())
        .containsExactly(new Period("aws", NOV), new Period("gcp", NOV));
    assertThat(completion.replaced())
        .containsExactly(
            new Period("aws", SEP),
            new Period("aws", OCT),
            new Period("azure", OCT),
            new Period("gcp", OCT),
            new Period("other", OCT));
    // nov-1.csv covers only NOV, which is appended to: not read again
    assertThat(completion.read()).doesNotContainKey("/a/nov-1.csv");
    // --full appends nothing
    BillingIncrement full = BillingIncrement.plan(found, ledger, true);
    assertThat(full.appendCandidates(periods)).isEmpty();
  }

  @Test
  void aChangedFileReplacesItsPeriodsBeforeAndAfter() {
    // Azure's month-to-date file: same path, new content; and a file whose restatement moved it out
    // of September
    List<Ingested> ledger =
        List.of(
            ingested("azure", "/z/mtd.csv", "old", OCT),
            ingested("azure", "/z/moved.csv", "old", SEP));
    List<Found> found =
        List.of(found("azure", "/z/mtd.csv", "new"), found("azure", "/z/moved.csv", "new2"));
    BillingIncrement increment = BillingIncrement.plan(found, ledger, false);
    assertThat(increment.firstRead())
        .containsExactly(
            Map.entry("/z/mtd.csv", Why.CHANGED), Map.entry("/z/moved.csv", Why.CHANGED));
    Completion completion =
        increment.complete(read("/z/mtd.csv", Set.of(OCT), "/z/moved.csv", Set.of(OCT)));
    assertThat(completion.secondRead()).isFalse();
    assertThat(completion.replaced())
        .as("September too: its rows of moved.csv must go")
        .isEqualTo(periods("azure", SEP, OCT));
  }

  @Test
  void aSameFileWithOtherBytesOrFormatIsChanged() {
    List<Ingested> ledger =
        List.of(ingested("aws", "/a/1.csv", "s1", OCT), ingested("aws", "/a/2.csv", "s2", OCT));
    List<Found> found =
        List.of(
            new Found("aws", "/a/1.csv", 101, "s1", "focus", true),
            new Found("aws", "/a/2.csv", 100, "s2", "aws-cur", true));
    assertThat(BillingIncrement.plan(found, ledger, false).firstRead())
        .containsExactly(Map.entry("/a/1.csv", Why.CHANGED), Map.entry("/a/2.csv", Why.CHANGED));
  }

  @Test
  void filesNoLongerFoundKeepTheirRowsExceptInThePeriodsReplaced() {
    // a CUR month delivered again in a new assembly: the old assembly's files are no longer found
    List<Ingested> ledger =
        List.of(
            ingested("cur", "/c/oct/asm-1/part-1.csv", "s1", OCT),
            ingested("cur", "/c/sep/asm-1/part-1.csv", "s2", SEP), // deleted by a retention rule
            ingested("old-input", "/o/x.csv", "s3", SEP)); // an input the job no longer has
    List<Found> found = List.of(found("cur", "/c/oct/asm-2/part-1.csv", "s4"));
    BillingIncrement increment = BillingIncrement.plan(found, ledger, false);
    assertThat(increment.notFound()).containsExactlyElementsOf(ledger);
    Map<String, Set<YearMonth>> periods = read("/c/oct/asm-2/part-1.csv", Set.of(OCT));
    Completion completion = increment.complete(periods);
    assertThat(completion.secondRead()).isFalse();
    assertThat(completion.replaced()).isEqualTo(periods("cur", OCT));
    List<Ingested> after = increment.ledgerAfter(completion, periods, "run-2", NOW);
    assertThat(after)
        .extracting(Ingested::path)
        .as(
            "the old assembly's October is replaced: its row goes; September stays, as does the other input's")
        .containsExactly("/c/oct/asm-2/part-1.csv", "/c/sep/asm-1/part-1.csv", "/o/x.csv");
    assertThat(BillingIncrement.changedInputs(ledger, after)).containsExactly("cur");
  }

  @Test
  void aFileNoLongerFoundThatSpansAReplacedPeriodKeepsOnlyItsOtherPeriods() {
    List<Ingested> ledger =
        List.of(
            ingested("aws", "/a/gone.csv", "s1", OCT, NOV),
            ingested("aws", "/a/11.csv", "s2", NOV));
    List<Found> found = List.of(found("aws", "/a/11.csv", "s2b"));
    BillingIncrement increment = BillingIncrement.plan(found, ledger, false);
    Map<String, Set<YearMonth>> periods = read("/a/11.csv", Set.of(NOV));
    Completion completion = increment.complete(periods);
    assertThat(completion.replaced()).isEqualTo(periods("aws", NOV));
    List<Ingested> after = increment.ledgerAfter(completion, periods, "run-2", NOW);
    assertThat(after.get(0).path()).isEqualTo("/a/11.csv");
    assertThat(after.get(1))
        .isEqualTo(
            new Ingested(
                "aws",
                "/a/gone.csv",
                100,
                "s1",
                "focus",
                new TreeSet<>(Set.of(OCT)),
                "run-1",
                BEFORE));
  }

  @Test
  void aPathThatMovedToAnotherInputReplacesItsPeriodsOfTheOldInput() {
    List<Ingested> ledger =
        List.of(ingested("a", "/x/1.csv", "s1", OCT), ingested("a", "/x/2.csv", "s2", OCT));
    List<Found> found = List.of(found("a", "/x/2.csv", "s2"), found("b", "/x/1.csv", "s1"));
    BillingIncrement increment = BillingIncrement.plan(found, ledger, false);
    assertThat(increment.firstRead()).containsExactly(Map.entry("/x/1.csv", Why.NEW));
    Map<String, Set<YearMonth>> periods = read("/x/1.csv", Set.of(OCT));
    Completion completion = increment.complete(periods);
    // input a's October is replaced by what a has now (2.csv, read again); b's October is 1.csv's
    assertThat(completion.replaced()).containsExactly(new Period("a", OCT), new Period("b", OCT));
    assertThat(completion.read())
        .containsExactly(Map.entry("/x/2.csv", Why.PERIOD), Map.entry("/x/1.csv", Why.NEW));
    List<Ingested> after =
        increment.ledgerAfter(
            completion, read("/x/1.csv", Set.of(OCT), "/x/2.csv", Set.of(OCT)), "run-2", NOW);
    assertThat(after)
        .extracting(e -> e.input() + " " + e.path())
        .containsExactly("a /x/2.csv", "b /x/1.csv");
  }

  @Test
  void fullReadsEveryFileAndReplacesEveryPeriodOfEveryFileFoundThenAndBefore() {
    List<Ingested> ledger =
        List.of(
            ingested("aws", "/a/1.csv", "s1", SEP, OCT), ingested("aws", "/a/gone.csv", "s9", SEP));
    List<Found> found = List.of(found("aws", "/a/1.csv", "s1"), found("aws", "/a/2.csv", "s2"));
    BillingIncrement increment = BillingIncrement.plan(found, ledger, true);
    assertThat(increment.firstRead())
        .containsExactly(Map.entry("/a/1.csv", Why.FULL), Map.entry("/a/2.csv", Why.FULL));
    Map<String, Set<YearMonth>> periods = read("/a/1.csv", Set.of(OCT), "/a/2.csv", Set.of(NOV));
    Completion completion = increment.complete(periods);
    assertThat(completion.secondRead()).isFalse();
    assertThat(completion.replaced()).isEqualTo(periods("aws", SEP, OCT, NOV));
    List<Ingested> after = increment.ledgerAfter(completion, periods, "run-2", NOW);
    assertThat(after)
        .extracting(Ingested::path)
        .as("gone.csv's September is replaced: its row goes")
        .containsExactly("/a/1.csv", "/a/2.csv");
    assertThat(after.get(0).periods()).containsExactly(OCT);
  }

  @Test
  void emptyFilesAreNeverReadButANonEmptyFileThatBecameEmptyReplacesItsPeriods() {
    List<Ingested> ledger =
        List.of(ingested("aws", "/a/1.csv", "s1", OCT), ingested("aws", "/a/2.csv", "s2", OCT));
    List<Found> found =
        List.of(
            new Found("aws", "/a/1.csv", 0, "e3b0", "empty", false),
            found("aws", "/a/2.csv", "s2"));
    BillingIncrement increment = BillingIncrement.plan(found, ledger, false);
    assertThat(increment.firstRead()).isEmpty();
    assertThat(increment.unchanged()).extracting(Found::path).containsExactly("/a/2.csv");
    Completion completion = increment.complete(Map.of());
    assertThat(completion.replaced()).isEqualTo(periods("aws", OCT));
    assertThat(completion.read()).containsExactly(Map.entry("/a/2.csv", Why.PERIOD));
    List<Ingested> after =
        increment.ledgerAfter(completion, read("/a/2.csv", Set.of(OCT)), "run-2", NOW);
    assertThat(after.get(0))
        .isEqualTo(
            new Ingested("aws", "/a/1.csv", 0, "e3b0", "empty", new TreeSet<>(), "run-2", NOW));
    // the next run: the empty file is unchanged, nothing is read
    BillingIncrement next = BillingIncrement.plan(found, after, false);
    assertThat(next.firstRead()).isEmpty();
    assertThat(next.complete(Map.of()).replaced()).isEmpty();
  }

  @Test
  void nothingNewReadsNothingAndLeavesTheLedger() {
    List<Ingested> ledger = List.of(ingested("aws", "/a/1.csv", "s1", OCT));
    BillingIncrement increment =
        BillingIncrement.plan(List.of(found("aws", "/a/1.csv", "s1")), ledger, false);
    Completion completion = increment.complete(Map.of());
    assertThat(completion.read()).isEmpty();
    assertThat(completion.replaced()).isEmpty();
    assertThat(
            BillingIncrement.changedInputs(
                ledger, increment.ledgerAfter(completion, Map.of(), "run-2", NOW)))
        .isEmpty();
  }

  @Test
  void aPathFoundTwiceIsAMistake() {
    assertThatThrownBy(
            () ->
                BillingIncrement.plan(
                    List.of(found("a", "/x", "1"), found("b", "/x", "1")), List.of(), false))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
