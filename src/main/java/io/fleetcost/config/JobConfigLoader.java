package io.fleetcost.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fleetcost.error.FleetCostException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads a job file strictly: an unknown or misspelled key, a wrong type or a missing required value
 * is an error that names the key and the file. Relative paths in the file are resolved against the
 * file's folder; URIs with a scheme ({@code s3a://…}, {@code hdfs://…}) and absolute paths are kept
 * as written.
 */
public final class JobConfigLoader {
  /**
   * A key of the history section that would hold a credential: refused with its own message, never
   * echoed.
   */
  private static final Pattern HISTORY_CREDENTIAL_KEY =
      Pattern.compile("(?i)pass|user|secret|credential|token");

  private final ObjectMapper mapper;

  public JobConfigLoader() {
    this.mapper =
        new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
  }

  public JobConfig load(Path jobFile) {
    String content;
    try {
      content = Files.readString(jobFile);
    } catch (NoSuchFileException e) {
      throw FleetCostException.userError("Cannot load job file %s: no such file", jobFile);
    } catch (IOException e) {
      throw FleetCostException.userError("Cannot load job file %s: %s", jobFile, e.getMessage());
    }
    if (content.isBlank()) {
      throw FleetCostException.userError("Cannot load job file %s: the file is empty", jobFile);
    }
    JobConfig raw;
    try {
      raw = mapper.readValue(content, JobConfig.class);
    } catch (UnrecognizedPropertyException e) {
      String parent = keyPath(e, 1);
      if (parent.equals("history") && HISTORY_CREDENTIAL_KEY.matcher(e.getPropertyName()).find()) {
        throw FleetCostException.userError(
            "Cannot load job file %s: key 'history.%s'%s is refused: the JDBC catalog's user and password are read from"
                + " the environment only (FLEETCOST_HISTORY_JDBC_USER and FLEETCOST_HISTORY_JDBC_PASSWORD, or PGUSER and"
                + " PGPASSWORD), never from a job file",
            jobFile,
            e.getPropertyName(),
            lineOfKey(content, e.getPropertyName()).map(line -> " (line " + line + ")").orElse(""));
      }
      throw FleetCostException.userError(
          "Cannot load job file %s: unknown key '%s' in %s%s; known keys there: %s",
          jobFile,
          e.getPropertyName(),
          parent,
          lineOfKey(content, e.getPropertyName())
              .map(line -> " (line " + line + ")")
              .orElse(location(e.getLocation())),
          e.getKnownPropertyIds().stream()
              .map(String::valueOf)
              .sorted()
              .collect(Collectors.joining(", ")));
    } catch (ValueInstantiationException e) {
      throw refusedValue(jobFile, content, e);
    } catch (JsonMappingException e) {
      throw FleetCostException.userError(
          "Cannot load job file %s: invalid value at %s%s: %s",
          jobFile, keyPath(e), location(e.getLocation()), e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      throw FleetCostException.userError(
          "Cannot load job file %s: not valid YAML%s: %s",
          jobFile, location(e.getLocation()), e.getOriginalMessage());
    }
    if (raw == null) {
      throw FleetCostException.userError("Cannot load job file %s: the file is empty", jobFile);
    }
    return validateAndResolve(raw, jobFile, content);
  }

  /**
   * A section's record refused a value ({@code report.close-day must be between 0 and 28, not 31}).
   * Jackson places the error after the section's last line, so the line is that of the key the
   * message starts with.
   */
  private static FleetCostException refusedValue(
      Path jobFile, String content, ValueInstantiationException e) {
    String problem =
        e.getCause() != null && e.getCause().getMessage() != null
            ? e.getCause().getMessage()
            : e.getOriginalMessage();
    Matcher key = Pattern.compile("^([a-z-]+(?:\\.[a-z-]+)+)\\b").matcher(problem);
    if (key.find()) {
      String path = key.group(1);
      Optional<Integer> line = lineOfKey(content, path.substring(path.lastIndexOf('.') + 1));
      return FleetCostException.userError(
          "Cannot load job file %s: invalid value at %s%s: %s",
          jobFile, path, line.map(l -> " (line " + l + ")").orElse(""), problem);
    }
    return FleetCostException.userError(
        "Cannot load job file %s: invalid value at %s%s: %s",
        jobFile, keyPath(e), location(e.getLocation()), problem);
  }

  /**
   * Checks the sections in the order the errors are reported, resolving their paths against the job
   * file's folder.
   */
  private static JobConfig validateAndResolve(JobConfig raw, Path jobFile, String content) {
    Path folder = jobFile.toAbsolutePath().getParent();
    SparkCredentials.requireNone(jobFile, content, raw.spark());
    JobConfig config = withResolvedLocations(withValidName(raw, jobFile), folder);
    List<BillingInputConfig> billing =
        BillingInputs.validateAndResolve(jobFile, folder, config.billing());
    validateDataQuality(jobFile, config.dataQuality());
    List<TelemetryInputConfig> telemetry = telemetryInputs(jobFile, folder, config.telemetry());
    List<InventoryInputConfig> inventory = inventoryInputs(jobFile, folder, config.inventory());
    List<SecurityInputConfig> security = securityInputs(jobFile, folder, config.security());
    JobFileChecks.requireFraction(
        jobFile,
        "governance.untagged-spend-max-fraction",
        config.governance().untaggedSpendMaxFraction());
    validateSavings(jobFile, config.savings());
    return config
        .withBilling(billing)
        .withTelemetry(telemetry)
        .withInventory(inventory)
        .withSecurity(security);
  }

  /** The job's name, or the file's name without its extension: letters, digits, '.', '_', '-'. */
  private static JobConfig withValidName(JobConfig raw, Path jobFile) {
    JobConfig config = raw;
    if (config.name() == null || config.name().isBlank()) {
      String fileName = jobFile.getFileName().toString();
      int dot = fileName.lastIndexOf('.');
      config = config.withName(dot > 0 ? fileName.substring(0, dot) : fileName);
    }
    if (!config.name().matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
      throw FleetCostException.userError(
          "Cannot load job file %s: key 'name' must be letters, digits, '.', '_' or '-' (got '%s')",
          jobFile, config.name());
    }
    return config;
  }

  /** The output folder, the history's warehouse and a SQLite catalog's file, resolved. */
  private static JobConfig withResolvedLocations(JobConfig raw, Path folder) {
    JobConfig config = raw;
    if (config.output() != null) {
      config = config.withOutput(resolve(folder, config.output()));
    }
    if (config.history().warehouse() != null) {
      config =
          config.withHistory(
              config.history().withWarehouse(resolve(folder, config.history().warehouse())));
    }
    String jdbcUri = config.history().jdbcUri();
    if (jdbcUri != null
        && jdbcUri.regionMatches(
            true, 0, HistoryConfig.SQLITE_PREFIX, 0, HistoryConfig.SQLITE_PREFIX.length())) {
      String file = jdbcUri.substring(HistoryConfig.SQLITE_PREFIX.length());
      if (!file.startsWith("file:")) {
        config =
            config.withHistory(
                config.history().withJdbcUri(HistoryConfig.SQLITE_PREFIX + resolve(folder, file)));
      }
    }
    return config;
  }

  private static void validateDataQuality(Path jobFile, DataQualityConfig dataQuality) {
    String onMissing = dataQuality.onMissingInput();
    if (!onMissing.equals(DataQualityConfig.FAIL) && !onMissing.equals(DataQualityConfig.WARN)) {
      throw FleetCostException.userError(
          "Cannot load job file %s: data-quality.on-missing-input must be fail or warn (got '%s')",
          jobFile, onMissing);
    }
    JobFileChecks.requireFraction(
        jobFile, "data-quality.max-quarantined-fraction", dataQuality.maxQuarantinedFraction());
    JobFileChecks.requireFraction(
        jobFile,
        "data-quality.max-quarantined-telemetry-fraction",
        dataQuality.maxQuarantinedTelemetryFraction());
  }

  /**
   * Telemetry inputs: paths resolved, a known format (or auto), a region time zone, a default name
   * ({@code telemetry-<n>}), no two with one name.
   */
  private static List<TelemetryInputConfig> telemetryInputs(
      Path jobFile, Path folder, List<TelemetryInputConfig> inputs) {
    List<TelemetryInputConfig> telemetry = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      TelemetryInputConfig input = inputs.get(i);
      if (input == null) {
        throw FleetCostException.userError(
            "Cannot load job file %s: telemetry[%d] is empty", jobFile, i);
      }
      String where = "telemetry[" + i + "]";
      List<String> resolved = JobFileChecks.resolvePaths(jobFile, folder, where, input.path());
      if (!input.format().equalsIgnoreCase(BillingInputConfig.AUTO)) {
        try {
          TelemetryFormat.fromName(input.format());
        } catch (FleetCostException e) {
          throw FleetCostException.userError(
              "Cannot load job file %s: %s.format: %s", jobFile, where, e.getMessage());
        }
      }
      try {
        ZoneId.of(input.timezone());
      } catch (DateTimeException e) {
        throw FleetCostException.userError(
            "Cannot load job file %s: %s.timezone '%s' is not a time zone (use a region id such as UTC or"
                + " Europe/Berlin)",
            jobFile, where, input.timezone());
      }
      JobFileChecks.requirePositiveHours(
          jobFile, where + ".max-staleness-hours", input.maxStalenessHours());
      TelemetryInputConfig resolvedInput = input.withPaths(resolved);
      if (resolvedInput.name() == null || resolvedInput.name().isBlank()) {
        resolvedInput = resolvedInput.withName("telemetry-" + (i + 1));
      }
      telemetry.add(resolvedInput);
    }
    JobFileChecks.requireUniqueNames(
        jobFile, "telemetry", telemetry.stream().map(TelemetryInputConfig::name).toList());
    return telemetry;
  }

