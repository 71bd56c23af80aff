package io.fleetcost.billing.gcp;

/** Patterns in Google Cloud SKU descriptions. */
final class GcpSkus {
  private GcpSkus() {}

  /**
   * The GPU model in a GPU SKU: "Nvidia Tesla A100 GPU running in Americas" → A100, "Nvidia Tesla
   * A100 80GB GPU" → A100 80GB, "Spot Preemptible Nvidia L4 GPU running in EMEA" → L4, "Nvidia H100
   * 80GB Plus GPU" → H100 80GB.
   */
  public static final String GPU_MODEL_PATTERN =
      "(?i)nvidia\\s+(?:tesla\\s+)?([a-z]+[0-9]+[a-z]*(?:\\s+[0-9]+gb)?)\\b.*\\bgpu\\b";

  /** Spot and preemptible SKUs say so in the description. */
  public static final String SPOT_PATTERN = "(?i)\\b(spot|preemptible)\\b";

  /** Committed-use fees: "Commitment v1: A2 GPU in Americas for 1 Year". */
  public static final String COMMITMENT_PATTERN = "(?i)^commitment\\b";
}
