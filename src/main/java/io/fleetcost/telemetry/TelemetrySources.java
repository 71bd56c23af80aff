package io.fleetcost.telemetry;

import io.fleetcost.config.TelemetryFormat;

/**
 * The reader of each telemetry format. The switch has no default: a new format does not compile
 * until it is wired.
 */
final class TelemetrySources {
  private TelemetrySources() {}

  static TelemetrySource forFormat(TelemetryFormat format) {
    return switch (format) {
      case DCGM_JSON -> new DcgmJsonRead();
      case DCGM_EXPOSITION -> new ExpositionDecoder();
      case NVIDIA_SMI -> new CsvTelemetryDecoder(TelemetryFormat.NVIDIA_SMI);
      case SAMPLES_CSV -> new CsvTelemetryDecoder(TelemetryFormat.SAMPLES_CSV);
    };
  }
}
