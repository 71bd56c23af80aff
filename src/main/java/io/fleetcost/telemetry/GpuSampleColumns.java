package io.fleetcost.telemetry;

import java.util.List;
import java.util.Map;

/**
 * Column and metric names of the {@code gpu_samples} table (one row per GPU or MIG instance per
 * sample time).
 */
public final class GpuSampleColumns {
  private GpuSampleColumns() {}

  public static final String SAMPLE_TIME = "sample_time";
  public static final String CLUSTER = "cluster";
  public static final String NODE = "node";
  public static final String INSTANCE_ID = "instance_id";
  public static final String PROVIDER_ID = "provider_id";
  public static final String GPU_UUID = "gpu_uuid";
  public static final String GPU_INDEX = "gpu_index";
  public static final String MIG_PROFILE = "mig_profile";
  public static final String MIG_INSTANCE_ID = "mig_instance_id";
  public static final String GPU_MODEL = "gpu_model";
  public static final String NAMESPACE = "namespace";
  public static final String POD = "pod";
  public static final String CONTAINER = "container";

  /** The labels that identify a series: everything but the metric and its value. */
  public static final List<String> LABELS =
      List.of(
          CLUSTER,
          NODE,
          INSTANCE_ID,
          PROVIDER_ID,
          GPU_UUID,
          GPU_INDEX,
          MIG_PROFILE,
          MIG_INSTANCE_ID,
          GPU_MODEL,
          NAMESPACE,
          POD,
          CONTAINER);

  /**
   * Metrics, as columns of the wide table. GPU_UTIL is 0–100; the PROF_ activities are 0–1 ratios.
   */
  public static final String GPU_UTIL = "gpu_util";

  public static final String GR_ENGINE_ACTIVE = "gr_engine_active";
  public static final String SM_ACTIVE = "sm_active";
  public static final String FB_USED_MIB = "fb_used_mib";
  public static final String FB_FREE_MIB = "fb_free_mib";
  public static final String FB_RESERVED_MIB = "fb_reserved_mib";
  public static final String FB_TOTAL_MIB = "fb_total_mib";
  public static final String POWER_W = "power_w";

  public static final List<String> METRICS =
      List.of(
          GPU_UTIL,
          GR_ENGINE_ACTIVE,
          SM_ACTIVE,
          FB_USED_MIB,
          FB_FREE_MIB,
          FB_RESERVED_MIB,
          FB_TOTAL_MIB,
          POWER_W);

  /** DCGM field names (as the exporter names the Prometheus metrics) → FleetCost's metric names. */
  public static final Map<String, String> DCGM_METRICS =
      Map.of(
          "DCGM_FI_DEV_GPU_UTIL", GPU_UTIL,
          "DCGM_FI_PROF_GR_ENGINE_ACTIVE", GR_ENGINE_ACTIVE,
          "DCGM_FI_PROF_SM_ACTIVE", SM_ACTIVE,
          "DCGM_FI_DEV_FB_USED", FB_USED_MIB,
          "DCGM_FI_DEV_FB_FREE", FB_FREE_MIB,
          "DCGM_FI_DEV_FB_RESERVED", FB_RESERVED_MIB,
          "DCGM_FI_DEV_POWER_USAGE", POWER_W);

  /**
   * DCGM exporter labels → FleetCost's label names. {@code Hostname} was renamed {@code hostname}
   * in 2026.
   */
  public static final Map<String, String> DCGM_LABELS =
      Map.ofEntries(
          Map.entry("gpu", GPU_INDEX),
          Map.entry("UUID", GPU_UUID),
          Map.entry("Hostname", NODE),
          Map.entry("hostname", NODE),
          Map.entry("modelName", GPU_MODEL),
          Map.entry("GPU_I_PROFILE", MIG_PROFILE),
          Map.entry("GPU_I_ID", MIG_INSTANCE_ID),
          Map.entry("namespace", NAMESPACE),
          Map.entry("exported_namespace", NAMESPACE),
          Map.entry("pod", POD),
          Map.entry("exported_pod", POD),
          Map.entry("container", CONTAINER),
          Map.entry("exported_container", CONTAINER),
          Map.entry("cluster", CLUSTER),
          Map.entry("instance_id", INSTANCE_ID),
          Map.entry("provider_id", PROVIDER_ID));

  public static final String SOURCE_FORMAT = "x_SourceFormat";
  public static final String SOURCE_FILE = "x_SourceFile";
  public static final String SOURCE_LINE = "x_SourceLine";
  public static final String DECODE_ERROR = "x_DecodeError";
  public static final String RAW_RECORD = "x_RawRecord";
  public static final String METRIC = "metric";
  public static final String VALUE = "value";
}
