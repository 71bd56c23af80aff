package io.fleetcost.report;

import io.fleetcost.scan.Finding;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * {@code security/findings.csv}: one row per finding, in the order of {@code findings.json}
 * (severity × weight), every text cell spreadsheet-safe ({@link CsvCells}).
 */
public final class FindingExport {
  static final List<String> CSV_COLUMNS =
      List.of(
          "rank",
          "check_id",
          "title",
          "severity",
          "weight",
          "file",
          "doc_index",
          "kind",
          "namespace",
          "name",
          "path",
          "message",
          "fix",
          "polaris",
          "kubescape");

  private FindingExport() {}

  public static String csv(List<Finding> findings) {
    StringWriter out = new StringWriter();
    try (CSVPrinter printer =
        new CSVPrinter(
            out, CSVFormat.RFC4180.builder().setHeader(CSV_COLUMNS.toArray(String[]::new)).get())) {
      int rank = 0;
      for (Finding f : findings) {
        printer.printRecord(
            ++rank,
            CsvCells.text(f.check().id()),
            CsvCells.text(f.check().title()),
            f.severity().name().toLowerCase(Locale.ROOT),
            f.check().weight(),
            CsvCells.text(f.file()),
            f.docIndex(),
            CsvCells.text(f.kind()),
            CsvCells.text(f.namespace()),
            CsvCells.text(f.name()),
            CsvCells.text(f.path()),
            CsvCells.text(f.message()),
            CsvCells.text(f.check().fix()),
            CsvCells.text(String.join(" ", f.check().polaris())),
            CsvCells.text(String.join(" ", f.check().kubescape())));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
