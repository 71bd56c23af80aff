package io.fleetcost.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetcost.savings.ExternalRecommendation;
import io.fleetcost.savings.RecommendationComparison;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecommendationExportTest {
  @Test
  void csvNeutralizesFormulaCellsAndKeepsExactAmounts() {
    ExternalRecommendation cloud =
        new ExternalRecommendation(
            "aws-cost-explorer",
            "444455556666",
            "i-0abc",
            "=HYPERLINK(\"http://x\")",
            "g5.4xlarge",
            "US West (Oregon)",
            "MODIFY",
            "g5.2xlarge",
            new BigDecimal("1186.24"),
            new BigDecimal("300.450000000001"),
            "USD",
            "CPU_OVER_PROVISIONED");
    List<RecommendationComparison.Row> rows =
        RecommendationComparison.compare(List.of(), List.of(cloud), "AWS");

    String csv = RecommendationExport.csv(rows);
    assertThat(csv.lines().toList().get(0))
        .startsWith("resource_id,provider,verdict,fleetcost_levers,");
    assertThat(csv)
        .contains("'=HYPERLINK(\"\"http://x\"\")")
        .contains(",300.450000000001,")
        .doesNotContain(",=HYPERLINK");
    String json = RecommendationExport.json(rows);
    assertThat(json)
        .contains("\"cloud only\" : 1")
        .contains("\"cloud_estimated_monthly_saving\" : 300.450000000001");
  }
}
