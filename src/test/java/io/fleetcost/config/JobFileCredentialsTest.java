package io.fleetcost.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetcost.error.ErrorCode;
import io.fleetcost.error.FleetCostException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A job file cannot carry a credential in spark.conf: the key is refused by name (never its value),
 * with the line.
 */
class JobFileCredentialsTest {
  private static final String VALUE = "do-not-print-this-value";

  @TempDir Path dir;

  private Path job(String key, String value) throws IOException {
    return Files.writeString(
        dir.resolve("nightly.yaml"),
        String.join(
            "\n",
            "name: nightly",
            "spark:",
            "  conf:",
            "    spark.sql.shuffle.partitions: \"8\"",
            "    " + key + ": \"" + value + "\"",
            "billing:",
            "  - path: s3a://bucket/cur/",
            ""));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "spark.hadoop.fs.s3a.access.key",
        "spark.hadoop.fs.s3a.secret.key",
        "spark.hadoop.fs.s3a.session.token",
        "spark.hadoop.fs.s3a.bucket.billing-exports.secret.key",
        "spark.hadoop.fs.s3a.encryption.key",
        "spark.hadoop.fs.azure.account.key.fleetcost.dfs.core.windows.net",
        "spark.hadoop.fs.azure.account.oauth2.client.secret",
        "spark.hadoop.fs.azure.sas.fixed.token",
        "spark.hadoop.fs.gs.auth.service.account.private.key",
        "spark.hadoop.fs.gs.encryption.key",
        "spark.ssl.keyStorePassword",
        "spark.authenticate.secret",
        "spark.kubernetes.authenticate.driver.oauthToken",
        "spark.sql.catalog.history.jdbc.password"
      })
  void aCredentialKeyIsRefusedByNameWithItsLine(String key) throws IOException {
    Path file = job(key, VALUE);
    assertThatThrownBy(() -> new JobConfigLoader().load(file))
        .isInstanceOfSatisfying(
            FleetCostException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.USER_ERROR))
        .hasMessageStartingWith(
            "Cannot load job file "
                + file
                + ": spark.conf key '"
                + key
                + "' (line 5) holds a credential")
        .hasMessageContaining("standard chains only")
        .hasMessageNotContaining(VALUE);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "spark.hadoop.fs.s3a.aws.credentials.provider",
        "spark.hadoop.fs.s3a.endpoint",
        "spark.hadoop.fs.s3a.delegation.token.binding",
        "spark.hadoop.fs.azure.account.keyprovider.fleetcost.dfs.core.windows.net",
        "spark.hadoop.fs.azure.account.auth.type",
        "spark.hadoop.fs.azure.account.oauth2.client.id",
        "spark.hadoop.fs.azure.sas.token.provider.type",
        "spark.hadoop.fs.gs.auth.access.token.provider",
        "spark.hadoop.fs.gs.auth.service.account.json.keyfile",
        "spark.sql.files.maxPartitionBytes"
      })
  void settingsThatNameAProviderOrAPlaceAreKept(String key) throws IOException {
    JobConfig config = new JobConfigLoader().load(job(key, "value"));
    assertThat(config.spark().conf())
        .containsEntry(key, "value")
        .containsEntry("spark.sql.shuffle.partitions", "8");
  }

  @Test
  void anSseKmsKeyArnIsANameNotASecret() throws IOException {
    String arn = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    JobConfig config = new JobConfigLoader().load(job("spark.hadoop.fs.s3a.encryption.key", arn));
    assertThat(config.spark().conf()).containsEntry("spark.hadoop.fs.s3a.encryption.key", arn);
  }
}
