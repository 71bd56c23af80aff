package io.fleetcost.catalog;

import io.fleetcost.error.ErrorCode;
import io.fleetcost.error.FleetCostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Everything FleetCost knows about GPU hardware and its prices, loaded once per run from the tables
 * in {@code sample-data/catalog/} (packaged into the jar) and validated on load, each table alone
 * and against the others: every instance type's GPU is a known model, every model's MIG table
 * exists, every price is for a known instance type. Lookups ignore case.
 */
public final class Catalog {
  private static final String BASE = "/io/fleetcost/catalog/";

  private final GpuInstanceCatalog instanceTypes;
  private final Map<String, GpuModel> models;
  private final Map<String, List<MigProfile>> migTables;
  private final Map<String, List<InstancePrice>> prices;

  Catalog(
      GpuInstanceCatalog instanceTypes,
      List<GpuModel> models,
      List<MigProfile> profiles,
      List<InstancePrice> prices) {
    this.instanceTypes = instanceTypes;
    Map<String, GpuModel> modelMap = new LinkedHashMap<>();
    for (GpuModel model : models) {
      if (modelMap.put(modelKey(model.model(), model.memoryGib()), model) != null) {
        throw invalid(
            "gpu-models.csv lists " + model.model() + " " + model.memoryGib() + " GiB twice");
      }
    }
    this.models = Map.copyOf(modelMap);
    Map<String, List<MigProfile>> tables = new LinkedHashMap<>();
    for (MigProfile profile : profiles) {
      tables.computeIfAbsent(profile.table(), t -> new ArrayList<>()).add(profile);
    }
    tables.replaceAll((table, list) -> sortedProfiles(list));
    this.migTables = Map.copyOf(tables);
    Map<String, List<InstancePrice>> priceMap = new LinkedHashMap<>();
    for (InstancePrice price : prices) {
      priceMap.computeIfAbsent(key(price.instanceType()), t -> new ArrayList<>()).add(price);
    }
    priceMap.replaceAll((type, list) -> List.copyOf(list));
    this.prices = Map.copyOf(priceMap);
    crossCheck();
  }

  public static Catalog bundled() {
    return new Catalog(
        GpuInstanceCatalog.bundled(),
        CatalogCsv.read(BASE + "gpu-models.csv", Catalog::gpuModel),
        CatalogCsv.read(BASE + "mig-profiles.csv", Catalog::migProfile),
        CatalogCsv.read(BASE + "instance-prices.csv", Catalog::price));
  }

  private static GpuModel gpuModel(CatalogCsv.Row row) {
    try {
      return new GpuModel(
          row.text("gpu_model"),
          row.positiveInt("memory_gib"),
          row.optionalText("mig_table"),
          row.positiveDecimal("relative_throughput").doubleValue(),
          row.text("source"),
          row.date("as_of"));
    } catch (IllegalArgumentException e) {
      throw row.invalid(e.getMessage());
    }
  }

  private static MigProfile migProfile(CatalogCsv.Row row) {
    try {
      List<Integer> placements =
          Arrays.stream(row.text("placements").split(";"))
              .map(String::trim)
              .map(Integer::parseInt)
              .toList();
      return new MigProfile(
          row.text("mig_table"),
          row.text("profile"),
          row.positiveInt("compute_slices"),
          row.positiveInt("memory_slices"),
          row.positiveDecimal("memory_gib").doubleValue(),
          row.positiveInt("max_instances"),
          placements,
          row.text("source"),
          row.date("as_of"));
    } catch (IllegalArgumentException e) {
      throw row.invalid(e.getMessage());
    }
  }

  private static InstancePrice price(CatalogCsv.Row row) {
    try {
      return new InstancePrice(
          row.text("provider"),
          row.text("instance_type"),
          row.text("region"),
          row.text("currency"),
          row.positiveDecimal("on_demand_hourly"),
          row.optionalDecimal("spot_hourly"),
          row.text("spot_interruption_bucket"),
          row.text("source"),
          row.date("as_of"));
    } catch (IllegalArgumentException e) {
      throw row.invalid(e.getMessage());
    }
  }

  private static List<MigProfile> sortedProfiles(List<MigProfile> profiles) {
    List<MigProfile> sorted = new ArrayList<>(profiles);
    sorted.sort(
        Comparator.comparingInt(MigProfile::computeSlices)
            .thenComparingInt(MigProfile::memorySlices));
    return List.copyOf(sorted);
  }

