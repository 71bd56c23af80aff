package io.fleetcost.billing.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AwsCurColumnsTest {
  @Test
  void snakeCaseFollowsAwsConversionIncludingItsOddArn() {
    assertThat(AwsCurColumns.snakeCase("lineItem/UnblendedCost"))
        .isEqualTo("line_item_unblended_cost");
    assertThat(AwsCurColumns.snakeCase("lineItem/LineItemType"))
        .isEqualTo("line_item_line_item_type");
    assertThat(AwsCurColumns.snakeCase("reservation/ReservationARN"))
        .isEqualTo("reservation_reservation_a_r_n");
    assertThat(AwsCurColumns.snakeCase("savingsPlan/SavingsPlanARN"))
        .isEqualTo("savings_plan_savings_plan_a_r_n");
    assertThat(AwsCurColumns.snakeCase("product/productFamily"))
        .isEqualTo("product_product_family");
    assertThat(AwsCurColumns.snakeCase("pricing/publicOnDemandCost"))
        .isEqualTo("pricing_public_on_demand_cost");
    assertThat(AwsCurColumns.snakeCase("product/usagetype")).isEqualTo("product_usagetype");
    assertThat(AwsCurColumns.snakeCase("line_item_unblended_cost"))
        .as("already snake_case")
        .isEqualTo("line_item_unblended_cost");
  }

  @Test
  void tagColumnsGiveTheirKeys() {
    assertThat(AwsCurColumns.tagKey("resourceTags/user:team")).contains("team");
    assertThat(AwsCurColumns.tagKey("resourceTags/aws:createdBy")).contains("aws:createdBy");
    assertThat(AwsCurColumns.tagKey("resource_tags_user_cost_center")).contains("cost_center");
    assertThat(AwsCurColumns.tagKey("resource_tags_aws_created_by")).contains("aws:created_by");
    assertThat(AwsCurColumns.tagKey("resource_tags"))
        .as("CUR 2.0's map column is not a tag column")
        .isEmpty();
    assertThat(AwsCurColumns.tagKey("lineItem/UnblendedCost")).isEmpty();
  }
}
