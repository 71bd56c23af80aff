package io.fleetcost.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where the catalog's prices come from: the bundled tables ({@code bundled}, the default), or the
 * bundled tables with the GCP machine-type prices of the newest pull of the Cloud Billing Catalog
 * API ({@code gcp-billing-catalog}), which {@code fleetcost pull} and {@code fleetcost run} land
 * first. Written as {@code catalog: gcp-billing-catalog} or as a section with {@code source},
 * {@code endpoint}, {@code retry} and {@code time-limit-minutes}.
 *
 * @param endpoint {@code host:port} instead of Google's (a proxy)
 * @param timeLimitMinutes the whole pull's time limit (default 30)
 */
public record CatalogConfig(
    @JsonProperty("source") String source,
    @JsonProperty("endpoint") String endpoint,
    @JsonProperty("retry") RetryConfig retry,
    @JsonProperty("time-limit-minutes") Integer timeLimitMinutes) {
  public static final String BUNDLED = "bundled";
  public static final String GCP_BILLING_CATALOG = "gcp-billing-catalog";

  /**
   * The landing folder's input name of the catalog's pulls: {@code
   * <output>/landing/catalog-gcp/<date>/}.
   */
  public static final String LANDING_INPUT = "catalog-gcp";

  public static final CatalogConfig DEFAULT = new CatalogConfig(BUNDLED, null, null, null);

  @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
  public CatalogConfig {
    source = source == null ? BUNDLED : source.trim();
    retry = retry == null ? RetryConfig.DEFAULT : retry;
    if (!source.equals(BUNDLED) && !source.equals(GCP_BILLING_CATALOG)) {
      throw new IllegalArgumentException(
          "catalog.source must be "
              + BUNDLED
              + " or "
              + GCP_BILLING_CATALOG
              + " (got '"
              + source
              + "')");
    }
    if (timeLimitMinutes != null && timeLimitMinutes < 1) {
      throw new IllegalArgumentException(
          "catalog.time-limit-minutes must be at least 1, not " + timeLimitMinutes);
    }
  }

  /** {@code catalog: gcp-billing-catalog}. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static CatalogConfig of(String source) {
    return new CatalogConfig(source, null, null, null);
  }

  /** Whether a run's catalog comes from a pull. */
  public boolean pulled() {
    return source.equals(GCP_BILLING_CATALOG);
  }
}
