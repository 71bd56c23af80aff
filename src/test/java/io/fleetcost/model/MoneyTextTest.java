package io.fleetcost.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MoneyTextTest {
  @Test
  void twoDecimalsHalfEvenWithThousandsSeparatorsForUsdAndEur() {
    // the sample run's USD BilledCost before this class: 306989.663839971334 → 306,989.66 (…663
    // rounds down)
    assertThat(MoneyText.money(new BigDecimal("306989.663839971334"), "USD"))
        .isEqualTo("USD 306,989.66");
    // half-even at the cent: 0.125 → 0.12, 0.135 → 0.14; anything past the half goes up
    assertThat(MoneyText.amount(new BigDecimal("0.125"), "EUR")).isEqualTo("0.12");
    assertThat(MoneyText.amount(new BigDecimal("0.135"), "EUR")).isEqualTo("0.14");
    assertThat(MoneyText.amount(new BigDecimal("0.1250000001"), "EUR")).isEqualTo("0.13");
    assertThat(MoneyText.money(new BigDecimal("1234567.891"), "EUR")).isEqualTo("EUR 1,234,567.89");
    assertThat(MoneyText.money(BigDecimal.ZERO, "USD")).isEqualTo("USD 0.00");
  }

  @Test
  void theSignGoesBeforeTheCodeAndARoundedZeroIsNotNegative() {
    assertThat(MoneyText.money(new BigDecimal("-35.1"), "USD")).isEqualTo("-USD 35.10");
    assertThat(MoneyText.money(new BigDecimal("-0.001"), "USD")).isEqualTo("USD 0.00");
  }

  @Test
  void theCurrencysOwnMinorUnit() {
    // ISO 4217: the yen has no minor unit, the Kuwaiti dinar three decimals
    assertThat(MoneyText.money(new BigDecimal("1234567.5"), "JPY")).isEqualTo("JPY 1,234,568");
    assertThat(MoneyText.money(new BigDecimal("1234.5675"), "KWD")).isEqualTo("KWD 1,234.568");
    // a code Java does not know gets two decimals; a missing amount reads n/a
    assertThat(MoneyText.money(new BigDecimal("9.999"), "XYZ1")).isEqualTo("XYZ1 10.00");
    assertThat(MoneyText.money(null, "USD")).isEqualTo("n/a");
  }
}
