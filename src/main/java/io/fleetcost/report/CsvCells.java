package io.fleetcost.report;

import java.util.regex.Pattern;

/**
 * Text cells for CSV exports that spreadsheets open safely: a cell that starts with {@code =},
 * {@code +}, {@code -}, {@code @}, a tab or a carriage return would be run as a formula by Excel,
 * LibreOffice or Google Sheets (OWASP "CSV injection"), so it gets a leading apostrophe, which the
 * spreadsheet shows as text. Numbers FleetCost writes itself are not passed through here.
 */
public final class CsvCells {
  private CsvCells() {}

  /**
   * A regular expression (Java and Spark's {@code rlike}) that matches the text cells {@link #text}
   * prefixes.
   */
  public static final String FORMULA_START_PATTERN = "^[=+\\-@\\t\\r]";

  private static final Pattern FORMULA_START = Pattern.compile(FORMULA_START_PATTERN);

  public static String text(String value) {
    if (value == null) {
      return "";
    }
    return FORMULA_START.matcher(value).find() ? "'" + value : value;
  }
}
