package io.fleetcost.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FocusValuesTest {
  @Test
  void spellingsAreCaseInsensitiveAndIncludeOlderVocabularies() {
    assertThat(FocusValues.parse(ChargeFrequency.class, "Usage-based"))
        .contains(ChargeFrequency.USAGE_BASED);
    assertThat(FocusValues.parse(ChargeFrequency.class, "UsageBased"))
        .contains(ChargeFrequency.USAGE_BASED);
    assertThat(FocusValues.parse(PricingCategory.class, "On-Demand"))
        .contains(PricingCategory.STANDARD);
    assertThat(FocusValues.parse(PricingCategory.class, "Commitment-Based"))
        .contains(PricingCategory.COMMITTED);
    assertThat(FocusValues.parse(PricingCategory.class, "spot")).contains(PricingCategory.DYNAMIC);
    assertThat(FocusValues.parse(ServiceCategory.class, "ai and machine learning"))
        .contains(ServiceCategory.AI_AND_MACHINE_LEARNING);
    assertThat(FocusValues.parse(ChargeCategory.class, " usage ")).contains(ChargeCategory.USAGE);
    assertThat(FocusValues.parse(ChargeCategory.class, "Usagee")).isEmpty();
    assertThat(FocusValues.parse(ChargeCategory.class, null)).isEmpty();
  }

  @Test
  void everyServiceCategoryOfFocus12IsKnown() {
    assertThat(ServiceCategory.values()).hasSize(19);
    assertThat(FocusValues.spellings(ChargeCategory.class).values())
        .containsOnly("Usage", "Purchase", "Tax", "Credit", "Adjustment");
  }
}
