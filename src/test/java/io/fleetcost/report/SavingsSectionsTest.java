package io.fleetcost.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetcost.savings.Lever;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The helpers the savings sections share with the MIG plans and the appendix. */
class SavingsSectionsTest {

  @Test
  void aLeverIsFoundByItsNameInAnyCase() {
    assertThat(SavingsSections.lever("rightsize")).contains(Lever.RIGHTSIZE);
    assertThat(SavingsSections.lever("MIG")).contains(Lever.MIG);
    assertThat(SavingsSections.lever("unknown")).isEmpty();
    assertThat(SavingsSections.lever(null)).isEmpty();
  }

  @Test
  void aResourceWithoutANameIsShownByItsId() {
    assertThat(
            SavingsSections.resource(
                MigPlansSectionTest.opportunity(1, "idle", "i-0a", List.of(), "1")))
        .isEqualTo("i-0a");
  }
}
