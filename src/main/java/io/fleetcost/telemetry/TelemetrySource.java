package io.fleetcost.telemetry;

import io.fleetcost.config.TelemetryFormat;
import java.util.Iterator;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;

/**
 * A reader of one telemetry format, beside the billing formats' {@link
 * io.fleetcost.billing.BillingSource}; the registry is {@link TelemetrySources}.
 *
 * <p>Contract: {@link #rows} decodes one file, in the Spark task that reads it ({@link
 * TelemetryDecoding}), into {@link LongSamples} rows: one per value, quarantined values with their
 * reason. A format read at fleet scale by its own Spark reader (Prometheus JSON, {@link
 * DcgmJsonRead}) says so with {@link #perFile} false, and is never asked for rows.
 */
interface TelemetrySource {
  TelemetryFormat format();

  /**
   * Whether its files are decoded one by one ({@link #rows}); false for a format with its own Spark
   * reader.
   */
  default boolean perFile() {
    return true;
  }

  Iterator<Row> rows(TelemetryFileTask task, Configuration conf);
}
