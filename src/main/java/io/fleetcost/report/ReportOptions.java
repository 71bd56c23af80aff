package io.fleetcost.report;

import java.util.Locale;
import java.util.Objects;

/**
 * How the monthly report and the trends page are laid out: the PDF page size, how many rows the
 * long tables show before they summarise the rest, and the label of the report currency (every
 * amount is converted to it upstream).
 *
 * @param breakdownRows rows of each spend breakdown before an "Other" row sums the rest
 * @param topOpportunities opportunities listed, by rank
 * @param topFindings security findings listed, by weight
 */
public record ReportOptions(
    PageSize pageSize, int breakdownRows, int topOpportunities, int topFindings, String currency) {

  /** The PDF page size; the CSS {@code @page size} keyword of each. */
  public enum PageSize {
    A4("A4"),
    LETTER("letter");

    private final String css;

    PageSize(String css) {
      this.css = css;
    }

    public String css() {
      return css;
    }

    public static PageSize parse(String value) {
      return PageSize.valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
  }

  public ReportOptions {
    Objects.requireNonNull(pageSize, "pageSize is null");
    Objects.requireNonNull(currency, "currency is null");
    if (breakdownRows < 1 || topOpportunities < 1 || topFindings < 1) {
      throw new IllegalArgumentException(
          "Cannot lay out the report: row limits must be at least 1 ("
              + breakdownRows
              + ", "
              + topOpportunities
              + ", "
              + topFindings
              + ")");
    }
  }

  /** A4, 15 breakdown rows, 20 opportunities, 10 findings, USD. */
  public static ReportOptions defaults() {
    return new ReportOptions(PageSize.A4, 15, 20, 10, "USD");
  }

  public ReportOptions withPageSize(PageSize size) {
    return new ReportOptions(size, breakdownRows, topOpportunities, topFindings, currency);
  }

  public ReportOptions withTopOpportunities(int rows) {
    return new ReportOptions(pageSize, breakdownRows, rows, topFindings, currency);
  }

  public ReportOptions withTopFindings(int rows) {
    return new ReportOptions(pageSize, breakdownRows, topOpportunities, rows, currency);
  }
}
