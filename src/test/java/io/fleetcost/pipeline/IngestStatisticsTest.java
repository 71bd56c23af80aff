package io.fleetcost.pipeline;

import static io.fleetcost.model.CostColumns.BILLING_CURRENCY;
import static io.fleetcost.model.CostColumns.PROVIDER_NAME;
import static io.fleetcost.model.CostColumns.QUARANTINE_REASON;
import static io.fleetcost.model.CostColumns.SOURCE_FILE;
import static org.assertj.core.api.Assertions.assertThat;

import io.fleetcost.billing.BillingFormat;
import io.fleetcost.billing.Container;
import io.fleetcost.billing.FileLayout;
import io.fleetcost.billing.SourceFile;
import io.fleetcost.files.Compression;
import io.fleetcost.files.InputDiscovery;
import io.fleetcost.files.InputFile;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The ingest's result from made-up statistics rows, without Spark. */
class IngestStatisticsTest {
  private static final StructType KEPT =
      new StructType()
          .add(SOURCE_FILE, DataTypes.StringType)
          .add(PROVIDER_NAME, DataTypes.StringType)
          .add(BILLING_CURRENCY, DataTypes.StringType)
          .add("period", DataTypes.DateType)
          .add("rows", DataTypes.LongType)
          .add("billed", DataTypes.createDecimalType(38, 10))
          .add("effective", DataTypes.createDecimalType(38, 10))
          .add("start_min", DataTypes.TimestampType)
          .add("start_max", DataTypes.TimestampType)
          .add("gpu_rows", DataTypes.LongType)
          .add("repeats", DataTypes.LongType);
  private static final StructType COPIES =
      new StructType()
          .add(SOURCE_FILE, DataTypes.StringType)
          .add("kept_in", DataTypes.StringType)
          .add("period", DataTypes.DateType)
          .add("rows", DataTypes.LongType)
          .add("costs_differ", DataTypes.LongType);
  private static final StructType REASONS =
      new StructType()
          .add(SOURCE_FILE, DataTypes.StringType)
          .add(QUARANTINE_REASON, DataTypes.StringType)
          .add("rows", DataTypes.LongType);
  private static final StructType PERIODS =
      new StructType().add("file", DataTypes.StringType).add("period", DataTypes.DateType);

