package io.fleetcost.pipeline;

import static io.fleetcost.model.CostColumns.SOURCE_FILE;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;

import io.fleetcost.billing.BillingFormat;
import io.fleetcost.billing.BillingInput;
import io.fleetcost.billing.SourceFile;
import io.fleetcost.history.BillingIncrement;
import io.fleetcost.history.BillingStore;
import io.fleetcost.spark.ProgressReporter;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Billing ingest of a job that keeps a history: reads only what {@link BillingIncrement} says (new
 * and changed files, and the unchanged files of the billing periods they replace), through the same
 * {@link BillingIngestJob} as a read of everything, replaces those (input, billing period)s in the
 * kept table ({@link BillingStore}), then the ledger, and gives the run the kept table as its
 * normalized billing table: every period of every input, not only this run's files.
 *
 * <p>The run's {@code billing/normalized}, {@code billing/quarantine} and {@code
 * ingest-summary.json} describe this run's reading; the files not read are listed with status
 * {@code unchanged} ({@link FileIngestStats.Status#UNCHANGED}).
 */
final class IncrementalBillingIngest {
  /**
   * What the run did to the kept table ({@code ingest-summary.json}'s and {@code summary.json}'s
   * {@code incremental}).
   *
   * @param table the kept normalized table, {@code namespace.table} in the history's warehouse
   * @param ledger the ledger table
   * @param full whether everything was read ({@code --full})
   * @param secondRead whether unchanged files were read again with the new ones, in a second read
   * @param filesNew files the ledger did not have
   * @param filesChanged files the ledger had with other bytes, SHA-256 or format
   * @param filesReadAgain unchanged files read again because a period of theirs was replaced
   * @param periodsReplaced the (input, billing period)s whose rows this run replaced
   * @param periodsAppended the (input, billing period)s to which this run added its new files'
   *     rows, keeping the rows there (the new rows share no row identity with them)
   * @param filesNoLongerFound files of the ledger not found any more, and what became of their rows
   */
  public record Incremental(
      String table,
      String ledger,
      boolean full,
      boolean secondRead,
      long filesRead,
      long filesUnchanged,
      List<String> filesNew,
      List<String> filesChanged,
      List<String> filesReadAgain,
      List<PeriodRef> periodsReplaced,
      List<PeriodRef> periodsAppended,
      List<NotFound> filesNoLongerFound) {}

  /**
   * @param billingPeriod {@code YYYY-MM}
   */
  public record PeriodRef(String input, String billingPeriod) {}

  /**
   * @param keptPeriods the billing periods whose rows of the file stay in the kept table (history)
   * @param replacedPeriods the periods where they were replaced by the files found now
   */
  public record NotFound(
      String input, String path, List<String> keptPeriods, List<String> replacedPeriods) {}

  /**
   * @param result this run's reading, with the files not read as {@code unchanged}
   * @param normalized the kept table's rows of the job's inputs, with exactly the normalized
   *     table's columns
   * @param inputOfFile the input of every file with rows in {@code normalized}, and of every file
   *     found with data
   */
  record Outcome(
      BillingIngestResult result,
      Dataset<Row> normalized,
      Map<String, String> inputOfFile,
      Incremental incremental) {}

  private final SparkSession spark;
  private final ProgressReporter progress;
  private final BillingStore store;

  IncrementalBillingIngest(SparkSession spark, ProgressReporter progress, BillingStore store) {
    this.spark = spark;
    this.progress = progress;
    this.store = store;
  }

  /** What a file is read as, for the ledger: the format, and for Azure cost details the dataset. */
  static String formatKey(SourceFile file) {
    return file.format().cliName()
        + (file.format() == BillingFormat.AZURE_COST_DETAILS
            ? ":" + file.azureCostDataset().name().toLowerCase(Locale.ROOT)
            : "");
  }

  Outcome run(
      List<BillingInput> inputs,
      boolean full,
      OutputDirectory output,
      String prefix,
      String runId,
      Instant now,
      LocalDate runDate) {
    BillingIngestJob job = new BillingIngestJob(spark, progress);
    BillingIngestJob.Plan plan = job.discover(inputs);
    Map<String, SourceFile> byPath = new LinkedHashMap<>();
    List<BillingIncrement.Found> found = found(plan, byPath);
    List<BillingIncrement.Ingested> ledger = store.ledger();
    BillingIncrement increment = BillingIncrement.plan(found, ledger, full);
    progress.note(
        "billing: "
            + (full
                ? "--full: reading all " + increment.firstRead().size() + " files"
                : increment.firstRead().size()
                    + " files new or changed, "
                    + increment.unchanged().size()
                    + " unchanged")
            + " (kept table "
            + store.displayName(BillingStore.ROWS)
            + ")");
    Reading reading = read(job, plan, increment, byPath, output, prefix);
    BillingIncrement.Completion completion = reading.completion();
    BillingIngestResult result = reading.result();
    keep(increment, completion, result, ledger, byPath, output, prefix, runId, now, runDate);

    List<String> names = inputs.stream().map(BillingInput::name).toList();
    List<String> warnings = new ArrayList<>(result.warnings());
    List<NotFound> notFound =
        LedgerFilesNotFound.of(increment.notFound(), completion.replaced(), names, warnings);
    result = result.with(fileStats(plan, result), warnings, reading.seconds());

    Map<String, String> inputOfFile = new TreeMap<>(store.inputsOfFiles(names));
    plan.files().forEach(f -> inputOfFile.putIfAbsent(f.displayPath(), f.file().input()));
    Incremental incremental = incremental(plan, full, completion, notFound);
    return new Outcome(result, store.rows(names), inputOfFile, incremental);
  }

  /**
   * Every file found, with data or empty, for the increment's plan; {@code byPath} gets the files
   * with data.
   */
  private static List<BillingIncrement.Found> found(
      BillingIngestJob.Plan plan, Map<String, SourceFile> byPath) {
    List<BillingIncrement.Found> found = new ArrayList<>();
    for (SourceFile file : plan.files()) {
      byPath.put(file.displayPath(), file);
      found.add(
          new BillingIncrement.Found(
              file.file().input(),
              file.displayPath(),
              file.file().bytes(),
              file.file().sha256(),
              formatKey(file),
              true));
    }
    for (FileIngestStats empty : plan.emptyFiles()) {
      found.add(
          new BillingIncrement.Found(
              empty.input(), empty.path(), empty.bytes(), empty.sha256(), "empty", false));
    }
    return found;
  }

  /**
   * What the run read: the last reading's result, the seconds of every reading, and the increment
   * completed.
   */
  private record Reading(
      BillingIngestResult result, double seconds, BillingIncrement.Completion completion) {}

  /**
   * Reads the new and changed files; when they share billing periods with kept rows, reads again
   * with the unchanged files of those periods, unless the new files share no row with them (then
   * they are appended to).
   */
  private Reading read(
      BillingIngestJob job,
      BillingIngestJob.Plan plan,
      BillingIncrement increment,
      Map<String, SourceFile> byPath,
      OutputDirectory output,
      String prefix) {
    // the scopes a read of every file would compare for duplicates, whichever of their files are
    // read
    Set<List<String>> compared = BillingIngestJob.comparedScopes(plan.files());
    BillingIngestResult first =
        job.run(only(plan, increment.firstRead().keySet()), compared, output, prefix);
    SortedSet<BillingIncrement.Period> candidates =
        increment.appendCandidates(first.billingPeriods());
    SortedSet<BillingIncrement.Period> disjoint = new TreeSet<>();
    if (!candidates.isEmpty()) {
      try (ProgressReporter.Stage stage =
          progress.start("compare with the kept billing rows", periods(candidates), () -> "")) {
        disjoint =
            store.disjoint(
                withInput(
                    spark.read().parquet(output.staged(prefix + BillingIngestJob.NORMALIZED)),
                    byPath),
                candidates);
        stage.finish(
            disjoint.size()
                + " of "
                + candidates.size()
                + " billing periods share no row with the new files");
      }
    }
    BillingIncrement.Completion completion = increment.complete(first.billingPeriods(), disjoint);
    if (!completion.appended().isEmpty()) {
      progress.note(
          "billing: the new files share no row with the kept rows of "
              + periods(completion.appended())
              + ": appended to, no other file read again");
    }
    BillingIngestResult result = first;
    double seconds = first.seconds();
    if (completion.secondRead()) {
      List<String> again =
          completion.read().entrySet().stream()
              .filter(e -> e.getValue() == BillingIncrement.Why.PERIOD)
              .map(Map.Entry::getKey)
              .toList();
      progress.note(
          "billing: "
              + again.size()
              + " unchanged files cover billing periods the new ones replace ("
              + periods(completion.replaced())
              + "): reading them again with the new ones");
      output.discard(prefix + BillingIngestJob.NORMALIZED);
      output.discard(prefix + BillingIngestJob.QUARANTINE);
      result = job.run(only(plan, completion.read().keySet()), compared, output, prefix);
      seconds += result.seconds();
    }
    return new Reading(result, seconds, completion);
  }

  /** The rows read into the kept table, then the ledger. */
  private void keep(
      BillingIncrement increment,
      BillingIncrement.Completion completion,
      BillingIngestResult result,
      List<BillingIncrement.Ingested> ledger,
      Map<String, SourceFile> byPath,
      OutputDirectory output,
      String prefix,
      String runId,
      Instant now,
      LocalDate runDate) {
    // the rows first, then the ledger: killed between, the ledger is behind and the next run reads
    // the files again
    List<BillingIncrement.Ingested> after =
        increment.ledgerAfter(completion, result.billingPeriods(), runId, now);
    try (ProgressReporter.Stage stage =
        progress.start(
            "keep the billing rows",
            completion.replaced().size()
                + " periods to replace, "
                + completion.appended().size()
                + " to append to",
            () -> "")) {
      Dataset<Row> read = spark.read().parquet(output.staged(prefix + BillingIngestJob.NORMALIZED));
      store.replace(
          withInput(read, byPath),
          completion.replaced(),
          completion.appended(),
          completion.appendedFrom(),
          runDate);
      store.writeLedger(after, BillingIncrement.changedInputs(ledger, after), runDate);
      stage.finish(
          "kept table "
              + store.displayName(BillingStore.ROWS)
              + " and ledger "
              + store.displayName(BillingStore.FILES)
              + " written");
    }
    if (!completion.replaced().isEmpty()) {
      progress.note(
          "billing: replaced "
              + completion.replaced().size()
              + " billing periods in the kept table: "
              + periods(completion.replaced()));
    }
  }

  /**
   * Every file found, in the plan's order: the statistics of those read, unchanged for the others;
   * the empty last.
   */
  private static List<FileIngestStats> fileStats(
      BillingIngestJob.Plan plan, BillingIngestResult result) {
    List<FileIngestStats> files = new ArrayList<>();
    Map<String, FileIngestStats> readStats = new LinkedHashMap<>();
    result.files().forEach(f -> readStats.put(f.path(), f));
    for (SourceFile file : plan.files()) {
      FileIngestStats stats = readStats.remove(file.displayPath());
      files.add(stats != null ? stats : unchanged(file));
    }
    files.addAll(readStats.values()); // the empty files
    return files;
  }

  private Incremental incremental(
      BillingIngestJob.Plan plan,
      boolean full,
      BillingIncrement.Completion completion,
      List<NotFound> notFound) {
    return new Incremental(
        store.displayName(BillingStore.ROWS),
        store.displayName(BillingStore.FILES),
        full,
        completion.secondRead(),
        completion.read().size(),
        plan.files().size() - completion.read().size(),
        pathsBecause(completion, BillingIncrement.Why.NEW),
        pathsBecause(completion, BillingIncrement.Why.CHANGED),
        pathsBecause(completion, BillingIncrement.Why.PERIOD),
        completion.replaced().stream()
            .map(p -> new PeriodRef(p.input(), p.month().toString()))
            .toList(),
        completion.appended().stream()
            .map(p -> new PeriodRef(p.input(), p.month().toString()))
            .toList(),
        notFound);
  }

  /**
   * {@code summary.json}'s {@code billing.kept_table}: the kept table's rows in the savings window
   * (every input of the job, every file ever read), per currency and per provider ({@link
   * KeptTableTotals#of}).
   */
  public record KeptTable(
      String table,
      String windowStart,
      String windowEnd,
      long rows,
      List<CurrencyTotals> totals,
      List<ProviderTotals> byProvider) {}

  private static List<String> pathsBecause(
      BillingIncrement.Completion completion, BillingIncrement.Why why) {
    return completion.read().entrySet().stream()
        .filter(e -> e.getValue() == why)
        .map(Map.Entry::getKey)
        .toList();
  }

  private static String periods(SortedSet<BillingIncrement.Period> periods) {
    Map<String, List<String>> byInput = new TreeMap<>();
    periods.forEach(
        p -> byInput.computeIfAbsent(p.input(), k -> new ArrayList<>()).add(p.month().toString()));
    return byInput.entrySet().stream()
        .map(e -> e.getKey() + " " + String.join(", ", e.getValue()))
        .collect(Collectors.joining("; "));
  }

  /** The plan with only the files of {@code paths}. */
  private static BillingIngestJob.Plan only(BillingIngestJob.Plan plan, Set<String> paths) {
    Set<String> wanted = new LinkedHashSet<>(paths);
    return new BillingIngestJob.Plan(
        plan.files().stream().filter(f -> wanted.contains(f.displayPath())).toList(),
        plan.emptyFiles(),
        plan.discovered(),
        plan.warnings());
  }

  /** The read rows with the input of their file. */
  private Dataset<Row> withInput(Dataset<Row> rows, Map<String, SourceFile> byPath) {
    List<Row> pairs = new ArrayList<>();
    byPath.forEach((path, file) -> pairs.add(RowFactory.create(path, file.file().input())));
    StructType schema =
        new StructType()
            .add("x_InputFile", DataTypes.StringType, false)
            .add(BillingStore.INPUT, DataTypes.StringType, false);
    Dataset<Row> inputs = spark.createDataFrame(pairs, schema);
    return rows.join(broadcast(inputs), col(SOURCE_FILE).equalTo(col("x_InputFile")), "inner")
        .drop("x_InputFile");
  }

  private static FileIngestStats unchanged(SourceFile file) {
    return new FileIngestStats(
        file.file().input(),
        file.displayPath(),
        file.format().cliName(),
        BillingIngestJob.formatDetail(file),
        file.file().sha256(),
        file.file().bytes(),
        FileIngestStats.Status.UNCHANGED,
        0,
        0,
        0,
        0,
        Map.of(),
        Map.of(),
        List.of(),
        null,
        null);
  }
}
