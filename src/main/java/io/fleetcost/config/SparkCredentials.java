package io.fleetcost.config;

import io.fleetcost.error.FleetCostException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A job file is shared and versioned: a credential in its {@code spark.conf} is refused, naming the
 * key (never its value).
 */
final class SparkCredentials {
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

  private SparkCredentials() {}

  static void requireNone(Path jobFile, String content, SparkConfig spark) {
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
                    JobConfigLoader.lineOfKey(content, key)
                        .map(line -> " (line " + line + ")")
                        .orElse(""));
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
}