  @Test
  void filesProvidersAndTotalsComeFromTheStatisticsRows() {
    FileIngestStats empty =
        new FileIngestStats(
            "aws",
            "/in/e.csv",
            "cur2",
            "empty file",
            "e",
            0,
            FileIngestStats.Status.EMPTY,
            0,
            0,
            0,
            0,
            Map.of(),
            Map.of(),
            List.of(),
            null,
            null);
    BillingIngestJob.Plan plan =
        new BillingIngestJob.Plan(
            List.of(file("/in/a.csv"), file("/in/b.csv")),
            List.of(empty),
            new InputDiscovery.Result(List.of(), List.of()),
            List.of("a warning of the plan"));
    IngestStatistics.Rows rows =
        new IngestStatistics.Rows(
            List.of(
                kept("/in/a.csv", "AWS", "USD", "2026-10", 3, "1.50", "1.20", "2026-10-01", 1, 1),
                kept("/in/a.csv", null, "EUR", "2026-11", 2, "2.00", "2.00", "2026-11-20", 0, 0),
                kept("/in/b.csv", "AWS", "USD", "2026-10", 1, "0.50", "0.30", "2026-10-03", 0, 0)),
            List.of(row(REASONS, "/in/b.csv", "unreadable cost", 4L)),
            List.of(row(COPIES, "/in/b.csv", "/in/a.csv", month("2026-10"), 2L, 1L)),
            List.of(row(PERIODS, "/in/b.csv", month("2026-09"))));

    BillingIngestResult result = IngestStatistics.summarize(rows, plan, 12.5);

    assertThat(result.files())
        .extracting(FileIngestStats::path)
        .containsExactly("/in/a.csv", "/in/b.csv", "/in/e.csv");
    FileIngestStats a = result.files().get(0);
    assertThat(a.status()).isEqualTo(FileIngestStats.Status.READ);
    assertThat(a.formatDetail()).startsWith("CUR 2.0");
    assertThat(List.of(a.rowsRead(), a.rowsKept(), a.rowsQuarantined(), a.rowsDuplicate()))
        .containsExactly(5L, 5L, 0L, 0L);
    assertThat(a.totals())
        .containsExactly(
            new CurrencyTotals("EUR", 2, "2", "2"), new CurrencyTotals("USD", 3, "1.5", "1.2"));
    assertThat(a.chargePeriodStartMin()).isEqualTo("2026-10-01T00:00:00Z");
    assertThat(a.chargePeriodStartMax()).isEqualTo("2026-11-20T00:00:00Z");
    FileIngestStats b = result.files().get(1);
    assertThat(List.of(b.rowsRead(), b.rowsKept(), b.rowsQuarantined(), b.rowsDuplicate()))
        .containsExactly(7L, 1L, 4L, 2L);
    assertThat(b.duplicatesKeptIn()).containsExactly(Map.entry("/in/a.csv", 2L));
    assertThat(b.quarantinedByReason()).containsExactly(Map.entry("unreadable cost", 4L));
    assertThat(result.files().get(2)).isSameAs(empty);

    assertThat(
            List.of(
                result.rowsRead(),
                result.rowsKept(),
                result.rowsQuarantined(),
                result.rowsDuplicate(),
                result.gpuRows()))
        .containsExactly(12L, 6L, 4L, 2L, 1L);
    assertThat(result.totals())
        .containsExactly(
            new CurrencyTotals("EUR", 2, "2", "2"), new CurrencyTotals("USD", 4, "2", "1.5"));
    assertThat(result.byProvider())
        .containsExactly(
            new ProviderTotals("(none)", 2, List.of(new CurrencyTotals("EUR", 2, "2", "2"))),
            new ProviderTotals("AWS", 4, List.of(new CurrencyTotals("USD", 4, "2", "1.5"))));
    assertThat(result.seconds()).isEqualTo(12.5);
    assertThat(result.billingPeriods())
        .containsOnly(
            Map.entry("/in/a.csv", new TreeSet<>(List.of(ym("2026-10"), ym("2026-11")))),
            Map.entry("/in/b.csv", new TreeSet<>(List.of(ym("2026-09"), ym("2026-10")))));
    assertThat(result.warnings()).hasSize(3);
    assertThat(result.warnings().get(0)).isEqualTo("a warning of the plan");
    assertThat(result.warnings().get(1))
        .startsWith("/in/a.csv has 1 rows identical to an earlier row of the same file");
    assertThat(result.warnings().get(2))
        .startsWith(
            "/in/b.csv has 1 AWS CUR line items whose line item id and time interval are also in"
                + " /in/a.csv, with different costs; each counts once, from /in/a.csv");
  }

  @Test
  void aFileWithoutStatisticsRowsHasNoneRead() {
    BillingIngestJob.Plan plan =
        new BillingIngestJob.Plan(
            List.of(file("/in/a.csv")),
            List.of(),
            new InputDiscovery.Result(List.of(), List.of()),
            List.of());

    BillingIngestResult result =
        IngestStatistics.summarize(
            new IngestStatistics.Rows(List.of(), List.of(), List.of(), List.of()), plan, 0);

    FileIngestStats a = result.files().get(0);
    assertThat(List.of(a.rowsRead(), a.rowsKept(), a.rowsQuarantined(), a.rowsDuplicate()))
        .containsExactly(0L, 0L, 0L, 0L);
    assertThat(a.totals()).isEmpty();
    assertThat(a.chargePeriodStartMin()).isNull();
    assertThat(result.byProvider()).isEmpty();
    assertThat(result.billingPeriods()).isEmpty();
    assertThat(result.warnings()).isEmpty();
  }

  private static SourceFile file(String path) {
    return new SourceFile(
        new InputFile("aws", path, 100, "sha-" + path),
        new FileLayout(Container.CSV, Compression.NONE, List.of("bill_payer_account_id"), Map.of()),
        BillingFormat.AWS_CUR2,
        null);
  }

  private static Row kept(
      String file,
      String provider,
      String currency,
      String period,
      long rows,
      String billed,
      String effective,
      String start,
      long gpuRows,
      long repeats) {
    Timestamp startTime = Timestamp.from(Instant.parse(start + "T00:00:00Z"));
    return row(
        KEPT,
        file,
        provider,
        currency,
        month(period),
        rows,
        new BigDecimal(billed),
        new BigDecimal(effective),
        startTime,
        startTime,
        gpuRows,
        repeats);
  }

  private static Row row(StructType schema, Object... values) {
    return new GenericRowWithSchema(values, schema);
  }

  private static Date month(String month) {
    return Date.valueOf(LocalDate.parse(month + "-01"));
  }

  private static YearMonth ym(String month) {
    return YearMonth.parse(month);
  }
}
