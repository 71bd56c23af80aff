package io.fleetcost.catalog.gcp;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fleetcost.catalog.Catalog;
import io.fleetcost.error.FleetCostException;
import io.fleetcost.pull.LandedParquet;
import io.fleetcost.pull.Landing;
import io.fleetcost.pull.RawResponses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;

/**
 * Lands a pull of the Cloud Billing Catalog as the billing connectors land theirs: {@code
 * <output>/landing/<input>/<pull date>/} holding {@code prices/part-0.parquet} (one row per {@link
 * SkuPrice}, every value text), the raw responses gzipped ({@code raw/}) and {@code pull.json};
 * written aside and renamed into place when complete, so a failed pull leaves the landing folder as
 * it was.
 */
public final class CatalogPullLanding {
  public static final String PRICES = "prices";
  public static final String PRICES_FILE = Landing.TABLE_FILE;

  private CatalogPullLanding() {}

  /**
   * Pulls with {@code fetch} (given the raw responses to fill and the pull date) and lands the
   * result.
   *
   * @return the published pull folder
   */
  public static Path pullAndLand(
      Landing landing,
      String input,
      LocalDate date,
      Clock clock,
      BiFunction<RawResponses, LocalDate, CloudCatalogPull.Pulled> fetch) {
    RawResponses raw = new RawResponses();
    Path staging = landing.stage(input, date);
    try {
      CloudCatalogPull.Pulled pulled = fetch.apply(raw, date);
      List<String[]> rows = new ArrayList<>();
      for (SkuPrice price : pulled.prices()) {
        rows.add(price.row());
      }
      Path prices = Files.createDirectories(staging.resolve(PRICES));
      LandedParquet.write(
          prices.resolve(PRICES_FILE),
          SkuPrice.COLUMNS,
          rows,
          Map.of("fleetcost.api", CloudCatalogPull.API, "fleetcost.pulled", date.toString()));
      raw.write(staging.resolve(Landing.RAW), "json");
      writePullJson(input, date, clock, pulled, staging);
      return landing.publish(staging, input, date);
    } catch (IOException e) {
      landing.discard(staging);
      throw FleetCostException.userError(
          "%s: cannot write the landing folder %s: %s",
          CloudCatalogPull.API, staging, e.getMessage());
    } catch (RuntimeException e) {
      landing.discard(staging);
      throw e;
    }
  }

  /** The prices of a landed pull, as pulled. */
  public static List<SkuPrice> read(Path pullFolder) {
    Path file = pullFolder.resolve(PRICES).resolve(PRICES_FILE);
    List<SkuPrice> prices = new ArrayList<>();
    try (ParquetReader<Group> reader =
        ParquetReader.builder(new GroupReadSupport(), new org.apache.hadoop.fs.Path(file.toUri()))
            .withConf(new Configuration())
            .build()) {
      for (Group group = reader.read(); group != null; group = reader.read()) {
        String[] row = new String[SkuPrice.COLUMNS.size()];
        for (int i = 0; i < row.length; i++) {
          row[i] = group.getFieldRepetitionCount(i) == 0 ? null : group.getString(i, 0);
        }
        prices.add(SkuPrice.fromRow(row));
      }
    } catch (IOException | RuntimeException e) {
      throw FleetCostException.userError(
          "Cannot read the landed prices %s: %s", file, e.getMessage());
    }
    return prices;
  }

  /**
   * The catalog a run of {@code date} prices with: {@code bundled} with the GCP machine-type prices
   * of the newest pull of {@code input} on or before the date, or {@code bundled} as it is when
   * there is none (the offline default).
   */
  public static Catalog refreshed(Catalog bundled, Landing landing, String input, LocalDate date) {
    Optional<LocalDate> newest = newestPull(landing, input, date);
    if (newest.isEmpty()) {
      return bundled;
    }
    List<SkuPrice> prices = read(landing.pullFolder(input, newest.get()));
    return bundled.withPrices(
        GcpInstancePrices.fromPull(prices, bundled.instanceTypes(), newest.get()));
  }

  /** The date of the newest complete pull on or before {@code date} that holds prices. */
  public static Optional<LocalDate> newestPull(Landing landing, String input, LocalDate date) {
    return landing
        .newestTable(input, date, PRICES)
        .map(file -> LocalDate.parse(file.getParent().getParent().getFileName().toString()));
  }

  private static void writePullJson(
      String input, LocalDate date, Clock clock, CloudCatalogPull.Pulled pulled, Path staging)
      throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("input", input);
    json.put("source", CloudCatalogPull.SOURCE);
    json.put("api", CloudCatalogPull.API);
    json.put("pulled_at", clock.instant().toString());
    json.put("pull_date", date.toString());
    json.put("service", pulled.serviceName());
    json.put("skus_read", pulled.skusRead());
    json.put("rows", pulled.prices().size());
    json.put("pages", pulled.pages());
    json.put("requests", pulled.requests());
    json.put("retries", pulled.retries());
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
        .writeValue(staging.resolve(Landing.PULL_JSON).toFile(), json);
  }
}
