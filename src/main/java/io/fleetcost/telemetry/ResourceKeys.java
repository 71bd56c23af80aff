package io.fleetcost.telemetry;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;

/**
 * The key that joins GPU telemetry to billed resources: the cloud instance's own name as the bill
 * knows it, lower-cased (an EC2 instance id, a Compute Engine instance name, an Azure VM or
 * scale-set name).
 *
 * <ul>
 *   <li>From a Kubernetes node's {@code providerID}: {@code aws:///us-east-1a/i-0abc} → {@code
 *       i-0abc}; {@code gce://project/zone/name} → {@code name}; {@code
 *       azure:///subscriptions/…/virtualMachines/name} → {@code name}, and for a scale-set node
 *       {@code …/virtualMachineScaleSets/pool/virtualMachines/3} → {@code pool} (Azure bills the
 *       scale set).
 *   <li>From an instance id or resource id: its last path segment.
 *   <li>From the bill: AWS and Azure {@code ResourceId}'s last path segment; Google Cloud's {@code
 *       ResourceName}.
 * </ul>
 */
public final class ResourceKeys {
  private ResourceKeys() {}

  public static Column fromProviderId(Column providerId) {
    Column scaleSet =
        regexp_extract(
            providerId, "(?i)/virtualMachineScaleSets/([^/]+)/virtualMachines/[^/]+$", 1);
    Column last = regexp_extract(providerId, "([^/]+)$", 1);
    Column key =
        when(providerId.isNull(), lit(null).cast(DataTypes.StringType))
            .when(scaleSet.notEqual(lit("")), scaleSet)
            .otherwise(last);
    return nullIfEmpty(lower(key));
  }

  public static Column fromInstanceId(Column instanceId) {
    return nullIfEmpty(lower(regexp_extract(instanceId, "([^/]+)$", 1)));
  }

  /** The key of a billing row, from its ProviderName, ResourceId and ResourceName. */
  public static Column fromBill(Column providerName, Column resourceId, Column resourceName) {
    Column fromId = lower(regexp_extract(resourceId, "([^/]+)$", 1));
    return nullIfEmpty(
        when(providerName.equalTo(lit("Google Cloud")), coalesce(lower(resourceName), fromId))
            .otherwise(fromId));
  }

  private static final java.util.regex.Pattern SCALE_SET_VM =
      java.util.regex.Pattern.compile(
          "(?i)/virtualMachineScaleSets/([^/]+)/virtualMachines/[^/]+$");

  /** {@link #fromProviderId(Column)} for one value, on the driver. */
  public static String ofProviderId(String providerId) {
    if (providerId == null) {
      return null;
    }
    java.util.regex.Matcher scaleSet = SCALE_SET_VM.matcher(providerId);
    return emptyToNull(
        (scaleSet.find() ? scaleSet.group(1) : lastSegment(providerId))
            .toLowerCase(java.util.Locale.ROOT));
  }

  /** {@link #fromInstanceId(Column)} for one value, on the driver. */
  public static String ofInstanceId(String instanceId) {
    return instanceId == null
        ? null
        : emptyToNull(lastSegment(instanceId).toLowerCase(java.util.Locale.ROOT));
  }

  private static String lastSegment(String path) {
    return path.endsWith("/") ? "" : path.substring(path.lastIndexOf('/') + 1);
  }

  private static String emptyToNull(String text) {
    return text.isEmpty() ? null : text;
  }

  private static Column nullIfEmpty(Column text) {
    return when(text.isNull().or(text.equalTo(lit(""))), lit(null).cast(DataTypes.StringType))
        .otherwise(text);
  }
}
