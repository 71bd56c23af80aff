package io.fleetcost.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetcost.billing.azure.CostManagementPull;
import io.fleetcost.pipeline.ApiInputs;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job file keys of an Azure Cost Management input: scope and dataset checked, refused where
 * they do not belong.
 */
class AzureCostManagementConfigTest {
  @TempDir Path dir;

  private Path job(String billing) throws IOException {
    return Files.writeString(
        dir.resolve("job-" + Math.abs(billing.hashCode()) + ".yaml"),
        "name: t\noutput: out\nbilling:\n" + billing);
  }

  private static String azure(String extra) {
    return "  - name: azure-api\n    source: azure-cost-management\n" + extra;
  }

  @Test
  void aScopeAndDatasetMakeTheConnectorsSettings() throws IOException {
    JobConfig config =
        new JobConfigLoader()
            .load(
                job(
                    azure(
                        "    scope: /subscriptions/abc\n    dataset: Amortized\n    endpoint: https://management.usgovcloudapi.net\n")));
    BillingInputConfig input = config.billing().get(0);
    assertThat(input.isApi()).isTrue();
    assertThat(ApiInputs.landedFormat(input).cliName()).isEqualTo("azure-cost-management");
    assertThat(ApiInputs.azureSettings(input))
        .isEqualTo(
            new CostManagementPull.Settings(
                "/subscriptions/abc",
                CostManagementPull.Dataset.AMORTIZED,
                List.of("ResourceId", "MeterId"),
                Optional.of(URI.create("https://management.usgovcloudapi.net"))));
    BillingInputConfig actual =
        new JobConfigLoader()
            .load(job(azure("    scope: /providers/Microsoft.Billing/billingAccounts/1234\n")))
            .billing()
            .get(0);
    assertThat(ApiInputs.azureSettings(actual).dataset())
        .as("the default")
        .isEqualTo(CostManagementPull.Dataset.ACTUAL);
  }

  @Test
  void badOrMisplacedKeysAreRefusedNamingTheKey() throws IOException {
    Path noScope = job(azure(""));
    assertThatThrownBy(() -> new JobConfigLoader().load(noScope))
        .hasMessageContaining("billing[0] (source azure-cost-management) needs a 'scope'");
    Path relative = job(azure("    scope: subscriptions/abc\n"));
    assertThatThrownBy(() -> new JobConfigLoader().load(relative))
        .hasMessageContaining("billing[0].scope must start with '/'");
    Path dataset = job(azure("    scope: /subscriptions/abc\n    dataset: both\n"));
    assertThatThrownBy(() -> new JobConfigLoader().load(dataset))
        .hasMessageContaining("billing[0].dataset must be actual or amortized (got 'both')");
    Path metrics = job(azure("    scope: /subscriptions/abc\n    metrics: [UnblendedCost]\n"));
    assertThatThrownBy(() -> new JobConfigLoader().load(metrics))
        .hasMessageContaining("has metrics, which it does not take");
    Path threeGroups =
        job(
            azure(
                "    scope: /subscriptions/abc\n    group-by: [ResourceId, MeterId, ServiceName]\n"));
    // the connector's settings are checked where the inputs are made, as Cost Explorer's are
    JobConfig three = new JobConfigLoader().load(threeGroups);
    assertThatThrownBy(() -> ApiInputs.check(threeGroups, three.billing()))
        .hasMessageContaining(
            "billing[0] ('azure-api'): the Cost Management Query API groups by 1 or 2 columns, not 3");
    Path files = job("  - path: a.csv\n    scope: /subscriptions/abc\n    dataset: actual\n");
    assertThatThrownBy(() -> new JobConfigLoader().load(files))
        .hasMessageContaining(
            "billing[0] reads files, but has scope, dataset, which only an API source");
    Path aws =
        job("  - name: aws-api\n    source: aws-cost-explorer\n    scope: /subscriptions/abc\n");
    assertThatThrownBy(() -> new JobConfigLoader().load(aws))
        .hasMessageContaining("scope and dataset are for source azure-cost-management");
  }
}
