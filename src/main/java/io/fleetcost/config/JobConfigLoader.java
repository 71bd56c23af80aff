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
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

  private static JobConfig validateAndResolve(JobConfig raw, Path jobFile, String content) {
    Path folder = jobFile.toAbsolutePath().getParent();
    JobConfig config = raw;
    requireNoCredentials(jobFile, content, config.spark());
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
    List<BillingInputConfig> billing = new ArrayList<>();
    for (int i = 0; i < config.billing().size(); i++) {
      BillingInputConfig input = config.billing().get(i);
      if (input == null) {
        throw FleetCostException.userError(
            "Cannot load job file %s: billing[%d] is empty", jobFile, i);
      }
      if (input.isApi()) {
        billing.add(validateApiInput(jobFile, i, input));
        continue;
      }
      if (!BillingInputConfig.FILES.equals(input.source())) {
        throw FleetCostException.userError(
            "Cannot load job file %s: billing[%d].source must be %s or %s (got '%s')",
            jobFile,
            i,
            BillingInputConfig.FILES,
            String.join(", ", BillingInputConfig.API_SOURCES),
            input.source());
      }
      requireNoApiKeys(jobFile, i, input);
      if (input.path().isEmpty()) {
        throw FleetCostException.userError(
            "Cannot load job file %s: billing[%d] has no 'path' (a file, folder or CUR manifest)",
            jobFile, i);
      }
      List<String> resolved = new ArrayList<>();
      for (String path : input.path()) {
        if (path == null || path.isBlank()) {
          throw FleetCostException.userError(
              "Cannot load job file %s: billing[%d].path has an empty entry", jobFile, i);
        }
        resolved.add(resolve(folder, path));
      }
      String dataset = input.azureCostDataset().toLowerCase(Locale.ROOT);
      if (!List.of("auto", "actual", "amortized").contains(dataset)) {
        throw FleetCostException.userError(
            "Cannot load job file %s: billing[%d].azure-cost-dataset must be auto, actual or amortized (got '%s')",
            jobFile, i, input.azureCostDataset());
      }
      if (!List.of("daily", "monthly").contains(input.cadence().toLowerCase(Locale.ROOT))) {
        throw FleetCostException.userError(
            "Cannot load job file %s: billing[%d].cadence must be daily or monthly (got '%s')",
            jobFile, i, input.cadence());
      }
      requirePositiveHours(
          jobFile, "billing[" + i + "].max-staleness-hours", input.maxStalenessHours());
      BillingInputConfig resolvedInput = input.withPaths(resolved);
      if (resolvedInput.name() == null || resolvedInput.name().isBlank()) {
        resolvedInput = resolvedInput.withName("billing-" + (i + 1));
      }
      billing.add(resolvedInput);
    }
    requireUniqueNames(jobFile, "billing", billing.stream().map(BillingInputConfig::name).toList());
    String onMissing = config.dataQuality().onMissingInput();
    if (!onMissing.equals(DataQualityConfig.FAIL) && !onMissing.equals(DataQualityConfig.WARN)) {
      throw FleetCostException.userError(
          "Cannot load job file %s: data-quality.on-missing-input must be fail or warn (got '%s')",
          jobFile, onMissing);
    }
    requireFraction(
        jobFile,
        "data-quality.max-quarantined-fraction",
        config.dataQuality().maxQuarantinedFraction());
    requireFraction(
        jobFile,
        "data-quality.max-quarantined-telemetry-fraction",
        config.dataQuality().maxQuarantinedTelemetryFraction());

    List<TelemetryInputConfig> telemetry = new ArrayList<>();
    for (int i = 0; i < config.telemetry().size(); i++) {
      TelemetryInputConfig input = config.telemetry().get(i);
      if (input == null) {
        throw FleetCostException.userError(
            "Cannot load job file %s: telemetry[%d] is empty", jobFile, i);
      }
      String where = "telemetry[" + i + "]";
      List<String> resolved = resolvePaths(jobFile, folder, where, input.path());
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
      requirePositiveHours(jobFile, where + ".max-staleness-hours", input.maxStalenessHours());
      TelemetryInputConfig resolvedInput = input.withPaths(resolved);
      if (resolvedInput.name() == null || resolvedInput.name().isBlank()) {
        resolvedInput = resolvedInput.withName("telemetry-" + (i + 1));
      }
      telemetry.add(resolvedInput);
    }
    requireUniqueNames(
        jobFile, "telemetry", telemetry.stream().map(TelemetryInputConfig::name).toList());

    List<InventoryInputConfig> inventory = new ArrayList<>();
    for (int i = 0; i < config.inventory().size(); i++) {
      InventoryInputConfig input = config.inventory().get(i);
      if (input == null) {
        throw FleetCostException.userError(
            "Cannot load job file %s: inventory[%d] is empty", jobFile, i);
      }
      InventoryInputConfig resolvedInput =
          input.withPaths(resolvePaths(jobFile, folder, "inventory[" + i + "]", input.path()));
      if (resolvedInput.name() == null || resolvedInput.name().isBlank()) {
        resolvedInput = resolvedInput.withName("inventory-" + (i + 1));
      }
      inventory.add(resolvedInput);
    }

    List<SecurityInputConfig> security = new ArrayList<>();
    for (int i = 0; i < config.security().size(); i++) {
      SecurityInputConfig input = config.security().get(i);
      if (input == null) {
        throw FleetCostException.userError(
            "Cannot load job file %s: security[%d] is empty", jobFile, i);
      }
      SecurityInputConfig resolvedInput =
          input.withPaths(resolvePaths(jobFile, folder, "security[" + i + "]", input.path()));
      if (resolvedInput.name() == null || resolvedInput.name().isBlank()) {
        resolvedInput = resolvedInput.withName("security-" + (i + 1));
      }
      security.add(resolvedInput);
    }
    requireFraction(
        jobFile,
        "governance.untagged-spend-max-fraction",
        config.governance().untaggedSpendMaxFraction());

    SavingsConfig savings = config.savings();
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
    return config
        .withBilling(billing)
        .withTelemetry(telemetry)
        .withInventory(inventory)
        .withSecurity(security);
  }

  /**
   * Keys of {@code spark.conf} that hold a credential: object-store keys ({@code
   * fs.s3a.secret.key}, per-bucket ones too, {@code fs.azure.account.key.<account>}, SAS tokens,
   * OAuth client secrets, {@code fs.gs} private keys, customer-supplied encryption keys) and any
   * {@code *password}, {@code *.secret}, {@code *.token} or OAuth token key. Provider settings
   * ({@code fs.s3a.aws.credentials.provider}, {@code fs.azure.account.keyprovider.…}, {@code
   * fs.azure.sas.token.provider.type}, {@code fs.s3a.delegation.token.binding}) are not
   * credentials.
   */
  private static final Pattern SPARK_CREDENTIAL_KEY =
      Pattern.compile(
          "(^|\\.)(access|secret|account|private)\\.key(\\.|$)|(^|\\.)encryption\\.key$"
              + "|(^|\\.)fs\\.azure\\.sas\\.(?!token\\.provider\\.)|client\\.secret|password$|passphrase$|oauthtoken$"
              + "|(^|\\.)(secret|token)$");

  /**
   * A job file is shared and versioned: a credential in it is refused, naming the key (never its
   * value).
   */
  private static void requireNoCredentials(Path jobFile, String content, SparkConfig spark) {
    spark
        .conf()
        .forEach(
            (key, value) -> {
              if (isCredential(key, value)) {
                throw FleetCostException.userError(
                    "Cannot load job file %s: spark.conf key '%s'%s holds a credential, and a job file must not: FleetCost"
                        + " takes storage credentials from the providers' standard chains only (environment, instance or pod"
                        + " identity, profile files; see docs/object-stores.md). Remove the key",
                    jobFile,
                    key,
                    lineOfKey(content, key).map(line -> " (line " + line + ")").orElse(""));
              }
            });
  }

  /**
   * An S3 encryption key may be an SSE-KMS key's ARN, which is a name, not a secret (SSE-C's key is
   * one).
   */
  static boolean isCredential(String key, String value) {
    String lower = key.toLowerCase(Locale.ROOT);
    if (lower.endsWith("encryption.key") && value != null && value.trim().startsWith("arn:")) {
      return false;
    }
    return SPARK_CREDENTIAL_KEY.matcher(lower).find();
  }

  /**
   * An API input: a known source, no path, a name usable as a folder, a positive time limit, an
   * http(s) endpoint.
   */
  private static BillingInputConfig validateApiInput(
      Path jobFile, int i, BillingInputConfig input) {
    if (!BillingInputConfig.API_SOURCES.contains(input.source())) {
      throw FleetCostException.userError(
          "Cannot load job file %s: billing[%d].source must be %s or %s (got '%s')",
          jobFile,
          i,
          BillingInputConfig.FILES,
          String.join(", ", BillingInputConfig.API_SOURCES),
          input.source());
    }
    if (!input.path().isEmpty()) {
      throw FleetCostException.userError(
          "Cannot load job file %s: billing[%d] has source %s and a 'path': an API input has none (fleetcost pull lands its"
              + " data under the output folder's landing/%s/)",
          jobFile, i, input.source(), input.name() == null ? "<name>" : input.name());
    }
    if (input.name() == null || !input.name().matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
      throw FleetCostException.userError(
          "Cannot load job file %s: billing[%d] (source %s) needs a 'name' of letters, digits, '.', '_' or '-': it names"
              + " its landing folder (got '%s')",
          jobFile, i, input.source(), input.name() == null ? "" : input.name());
    }
    if (!BillingInputConfig.AUTO.equals(input.format())) {
      throw FleetCostException.userError(
          "Cannot load job file %s: billing[%d].format is for export files; source %s lands its own format",
          jobFile, i, input.source());
    }
    if (input.timeLimitMinutes() != null && input.timeLimitMinutes() <= 0) {
      throw FleetCostException.userError(
          "Cannot load job file %s: billing[%d].time-limit-minutes must be positive (got %d)",
          jobFile, i, input.timeLimitMinutes());
    }
    if (input.endpoint() != null) {
      URI endpoint;
      try {
        endpoint = URI.create(input.endpoint().trim());
      } catch (IllegalArgumentException e) {
        endpoint = null;
      }
      if (endpoint == null
          || endpoint.getHost() == null
          || !List.of("http", "https").contains(String.valueOf(endpoint.getScheme()))) {
        throw FleetCostException.userError(
            "Cannot load job file %s: billing[%d].endpoint must be an http or https URL (got '%s')",
            jobFile, i, input.endpoint());
      }
    }
    if (!List.of("daily", "monthly").contains(input.cadence().toLowerCase(Locale.ROOT))) {
      throw FleetCostException.userError(
          "Cannot load job file %s: billing[%d].cadence must be daily or monthly (got '%s')",
          jobFile, i, input.cadence());
    }
    requirePositiveHours(
        jobFile, "billing[" + i + "].max-staleness-hours", input.maxStalenessHours());
    if (BillingInputConfig.AZURE_COST_MANAGEMENT.equals(input.source())) {
      validateAzureCostManagement(jobFile, i, input);
    } else if (input.scope() != null || input.dataset() != null) {
      throw FleetCostException.userError(
          "Cannot load job file %s: billing[%d] has source %s, but scope and dataset are for source %s",
          jobFile, i, input.source(), BillingInputConfig.AZURE_COST_MANAGEMENT);
    }
    return input;
  }

  /**
   * Azure Cost Management: a scope starting with '/', dataset actual or amortized, no keys of other
   * APIs.
   */
  private static void validateAzureCostManagement(Path jobFile, int i, BillingInputConfig input) {
    if (input.scope() == null || input.scope().isBlank()) {
      throw FleetCostException.userError(
          "Cannot load job file %s: billing[%d] (source %s) needs a 'scope' (/subscriptions/<id>, or a billing account:"
              + " /providers/Microsoft.Billing/billingAccounts/<id>)",
          jobFile, i, input.source());
    }
    if (!input.scope().trim().startsWith("/")) {
      throw FleetCostException.userError(
          "Cannot load job file %s: billing[%d].scope must start with '/' (/subscriptions/<id>, …; got '%s')",
          jobFile, i, input.scope());
    }
    if (input.dataset() != null
        && !List.of("actual", "amortized")
            .contains(input.dataset().trim().toLowerCase(Locale.ROOT))) {
      throw FleetCostException.userError(
          "Cannot load job file %s: billing[%d].dataset must be actual or amortized (got '%s')",
          jobFile, i, input.dataset());
    }
    List<String> found = new ArrayList<>();
    if (input.tagKey() != null) {
      found.add("tag-key");
    }
    if (!input.metrics().isEmpty()) {
      found.add("metrics");
    }
    if (input.region() != null) {
      found.add("region");
    }
    if (input.rightsizing() != null) {
      found.add("rightsizing");
    }
    if (!found.isEmpty()) {
      throw FleetCostException.userError(
          "Cannot load job file %s: billing[%d] (source %s) has %s, which it does not take",
          jobFile, i, input.source(), String.join(", ", found));
    }
  }

  /** Keys of API inputs on an input of files: a mistake to point out, not to ignore. */
  private static void requireNoApiKeys(Path jobFile, int i, BillingInputConfig input) {
    List<String> found = new ArrayList<>();
    if (!input.groupBy().isEmpty()) {
      found.add("group-by");
    }
    if (input.tagKey() != null) {
      found.add("tag-key");
    }
    if (!input.metrics().isEmpty()) {
      found.add("metrics");
    }
    if (input.endpoint() != null) {
      found.add("endpoint");
    }
    if (input.region() != null) {
      found.add("region");
    }
    if (input.timeLimitMinutes() != null) {
      found.add("time-limit-minutes");
    }
    if (input.rightsizing() != null) {
      found.add("rightsizing");
    }
    if (input.scope() != null) {
      found.add("scope");
    }
    if (input.dataset() != null) {
      found.add("dataset");
    }
    if (!found.isEmpty()) {
      throw FleetCostException.userError(
          "Cannot load job file %s: billing[%d] reads files, but has %s, which only an API source (source: %s) takes",
          jobFile, i, String.join(", ", found), String.join(", ", BillingInputConfig.API_SOURCES));
    }
  }

  private static List<String> resolvePaths(
      Path jobFile, Path folder, String where, List<String> paths) {
    if (paths.isEmpty()) {
      throw FleetCostException.userError(
          "Cannot load job file %s: %s has no 'path' (a file or folder)", jobFile, where);
    }
    List<String> resolved = new ArrayList<>();
    for (String path : paths) {
      if (path == null || path.isBlank()) {
        throw FleetCostException.userError(
            "Cannot load job file %s: %s.path has an empty entry", jobFile, where);
      }
      resolved.add(resolve(folder, path));
    }
    return resolved;
  }

  private static void requirePositiveHours(Path jobFile, String key, Integer hours) {
    if (hours != null && hours < 1) {
      throw FleetCostException.userError(
          "Cannot load job file %s: %s must be a positive number of hours (got %d)",
          jobFile, key, hours);
    }
  }

  /**
   * Summaries and the coverage check report inputs by name: two inputs of a kind cannot share one.
   */
  private static void requireUniqueNames(Path jobFile, String kind, List<String> names) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (String name : names) {
      if (!seen.add(name)) {
        throw FleetCostException.userError(
            "Cannot load job file %s: two %s inputs are named '%s'", jobFile, kind, name);
      }
    }
  }

  private static void requireFraction(Path jobFile, String key, BigDecimal value) {
    if (value != null && (value.signum() < 0 || value.compareTo(BigDecimal.ONE) > 0)) {
      throw FleetCostException.userError(
          "Cannot load job file %s: %s must be between 0 and 1 (got %s)",
          jobFile, key, value.toPlainString());
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