  private static List<InventoryInputConfig> inventoryInputs(
      Path jobFile, Path folder, List<InventoryInputConfig> inputs) {
    List<InventoryInputConfig> inventory = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      InventoryInputConfig input = inputs.get(i);
      if (input == null) {
        throw FleetCostException.userError(
            "Cannot load job file %s: inventory[%d] is empty", jobFile, i);
      }
      InventoryInputConfig resolvedInput =
          input.withPaths(
              JobFileChecks.resolvePaths(jobFile, folder, "inventory[" + i + "]", input.path()));
      if (resolvedInput.name() == null || resolvedInput.name().isBlank()) {
        resolvedInput = resolvedInput.withName("inventory-" + (i + 1));
      }
      inventory.add(resolvedInput);
    }
    return inventory;
  }

  private static List<SecurityInputConfig> securityInputs(
      Path jobFile, Path folder, List<SecurityInputConfig> inputs) {
    List<SecurityInputConfig> security = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      SecurityInputConfig input = inputs.get(i);
      if (input == null) {
        throw FleetCostException.userError(
            "Cannot load job file %s: security[%d] is empty", jobFile, i);
      }
      SecurityInputConfig resolvedInput =
          input.withPaths(
              JobFileChecks.resolvePaths(jobFile, folder, "security[" + i + "]", input.path()));
      if (resolvedInput.name() == null || resolvedInput.name().isBlank()) {
        resolvedInput = resolvedInput.withName("security-" + (i + 1));
      }
      security.add(resolvedInput);
    }
    return security;
  }

  private static void validateSavings(Path jobFile, SavingsConfig savings) {
    if (savings.lookbackDays() < 1 || savings.lookbackDays() > 366) {
      throw FleetCostException.userError(
          "Cannot load job file %s: savings.lookback-days must be between 1 and 366 (got %d)",
          jobFile, savings.lookbackDays());
    }
    if (savings.sampleGapLimitSeconds() < 1) {
      throw FleetCostException.userError(
          "Cannot load job file %s: savings.sample-gap-limit-seconds must be positive (got %d)",
          jobFile, savings.sampleGapLimitSeconds());
    }
    savings
        .exchangeRatesToUsd()
        .forEach(
            (currency, rate) -> {
              if (!currency.matches("[A-Z]{3}") || rate == null || rate.signum() <= 0) {
                throw FleetCostException.userError(
                    "Cannot load job file %s: savings.exchange-rates-to-usd needs ISO 4217 codes with positive rates (got"
                        + " %s: %s)",
                    jobFile, currency, rate);
              }
            });
    try {
      savings.thresholds().resolve();
    } catch (IllegalArgumentException e) {
      throw FleetCostException.userError(
          "Cannot load job file %s: savings.thresholds: %s", jobFile, e.getMessage());
    }
  }

  /**
   * Resolves a path written in a job file against the job file's folder, keeping URIs and absolute
   * paths.
   */
  public static String resolve(Path folder, String path) {
    if (hasScheme(path)) {
      return path;
    }
    Path candidate = Path.of(path);
    return candidate.isAbsolute()
        ? candidate.normalize().toString()
        : folder.resolve(candidate).normalize().toString();
  }

  static boolean hasScheme(String path) {
    int colon = path.indexOf("://");
    if (colon <= 0) {
      return false;
    }
    try {
      return URI.create(path.replace(" ", "%20")).getScheme() != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String keyPath(JsonMappingException e) {
    return keyPath(e, 0);
  }

  /** The key path of an error, leaving out the last {@code dropLast} references. */
  private static String keyPath(JsonMappingException e, int dropLast) {
    StringBuilder path = new StringBuilder();
    List<JsonMappingException.Reference> references = e.getPath();
    for (JsonMappingException.Reference reference :
        references.subList(0, Math.max(0, references.size() - dropLast))) {
      if (reference.getFieldName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.length() == 0 ? "the top level" : path.toString();
  }

  /**
   * The first line that writes {@code key:} (Jackson's location points past the key, at the next
   * token).
   */
  static Optional<Integer> lineOfKey(String content, String key) {
    Pattern pattern = Pattern.compile("^\\s*(-\\s+)?['\"]?" + Pattern.quote(key) + "['\"]?\\s*:");
    String[] lines = content.split("\\R", -1);
    for (int i = 0; i < lines.length; i++) {
      if (pattern.matcher(lines[i]).find()) {
        return Optional.of(i + 1);
      }
    }
    return Optional.empty();
  }

  private static String location(JsonLocation location) {
    if (location == null || location.getLineNr() <= 0) {
      return "";
    }
    return String.format(" (line %d, column %d)", location.getLineNr(), location.getColumnNr());
  }
}
