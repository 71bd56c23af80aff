package io.fleetcost.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.google.cloud.billing.v1.CloudCatalogClient;
import io.fleetcost.catalog.gcp.CatalogPullLanding;
import io.fleetcost.catalog.gcp.CloudCatalogPull;
import io.fleetcost.config.BillingInputConfig;
import io.fleetcost.config.CatalogConfig;
import io.fleetcost.config.JobConfig;
import io.fleetcost.error.FleetCostException;
import io.fleetcost.pull.ApiSource;
import io.fleetcost.pull.Backoff;
import io.fleetcost.pull.LandedParquet;
import io.fleetcost.pull.LandedPull;
import io.fleetcost.pull.Landing;
import io.fleetcost.pull.PullWindow;
import io.fleetcost.pull.RawResponses;
import io.fleetcost.pull.RetrySettings;
import io.fleetcost.pull.Retrying;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@code fleetcost pull}: lands what each API input of a job needs for a run date under {@code
 * <output>/landing/<input>/<date>/}, unless it is landed already (or {@code refresh}). Each input
 * is pulled on its own: one that fails leaves its landing folder as it was, its message names the
 * API, the status and the request id, and the others are still pulled.
 */
public final class PullJob {
  /** What became of one input. */
  public enum Status {
    PULLED("pulled"),
    LANDED_ALREADY("landed already"),
    FAILED("failed");

    private final String label;

