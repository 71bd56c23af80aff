package io.fleetcost.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * {@link CsvRecords} returns what Commons CSV returns, records and start lines, or fails where it
 * fails.
 */
class CsvRecordsTest {
  /** Each record as its start line and values, then the failure if one ended the file. */
  private static List<String> commonsCsv(String text) {
    List<String> out = new ArrayList<>();
    try (CSVParser parser = CsvDialect.FORMAT.parse(new StringReader(text))) {
      Iterator<CSVRecord> records = parser.iterator();
      while (true) {
        long line = parser.getCurrentLineNumber() + 1;
        try {
          if (!records.hasNext()) {
            break;
          }
          out.add(line + " " + Arrays.asList(records.next().values()));
        } catch (UncheckedIOException | IllegalStateException e) {
          out.add(
              "failed after line "
                  + parser.getCurrentLineNumber()
                  + ": "
                  + e.getClass().getName()
                  + ": "
                  + e.getMessage());
          break;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static List<String> csvRecords(String text, int bufferSize) {
    List<String> out = new ArrayList<>();
    try (CsvRecords records = new CsvRecords(() -> new StringReader(text), bufferSize)) {
      while (true) {
        long line = records.nextLine();
        try {
          String[] record = records.next();
          if (record == null) {
            break;
          }
          out.add(line + " " + Arrays.asList(record));
        } catch (UncheckedIOException | IllegalStateException e) {
          out.add(
              "failed after line "
                  + records.linesRead()
                  + ": "
                  + e.getClass().getName()
                  + ": "
                  + e.getMessage());
          break;
        }
      }
    }
    return out;
  }

  @Test
  void plainAndQuotedRecordsWithEveryLineEnd() {
    String text = "a,b,c\r\n1,\"x,\"\"y\"\"\nz\",3\n\n4,,\r5,\"\",6\n";
    for (int size : new int[] {1, 2, 3, 5, 1 << 16}) {
      assertThat(csvRecords(text, size)).as("buffer %d", size).isEqualTo(commonsCsv(text));
    }
    assertThat(commonsCsv(text))
        .hasSize(5)
        .element(1)
        .asString()
        .startsWith("2 [1, x,\"y\"\nz, 3]");
    assertThat(readByCommonsCsv(text)).isFalse();
    assertThat(readByCommonsCsv("a,b\n1,x\"y\n")).isTrue();
  }

  private static boolean readByCommonsCsv(String text) {
    try (CsvRecords records = new CsvRecords(() -> new StringReader(text), 3)) {
      while (records.next() != null) {
        // read to the end
      }
      return records.readByCommonsCsv();
    }
  }

  @Test
  void whatItDoesNotScanItLeavesToCommonsCsv() {
    List<String> texts =
        List.of(
            "a,b\n1,x\"y\n2,3\n", // a quote inside an unquoted value
            "a,b\n1,\"x\" \n2,3\n", // a space after a closing quote
            "a,b\n1,\"x\"y\n", // text after a closing quote
            "a,b\n1,\"x\n", // an unterminated quote
            "a,b\n1,2", // no line end at the end
            "a,b\n1,", // a comma at the end
            "a,b\n1,\"2\"" // a closing quote at the end
            );
    for (String text : texts) {
      for (int size : new int[] {1, 4, 1 << 16}) {
        assertThat(csvRecords(text, size))
            .as("%s with buffer %d", text, size)
            .isEqualTo(commonsCsv(text));
      }
    }
  }

  @Test
  void randomTextsReadAsCommonsCsvReadsThem() {
    Random random = new Random(20261101);
    char[] alphabet = {'a', 'b', ' ', ',', ',', '"', '"', '\r', '\n', '\n', 'é'};
    for (int i = 0; i < 20_000; i++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(40);
      for (int j = 0; j < length; j++) {
        text.append(alphabet[random.nextInt(alphabet.length)]);
      }
      if (random.nextBoolean()) {
        text.append('\n');
      }
      String input = text.toString();
      int size = 1 + random.nextInt(8);
      assertThat(csvRecords(input, size))
          .as("%s with buffer %d", input.replace("\r", "\\r").replace("\n", "\\n"), size)
          .isEqualTo(commonsCsv(input));
    }
  }
}
