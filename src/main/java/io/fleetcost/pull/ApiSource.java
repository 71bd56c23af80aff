package io.fleetcost.pull;

import java.util.Map;

/** A cloud API that a billing input pulls from: one class per API, behind this interface. */
public interface ApiSource {
  /** The API's name in messages: {@code AWS Cost Explorer}. */
  String api();

  /** Every row of the window, every page; calls go through {@code retrying}. */
  LandedPull fetch(PullWindow window, Retrying retrying);

  /** What a failed call means: retryable or not, the status, the request id. */
  ApiFailure classify(RuntimeException failure);

  /**
   * The landed column holding each row's day ({@code yyyy-MM-dd}): rows are landed by its month.
   */
  String dayColumn();

  /**
   * Amount columns and the column of each one's currency, summed per currency in {@code pull.json}.
   */
  Map<String, String> amountColumns();

  /** The extension of the raw responses' files ({@code json}). */
  default String rawExtension() {
    return "json";
  }
}
