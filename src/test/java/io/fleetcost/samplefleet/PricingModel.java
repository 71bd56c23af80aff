package io.fleetcost.samplefleet;

/**
 * How an instance is paid for. COMMITTED is a Savings Plan on AWS, a committed-use discount on
 * Google Cloud and a reservation on Azure.
 */
public enum PricingModel {
  ON_DEMAND,
  SPOT,
  COMMITTED
}
