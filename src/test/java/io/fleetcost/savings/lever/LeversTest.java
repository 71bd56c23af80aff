package io.fleetcost.savings.lever;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LeversTest {
  @Test
  void theRegistryHoldsEveryLeverOnceInTheOrderTheyApply() {
    List<SavingsLever> levers = Levers.all();
    assertThat(levers).extracting(SavingsLever::id).containsExactly(LeverId.values());
    assertThat(levers)
        .extracting(SavingsLever::stage)
        .containsExactly(
            LeverStage.ELIMINATE, LeverStage.RESHAPE, LeverStage.RESHAPE, LeverStage.PURCHASE);
    assertThat(levers)
        .filteredOn(l -> l instanceof PooledLever)
        .extracting(SavingsLever::id)
        .containsExactly(LeverId.MIG);
  }
}
