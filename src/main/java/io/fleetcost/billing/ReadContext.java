package io.fleetcost.billing;

import java.util.Objects;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;

/**
 * What a {@link BillingSource} reads with.
 *
 * @param rowsDecoded counts rows as text decoders produce them, for progress lines while a stage
 *     runs
 * @param rowIdentity whether the reader adds {@link DuplicateRows#IDENTITY} to its rows, for files
 *     that are compared for duplicates; false for a format's only file in its input, which is read
 *     without the comparison
 */
public record ReadContext(
    SparkSession spark,
    LongAccumulator rowsDecoded,
    ServiceCategories serviceCategories,
    boolean rowIdentity) {
  public ReadContext {
    Objects.requireNonNull(spark, "spark is null");
    Objects.requireNonNull(rowsDecoded, "rowsDecoded is null");
    Objects.requireNonNull(serviceCategories, "serviceCategories is null");
  }

  public ReadContext(
      SparkSession spark, LongAccumulator rowsDecoded, ServiceCategories serviceCategories) {
    this(spark, rowsDecoded, serviceCategories, false);
  }

  /** The same context, for files whose rows are compared for duplicates. */
  public ReadContext withRowIdentity() {
    return new ReadContext(spark, rowsDecoded, serviceCategories, true);
  }
}
