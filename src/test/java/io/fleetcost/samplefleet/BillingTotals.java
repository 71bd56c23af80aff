package io.fleetcost.samplefleet;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a billing writer wrote for one provider, with the EffectiveCost FleetCost derives from those
 * rows, exact and per billing currency.
 *
 * @param provider {@link FleetInstance#AWS}, {@link FleetInstance#GCP} or {@link
 *     FleetInstance#AZURE}
 * @param files the files written, relative to the folder the writer was given
 * @param rows data rows written (headers not counted)
 * @param instanceEffectiveCost the GPU instances' usage rows: Σ hourlyCost × hours billed
 * @param otherEffectiveCost everything else: disks, data transfer, commitment fees (their unused
 *     part)
 */
public record BillingTotals(
    String provider,
    List<Path> files,
    long rows,
    SortedMap<String, BigDecimal> instanceEffectiveCost,
    SortedMap<String, BigDecimal> otherEffectiveCost) {
  public BillingTotals {
    Objects.requireNonNull(provider, "provider is null");
    files = List.copyOf(files);
    instanceEffectiveCost = Collections.unmodifiableSortedMap(new TreeMap<>(instanceEffectiveCost));
    otherEffectiveCost = Collections.unmodifiableSortedMap(new TreeMap<>(otherEffectiveCost));
  }

  /** All rows' EffectiveCost per currency. */
  public SortedMap<String, BigDecimal> effectiveCost() {
    SortedMap<String, BigDecimal> total = new TreeMap<>(instanceEffectiveCost);
    otherEffectiveCost.forEach(
        (currency, amount) -> total.merge(currency, amount, BigDecimal::add));
    return Collections.unmodifiableSortedMap(total);
  }

  /** Adds up rows as a writer writes them. */
  static final class Accumulator {
    private final String provider;
    private final List<Path> files = new ArrayList<>();
    private final Map<String, BigDecimal> instance = new TreeMap<>();
    private final Map<String, BigDecimal> other = new TreeMap<>();
    private long rows;

    Accumulator(String provider) {
      this.provider = provider;
    }

    void file(Path relative) {
      files.add(relative);
    }

    void instanceRow(String currency, BigDecimal effectiveCost) {
      rows++;
      instance.merge(currency, effectiveCost, BigDecimal::add);
    }

    void otherRow(String currency, BigDecimal effectiveCost) {
      rows++;
      other.merge(currency, effectiveCost, BigDecimal::add);
    }

    BillingTotals build() {
      return new BillingTotals(
          provider, files, rows, new TreeMap<>(instance), new TreeMap<>(other));
    }
  }
}
