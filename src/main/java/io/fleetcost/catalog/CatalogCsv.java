package io.fleetcost.catalog;

import io.fleetcost.error.ErrorCode;
import io.fleetcost.error.FleetCostException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a catalog table: a CSV file with a header, {@code #} comments, and one source and date per
 * row. A bad row fails the load with the file's name and the row's line; the catalog ships with
 * FleetCost, so that is a failed job (exit 1), not bad input.
 */
final class CatalogCsv {
  private CatalogCsv() {}

  /** A row being read, with typed accessors that fail with the line number. */
  static final class Row {
    private final CSVRecord record;
    private final String name;
    private final long line;

    Row(CSVRecord record, String name, long line) {
      this.record = record;
      this.name = name;
      this.line = line;
    }

    String text(String column) {
      String value = record.isMapped(column) ? record.get(column) : null;
      if (value == null || value.isBlank()) {
        throw invalid(column + " is empty");
      }
      return value.trim();
    }

    String optionalText(String column) {
      String value = record.isMapped(column) ? record.get(column) : null;
      return value == null || value.isBlank() ? null : value.trim();
    }

    int positiveInt(String column) {
      try {
        int value = Integer.parseInt(text(column));
        if (value <= 0) {
          throw invalid(column + " must be positive (got " + value + ")");
        }
        return value;
      } catch (NumberFormatException e) {
        throw invalid(column + " is not a whole number: " + record.get(column));
      }
    }

    BigDecimal positiveDecimal(String column) {
      BigDecimal value = optionalDecimal(column);
      if (value == null) {
        throw invalid(column + " is empty");
      }
      return value;
    }

    BigDecimal optionalDecimal(String column) {
      String text = optionalText(column);
      if (text == null) {
        return null;
      }
      try {
        BigDecimal value = new BigDecimal(text);
        if (value.signum() <= 0) {
          throw invalid(column + " must be positive (got " + text + ")");
        }
        return value;
      } catch (NumberFormatException e) {
        throw invalid(column + " is not a number: " + text);
      }
    }

    String date(String column) {
      String text = text(column);
      try {
        LocalDate.parse(text);
        return text;
      } catch (RuntimeException e) {
        throw invalid(column + " is not a date (YYYY-MM-DD): " + text);
      }
    }

    FleetCostException invalid(String why) {
      return new FleetCostException(
          ErrorCode.INTERNAL,
          String.format("Cannot load the catalog %s: line %d: %s", name, line, why));
    }
  }

  static <T> List<T> read(String resource, Function<Row, T> mapper) {
    try (InputStream in = CatalogCsv.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new FleetCostException(
            ErrorCode.INTERNAL, "Cannot load the catalog: " + resource + " is not in the jar");
      }
      return read(new InputStreamReader(in, StandardCharsets.UTF_8), resource, mapper);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static <T> List<T> read(Reader reader, String name, Function<Row, T> mapper) {
    CSVFormat format =
        CSVFormat.RFC4180
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setCommentMarker('#')
            .get();
    List<T> rows = new ArrayList<>();
    try (CSVParser parser = format.parse(reader)) {
      for (CSVRecord record : parser) {
        rows.add(mapper.apply(new Row(record, name, parser.getCurrentLineNumber())));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (rows.isEmpty()) {
      throw new FleetCostException(
          ErrorCode.INTERNAL, "Cannot load the catalog " + name + ": it has no rows");
    }
    return rows;
  }
}
