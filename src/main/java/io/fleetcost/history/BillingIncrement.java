package io.fleetcost.history;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Incremental billing ingest, the decisions (pure, no Spark): which billing files a run reads,
 * which (input, billing period)s it replaces in the kept normalized table ({@link BillingStore}),
 * and the ledger of ingested files after the run.
 *
 * <p>The rule:
 *
 * <ul>
 *   <li>A file the ledger holds with the same input, path, bytes, SHA-256 and format is
 *       <em>unchanged</em>: not read.
 *   <li>A new or changed file is read. Its billing periods (the months of its rows' {@code
 *       BillingPeriodStart}: rows kept, rows it holds that another file keeps, rows quarantined)
 *       are only known once it is read; with the periods the ledger gave it before (a changed file
 *       may have left a period), they are the periods to <em>replace</em> for its input. A file
 *       found under another input than the ledger's (a job file that moved a path) replaces the
 *       periods it had under the old input.
 *   <li>A period that only new files touch (no changed file, now or before, no file that moved from
 *       another input, and no file of the ledger gone from it) whose new rows share no row identity
 *       with the kept rows of the period (the caller checks, by {@code x_RowIdentityHash}, among
 *       {@link #appendCandidates}) is <em>appended</em> to instead: its kept rows stay, the new
 *       files' rows are added, and no other file is read again. Duplicates are decided per
 *       identity, so a read of every file would keep exactly those rows too. A new daily part of a
 *       month is the common case.
 *   <li>Every unchanged file of that input whose ledger periods include a replaced period is read
 *       again with them (a second read of the union when there are any), so that duplicate rows
 *       across files and the rows' copies are decided over the same files as a read of everything;
 *       then each replaced period's rows are replaced with this read's rows of that period.
 *   <li>A file the ledger holds that is no longer found keeps its rows (history), except in the
 *       periods replaced: a period's rows are always those of the files found now (a new CUR
 *       assembly replaces the month's old one).
 *   <li>{@code full}: every file is read, and every period of every file found (now or, for files
 *       found now, in the ledger) is replaced.
 * </ul>
 *
 * Use: {@link #plan}, read {@link #firstRead()}, check the {@link #appendCandidates}, {@link
 * #complete} with the billing periods read and the candidates that share no row with the kept
 * table, read {@link Completion#read()} again when {@link Completion#secondRead()}, then {@link
 * #ledgerAfter}.
 */
public final class BillingIncrement {
  /** Why a file is read. */
  public enum Why {
    /** the ledger does not have it */
    NEW("new"),
    /** the ledger has it with other bytes, SHA-256 or format */
    CHANGED("changed"),
    /** unchanged, but a period it covers is replaced */
    PERIOD("period replaced"),
    /** {@code --full}: everything is read */
    FULL("full");

    private final String label;

    Why(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /**
   * A billing file found this run.
   *
   * @param path as the tables and summaries name it (the row's {@code x_SourceFile})
   * @param format what it is read as (a format or an Azure dataset that changed makes it a changed
   *     file)
   * @param readable false for an empty file (no header): nothing to read, no rows
   */
  public record Found(
      String input, String path, long bytes, String sha256, String format, boolean readable) {
    public Found {
      Objects.requireNonNull(input, "input is null");
      Objects.requireNonNull(path, "path is null");
      Objects.requireNonNull(sha256, "sha256 is null");
      Objects.requireNonNull(format, "format is null");
    }
  }

  /**
   * A file of the ledger: what was read, when, and the billing periods its rows fell in.
   *
   * @param periods the months of {@code BillingPeriodStart} of its rows (kept, kept in another
   *     file, quarantined)
   */
  public record Ingested(
      String input,
      String path,
      long bytes,
      String sha256,
      String format,
      SortedSet<YearMonth> periods,
      String runId,
      Instant ingestedAt) {
    public Ingested {
      Objects.requireNonNull(input, "input is null");
      Objects.requireNonNull(path, "path is null");
      periods = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(periods));
    }

    boolean sameContent(Found file) {
      return bytes == file.bytes()
          && Objects.equals(sha256, file.sha256())
          && Objects.equals(format, file.format());
    }

    Ingested withPeriods(SortedSet<YearMonth> kept) {
      return new Ingested(input, path, bytes, sha256, format, kept, runId, ingestedAt);
    }
  }

  /** One billing period (a month) of one input: the unit the kept table replaces. */
  public record Period(String input, YearMonth month) implements Comparable<Period> {
    private static final Comparator<Period> ORDER =
        Comparator.comparing(Period::input).thenComparing(Period::month);

    @Override
    public int compareTo(Period other) {
      return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
      return input + " " + month;
    }
  }

  private record Key(String input, String path) {}

  private final List<Found> found;
  private final Map<Key, Ingested> ledger;
  private final Map<String, Why> firstRead;

  /**
   * Found files whose ledger row this run rewrites whatever the periods: those read first, and new
   * or changed empty ones.
   */
  private final Set<String> touched;

  private BillingIncrement(
      List<Found> found,
      Map<Key, Ingested> ledger,
      Map<String, Why> firstRead,
      Set<String> touched) {
    this.found = found;
    this.ledger = ledger;
    this.firstRead = firstRead;
    this.touched = touched;
  }

  /**
   * @param found the files found this run, in discovery order (paths are unique)
   * @param ledger the ledger as the previous runs left it
   * @param full read everything ({@code --full})
   */
  public static BillingIncrement plan(
      List<Found> found, Collection<Ingested> ledger, boolean full) {
    Map<Key, Ingested> byKey = new LinkedHashMap<>();
    for (Ingested entry : ledger) {
      byKey.put(new Key(entry.input(), entry.path()), entry);
    }
    Map<String, Why> first = new LinkedHashMap<>();
    Set<String> touched = new LinkedHashSet<>();
    Set<String> paths = new LinkedHashSet<>();
    for (Found file : found) {
      if (!paths.add(file.path())) {
        throw new IllegalArgumentException("billing file found twice: " + file.path());
      }
      Ingested before = byKey.get(new Key(file.input(), file.path()));
      Why why =
          full
              ? Why.FULL
              : before == null ? Why.NEW : before.sameContent(file) ? null : Why.CHANGED;
      if (why == null) {
        continue;
      }
      touched.add(file.path());
      if (file.readable()) {
        first.put(file.path(), why);
      }
    }
    return new BillingIncrement(List.copyOf(found), byKey, first, Set.copyOf(touched));
  }

  /**
   * The files to read first, in discovery order, with why: new and changed files (every file with
   * {@code full}).
   */
  public Map<String, Why> firstRead() {
    return java.util.Collections.unmodifiableMap(firstRead);
  }

  /**
   * Found files with data that the ledger has unchanged (read again only when {@link #complete}
   * says so).
   */
  public List<Found> unchanged() {
    List<Found> unchanged = new ArrayList<>();
    for (Found file : found) {
      if (file.readable() && !touched.contains(file.path())) {
        unchanged.add(file);
      }
    }
    return unchanged;
  }

  /** The ledger's files that are not found this run under their input, in ledger order. */
  public List<Ingested> notFound() {
    Set<Key> present = new java.util.HashSet<>();
    found.forEach(f -> present.add(new Key(f.input(), f.path())));
    return ledger.values().stream()
        .filter(e -> !present.contains(new Key(e.input(), e.path())))
        .toList();
  }

  /**
   * What the run reads and replaces, given the billing periods of the files read first.
   *
   * @param read every file to read, in discovery order, with why: the files read first and the
   *     unchanged files that cover a replaced period
   * @param secondRead whether {@code read} has files that were not read first (then all of {@code
   *     read} is read together, again)
   * @param replaced the (input, period)s whose rows are replaced by this run's rows of them
   */
  public record Completion(
      Map<String, Why> read,
      boolean secondRead,
      SortedSet<Period> replaced,
      SortedSet<Period> appended) {
    public Completion {
      read = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(read));
      replaced = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(replaced));
      appended = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(appended));
    }

    /**
     * The files whose rows of the {@link #appended} periods are added to the kept table: the new
     * files read.
     */
    public Set<String> appendedFrom() {
      Set<String> paths = new LinkedHashSet<>();
      read.forEach(
          (path, why) -> {
            if (why == Why.NEW) {
              paths.add(path);
            }
          });
      return paths;
    }

    /** The replaced months of one input. */
    public SortedSet<YearMonth> months(String input) {
      SortedSet<YearMonth> months = new TreeSet<>();
      replaced.stream().filter(p -> p.input().equals(input)).forEach(p -> months.add(p.month()));
      return months;
    }
  }

  /**
   * The periods the files read first touch that only new files touch: not a changed file (its
   * periods now or in the ledger), not a file the ledger has under another input, and no file of
   * the ledger that is no longer found. Each may be appended to ({@link #complete(Map, Set)}) if
   * its new rows share no row identity with the rows kept for it.
   *
   * @param periodsRead the billing periods of each file read first, by path
   */
  public SortedSet<Period> appendCandidates(Map<String, ? extends Set<YearMonth>> periodsRead) {
    Map<String, String> inputOfPath = new HashMap<>();
    found.forEach(f -> inputOfPath.put(f.path(), f.input()));
    Set<String> moved = new java.util.HashSet<>();
    SortedSet<Period> other = new TreeSet<>();
    for (Ingested entry : ledger.values()) {
      String now = inputOfPath.get(entry.path());
      if (now != null && !now.equals(entry.input())) {
        moved.add(entry.path());
        entry.periods().forEach(m -> other.add(new Period(entry.input(), m)));
      }
    }
    // a file gone from a period that a new file covers: a re-delivery under other names, which
    // replaces the period
    notFound()
        .forEach(entry -> entry.periods().forEach(m -> other.add(new Period(entry.input(), m))));
    SortedSet<Period> byNew = new TreeSet<>();
    for (Found file : found) {
      if (!touched.contains(file.path())) {
        continue;
      }
      boolean onlyNew = firstRead.get(file.path()) == Why.NEW && !moved.contains(file.path());
      periodsOf(periodsRead, file.path())
          .forEach(m -> (onlyNew ? byNew : other).add(new Period(file.input(), m)));
      Ingested before = ledger.get(new Key(file.input(), file.path()));
      if (before != null) {
        before.periods().forEach(m -> other.add(new Period(file.input(), m)));
      }
    }
    byNew.removeAll(other);
    return byNew;
  }

  /** {@link #complete(Map, Set)} with nothing appended: every period touched is replaced. */
  public Completion complete(Map<String, ? extends Set<YearMonth>> periodsRead) {
    return complete(periodsRead, Set.of());
  }

  /**
   * @param periodsRead the billing periods of each file read first, by path (a file without rows:
   *     absent or empty)
   * @param disjoint periods among {@link #appendCandidates} whose new rows share no identity with
   *     the kept rows (others are ignored)
   */
  public Completion complete(
      Map<String, ? extends Set<YearMonth>> periodsRead, Set<Period> disjoint) {
    SortedSet<Period> replaced = new TreeSet<>();
    for (Found file : found) {
      if (!touched.contains(file.path())) {
        continue;
      }
      periodsOf(periodsRead, file.path()).forEach(m -> replaced.add(new Period(file.input(), m)));
      Ingested before = ledger.get(new Key(file.input(), file.path()));
      if (before != null) {
        before.periods().forEach(m -> replaced.add(new Period(file.input(), m)));
      }
    }
    Map<String, String> inputOfPath = new HashMap<>();
    found.forEach(f -> inputOfPath.put(f.path(), f.input()));
    for (Ingested entry : ledger.values()) {
      String now = inputOfPath.get(entry.path());
      if (now != null && !now.equals(entry.input())) {
        entry.periods().forEach(m -> replaced.add(new Period(entry.input(), m)));
      }
    }
    SortedSet<Period> appended = new TreeSet<>(appendCandidates(periodsRead));
    appended.retainAll(disjoint);
    replaced.removeAll(appended);
    Map<String, Why> read = new LinkedHashMap<>();
    boolean more = false;
    for (Found file : found) {
      Why why = firstRead.get(file.path());
      if (why == null && file.readable() && !touched.contains(file.path())) {
        Ingested before = ledger.get(new Key(file.input(), file.path()));
        if (before.periods().stream()
            .anyMatch(m -> replaced.contains(new Period(file.input(), m)))) {
          why = Why.PERIOD;
          more = true;
        }
      }
      if (why != null) {
        read.put(file.path(), why);
      }
    }
    return new Completion(read, more, replaced, appended);
  }

  /**
   * The ledger after the run: a row for every file found (this run's for the files it read and the
   * new or changed empty files, else the earlier row), and the rows of files no longer found with
   * the periods of theirs that were not replaced (none left: the row goes), sorted by input and
   * path.
   *
   * @param periodsRead the billing periods of each file of {@link Completion#read()}, by path, from
   *     the last read
   */
  public List<Ingested> ledgerAfter(
      Completion completion,
      Map<String, ? extends Set<YearMonth>> periodsRead,
      String runId,
      Instant ingestedAt) {
    Map<Key, Ingested> after =
        new TreeMap<>(Comparator.comparing(Key::input).thenComparing(Key::path));
    for (Found file : found) {
      Key key = new Key(file.input(), file.path());
      if (completion.read().containsKey(file.path()) || touched.contains(file.path())) {
        after.put(
            key,
            new Ingested(
                file.input(),
                file.path(),
                file.bytes(),
                file.sha256(),
                file.format(),
                new TreeSet<>(periodsOf(periodsRead, file.path())),
                runId,
                ingestedAt));
      } else if (ledger.containsKey(key)) {
        after.put(key, ledger.get(key));
      }
    }
    for (Ingested entry : notFound()) {
      SortedSet<YearMonth> kept = new TreeSet<>(entry.periods());
      kept.removeIf(m -> completion.replaced().contains(new Period(entry.input(), m)));
      if (!kept.isEmpty()) {
        after.put(new Key(entry.input(), entry.path()), entry.withPeriods(kept));
      }
    }
    return List.copyOf(after.values());
  }

  private static Set<YearMonth> periodsOf(
      Map<String, ? extends Set<YearMonth>> periods, String path) {
    Set<YearMonth> months = periods.get(path);
    return months == null ? Set.of() : months;
  }

  /**
   * The inputs whose ledger rows differ between {@code before} and {@code after} (only those are
   * written).
   */
  public static SortedSet<String> changedInputs(
      Collection<Ingested> before, Collection<Ingested> after) {
    Map<String, Set<Ingested>> a = byInput(before);
    Map<String, Set<Ingested>> b = byInput(after);
    SortedSet<String> changed = new TreeSet<>();
    Set<String> inputs = new LinkedHashSet<>(a.keySet());
    inputs.addAll(b.keySet());
    for (String input : inputs) {
      if (!a.getOrDefault(input, Set.of()).equals(b.getOrDefault(input, Set.of()))) {
        changed.add(input);
      }
    }
    return changed;
  }

  private static Map<String, Set<Ingested>> byInput(Collection<Ingested> entries) {
    Map<String, Set<Ingested>> byInput = new HashMap<>();
    entries.forEach(e -> byInput.computeIfAbsent(e.input(), k -> new java.util.HashSet<>()).add(e));
    return byInput;
  }
}
