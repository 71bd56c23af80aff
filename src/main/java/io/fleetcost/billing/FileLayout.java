package io.fleetcost.billing;

import io.fleetcost.files.Compression;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a billing file looks like before any row is read: its container, its compression and its
 * columns (the CSV header, the top-level Parquet fields, or the keys seen in the first JSON lines).
 *
 * @param columnTypes for Parquet, a short type name per column ({@code string}, {@code double},
 *     {@code map}, …); for text files every column is {@code string}
 */
public record FileLayout(
    Container container,
    Compression compression,
    List<String> columns,
    Map<String, String> columnTypes) {
  public FileLayout {
    Objects.requireNonNull(container, "container is null");
    Objects.requireNonNull(compression, "compression is null");
    columns = List.copyOf(columns);
    columnTypes = Map.copyOf(columnTypes);
  }

  /** The file's own spelling of a column, matched without regard to case or surrounding blanks. */
  public Optional<String> find(String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    return columns.stream()
        .filter(c -> c.trim().toLowerCase(Locale.ROOT).equals(wanted))
        .findFirst();
  }

  public Optional<String> findAny(List<String> names) {
    for (String name : names) {
      Optional<String> found = find(name);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  public boolean has(String name) {
    return find(name).isPresent();
  }

  public String typeOf(String column) {
    return columnTypes.getOrDefault(column, "string");
  }

  public String describe() {
    String kind =
        switch (container) {
          case CSV -> "CSV";
          case JSON_LINES -> "JSON lines";
          case PARQUET -> "Parquet";
        };
    return compression == Compression.NONE
        ? kind
        : kind + " (" + compression.name().toLowerCase(Locale.ROOT) + ")";
  }

  public String preview(int count) {
    return columns.stream().limit(count).collect(Collectors.joining(", "))
        + (columns.size() > count ? ", … (" + columns.size() + " columns)" : "");
  }
}
