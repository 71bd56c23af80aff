package io.fleetcost.billing;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * The CSV dialect of all provider exports: RFC 4180 (comma, double quotes doubled inside quoted
 * values, quoted values may span lines), with either line ending. Empty lines are returned as
 * records so that line numbers stay exact; the decoder skips them.
 */
public final class CsvDialect {
  public static final CSVFormat FORMAT =
      CSVFormat.RFC4180
          .builder()
          .setIgnoreEmptyLines(false)
          .setIgnoreSurroundingSpaces(false)
          .setTrim(false)
          .setAllowMissingColumnNames(true)
          .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL)
          .get();

  private CsvDialect() {}
}
