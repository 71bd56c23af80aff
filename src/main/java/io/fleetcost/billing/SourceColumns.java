package io.fleetcost.billing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** The columns one reader uses, and how they are found in a file's layout. */
public final class SourceColumns {
  private final List<SourceColumn> columns;
  private final UnaryOperator<String> headerNormalizer;

  public SourceColumns(List<SourceColumn> columns) {
    this(columns, UnaryOperator.identity());
  }

  /**
   * @param headerNormalizer applied to each header name before it is compared (case-insensitively)
   *     with the column names, e.g. AWS CUR's conversion of {@code lineItem/UnblendedCost} to
   *     {@code line_item_unblended_cost}
   */
  public SourceColumns(List<SourceColumn> columns, UnaryOperator<String> headerNormalizer) {
    this.columns = List.copyOf(columns);
    this.headerNormalizer = headerNormalizer;
  }

  public List<SourceColumn> all() {
    return columns;
  }

  public List<String> names() {
    return columns.stream().map(SourceColumn::name).toList();
  }

  /** Canonical name → the file's own column name, for every column the file has. */
  public Map<String, String> resolve(FileLayout layout) {
    Map<String, String> resolved = new LinkedHashMap<>();
    for (SourceColumn column : columns) {
      find(layout, column).ifPresent(actual -> resolved.put(column.name(), actual));
    }
    return resolved;
  }

  public Optional<String> find(FileLayout layout, SourceColumn column) {
    for (String candidate : column.names()) {
      for (String actual : layout.columns()) {
        if (headerNormalizer
            .apply(actual.trim())
            .equalsIgnoreCase(headerNormalizer.apply(candidate))) {
          return Optional.of(actual);
        }
      }
    }
    return Optional.empty();
  }

  public List<SourceColumn> missingRequired(FileLayout layout) {
    return columns.stream()
        .filter(SourceColumn::required)
        .filter(c -> find(layout, c).isEmpty())
        .toList();
  }
}
