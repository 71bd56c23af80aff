package io.fleetcost.catalog;

import java.util.List;
import java.util.Objects;

/**
 * A MIG GPU-instance profile of one GPU's table.
 *
 * @param computeSlices of the GPU's 7
 * @param memorySlices of the GPU's 8; the profile occupies this many memory slices from its start
 * @param memoryGib usable memory, as {@code nvidia-smi mig -lgip} reports it
 * @param placements the allowed start memory slices
 */
public record MigProfile(
    String table,
    String profile,
    int computeSlices,
    int memorySlices,
    double memoryGib,
    int maxInstances,
    List<Integer> placements,
    String source,
    String asOf) {
  public static final int COMPUTE_SLICES = 7;
  public static final int MEMORY_SLICES = 8;

  public MigProfile {
    Objects.requireNonNull(table, "table is null");
    Objects.requireNonNull(profile, "profile is null");
    placements = List.copyOf(placements);
    if (computeSlices < 1
        || computeSlices > COMPUTE_SLICES
        || memorySlices < 1
        || memorySlices > MEMORY_SLICES) {
      throw new IllegalArgumentException("slices out of range for " + profile);
    }
    if (placements.isEmpty()) {
      throw new IllegalArgumentException("no placements for " + profile);
    }
    for (int start : placements) {
      if (start < 0 || start + memorySlices > MEMORY_SLICES) {
        throw new IllegalArgumentException("placement " + start + " does not fit " + profile);
      }
    }
    if (maxInstances < 1 || maxInstances > placements.size()) {
      throw new IllegalArgumentException("max instances of " + profile + " exceed its placements");
    }
  }
}
