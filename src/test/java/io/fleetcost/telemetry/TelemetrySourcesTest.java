package io.fleetcost.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetcost.config.TelemetryFormat;
import org.junit.jupiter.api.Test;

class TelemetrySourcesTest {
  @Test
  void everyFormatHasItsSourceAndOnlyPrometheusJsonHasItsOwnReader() {
    for (TelemetryFormat format : TelemetryFormat.values()) {
      TelemetrySource source = TelemetrySources.forFormat(format);
      assertThat(source.format()).isEqualTo(format);
      assertThat(source.perFile()).isEqualTo(format != TelemetryFormat.DCGM_JSON);
    }
  }
}