  private void crossCheck() {
    for (GpuInstanceType type : instanceTypes.all()) {
      if (gpuModel(type.gpuModel(), type.gpuMemoryGib()).isEmpty()) {
        throw invalid(
            "gpu-instance-types.csv: "
                + type.instanceType()
                + " has GPU "
                + type.gpuModel()
                + " "
                + type.gpuMemoryGib()
                + " GiB, which gpu-models.csv does not list");
      }
    }
    for (GpuModel model : models.values()) {
      if (model.migTable() != null && !migTables.containsKey(model.migTable())) {
        throw invalid(
            "gpu-models.csv: MIG table "
                + model.migTable()
                + " of "
                + model.model()
                + " is not in mig-profiles.csv");
      }
      for (MigProfile profile :
          model.migTable() == null ? List.<MigProfile>of() : migProfiles(model.migTable())) {
        int fit =
            Math.min(profile.maxInstances(), MigProfile.MEMORY_SLICES / profile.memorySlices());
        if (profile.memoryGib() * fit > model.memoryGib()) {
          throw invalid(
              "mig-profiles.csv: "
                  + fit
                  + " x "
                  + profile.profile()
                  + " of "
                  + profile.memoryGib()
                  + " GiB exceed the "
                  + model.memoryGib()
                  + " GiB of "
                  + model.model()
                  + " (gpu-models.csv)");
        }
      }
    }
    for (List<InstancePrice> list : prices.values()) {
      for (InstancePrice price : list) {
        if (price.instanceType().startsWith("n1-")) {
          continue; // a host machine type: its GPUs are billed (and priced) separately
        }
        if (instanceTypes.find(price.instanceType()).isEmpty()) {
          throw invalid(
              "instance-prices.csv: " + price.instanceType() + " is not in gpu-instance-types.csv");
        }
      }
    }
  }

  private static FleetCostException invalid(String why) {
    return new FleetCostException(ErrorCode.INTERNAL, "Cannot load the catalog: " + why);
  }

  public GpuInstanceCatalog instanceTypes() {
    return instanceTypes;
  }

  public Optional<GpuInstanceType> instanceType(String name) {
    return instanceTypes.find(name);
  }

  public Optional<GpuModel> gpuModel(String model, int memoryGib) {
    return Optional.ofNullable(models.get(modelKey(model, memoryGib)));
  }

  public List<GpuModel> gpuModels() {
    return List.copyOf(models.values());
  }

  /** The MIG profiles of a table, smallest first; empty for a GPU without MIG. */
  public List<MigProfile> migProfiles(String table) {
    return migTables.getOrDefault(table, List.of());
  }

  /** The MIG table of an instance type's GPU, when it has one. */
  public Optional<String> migTableOf(String instanceType) {
    return instanceType(instanceType)
        .flatMap(t -> gpuModel(t.gpuModel(), t.gpuMemoryGib()))
        .flatMap(GpuModel::mig);
  }

  /**
   * The price in this region, else the first region listed for the type (the caller notes the
   * substitution).
   */
  public Optional<InstancePrice> price(String instanceType, String region) {
    List<InstancePrice> list = prices.getOrDefault(key(instanceType), List.of());
    return list.stream()
        .filter(p -> region != null && p.region().equalsIgnoreCase(region))
        .findFirst()
        .or(() -> list.stream().findFirst());
  }

  public List<InstancePrice> prices() {
    return prices.values().stream().flatMap(List::stream).toList();
  }

  /**
   * This catalog with {@code refreshed} in place of the prices of the same provider, instance type
   * and region, and added where none was listed: a pull of a provider's price list refreshes the
   * bundled prices, which stay the default when there is no pull. The result is checked like the
   * bundled catalog.
   */
  public Catalog withPrices(List<InstancePrice> refreshed) {
    Map<String, InstancePrice> merged = new LinkedHashMap<>();
    for (InstancePrice price : prices()) {
      merged.put(priceKey(price), price);
    }
    for (InstancePrice price : refreshed) {
      merged.put(priceKey(price), price);
    }
    List<MigProfile> profiles = migTables.values().stream().flatMap(List::stream).toList();
    return new Catalog(instanceTypes, gpuModels(), profiles, List.copyOf(merged.values()));
  }

  private static String priceKey(InstancePrice price) {
    return key(price.provider()) + "|" + key(price.instanceType()) + "|" + key(price.region());
  }

  private static String modelKey(String model, int memoryGib) {
    return key(model) + "|" + memoryGib;
  }

  private static String key(String text) {
    return text.trim().toLowerCase(Locale.ROOT);
  }
}
