package io.fleetcost.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleetcost.billing.NormalizedCostSchema;
import io.fleetcost.cli.Cli;
import io.fleetcost.cli.FleetCostCommand;
import io.fleetcost.history.BillingStore;
import io.fleetcost.history.HistoryStore;
import io.fleetcost.history.TableCommitHook;
import io.fleetcost.spark.SharedSpark;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Incremental billing ingest, night after night, into one history, with two billing inputs:
 *
 * <ul>
 *   <li>{@code focus}: a FOCUS export delivered as one file per day, hourly rows of two g5.xlarge
 *       instances ({@code i-aaa}, idle, tagged team=search; {@code i-bbb}, busy); the file of 31
 *       Oct repeats the last two rows of 30 Oct (an overlapping extract: they count once), and the
 *       file of 30 Oct has one row with an unreadable cost (quarantined);
 *   <li>{@code azure}: an Azure cost-details month-to-date file of October, one daily row of an
 *       NC24ads A100 VM (no telemetry), re-delivered at the same path with more days and another
 *       cost.
 * </ul>
 *
 * Night 1 (run date 31 Oct) reads everything; night 2 (1 Nov) finds the day file of 1 Nov, a
 * billing period no other file covers, and reads only it (appended to November); night 3 (2 Nov)
 * finds the Azure file changed and replaces its October, and a late file of 1 Nov for a third
 * instance, {@code i-ddd}, that shares no row with the file of 1 Nov: appended to November, read
 * alone, in the same commit. A {@code --full} run of 2 Nov into a fresh warehouse then gives the
 * same opportunities, cost analysis and kept table row for row. Night 4 (2 Nov again) finds the day
 * file of 2 Nov, whose period the files of 1 Nov cover too (and two of whose rows it repeats): all
 * three are read, in a second read; killed between the rows' commit and the ledger's first, then
 * run again; the kept table is again, row for row, a read of every file ({@code fleetcost ingest}).
 */
class IncrementalBillingTest {
  @TempDir static Path dir;
  static Path focus;
  static Path azure;
  static Path job;
  static Path warehouse;
  static final String[] INPUTS = {"focus", "azure"};
  static final Map<String, JsonNode> ingest = new LinkedHashMap<>();
  static final Map<String, JsonNode> summaries = new LinkedHashMap<>();
  static final Map<String, List<String>> keptAfter = new LinkedHashMap<>();
  static Cli.Result killed;
  static List<String> readAll;

  @BeforeAll
  static void nights() throws Exception {
    focus = Files.createDirectories(dir.resolve("exports/focus"));
    azure = Files.createDirectories(dir.resolve("exports/azure"));
    writeFocusDay(LocalDate.parse("2026-10-30"), null, true);
    writeFocusDay(LocalDate.parse("2026-10-31"), LocalDate.parse("2026-10-30"), false);
    writeAzure(List.of("10/29/2026", "10/30/2026"), "80.88");
    writeTelemetry();
    warehouse = dir.resolve("warehouse");
    job =
        Files.writeString(
            dir.resolve("job.yaml"),
            String.join(
                "\n",
                "name: incremental",
                "billing:",
                "  - name: focus",
                "    path: exports/focus",
                "  - name: azure",
                "    path: exports/azure",
                "    azure-cost-dataset: actual",
                "    cadence: daily",
                "telemetry:",
                "  - name: gpus",
                "    path: telemetry",
                "    format: gpu-samples-csv",
                "savings:",
                "  lookback-days: 3",
                "data-quality:",
                "  on-missing-input: warn",
                ""));

    night("1", "2026-10-31", false, warehouse);
    writeFocusDay(LocalDate.parse("2026-11-01"), null, false);
    night("2", "2026-11-01", false, warehouse);
    writeAzure(List.of("10/29/2026", "10/30/2026", "10/31/2026"), "79.50");
    writeLateFocusFile(LocalDate.parse("2026-11-01"), "i-ddd");
    night("3", "2026-11-02", false, warehouse);
    night("full-3", "2026-11-02", true, dir.resolve("warehouse-full-3"));

    writeFocusDay(LocalDate.parse("2026-11-02"), LocalDate.parse("2026-11-01"), false);
    // killed between the rows' commit and the ledger's: the ledger is left behind the rows
    killed =
        cli(
            TableCommitHook.NONE,
            "billing_files",
            "run",
            job.toString(),
            "--date",
            "2026-11-02",
            "--out",
            dir.resolve("out-killed").toString(),
            "--warehouse",
            warehouse.toString());
    night("4", "2026-11-02", false, warehouse);
    // a read of every file, without history: `fleetcost ingest` (one input, but the two inputs'
    // files are of two
    // formats, compared apart either way)
    Path all = dir.resolve("out-ingest-all");
    Cli.Result ingestAll =
        Cli.run(
            "ingest",
            focus.toString(),
            azure.toString(),
            "--azure-cost-dataset",
            "actual",
            "--out",
            all.toString());
    assertThat(ingestAll.exitCode()).as(ingestAll.toString()).isZero();
    readAll =
        sortedJson(SharedSpark.session().read().parquet(all.resolve("normalized").toString()));
  }

