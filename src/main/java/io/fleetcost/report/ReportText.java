package io.fleetcost.report;

import io.fleetcost.model.MoneyText;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How the report pages write numbers, money and dates; templates reach it as {@code fmt}. Money is
 * rounded to the currency's minor unit half-even here, at display time, never in the model's
 * arithmetic. Missing values read "n/a".
 */
public final class ReportText {
  static final String NOT_AVAILABLE = "n/a";
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
  private static final DateTimeFormatter MONTH =
      DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);

  private final String currency;

  public ReportText(String currency) {
    this.currency = currency;
  }

  /**
   * A resource id short enough for a table cell: the last segment of a cloud resource path (an
   * Azure resource id {@code /subscriptions/…/virtualMachines/vm-1}, a Google Cloud {@code
   * projects/…/instances/vm-1} or self link), the id itself otherwise (other text may hold a slash
   * that is not a path).
   */
  public static String shortResource(String id) {
    if (id == null) {
      return "";
    }
    boolean path =
        id.startsWith("/subscriptions/")
            || id.startsWith("projects/")
            || id.startsWith("//")
            || id.startsWith("https://");
    String trimmed = id.endsWith("/") ? id.substring(0, id.length() - 1) : id;
    int slash = trimmed.lastIndexOf('/');
    return path && slash >= 0 && slash < trimmed.length() - 1 ? trimmed.substring(slash + 1) : id;
  }

  public String resource(String id) {
    return shortResource(id);
  }

  /** {@code USD 12,345.68}, in the currency's decimals ({@link MoneyText}). */
  public String money(BigDecimal amount) {
    return amount == null ? NOT_AVAILABLE : MoneyText.money(amount, currency);
  }

  /**
   * An amount in its own currency, {@code EUR 1,234.50}; the report's currency when {@code code} is
   * null.
   */
  public String money(BigDecimal amount, String code) {
    return code == null || code.equals(currency)
        ? money(amount)
        : new ReportText(code).money(amount);
  }

  /** {@code +USD 1,200.00} or {@code -USD 35.10}: a change, always signed. */
  public String signedMoney(BigDecimal amount) {
    if (amount == null) {
      return NOT_AVAILABLE;
    }
    String text = money(amount);
    return text.startsWith("-") ? text : "+" + text;
  }

  /** A decrease, written {@code -USD 35.10} (zero stays {@code USD 0.00}). */
  public String reduction(BigDecimal amount) {
    return amount == null ? NOT_AVAILABLE : money(amount.negate());
  }

  /** {@code 12.3%} from a percentage (not a fraction). */
  public String percent(BigDecimal percent) {
    return percent == null
        ? NOT_AVAILABLE
        : grouped("#,##0.0").format(percent.setScale(1, RoundingMode.HALF_EVEN)) + "%";
  }

  public String percent(Double percent) {
    return percent == null ? NOT_AVAILABLE : percent(BigDecimal.valueOf(percent));
  }

  /** {@code +12.3%} or {@code -4.0%}. */
  public String signedPercent(BigDecimal percent) {
    if (percent == null) {
      return NOT_AVAILABLE;
    }
    String text = percent(percent);
    return text.startsWith("-") ? text : "+" + text;
  }

  /** A confidence in 0–1 as a whole percentage. */
  public String share(double fraction) {
    return grouped("0")
            .format(BigDecimal.valueOf(fraction * 100).setScale(0, RoundingMode.HALF_EVEN))
        + "%";
  }

  public String count(long value) {
    return grouped("#,##0").format(value);
  }

  /** Hours and other measured quantities, one decimal. */
  public String decimal(double value) {
    return grouped("#,##0.0").format(BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_EVEN));
  }

  /**
   * {@code 57.8 / 100}, {@code n/a — no manifests scanned}, with {@code (partial: 1 file not read)}
   * when partial.
   */
  public String securityScore(Double score, int filesNotRead) {
    String partial =
        filesNotRead == 0
            ? ""
            : " (partial: "
                + filesNotRead
                + (filesNotRead == 1 ? " file" : " files")
                + " not read)";
    return (score == null ? "n/a — no manifests scanned" : decimal(score) + " / 100") + partial;
  }

  public String score(Double value) {
    return value == null ? NOT_AVAILABLE : decimal(value);
  }

  public String date(LocalDate date) {
    return date == null ? NOT_AVAILABLE : DAY.format(date);
  }

  public String month(YearMonth month) {
    return MONTH.format(month);
  }

  private static DecimalFormat grouped(String pattern) {
    DecimalFormat format =
        new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ENGLISH));
    format.setRoundingMode(RoundingMode.HALF_EVEN);
    return format;
  }
}
