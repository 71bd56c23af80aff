package io.fleetcost.samplefleet;

import java.util.List;
import java.util.Locale;

/**
 * What nvidia-smi reports about a GPU model beyond the fleet's samples: power limit and idle draw,
 * SM clocks, and the model's PCI bus ids. Used to make power, temperature and clock columns
 * plausible, never for cost.
 */
record GpuSpecs(int powerLimitWatts, int idleWatts, int maxSmClockMhz, int idleSmClockMhz) {
  private record Known(String fragment, GpuSpecs specs) {}

  /** Most specific first: "H100 NVL" before "H100". */
  private static final List<Known> KNOWN =
      List.of(
          new Known("B200", new GpuSpecs(1000, 140, 1965, 345)),
          new Known("H200", new GpuSpecs(700, 75, 1980, 345)),
          new Known("H100 NVL", new GpuSpecs(400, 60, 1785, 345)),
          new Known("H100 PCIE", new GpuSpecs(350, 50, 1755, 345)),
          new Known("H100", new GpuSpecs(700, 70, 1980, 345)),
          new Known("A100-SXM", new GpuSpecs(400, 55, 1410, 210)),
          new Known("A100", new GpuSpecs(300, 40, 1410, 210)),
          new Known("L40S", new GpuSpecs(350, 35, 2520, 210)),
          new Known("A10G", new GpuSpecs(300, 25, 1710, 210)),
          new Known("L4", new GpuSpecs(72, 16, 2040, 210)),
          new Known("T4", new GpuSpecs(70, 10, 1590, 300)),
          new Known("V100", new GpuSpecs(300, 40, 1530, 135)));

  private static final GpuSpecs UNKNOWN = new GpuSpecs(300, 40, 1500, 210);

  static GpuSpecs of(String modelName) {
    String upper = modelName.toUpperCase(Locale.ROOT);
    return KNOWN.stream()
        .filter(k -> upper.contains(k.fragment()))
        .map(Known::specs)
        .findFirst()
        .orElse(UNKNOWN);
  }

  /** Draw rises linearly from idle to the limit with utilization. */
  double powerWatts(double utilPercent) {
    return idleWatts + (powerLimitWatts - idleWatts) * utilPercent / 100d;
  }

  int smClockMhz(double utilPercent) {
    return utilPercent > 0 ? maxSmClockMhz : idleSmClockMhz;
  }

  static int temperatureCelsius(double utilPercent) {
    return (int) Math.round(32 + utilPercent * 0.3);
  }

  /** A GPU's PCI bus id as nvidia-smi and DCGM print it; GPU {@code index} sits on its own bus. */
  static String pciBusId(int index) {
    return String.format(Locale.ROOT, "00000000:%02X:00.0", 0x10 + 8 * index);
  }
}
