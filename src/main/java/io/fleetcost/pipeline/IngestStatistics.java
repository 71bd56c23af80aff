package io.fleetcost.pipeline;

import static io.fleetcost.model.CostColumns.BILLING_CURRENCY;
import static io.fleetcost.model.CostColumns.PROVIDER_NAME;
import static io.fleetcost.model.CostColumns.QUARANTINE_REASON;
import static io.fleetcost.model.CostColumns.SOURCE_FILE;

import io.fleetcost.billing.SourceFile;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Row;

/**
 * The result of a billing ingest, from the statistics rows read back from its written tables
 * ({@link BillingIngestJob}): per file, per provider and over all files, with the warnings about
 * repeated and duplicate rows.
 */
final class IngestStatistics {
  private IngestStatistics() {}

  /**
   * The statistics rows of the written tables.
   *
   * @param kept the kept rows per file, provider, currency and billing period
   * @param reasons the quarantined rows per file and reason
   * @param copies the rows dropped as copies, per file, file that keeps them and billing period
   * @param quarantinedPeriods the (file, billing period)s of the quarantined rows
   */
  record Rows(List<Row> kept, List<Row> reasons, List<Row> copies, List<Row> quarantinedPeriods) {}

  /** The statistics accumulated per file, per provider and over all files. */
  private record Tallies(
      Map<String, FileAccumulator> byFile,
      Map<String, FileAccumulator> byProvider,
      FileAccumulator all) {}

  static BillingIngestResult summarize(Rows rows, BillingIngestJob.Plan plan, double seconds) {
    Map<String, SortedSet<YearMonth>> periods = periodsByFile(rows);
    Tallies tallies = tallies(rows);
    List<String> warnings = new ArrayList<>(plan.warnings());
    List<FileIngestStats> files = fileStats(plan, tallies.byFile(), warnings);
    FileAccumulator all = tallies.all();
    return new BillingIngestResult(
        files,
        plan.discovered().skipped(),
        all.read(),
        all.kept,
        all.quarantined,
        all.duplicate,
        all.reasons,
        all.totals(),
        providerTotals(tallies.byProvider()),
        all.gpuRows,
        warnings,
        seconds,
        periods);
  }

  /** Per file, the billing periods of its kept rows, of its copies and of its quarantined rows. */
  private static Map<String, SortedSet<YearMonth>> periodsByFile(Rows rows) {
    Map<String, SortedSet<YearMonth>> periods = new TreeMap<>();
    for (Row stat : rows.kept()) {
      addPeriod(
          periods,
          stat.getString(stat.fieldIndex(SOURCE_FILE)),
          stat.getDate(stat.fieldIndex("period")));
    }
    for (Row stat : rows.copies()) {
      addPeriod(
          periods,
          stat.getString(stat.fieldIndex(SOURCE_FILE)),
          stat.getDate(stat.fieldIndex("period")));
    }
    for (Row stat : rows.quarantinedPeriods()) {
      addPeriod(periods, stat.getString(0), stat.getDate(1));
    }
    return periods;
  }

  private static Tallies tallies(Rows rows) {
    Map<String, FileAccumulator> byFile = new LinkedHashMap<>();
    Map<String, FileAccumulator> byProvider = new TreeMap<>();
    FileAccumulator all = new FileAccumulator();
    for (Row stat : rows.kept()) {
      byFile
          .computeIfAbsent(stat.getString(stat.fieldIndex(SOURCE_FILE)), f -> new FileAccumulator())
          .addKept(stat);
      String provider = stat.getString(stat.fieldIndex(PROVIDER_NAME));
      byProvider
          .computeIfAbsent(provider == null ? "(none)" : provider, p -> new FileAccumulator())
          .addKept(stat);
      all.addKept(stat);
    }
    for (Row stat : rows.reasons()) {
      byFile
          .computeIfAbsent(stat.getString(stat.fieldIndex(SOURCE_FILE)), f -> new FileAccumulator())
          .addQuarantined(stat);
      all.addQuarantined(stat);
    }
    for (Row stat : rows.copies()) {
      byFile
          .computeIfAbsent(stat.getString(stat.fieldIndex(SOURCE_FILE)), f -> new FileAccumulator())
          .addDuplicates(stat);
      all.addDuplicates(stat);
    }
    return new Tallies(byFile, byProvider, all);
  }

  /**
   * The statistics of the plan's files read, in the plan's order, then its empty files; each read
   * file's duplicate warnings are added to {@code warnings}.
   */
  private static List<FileIngestStats> fileStats(
      BillingIngestJob.Plan plan, Map<String, FileAccumulator> byFile, List<String> warnings) {
    List<FileIngestStats> files = new ArrayList<>();
    for (SourceFile file : plan.files()) {
      FileAccumulator acc =
          Optional.ofNullable(byFile.get(file.displayPath())).orElseGet(FileAccumulator::new);
      warnings.addAll(duplicateWarnings(file.displayPath(), acc));
      files.add(
          new FileIngestStats(
              file.file().input(),
              file.displayPath(),
              file.format().cliName(),
              BillingIngestJob.formatDetail(file),
              file.file().sha256(),
              file.file().bytes(),
              FileIngestStats.Status.READ,
              acc.read(),
              acc.kept,
              acc.quarantined,
              acc.duplicate,
              acc.keptIn,
              acc.reasons,
              acc.totals(),
              instant(acc.startMin),
              instant(acc.startMax)));
    }
    files.addAll(plan.emptyFiles());
    return files;
  }

