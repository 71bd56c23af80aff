package io.fleetcost.telemetry;

import static io.fleetcost.telemetry.GpuSampleColumns.*;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Turns decoded {@link LongSamples} into the {@code gpu_samples} table: each value is parsed and
 * checked (a number, in its metric's range, not a DCGM "blank" sentinel), bad values are set aside
 * with the reason, and the good ones are pivoted to one row per GPU (or MIG instance) per sample
 * time, one column per metric.
 */
public final class GpuSamples {
  public static final String QUARANTINE_REASON = "x_QuarantineReason";
  public static final String QUARANTINE_DETAIL = "x_QuarantineDetail";

  /** A 64-bit hash of a sample's labels: the key of its row in {@code gpu_label_sets}. */
  public static final String LABEL_SET = "x_LabelSet";

  /** DCGM writes sentinels of about 2^31 (32-bit fields) or 2^63 (64-bit) for "no value". */
  static final double DCGM_BLANK = 2_147_483_632d;

  private GpuSamples() {}

  /**
   * The long rows with a parsed {@code number} column and the quarantine reason (null when the
   * value is good).
   */
  public static Dataset<Row> checked(Dataset<Row> longRows) {
    Column number = col(VALUE).try_cast(DataTypes.DoubleType);
    Column metric = col(METRIC);
    Column percent = metric.equalTo(lit(GPU_UTIL));
    Column ratio = metric.isin(GR_ENGINE_ACTIVE, SM_ACTIVE);
    Column reason =
        when(col(DECODE_ERROR).isNotNull(), lit("decode_error"))
            .when(col(SAMPLE_TIME).isNull(), lit("missing_value:sample_time"))
            .when(col(GPU_UUID).isNull().and(col(GPU_INDEX).isNull()), lit("missing_value:gpu"))
            .when(col(VALUE).isNull(), concat(lit("missing_value:"), metric))
            .when(number.isNull(), concat(lit("unparseable_number:"), metric))
            .when(isnan(number), concat(lit("not_a_number:"), metric))
            .when(number.geq(lit(DCGM_BLANK)), concat(lit("blank_value:"), metric))
            .when(
                percent.and(number.lt(0).or(number.gt(100))), concat(lit("out_of_range:"), metric))
            .when(ratio.and(number.lt(0).or(number.gt(1))), concat(lit("out_of_range:"), metric))
            .when(number.lt(0), concat(lit("out_of_range:"), metric));
    Column detail =
        when(col(DECODE_ERROR).isNotNull(), col(DECODE_ERROR))
            .when(col(SAMPLE_TIME).isNull(), lit("the sample has no time"))
            .when(
                col(GPU_UUID).isNull().and(col(GPU_INDEX).isNull()),
                lit("the sample names no GPU (UUID or index)"))
            .when(
                ratio,
                concat(metric, lit(" '"), col(VALUE), lit("' is not a ratio between 0 and 1")))
            .when(
                percent,
                concat(
                    metric, lit(" '"), col(VALUE), lit("' is not a percentage between 0 and 100")))
            .otherwise(
                concat(
                    metric,
                    lit(" '"),
                    coalesce(col(VALUE), lit("")),
                    lit("' is not a usable number")));
    List<Column> columns = new ArrayList<>();
    for (String name : longRows.columns()) {
      columns.add(col(name));
    }
    columns.add(number.as("number"));
    columns.add(reason.as(QUARANTINE_REASON));
    columns.add(when(reason.isNotNull(), detail).as(QUARANTINE_DETAIL));
    return longRows.select(columns.toArray(new Column[0]));
  }

  /**
   * One row per GPU (or MIG instance) per sample time. A GPU is its UUID (else its node and index)
   * and MIG instance; the other labels are taken from whichever of its series carries them, since
   * queries and exporter versions differ in the labels they keep.
   */
  public static Dataset<Row> pivot(Dataset<Row> keptLongRows) {
    List<Column> keys = new ArrayList<>();
    keys.add(col(SAMPLE_TIME));
    keys.add(coalesce(col(GPU_UUID), col(NODE)).as("x_GpuIdentity"));
    keys.add(coalesce(col(GPU_UUID), col(GPU_INDEX)).as("x_GpuIdentity2"));
    keys.add(col(MIG_INSTANCE_ID));
    List<Column> aggregates = new ArrayList<>();
    for (String label : LABELS) {
      if (!label.equals(MIG_INSTANCE_ID)) {
        aggregates.add(first(col(label), true).as(label));
      }
    }
    for (String metric : METRICS) {
      aggregates.add(max(when(col(METRIC).equalTo(lit(metric)), col("number"))).as(metric));
    }
    aggregates.add(first(col(SOURCE_FORMAT)).as(SOURCE_FORMAT));
    aggregates.add(first(col(SOURCE_FILE)).as(SOURCE_FILE));
    Dataset<Row> wide =
        keptLongRows
            .groupBy(keys.toArray(new Column[0]))
            .agg(
                aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(new Column[0]));
    List<Column> out = new ArrayList<>();
    out.add(col(SAMPLE_TIME));
    out.addAll(typedLabels());
    out.add(col(GPU_UTIL));
    out.add(col(GR_ENGINE_ACTIVE));
    out.add(col(SM_ACTIVE));
    out.add(col(FB_USED_MIB));
    out.add(
        coalesce(
                col(FB_TOTAL_MIB),
                col(FB_USED_MIB)
                    .plus(col(FB_FREE_MIB))
                    .plus(coalesce(col(FB_RESERVED_MIB), lit(0d))))
            .as(FB_TOTAL_MIB));
    out.add(col(POWER_W));
    out.add(col(SOURCE_FORMAT));
    out.add(col(SOURCE_FILE));
    Dataset<Row> pivoted = wide.select(out.toArray(new Column[0]));
    return pivoted.withColumn(LABEL_SET, labelSetId());
  }

  /**
   * The labels as {@code gpu_samples} types them (decoders read text): GPU index and MIG instance
   * as integers.
   */
  static List<Column> typedLabels() {
    List<Column> labels = new ArrayList<>();
    for (String label : LABELS) {
      Column value = col(label);
      if (label.equals(GPU_INDEX) || label.equals(MIG_INSTANCE_ID)) {
        value = value.try_cast(DataTypes.IntegerType);
      }
      labels.add(value.as(label));
    }
    return labels;
  }

  /**
   * The hash of the {@link GpuSampleColumns#LABELS} of a row of {@code gpu_samples} (GPU index and
   * MIG instance as integers, as that table has them); a missing label hashes apart from an empty
   * one.
   */
  public static Column labelSetId() {
    Column[] labels =
        LABELS.stream()
            .map(label -> coalesce(col(label).cast(DataTypes.StringType), lit("\u0000")))
            .toArray(Column[]::new);
    return org.apache.spark.sql.functions.xxhash64(labels);
  }

  /** The distinct label sets of rows of {@code gpu_samples}: one row per {@link #LABEL_SET}. */
  public static Dataset<Row> labelSets(Dataset<Row> samples) {
    List<Column> columns = new ArrayList<>();
    columns.add(col(LABEL_SET));
    for (String label : LABELS) {
      columns.add(col(label));
    }
    return samples.select(columns.toArray(new Column[0])).distinct();
  }

  /**
   * The quarantine table of telemetry: where the value was, why it was set aside, and the value as
   * read.
   */
  public static Dataset<Row> quarantine(Dataset<Row> quarantinedLongRows) {
    List<Column> labels = new ArrayList<>();
    labels.add(col(SAMPLE_TIME).cast(DataTypes.StringType).as(SAMPLE_TIME));
    for (String label : LABELS) {
      labels.add(col(label));
    }
    labels.add(col(METRIC));
    labels.add(col(VALUE));
    return quarantinedLongRows.select(
        col(SOURCE_FORMAT),
        col(SOURCE_FILE),
        col(SOURCE_LINE),
        col(QUARANTINE_REASON),
        col(QUARANTINE_DETAIL),
        coalesce(col(RAW_RECORD), to_json(struct(labels.toArray(new Column[0])))).as(RAW_RECORD));
  }
}
