package io.fleetcost.billing;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The records of a CSV file in {@link CsvDialect}, exactly as Commons CSV reads them, with the line
 * each starts on. Plain records (unquoted values without a quote, quoted values closed right before
 * a comma or a line end, the last record ended by a line end) are scanned here, several times
 * faster than Commons CSV; at anything else (a quote inside an unquoted value, text after a closing
 * quote, an unterminated quote, a last record without a line end) the file is read again from its
 * start with Commons CSV, which skips the records already returned and decides, as it always did,
 * what the rest holds or why it cannot be read.
 */
final class CsvRecords implements AutoCloseable {
  private static final String[] FALLBACK = new String[0];

  private final Supplier<Reader> open;
  private Reader reader;
  private final char[] buffer;
  private int position;
  private int limit;
  private boolean endOfFile;

  /** Line ends read so far (a CR LF pair is one), as Commons CSV counts them. */
  private long lineEnds;

  private long returned;
  private final List<String> values = new ArrayList<>();
  private final StringBuilder spill = new StringBuilder();

  private CSVParser parser;
  private Iterator<CSVRecord> records;

  CsvRecords(Supplier<Reader> open) {
    this(open, 1 << 16);
  }

  /** With another buffer size (tests use tiny ones to put values across refills). */
  CsvRecords(Supplier<Reader> open, int bufferSize) {
    this.open = open;
    this.buffer = new char[bufferSize];
    this.reader = open.get();
  }

  /** The line the next record starts on. */
  long nextLine() {
    return parser != null ? parser.getCurrentLineNumber() + 1 : lineEnds + 1;
  }

  /** Whether Commons CSV reads the file now. */
  boolean readByCommonsCsv() {
    return parser != null;
  }

  /** The lines read so far, for messages. */
  long linesRead() {
    return parser != null ? parser.getCurrentLineNumber() : lineEnds;
  }

  /**
   * The next record's values, or null at the end. Commons CSV's failures come as they do from its
   * iterator ({@link UncheckedIOException}, {@link IllegalStateException}).
   */
  String[] next() {
    if (parser == null) {
      String[] record = scan();
      if (record != FALLBACK) {
        if (record != null) {
          returned++;
        }
        return record;
      }
      switchToCommonsCsv();
    }
    return records.hasNext() ? records.next().values() : null;
  }

  private void switchToCommonsCsv() {
    closeReader();
    try {
      parser = CsvDialect.FORMAT.parse(open.get());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    records = parser.iterator();
    for (long i = 0; i < returned; i++) {
      records.next();
    }
  }

  /** One plain record, null at the end of the file, or {@link #FALLBACK} for anything else. */
  private String[] scan() {
    if (!available()) {
      return null;
    }
    values.clear();
    while (true) {
      char c = buffer[position];
      if (c == '"') {
        position++;
        if (!quotedValue()) {
          return FALLBACK;
        }
      } else if (!plainValue()) {
        return FALLBACK;
      }
      if (!available()) {
        return FALLBACK; // the last record without a line end
      }
      c = buffer[position++];
      if (c == ',') {
        if (!available()) {
          return FALLBACK;
        }
        continue;
      }
      // a line end: CR, LF or CR LF
      if (c == '\r' && available() && buffer[position] == '\n') {
        position++;
      }
      lineEnds++;
      return values.toArray(new String[0]);
    }
  }

  /** An unquoted value up to a comma or a line end (not consumed); false at a quote. */
  private boolean plainValue() {
    spill.setLength(0);
    boolean spilled = false;
    while (true) {
      int start = position;
      while (position < limit) {
        char c = buffer[position];
        if (c == ',' || c == '\r' || c == '\n') {
          values.add(
              spilled
                  ? spill.append(buffer, start, position - start).toString()
                  : new String(buffer, start, position - start));
          return true;
        }
        if (c == '"') {
          return false;
        }
        position++;
      }
      spill.append(buffer, start, position - start);
      spilled = true;
      if (!available()) {
        values.add(spill.toString());
        return true;
      }
    }
  }

  /**
   * A quoted value after its opening quote, through its closing quote (doubled quotes are one
   * quote); false when the closing quote is not followed by a comma, a line end or the end of the
   * file, or when the file ends first.
   */
  private boolean quotedValue() {
    spill.setLength(0);
    while (true) {
      if (!available()) {
        return false;
      }
      int start = position;
      while (position < limit) {
        char c = buffer[position];
        if (c == '"') {
          spill.append(buffer, start, position - start);
          position++;
          if (!available()) {
            values.add(spill.toString());
            return true;
          }
          char after = buffer[position];
          if (after == '"') {
            spill.append('"');
            position++;
            start = position;
            continue;
          }
          if (after == ',' || after == '\r' || after == '\n') {
            values.add(spill.toString());
            return true;
          }
          return false;
        }
        if (c == '\r') {
          lineEnds++;
          if (position + 1 < limit && buffer[position + 1] == '\n') {
            position++;
          } else if (position + 1 == limit) {
            // a CR at the buffer's end: count a following LF with it
            spill.append(buffer, start, position + 1 - start);
            position++;
            if (available() && buffer[position] == '\n') {
              spill.append('\n');
              position++;
            }
            start = position;
            continue;
          }
        } else if (c == '\n') {
          lineEnds++;
        }
        position++;
      }
      spill.append(buffer, start, position - start);
    }
  }

  /** Whether a character is there to read, refilling the buffer when needed. */
  private boolean available() {
    if (position < limit) {
      return true;
    }
    if (endOfFile) {
      return false;
    }
    try {
      int read;
      do {
        read = reader.read(buffer, 0, buffer.length);
      } while (read == 0);
      if (read < 0) {
        endOfFile = true;
        return false;
      }
      position = 0;
      limit = read;
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void closeReader() {
    try {
      reader.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      if (parser != null) {
        parser.close();
      } else {
        reader.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
