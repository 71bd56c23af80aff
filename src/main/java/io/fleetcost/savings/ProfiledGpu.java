package io.fleetcost.savings;

import java.util.Objects;

/**
 * A GPU's profile with what joins it to the bill.
 *
 * @param resourceKey the billed resource's key (lower-case instance id or VM name); null when
 *     nothing names it
 * @param joinedBy how the key was found: {@code instance_id}, {@code provider_id}, {@code
 *     inventory}, or null
 */
public record ProfiledGpu(String resourceKey, String joinedBy, String cluster, GpuUsage usage) {
  public ProfiledGpu {
    Objects.requireNonNull(usage, "usage is null");
  }
}
