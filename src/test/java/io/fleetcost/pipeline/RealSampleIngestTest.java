package io.fleetcost.pipeline;

import static io.fleetcost.pipeline.IngestOutput.assertRowsBalance;
import static io.fleetcost.pipeline.IngestOutput.total;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetcost.TestPaths;
import io.fleetcost.cli.Cli;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code fleetcost ingest} on each real billing sample (src/test/resources/real-samples/billing):
 * every row is accounted for, and the cost totals per currency equal the source's own cost column
 * summed independently (Commons CSV and BigDecimal, or Spark's plain Parquet reader), to the last
 * digit.
 */
class RealSampleIngestTest {
  @TempDir Path out;

  record Sample(
      String file,
      String format,
      long expectedRows,
      boolean parquet,
      String costColumn,
      String currencyColumn,
      String totalField) {}

  static Stream<Arguments> samples() {
    return Stream.of(
        Arguments.of(
            new Sample(
                "focus-1.0-official-sample/focus_1.0_sample_1000.csv",
                "focus",
                1_000,
                false,
                "BilledCost",
                "BillingCurrency",
                "billed_cost")),
        Arguments.of(
            new Sample(
                "focus-1.0-official-sample/focus_1.0_sample_1000.csv",
                "focus",
                1_000,
                false,
                "EffectiveCost",
                "BillingCurrency",
                "effective_cost")),
        Arguments.of(
            new Sample(
                "aws-cur-legacy-csv/aws_cur_legacy_sample-anonymous-aws-export-dataset.csv",
                "aws-cur",
                1_281,
                false,
                "lineItem/UnblendedCost",
                "lineItem/CurrencyCode",
                "billed_cost")),
        Arguments.of(
            new Sample(
                "aws-cur-workshop-parquet/Oct2018-WorkshopCUR-00001.snappy.parquet",
                "aws-cur",
                119_307,
                true,
                "line_item_unblended_cost",
                "line_item_currency_code",
                "billed_cost")),
        Arguments.of(
            new Sample(
                "azure-ea/EA_ActualCost_Small.csv",
                "azure-cost-details",
                11,
                false,
                "Cost",
                "BillingCurrency",
                "billed_cost")),
        Arguments.of(
            new Sample(
                "azure-ea/EA_AmortizedCost_Small.csv",
                "azure-cost-details",
                28,
                false,
                "Cost",
                "BillingCurrency",
                "effective_cost")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void totalsEqualTheSourceCostColumn(Sample sample) {
    Path file = TestPaths.realSample("billing/" + sample.file());
    Cli.Result result = Cli.run("ingest", file.toString(), "--out", out.toString());
    assertThat(result.exitCode()).as(result.toString()).isZero();

    IndependentSums.CsvTotals expected =
        sample.parquet()
            ? IndependentSums.parquet(file, sample.costColumn(), sample.currencyColumn())
            : IndependentSums.csv(file, sample.costColumn(), sample.currencyColumn());
    JsonNode stats = IngestOutput.of(out).file(file.getFileName().toString());
    assertThat(stats.get("format").asText()).isEqualTo(sample.format());
    assertRowsBalance(stats);
    assertThat(expected.rows()).as("rows counted independently").isEqualTo(sample.expectedRows());
    assertThat(stats.get("rows_read").asLong()).isEqualTo(sample.expectedRows());
    assertThat(stats.get("rows_quarantined").asLong()).as("real samples are valid input").isZero();
    assertThat(expected.byCurrency()).isNotEmpty();
    for (Map.Entry<String, BigDecimal> currency : expected.byCurrency().entrySet()) {
      BigDecimal ours = total(stats, currency.getKey(), sample.totalField());
      assertThat(ours)
          .as("%s %s of %s", currency.getKey(), sample.totalField(), sample.file())
          .isEqualByComparingTo(currency.getValue().setScale(18, java.math.RoundingMode.HALF_UP));
    }
    assertThat(stats.get("totals")).hasSize(expected.byCurrency().size());
  }
}
