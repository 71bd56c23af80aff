package io.fleetcost.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetcost.config.TelemetryFormat;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalLogTimesTest {
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  @Test
  void theRepeatedHourAtTheEndOfDaylightSavingTimeIsReadInLogOrder() {
    // 2026-11-01: New York clocks go back at 02:00 EDT (06:00Z) to 01:00 EST. A log every 30
    // minutes, two GPUs per
    // time, prints 00:30, 01:00, 01:30, 01:00, 01:30, 02:00 local.
    String[] printed = {"00:30", "01:00", "01:30", "01:00", "01:30", "02:00"};
    List<Instant> read = new ArrayList<>();
    Instant latest = null;
    for (String time : printed) {
      for (int gpu = 0; gpu < 2; gpu++) {
        LocalDateTime local = CsvTelemetryDecoder.smiLocalTime("2026/11/01 " + time + ":00.000");
        Instant instant = CsvTelemetryDecoder.inZone(local, NEW_YORK, latest);
        latest = latest == null || instant.isAfter(latest) ? instant : latest;
        if (gpu == 1) {
          read.add(instant);
        }
      }
    }
    assertThat(read)
        .containsExactly(
            Instant.parse("2026-11-01T04:30:00Z"),
            Instant.parse("2026-11-01T05:00:00Z"),
            Instant.parse("2026-11-01T05:30:00Z"),
            Instant.parse("2026-11-01T06:00:00Z"),
            Instant.parse("2026-11-01T06:30:00Z"),
            Instant.parse("2026-11-01T07:00:00Z"));
  }

  @Test
  void withoutAnOverlapTheLocalTimeIsTheZonesTime() {
    LocalDateTime local = CsvTelemetryDecoder.smiLocalTime("2026/11/27 11:21:01.609");
    assertThat(
            CsvTelemetryDecoder.inZone(
                local, ZoneId.of("Europe/Berlin"), Instant.parse("2026-11-27T12:00:00Z")))
        .as("a log that goes backwards outside an overlap is left as printed")
        .isEqualTo(Instant.parse("2026-11-27T10:21:01.609Z"));
  }

  @Test
  void theInstanceIdOfALogIsItsFileNameWithoutDataExtensions() {
    assertThat(task("/logs/i-0abc.csv.gz").fileStem()).isEqualTo("i-0abc");
    assertThat(task("/logs/vm.prod.01.log").fileStem()).isEqualTo("vm.prod.01");
    assertThat(task("/logs/gpu-box-7.CSV").fileStem()).isEqualTo("gpu-box-7");
  }

  private static TelemetryFileTask task(String path) {
    return new TelemetryFileTask(path, path, TelemetryFormat.NVIDIA_SMI, null, "UTC", null, null);
  }
}
