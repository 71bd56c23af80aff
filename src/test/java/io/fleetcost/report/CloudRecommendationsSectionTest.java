package io.fleetcost.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetcost.history.RecommendationRow;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The cloud recommendations section on rows made up here; the report's fixture checks the order and
 * counts ({@code MonthlyReportBuilderTest}).
 */
class CloudRecommendationsSectionTest {

  @Test
  void noRowsMeansNoneImported() {
    CloudRecommendations none = CloudRecommendationsSection.of(List.of(), ReportOptions.defaults());
    assertThat(none.imported()).isFalse();
    assertThat(none.counts()).isEmpty();
    assertThat(none.lines()).isEmpty();
    assertThat(none.fleetcostOnlyMonthlySaving()).isNull();
  }

  @Test
  void theCloudsActionIsWordedAndItsSourceNamed() {
    CloudRecommendations cloud =
        CloudRecommendationsSection.of(
            List.of(
                row("i-terminate", "agree", "TERMINATE", null, "400", "USD"),
                row("i-resize", "agree", "modify", null, "300", "USD"),
                row("i-stop", "agree", "stop", null, "200", "USD"),
                row("i-none", "agree", null, null, "100", "USD"),
                row("i-ours", "fleetcost only", null, null, "50", "EUR")),
            ReportOptions.defaults());
    assertThat(cloud.source()).isEqualTo("gcp-recommender");
    assertThat(cloud.lines())
        .extracting(CloudRecommendationLine::cloud)
        .containsExactly("Terminate", "Resize", "Stop", "nothing");
    assertThat(cloud.fleetcostOnly()).isEqualTo(1);
    assertThat(cloud.fleetcostOnlyMonthlySaving())
        .as("a saving in another currency than the report's is left out")
        .isNull();
  }

  private static RecommendationRow row(
      String resource,
      String verdict,
      String action,
      String target,
      String saving,
      String currency) {
    return new RecommendationRow(
        resource,
        null,
        "GCP",
        verdict,
        "idle",
        new BigDecimal(saving),
        currency,
        "gcp-recommender",
        "a2-highgpu-1g",
        action,
        target,
        null,
        null,
        "made up");
  }
}
