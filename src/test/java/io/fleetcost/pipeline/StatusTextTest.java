package io.fleetcost.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetcost.scan.ScannedFile;
import io.fleetcost.summary.SummaryJson;
import org.junit.jupiter.api.Test;

/**
 * The status enums of a run, an ingested file and a scanned file are written as the text the
 * outputs carried when they were strings: in JSON through the summary's mapper, and in the
 * commands' printed lines through {@code toString()}.
 */
class StatusTextTest {
  private final ObjectMapper json = SummaryJson.mapper();

  @Test
  void everyStatusIsWrittenAsItsEarlierText() throws Exception {
    assertThat(json.writeValueAsString(RunSummary.Status.SUCCEEDED)).isEqualTo("\"succeeded\"");
    assertThat(json.writeValueAsString(RunSummary.Status.FAILED)).isEqualTo("\"failed\"");
    assertThat(json.writeValueAsString(FileIngestStats.Status.READ)).isEqualTo("\"read\"");
    assertThat(json.writeValueAsString(FileIngestStats.Status.EMPTY)).isEqualTo("\"empty\"");
    assertThat(json.writeValueAsString(FileIngestStats.Status.UNCHANGED))
        .isEqualTo("\"unchanged\"");
    assertThat(json.writeValueAsString(ScannedFile.Status.PARTLY_READ))
        .isEqualTo("\"partly-read\"");
    assertThat(json.writeValueAsString(ScannedFile.Status.SKIPPED)).isEqualTo("\"skipped\"");
    assertThat(String.format("%-11s|", ScannedFile.Status.ERROR)).isEqualTo("error      |");
  }

  @Test
  void theTextReadsBackAsTheSameStatus() throws Exception {
    assertThat(json.readValue("\"partly-read\"", ScannedFile.Status.class))
        .isEqualTo(ScannedFile.Status.PARTLY_READ);
    assertThat(json.readValue("\"unchanged\"", FileIngestStats.Status.class))
        .isEqualTo(FileIngestStats.Status.UNCHANGED);
    assertThat(json.readValue("\"failed\"", RunSummary.Status.class))
        .isEqualTo(RunSummary.Status.FAILED);
  }
}
