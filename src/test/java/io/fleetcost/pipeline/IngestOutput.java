package io.fleetcost.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetcost.spark.SharedSpark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Reads what {@code fleetcost ingest} wrote into a folder. */
public record IngestOutput(Path dir, JsonNode summary) {
  public static IngestOutput of(Path dir) {
    try {
      return new IngestOutput(
          dir, new ObjectMapper().readTree(dir.resolve("ingest-summary.json").toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The summary entry of the file whose path ends with {@code name}. */
  public JsonNode file(String name) {
    List<JsonNode> matches = new ArrayList<>();
    summary
        .get("files")
        .forEach(
            f -> {
              if (f.get("path").asText().endsWith(name)) {
                matches.add(f);
              }
            });
    assertThat(matches).as("files named %s in %s", name, summary.get("files")).hasSize(1);
    return matches.get(0);
  }

  /**
   * A per-currency total of a file entry (or of the summary): {@code billed_cost} or {@code
   * effective_cost}.
   */
  public static BigDecimal total(JsonNode entry, String currency, String field) {
    for (JsonNode total : entry.get("totals")) {
      if (total.get("currency").asText().equals(currency)) {
        return new BigDecimal(total.get(field).asText());
      }
    }
    throw new AssertionError("no " + currency + " total in " + entry.get("totals"));
  }

  public Dataset<Row> normalized() {
    return SharedSpark.session().read().parquet(dir.resolve("normalized").toString());
  }

  public Dataset<Row> quarantine() {
    return SharedSpark.session().read().parquet(dir.resolve("quarantine").toString());
  }

  /**
   * The file's rows: read = kept + quarantined + duplicate, the quarantine counts by reason add up,
   * and so do the duplicates by the file that keeps them.
   */
  public static void assertRowsBalance(JsonNode file) {
    long read = file.get("rows_read").asLong();
    long kept = file.get("rows_kept").asLong();
    long quarantined = file.get("rows_quarantined").asLong();
    long duplicate = file.get("rows_duplicate").asLong();
    assertThat(kept + quarantined + duplicate)
        .as("rows kept + quarantined + duplicate of %s", file.get("path"))
        .isEqualTo(read);
    long byReason = 0;
    for (JsonNode count : file.get("quarantined_by_reason")) {
      byReason += count.asLong();
    }
    assertThat(byReason).as("quarantined by reason of %s", file.get("path")).isEqualTo(quarantined);
    long byKeeper = 0;
    for (JsonNode count : file.get("duplicates_kept_in")) {
      byKeeper += count.asLong();
    }
    assertThat(byKeeper)
        .as("duplicates by the file keeping them, of %s", file.get("path"))
        .isEqualTo(duplicate);
  }
}