    Status(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /**
   * @param totals per billing month, per amount column, per currency: the sum of the landed amounts
   */
  public record Outcome(
      String input,
      String source,
      Status status,
      Path folder,
      String message,
      int rows,
      int pages,
      int requests,
      int retries,
      List<LocalDate> estimatedDays,
      Map<String, Map<String, Map<String, BigDecimal>>> totals) {}

  private final Clock clock;
  private final Retrying.Sleeper sleeper;
  private final BiFunction<BillingInputConfig, RawResponses, ApiSource> connectors;
  private final Function<CatalogConfig, CloudCatalogClient> catalogClients;

  public PullJob(
      Clock clock,
      Retrying.Sleeper sleeper,
      BiFunction<BillingInputConfig, RawResponses, ApiSource> connectors) {
    this(clock, sleeper, connectors, PullJob::catalogClient);
  }

  /**
   * @param catalogClients the Cloud Billing Catalog client of the job's {@code catalog} section
   */
  public PullJob(
      Clock clock,
      Retrying.Sleeper sleeper,
      BiFunction<BillingInputConfig, RawResponses, ApiSource> connectors,
      Function<CatalogConfig, CloudCatalogClient> catalogClients) {
    this.clock = clock;
    this.sleeper = sleeper;
    this.connectors = connectors;
    this.catalogClients = catalogClients;
  }

  private static CloudCatalogClient catalogClient(CatalogConfig catalog) {
    return CloudCatalogPull.client(
        new CloudCatalogPull.Settings(
            Optional.ofNullable(catalog.endpoint()).map(String::trim).filter(e -> !e.isEmpty())));
  }

  /** Real connectors and real waits. */
  public static PullJob standard(Clock clock) {
    return new PullJob(clock, duration -> Thread.sleep(duration.toMillis()), ApiInputs::connector);
  }

  public static boolean hasApiInputs(JobConfig config) {
    return config.billing().stream().anyMatch(BillingInputConfig::isApi);
  }

  /** Whether a run of the job pulls first: an API billing input, or a catalog from a price API. */
  public static boolean hasPulls(JobConfig config) {
    return hasApiInputs(config) || config.catalog().pulled();
  }

  public List<Outcome> pull(
      JobConfig config, Landing landing, LocalDate date, boolean refresh, Consumer<String> log) {
    PullWindow window = PullWindow.forRun(date, config.savings().lookbackDays());
    List<Outcome> outcomes = new ArrayList<>();
    for (BillingInputConfig input : config.billing()) {
      if (!input.isApi()) {
        continue;
      }
      if (landing.hasPull(input.name(), date) && !refresh) {
        outcomes.add(
            new Outcome(
                input.name(),
                input.source(),
                Status.LANDED_ALREADY,
                landing.pullFolder(input.name(), date),
                null,
                0,
                0,
                0,
                0,
                List.of(),
                Map.of()));
        continue;
      }
      log.accept(
          String.format(
              "fleetcost pull %s: %s, %s to %s",
              input.name(), input.source(), window.start(), window.endExclusive().minusDays(1)));
      outcomes.add(pullOne(input, landing, date, window));
    }
    if (config.catalog().pulled()) {
      String input = CatalogConfig.LANDING_INPUT;
      if (landing.hasPull(input, date) && !refresh) {
        outcomes.add(
            new Outcome(
                input,
                CatalogConfig.GCP_BILLING_CATALOG,
                Status.LANDED_ALREADY,
                landing.pullFolder(input, date),
                null,
                0,
                0,
                0,
                0,
                List.of(),
                Map.of()));
      } else {
        log.accept(
            String.format(
                "fleetcost pull %s: %s, prices of %s",
                input, CatalogConfig.GCP_BILLING_CATALOG, date));
        outcomes.add(pullCatalog(config.catalog(), landing, date));
      }
    }
    return outcomes;
  }

  /**
   * The Cloud Billing Catalog's GPU prices; a failure leaves the landing folder as it was, and the
   * run the bundled prices.
   */
  private Outcome pullCatalog(CatalogConfig catalog, Landing landing, LocalDate date) {
    String input = CatalogConfig.LANDING_INPUT;
    RetrySettings retry =
        new RetrySettings(
            catalog.retry().attempts(),
            Duration.ofMillis(Math.round(catalog.retry().initialDelaySeconds() * 1000)),
            Duration.ofMillis(Math.round(catalog.retry().maxDelaySeconds() * 1000)),
            Duration.ofMinutes(
                catalog.timeLimitMinutes() == null ? 30 : catalog.timeLimitMinutes()));
    CloudCatalogPull.Pulled[] pulled = new CloudCatalogPull.Pulled[1];
    try (CloudCatalogClient client = catalogClients.apply(catalog)) {
      Path folder =
          CatalogPullLanding.pullAndLand(
              landing,
              input,
              date,
              clock,
              (raw, day) -> {
                Retrying retrying =
                    new Retrying(
                        CloudCatalogPull.API,
                        retry,
                        new Backoff(retry, () -> ThreadLocalRandom.current().nextDouble()),
                        sleeper,
                        clock,
                        CloudCatalogPull::classifyFailure);
                pulled[0] = new CloudCatalogPull(client, raw).fetch(day, retrying);
                return pulled[0];
              });
      return new Outcome(
          input,
          CatalogConfig.GCP_BILLING_CATALOG,
          Status.PULLED,
          folder,
          null,
          pulled[0].prices().size(),
          pulled[0].pages(),
          pulled[0].requests(),
          pulled[0].retries(),
          List.of(),
          Map.of());
    } catch (FleetCostException | IllegalArgumentException e) {
      return new Outcome(
          input,
          CatalogConfig.GCP_BILLING_CATALOG,
          Status.FAILED,
          landing.pullFolder(input, date),
          e.getMessage(),
          0,
          0,
          0,
          0,
          List.of(),
          Map.of());
    }
  }

  private Outcome pullOne(
      BillingInputConfig input, Landing landing, LocalDate date, PullWindow window) {
    RawResponses raw = new RawResponses();
    Path staging = landing.stage(input.name(), date);
    try {
      ApiSource api = connectors.apply(input, raw);
      RetrySettings retry = ApiInputs.retry(input);
      Retrying retrying =
          new Retrying(
              api.api(),
              retry,
              new Backoff(retry, () -> ThreadLocalRandom.current().nextDouble()),
              sleeper,
              clock,
              api::classify);
      LandedPull landed = api.fetch(window, retrying);
      Map<String, Map<String, Map<String, BigDecimal>>> totals = land(api, landed, window, staging);
      raw.write(staging.resolve(Landing.RAW), api.rawExtension());
      writePullJson(input, api, window, landed, totals, staging);
      Path folder = landing.publish(staging, input.name(), date);
      return new Outcome(
          input.name(),
          input.source(),
          Status.PULLED,
          folder,
          null,
          landed.rows().size(),
          landed.pages(),
          landed.requests(),
          landed.retries(),
          landed.estimatedDays(),
          totals);
    } catch (FleetCostException | IOException | IllegalArgumentException e) {
      landing.discard(staging);
      String message =
          e instanceof IOException
              ? "cannot write the landing folder: " + e.getMessage()
              : e.getMessage();
      return new Outcome(
          input.name(),
          input.source(),
          Status.FAILED,
          landing.pullFolder(input.name(), date),
          message,
          0,
          0,
          0,
          0,
          List.of(),
          Map.of());
    } catch (RuntimeException e) {
      landing.discard(staging);
      throw e;
    }
  }

  /**
   * One Parquet file per billing month of the window (empty months too: they restate an older
   * pull's month).
   */
  private static Map<String, Map<String, Map<String, BigDecimal>>> land(
      ApiSource api, LandedPull landed, PullWindow window, Path staging) throws IOException {
    Map<YearMonth, List<String[]>> byMonth = rowsByMonth(api, landed, window);
    writeTables(api, landed, window, staging);
    Map<String, Map<String, Map<String, BigDecimal>>> totals = new TreeMap<>();
    for (Map.Entry<YearMonth, List<String[]>> month : byMonth.entrySet()) {
      Path folder =
          Files.createDirectories(staging.resolve(Landing.periodFolderName(month.getKey())));
      LandedParquet.write(
          folder.resolve(Landing.TABLE_FILE),
          landed.columns(),
          month.getValue(),
          Map.of(
              "fleetcost.api",
              api.api(),
              "fleetcost.period",
              month.getKey().toString(),
              "fleetcost.window",
              window.toString()));
      totals.put(month.getKey().toString(), monthTotals(api, landed.columns(), month.getValue()));
    }
    return totals;
  }

  /** The landed rows per billing month of their day; every month of the window, empty or not. */
  private static Map<YearMonth, List<String[]>> rowsByMonth(
      ApiSource api, LandedPull landed, PullWindow window) {
    int day = landed.columns().indexOf(api.dayColumn());
    Map<YearMonth, List<String[]>> byMonth = new TreeMap<>();
    window.months().forEach(month -> byMonth.put(month, new ArrayList<>()));
    for (String[] row : landed.rows()) {
      YearMonth month;
      try {
        month = YearMonth.from(LocalDate.parse(row[day]));
      } catch (RuntimeException unreadable) {
        month = YearMonth.from(window.start()); // the reader quarantines the row, with its text
      }
      byMonth.computeIfAbsent(month, m -> new ArrayList<>()).add(row);
    }
    return byMonth;
  }

  /** The API's other tables (not per month), one Parquet file each. */
  private static void writeTables(ApiSource api, LandedPull landed, PullWindow window, Path staging)
      throws IOException {
    for (Map.Entry<String, LandedPull.Table> table : landed.tables().entrySet()) {
      Path folder = Files.createDirectories(staging.resolve(table.getKey()));
      LandedParquet.write(
          folder.resolve(Landing.TABLE_FILE),
          table.getValue().columns(),
          table.getValue().rows(),
          Map.of(
              "fleetcost.api",
              api.api(),
              "fleetcost.table",
              table.getKey(),
              "fleetcost.window",
              window.toString()));
    }
  }

  /** Per amount column, per currency: the sum of one month's landed amounts. */
  private static Map<String, Map<String, BigDecimal>> monthTotals(
      ApiSource api, List<String> columns, List<String[]> rows) {
    Map<String, Map<String, BigDecimal>> monthTotals = new LinkedHashMap<>();
    for (Map.Entry<String, String> amount : api.amountColumns().entrySet()) {
      int value = columns.indexOf(amount.getKey());
      int unit = columns.indexOf(amount.getValue());
      Map<String, BigDecimal> byCurrency = new TreeMap<>();
      for (String[] row : rows) {
        if (row[value] == null) {
          continue;
        }
        try {
          byCurrency.merge(
              String.valueOf(row[unit]), new BigDecimal(row[value].trim()), BigDecimal::add);
        } catch (NumberFormatException notANumber) {
          // not summed: the reader quarantines the row
        }
      }
      monthTotals.put(amount.getKey(), byCurrency);
    }
    return monthTotals;
  }

  private void writePullJson(
      BillingInputConfig input,
      ApiSource api,
      PullWindow window,
      LandedPull landed,
      Map<String, Map<String, Map<String, BigDecimal>>> totals,
      Path staging)
      throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("input", input.name());
    json.put("source", input.source());
    json.put("api", api.api());
    json.put("pulled_at", clock.instant().toString());
    json.put(
        "window",
        Map.of(
            "start", window.start().toString(), "end_exclusive", window.endExclusive().toString()));
    json.put("rows", landed.rows().size());
    json.put("pages", landed.pages());
    json.put("requests", landed.requests());
    json.put("retries", landed.retries());
    json.put("request_ids", landed.requestIds());
    json.put("estimated_days", landed.estimatedDays().stream().map(LocalDate::toString).toList());
    Map<String, Integer> tables = new TreeMap<>();
    landed.tables().forEach((name, table) -> tables.put(name, table.rows().size()));
    json.put("tables", tables);
    json.put("totals", totals);
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
        .writeValue(staging.resolve(Landing.PULL_JSON).toFile(), json);
  }
}
