package io.fleetcost.telemetry;

import static io.fleetcost.telemetry.GpuSampleColumns.CLUSTER;
import static io.fleetcost.telemetry.GpuSampleColumns.INSTANCE_ID;
import static io.fleetcost.telemetry.GpuSampleColumns.NODE;
import static io.fleetcost.telemetry.GpuSampleColumns.PROVIDER_ID;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Adds to each GPU sample the key of the billed resource it ran on, and how it was found, in this
 * order: the sample's cloud instance id (nvidia-smi logs, labelled exporters), its node's
 * providerID label, the inventory's entry for its node in its cluster, the inventory's entry for
 * its node in any cluster.
 */
public final class SampleKeys {
  public static final String INVENTORY_KEY = "x_InventoryKey";
  public static final String INVENTORY_ANY_KEY = "x_InventoryAnyKey";

  private static final StructType WITH_CLUSTER =
      new StructType()
          .add("x_InvCluster", DataTypes.StringType)
          .add("x_InvNode", DataTypes.StringType)
          .add(INVENTORY_KEY, DataTypes.StringType);
  private static final StructType ANY_CLUSTER =
      new StructType()
          .add("x_InvAnyNode", DataTypes.StringType)
          .add(INVENTORY_ANY_KEY, DataTypes.StringType);

  private SampleKeys() {}

  public static Dataset<Row> withInventory(
      SparkSession spark, Dataset<Row> samples, NodeInventory inventory) {
    List<Row> withCluster = new ArrayList<>();
    List<Row> anyCluster = new ArrayList<>();
    for (NodeInventory.Entry entry : inventory.entries()) {
      if (entry.cluster() == null) {
        anyCluster.add(RowFactory.create(entry.node(), entry.resourceKey()));
      } else {
        withCluster.add(RowFactory.create(entry.cluster(), entry.node(), entry.resourceKey()));
      }
    }
    Dataset<Row> clustered = spark.createDataFrame(withCluster, WITH_CLUSTER);
    Dataset<Row> any = spark.createDataFrame(anyCluster, ANY_CLUSTER);
    return samples
        .join(
            broadcast(clustered),
            col(CLUSTER)
                .equalTo(col("x_InvCluster"))
                .and(lower(col(NODE)).equalTo(col("x_InvNode"))),
            "left")
        .join(broadcast(any), lower(col(NODE)).equalTo(col("x_InvAnyNode")), "left")
        .drop("x_InvCluster", "x_InvNode", "x_InvAnyNode");
  }

  /** The resource key of a sample that went through {@link #withInventory}. */
  public static Column resourceKey() {
    return coalesce(
        ResourceKeys.fromInstanceId(col(INSTANCE_ID)),
        ResourceKeys.fromProviderId(col(PROVIDER_ID)),
        col(INVENTORY_KEY),
        col(INVENTORY_ANY_KEY));
  }

  /** How {@link #resourceKey()} was found. */
  public static Column joinedBy() {
    return when(ResourceKeys.fromInstanceId(col(INSTANCE_ID)).isNotNull(), lit("instance_id"))
        .when(ResourceKeys.fromProviderId(col(PROVIDER_ID)).isNotNull(), lit("provider_id"))
        .when(
            col(INVENTORY_KEY).isNotNull().or(col(INVENTORY_ANY_KEY).isNotNull()), lit("inventory"))
        .otherwise(lit(null).cast(DataTypes.StringType));
  }
}
