package io.fleetcost.model;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Currency;
import java.util.Locale;

/**
 * Money as people read it, for text meant for people (the command line, the report): rounded
 * half-even to the currency's minor unit (ISO 4217: two decimals for USD and EUR, none for JPY,
 * three for KWD; two for a code Java does not know), with thousands separators, the code before the
 * amount: {@code USD 306,989.66}, {@code -EUR 35.10}. Only at display time: JSON, CSV, Parquet and
 * the history keep the exact decimals.
 */
public final class MoneyText {
  private MoneyText() {}

  /** {@code USD 306,989.66}; {@code n/a} for a missing amount. */
  public static String money(BigDecimal amount, String currency) {
    if (amount == null) {
      return "n/a";
    }
    String text = amount(amount, currency);
    return text.startsWith("-") ? "-" + currency + " " + text.substring(1) : currency + " " + text;
  }

  /** The amount alone, {@code 306,989.66}, for a line that already names the currency. */
  public static String amount(BigDecimal amount, String currency) {
    int digits = minorUnit(currency);
    BigDecimal rounded = amount.setScale(digits, Money.ROUNDING);
    StringBuilder pattern = new StringBuilder("#,##0");
    if (digits > 0) {
      pattern.append('.').append("0".repeat(digits));
    }
    DecimalFormat format =
        new DecimalFormat(pattern.toString(), DecimalFormatSymbols.getInstance(Locale.ENGLISH));
    format.setRoundingMode(Money.ROUNDING);
    return (rounded.signum() < 0 ? "-" : "") + format.format(rounded.abs());
  }

  /**
   * The currency's decimals (ISO 4217's minor unit), two when the code is unknown or has none
   * defined.
   */
  public static int minorUnit(String currency) {
    try {
      int digits = Currency.getInstance(currency).getDefaultFractionDigits();
      return digits < 0 ? 2 : digits;
    } catch (IllegalArgumentException | NullPointerException unknown) {
      return 2;
    }
  }
}
