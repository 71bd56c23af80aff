package io.fleetcost.billing.azure;

import static io.fleetcost.billing.azure.AzureCostManagementColumns.*;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@link CostManagementPull}'s landed rows: a response row's values, read by column name, as text
 * in the landed columns ({@link AzureCostManagementColumns}).
 */
final class CostManagementRows {
  private final List<String> columns;
  private final String dataset;

  /**
   * @param columns the landed columns, in order
   * @param dataset the dataset's label, landed on every row
   */
  CostManagementRows(List<String> columns, String dataset) {
    this.columns = List.copyOf(columns);
    this.dataset = dataset;
  }

  /** Each response column's position, by its name in any case. */
  static Map<String, Integer> positions(List<String> columns) {
    Map<String, Integer> positions = new HashMap<>();
    for (int i = 0; i < columns.size(); i++) {
      positions.putIfAbsent(columns.get(i).toLowerCase(Locale.ROOT), i);
    }
    return positions;
  }

  /** A response row as a landed row, in the landed columns' order. */
  String[] row(Map<String, Integer> positions, List<Object> values, String requestId, int page) {
    Map<String, String> landed = new LinkedHashMap<>();
    landed.put(USAGE_DATE, usageDate(value(positions, values, USAGE_DATE)));
    for (String dimension : DIMENSIONS) {
      landed.put(dimension, value(positions, values, dimension));
    }
    for (String name : COST_NAMES) {
      if (positions.containsKey(name.toLowerCase(Locale.ROOT))) {
        landed.put(COST, value(positions, values, name));
        landed.put(COST_COLUMN, name);
        break;
      }
    }
    String currency = value(positions, values, CURRENCY);
    landed.put(
        CURRENCY, currency == null && "CostUSD".equals(landed.get(COST_COLUMN)) ? "USD" : currency);
    landed.put(DATASET, dataset);
    landed.put(REQUEST_ID, requestId);
    landed.put(PAGE, Integer.toString(page));
    String[] row = new String[columns.size()];
    for (int i = 0; i < row.length; i++) {
      row[i] = landed.get(columns.get(i));
    }
    return row;
  }

  private static String value(Map<String, Integer> positions, List<Object> values, String name) {
    Integer position = positions.get(name.toLowerCase(Locale.ROOT));
    return position == null || position >= values.size() ? null : text(values.get(position));
  }

  /**
   * A value as text: numbers without exponent, as the shortest decimal that reads back as the same
   * double.
   */
  static String text(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Double || value instanceof Float) {
      double number = ((Number) value).doubleValue();
      return Double.isFinite(number)
          ? BigDecimal.valueOf(number).toPlainString()
          : value.toString();
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    return value.toString();
  }

  /**
   * {@code 20261130} as {@code 2026-11-30}; a date-time keeps its day; anything else stays as sent.
   */
  static String usageDate(String text) {
    if (text == null) {
      return null;
    }
    String value = text.trim();
    if (value.matches("\\d{8}")) {
      return value.substring(0, 4) + "-" + value.substring(4, 6) + "-" + value.substring(6, 8);
    }
    if (value.matches("\\d{4}-\\d{2}-\\d{2}([T ].*)?")) {
      return value.substring(0, 10);
    }
    return value;
  }
}
