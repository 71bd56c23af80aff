package io.fleetcost.billing;

/** How a billing file stores its rows, found by looking at its first bytes rather than its name. */
public enum Container {
  CSV,
  JSON_LINES,
  PARQUET
}
