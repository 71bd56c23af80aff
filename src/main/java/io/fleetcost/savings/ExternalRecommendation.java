package io.fleetcost.savings;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A cloud's own recommendation for one resource, imported beside FleetCost's opportunities: today
 * AWS Cost Explorer's EC2 rightsizing ({@code TERMINATE} or {@code MODIFY} to a target type).
 *
 * @param source where it comes from ({@code aws-cost-explorer})
 * @param instanceName the name the cloud shows (its Name tag), or null
 * @param action {@code TERMINATE} or {@code MODIFY}
 * @param targetInstanceType for {@code MODIFY}, the recommended type
 * @param estimatedMonthlySaving what the cloud estimates, in {@code currency}
 * @param reasons the cloud's finding reason codes, space-separated
 */
public record ExternalRecommendation(
    String source,
    String accountId,
    String resourceId,
    String instanceName,
    String instanceType,
    String region,
    String action,
    String targetInstanceType,
    BigDecimal currentMonthlyCost,
    BigDecimal estimatedMonthlySaving,
    String currency,
    String reasons) {
  public static final String TERMINATE = "TERMINATE";
  public static final String MODIFY = "MODIFY";

  public ExternalRecommendation {
    Objects.requireNonNull(source, "source is null");
    Objects.requireNonNull(resourceId, "resourceId is null");
  }
}
