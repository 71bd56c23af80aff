package io.fleetcost.billing;

import java.util.Objects;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;

/**
 * What a {@link BillingSource} reads with.
 *
 * @param rowsDecoded counts rows as text decoders produce them, for progress lines while a stage runs
 */
public record ReadContext(SparkSession spark, LongAccumulator rowsDecoded, ServiceCategories serviceCategories) {
  public ReadContext {
    Objects.requireNonNull(spark, "spark is null");
    Objects.requireNonNull(rowsDecoded, "rowsDecoded is null");
    Objects.requireNonNull(serviceCategories, "serviceCategories is null");
  }
}