  /** Accumulates the statistics rows of one file. */
  private static final class FileAccumulator {
    long kept;
    long quarantined;
    long duplicate;
    long gpuRows;
    long repeats;
    final Map<String, Long> keptIn = new TreeMap<>();
    final Map<String, Long> costsDifferIn = new TreeMap<>();
    final Map<String, Long> reasons = new TreeMap<>();
    final Map<String, BigDecimal[]> money = new TreeMap<>();
    final Map<String, Long> rowsByCurrency = new TreeMap<>();
    Timestamp startMin;
    Timestamp startMax;

    void addQuarantined(Row stat) {
      long rows = stat.getLong(stat.fieldIndex("rows"));
      quarantined += rows;
      reasons.merge(stat.getString(stat.fieldIndex(QUARANTINE_REASON)), rows, Long::sum);
    }

    void addKept(Row stat) {
      long rows = stat.getLong(stat.fieldIndex("rows"));
      kept += rows;
      gpuRows += stat.getLong(stat.fieldIndex("gpu_rows"));
      repeats += stat.getLong(stat.fieldIndex("repeats"));
      String currency = stat.getString(stat.fieldIndex(BILLING_CURRENCY));
      BigDecimal[] totals =
          money.computeIfAbsent(currency, c -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
      totals[0] = totals[0].add(orZero(stat.getDecimal(stat.fieldIndex("billed"))));
      totals[1] = totals[1].add(orZero(stat.getDecimal(stat.fieldIndex("effective"))));
      rowsByCurrency.merge(currency, rows, Long::sum);
      Timestamp min = stat.getTimestamp(stat.fieldIndex("start_min"));
      Timestamp max = stat.getTimestamp(stat.fieldIndex("start_max"));
      if (min != null && (startMin == null || min.before(startMin))) {
        startMin = min;
      }
      if (max != null && (startMax == null || max.after(startMax))) {
        startMax = max;
      }
    }

    /**
     * Copies of rows of this file that another file of its input keeps (one statistics row per
     * keeping file).
     */
    void addDuplicates(Row stat) {
      long rows = stat.getLong(stat.fieldIndex("rows"));
      String keptInFile = stat.getString(stat.fieldIndex("kept_in"));
      duplicate += rows;
      keptIn.merge(keptInFile, rows, Long::sum);
      long differ = stat.getLong(stat.fieldIndex("costs_differ"));
      if (differ > 0) {
        costsDifferIn.merge(keptInFile, differ, Long::sum);
      }
    }

    long read() {
      return kept + quarantined + duplicate;
    }

    List<CurrencyTotals> totals() {
      List<CurrencyTotals> totals = new ArrayList<>();
      money.forEach(
          (currency, sums) ->
              totals.add(
                  new CurrencyTotals(
                      currency,
                      rowsByCurrency.get(currency),
                      CurrencyTotals.exact(sums[0]),
                      CurrencyTotals.exact(sums[1]))));
      return totals;
    }
  }

  private static BigDecimal orZero(BigDecimal value) {
    return value == null ? BigDecimal.ZERO : value;
  }

  private static void addPeriod(
      Map<String, SortedSet<YearMonth>> periods, String file, java.sql.Date month) {
    if (file != null && month != null) {
      periods.computeIfAbsent(file, f -> new TreeSet<>()).add(YearMonth.from(month.toLocalDate()));
    }
  }

  /**
   * Identical rows inside one file are all kept, with a warning; copies of an AWS CUR line item
   * (same line item id and time interval) with different costs count once, from the first file,
   * with a warning naming both files.
   */
  private static List<String> duplicateWarnings(String path, FileAccumulator acc) {
    List<String> warnings = new ArrayList<>();
    if (acc.repeats > 0) {
      warnings.add(
          String.format(
              Locale.ROOT,
              "%s has %,d rows identical to an earlier row of the same file (AWS CUR: the same line item id and time"
                  + " interval); all are counted, as a provider may bill the same charge twice",
              path,
              acc.repeats));
    }
    acc.costsDifferIn.forEach(
        (keptIn, rows) ->
            warnings.add(
                String.format(
                    Locale.ROOT,
                    "%s has %,d AWS CUR line items whose line item id and time interval are also in %s, with different"
                        + " costs; each counts once, from %s (the first path): a restatement delivered without its"
                        + " CUR manifest? Read the month through its manifest so that only the latest assembly counts",
                    path,
                    rows,
                    keptIn,
                    keptIn)));
    return warnings;
  }

  private static List<ProviderTotals> providerTotals(Map<String, FileAccumulator> byProvider) {
    List<ProviderTotals> totals = new ArrayList<>();
    byProvider.forEach(
        (provider, acc) -> totals.add(new ProviderTotals(provider, acc.kept, acc.totals())));
    return totals;
  }

  private static String instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant().toString();
  }
}
