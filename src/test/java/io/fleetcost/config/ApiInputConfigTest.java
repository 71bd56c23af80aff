package io.fleetcost.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetcost.error.FleetCostException;
import io.fleetcost.pipeline.BillingInputs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Billing inputs with an API source in a job file: what is read, and what is refused with the key
 * named.
 */
class ApiInputConfigTest {
  @TempDir Path dir;

  private Path job(String billing) throws IOException {
    return Files.writeString(dir.resolve("api.yaml"), "name: api\nbilling:\n" + billing);
  }

  private String refusal(String billing) throws IOException {
    Path file = job(billing);
    try {
      JobConfig config = new JobConfigLoader().load(file);
      BillingInputs.fromConfig(
          file,
          config.billing(),
          new io.fleetcost.pull.Landing(dir.resolve("out")),
          java.time.LocalDate.parse("2026-11-14"));
    } catch (FleetCostException e) {
      return e.getMessage();
    }
    throw new AssertionError("accepted: " + billing);
  }

  @Test
  void readsACostExplorerInputWithItsDefaults() throws IOException {
    JobConfig config =
        new JobConfigLoader()
            .load(
                job(
                    """
                      - name: aws-api
                        source: aws-cost-explorer
                        group-by: [SERVICE, LINKED_ACCOUNT]
                        endpoint: https://ce.example.internal
                        retry:
                          attempts: 7
                        time-limit-minutes: 10
                    """));
    BillingInputConfig input = config.billing().get(0);
    assertThat(input.isApi()).isTrue();
    assertThat(input.groupBy()).containsExactly("SERVICE", "LINKED_ACCOUNT");
    assertThat(input.retry()).isEqualTo(new RetryConfig(7, 2.0, 60.0));
    assertThat(input.timeLimitMinutes()).isEqualTo(10);
    assertThat(input.path()).isEmpty();
  }

  @Test
  void refusesWhatCostExplorerCannotDoAndWhatDoesNotBelong() throws IOException {
    assertThat(
            refusal(
                "  - name: a\n    source: aws-cost-explorer\n    group-by: [SERVICE, LINKED_ACCOUNT]\n    tag-key: team\n"))
        .endsWith(
            "billing[0] ('a'): Cost Explorer groups by at most two keys, and group-by [SERVICE, LINKED_ACCOUNT] with tag-key team makes 3");
    assertThat(refusal("  - name: a\n    source: aws-cost-explorer\n    group-by: SERVIC\n"))
        .contains(
            "billing[0] ('a'): group-by 'SERVIC' is not one of SERVICE, LINKED_ACCOUNT, REGION");
    assertThat(
            refusal("  - name: a\n    source: aws-cost-explorer\n    metrics: [AmortizedCost]\n"))
        .contains("metrics must include UnblendedCost");
    assertThat(refusal("  - name: a\n    source: aws-cost-explorer\n    path: ../cur\n"))
        .contains("billing[0] has source aws-cost-explorer and a 'path': an API input has none");
    assertThat(refusal("  - source: aws-cost-explorer\n"))
        .contains("billing[0] (source aws-cost-explorer) needs a 'name'");
    assertThat(refusal("  - name: a\n    source: gcp-bigquery-api\n"))
        .contains(
            "billing[0].source must be files or aws-cost-explorer, azure-cost-management (got 'gcp-bigquery-api')");
    assertThat(refusal("  - name: a\n    source: aws-cost-explorer\n    endpoint: ftp://x\n"))
        .contains("billing[0].endpoint must be an http or https URL (got 'ftp://x')");
    assertThat(
            refusal(
                "  - name: a\n    path: cur\n    group-by: [SERVICE]\n    endpoint: http://x\n"))
        .contains(
            "billing[0] reads files, but has group-by, endpoint, which only an API source (source: aws-cost-explorer, azure-cost-management) takes");
    assertThat(
            refusal("  - name: a\n    source: aws-cost-explorer\n    retry:\n      attempts: 0\n"))
        .contains("billing.retry.attempts must be at least 1, not 0");
    assertThat(refusal("  - name: a\n    source: aws-cost-explorer\n    access-key: AKIA\n"))
        .as("no key takes credentials")
        .contains("unknown key 'access-key'");
  }

  @Test
  void anApiInputNeedsTheLandingFolderWhereOnlyFilesAreRead() throws IOException {
    Path file = job("  - name: a\n    source: aws-cost-explorer\n");
    JobConfig config = new JobConfigLoader().load(file);
    assertThatThrownBy(() -> BillingInputs.fromConfig(file, config.billing()))
        .hasMessageContaining(
            "billing[0] ('a') is an API input (source aws-cost-explorer); run it with fleetcost pull or run");
  }
}
