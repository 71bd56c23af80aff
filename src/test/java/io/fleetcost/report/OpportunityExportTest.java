package io.fleetcost.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetcost.savings.Effort;
import io.fleetcost.savings.Lever;
import io.fleetcost.savings.MigPlacement;
import io.fleetcost.savings.Opportunity;
import io.fleetcost.savings.Risk;
import io.fleetcost.savings.Scope;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class OpportunityExportTest {
  private static Opportunity opportunity(String owner, String action) {
    return Opportunity.builder()
        .id("op-0123456789abcdef")
        .lever(Lever.MIG)
        .resourceId("i-0abc")
        .provider("AWS")
        .accountId("111122223333")
        .region("us-east-1")
        .instanceType("p4de.24xlarge")
        .gpuModel("A100")
        .gpuCount(8)
        .owner(owner)
        .scope(Scope.pool("eks-ml/A100-80GB"))
        .currency("USD")
        .currentMonthlyCost(new BigDecimal("20036.38"))
        .projectedMonthlyCost(new BigDecimal("10018.19"))
        .monthlySaving(new BigDecimal("10018.19"))
        .confidence(0.9)
        .risk(Risk.MEDIUM)
        .effort(Effort.POOL_REPARTITION)
        .priority(new BigDecimal("3005.46"))
        .action(action)
        .plan(
            List.of(
                new MigPlacement(
                    "i-0abc", "GPU-1/", "3g.40gb", 4, 3, 4, "ml/nb-0", "i-0abc GPU-2/")))
        .evidence(Map.of("gpus_freed", 4))
        .build();
  }

  @Test
  void spreadsheetFormulasInDataTextAreNeutralizedAndNumbersAreNot() throws IOException {
    String csv =
        OpportunityExport.csv(
            List.of(
                OpportunityExport.record(
                    1,
                    opportunity("=HYPERLINK(\"http://evil\",\"x\")", "@SUM(1+1)"),
                    BigDecimal.ONE),
                OpportunityExport.record(2, opportunity("-2+3", "+cmd|' /C calc'!A0"), null),
                OpportunityExport.record(3, opportunity("\tteam", "plain text"), BigDecimal.ONE)));
    List<CSVRecord> rows =
        CSVFormat.RFC4180
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .get()
            .parse(new StringReader(csv))
            .getRecords();
    assertThat(rows).hasSize(3);
    assertThat(rows.get(0).get("owner")).isEqualTo("'=HYPERLINK(\"http://evil\",\"x\")");
    assertThat(rows.get(0).get("action")).isEqualTo("'@SUM(1+1)");
    assertThat(rows.get(1).get("owner")).isEqualTo("'-2+3");
    assertThat(rows.get(1).get("action")).isEqualTo("'+cmd|' /C calc'!A0");
    assertThat(rows.get(2).get("owner")).isEqualTo("'\tteam");
    assertThat(rows.get(2).get("action")).isEqualTo("plain text");
    assertThat(rows.get(0).get("monthly_saving")).isEqualTo("10018.19");
    assertThat(rows.get(1).get("monthly_saving_usd")).as("no rate: empty, not a guess").isEmpty();
    JsonNode plan = new ObjectMapper().readTree(rows.get(0).get("plan"));
    assertThat(plan.get(0).get("profile").asText()).isEqualTo("3g.40gb");
    assertThat(plan.get(0).get("start_slice").asInt()).isEqualTo(4);
  }

  @Test
  void jsonIsAnArrayWithTheContractFields() throws IOException {
    JsonNode json =
        new ObjectMapper()
            .readTree(
                OpportunityExport.json(
                    List.of(OpportunityExport.record(1, opportunity("ml", "x"), BigDecimal.ONE))));
    assertThat(json.isArray()).isTrue();
    for (String field :
        List.of(
            "id",
            "lever",
            "resource_id",
            "provider",
            "owner",
            "current_monthly_cost",
            "projected_monthly_cost",
            "monthly_saving",
            "confidence",
            "risk",
            "effort",
            "priority",
            "action",
            "evidence")) {
      assertThat(json.get(0).has(field)).as(field).isTrue();
    }
    assertThat(json.get(0).get("lever").asText()).isEqualTo("mig");
    assertThat(json.get(0).get("current_monthly_cost").decimalValue())
        .isEqualByComparingTo("20036.38");
    assertThat(json.get(0).get("evidence").get("gpus_freed").asInt()).isEqualTo(4);
  }
}