  private static void night(String name, String date, boolean full, Path warehouse)
      throws Exception {
    Path out = dir.resolve("out-" + name);
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                job.toString(),
                "--date",
                date,
                "--out",
                out.toString(),
                "--warehouse",
                warehouse.toString()));
    if (full) {
      args.add("--full");
    }
    Cli.Result result = Cli.run(args.toArray(String[]::new));
    assertThat(result.exitCode()).as(result.toString()).isZero();
    ObjectMapper json = new ObjectMapper();
    ingest.put(name, json.readTree(out.resolve("billing/ingest-summary.json").toFile()));
    summaries.put(name, json.readTree(out.resolve("summary.json").toFile()));
    keptAfter.put(name, kept(warehouse));
  }

  /** Runs the command with a hook that throws before the commit of {@code failBefore}. */
  private static Cli.Result cli(TableCommitHook base, String failBefore, String... args) {
    TableCommitHook hook =
        (table, date) -> {
          base.beforeCommit(table, date);
          if (table.equals(failBefore)) {
            throw new IllegalStateException("stopped before the commit of " + table);
          }
        };
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine =
        FleetCostCommand.commandLine(SharedSpark.provider(), Clock.systemUTC(), hook);
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    return new Cli.Result(exitCode, out.toString(), err.toString());
  }

  /** The kept table's rows of the job's inputs, every normalized column, as sorted JSON lines. */
  static List<String> kept(Path warehouse) {
    HistoryStore history =
        HistoryStore.open(SharedSpark.session(), warehouse.toString(), "fleetcost", line -> {});
    Dataset<Row> rows =
        BillingStore.open(SharedSpark.session(), history, line -> {}, TableCommitHook.NONE)
            .rows(List.of(INPUTS));
    assertThat(rows.schema().fieldNames())
        .containsExactly(NormalizedCostSchema.STRUCT.fieldNames());
    return sortedJson(rows);
  }

  /** Every row, every column, as sorted JSON lines. */
  static List<String> sortedJson(Dataset<Row> rows) {
    Column[] columns =
        Arrays.stream(rows.schema().fieldNames())
            .map(n -> col("`" + n + "`"))
            .toArray(Column[]::new);
    List<String> lines = new ArrayList<>();
    rows.select(to_json(struct(columns))).collectAsList().forEach(r -> lines.add(r.getString(0)));
    lines.sort(null);
    return lines;
  }

  // ---- the exports

  static final String FOCUS_HEADER =
      "ChargePeriodStart,ChargePeriodEnd,ChargeCategory,BilledCost,EffectiveCost,BillingCurrency,ProviderName,"
          + "SubAccountId,RegionId,ResourceId,PricingCategory,ServiceCategory,SkuPriceDetails,Tags\n";

  private static String focusRow(Instant from, String cost, String resource, String tags) {
    return String.join(
            ",",
            from.toString(),
            from.plus(1, ChronoUnit.HOURS).toString(),
            "Usage",
            cost,
            cost,
            "USD",
            "AWS",
            "111122223333",
            "us-east-1",
            resource,
            "Standard",
            "Compute",
            "\"{\"\"InstanceType\"\": \"\"g5.xlarge\"\"}\"",
            "\"" + tags + "\"")
        + "\n";
  }

  private static List<String> focusDay(LocalDate day) {
    List<String> rows = new ArrayList<>();
    Instant start = day.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
    for (int h = 0; h < 24; h++) {
      Instant from = start.plus(h, ChronoUnit.HOURS);
      rows.add(focusRow(from, "1.006", "i-aaa", "{\"\"team\"\": \"\"search\"\"}"));
      rows.add(focusRow(from, "1.006", "i-bbb", "{}"));
    }
    return rows;
  }

  /**
   * A day's file: 48 hourly rows, the last two rows of {@code repeats} before them, one bad row
   * when asked.
   */
  static void writeFocusDay(LocalDate day, LocalDate repeats, boolean badRow) throws Exception {
    StringBuilder csv = new StringBuilder(FOCUS_HEADER);
    if (repeats != null) {
      List<String> earlier = focusDay(repeats);
      csv.append(earlier.get(46)).append(earlier.get(47));
    }
    focusDay(day).forEach(csv::append);
    if (badRow) {
      csv.append(
          focusRow(day.atTime(23, 0).toInstant(java.time.ZoneOffset.UTC), "n/a", "i-ccc", "{}"));
    }
    Files.writeString(focus.resolve("focus-" + day + ".csv"), csv);
  }

  /**
   * A late file of one day: 24 hourly rows of one more instance (no telemetry), named after the day
   * and instance.
   */
  static void writeLateFocusFile(LocalDate day, String resource) throws Exception {
    StringBuilder csv = new StringBuilder(FOCUS_HEADER);
    Instant start = day.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
    for (int h = 0; h < 24; h++) {
      csv.append(focusRow(start.plus(h, ChronoUnit.HOURS), "0.75", resource, "{}"));
    }
    Files.writeString(focus.resolve("focus-" + day + "-" + resource + ".csv"), csv);
  }

  static final String AZURE_HEADER =
      "Date,MeterName,MeterCategory,CostInBillingCurrency,BillingCurrencyCode,SubscriptionId,ResourceId,ResourceLocation,"
          + "Quantity,UnitOfMeasure,ChargeType,PricingModel,AdditionalInfo,Tags,BillingPeriodStartDate,BillingPeriodEndDate\n";

  /** The month-to-date file of October: one daily row of the VM per day, at {@code cost} EUR. */
  static void writeAzure(List<String> days, String cost) throws Exception {
    StringBuilder csv = new StringBuilder(AZURE_HEADER);
    for (String day : days) {
      csv.append(
              String.join(
                  ",",
                  day,
                  "NC24ads A100 v4",
                  "Virtual Machines",
                  cost,
                  "EUR",
                  "3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a",
                  "/subscriptions/3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a/resourceGroups/rg-ml/providers/Microsoft.Compute/virtualMachines/vision-train-01",
                  "westeurope",
                  "24",
                  "1 Hour",
                  "Usage",
                  "OnDemand",
                  "\"{\"\"ServiceType\"\": \"\"Standard_NC24ads_A100_v4\"\", \"\"VMName\"\": \"\"vision-train-01\"\"}\"",
                  "\"\"\"team\"\": \"\"vision\"\"\"",
                  "10/01/2026",
                  "10/31/2026"))
          .append('\n');
    }
    Files.writeString(azure.resolve("actual-cost-2026-10.csv"), csv);
  }

  /** i-aaa's GPU idle, i-bbb's busy, every 15 minutes from 29 Oct to the end of 2 Nov. */
  static void writeTelemetry() throws Exception {
    Path telemetry = Files.createDirectories(dir.resolve("telemetry"));
    StringBuilder samples =
        new StringBuilder(
            "timestamp,metric,value,instance_id,node,cluster,gpu_uuid,gpu_index,namespace,pod\n");
    Instant start = Instant.parse("2026-10-29T00:00:00Z");
    for (int i = 0; i < 5 * 96; i++) {
      String time = start.plus(15L * i, ChronoUnit.MINUTES).toString();
      for (String[] gpu : new String[][] {{"i-aaa", "0", "0"}, {"i-bbb", "80", "12000"}}) {
        for (String[] metric :
            new String[][] {
              {"gpu_util", gpu[1]}, {"fb_used_mib", gpu[2]}, {"fb_total_mib", "23028"}
            }) {
          samples
              .append(
                  String.join(
                      ",",
                      time,
                      metric[0],
                      metric[1],
                      gpu[0],
                      "node-" + gpu[0],
                      "",
                      "GPU-" + gpu[0],
                      "0",
                      "",
                      ""))
              .append('\n');
        }
      }
    }
    Files.writeString(telemetry.resolve("samples.csv"), samples);
  }

  // ---- reading the summaries

  private static Map<String, String> statuses(String night) {
    Map<String, String> statuses = new LinkedHashMap<>();
    ingest
        .get(night)
        .get("files")
        .forEach(
            f ->
                statuses.put(
                    Path.of(f.get("path").asText()).getFileName().toString(),
                    f.get("status").asText()));
    return statuses;
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(
        n ->
            texts.add(
                n.isObject()
                    ? n.get("input").asText() + " " + n.get("billing_period").asText()
                    : n.asText()));
    return texts;
  }

  private static List<String> names(JsonNode paths) {
    return texts(paths).stream().map(p -> Path.of(p).getFileName().toString()).toList();
  }

  /** The kept rows of an input's file, by the file's name. */
  private static List<String> rowsOf(List<String> kept, String fileName) {
    return kept.stream().filter(line -> line.contains(fileName)).toList();
  }

  private static BigDecimal effectiveCost(List<String> lines) throws Exception {
    BigDecimal sum = BigDecimal.ZERO;
    for (String line : lines) {
      sum = sum.add(new ObjectMapper().readTree(line).get("EffectiveCost").decimalValue());
    }
    return sum;
  }

  // ---- the nights

  @Test
  void nightOneReadsEveryFile() {
    assertThat(statuses("1"))
        .containsExactly(
            Map.entry("focus-2026-10-30.csv", "read"),
            Map.entry("focus-2026-10-31.csv", "read"),
            Map.entry("actual-cost-2026-10.csv", "read"));
    JsonNode incremental = ingest.get("1").get("incremental");
    assertThat(incremental.get("table").asText()).isEqualTo("fleetcost.billing_rows");
    assertThat(incremental.get("ledger").asText()).isEqualTo("fleetcost.billing_files");
    assertThat(names(incremental.get("files_new")))
        .containsExactly("focus-2026-10-30.csv", "focus-2026-10-31.csv", "actual-cost-2026-10.csv");
    assertThat(texts(incremental.get("periods_replaced"))).as("the kept table is empty").isEmpty();
    assertThat(texts(incremental.get("periods_appended")))
        .containsExactly("azure 2026-10", "focus 2026-10");
    assertThat(incremental.get("second_read").asBoolean()).isFalse();
    // 2 Azure rows; 48 + 49 FOCUS rows, of which 2 copies (counted once) and 1 quarantined
    assertThat(ingest.get("1").get("rows_read").asLong()).isEqualTo(2 + 49 + 50);
    assertThat(ingest.get("1").get("rows_duplicate").asLong()).isEqualTo(2);
    assertThat(ingest.get("1").get("rows_quarantined").asLong()).isEqualTo(1);
    assertThat(keptAfter.get("1")).hasSize(2 + 96);
  }

  @Test
  void nightTwoReadsOnlyTheNewDayFile() {
    assertThat(statuses("2"))
        .containsExactly(
            Map.entry("focus-2026-10-30.csv", "unchanged"),
            Map.entry("focus-2026-10-31.csv", "unchanged"),
            Map.entry("focus-2026-11-01.csv", "read"),
            Map.entry("actual-cost-2026-10.csv", "unchanged"));
    JsonNode incremental = ingest.get("2").get("incremental");
    assertThat(names(incremental.get("files_new"))).containsExactly("focus-2026-11-01.csv");
    assertThat(incremental.get("files_read").asLong()).isEqualTo(1);
    assertThat(incremental.get("files_unchanged").asLong()).isEqualTo(3);
    assertThat(incremental.get("second_read").asBoolean())
        .as("no other file covers November")
        .isFalse();
    assertThat(texts(incremental.get("periods_replaced"))).isEmpty();
    assertThat(texts(incremental.get("periods_appended")))
        .as("no kept row in November")
        .containsExactly("focus 2026-11");
    assertThat(ingest.get("2").get("rows_read").asLong()).isEqualTo(48);
    JsonNode summary = summaries.get("2");
    assertThat(summary.get("row_counts").get("billing_files_read").asLong()).isEqualTo(1);
    assertThat(summary.get("billing").get("totals").get(0).get("rows").asLong())
        .as("this run's reading")
        .isEqualTo(48);
    // the run still sees every period: the kept table's window (30 Oct to 1 Nov) has the October
    // files' rows too
    JsonNode keptTable = summary.get("billing").get("kept_table");
    assertThat(keptTable.get("window_start").asText()).isEqualTo("2026-10-30T00:00:00Z");
    assertThat(keptTable.get("rows").asLong())
        .as("48 × 3 FOCUS rows and the Azure row of 30 Oct")
        .isEqualTo(48 * 3 + 1);
    assertThat(keptAfter.get("2")).hasSize(2 + 96 + 48).containsAll(keptAfter.get("1"));
    // the skipped files still map rows to their input: both inputs cover the window
    List<String> statuses = new ArrayList<>();
    summary
        .get("data_quality")
        .get("inputs")
        .forEach(
            i ->
                statuses.add(
                    i.get("name").asText()
                        + "="
                        + i.get("status").asText()
                        + "/"
                        + i.get("files").asInt()));
    assertThat(statuses).contains("focus=ok/3");
    assertThat(statuses.stream().filter(s -> s.startsWith("azure=")).findFirst().orElseThrow())
        .endsWith("/1");
  }

  @Test
  void nightThreeReplacesTheAzureMonthThatWasDeliveredAgain() throws Exception {
    assertThat(statuses("3"))
        .containsExactly(
            Map.entry("focus-2026-10-30.csv", "unchanged"),
            Map.entry("focus-2026-10-31.csv", "unchanged"),
            Map.entry("focus-2026-11-01-i-ddd.csv", "read"),
            Map.entry("focus-2026-11-01.csv", "unchanged"),
            Map.entry("actual-cost-2026-10.csv", "read"));
    JsonNode incremental = ingest.get("3").get("incremental");
    assertThat(names(incremental.get("files_changed"))).containsExactly("actual-cost-2026-10.csv");
    assertThat(names(incremental.get("files_new"))).containsExactly("focus-2026-11-01-i-ddd.csv");
    assertThat(texts(incremental.get("periods_replaced"))).containsExactly("azure 2026-10");
    // the late file of 1 Nov shares no row with the file of 1 Nov, which is therefore not read
    // again
    assertThat(texts(incremental.get("periods_appended"))).containsExactly("focus 2026-11");
    assertThat(incremental.get("second_read").asBoolean()).isFalse();
    assertThat(ingest.get("3").get("rows_read").asLong()).isEqualTo(3 + 24);
    assertThat(rowsOf(keptAfter.get("3"), "focus-2026-11-01-i-ddd.csv")).hasSize(24);
    assertThat(effectiveCost(rowsOf(keptAfter.get("3"), "focus-2026-11-01-i-ddd.csv")))
        .isEqualByComparingTo("18.00");
    List<String> azureBefore = rowsOf(keptAfter.get("2"), "actual-cost-2026-10.csv");
    List<String> azureAfter = rowsOf(keptAfter.get("3"), "actual-cost-2026-10.csv");
    assertThat(azureBefore).hasSize(2);
    assertThat(effectiveCost(azureBefore)).isEqualByComparingTo("161.76");
    // the old rows are gone: three days at 79.50
    assertThat(azureAfter).hasSize(3).doesNotContainAnyElementsOf(azureBefore);
    assertThat(effectiveCost(azureAfter)).isEqualByComparingTo("238.50");
    assertThat(keptAfter.get("3")).hasSize(3 + 96 + 48 + 24);
    assertThat(
            keptAfter.get("3").stream()
                .filter(l -> !l.contains("actual-cost") && !l.contains("i-ddd"))
                .toList())
        .isEqualTo(keptAfter.get("2").stream().filter(l -> !l.contains("actual-cost")).toList());
  }

  @Test
  void aFullRunIntoAFreshWarehouseGivesTheSameResultsAsTheIncrementalNights() throws Exception {
    assertThat(statuses("full-3").values()).containsOnly("read");
    assertThat(ingest.get("full-3").get("incremental").get("full").asBoolean()).isTrue();
    assertThat(keptAfter.get("full-3"))
        .as("the kept table, row for row")
        .isEqualTo(keptAfter.get("3"));
    // the two rows of 30 Oct repeated on 31 Oct are kept from 30 Oct (the first path), listing
    // their copies
    List<String> copies = new ArrayList<>();
    for (String line : keptAfter.get("3")) {
      JsonNode row = new ObjectMapper().readTree(line);
      if (row.has("x_DuplicateSources")) {
        copies.add(
            Path.of(row.get("x_SourceFile").asText()).getFileName()
                + " -> "
                + Path.of(row.get("x_DuplicateSources").get(0).get("File").asText()).getFileName());
      }
    }
    assertThat(copies)
        .containsExactly(
            "focus-2026-10-30.csv -> focus-2026-10-31.csv",
            "focus-2026-10-30.csv -> focus-2026-10-31.csv");
    JsonNode incremental = summaries.get("3");
    JsonNode full = summaries.get("full-3");
    assertThat(incremental.get("cost_analysis")).isEqualTo(full.get("cost_analysis"));
    assertThat(incremental.get("cost_analysis").get("opportunity_count").asInt())
        .as("the idle i-aaa")
        .isPositive();
    assertThat(incremental.get("billing").get("kept_table"))
        .isEqualTo(full.get("billing").get("kept_table"));
    assertThat(incremental.get("data_quality").get("inputs"))
        .isEqualTo(full.get("data_quality").get("inputs"));
    assertThat(withoutRunFields(read(dir.resolve("out-3/opportunities.json"))))
        .isEqualTo(withoutRunFields(read(dir.resolve("out-full-3/opportunities.json"))));
  }

  @Test
  void aNewFileOfACoveredPeriodIsReadWithTheOlderFilesOfThePeriodAndAKillBeforeTheLedgerIsRepaired()
      throws Exception {
    assertThat(killed.exitCode()).as(killed.toString()).isNotZero();
    assertThat(killed.err()).contains("stopped before the commit of billing_files");
    // the rows were replaced, the ledger was not: night 4 takes the day file of 2 Nov for new again
    assertThat(statuses("4"))
        .containsExactly(
            Map.entry("focus-2026-10-30.csv", "unchanged"),
            Map.entry("focus-2026-10-31.csv", "unchanged"),
            Map.entry("focus-2026-11-01-i-ddd.csv", "read"),
            Map.entry("focus-2026-11-01.csv", "read"),
            Map.entry("focus-2026-11-02.csv", "read"),
            Map.entry("actual-cost-2026-10.csv", "unchanged"));
    JsonNode incremental = ingest.get("4").get("incremental");
    assertThat(names(incremental.get("files_new"))).containsExactly("focus-2026-11-02.csv");
    assertThat(names(incremental.get("files_read_again")))
        .containsExactly("focus-2026-11-01-i-ddd.csv", "focus-2026-11-01.csv");
    assertThat(incremental.get("second_read").asBoolean()).isTrue();
    assertThat(texts(incremental.get("periods_replaced"))).containsExactly("focus 2026-11");
    assertThat(texts(incremental.get("periods_appended"))).as("it repeats rows kept").isEmpty();
    // 48 + 24 + 50 rows read, the two copies of 1 Nov's rows counted once (in the file of 1 Nov,
    // the first path)
    assertThat(ingest.get("4").get("rows_read").asLong()).isEqualTo(48 + 24 + 50);
    assertThat(ingest.get("4").get("rows_duplicate").asLong()).isEqualTo(2);
    assertThat(keptAfter.get("4")).hasSize(3 + 96 + 96 + 24);
    assertThat(keptAfter.get("4"))
        .as("the kept table, row for row, is a read of every file")
        .isEqualTo(readAll);
    // the ledger: every file found, with the billing periods of its rows
    HistoryStore history =
        HistoryStore.open(SharedSpark.session(), warehouse.toString(), "fleetcost", line -> {});
    Map<String, String> ledger = new java.util.TreeMap<>();
    BillingStore.open(SharedSpark.session(), history, line -> {}, TableCommitHook.NONE)
        .ledger()
        .forEach(
            e ->
                ledger.put(
                    e.input() + " " + Path.of(e.path()).getFileName(),
                    e.periods() + " " + e.format()));
    assertThat(ledger)
        .containsExactly(
            Map.entry("azure actual-cost-2026-10.csv", "[2026-10] azure-cost-details:actual"),
            Map.entry("focus focus-2026-10-30.csv", "[2026-10] focus"),
            Map.entry("focus focus-2026-10-31.csv", "[2026-10] focus"),
            Map.entry("focus focus-2026-11-01-i-ddd.csv", "[2026-11] focus"),
            Map.entry("focus focus-2026-11-01.csv", "[2026-11] focus"),
            Map.entry("focus focus-2026-11-02.csv", "[2026-11] focus"));
  }

  private static JsonNode read(Path file) throws Exception {
    return new ObjectMapper().readTree(file.toFile());
  }

  /** The JSON without the fields that name a run or a time of running. */
  private static JsonNode withoutRunFields(JsonNode node) {
    JsonNode copy = node.deepCopy();
    strip(copy);
    return copy;
  }

  private static void strip(JsonNode node) {
    if (node instanceof ObjectNode object) {
      for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (name.equals("run_id") || name.endsWith("_at") || name.equals("generated")) {
          names.remove();
        }
      }
    }
    node.forEach(IncrementalBillingTest::strip);
  }
}
