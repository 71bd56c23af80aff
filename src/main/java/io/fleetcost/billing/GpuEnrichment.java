package io.fleetcost.billing;

import static io.fleetcost.model.CostColumns.GPU_COUNT;
import static io.fleetcost.model.CostColumns.GPU_MEMORY_GIB;
import static io.fleetcost.model.CostColumns.GPU_MODEL;
import static io.fleetcost.model.CostColumns.INSTANCE_TYPE;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lower;

import io.fleetcost.catalog.GpuInstanceCatalog;
import io.fleetcost.catalog.GpuInstanceType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Adds GPU model, count and memory to billing rows whose instance type is in the GPU catalog (a
 * broadcast join on the lower-cased instance type). The catalog wins over values a reader found in
 * the bill's own text; those remain for rows the catalog does not know, such as Google Cloud's
 * separately billed GPU SKUs.
 */
public final class GpuEnrichment {
  private static final String KEY = "x_CatalogInstanceType";
  private static final String MODEL = "x_CatalogGpuModel";
  private static final String COUNT = "x_CatalogGpuCount";
  private static final String MEMORY = "x_CatalogGpuMemoryGiB";

  private static final StructType CATALOG_SCHEMA =
      new StructType()
          .add(KEY, DataTypes.StringType, false)
          .add(MODEL, DataTypes.StringType, false)
          .add(COUNT, DataTypes.IntegerType, false)
          .add(MEMORY, DataTypes.IntegerType, false);

  private GpuEnrichment() {}

  public static Dataset<Row> apply(
      SparkSession spark, Dataset<Row> normalized, GpuInstanceCatalog catalog) {
    List<Row> rows = new ArrayList<>();
    for (GpuInstanceType type : catalog.all()) {
      rows.add(
          RowFactory.create(
              type.instanceType().toLowerCase(Locale.ROOT),
              type.gpuModel(),
              type.gpuCount(),
              type.gpuMemoryGib()));
    }
    Dataset<Row> table = spark.createDataFrame(rows, CATALOG_SCHEMA);
    Dataset<Row> joined =
        normalized.join(
            broadcast(table), lower(col(INSTANCE_TYPE)).equalTo(col(KEY)), "left_outer");
    List<Column> columns = new ArrayList<>();
    for (String name : normalized.columns()) {
      Column value =
          switch (name) {
            case GPU_MODEL -> coalesce(col(MODEL), normalized.col(GPU_MODEL));
            case GPU_COUNT -> coalesce(col(COUNT), normalized.col(GPU_COUNT));
            case GPU_MEMORY_GIB -> coalesce(col(MEMORY), normalized.col(GPU_MEMORY_GIB));
            default -> normalized.col(SourceRows.quoted(name));
          };
      columns.add(value.as(name));
    }
    return joined.select(columns.toArray(new Column[0]));
  }
}
