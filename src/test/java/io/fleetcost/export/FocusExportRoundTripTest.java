package io.fleetcost.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetcost.TestPaths;
import io.fleetcost.cli.Cli;
import io.fleetcost.spark.SharedSpark;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each provider's export, in Parquet and in CSV, read back through FleetCost's own FOCUS reader
 * ({@code fleetcost ingest --format focus}) gives the totals of the original ingest per currency,
 * exactly: rows, BilledCost, EffectiveCost, and ListCost and ContractedCost as FOCUS 1.2 requires
 * them: never null, so a row the original reading has without one carries its BilledCost
 * (listcost.md, contractedcost.md). The CUR 2.0 sample has 6 such rows (tax, credit, discount,
 * refund lines), the Google Cloud sample 15 (its export has no contracted cost); so for those the
 * expected ListCost and ContractedCost totals are the original's plus the BilledCost of the rows
 * without one.
 */
class FocusExportRoundTripTest {
  @TempDir Path dir;

  static Stream<Arguments> exports() {
    return Stream.of(
        Arguments.of("aws-cur2", FocusExports.SAMPLES.get("aws-cur2"), 6L),
        Arguments.of("gcp", FocusExports.SAMPLES.get("gcp"), 15L),
        Arguments.of("azure", FocusExports.SAMPLES.get("azure"), 0L),
        Arguments.of("focus", FocusExports.SAMPLES.get("focus"), 0L),
        Arguments.of(
            "real AWS legacy CUR",
            TestPaths.realSample(
                "billing/aws-cur-legacy-csv/aws_cur_legacy_sample-anonymous-aws-export-dataset.csv"),
            null),
        Arguments.of(
            "real Azure EA amortized",
            TestPaths.realSample("billing/azure-ea/EA_AmortizedCost_Small.csv"),
            null),
        Arguments.of(
            "real FOCUS 1.0 sample",
            TestPaths.realSample("billing/focus-1.0-official-sample/focus_1.0_sample_1000.csv"),
            null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("exports")
  void parquetAndCsvReadBackWithTheOriginalTotals(
      String provider, Path file, Long rowsWithoutListOrContractedCost) throws IOException {
    Path original = dir.resolve("original");
    Cli.Result ingest = Cli.run("ingest", file.toString(), "--out", original.toString());
    assertThat(ingest.exitCode()).as(ingest.toString()).isZero();
    var normalized =
        SharedSpark.session().read().parquet(original.resolve("normalized").toString());
    Map<String, FocusExports.Totals> expected = FocusExports.totals(normalized);
    assertThat(expected).as("%s: rows kept", provider).isNotEmpty();
    long withoutListOrContracted =
        normalized.filter("ListCost IS NULL OR ContractedCost IS NULL").count();
    if (rowsWithoutListOrContractedCost != null) {
      assertThat(withoutListOrContracted)
          .as("%s: rows without ListCost or ContractedCost", provider)
          .isEqualTo(rowsWithoutListOrContractedCost);
    }

    Path export = dir.resolve("export");
    Cli.Result exported =
        Cli.run(
            "export",
            "focus",
            FocusExports.job(dir, List.of(file)).toString(),
            "--out",
            export.toString());
    assertThat(exported.exitCode()).as(exported.toString()).isZero();

    for (String format : List.of(FocusExport.PARQUET, FocusExport.CSV)) {
      Path back = dir.resolve("back-" + format);
      Cli.Result read =
          Cli.run(
              "ingest",
              export.resolve(format).toString(),
              "--format",
              "focus",
              "--out",
              back.toString());
      assertThat(read.exitCode()).as(read.toString()).isZero();
      JsonNode summary = new ObjectMapper().readTree(back.resolve("ingest-summary.json").toFile());
      assertThat(summary.get("rows_quarantined").asLong())
          .as("%s %s: quarantined", provider, format)
          .isZero();
      assertThat(summary.get("rows_duplicate").asLong())
          .as("%s %s: duplicates", provider, format)
          .isZero();
      Map<String, FocusExports.Totals> actual =
          FocusExports.totals(
              SharedSpark.session().read().parquet(back.resolve("normalized").toString()));
      assertThat(actual)
          .as(
              "%s read back from %s (%d rows carry their BilledCost as List/ContractedCost)",
              provider, format, withoutListOrContracted)
          .isEqualTo(expected);
    }

    Map<String, FocusExports.Totals> inMetadata = new TreeMap<>();
    for (JsonNode total :
        new ObjectMapper()
            .readTree(export.resolve(FocusExport.METADATA).toFile())
            .get("x_Totals")) {
      inMetadata.put(
          total.get("BillingCurrency").asText(),
          new FocusExports.Totals(
              total.get("Rows").asLong(),
              new BigDecimal(total.get("BilledCost").asText()),
              new BigDecimal(total.get("EffectiveCost").asText()),
              new BigDecimal(total.get("ListCost").asText()),
              new BigDecimal(total.get("ContractedCost").asText())));
    }
    assertThat(inMetadata).as("%s: metadata.json's totals", provider).isEqualTo(expected);
  }
}
