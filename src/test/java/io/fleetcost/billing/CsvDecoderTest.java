package io.fleetcost.billing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The whole-record text that compares CSV rows of different files (no Spark). */
class CsvDecoderTest {
  @Test
  void recordTextsAreEqualExactlyWhenTheValuesUnderTheirNamesAre() {
    String[] names = {"BilledCost", "BillingCurrency", "Tags"};
    assertThat(CsvDecoder.recordText(names, new String[] {"1.5", "USD", "{}"}))
        .isEqualTo(CsvDecoder.recordText(names, new String[] {"1.5", "USD", "{}"}))
        .isNotEqualTo(CsvDecoder.recordText(names, new String[] {"1.50", "USD", "{}"}));
  }

  @Test
  void anEmptyValueIsTheSameAsAMissingColumn() {
    String withEmpty =
        CsvDecoder.recordText(new String[] {"A", "B", "C"}, new String[] {"1", null, "3"});
    String without = CsvDecoder.recordText(new String[] {"A", "C"}, new String[] {"1", "3"});
    assertThat(withEmpty).isEqualTo(without);
  }

  @Test
  void noSeparatorMakesTwoRecordsLookAlike() {
    // a value containing what would be a separator, or a value moved into the name, gives another
    // text
    assertThat(CsvDecoder.recordText(new String[] {"A", "B"}, new String[] {"x1:B1:y", null}))
        .isNotEqualTo(CsvDecoder.recordText(new String[] {"A", "B"}, new String[] {"x", "y"}));
    assertThat(CsvDecoder.recordText(new String[] {"AB"}, new String[] {"c"}))
        .isNotEqualTo(CsvDecoder.recordText(new String[] {"A"}, new String[] {"Bc"}));
  }
}
