package io.fleetcost.pipeline;

import static org.apache.spark.sql.functions.lit;

import io.fleetcost.billing.BillingFormat;
import io.fleetcost.billing.BillingSource;
import io.fleetcost.billing.BillingSources;
import io.fleetcost.billing.DuplicateRows;
import io.fleetcost.billing.ReadContext;
import io.fleetcost.billing.SourceFile;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Reads the billing files of an ingest into the normalized rows: the files read alone together per
 * format, the files of a compared scope ({@link BillingIngestJob#scope}) with the duplicate
 * comparison.
 */
final class BillingFileReader {
  private BillingFileReader() {}

  /**
   * Reads every file. The files of one format in one billing input may overlap (extracts of the
   * same export over overlapping ranges): when an input has two or more files of a format, their
   * rows are compared and a row held by several files counts once ({@link DuplicateRows}: a first
   * job over the identities' hashes, then, only when a hash repeats, one shuffle for all such
   * inputs together). A format's only file in its input is read without the comparison, and without
   * a shuffle.
   */
  static Dataset<Row> read(ReadContext context, List<SourceFile> files) {
    return read(context, files, BillingIngestJob.comparedScopes(files));
  }

  /**
   * The rows of the files before the duplicate comparison has decided: {@code assumingNoCopies}
   * marks every compared row as the first copy of its file ({@link DuplicateRows#assumingNoCopies}:
   * right when no identity repeats, and read in one pass), {@code compared} runs the full
   * comparison; {@code compared} is null when no scope is compared.
   */
  record Reading(Dataset<Row> assumingNoCopies, Dataset<Row> compared) {}

  /** {@link Reading} of the files, comparing the files of the scopes in {@code compared}. */
  static Reading reading(ReadContext context, List<SourceFile> files, Set<List<String>> compared) {
    Grouped grouped = group(context, files, compared);
    if (grouped.comparing() == null) {
      return new Reading(BillingSource.union(context, grouped.alone()), null);
    }
    List<Dataset<Row>> assumed = new ArrayList<>(grouped.alone());
    assumed.add(DuplicateRows.assumingNoCopies(grouped.comparing()));
    List<Dataset<Row>> full = new ArrayList<>(grouped.alone());
    full.add(DuplicateRows.compared(grouped.comparing()));
    return new Reading(BillingSource.union(context, assumed), BillingSource.union(context, full));
  }

  /**
   * As {@link #read(ReadContext, List)}, comparing the files of the scopes in {@code compared}
   * (even one alone).
   */
  static Dataset<Row> read(
      ReadContext context, List<SourceFile> files, Set<List<String>> compared) {
    Grouped grouped = group(context, files, compared);
    List<Dataset<Row>> parts = new ArrayList<>(grouped.alone());
    if (grouped.comparing() != null) {
      parts.add(DuplicateRows.drop(grouped.comparing()));
    }
    return BillingSource.union(context, parts);
  }

  /**
   * The rows of files read alone, per format, and the union of the compared scopes' rows (null when
   * none).
   */
  private record Grouped(List<Dataset<Row>> alone, Dataset<Row> comparing) {}

  private static Grouped group(
      ReadContext context, List<SourceFile> files, Set<List<String>> compared) {
    Map<List<String>, List<SourceFile>> scopes = new LinkedHashMap<>();
    files.forEach(
        f -> scopes.computeIfAbsent(BillingIngestJob.scope(f), k -> new ArrayList<>()).add(f));
    Map<BillingFormat, List<SourceFile>> alone = new EnumMap<>(BillingFormat.class);
    List<Dataset<Row>> comparing = new ArrayList<>();
    for (Map.Entry<List<String>, List<SourceFile>> entry : scopes.entrySet()) {
      List<SourceFile> scope = entry.getValue();
      BillingFormat format = scope.get(0).format();
      if (scope.size() == 1 && !compared.contains(entry.getKey())) {
        alone.computeIfAbsent(format, k -> new ArrayList<>()).add(scope.get(0));
      } else {
        comparing.add(
            BillingSources.forFormat(format)
                .read(context.withRowIdentity(), scope)
                .withColumn(DuplicateRows.SCOPE, lit(comparing.size())));
      }
    }
    List<Dataset<Row>> parts = new ArrayList<>();
    alone.forEach(
        (format, group) -> parts.add(BillingSources.forFormat(format).read(context, group)));
    if (comparing.isEmpty()) {
      return new Grouped(parts, null);
    }
    Dataset<Row> union = comparing.get(0);
    for (Dataset<Row> part : comparing.subList(1, comparing.size())) {
      union = union.unionByName(part);
    }
    return new Grouped(parts, union);
  }
}
