package io.fleetcost.billing;

import io.fleetcost.error.ErrorCode;
import io.fleetcost.error.FleetCostException;
import io.fleetcost.model.FocusValues;
import io.fleetcost.model.ServiceCategory;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * FOCUS ServiceCategory of a provider's own service key: the AWS product code, the Google Cloud
 * service description, the Azure resource provider ({@code ConsumedService}). Keys are compared in
 * lower case; a service not in the table is {@code Other}. The table is {@code
 * service-categories.csv} beside this class.
 */
public final class ServiceCategories {
  private static final String RESOURCE = "service-categories.csv";

  private final Map<String, Map<String, String>> byProvider;

  private ServiceCategories(Map<String, Map<String, String>> byProvider) {
    this.byProvider = byProvider;
  }

  public static ServiceCategories bundled() {
    Map<String, Map<String, String>> byProvider = new HashMap<>();
    CSVFormat format =
        CSVFormat.RFC4180
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setCommentMarker('#')
            .get();
    try (InputStream in = ServiceCategories.class.getResourceAsStream(RESOURCE);
        CSVParser parser = format.parse(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (CSVRecord record : parser) {
        String category = record.get("service_category").trim();
        if (FocusValues.parse(ServiceCategory.class, category).isEmpty()) {
          throw new FleetCostException(
              ErrorCode.INTERNAL,
              "Cannot load " + RESOURCE + ": '" + category + "' is not a FOCUS ServiceCategory");
        }
        byProvider
            .computeIfAbsent(record.get("provider").trim(), p -> new HashMap<>())
            .put(record.get("service").trim().toLowerCase(Locale.ROOT), category);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ServiceCategories(byProvider);
  }

  /** Lower-cased service key → category, for one provider ("AWS", "Google Cloud", "Microsoft"). */
  public Map<String, String> forProvider(String provider) {
    return Map.copyOf(byProvider.getOrDefault(provider, Map.of()));
  }

  public String categoryOf(String provider, String service) {
    if (service == null) {
      return ServiceCategory.OTHER.focusName();
    }
    return forProvider(provider)
        .getOrDefault(service.trim().toLowerCase(Locale.ROOT), ServiceCategory.OTHER.focusName());
  }
}
