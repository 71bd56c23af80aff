package io.fleetcost.report;

/**
 * Text cells for CSV exports that spreadsheets open safely: a cell that starts with {@code =}, {@code +}, {@code -},
 * {@code @}, a tab or a carriage return would be run as a formula by Excel, LibreOffice or Google Sheets (OWASP "CSV
 * injection"), so it gets a leading apostrophe, which the spreadsheet shows as text. Numbers FleetCost writes itself
 * are not passed through here.
 */
public final class CsvCells {
  private CsvCells() {}

  public static String text(String value) {
    if (value == null || value.isEmpty()) {
      return value == null ? "" : value;
    }
    char first = value.charAt(0);
    return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
        ? "'" + value
        : value;
  }
}
