package io.fleetcost.billing;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A reader of one billing format.
 *
 * <p>Contract: {@link #read} returns one row per source record (every data line of a CSV file,
 * every non-blank line of a JSON lines file, every Parquet row), never fewer and never more, in
 * {@link NormalizedCostSchema#STRUCT} followed by the columns {@code x_QuarantineReason}, {@code
 * x_QuarantineDetail} and {@code x_RawRecord}. A row whose reason is null is kept; any other row is
 * quarantined, with the reason and its detail saying why. The returned dataset is lazy; the caller
 * runs it once.
 *
 * <p>Files passed in have been checked for the format's required columns ({@link
 * FormatDetector#resolve}); a reader throws a {@link io.fleetcost.error.FleetCostException} (user
 * error) only when a file turns out unreadable as a whole while it is read.
 */
public interface BillingSource {
  BillingFormat format();

  org.apache.spark.sql.Dataset<Row> read(ReadContext context, List<SourceFile> files);

  /** Unions per-group results; all have the normalized schema with the quarantine columns. */
  static Dataset<Row> union(ReadContext context, List<Dataset<Row>> parts) {
    Dataset<Row> result = null;
    for (Dataset<Row> part : parts) {
      result = result == null ? part : result.unionByName(part);
    }
    return result == null ? NormalizedRows.empty(context.spark()) : result;
  }
}
